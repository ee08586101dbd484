# AutoDeploy developer entry points. The README's two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: setup tools demo test lint bench bench-cli clean

# The virtualenv is rebuilt when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip uninstall -q -y autodeploy 2>/dev/null || true  # the pre-rename distribution name
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

# External engines: OPA (pinned, built from the Go module proxy) and, for tests, checkov in its own venv.
tools:
	scripts/install-opa.sh
	@if [ -x scripts/install-checkov.sh ]; then scripts/install-checkov.sh; fi

setup: $(VENV)/.installed
	scripts/install-opa.sh

demo: setup
	$(BIN)/autodeploy build examples/patient-portal.adl -o build/patient-portal

# CI runs `make test`: the suite, then the lint gate (ruff + mypy over the installed namespace).
test: $(VENV)/.installed tools
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory lint

lint: $(VENV)/.installed
	$(BIN)/ruff check autodeploy compiler grammar nl policies analytics backends tests bench scripts setup.py
	$(BIN)/python scripts/namespace-view.py >/dev/null
	$(BIN)/mypy -p autodeploy

bench: setup
	$(BIN)/python bench/compile.py
	@for b in bench/*.py; do case $$b in bench/compile.py|bench/gen_adl.py|bench/gen_tf.py|bench/cli_table.py) ;; *) echo "== $$b"; $(BIN)/python $$b;; esac; done

# The CLI as whole processes at 1k and 10k resources next to checkov (docs/performance.md).
bench-cli: setup
	@if [ -x scripts/install-checkov.sh ]; then scripts/install-checkov.sh; fi
	$(BIN)/python bench/cli_table.py --runs 3

clean:
	rm -rf build out .pytest_cache .mypy_cache .ruff_cache
