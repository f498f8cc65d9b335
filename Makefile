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

test: install                 ## the whole test suite
	$(PY) -m pytest

eval: install                 ## precision / recall / F1 per field and split
	$(PY) -m pipeline eval

retrain: install               ## score rules, learn from reviews, write a new rules version if no worse
	$(PY) -m pipeline retrain

clean:
	rm -rf output/*.csv output/*.parquet output/*.json
