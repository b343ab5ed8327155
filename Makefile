# Two commands on a fresh machine: `make site` then `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AS_OF ?=
ENGINE ?= mkdocs

.PHONY: site test test-fast test-engines check serve clean install lock lock-deps diff

# Installs exactly what requirements.lock pins, each file checked against its hash (CI, deploy and
# developers alike); then the project itself, without fetching anything more.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

## After changing dependencies in pyproject.toml: re-pin them all, with hashes, into requirements.lock
## (uv, universal: the same lock serves every Python >= 3.11 and platform). Commit both files.
lock-deps:
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv>=0.5"
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], "pip", sep="\n")' \
	  | $(BIN)/uv pip compile pyproject.toml - --all-extras --universal --python-version 3.11 --generate-hashes \
	      --custom-compile-command "make lock-deps" --quiet -o requirements.lock

## Validate the data, generate pages, build site/ and the search index (ENGINE=properdocs|zensical to try another engine).
site: $(STAMP)
	$(BIN)/python -m generator build --engine $(ENGINE) $(if $(AS_OF),--as-of $(AS_OF))

## Validate plans/ only (fast; what the pull-request check runs first). With BASE=origin/main (a git
## revision), also check that no URL of the base's urls.lock was removed without a redirect.
check: $(STAMP)
	$(BIN)/python -m generator check $(if $(AS_OF),--as-of $(AS_OF)) $(if $(BASE),--base '$(BASE)')

## Local preview for staff: rebuilds when a YAML or Markdown file changes.
serve: $(STAMP)
	$(BIN)/python -m generator serve

## Full test suite: unit tests, a full build (in a temporary folder, not site/), link check, browser tests (the engine comparison: make test-engines).
## On both cores (pytest-xdist): each worker builds the site once; TEST_JOBS=0 runs it in this one process.
TEST_JOBS ?= 2
test: $(STAMP)
	$(BIN)/python -m pytest -q -n $(TEST_JOBS) --dist worksteal -m "not engines"

## The same pages built by Zensical compared with MkDocs' build (tests/test_engines.py); CI runs it after make test.
test-engines: $(STAMP)
	$(BIN)/python -m pytest -q -m engines tests/test_engines.py

## Unit and validation tests only (seconds): no full build, no browser. For the edit loop.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n $(TEST_JOBS) -m "not build and not browser and not slow"

## Record every URL now published in urls.lock (commit it with the change that adds pages).
lock: $(STAMP)
	$(BIN)/python -m generator lock

## Reviewer summary of data changes between two git revisions: make diff BASE=origin/main HEAD=HEAD
diff: $(STAMP)
	$(BIN)/python -m generator diff $(or $(BASE),origin/main) $(or $(HEAD),HEAD)

clean:
	rm -rf build site
