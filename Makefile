# Two commands do all the set-up on a fresh clone:
#   make serve   build the knowledge base and serve the website on http://127.0.0.1:8000
#   make test    run the whole test suite (installs Chromium and LibreOffice if missing)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install system-deps serve build test test-fast bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

system-deps:
	./scripts/install-system-deps.sh

serve: install
	$(BIN)/lscb-kb serve

build: install
	$(BIN)/lscb-kb build

test: install system-deps
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow"

bench: install
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf build site exports
