# scorecard: one plain Makefile.  `make` builds ./scorecard; `make run` sets
# up a Debian machine, builds, and runs the demo; `make test` runs every test.

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
DATADIR	?= $(PREFIX)/share/scorecard
MANDIR	?= $(PREFIX)/share/man
DESTDIR	?=

CC	?= cc
VERSION	 = 0.1.0
PKGS	 = libcmark-gfm yaml-0.1 fontconfig nettle harfbuzz harfbuzz-subset \
	libzip expat xlsxwriter libcurl libqpdf zlib
WARN	 = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS	?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -pthread $(WARN) \
	$(CFLAGS) -Igenerator -Ibuild/gen -DSCORECARD_VERSION='"$(VERSION)"' \
	-DSCORECARD_DATADIR='"$(DATADIR)"' \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS	 = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions \
	-lcsv -lhpdf -lm -pthread

# Debian packages the build, the demo and the tests need.
DEB_PACKAGES = gcc make pkg-config libcsv-dev libcmark-gfm-dev \
	libcmark-gfm-extensions-dev libhpdf-dev libyaml-dev libfontconfig-dev \
	libharfbuzz-dev fonts-wqy-zenhei libcmocka-dev nettle-dev time \
	chromium poppler-utils qpdf python3 libxlsxwriter-dev python3-openpyxl \
	libzip-dev libexpat1-dev libcurl4-openssl-dev libqpdf-dev python3-aiosmtpd \
	openssl zlib1g-dev libgmime-3.0-dev

SRCS	:= $(sort $(wildcard generator/*.c generator/*/*.c))
OBJS	:= $(SRCS:generator/%.c=build/obj/%.o)
LIB_OBJS := $(filter-out build/obj/main.o,$(OBJS))
ASAN_OBJS := $(SRCS:generator/%.c=build/asan/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=build/unit/%)

.PHONY: all setup run test asan unit install uninstall clean demo-data bench \
	fuzz fuzz-coverage fuzz-merge valgrind

all: scorecard

scorecard: $(OBJS)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS)

build/obj/%.o: generator/%.c $(wildcard generator/*/*.h generator/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The keys the report and casebook data may have, for the template names
# check (generator/jobs/sample.c): every string literal of the view code
# that could be a key.
build/gen/data_keys.h: $(wildcard generator/view/*.c generator/casebook/*.c)
	@mkdir -p $(dir $@)
	@echo "  GEN $@"
	@{ echo '/* Made by the Makefile from generator/view/ and casebook/. */'; \
	  for d in view casebook; do \
	    echo "static const char *const $${d}_keys[] = {"; \
	    cat generator/$$d/*.c | grep -o '"[a-z][a-z0-9_]*"' | sort -u | \
	      sed 's/^/	/; s/$$/,/'; \
	    echo "	NULL"; echo "};"; \
	  done; } >$@.tmp && mv $@.tmp $@

build/obj/jobs/sample.o build/asan/jobs/sample.o \
build/fuzz/obj/jobs/sample.o build/fuzz-cov/obj/jobs/sample.o: build/gen/data_keys.h

# ASan + UBSan build of the same program, used by `make asan`.
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
build/asan/%.o: generator/%.c $(wildcard generator/*/*.h generator/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC (asan) $<"
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS) -c -o $@ $<

build/scorecard-asan: $(ASAN_OBJS)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $(ASAN_OBJS) $(LIBS)

UNIT_HDRS := $(wildcard tests/unit/*.h)
build/unit/%: tests/unit/%.c $(UNIT_HDRS) $(LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJS) $(LIBS) -lcmocka

# The unit tests again, linked against the sanitized objects.
ASAN_LIB_OBJS := $(filter-out build/asan/main.o,$(ASAN_OBJS))
UNIT_ASAN_BINS := $(UNIT_SRCS:tests/unit/%.c=build/unit-asan/%)
build/unit-asan/%: tests/unit/%.c $(UNIT_HDRS) $(ASAN_LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "  CC (asan) $<"
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS) -o $@ $< $(ASAN_LIB_OBJS) $(LIBS) -lcmocka

build/workspace-gen: tests/gen/workspace_gen.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror -o $@ $<

# Fuzzing: the libFuzzer targets tests/fuzz/fuzz_<name>.c, built with
# clang over the generator's objects (without main.c).  The same targets
# replay their seeds and regression inputs in `make test`, without clang.
FUZZ_TARGETS = csv values policy frontmatter mustache md_pdf md_html xlsx mail \
	manifest csvpar
FUZZ_SECONDS ?= 60
# The longest input each target is given (libFuzzer's -max_len; longer
# corpus files are cut to it): far above what reaches every construct of
# its format, far below where an input's cost outgrows what it finds.
FUZZ_MAX_LEN = csv:2048 values:1024 policy:2048 frontmatter:2048 \
	mustache:2048 md_pdf:1024 md_html:2048 xlsx:2048 mail:2048 manifest:2048 \
	csvpar:2048
FUZZ_CC	 = clang
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
FUZZ_OBJS := $(filter-out build/fuzz/obj/main.o,$(SRCS:generator/%.c=build/fuzz/obj/%.o))
FUZZ_BINS := $(FUZZ_TARGETS:%=build/fuzz/bin/%)
REPLAY_BINS := $(FUZZ_TARGETS:%=build/fuzz-replay/%)
REPLAY_ASAN_BINS := $(FUZZ_TARGETS:%=build/fuzz-replay-asan/%)
FUZZ_HDRS = tests/fuzz/fuzz.h $(wildcard generator/*/*.h generator/*.h)
# What a target needs beyond the program's libraries: the mail target
# reads its messages back with GMime.
FUZZ_LIBS_mail = $(shell pkg-config --cflags --libs gmime-3.0 2>/dev/null)
# Kept: make would delete them as intermediate files.
.SECONDARY: $(FUZZ_OBJS)

build/fuzz/obj/%.o: generator/%.c $(wildcard generator/*/*.h generator/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC (fuzz) $<"
	@$(FUZZ_CC) $(ALL_CFLAGS) -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c -o $@ $<

build/fuzz/bin/%: tests/fuzz/fuzz_%.c $(FUZZ_HDRS) $(FUZZ_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LD (fuzz) $@"
	@$(FUZZ_CC) $(ALL_CFLAGS) -O1 -fsanitize=fuzzer $(FUZZ_SAN) \
	    -DFUZZ_BOUNDED -o $@ $< $(FUZZ_OBJS) $(LIBS) $(FUZZ_LIBS_$*)

build/fuzz-replay/%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_HDRS) $(LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay.c $(LIB_OBJS) $(LIBS) \
	    $(FUZZ_LIBS_$*)

build/fuzz-replay-asan/%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_HDRS) $(ASAN_LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "  CC (asan) $<"
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS) -o $@ $< tests/fuzz/replay.c \
	    $(ASAN_LIB_OBJS) $(LIBS) $(FUZZ_LIBS_$*)

# Runs each target FUZZ_SECONDS (make fuzz FUZZ_TARGETS=csv FUZZ_SECONDS=300)
# on its working corpus build/fuzz/corpus/NAME (seeds and regression inputs
# copied in); stops at the first crash, timeout or leak and names its file.
FUZZ_PACKAGES = clang libclang-rt-14-dev libgmime-3.0-dev

fuzz: setup
	@$(call install_missing,$(FUZZ_PACKAGES))
	$(MAKE) $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
	  c=build/fuzz/corpus/$$t; a=build/fuzz/crash/$$t; \
	  mkdir -p $$c $$a; rm -f $$a/*; \
	  cp tests/fuzz/seeds/$$t/* $$c/; \
	  if [ -d tests/fuzz/regress/$$t ]; then cp tests/fuzz/regress/$$t/* $$c/; fi; \
	  m=$$(echo "$(FUZZ_MAX_LEN)" | tr ' ' '\n' | sed -n "s/^$$t://p"); \
	  echo "  FUZZ $$t ($(FUZZ_SECONDS) s, log build/fuzz/$$t.log)"; \
	  { echo "max_len: $${m:-4096}"; \
	    echo "load_before: $$(cut -d' ' -f1-3 /proc/loadavg)"; } >build/fuzz/$$t.log; \
	  /usr/bin/time -a -o build/fuzz/$$t.log -f 'cpu_seconds: %U %S' \
	  build/fuzz/bin/$$t $$c -dict=tests/fuzz/dict/$$t.dict \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10 \
	    -max_len=$${m:-4096} -artifact_prefix=$$a/ -print_final_stats=1 \
	    >>build/fuzz/$$t.log 2>&1; \
	  rc=$$?; \
	  grep -E '^(#[0-9]+.*DONE|Done [0-9]+ runs)' build/fuzz/$$t.log | sed 's/^/    /'; \
	  if [ $$rc -ne 0 ] || [ -n "$$(ls $$a)" ]; then \
	    grep -E 'ERROR|SUMMARY|Test unit written' build/fuzz/$$t.log | head -5; \
	    echo "fuzz: $$t failed: $$(ls $$a/* 2>/dev/null | head -1)"; exit 1; \
	  fi; \
	done
	@echo "  RATES (build/fuzz/rates.md)"
	@sh tests/fuzz/rates.sh $(FUZZ_TARGETS)

# Line coverage of the fuzz targets (docs/fuzzing.md, "Coverage"): each
# target built with clang's source-based coverage and linked with
# tests/fuzz/replay.c into build/fuzz-cov/bin/NAME, run over its seeds,
# regression inputs and build/fuzz/corpus/NAME when there is one; the
# profiles merged, the per-file table written to build/fuzz/coverage.md.
COV_PACKAGES = clang llvm-14 libgmime-3.0-dev
COV_FLAGS = -fprofile-instr-generate -fcoverage-mapping
COV_OBJS := $(filter-out build/fuzz-cov/obj/main.o,$(SRCS:generator/%.c=build/fuzz-cov/obj/%.o))
COV_BINS := $(FUZZ_TARGETS:%=build/fuzz-cov/bin/%)
.SECONDARY: $(COV_OBJS)

build/fuzz-cov/obj/%.o: generator/%.c $(wildcard generator/*/*.h generator/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC (coverage) $<"
	@$(FUZZ_CC) $(ALL_CFLAGS) -O1 $(COV_FLAGS) -c -o $@ $<

build/fuzz-cov/bin/%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_HDRS) $(COV_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LD (coverage) $@"
	@$(FUZZ_CC) $(ALL_CFLAGS) -O1 $(COV_FLAGS) -o $@ $< tests/fuzz/replay.c \
	    $(COV_OBJS) $(LIBS) $(FUZZ_LIBS_$*)

fuzz-coverage:
	@$(call install_missing,$(COV_PACKAGES))
	$(MAKE) $(COV_BINS)
	sh tests/fuzz/coverage.sh $(FUZZ_TARGETS)

# Minimises each target's seeds and working corpus build/fuzz/corpus/NAME
# into tests/fuzz/seeds/NAME (tests/fuzz/merge.sh: libFuzzer's -merge=1,
# the fewest inputs that keep every edge; seeds kept keep their names;
# the regression inputs stay as they are in tests/fuzz/regress/NAME).
fuzz-merge: setup
	@$(call install_missing,$(FUZZ_PACKAGES))
	$(MAKE) $(FUZZ_BINS)
	sh tests/fuzz/merge.sh $(FUZZ_TARGETS)

# install_missing PACKAGES: installs the missing Debian packages when
# root (updating the package lists once if need be); otherwise prints the
# command and fails.
install_missing = missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null \
	    || { apt-get update -q >/dev/null && \
	         DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null; } \
	    || exit 1; \
	  else \
	    echo "missing Debian packages; run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# Installs missing Debian packages when root; otherwise prints the command.
setup:
	@$(call install_missing,$(DEB_PACKAGES))

# The demo: the month and quarter the demo workspace is built around.
DEMO_MONTH = 2026-10
DEMO_QUARTER = 2026-Q3

run: setup
	$(MAKE) scorecard
	./scorecard check --input input
	./scorecard monthly $(DEMO_MONTH) --input input --output output
	./scorecard quarterly $(DEMO_QUARTER) --input input --output output --force
	./scorecard casebook --input input --output output

demo-data: build/workspace-gen
	build/workspace-gen --out input

unit: $(UNIT_BINS)

# Packages only tests use, attempted by `make test` and allowed to fail:
# a test that needs one says it is skipped where it is not installed
# (tests/e2e/scripts/xlsx_libreoffice.sh).
TEST_PACKAGES = libreoffice-calc-nogui

test: setup
	@( $(call install_missing,$(TEST_PACKAGES)) ) || \
	  echo "note: could not install $(TEST_PACKAGES): the tests that need it are skipped"
	$(MAKE) scorecard unit build/workspace-gen $(REPLAY_BINS)
	sh tests/run.sh ./scorecard

asan: setup
	$(MAKE) build/scorecard-asan $(UNIT_ASAN_BINS) build/workspace-gen \
	    $(REPLAY_ASAN_BINS)
	ASAN_OPTIONS=detect_leaks=1 UNIT_DIR=build/unit-asan \
	    REPLAY_DIR=build/fuzz-replay-asan sh tests/run.sh build/scorecard-asan

# The end-to-end cases and the report, archive and casebook scripts under
# valgrind memcheck: any memory error or definite leak fails the test.
VALGRIND_SCRIPTS = hand archive lenient_report report_documents casebook \
	casebook_defects render_page security send send_failures send_tls \
	send_encrypt
valgrind: setup
	@command -v valgrind >/dev/null || { [ "$$(id -u)" = 0 ] && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q valgrind >/dev/null; }
	$(MAKE) scorecard build/workspace-gen
	@mkdir -p build/valgrind
	@printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --suppressions=$(CURDIR)/tests/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite "%s" "$$@"\n' \
	  "$(CURDIR)/scorecard" >build/valgrind/scorecard
	@chmod +x build/valgrind/scorecard
	PARTS="cases scripts" SCRIPTS="$(VALGRIND_SCRIPTS)" TIMEOUT=600 \
	  sh tests/run.sh build/valgrind/scorecard

# scorecard beside what users would use instead, on generated workspaces;
# writes build/bench/results.md (tests/bench/bench.sh: ROWS, PEOPLE, CASES,
# RUNS, BENCH_DIR; SMALL=1 for a quick run).
# What users would use instead, for the comparisons of make bench
# (WeasyPrint's Python module: `weasyprint` on Debian 12, which depends on
# python3-weasyprint from Debian 13 on).  A missing one gets a
# "not installed" row.
BENCH_PACKAGES = pandoc wkhtmltopdf python3-pandas sqlite3 cmark-gfm weasyprint
# DuckDB (@duckdb/node-api) and Typst (@myriaddreamin/typst-ts-node-compiler)
# from npm, at the versions of tests/bench/package-lock.json, into
# $(BENCH_NPM)/node_modules; again when the lock file changes.
BENCH_NPM = build/bench/npm

bench: setup
	@missing=""; for p in $(BENCH_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ]; then \
	  echo "installing:$$missing"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null 2>&1 \
	  || for p in $$missing; do \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$p >/dev/null 2>&1 \
	    || echo "bench: could not install $$p"; done; fi
	@if ! command -v npm >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "installing: nodejs npm"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >/dev/null 2>&1 \
	    || echo "bench: could not install npm"; fi
	@if ! command -v npm >/dev/null 2>&1; then echo "bench: no npm: DuckDB and Typst not installed"; \
	elif ! cmp -s tests/bench/package-lock.json $(BENCH_NPM)/installed.json; then \
	  echo "installing from npm: @duckdb/node-api @myriaddreamin/typst-ts-node-compiler"; \
	  rm -rf $(BENCH_NPM) && mkdir -p $(BENCH_NPM) && \
	  cp tests/bench/package.json tests/bench/package-lock.json $(BENCH_NPM)/ && \
	  (cd $(BENCH_NPM) && npm ci --no-audit --no-fund --loglevel=error >/dev/null) && \
	  cp tests/bench/package-lock.json $(BENCH_NPM)/installed.json \
	    || echo "bench: could not install the npm peers (DuckDB, Typst)"; fi
	$(MAKE) scorecard build/workspace-gen
	BENCH_NPM=$(BENCH_NPM) sh tests/bench/bench.sh

install: scorecard
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/templates
	install -m 755 scorecard $(DESTDIR)$(BINDIR)/scorecard
	install -m 644 generator/scorecard.1 $(DESTDIR)$(MANDIR)/man1/scorecard.1
	cp -R templates/. $(DESTDIR)$(DATADIR)/templates/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/scorecard $(DESTDIR)$(MANDIR)/man1/scorecard.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build scorecard
