#!/bin/sh
# make fuzz: runs each fuzz target of bin-fuzz/ for SECONDS from its
# seeds in tests/fuzz/corpus/NAME.  What a run adds to the corpus stays
# in build-fuzz/corpus/NAME, so the seeds in the tree stay few and
# small; a crash leaves its input in build-fuzz/crashes/.
#
# Use: run.sh SECONDS NAME...  Prints "ok NAME" or "FAIL NAME: why" for
# each target, then "N passed, N failed"; exits non-zero if any failed.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$root/build-fuzz

# Beyond this past its time, a fuzzer is taken as hung.
GRACE=120
# Slower than this on one input is a hang to report, not a slow input.
INPUT_TIMEOUT=10

# fuzz_one NAME SECONDS: runs one target; its output goes to a log.
fuzz_one() {
	fo_log=$work/logs/$1.log
	mkdir -p "$work/corpus/$1" "$work/crashes" "$work/logs" || return 1
	timeout "$(($2 + GRACE))" "$root/bin-fuzz/fuzz_$1" \
		-max_total_time="$2" -timeout="$INPUT_TIMEOUT" \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$work/crashes/$1-" \
		"$work/corpus/$1" "$root/tests/fuzz/corpus/$1" \
		>"$fo_log" 2>&1
}

# report NAME STATUS: one line for the target, with where to look.
report() {
	rp_log=$work/logs/$1.log
	if [ "$2" -eq 0 ]; then
		rp_runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
			"$rp_log")
		echo "ok $1 ($rp_runs runs)"
		passed=$((passed + 1))
		return
	fi
	echo "FAIL $1: status $2, see $rp_log"
	grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$rp_log" |
		head -n 5 | sed 's/^/    /'
	grep -E 'Test unit written to' "$rp_log" | sed 's/^/    /'
	echo "    fix the parser, then keep the input in" \
		"tests/fuzz/regress/$1/ for the unit tests to replay"
	failed=$((failed + 1))
}

main() {
	if [ "$#" -lt 2 ]; then
		echo "usage: run.sh SECONDS NAME..." >&2
		exit 2
	fi
	seconds=$1
	shift

	passed=0
	failed=0
	for name in "$@"; do
		fuzz_one "$name" "$seconds"
		report "$name" "$?"
	done
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main "$@"
