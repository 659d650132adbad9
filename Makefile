# Two entry points for a fresh Debian machine (root, no display) or a desktop:
#   make run   -> installs what is missing, opens Parallax on the bundled seeds
#   make test  -> installs what is missing plus test tools, runs the whole suite headless
# Both are re-runnable; stamp files keep them quick once done.

VENV    := .venv
PY      := $(VENV)/bin/python
PYTHON3 ?= python3
# Debian libraries Qt needs offscreen, plus Xvfb for a real window without a display,
# poppler-utils to read exported PDFs back (see ../shared/QT-HEADLESS.md) and cmark-gfm
# to render the Markdown export as GitHub does (tests/test_export_formats.py).
DEB_PKGS := python3-venv libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 \
            libdbus-1-3 fonts-dejavu-core fonts-wqy-microhei fonts-kacst-one fonts-lohit-deva fonts-symbola poppler-utils xvfb xauth libxkbcommon-x11-0 \
            libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 \
            cmark-gfm

.PHONY: run test bench quality deps clean install uninstall

# With a display: the reader window. Without one (a server, CI): the alignment
# summary, and the window rendered to parallax-screenshot.png to look at.
run: $(VENV)/.installed
	@if [ -n "$$DISPLAY" ] || [ -n "$$WAYLAND_DISPLAY" ]; then \
		$(VENV)/bin/parallax $(ARGS); \
	else \
		$(VENV)/bin/parallax align $(ARGS) && \
		QT_QPA_PLATFORM=offscreen $(VENV)/bin/parallax --screenshot parallax-screenshot.png $(ARGS) && \
		echo "No display here: the window was rendered to parallax-screenshot.png" \
		     "(on a desktop, 'make run' opens it; or: xvfb-run -a $(VENV)/bin/parallax)."; \
	fi

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# Whole processes of the installed parallax on real prose, beside difflib (benchmarks/run.py);
# BENCH_ARGS=--huge adds the 2 x 8 MB pair at the size limit, --only TEXT picks cases.
# The reader is byte-compiled again first, as an install leaves it: a source edited since
# would otherwise be compiled at every run under PYTHONDONTWRITEBYTECODE (~0.1 s a process).
bench: $(VENV)/.installed-test
	$(PY) -m compileall -q reader
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py $(BENCH_ARGS)

# Alignment quality on the public dev sets (../shared/devsets): recall, precision, time per set.
quality: $(VENV)/.installed
	$(PYTHON3) $(or $(wildcard ../shared/tools/score_alignment.py),/work/shared/tools/score_alignment.py) --parallax $(VENV)/bin/parallax

deps: .deb-stamp

# apt only where it is needed and allowed: root on Debian with a library missing.
.deb-stamp:
	@missing=""; for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "Debian packages present."; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	else echo "Missing Debian packages (install them as root):$$missing"; fi
	@touch $@

$(VENV)/bin/python: .deb-stamp
	$(PYTHON3) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Byte-compiled as a wheel install would be: an editable install leaves that to the first
# run, which pays ~60 ms compiling the reader (every run, under PYTHONDONTWRITEBYTECODE).
$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(PY) -m pip install -q -e .
	$(PY) -m compileall -q reader
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

# For the current user, no root: the `parallax` command in ~/.local/bin (a link to this
# checkout's venv), the menu entry, icon and AppStream metainfo under ~/.local/share.
DATA_HOME := $(or $(XDG_DATA_HOME),$(HOME)/.local/share)
BIN_HOME  := $(HOME)/.local/bin
DESKTOP   := resources/desktop

install: $(VENV)/.installed
	install -d $(BIN_HOME)
	ln -sfn $(abspath $(VENV))/bin/parallax $(BIN_HOME)/parallax
	install -Dm644 $(DESKTOP)/parallax.desktop $(DATA_HOME)/applications/parallax.desktop
	install -Dm644 $(DESKTOP)/parallax.svg $(DATA_HOME)/icons/hicolor/scalable/apps/parallax.svg
	install -Dm644 $(DESKTOP)/parallax.metainfo.xml $(DATA_HOME)/metainfo/parallax.metainfo.xml
	-command -v update-desktop-database >/dev/null && update-desktop-database -q $(DATA_HOME)/applications
	@echo "Installed: $(BIN_HOME)/parallax and the Parallax menu entry."

uninstall:
	rm -f $(BIN_HOME)/parallax $(DATA_HOME)/applications/parallax.desktop \
	      $(DATA_HOME)/icons/hicolor/scalable/apps/parallax.svg $(DATA_HOME)/metainfo/parallax.metainfo.xml

clean:
	rm -rf $(VENV) .deb-stamp build *.egg-info
