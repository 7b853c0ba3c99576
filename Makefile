# Two commands do everything on a fresh machine: `make start` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: start test lint bench browser data clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

start: $(STAMP) data
	$(BIN)/dlspec start $(ARGS)

# Debian packages the project needs, installed once (with sudo when not root).
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_INSTALL = $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

# The browser tests drive Debian's chromium (never a downloaded browser build).
browser:
	@test -x /usr/bin/chromium || ($(APT_INSTALL) chromium >/dev/null)

# Fashion-MNIST (C2W3A1) from Debian's package; elsewhere set DLSPEC_FASHION_MNIST to a folder of its four files.
data:
	@test -n "$$DLSPEC_FASHION_MNIST" || test -d /usr/share/datasets/fashion-mnist || \
		($(APT_INSTALL) dataset-fashion-mnist >/dev/null)

test: $(STAMP) browser data
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

bench: $(STAMP)
	$(BIN)/python bench/assignments.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/learners.py

clean:
	rm -rf $(VENV) build *.egg-info
