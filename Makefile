# One command per job; each sets up .venv first if needed (python3 with venv is all it takes).
PY      := .venv/bin/python
SHARED  ?= ../shared
EVALOUT ?= out/eval

.PHONY: setup demo test eval lint bench clean wheel-check docs

setup: .venv/.installed

.venv/.installed: pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

demo: setup
	rm -rf data/processed/*/
	.venv/bin/baocao run data/raw -o data/processed
	@echo "tables written under data/processed/: $$(ls data/processed | grep -v '^_' | tr '\n' ' ')"

test: setup
	.venv/bin/pytest -q

lint: setup
	.venv/bin/ruff check pipeline tests bench data/make_samples.py
	.venv/bin/ruff format --check pipeline tests bench data/make_samples.py

# Dev-set scores: the text, text-layer PDF and scanned PDF versions of the dev reports, scored by format.
eval: setup
	rm -rf $(EVALOUT)
	.venv/bin/baocao run $(SHARED)/corpus/dev/scan $(SHARED)/corpus/dev/pdf $(SHARED)/corpus/dev/txt -o $(EVALOUT) --quiet
	$(PY) $(SHARED)/eval/score.py --out $(EVALOUT) --gold $(SHARED)/gold/dev

# Build the wheel from a clean copy, install it in a fresh venv, run the demo with it (all documents ok).
wheel-check: setup
	.ci/wheel-check

# Regenerate docs/TABLES.md from the code (pipeline/output/write.py SCHEMAS + pipeline/output/columns.py).
docs: setup
	$(PY) -m pipeline.output.tables_doc docs/TABLES.md

bench: setup
	$(PY) bench/bench_pdf.py
	$(PY) bench/bench_cli.py
	$(PY) bench/bench_batch.py

clean:
	rm -rf out build data/processed/*/ .pytest_cache .ruff_cache
