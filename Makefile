# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

# Every package, transitive ones included, pinned with hashes (uv pip compile from pyproject.toml),
# locked for CPython 3.11 on x86_64 Linux, this machine's Python: `make lock` rewrites both files.
LOCK       := requirements.lock
BENCH_LOCK := requirements-bench.lock
LOCK_TOOLS := .venv-lock
UV         := $(LOCK_TOOLS)/bin/uv
UV_VERSION := 0.13.8
# extra uv flags, e.g. `make lock LOCK_FLAGS=--upgrade` or `LOCK_FLAGS='--upgrade-package numpy'`
LOCK_FLAGS ?=
COMPILE     = $(UV) pip compile pyproject.toml --generate-hashes --python-version 3.11 \
              --python-platform x86_64-unknown-linux-gnu --custom-compile-command 'make lock' --quiet $(LOCK_FLAGS)

.PHONY: install lock run test eval bench review report screenshot retrain clean

# the venv's own pip (23.2 from ensurepip) mis-reads a dependency's extra ('lxml[html_clean]') as
# unpinned under --require-hashes as soon as a newer release exists: a fixed, newer pip first
PIP_VERSION := 25.3

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet pip==$(PIP_VERSION)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m pip check
	touch $(STAMP)

install: $(STAMP)             ## create .venv and install the lock (French model included), then this package

lock: $(UV)                   ## re-pin requirements.lock (+ dev extra) and requirements-bench.lock from pyproject.toml
	$(COMPILE) --extra dev -o $(LOCK)
	$(COMPILE) --extra dev --extra bench --constraint $(LOCK) -o $(BENCH_LOCK)

$(UV):
	$(PYTHON) -m venv $(LOCK_TOOLS)
	$(LOCK_TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

run: install                  ## process corpus/ into output/
	$(PY) -m pipeline run corpus/ --out output/

test: install                 ## the whole test suite, then the browser tests (Debian's chromium)
	$(PY) -m pytest && $(PY) -m pytest tests/browser -p no:cacheprovider

review: install               ## review extracted rows on http://127.0.0.1:8000 (decisions -> corpus/reviews/)
	$(PY) -m pipeline review output/ --port 8000

report: install               ## output/report.html: charts, announcements, what needs a reviewer (offline)
	$(PY) -m pipeline report output/

screenshot: report            ## docs/report.png from output/report.html (headless Debian chromium)
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	  --hide-scrollbars --window-size=1280,1500 --virtual-time-budget=10000 \
	  --screenshot=docs/report.png "file://$(CURDIR)/output/report.html"

eval: install                 ## precision / recall / F1 per field and split
	$(PY) -m pipeline eval

retrain: install               ## score rules, learn from reviews, write a new rules version if no worse
	$(PY) -m pipeline retrain

bench: install                ## speed, memory, re-run and money-layer figures on a generated corpus
	$(PY) -m pip install --quiet --require-hashes -r $(BENCH_LOCK)
	$(PY) -m pipeline bench --docs 5000
	$(PY) -m pipeline bench --scale 10000,100000 --budget 60

clean:
	rm -rf output/*.csv output/*.parquet output/*.json
