# Two commands matter: `make run` (the demo at http://127.0.0.1:8000) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
DEV := DJANGO_SETTINGS_MODULE=portal.settings.dev

.PHONY: run test test-fast bench chaos lint format quality messages lock clean

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/base.txt -r requirements/dev.txt
	touch $@

# axe-core for the accessibility checks in the browser tests.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the browser accessibility tests will be skipped (install nodejs and npm)."; fi

run: $(VENV)/.installed
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_demo
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

# One test process per core (pytest-xdist); each has its own database and Redis database.
test: $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

# Speed under load on the production stack (deploy/) with scale data: a table, and JSON in
# bench/results/. Needs PostgreSQL and Redis on 127.0.0.1 (BENCH_POSTGRES to change the server);
# installs nginx, its cache-purge module and wrk from Debian, and locust into .venv. 15-20 minutes.
bench: $(VENV)/.installed $(VENV)/.bench-installed
	$(PY) -m bench.run $(BENCH_ARGS)

# Fault scenarios (issue 9) on the same stack, in var/chaos with database "chaos" and Redis
# database 10: a [PASS]/[FAIL] line per scenario, non-zero exit if any failed. About 20 minutes;
# CHAOS_ARGS="--only 5 --outage-seconds 60" for one scenario and a shorter outage.
chaos: $(VENV)/.installed $(VENV)/.bench-installed
	$(PY) -m chaos.run $(CHAOS_ARGS)

$(VENV)/.bench-installed: requirements/bench.txt
	@missing=""; for tool in nginx wrk psql redis-cli envsubst; do command -v $$tool >/dev/null || missing=1; done; \
	test -f /usr/lib/nginx/modules/ngx_http_cache_purge_module.so || missing=1; \
	if [ -n "$$missing" ]; then apt-get update -q && apt-get install -y -q --no-install-recommends \
	  nginx libnginx-mod-http-cache-purge wrk postgresql-client redis-tools gettext-base; fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/bench.txt
	touch $@

# Everything but the browser and whole-command tests, for a quick loop while coding.
test-fast: $(VENV)/.installed
	$(PY) -m pytest -m "not e2e and not slow" $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

quality: lint
	$(DEV) $(PY) manage.py check
	$(DEV) STATIC_ROOT=$$(mktemp -d) $(PY) manage.py collectstatic --noinput --verbosity 0

# Refresh the Vietnamese and English catalogues, then translate the new entries and compile.
messages: $(VENV)/.installed
	$(DEV) $(PY) manage.py makemessages -l vi -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=tests --ignore=test-artifacts --ignore=var --ignore=.ci --ignore=portal/accounts/locale
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

# Re-pin every dependency from requirements/*.in.
lock: $(VENV)/.installed
	$(PY) -m pip install --quiet uv
	cd requirements && ../$(VENV)/bin/uv pip compile base.in -o base.txt --python-version 3.11 --quiet
	cd requirements && ../$(VENV)/bin/uv pip compile dev.in -o dev.txt --python-version 3.11 --quiet
	cd requirements && ../$(VENV)/bin/uv pip compile bench.in -o bench.txt --python-version 3.11 --quiet

clean:
	rm -rf $(VENV) node_modules var test-artifacts .pytest_cache .ruff_cache
