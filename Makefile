# gavah — two commands on a fresh machine: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.stamp-install

.PHONY: demo test lint setup system-deps bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,provenance,s3,dask,hsm]'
	touch $(STAMP)

setup: system-deps $(STAMP)

# Debian packages the tests and demo need (browser, OCR, fonts); skipped when present.
system-deps:
	@bash scripts/system-deps.sh

lint: setup
	$(VENV)/bin/ruff check gavah tests bench demo scripts
	$(VENV)/bin/mypy gavah
	$(VENV)/bin/lint-imports

test: lint
	$(VENV)/bin/pytest

demo: setup
	$(PY) demo/run.py

bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) demo-workspace
