# Two commands set everything up on a fresh machine:
#   make run    install, migrate, load the demo content and serve http://$(HOST):$(PORT)
#   make test   install (with the test tools) and run the test suite
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run install install-dev migrate demo test test-browser test-all fuzz soak check lint bench clean

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) est introuvable : installez Python 3.11 ou lancez make PYTHON=python3 …"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Stamp files: pip runs again only when a requirements file changes.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --noinput

# The demo content comes with the development tools (portal.devtools, requirements-dev.txt).
demo: install-dev migrate
	$(PY) manage.py load_demo

run: demo
	@echo ""
	@echo "Portail : http://$(HOST):$(PORT)/   (administration : http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# On every core (pytest-xdist): each worker creates its own test database (test_<name>_gw0, _gw1…, or an
# in-memory SQLite one) from the migrations, every run. No --reuse-db: on SQLite there is nothing to
# reuse, and on PostgreSQL it would keep the schema of an earlier run when a migration changes.
# Work stealing: a worker that runs out of tests takes some of the other's, so that a long module met at
# the end (the bench's, the relevance table's) does not leave one core idle (210 -> 197 s here).
# One file, one process: make test PYTEST_WORKERS=0 PYTEST_ARGS=tests/test_fiches.py
PYTEST_WORKERS ?= auto
test: install-dev
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium); .ci/run installs it.
# Two processes (pytest-xdist), each with its own database, live server and Chromium: most of a browser
# test is waiting (for the autosave's timer, for a page's scripts), and two share the cores well
# (183 -> 115 to 148 s here). One process: make test-browser BROWSER_WORKERS=0
BROWSER_WORKERS ?= 2
test-browser: install-dev
	$(VENV)/bin/pytest -n $(BROWSER_WORKERS) --dist worksteal -m browser tests/browser $(PYTEST_ARGS)

# The long fuzz run (tests/test_fuzz.py; the suite runs a short one): FUZZ_EXAMPLES requests as a reader
# over every listing, search, suggestion and API URL, with a new seed each run, printed with the figures
# at the end (FUZZ_SEED=… replays a run). One process: the requests are counted in it.
FUZZ_EXAMPLES ?= 10000
fuzz: install-dev
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_SEED=$(FUZZ_SEED) $(VENV)/bin/pytest -p no:xdist tests/test_fuzz.py -k below_500 $(PYTEST_ARGS)

check: install-dev
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

lint: install-dev
	$(VENV)/bin/ruff check .

bench: install-dev
	$(PY) manage.py bench $(BENCH_ARGS)

# Endurance, on loopback only: the production server (deploy/serve) on a throwaway database of 10,000
# fiches; 50 idle connections, then 50 concurrent readers for 60 s over pages no cache holds yet
# (docs/performance.md). About 4 minutes. SOAK_ARGS="--fiches 2000 --duree 20" for a quick look,
# "--comparer" to measure gunicorn's workers on the same idle connections.
soak: install-dev
	$(PY) manage.py soak $(SOAK_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
