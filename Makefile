# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.PHONY: run test bench lint setup migrate seed messages clean lighthouse

# Find a Python 3.12: pyenv's, or one on PATH.
PYTHON := $(shell (command -v pyenv >/dev/null && pyenv root >/dev/null 2>&1 && ls -d $$(pyenv root)/versions/$(PYTHON_VERSION)*/bin/python 2>/dev/null | tail -n1) || command -v python$(PYTHON_VERSION) || command -v python3)

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null || { \
	  echo "Python $(PYTHON_VERSION) is needed: install it with pyenv (pyenv install $(PYTHON_VERSION)) or your package manager (python3.12)."; exit 1; }
	@echo "Creating the virtualenv with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): $(PY) requirements.txt requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $(STAMP)

setup: $(STAMP)
	@mkdir -p var/mail var/media
	$(PY) bin/compile_messages.py  # polib, not gettext's msgfmt: nothing to install beyond pip

migrate: setup
	$(MANAGE) migrate --noinput -v0

seed: migrate
	$(MANAGE) seed_demo

run: seed
	@echo ""
	@echo "  Site:   http://127.0.0.1:8000/"
	@echo "  Admin:  http://127.0.0.1:8000/admin/  (login: admin / admin)"
	@echo "  Mail:   written to var/mail/"
	@echo "  Ctrl-C stops the web server and the task worker."
	@echo ""
	$(VENV)/bin/honcho start -f Procfile

test: setup
	@if [ -n "$$CHROMIUM" ] || command -v chromium >/dev/null || [ -x /usr/bin/chromium ]; then echo "Chromium found: browser tests will run."; \
	else echo "NOTE: Chromium is not installed (apt-get install -y --no-install-recommends chromium): the browser tests in tests/e2e are skipped."; fi
	@echo "Database: $${DATABASE_URL:-SQLite}"
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: setup
	$(PY) -m bench $(BENCH_ARGS)

# Lighthouse for `make bench` (bench/bench_lighthouse.py), pinned, from npm; Node 20 is needed for this only.
lighthouse:
	npm install --prefix var/lighthouse --no-audit --no-fund lighthouse@12.2.3

# ruff, then the import contracts in pyproject.toml (the apps import one way, no cycles inside an app).
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=site $(VENV)/bin/lint-imports --no-cache

# The .po files are the source of the Dutch texts: this adds the code's new strings to them (and drops
# the ones the code no longer has); then translate the new entries by hand. tests/pages/test_translations.py
# runs the same extraction (keep its IGNORE in step with MESSAGES_IGNORE).
MESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=static-collected --ignore=node_modules --ignore='*/vendor/*'
messages: setup
	$(MANAGE) makemessages -l nl $(MESSAGES_IGNORE) --no-obsolete
	$(MANAGE) makemessages -d djangojs -l nl $(MESSAGES_IGNORE) --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv -v0

clean:
	rm -rf var static-collected
