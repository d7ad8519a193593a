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

check:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory all bin/unit_tests
	@$(MAKE) --no-print-directory integration
	@$(MAKE) --no-print-directory unit

clean:
	rm -rf build bin
