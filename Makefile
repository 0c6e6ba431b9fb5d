# scorecard: one plain Makefile.  `make` builds ./scorecard; `make run` sets
# up a Debian machine, builds, and runs the demo; `make test` runs every test.

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
DATADIR	?= $(PREFIX)/share/scorecard
MANDIR	?= $(PREFIX)/share/man
DESTDIR	?=

CC	?= cc
VERSION	 = 0.1.0
PKGS	 = libcmark-gfm yaml-0.1 fontconfig nettle harfbuzz harfbuzz-subset
WARN	 = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS	?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	$(CFLAGS) -Igenerator -DSCORECARD_VERSION='"$(VERSION)"' \
	-DSCORECARD_DATADIR='"$(DATADIR)"' \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS	 = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions \
	-lcsv -lhpdf -lm

# Debian packages the build, the demo and the tests need.
DEB_PACKAGES = gcc make pkg-config libcsv-dev libcmark-gfm-dev \
	libcmark-gfm-extensions-dev libhpdf-dev libyaml-dev libfontconfig-dev \
	libharfbuzz-dev fonts-wqy-zenhei libcmocka-dev nettle-dev time \
	chromium poppler-utils qpdf python3

SRCS	:= $(sort $(wildcard generator/*.c generator/*/*.c))
OBJS	:= $(SRCS:generator/%.c=build/obj/%.o)
LIB_OBJS := $(filter-out build/obj/main.o,$(OBJS))
ASAN_OBJS := $(SRCS:generator/%.c=build/asan/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=build/unit/%)

.PHONY: all setup run test asan unit install uninstall clean demo-data bench

all: scorecard

scorecard: $(OBJS)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS)

build/obj/%.o: generator/%.c $(wildcard generator/*/*.h generator/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

# ASan + UBSan build of the same program, used by `make asan`.
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
build/asan/%.o: generator/%.c $(wildcard generator/*/*.h generator/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC (asan) $<"
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS) -c -o $@ $<

build/scorecard-asan: $(ASAN_OBJS)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $(ASAN_OBJS) $(LIBS)

build/unit/%: tests/unit/%.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJS) $(LIBS) -lcmocka

# The unit tests again, linked against the sanitized objects.
ASAN_LIB_OBJS := $(filter-out build/asan/main.o,$(ASAN_OBJS))
UNIT_ASAN_BINS := $(UNIT_SRCS:tests/unit/%.c=build/unit-asan/%)
build/unit-asan/%: tests/unit/%.c $(ASAN_LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "  CC (asan) $<"
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS) -o $@ $< $(ASAN_LIB_OBJS) $(LIBS) -lcmocka

build/workspace-gen: tests/gen/workspace_gen.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror -o $@ $<

# Installs missing Debian packages when root; otherwise prints the command.
setup:
	@missing=""; for p in $(DEB_PACKAGES); do \
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

test: setup
	$(MAKE) scorecard unit build/workspace-gen
	sh tests/run.sh ./scorecard

asan: setup
	$(MAKE) build/scorecard-asan $(UNIT_ASAN_BINS) build/workspace-gen
	ASAN_OPTIONS=detect_leaks=1 UNIT_DIR=build/unit-asan sh tests/run.sh build/scorecard-asan

# Throughput and memory on a generated 10-million-row sales.csv (ROWS=...).
# What users would use instead, for the comparisons of make bench.
BENCH_PACKAGES = pandoc wkhtmltopdf

bench: setup
	@missing=""; for p in $(BENCH_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ]; then \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null || true; fi
	$(MAKE) scorecard build/workspace-gen
	sh tests/bench/bench.sh

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
