# E-Desa: the commands a newcomer needs. `make run` serves the system; `make test` checks it.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
MANAGE  := $(BIN)/python manage.py
HOST    ?= 127.0.0.1
PORT    ?= 8000
# Residents created by `make run` on an empty database; the full regency is `make run PENDUDUK=160000`.
PENDUDUK ?= 20000
SEED    ?= 2026

.PHONY: run dev test test-fast lint bench install assets migrate seed clean help

help:
	@echo "make run    - pasang, migrasi, isi data Seruyan + demo, jalankan di http://$(HOST):$(PORT)"
	@echo "make test   - lint + seluruh uji (SQLite; DATABASE_URL=postgres://... untuk PostgreSQL)"
	@echo "make bench  - ukur kinerja, hasil di bench/results/"

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed assets

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Front-end files come from the npm registry at setup and are served by the app: no CDN.
static/vendor/.copied: node_modules/.package-lock.json
	rm -rf static/vendor && mkdir -p static/vendor/bootstrap/css static/vendor/bootstrap/js static/vendor/bootstrap-icons static/vendor/htmx static/vendor/leaflet static/vendor/chartjs
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map static/vendor/bootstrap/css/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map static/vendor/bootstrap/js/
	cp -r node_modules/bootstrap-icons/font static/vendor/bootstrap-icons/
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images static/vendor/leaflet/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map static/vendor/chartjs/
	touch $@

assets: static/vendor/.copied

.env:
	@echo "DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env
	@echo "Membuat .env dengan kunci rahasia acak (tidak masuk git)."

migrate: install .env
	@# The server key that protects the regency CA's private key (decision 0009); an .env made
	@# before signing existed gets one too. Keep a copy off the server: losing it means a new CA.
	@grep -q '^EDESA_TTE_KEY=' .env || echo "EDESA_TTE_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(32))')" >> .env
	@mkdir -p var
	$(MANAGE) migrate --noinput -v0

seed: migrate
	$(MANAGE) demo --jika-kosong --penduduk $(PENDUDUK) --seed $(SEED)

run: seed
	$(MANAGE) collectstatic --noinput -v0
	@# The dashboard's summary tables, rebuilt once here rather than by the first request (after an
	@# upgrade that changes them, the first dashboard or portal request would otherwise do it).
	$(MANAGE) ringkas_dasbor
	$(MANAGE) demo_akun
	@echo "E-Desa berjalan di http://$(HOST):$(PORT)  (Ctrl+C untuk berhenti)"
	@# The task worker (imports, reports) runs beside the web server and stops with it.
	$(MANAGE) db_worker --queue-name '*' --interval 1 -v0 & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn edesa.wsgi --bind $(HOST):$(PORT) --workers 3 --access-logfile - --log-level warning

dev: seed
	DJANGO_DEBUG=1 $(MANAGE) db_worker --queue-name '*' --interval 1 -v0 & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not e2e"

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles var
