# Two commands do everything on a fresh machine: `make start` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: start test lint bench browser clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

start: $(STAMP)
	$(BIN)/dlspec start $(ARGS)

# The browser tests drive Debian's chromium (never a downloaded browser build).
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test: $(STAMP) browser
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

bench: $(STAMP)
	$(BIN)/python bench/assignments.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/engine.py

clean:
	rm -rf $(VENV) build *.egg-info
