# The one place for commands. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements-dev.lock | cksum | cut -d' ' -f1)
LAYER := layers/article_core
UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --generate-hashes --custom-compile-command "make lock"
CORPUS ?= ../shared/corpus
export SAM_CLI_TELEMETRY := 0
export AWS_DEFAULT_REGION ?= us-east-1
PORT ?= 4566

PHONY_OPS := up drop invoke
.PHONY: $(PHONY_OPS)
.PHONY: help venv lock run test lint typecheck pytest validate build bench bench-quality hostile-report events clean sam-local browser

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements-dev.lock
	@command -v python3 >/dev/null || { echo "python3 is required"; exit 1; }
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .  # the `articles` command
	@rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)  ## create .venv with everything the run, tests and benchmarks need

lock:  ## resolve requirements*.txt into the hashed locks (layer: python3.13 manylinux x86_64, as Lambda)
	@test -x $(VENV)/bin/uv || { python3 -m venv $(VENV) && $(PY) -m pip install --quiet "$$(grep -E '^uv==' requirements-dev.txt)"; }
	$(UV_COMPILE) --python-version 3.13 --python-platform x86_64-manylinux_2_17 \
		$(LAYER)/requirements.txt -o $(LAYER)/requirements.lock
	$(UV_COMPILE) --python-version 3.11 --python-platform linux requirements-dev.txt -o requirements-dev.lock

run: venv  ## the main job locally on moto (ARTICLES="file-or-folder ..." for your own)
	$(PY) -m local.run $(ARTICLES)

test: venv lint typecheck validate browser pytest sam-local  ## lint, types, template checks, all tests (what CI runs)

browser:  ## the headless Chromium the audit page's browser test drives (as root on Debian: apt-get install if missing)
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing chromium from Debian (apt-get) ..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "chromium is not installed and cannot be here (needs root and apt-get): the browser test skips"; fi; }

lint: venv  ## ruff lint (security rules included) and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: venv  ## mypy strict over every Python folder (the list: [tool.mypy] files in pyproject.toml)
	$(PY) -m mypy

validate: venv  ## sam validate --lint, and cfn-lint with the policy rules (policy/) on template.yaml
	$(VENV)/bin/sam validate --lint --region $(AWS_DEFAULT_REGION)
	PYTHONPATH=$(CURDIR) $(VENV)/bin/cfn-lint template.yaml --append-rules policy  # rules import policy._cfn

pytest: venv  ## unit, integration and packaging tests (exit 5, no tests, is a failure)
	$(PY) -m pytest -q -p no:cacheprovider

build: venv  ## sam build (needs python3.13, Lambda's runtime: $PYTHON313, on PATH, or in pyenv)
	@py313=$$($(PY) -m local.python313) || { echo "sam build needs python3.13: install it, e.g. pyenv install 3.13"; exit 1; }; \
	PATH="$$(dirname $$py313):$$PATH" $(VENV)/bin/sam build

sam-local: build  ## sam local invoke of every event in Docker, checked (stand-in base image when it cannot pull)
	$(PY) -m local.sam_local $(if $(SAM_LOCAL_PORT),--port $(SAM_LOCAL_PORT))

bench: venv  ## speed, size and cost numbers (ARGS="--cold-only [--compare BUILD_DIR]": cold starts alone)
	$(PY) -m benchmarks.speed $(if $(wildcard $(CORPUS)),--corpus $(CORPUS)) $(ARGS)

.PHONY: bench-interleaved
bench-interleaved: venv  ## warm CPU of two layer builds, interleaved (BEFORE=dir AFTER=dir: their python/ folders)
	$(PY) -m benchmarks.speed_interleaved $(BEFORE) $(AFTER) $(if $(wildcard $(CORPUS)),--corpus $(CORPUS)) $(ARGS)

.PHONY: bench-steps
bench-steps: venv  ## CPU per pipeline step: FILE=samples/x.txt (medians), else CORPUS's HTML pages (mean a page)
	$(PY) -m benchmarks.speed_steps $(if $(FILE),$(FILE),--corpus $(CORPUS)) $(ARGS)

.PHONY: bench-instructions
bench-instructions: venv  ## instructions per warm article under cachegrind (LAYER=.../ArticleCoreLayer/python [FILE=samples/x.txt]; ARGS=--cold: the cold start's)
	$(PY) -m benchmarks.instructions $(LAYER) $(FILE) $(ARGS)

bench-quality: venv  ## quality numbers on the development corpora (CORPUS=../shared/corpus)
	$(PY) -m benchmarks.quality $(CORPUS)

.PHONY: train-keyphrases
train-keyphrases: venv  ## retrain the keyphrase ranker from CORPUS's dev parts (seconds; never in CI; --cv: ARGS=--cv)
	$(PY) -m benchmarks.train_keyphrases $(CORPUS) $(ARGS)

.PHONY: keyphrase-dump
keyphrase-dump: venv  ## every keyword list and candidate of CORPUS's keyphrase and extraction texts to OUT (diff two: output identical)
	$(PY) -m benchmarks.keyphrase_dump $(CORPUS) $(OUT)

.PHONY: train-ner
train-ner: venv  ## retrain the entity tagger's CRF models from CORPUS (minutes; never in CI)
	$(PY) -m benchmarks.train_ner $(CORPUS)

.PHONY: regex-patterns
regex-patterns: venv  ## relist the regexes and generated code texts a cold start compiles (layers/article_core/regex_patterns.json, codegen_sources.json; python3.13)
	$(PY) -m benchmarks.regex_patterns

.PHONY: data-tables
data-tables: venv  ## rebuild data/*.marshal (pre-parsed language tables, entity word lists) from their text sources
	PYTHONHASHSEED=0 $(PY) -m benchmarks.build_data_tables  # the word lists are sets: their stored order follows the hash seed

hostile-report: venv  ## the hostile corpus through the handler in a fresh process: code, Lambda seconds, peak RSS per case
	PYTHONDONTWRITEBYTECODE=1 $(PY) -m tests.hostile

up: venv  ## a local bucket on moto (PORT=4566): files dropped under incoming/ become records, one line each
	$(PY) -m local.up --port $(PORT)

drop: venv  ## upload FILES="a.html b.txt" to the `make up` bucket (no AWS CLI needed)
	$(PY) -m local.drop --port $(PORT) $(FILES)

invoke: venv  ## one event file (EVENT=event.json, e.g. from `sam local generate-event s3 put`) against `make up`
	$(PY) -m local.invoke --port $(PORT) $(EVENT)

.PHONY: goldens
goldens: venv  ## rewrite tests/golden/ (samples' records; CORPUS's digests): only in a commit meant to change output
	$(PY) -m tests.goldens
	$(PY) -m tests.corpus_goldens $(CORPUS)

events: venv  ## regenerate events/ from local/samples.py
	$(PY) -m local.make_events

clean:  ## remove build output and caches (keeps .venv)
	rm -rf .aws-sam out .pytest_cache .mypy_cache .ruff_cache
