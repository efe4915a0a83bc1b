# The two entry points are `make run` and `make test` (see README). Everything else serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READER_EPOCHS ?= 6
PIP := $(BIN)/pip --disable-pip-version-check --quiet

.PHONY: run test test-only install install-test browser eval bench train-reader clean

run: install
	$(BIN)/changepath serve

test: install-test browser test-only

test-only:
	$(BIN)/pytest

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "changepath needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	# --no-deps: the lock lists every package; nothing unlisted (torch, the model hub client) comes in.
	$(PIP) install --no-deps -r requirements.lock
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(PIP) install --no-deps -r requirements-test.lock
	touch $@

# The browser test drives Debian's Chromium; install it when it is missing and we may.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser test..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then \
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	else echo "Chromium is not installed and cannot be installed here: the browser test will say so and fail."; fi

eval: install
	$(BIN)/changepath eval eval/holdout2.jsonl --compare

bench: install
	$(BIN)/changepath bench

# Distil the crisis reader (training/reader/README.md): not part of the service, nor of its tests.
train-reader: install
	$(PYTHON) -m venv .venv-train
	.venv-train/bin/pip --disable-pip-version-check --quiet install --no-deps -r training/reader/requirements.lock
	$(BIN)/python training/reader/prepare.py build/reader
	.venv-train/bin/python training/reader/train.py build/reader $(READER_EPOCHS)

clean:
	rm -rf $(VENV) .venv-train var build
