# IMP Smart: `make run` (demo on SQLite at http://127.0.0.1:8000) and `make test` (full suite).
# scripts/setup.sh installs what each target needs and is cheap when nothing changed.

PYTHON := .venv/bin/python

# Test environment: overridable from the caller's environment or the command line.
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/imp_smart
REDIS_URL ?= redis://127.0.0.1:6379/15
ARTIFACTS_DIR ?= artifacts/
PYTEST_ARGS ?=

RUN_ENV := DJANGO_SETTINGS_MODULE=imp_smart.settings.local
TEST_ENV := DJANGO_SETTINGS_MODULE=imp_smart.settings.test DATABASE_URL=$(DATABASE_URL) \
	REDIS_URL=$(REDIS_URL) ARTIFACTS_DIR=$(ARTIFACTS_DIR)

.PHONY: run test lint typecheck migrations-check bench

run:
	scripts/setup.sh run
	$(RUN_ENV) $(PYTHON) manage.py migrate --noinput
	$(RUN_ENV) $(PYTHON) manage.py muat_wilayah
	$(RUN_ENV) $(PYTHON) manage.py seed_demo
	$(RUN_ENV) $(PYTHON) manage.py collectstatic --noinput
	$(RUN_ENV) $(PYTHON) manage.py runserver 127.0.0.1:8000

test:
	scripts/setup.sh test
	mkdir -p $(ARTIFACTS_DIR)
	$(TEST_ENV) $(PYTHON) -m pytest -p no:cacheprovider --create-db $(PYTEST_ARGS)

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

# mypy + django-stubs over services, selectors and imp_smart (configured in pyproject.toml).
typecheck:
	$(TEST_ENV) .venv/bin/mypy

migrations-check:
	$(TEST_ENV) $(PYTHON) manage.py makemigrations --check --dry-run

bench:
	@command -v wrk >/dev/null || apt-get install -y -qq wrk
	@if [ -f bench/run.py ]; then $(PYTHON) bench/run.py; else echo "bench/run.py not present: nothing to run"; fi
