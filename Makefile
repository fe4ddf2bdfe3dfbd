# Every target sets up its own virtual environment on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.foulard-installed

.PHONY: setup demo test pytest lint bench gallery clean

# dev: test tools; ai: torch's CPU build (pip takes it from this machine's local file), so
# the model's training test runs too. Rendering and the model's inference never need it.
$(STAMP): pyproject.toml scripts/install-system-deps.sh
	./scripts/install-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,ai]'
	touch $(STAMP)

setup: $(STAMP)

## The main job: the studio on http://127.0.0.1:8000/ (first run: key, database, demo
## accounts and a seeded library in ./foulard-data; the accounts are printed)
demo: $(STAMP)
	$(BIN)/foulard studio --host 127.0.0.1 --port 8000

## Lint, then the whole test suite (what CI runs)
test: lint pytest

pytest: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

## Benchmarks: figures for docs/benchmarks.md
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

## The operator gallery in docs/gallery/
gallery: $(STAMP)
	$(BIN)/foulard gallery -o docs/gallery

clean:
	rm -rf $(VENV) foulard-demo .pytest_cache .ruff_cache
