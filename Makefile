# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SEEDS  ?= seeds
STORE  ?= store/briefing.json

.PHONY: run test build score bench clean

$(VENV)/.installed-app: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-app
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

## Open the browser on the bundled seeds (builds the store first when missing or stale).
run: $(VENV)/.installed-app
	@$(PY) -m compileall -q briefing_tui  # bytecode kept even where PYTHONDONTWRITEBYTECODE is set: a faster start
	$(VENV)/bin/briefing --seeds $(SEEDS) --store $(STORE)

## Run the whole test suite.
test: $(VENV)/.installed-test
	$(PY) -m pytest -q

build: $(VENV)/.installed-app
	$(VENV)/bin/briefing build --seeds $(SEEDS) --store $(STORE)

## Extraction score against the gold annotations in ../shared/eval.
score: $(VENV)/.installed-app
	$(PY) ../shared/eval/score.py ../shared/eval/seeds_gold $(SEEDS) --cmd "$(VENV)/bin/briefing extract --json"

bench: $(VENV)/.installed-test
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) store/briefing.json store/briefing.json.shards store/*.lock store/*.index .pytest_cache
