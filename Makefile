# probe: build, demo and tests.  See README.md.

CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
CPPFLAGS += -Iinclude -D_GNU_SOURCE
ALL_CFLAGS = -std=c11 $(WARNINGS) $(CFLAGS) $(SAN_FLAGS)

# Debian's libnet 1.1.6 ships libnet-config and no pkg-config file.
LIBNET_CFLAGS := $(shell pkg-config --cflags libnet 2>/dev/null || \
	libnet-config --defines 2>/dev/null)
LIBNET_LIBS := $(shell pkg-config --libs libnet 2>/dev/null || \
	libnet-config --libs 2>/dev/null)
PKG_CFLAGS := $(shell pkg-config --cflags libpcap libcares jansson 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs libpcap libcares jansson 2>/dev/null)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)

LIB_SRCS := $(filter-out probe/main.c,$(wildcard probe/*.c))
LIB_OBJS := $(LIB_SRCS:probe/%.c=build/%.o)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_OBJS := $(UNIT_SRCS:tests/unit/%.c=build/unit/%.o)

# The fuzz targets of tests/fuzz, built without libFuzzer, are a unit
# suite too: it replays their seeds and every input that once crashed
# one of them (tests/fuzz/regress).
FUZZ_TARGETS = decode dnsmsg resolvconf cli
FUZZ_SRCS = $(FUZZ_TARGETS:%=tests/fuzz/fuzz_%.c) tests/fuzz/fuzz_common.c
UNIT_OBJS += $(FUZZ_SRCS:tests/fuzz/%.c=build/replay/%.o)

.PHONY: all deps demo check unit integration clean

all: bin/probe

bin/probe: build/main.o build/libprobe.a | bin
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBNET_LIBS) $(PKG_LIBS)

build/libprobe.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

build/synsend.o: CPPFLAGS += $(filter-out -D_BSD_SOURCE,$(LIBNET_CFLAGS))

build/%.o: probe/%.c $(wildcard include/*.h probe/*.h) | build
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# Each tests/unit/test_NAME.c defines NAME_suite(); the runner takes
# them all from this generated list.
build/unit/suites.inc: $(UNIT_SRCS) | build/unit
	for f in $(UNIT_SRCS:tests/unit/test_%.c=%); do \
		echo "SUITE($$f)"; done > $@

build/unit/%.o: tests/unit/%.c $(wildcard include/*.h) tests/unit/unit.h \
		build/unit/suites.inc | build/unit
	$(CC) $(CPPFLAGS) -Itests/unit -Ibuild/unit $(PKG_CFLAGS) \
		$(CHECK_CFLAGS) $(ALL_CFLAGS) -c -o $@ $<

build/unit/run_unit.o: tests/unit/run_unit.c build/unit/suites.inc
	$(CC) $(CPPFLAGS) -Itests/unit -Ibuild/unit $(CHECK_CFLAGS) \
		$(ALL_CFLAGS) -c -o $@ $<

bin/unit_tests: build/unit/run_unit.o $(UNIT_OBJS) build/libprobe.a | bin
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(CHECK_LIBS) $(LIBNET_LIBS) $(PKG_LIBS)

build/replay/%.o: tests/fuzz/%.c tests/fuzz/fuzz.h $(wildcard include/*.h) \
		| build/replay
	$(CC) $(CPPFLAGS) -DFUZZ_REPLAY $(PKG_CFLAGS) $(ALL_CFLAGS) \
		-c -o $@ $<

build/replay:
	mkdir -p $@

# make SANITIZE=1, or make sanitized: bin-san/probe and
# bin-san/unit_tests, built with AddressSanitizer (LeakSanitizer with
# it) and UBSan from objects of their own in build-san/, so the normal
# build stays as it is.  Run under SAN_ENV, an error or a leak ends the
# program with status 86, which no test expects.
SANITIZERS = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
SAN_ENV = ASAN_OPTIONS=exitcode=86:detect_leaks=1 \
	UBSAN_OPTIONS=exitcode=86:print_stacktrace=1:halt_on_error=1
SAN_LIB_OBJS = $(LIB_OBJS:build/%=build-san/%)
SAN_UNIT_OBJS = $(UNIT_OBJS:build/%=build-san/%)

ifeq ($(SANITIZE),1)
.DEFAULT_GOAL := sanitized
endif

.PHONY: sanitized unit-san integration-san bad-input check-sanitized \
	check-valgrind fuzz clean-hardening

build-san/% bin-san/%: SAN_FLAGS = $(SANITIZERS)

sanitized: bin-san/probe bin-san/unit_tests

bin-san/probe: build-san/main.o build-san/libprobe.a | bin-san
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBNET_LIBS) $(PKG_LIBS)

build-san/libprobe.a: $(SAN_LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

build-san/synsend.o: CPPFLAGS += $(filter-out -D_BSD_SOURCE,$(LIBNET_CFLAGS))

build-san/%.o: probe/%.c $(wildcard include/*.h probe/*.h) | build-san
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(ALL_CFLAGS) -c -o $@ $<

build-san/unit/%.o: tests/unit/%.c $(wildcard include/*.h) \
		tests/unit/unit.h build/unit/suites.inc | build-san/unit
	$(CC) $(CPPFLAGS) -Itests/unit -Ibuild/unit $(PKG_CFLAGS) \
		$(CHECK_CFLAGS) $(ALL_CFLAGS) -c -o $@ $<

build-san/replay/%.o: tests/fuzz/%.c tests/fuzz/fuzz.h \
		$(wildcard include/*.h) | build-san/replay
	$(CC) $(CPPFLAGS) -DFUZZ_REPLAY $(PKG_CFLAGS) $(ALL_CFLAGS) \
		-c -o $@ $<

bin-san/unit_tests: build-san/unit/run_unit.o $(SAN_UNIT_OBJS) \
		build-san/libprobe.a | bin-san
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(CHECK_LIBS) $(LIBNET_LIBS) $(PKG_LIBS)

build-san build-san/unit build-san/replay bin-san:
	mkdir -p $@

# In one process, not one fork a test: each fork would end in a leak
# check of its own and the run would take minutes, not seconds.
unit-san: bin-san/unit_tests
	$(SAN_ENV) CK_FORK=no bin-san/unit_tests

# The integration suites take the binary to run from PROBE.
integration-san: bin-san/probe
	$(SAN_ENV) PROBE=$(CURDIR)/bin-san/probe sh tests/integration/run.sh
	$(SAN_ENV) PROBE=$(CURDIR)/bin-san/probe sh tests/integration/fates.sh
	$(SAN_ENV) PROBE=$(CURDIR)/bin-san/probe sh tests/integration/lookup.sh
	$(SAN_ENV) PROBE=$(CURDIR)/bin-san/probe \
		sh tests/integration/bad_input.sh

bad-input: bin/probe
	sh tests/integration/bad_input.sh

check-sanitized:
	@$(MAKE) --no-print-directory sanitized
	@$(MAKE) --no-print-directory unit-san
	@$(MAKE) --no-print-directory integration-san

# The integration suites with every run of probe under valgrind's
# memcheck (tests/valgrind_probe.sh): an error or a leak is status 99.
VALGRIND_ENV = PROBE=$(CURDIR)/tests/valgrind_probe.sh \
	PROBE_UNDER_VALGRIND=$(CURDIR)/bin/probe

check-valgrind: bin/probe
	@sh tools/deps.sh valgrind
	$(VALGRIND_ENV) sh tests/integration/run.sh
	$(VALGRIND_ENV) sh tests/integration/fates.sh
	$(VALGRIND_ENV) sh tests/integration/lookup.sh
	$(VALGRIND_ENV) sh tests/integration/bad_input.sh

# make fuzz: each target of tests/fuzz built by clang with libFuzzer,
# ASan and UBSan, then run for FUZZ_SECONDS from its seeds; a crash
# fails and leaves the input in build-fuzz/crashes/.
FUZZ_CC = clang
FUZZ_SECONDS = 60
FUZZ_CFLAGS = -std=c11 $(filter-out -Werror,$(WARNINGS)) -O1 -g \
	-fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_LIB_OBJS = $(LIB_OBJS:build/%=build-fuzz/%)

fuzz:
	@sh tools/deps.sh
	@sh tools/deps.sh clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=bin-fuzz/fuzz_%)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

build-fuzz/synsend.o: CPPFLAGS += $(filter-out -D_BSD_SOURCE,$(LIBNET_CFLAGS))

build-fuzz/%.o: probe/%.c $(wildcard include/*.h probe/*.h) | build-fuzz
	$(FUZZ_CC) $(CPPFLAGS) $(PKG_CFLAGS) $(FUZZ_CFLAGS) \
		-fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

build-fuzz/libprobe.a: $(FUZZ_LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

bin-fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.c \
		tests/fuzz/fuzz.h build-fuzz/libprobe.a | bin-fuzz
	$(FUZZ_CC) $(CPPFLAGS) $(PKG_CFLAGS) $(FUZZ_CFLAGS) \
		-fsanitize=fuzzer,address,undefined -o $@ $< \
		tests/fuzz/fuzz_common.c build-fuzz/libprobe.a \
		$(LIBNET_LIBS) $(PKG_LIBS)

build-fuzz bin-fuzz:
	mkdir -p $@

clean: clean-hardening

clean-hardening:
	rm -rf build-san bin-san build-fuzz bin-fuzz

build build/unit bin:
	mkdir -p $@

deps:
	@sh tools/deps.sh

demo:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	@sh tests/demo.sh

unit: bin/unit_tests
	bin/unit_tests

integration: bin/probe
	sh tests/integration/run.sh
	sh tests/integration/fates.sh
	sh tests/integration/lookup.sh
	sh tests/integration/check.sh
	sh tests/integration/formats.sh
	sh tests/integration/install.sh
	sh tests/integration/manifests.sh

check:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all bin/unit_tests
	@$(MAKE) --no-print-directory integration
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory bad-input
	@$(MAKE) --no-print-directory check-sanitized

clean:
	rm -rf build bin

# Installs the binary and the manual pages under PREFIX, or a staging
# tree with DESTDIR.  INSTALL_NSLOOKUP_LINK=1 adds nslookup, a link the
# binary answers to as nslookup would; it is asked for by name because
# it hides any nslookup later in PATH.  SETCAP=1 gives the installed
# binary CAP_NET_RAW, so that users other than root can send raw SYNs:
# it needs root, setcap (Debian's libcap2-bin) and a file system that
# keeps extended attributes.
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
INSTALL_NSLOOKUP_LINK ?= 0
SETCAP ?= 0

.PHONY: install

install: bin/probe
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1"
	install -m 0755 bin/probe "$(DESTDIR)$(BINDIR)/probe"
	install -m 0644 docs/*.1 "$(DESTDIR)$(MANDIR)/man1"
	@if [ "$(INSTALL_NSLOOKUP_LINK)" = 1 ]; then \
		echo ln -sf probe "$(DESTDIR)$(BINDIR)/nslookup"; \
		ln -sf probe "$(DESTDIR)$(BINDIR)/nslookup" || exit 1; \
	fi
	@if [ "$(SETCAP)" = 1 ]; then \
		command -v setcap >/dev/null 2>&1 || { \
			echo "probe: SETCAP=1 needs setcap:" \
				"apt-get install libcap2-bin" >&2; exit 1; }; \
		echo setcap cap_net_raw+p "$(DESTDIR)$(BINDIR)/probe"; \
		setcap cap_net_raw+p "$(DESTDIR)$(BINDIR)/probe" || exit 1; \
	fi

# make bench: probe against nping, tcpdump and glibc's getaddrinfo, in
# network namespaces of its own (tests/bench/run.sh).  Prints a table,
# keeps the figures in tests/bench/out/bench.json and writes
# docs/benchmarks.md.  Timings only, not part of check.  Needs root.
.PHONY: bench
bench:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all
	@sh tests/bench/run.sh
