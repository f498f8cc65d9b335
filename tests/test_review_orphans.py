"""Orphaned decisions on the review page: a decision whose row the pipeline no longer
produces is listed with its old evidence, and can be re-attached to a row of the same
document or dropped; nothing else moves."""
from __future__ import annotations

import pytest

from pipeline.review.app import create_app
from pipeline.review.fixture import HOSTILE, write_fixture
from pipeline.review.store import ReviewStore

GONE = "feedfacecafebeef"


@pytest.fixture
def site(tmp_path):
    output, corpus = write_fixture(tmp_path)
    app = create_app(output, corpus, reviewer="ana")
    out, store = app.extensions["review"]
    rows = {r["doc_id"] + ":" + r["kind"]: r for r in out.rows}
    for key, fields in (("fx_001:investment", {"amount_value": "4500000000"}), ("fx_evil:investment", {})):
        row = rows[key]
        old = {**row, "row_id": GONE if key.startswith("fx_001") else "0" * 16,
               "evidence": row["evidence"] + " (old wording)"}
        store.decide({"id": row["doc_id"], "text": "x"}, old["row_id"], "correct" if fields else "reject",
                     fields, old)
    store.decide({"id": "fx_002", "text": "x"}, rows["fx_002:investment"]["row_id"], "accept",
                 original=rows["fx_002:investment"])
    return app, app.test_client(), store, rows


def post(client, app, url, **form):
    return client.post(url, data={"token": app.config["REVIEW_TOKEN"], **form})


def test_review_orphans_listed_with_their_old_evidence(site):
    app, client, store, rows = site
    html = client.get("/").get_data(as_text=True)
    assert 'id="orphaned"' in html and html.count('class="orphan ') == 2
    assert html.count("(old wording)") == 2
    assert HOSTILE not in html and "&lt;script&gt;" in html
    assert [d["row_id"] for d in store.orphaned(set(r["row_id"] for r in rows.values()))] == [GONE, "0" * 16]


def test_review_orphans_reattach_keeps_decision_and_corrections(site):
    app, client, store, rows = site
    target = rows["fx_001:investment"]["row_id"]
    assert post(client, app, f"/orphan/{GONE}/attach", target=target).status_code == 303
    decision = store.decisions()[target]
    assert (decision["decision"], decision["fields"], decision["reattached_from"]) == \
        ("correct", {"amount_value": "4500000000"}, GONE)
    assert decision["original"]["row_id"] == target and GONE not in store.decisions()
    assert [d["row_id"] for d in store.load("fx_001")["history"]] == [GONE]


@pytest.mark.parametrize("target", ["", "0000000000000000", "{other_doc}"])
def test_review_orphans_reattach_refuses_rows_of_other_documents(site, target):
    app, client, store, rows = site
    target = target.format(other_doc=rows["fx_002:investment"]["row_id"])
    response = post(client, app, f"/orphan/{GONE}/attach", target=target)
    assert response.status_code == 303 and GONE in store.decisions()


def test_review_orphans_drop_and_unknown(site):
    app, client, store, rows = site
    assert post(client, app, f"/orphan/{GONE}/drop").status_code == 303
    assert GONE not in store.decisions() and rows["fx_002:investment"]["row_id"] in store.decisions()
    assert post(client, app, f"/orphan/{GONE}/drop").status_code == 404
    assert post(client, app, f"/orphan/{rows['fx_002:investment']['row_id']}/drop").status_code == 404
    assert client.post(f"/orphan/{'0' * 16}/drop").status_code == 403       # no page token
    assert 'id="orphaned"' in client.get("/").get_data(as_text=True)
