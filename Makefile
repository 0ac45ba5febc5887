# dangjian: `make run` installs, ingests corpus/ and serves on 127.0.0.1:8000;
# `make test` installs everything the tests need and runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= data
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-dev system-deps ingest serve bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian packages the browser tests need: Chromium and a CJK font.
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'cjk'; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; fi; \
	fi

ingest: install
	$(BIN)/dangjian ingest corpus --store $(STORE) --report $(STORE)/ingest-report.json

serve: install
	$(BIN)/dangjian serve --store $(STORE) --host $(HOST) --port $(PORT)

run: install ingest serve

test: install-dev system-deps
	$(BIN)/python -m pytest -q

bench: install-dev
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) data .pytest_cache tests/artifacts
