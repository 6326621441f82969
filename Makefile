# Two commands for a fresh machine with Python 3.11 and make:
#   make site   - create .venv/, install, check the content and build site/
#   make test   - the whole test suite (and ruff)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: site test check serve lint clean browser pdf-deps pdf-tools bench bench-content bench-pages

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

# WeasyPrint (the PDFs) needs Debian's Pango and a font; installed when missing and we may (root with apt).
APT_INSTALL = [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
pdf-deps:
	@{ ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -qi dejavu; } || \
	  { $(APT_INSTALL) libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; } || \
	  echo "Pango of DejaVu ontbreekt en kan niet worden geïnstalleerd: de PDF's zullen mislukken"

# The tests read PDFs the way a person checks them: poppler's pdftotext, and pdftoppm for a page as an image.
pdf-tools:
	@command -v pdftoppm >/dev/null 2>&1 || { $(APT_INSTALL) poppler-utils >/dev/null; } || \
	  echo "poppler-utils ontbreekt en kan niet worden geïnstalleerd: PDF-tests zullen mislukken"

site: $(INSTALLED) pdf-deps
	$(BIN)/kennisbank check
	$(BIN)/kennisbank build

check: $(INSTALLED)
	$(BIN)/kennisbank check

serve: $(INSTALLED)
	$(BIN)/kennisbank serve

lint: $(INSTALLED)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy

# Browser tests drive Debian's Chromium, as its headless shell (a third of the CPU per new page; the
# benchmarks use the full browser); install both where we may (root with apt), else the tests take the
# full browser, or skip with a reason (under CI=true a missing browser fails them).
browser:
	@{ command -v chromium && command -v chromium-headless-shell; } >/dev/null 2>&1 || \
	  { $(APT_INSTALL) chromium chromium-headless-shell >/dev/null; } || \
	  echo "Chromium niet (helemaal) geïnstalleerd: browsertests worden trager of overgeslagen"

# One worker more than there are cores: the browser tests spend part of their time waiting on Chromium,
# and the extra worker fills it (on 2 cores with the full browser: 423 s with 2 workers, 380 s with 3, 448 s
# with 4; with the headless shell 250, 210-291 and 262 s, as much the machine's noise as the choice).
# worksteal evens out the long files; the workers share one build of the real site (tests/conftest.py).
test: $(INSTALLED) lint browser pdf-deps pdf-tools
	$(BIN)/pytest -q -n $$(( $$(nproc) + 1 )) --dist worksteal

# The scaling benchmark: 200, 1,000 and 5,000 synthetic items, every stage timed; writes
# benchmarks/RESULTS.md. About 15 minutes on 2 cores.
bench: $(INSTALLED) pdf-deps browser
	$(BIN)/python benchmarks/run.py --sizes 200,1000,5000 --markdown benchmarks/RESULTS.md

# The real content: the whole build, and every form's PDF on its own.
bench-content: $(INSTALLED) pdf-deps
	$(BIN)/python benchmarks/real_content.py
	$(BIN)/python benchmarks/pdf_forms.py

# Light pages: bytes, requests and blocking time of a first visit per page type, on a phone profile.
bench-pages: $(INSTALLED) browser
	test -f site/index.html || $(MAKE) site
	$(BIN)/python benchmarks/page_weight.py

clean:
	rm -rf build site .site-new-* .site-old-* .site-offline-*
