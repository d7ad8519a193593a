#!/bin/sh
# probe under valgrind's memcheck, for make check-valgrind: the
# integration suites run it as PROBE.  A memory error, or memory lost
# by the end, makes the exit status 99, which no test expects; the
# report goes to standard error, where the suites show it.  The binary
# is PROBE_UNDER_VALGRIND, or bin/probe of this tree: a suite may run a
# copy of this script from elsewhere.  No vgdb: its pipes, made as root,
# could not be removed once probe has dropped to nobody.
set -u

bin=${PROBE_UNDER_VALGRIND:-$(cd "$(dirname "$0")/.." && pwd)/bin/probe}
exec valgrind --quiet --vgdb=no --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,possible \
	--show-leak-kinds=definite,possible "$bin" "$@"
