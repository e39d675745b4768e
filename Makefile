# HoSo developer commands. `make run` and `make test` first set the machine up with
# packaging/setup-dev.sh (Debian libraries when root, .venv, pip install -e '.[dev]').

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

VENV ?= .venv
BIN := $(VENV)/bin
LINT_DIRS := $(wildcard desktop tests bench)
BENCH_SCRIPTS := $(sort $(wildcard bench/*.py))
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup run test lint bench clean dist dist-test

help:
	@echo "make run    set up, then start HoSo on the built-in demo data"
	@echo "make test   set up, then ruff, lint-imports and pytest (offscreen Qt)"
	@echo "make lint   set up, then ruff and lint-imports only"
	@echo "make bench  set up, then run every bench/*.py"
	@echo "make dist   set up, then build the Linux bundle dist/HoSo and its .tar.gz (PyInstaller)"
	@echo "make dist-test  make dist, then smoke-test the bundle (tests/packaging, offscreen)"
	@echo "make clean  remove .venv and caches"

setup:
	@VENV="$(VENV)" bash packaging/setup-dev.sh

run: setup
	$(BIN)/hoso --demo

lint: setup
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/lint-imports

# Any non-zero exit fails the target, including pytest's 5 ("no tests collected").
test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest $(PYTEST_ARGS)

bench: setup
	@if [ -z "$(BENCH_SCRIPTS)" ]; then echo "no bench/*.py scripts"; fi
	@for script in $(BENCH_SCRIPTS); do \
		echo "== $$script"; \
		QT_QPA_PLATFORM="$${QT_QPA_PLATFORM:-offscreen}" $(BIN)/python "$$script"; \
	done

# The one-folder Linux bundle (packaging/hoso.spec); prints its build time and sizes.
dist:
	@VENV="$(VENV)" bash packaging/build-linux.sh

dist-test: dist
	QT_QPA_PLATFORM=offscreen HOSO_TEST_BUNDLE=1 $(BIN)/pytest -p no:cacheprovider tests/packaging

clean:
	rm -rf "$(VENV)" .pytest_cache .ruff_cache .hypothesis .import_linter_cache build dist
	rm -rf *.egg-info
	find . -path ./.git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
