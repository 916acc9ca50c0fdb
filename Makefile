# Participa Betim: the two commands are `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Absolute links in emails point at the local server unless SITE_URL says otherwise.
SITE_URL ?= http://127.0.0.1:$(PORT)
export SITE_URL
# The first Python 3.11+ on the PATH creates the virtual environment.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)

.DEFAULT_GOAL := help
.PHONY: help install assets run worker beat test lint format check messages chromium clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is required." >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed ## Create .venv and install the Python dependencies

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.copied: node_modules/.installed scripts/copy_vendor_assets.py
	$(PY) scripts/copy_vendor_assets.py
	touch $@

assets: install static/vendor/.copied ## Install the gov.br Design System and fonts into static/vendor

messages: install ## Update the English catalogue from the source, then compile it
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules \
		--ignore=var --ignore=benchmarks --ignore=tests
	$(PY) manage.py compilemessages -l en --ignore=.venv --ignore=node_modules

run: install assets ## Install everything and serve the site with demo content on 127.0.0.1:$(PORT)
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo
	@# Without Redis there is no beat: the periodic jobs run in a process beside the server.
	@if [ -z "$$REDIS_URL" ]; then \
		$(PY) manage.py run_periodic_jobs & jobs=$$!; trap 'kill $$jobs 2>/dev/null' EXIT; \
	fi; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: install ## Start a Celery worker (needs REDIS_URL)
	$(VENV)/bin/celery -A civic worker --loglevel=INFO --concurrency=2

beat: install ## Start Celery beat, the scheduler of periodic jobs (needs REDIS_URL)
	$(VENV)/bin/celery -A civic beat --loglevel=INFO

chromium: ## Make sure a Chromium for the browser tests is installed
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
		|| { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; \
	else \
		$(VENV)/bin/playwright install chromium; \
	fi

lint: install ## Run ruff (lint and format check)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install ## Django checks, missing migrations, and the deployment checklist
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	@# Realistic dummy services: production settings and the checks connect to nothing.
	DJANGO_SETTINGS_MODULE=civic.settings.production SECRET_KEY="$$(head -c 48 /dev/urandom | base64)" \
		ALLOWED_HOSTS=participa.betim.mg.gov.br SITE_URL=https://participa.betim.mg.gov.br \
		REDIS_URL=redis://127.0.0.1:6379/0 EMAIL_URL=smtp://127.0.0.1:25 \
		$(PY) manage.py check --deploy --fail-level WARNING

test: install assets chromium lint check ## Install what the tests need and run them all
	$(VENV)/bin/pytest $(PYTEST_ARGS)

clean: ## Remove the virtual environment, node modules and local data
	rm -rf $(VENV) node_modules static/vendor var
