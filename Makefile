# Wingman developer interface. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PROTO_SRC := proto/wingman/v1/wingman.proto
PB_OUT := service/wingman/pb clients/python/wingman_client/pb
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install run test lint typecheck proto proto-check bench eval check clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml clients/python/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' -e clients/python
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the service, the client and the dev tools

run: $(STAMP) ## Serve REST on :8080 and gRPC on :50051 with the embedded defaults
	$(BIN)/wingman serve

test: $(STAMP) ## Run the whole suite against a real Redis (starts one if none answers)
	bash tests/ensure_redis.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP) ## ruff check and ruff format --check
	$(BIN)/ruff check service clients tests bench
	$(BIN)/ruff format --check service clients tests bench

typecheck: $(STAMP) ## mypy --strict on the service and the Python client
	$(BIN)/mypy service clients/python

proto: $(STAMP) ## Regenerate the protobuf code (with .pyi) from proto/
	@for out in $(PB_OUT); do \
	  $(BIN)/python -m grpc_tools.protoc -Iproto --python_out=$$out --pyi_out=$$out $(PROTO_SRC) || exit 1; \
	done

proto-check: proto ## Regenerate and fail if the generated code differs from what is committed
	@git diff --exit-code --stat -- $(PB_OUT) || { echo "generated code is stale: run 'make proto' and commit"; exit 1; }
	@test -z "$$(git ls-files --others --exclude-standard -- $(PB_OUT))" || { echo "untracked generated files: commit them"; exit 1; }

bench: $(STAMP) ## Measure latency and throughput against the echo endpoints (see docs/benchmarks.md)
	$(BIN)/python -m bench

SHARED ?= ../shared
KQL_CORPORA = $(SHARED)/corpus/kql/dev.jsonl $(SHARED)/corpus/nl2kql/dev.jsonl
eval: $(STAMP) ## Corpus metrics on the labelled data beside the project (SHARED=../shared)
	@test -f $(SHARED)/corpus/scripts/dev.jsonl || { echo "no corpus at $(SHARED)/corpus (set SHARED=...)"; exit 1; }
	$(BIN)/wingman eval scripts $(SHARED)/corpus/scripts/dev.jsonl
	@for corpus in $(KQL_CORPORA); do \
	  if test -f $$corpus; then echo "$(BIN)/wingman eval kql $$corpus"; $(BIN)/wingman eval kql $$corpus || exit 1; \
	  else echo "no corpus at $$corpus: kql suite skipped"; fi; \
	done

check: lint typecheck proto-check test ## Everything CI cares about

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
