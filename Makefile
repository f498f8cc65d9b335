# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test eval bench review retrain clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)             ## create .venv and install everything (French model included)

run: install                  ## process corpus/ into output/
	$(PY) -m pipeline run corpus/ --out output/

test: install                 ## the whole test suite, then the browser tests (Debian's chromium)
	$(PY) -m pytest && $(PY) -m pytest tests/browser -p no:cacheprovider

review: install               ## review extracted rows on http://127.0.0.1:8000 (decisions -> corpus/reviews/)
	$(PY) -m pipeline review output/ --port 8000

eval: install                 ## precision / recall / F1 per field and split
	$(PY) -m pipeline eval

retrain: install               ## score rules, learn from reviews, write a new rules version if no worse
	$(PY) -m pipeline retrain

bench: install                ## speed, memory, re-run and money-layer figures on a generated corpus
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) -m pipeline bench --docs 5000

clean:
	rm -rf output/*.csv output/*.parquet output/*.json
