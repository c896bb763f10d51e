# mutu: the two commands users start with are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell $(PYTHON) -c "import hashlib;print(hashlib.sha256(open('pyproject.toml','rb').read()).hexdigest()[:12])")
SAMPLES := $(wildcard data/samples/*.csv)
OUT ?= out
CHROMIUM := /usr/bin/chromium
PERIOD ?= --since 2026-01-01 --until 2026-06-30

.PHONY: run test browser screenshots install model train evaluate serve bench bench-batch bench-api lint clean

run: install model  ## set up, then score the bundled sample feeds into out/
	$(BIN)/mutu score $(SAMPLES) --out $(OUT) $(PERIOD)

test: install browser  ## set up with test extras, then run the tests
	$(BIN)/python -m pytest

browser:  ## Debian's Chromium for the browser tests of the web page, installed when missing
	@test -x $(CHROMIUM) || { echo "installing chromium (apt-get) for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

screenshots: install browser model  ## refresh docs/page_*.png from the browser tests
	MUTU_SCREENSHOTS=docs $(BIN)/python -m pytest -q tests/test_web_browser.py

install: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	rm -f $(VENV)/.installed-* && touch $@

model: install  ## make sure a CURRENT model exists (trains one from data/ if not)
	@test -f models/CURRENT || $(BIN)/mutu train

train: install  ## train a new model version from data/ and make it CURRENT
	$(BIN)/mutu train

evaluate: install  ## the CURRENT model on the frozen evaluation split
	$(BIN)/mutu evaluate

serve: install model  ## start the HTTP service (MUTU_* variables configure it)
	$(BIN)/mutu serve

bench: install model  ## speed figures: stemming, predict, training, fastText side by side
	$(BIN)/python -m pip install -q -e ".[bench]"
	$(BIN)/python bench/bench_classifier.py

bench-batch: install model  ## mutu score posts/s on 100,000 posts and peak memory on 1,000,000
	$(BIN)/python bench/bench_batch.py

bench-api: install model  ## service throughput and latency on loopback
	$(BIN)/python bench/bench_api.py

lint: install
	$(BIN)/ruff check classifier service tests

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
