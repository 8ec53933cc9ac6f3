# newsdesk: the same commands locally and in CI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: demo serve test test-sqlite test-postgres lint format bench chromium trang varnish messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("newsdesk needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsdesk migrate --verbosity 0
	$(BIN)/newsdesk demo
	$(BIN)/newsdesk serve --host $(HOST) --port $(PORT)

serve: $(STAMP)
	$(BIN)/newsdesk serve --host $(HOST) --port $(PORT)

# Debian's chromium drives the browser tests; installed when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Debian's trang converts RFC 4287's RELAX NG Compact schema for the Atom
# feed tests; installed when missing.
trang:
	@command -v trang >/dev/null 2>&1 || { \
	  echo "Installing Debian's trang for the Atom schema tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq trang >/dev/null; }

# Debian's varnish and varnish-modules (xkey) run deploy/varnish/newsdesk.vcl
# in front of newsdesk serve for the purge tests; installed when missing.
varnish:
	@{ command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ]; } \
	  && [ -n "$$(ls /usr/lib/*/varnish/vmods/libvmod_xkey.so 2>/dev/null)" ] || { \
	  echo "Installing Debian's varnish and varnish-modules for the purge tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq varnish varnish-modules >/dev/null; }

# The interface catalogues (newsdesk/locale, docs/translations.md). The
# compiled .mo files are committed, so a fresh clone shows the translations;
# this finds new strings with Django's makemessages (gettext's xgettext and
# msgmerge, from Debian's gettext, installed when missing), then compiles
# every catalogue with Babel, which needs nothing outside Python.
# tests/test_catalogues.py fails until both are done and every string is
# translated.
messages: $(STAMP)
	@command -v xgettext >/dev/null 2>&1 || { \
	  echo "Installing Debian's gettext for makemessages"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext >/dev/null; }
	cd newsdesk && ../$(BIN)/newsdesk makemessages --all --ignore=migrations --no-obsolete --add-location=file --verbosity 0
	$(BIN)/pybabel compile --domain django --directory newsdesk/locale --statistics

lint: $(STAMP)
	$(BIN)/ruff check newsdesk tests bench
	$(BIN)/ruff format --check newsdesk tests bench
	$(BIN)/mypy newsdesk tests bench

format: $(STAMP)
	$(BIN)/ruff check --fix newsdesk tests bench
	$(BIN)/ruff format newsdesk tests bench

# The two halves run side by side when PostgreSQL answers: most of each waits
# on servers, browsers and sockets, so two cores finish both in little more
# than the longer one. The SQLite half prints as it goes, the PostgreSQL
# half (var/test-postgres.log) when it is done.
test: lint chromium trang varnish
	@mkdir -p var
	@if $(BIN)/python bench/support/port_open.py 127.0.0.1 5432; then \
	  $(MAKE) --no-print-directory test-postgres > var/test-postgres.log 2>&1 & pg=$$!; \
	  $(MAKE) --no-print-directory test-sqlite; sqlite=$$?; \
	  wait $$pg; postgres=$$?; \
	  echo "SQLite half exit $$sqlite, PostgreSQL half exit $$postgres; the PostgreSQL half:"; \
	  cat var/test-postgres.log; \
	  [ $$sqlite -eq 0 ] && [ $$postgres -eq 0 ]; \
	elif [ "$$CI" = "true" ]; then \
	  echo "PostgreSQL at 127.0.0.1:5432 does not answer, and CI must run its half of the suite." >&2; exit 1; \
	else \
	  $(MAKE) --no-print-directory test-sqlite || exit 1; \
	  echo "SKIPPED the PostgreSQL half: nothing answers at 127.0.0.1:5432 (start PostgreSQL, then run make test-postgres)."; \
	fi

test-sqlite: $(STAMP) chromium trang varnish
	@echo "== test suite on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: $(STAMP) chromium trang varnish
	@echo "== test suite on PostgreSQL ($(POSTGRES_URL)) =="
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
