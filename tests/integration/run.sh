#!/bin/sh
# make integration: runs bin/probe from the pod of a throwaway cluster
# (tests/lib/cluster.sh) and checks exit statuses, nping's line layout
# and what the DNS server was asked.  Needs root.
#
# Prints "ok NAME" or "FAIL NAME: why" with the captured output for each
# case, then "N passed, N failed"; exits non-zero if any case failed.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
probe=${PROBE:-$root/bin/probe}
. "$root/tests/lib/cluster.sh"

# Far beyond any case's run time: only a hung probe reaches it.
PROBE_LIMIT=60
LOOPBACK_PORT=8080

# Pieces of the expected lines, as extended regular expressions: nping's
# layout, without the blank nping leaves at the end of some lines.
T='\([0-9]+\.[0-9]{4}s\)'
N='[0-9]+'
MS='[0-9]+\.[0-9]{3}ms'
MSS_RE=' <mss [0-9]+[^>]*>$'
RTT_RE="^Max rtt: $MS \| Min rtt: $MS \| Avg rtt: $MS\$"
DONE_RE='^Probe done: 1 IP address probed in [0-9]+\.[0-9]+ seconds$'

# re TEXT: TEXT with its dots escaped, for addresses and names in EREs.
re() {
	printf '%s' "$1" | sed 's/\./\\./g'
}

POD_RE=$(re "$CLUSTER_POD_IP")
MYSQL_RE=$(re "$CLUSTER_MYSQL_IP")
REDIS_RE=$(re "$CLUSTER_REDIS_IP")
CLOSED_RE=$(re "$CLUSTER_CLOSED_IP")
LO_RE=$(re 127.0.0.1)

# sent_re SRC DST DPORT: a SYN probe line.
sent_re() {
	printf '^SENT %s TCP %s:%s > %s:%s S ttl=64 id=%s iplen=40' \
		"$T" "$1" "$N" "$2" "$3" "$N"
	printf '  seq=%s win=1480$' "$N"
}

# rcvd_re SRC SPORT DST FLAGS: a reply line up to its window.
rcvd_re() {
	printf '^RCVD %s TCP %s:%s > %s:%s %s ttl=64 id=%s iplen=%s' \
		"$T" "$1" "$2" "$3" "$N" "$4" "$N" "$N"
	printf '  seq=%s win=%s' "$N" "$N"
}

# trace_re SERVICE ADDRESS: the name found through the first search
# domain.
trace_re() {
	printf '^%s -> %s %s -> %s in ' "$1" "$(re "$(cluster_fqdn "$1")")" \
		'\(search domain 1 of 3\)' "$(re "$2")"
}

# probe_run ARG...: runs probe in the pod.  Leaves its command line in
# CMD, its exit status in RC and its output in $OUT and $ERR; fails if
# probe could not run.
probe_run() {
	CMD="ip netns exec $CLUSTER_POD bin/probe $*"
	: >"$OUT"
	: >"$ERR"
	if [ ! -x "$probe" ]; then
		why "$probe is missing; build it with make"
		return
	fi
	cluster_exec "$CLUSTER_POD" timeout "$PROBE_LIMIT" \
		"$probe" "$@" >"$OUT" 2>"$ERR"
	RC=$?
	[ "$RC" -ne 124 ] || why "still running after $PROBE_LIMIT s"
}

# why MESSAGE: records why the current case fails; always fails.
why() {
	WHY=$*
	return 1
}

expect_rc() {
	[ "$RC" = "$1" ] || why "exit status $RC, expected $1"
}

# expect_line ERE: some line of stdout matches.
expect_line() {
	grep -Eq -- "$1" "$OUT" || why "no stdout line matches /$1/"
}

# expect_exact WORD...: some line of stdout is the words, joined by
# single spaces.
expect_exact() {
	grep -Fqx -- "$*" "$OUT" || why "no stdout line \"$*\""
}

# expect_last ERE: the last line of stdout matches.
expect_last() {
	tail -n 1 "$OUT" | grep -Eq -- "$1" ||
		why "last stdout line does not match /$1/"
}

# expect_lines COUNT PREFIX ERE: exactly COUNT stdout lines start with
# PREFIX, and every one of them matches ERE.
expect_lines() {
	n=$(lines_starting "$2" | wc -l)
	if [ "$n" -ne "$1" ]; then
		why "$n stdout lines start \"$2\", expected $1"
		return
	fi
	bad=$(lines_starting "$2" | grep -Ev -- "$3" | head -n 1)
	[ -z "$bad" ] || why "line not matching /$3/: $bad"
}

lines_starting() {
	awk -v p="$1" 'index($0, p) == 1' "$OUT"
}

# expect_error ERE: stderr is one line: "probe: " and a message with a
# match for ERE.
expect_error() {
	n=$(awk 'END { print NR }' "$ERR")
	if [ "$n" -ne 1 ]; then
		why "$n stderr lines, expected 1"
		return
	fi
	grep -Eq -- "^probe: .*($1)" "$ERR" ||
		why "stderr is not \"probe: \" and a message matching /$1/"
}

# expect_no_probes: nothing was sent, received or summed up.
expect_no_probes() {
	bad=$(grep -E '^(SENT|RCVD) \(|^Max rtt|^Raw packets|^Probe done' \
		"$OUT" | head -n 1)
	[ -z "$bad" ] || why "unexpected stdout line: $bad"
}

# expect_rtt_order: the figures of the one "Max rtt" line obey
# min <= avg <= max.
expect_rtt_order() {
	awk -F '[:|]' '/^Max rtt: / {
			n++
			max = $2 + 0; min = $4 + 0; avg = $6 + 0
			ok = min <= avg && avg <= max
		}
		END { exit !(n == 1 && ok) }' "$OUT" ||
		why "not min <= avg <= max: $(grep '^Max rtt' "$OUT")"
}

# expect_replies_to_probes: replies went to exactly the source ports
# the probes left from.
expect_replies_to_probes() {
	sent=$(sed -nE 's/^SENT .* TCP [^ ]+:([0-9]+) > .*/\1/p' "$OUT" |
		sort -u | paste -s -d ' ' -)
	rcvd=$(sed -nE 's/^RCVD .* > [^ ]+:([0-9]+) .*/\1/p' "$OUT" |
		sort -u | paste -s -d ' ' -)
	[ "$sent" = "$rcvd" ] ||
		why "replies to ports $rcvd, probes from ports $sent"
}

# expect_no_queries MARK: the DNS server was asked nothing after MARK.
expect_no_queries() {
	asked=$(cluster_dns_queries "$1" | paste -s -d ' ' -)
	[ -z "$asked" ] || why "DNS server was asked: $asked"
}

# expect_search_order MARK SERVICE: the names asked after MARK, each
# counted once, follow the search list from its start.  A resolver may
# stop at the first answer or ask ahead in parallel; both pass.
expect_search_order() {
	want=
	for d in $CLUSTER_SEARCH; do
		want="$want$2.$d "
	done
	want="$want$2 "
	asked=$(cluster_dns_queries "$1" |
		awk '!seen[$2]++ { print $2 }' | tr '\n' ' ')
	case $want in
	"$asked"*)
		[ -n "$asked" ] || why "DNS server was asked nothing"
		;;
	*)
		why "asked in order: ${asked% }; search order: ${want% }"
		;;
	esac
}

case_open_port() {
	probe_run --tcp -p 3306 -c 3 --delay 200ms mysql &&
		expect_rc 0 &&
		expect_line "$(trace_re mysql "$CLUSTER_MYSQL_IP")" &&
		expect_lines 3 'SENT (' \
			"$(sent_re "$POD_RE" "$MYSQL_RE" 3306)" &&
		expect_lines 3 'RCVD (' \
			"$(rcvd_re "$MYSQL_RE" 3306 "$POD_RE" SA)$MSS_RE" &&
		expect_replies_to_probes &&
		expect_line "$RTT_RE" &&
		expect_rtt_order &&
		expect_exact "Raw packets sent: 3 (120B) |" \
			"Rcvd: 3 (132B) | Lost: 0 (0.00%)" &&
		expect_last "$DONE_RE"
}

case_closed_port() {
	probe_run --tcp -p 80 -c 2 --delay 200ms closed &&
		expect_rc 1 &&
		expect_line "$(trace_re closed "$CLUSTER_CLOSED_IP")" &&
		expect_lines 2 'SENT (' \
			"$(sent_re "$POD_RE" "$CLOSED_RE" 80)" &&
		expect_lines 2 'RCVD (' \
			"$(rcvd_re "$CLOSED_RE" 80 "$POD_RE" RA)\$" &&
		expect_replies_to_probes
}

case_ip_literal() {
	mark=$(cluster_dns_mark)
	probe_run --tcp -p 6379 -c 1 "$CLUSTER_REDIS_IP" &&
		expect_rc 0 &&
		expect_no_queries "$mark" &&
		expect_lines 1 'SENT (' \
			"$(sent_re "$POD_RE" "$REDIS_RE" 6379)" &&
		expect_lines 1 'RCVD (' \
			"$(rcvd_re "$REDIS_RE" 6379 "$POD_RE" SA)$MSS_RE" &&
		expect_last "$DONE_RE"
}

case_unknown_name() {
	probe_run --tcp -p 80 -c 1 nothere &&
		expect_rc 2 &&
		expect_no_probes &&
		expect_error nothere
}

case_bad_port() {
	probe_run --tcp -p 70000 -c 1 mysql &&
		expect_rc 3 &&
		expect_no_probes &&
		expect_error '70000|[Pp]ort'
}

case_search_order() {
	mark=$(cluster_dns_mark)
	probe_run --tcp -p 3306 -c 1 mysql &&
		expect_search_order "$mark" mysql
}

case_loopback() {
	p=$LOOPBACK_PORT
	{
		cluster_listen "$CLUSTER_POD" 127.0.0.1 "$p" ||
			why "no listener on 127.0.0.1:$p in the pod"
	} &&
		probe_run --tcp -p "$p" -c 2 --delay 100ms 127.0.0.1 &&
		expect_rc 0 &&
		expect_lines 2 'SENT (' "$(sent_re "$LO_RE" "$LO_RE" "$p")" &&
		expect_lines 2 'RCVD (' \
			"$(rcvd_re "$LO_RE" "$p" "$LO_RE" SA)$MSS_RE" &&
		expect_replies_to_probes
}

# run_case NAME FUNCTION: runs one case and reports it.
# proc_field PID NAME: a field of /proc/PID/status, tabs squeezed.
proc_field() {
	sed -n "s/^$2:[[:space:]]*//p" "/proc/$1/status" 2>/dev/null |
		tr -s '\t ' ' '
}

# A running probe holds neither root nor any capability: it dropped
# them once its sockets were open, before reading from the network.
case_privileges() {
	CMD="ip netns exec $CLUSTER_POD bin/probe -q -p 3306 -c 5 mysql"
	ip netns exec "$CLUSTER_POD" "$probe" -q -p 3306 -c 5 --delay 200ms \
		mysql >"$OUT" 2>"$ERR" &
	pid=$!
	tries=0
	while [ "$(proc_field "$pid" Uid)" = "0 0 0 0" ] ||
		[ -z "$(proc_field "$pid" Uid)" ]; do
		tries=$((tries + 1))
		[ "$tries" -le 50 ] || break
		sleep 0.02
	done
	uid=$(proc_field "$pid" Uid)
	caps=$(proc_field "$pid" CapEff)
	nnp=$(proc_field "$pid" NoNewPrivs)
	wait "$pid"
	RC=$?
	[ "$uid" = "65534 65534 65534 65534" ] ||
		why "uid is \"$uid\", not nobody's" || return
	[ "$caps" = "0000000000000000" ] ||
		why "effective capabilities $caps" || return
	[ "$nnp" = "1" ] || why "no_new_privs is \"$nnp\"" || return
	expect_rc 0
}

run_case() {
	WHY=
	RC=
	if "$2"; then
		echo "ok $1"
		passed=$((passed + 1))
		return
	fi
	echo "FAIL $1: $WHY"
	if [ -n "$RC" ]; then
		show_output
	fi
	failed=$((failed + 1))
}

show_output() {
	echo "    # $CMD"
	echo "    exit status: $RC"
	sed 's/^/    stdout: /' "$OUT"
	sed 's/^/    stderr: /' "$ERR"
}

run_cases() {
	OUT=$CLUSTER_DIR/stdout
	ERR=$CLUSTER_DIR/stderr
	run_case open-port case_open_port
	run_case closed-port case_closed_port
	run_case ip-literal case_ip_literal
	run_case unknown-name case_unknown_name
	run_case bad-port case_bad_port
	run_case search-order case_search_order
	run_case loopback case_loopback
	run_case privileges case_privileges
}

main() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "integration: needs root to create network namespaces" \
			"and send raw packets (sudo make integration)" >&2
		exit 1
	fi

	cluster_init
	cluster_down_on_exit

	passed=0
	failed=0
	if cluster_up; then
		run_cases
	else
		echo "FAIL cluster: could not build the test cluster"
		failed=1
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main
