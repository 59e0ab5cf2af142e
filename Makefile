# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench package deb clean system-deps test-deps

# pip -qq: setuptools' notice of an editable install (some 10 lines) is not printed.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --quiet -e ".[test]"
	touch $(STAMP)

# System libraries only where Qt's platform plugins cannot load without them (ldd says),
# and the tools that tests and make deb run; apt-get as root (as CI runs).
system-deps: $(STAMP)
	@bash packaging/system-deps.sh $(BIN)/python

test-deps: $(STAMP)
	@bash packaging/system-deps.sh --tests $(BIN)/python

run: $(STAMP) system-deps
	$(BIN)/argline

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: $(STAMP) test-deps lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Each script prints figures and a last line of JSON; team_edits needs a PostgreSQL URL.
bench: $(STAMP)
	$(BIN)/python bench/import_bulk.py --events 100000
	$(BIN)/python bench/import_formats.py
	$(BIN)/python bench/exchange_roads.py
	$(BIN)/python bench/anchoring.py
	$(BIN)/python bench/hostile_input.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/timeline_frame.py --events 100000
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/timeline_frame.py --events-file ../shared/bench-data/vis-10k.argline.json
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/edit_refresh.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/export_image.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/map_layout.py --nodes 5000
	$(BIN)/python bench/map_import.py --claims 100000
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/map_open.py --claims 100000
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/startup.py
	$(if $(ARGLINE_TEAM_DB),$(BIN)/python bench/team_edits.py --db $(ARGLINE_TEAM_DB))
	$(if $(ARGLINE_TEAM_DB),$(BIN)/python bench/change_notice.py --db $(ARGLINE_TEAM_DB))

clean:
	rm -rf $(VENV) build dist *.egg-info

# A one-folder PyInstaller bundle in dist/argline/, then run it headless to prove it works.
package: $(STAMP)
	$(BIN)/python -m pip install --quiet --quiet -e ".[package]"
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/argline.spec
	bash packaging/check_bundle.sh dist/argline

# dist/argline_VERSION_amd64.deb from that bundle (packaging/README.md says why the bundle),
# checked by lintian.
deb: package
	@bash packaging/system-deps.sh --deb $(BIN)/python
	bash packaging/build_deb.sh dist/argline dist
