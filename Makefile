# Two commands for a fresh machine with Python 3.11 and make:
#   make site   - create .venv/, install, check the content and build site/
#   make test   - the whole test suite (and ruff)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: site test check serve lint clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

site: $(INSTALLED)
	$(BIN)/kennisbank check
	$(BIN)/kennisbank build

check: $(INSTALLED)
	$(BIN)/kennisbank check

serve: $(INSTALLED)
	$(BIN)/kennisbank serve

lint: $(INSTALLED)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks

test: $(INSTALLED) lint
	$(BIN)/pytest -q

clean:
	rm -rf build site .site-new-* .site-old-*
