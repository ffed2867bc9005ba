# The one place for commands. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements-dev.txt layers/article_core/requirements.txt | cksum | cut -d' ' -f1)
CORPUS ?= ../shared/corpus
export SAM_CLI_TELEMETRY := 0
export PYTHONPATH := $(CURDIR)/layers/article_core:$(CURDIR)/functions/process_article:$(CURDIR)
export AWS_DEFAULT_REGION ?= us-east-1
PORT ?= 4566

PHONY_OPS := up drop invoke
.PHONY: $(PHONY_OPS)
.PHONY: help venv run test lint typecheck pytest validate build bench bench-quality hostile-report events clean sam-local

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements-dev.txt layers/article_core/requirements.txt
	@command -v python3 >/dev/null || { echo "python3 is required"; exit 1; }
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -e .  # the `articles` command
	@rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)  ## create .venv with everything the run, tests and benchmarks need

run: venv  ## the main job locally on moto (ARTICLES="file-or-folder ..." for your own)
	$(PY) -m local.run $(ARTICLES)

test: venv lint typecheck validate pytest sam-local  ## lint, types, template checks, all tests (what CI runs)

lint: venv  ## ruff lint (security rules included) and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: venv  ## mypy on the pure core
	$(PY) -m mypy layers/article_core/article_core
	$(PY) -m mypy articles

validate: venv  ## sam validate --lint and cfn-lint on template.yaml
	$(VENV)/bin/sam validate --lint --region $(AWS_DEFAULT_REGION)
	$(VENV)/bin/cfn-lint template.yaml

pytest: venv  ## unit, integration and packaging tests (exit 5, no tests, is a failure)
	$(PY) -m pytest -q -p no:cacheprovider

build: venv  ## sam build (needs python3.13, Lambda's runtime: $PYTHON313, on PATH, or in pyenv)
	@py313=$$($(PY) -m local.python313) || { echo "sam build needs python3.13: install it, e.g. pyenv install 3.13"; exit 1; }; \
	PATH="$$(dirname $$py313):$$PATH" $(VENV)/bin/sam build

sam-local: build  ## sam local invoke of every event in Docker, checked (stand-in base image when it cannot pull)
	$(PY) -m local.sam_local $(if $(SAM_LOCAL_PORT),--port $(SAM_LOCAL_PORT))

bench: venv  ## speed, size and cost numbers
	$(PY) -m benchmarks.speed $(if $(wildcard $(CORPUS)),--corpus $(CORPUS))

bench-quality: venv  ## quality numbers on the development corpora (CORPUS=../shared/corpus)
	$(PY) -m benchmarks.quality $(CORPUS)

.PHONY: train-keyphrases
train-keyphrases: venv  ## retrain the keyphrase ranker from CORPUS's dev parts (seconds; never in CI; --cv: ARGS=--cv)
	$(PY) -m benchmarks.train_keyphrases $(CORPUS) $(ARGS)

.PHONY: train-ner
train-ner: venv  ## retrain the entity tagger's CRF models from CORPUS (minutes; never in CI)
	$(PY) -m benchmarks.train_ner $(CORPUS)

hostile-report: venv  ## the hostile-input corpus through the handler: code, time and peak memory per case
	$(PY) -m tests.hostile

up: venv  ## a local bucket on moto (PORT=4566): files dropped under incoming/ become records, one line each
	$(PY) -m local.up --port $(PORT)

drop: venv  ## upload FILES="a.html b.txt" to the `make up` bucket (no AWS CLI needed)
	$(PY) -m local.drop --port $(PORT) $(FILES)

invoke: venv  ## one event file (EVENT=event.json, e.g. from `sam local generate-event s3 put`) against `make up`
	$(PY) -m local.invoke --port $(PORT) $(EVENT)

events: venv  ## regenerate events/ from local/samples.py
	$(PY) -m local.make_events

clean:  ## remove build output and caches (keeps .venv)
	rm -rf .aws-sam out .pytest_cache .mypy_cache .ruff_cache
