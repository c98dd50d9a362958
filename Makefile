# Quick start: `make run` (install, migrate, demo data, serve) and `make test`.
# Production: `make serve` (collectstatic, migrate, gunicorn; docs/deployment.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# make serve: gunicorn's address and worker processes (WEB_CONCURRENCY is gunicorn's own variable).
BIND ?= 127.0.0.1:$(PORT)
WORKERS ?= $(or $(WEB_CONCURRENCY),2)
STATIC_ROOT ?= $(or $(DJANGO_STATIC_ROOT),staticfiles)

.PHONY: install run serve test lint format lock worker bench

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || { echo "Tạo môi trường Python .venv…"; $(PYTHON) -m venv $(VENV); }
	@echo "Cài đặt thư viện vào .venv (lần đầu mất khoảng 1 phút)…"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# Development is explicit: without DJANGO_DEBUG=1 the settings are production's (docs/deployment.md).
run: export DJANGO_DEBUG = 1
run: install
	@echo "Tạo cơ sở dữ liệu…"; $(PY) manage.py migrate --noinput
	@echo "Nạp dữ liệu mẫu…"; $(PY) manage.py seed --scale demo --if-empty
	@echo "Mở http://127.0.0.1:$(PORT) — tài khoản demo: officer_school_a, mật khẩu demo12345 (các tài khoản khác: README.md). Dừng: Ctrl+C."
	@# The background worker (Excel imports) runs beside the web server and stops with it.
	@$(PY) manage.py db_worker --no-reload & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production server: DJANGO_DEBUG is cleared, so the production settings apply and the environment must
# give DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL… (docs/deployment.md). Static files are served
# by WhiteNoise from $(STATIC_ROOT); run `make worker` beside it for the background tasks.
serve: export DJANGO_DEBUG =
serve: install $(STATIC_ROOT)/staticfiles.json
	@echo "Cập nhật cơ sở dữ liệu…"; $(PY) manage.py migrate --noinput
	@echo "Chạy máy chủ gunicorn tại http://$(BIND) với $(WORKERS) tiến trình…"
	exec $(PY) -m gunicorn thidua.wsgi:application --bind $(BIND) --workers $(WORKERS) --access-logfile -

# Hashed, compressed copies of the static files; redone only when they or the installed packages change.
$(STATIC_ROOT)/staticfiles.json: export DJANGO_DEBUG =
$(STATIC_ROOT)/staticfiles.json: $(VENV)/.installed $(shell find static -type f)
	@echo "Gom và nén các tệp tĩnh (CSS, JS) vào $(STATIC_ROOT) (lần đầu mất khoảng 1 phút)…"
	$(PY) manage.py collectstatic --noinput -v 0

worker: install
	$(PY) manage.py db_worker

# The suite runs in parallel, one pytest-xdist worker per CPU (each with its own test database);
# `make test TEST_WORKERS=0` runs it in one process, PYTEST_ARGS passes anything else to pytest.
TEST_WORKERS ?= auto
test: install
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Re-pin every dependency from requirements.in into requirements.txt.
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv && .lockenv/bin/pip install --quiet -r requirements.in
	.lockenv/bin/pip freeze --exclude-editable > requirements.txt && rm -rf .lockenv
