"""Browser tests: one review server per session (a thread on 127.0.0.1, a free port) on a
small fixture output in a temp folder, driven by Playwright through Debian's Chromium.

Playwright cannot download its own browser here, so the tests launch the `chromium` package
(`apt-get install -y chromium`; CI does it in .ci/run). Without it they FAIL, never skip.
"""
from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from pipeline.review.app import create_app
from pipeline.review.fixture import write_fixture

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.browser)


def chromium_path() -> str | None:
    """$REVIEW_CHROMIUM, else `chromium` on PATH, else /usr/bin/chromium, if it exists."""
    for candidate in (os.environ.get("REVIEW_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = chromium_path()
    if path is None:
        pytest.fail("Chromium not found: the browser tests need Debian's chromium package. "
                    "Install it with `apt-get update && apt-get install -y chromium` "
                    "(or set REVIEW_CHROMIUM=/path/to/chromium).", pytrace=False)
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_ARGS}


@dataclass(frozen=True)
class Site:
    url: str
    output: Path
    corpus: Path

    @property
    def reviews(self) -> Path:
        return self.corpus / "reviews"


@pytest.fixture(scope="session")
def review_site(tmp_path_factory):
    output, corpus = write_fixture(tmp_path_factory.mktemp("review"))
    server = make_server("127.0.0.1", 0, create_app(output, corpus, reviewer="browser"),
                         threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(f"http://127.0.0.1:{server.server_port}", output, corpus)
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def base_url(review_site):
    return review_site.url


@pytest.fixture(autouse=True)
def fresh_reviews(review_site):
    """Every test starts with no decision saved."""
    for path in review_site.reviews.glob("*.reviews.jsonl"):
        path.unlink()
    yield


@pytest.fixture
def page(page):
    page.set_default_timeout(5000)
    return page
