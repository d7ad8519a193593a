#!/bin/sh
# make integration, fates of a SYN: probes each host of tests/lib/fates.sh
# from the pod (open, closed, dropped, rejected by the target or by a
# router, other ICMP errors, a late reply, a duplicate, IPv6, several
# ports, targets and addresses, connect() probes with and without
# privilege, an interrupted run, bad numbers) and checks that bin/probe
# tells each apart: its lines in nping's layout, the summary, one verdict
# a target and port, and the exit status.  Needs root.
#
# Prints "ok NAME" or "FAIL NAME: why" with the captured output for each
# case, then "N passed, N failed"; exits non-zero if any case failed.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
probe=${PROBE:-$root/bin/probe}
FATES_SYNACK=$root/tests/tools/synack.py
. "$root/tests/lib/cluster.sh"
. "$root/tests/lib/fates.sh"

# Far beyond any case's run time: only a hung probe reaches it.
PROBE_LIMIT=60
# A probe's wait where a case expects silence, to keep the run short;
# the late host answers well after it (FATES_LATE_MS).
WAIT=200ms

NO_RAW='probe: no raw socket (Operation not permitted): using TCP'\
' connect() probes, timed in user space'

# Pieces of the expected lines, as extended regular expressions.
T='\([0-9]+\.[0-9]{4}s\)'
N='[0-9]+'
RTT='rtt [0-9]+\.[0-9]{3} ms'
MSS=' <mss [0-9]+>'
VERDICT_RE='^[^ ]+( \([^)]+\))? port [0-9]+: '

# re TEXT: TEXT with the characters special in EREs escaped.
re() {
	printf '%s' "$1" | sed 's/[].[()|*+?{}^$\\]/\\&/g'
}

POD=$(re "$CLUSTER_POD_IP")
POD6=$(re "[$FATES_POD_IP6]")
MYSQL6=$(re "[$CLUSTER_MYSQL_IP6]")

# sent_re SRC DST DPORT: a SYN probe line over IPv4.
sent_re() {
	printf '^SENT %s TCP %s:%s > %s:%s S ttl=64 id=%s iplen=40' \
		"$T" "$1" "$N" "$2" "$3" "$N"
	printf '  seq=%s win=1480$' "$N"
}

# sent6_re SRC DST DPORT: the same over IPv6, addresses in brackets.
sent6_re() {
	printf '^SENT %s TCP %s:%s > %s:%s S hlim=64 plen=20' \
		"$T" "$1" "$N" "$2" "$3"
	printf '  seq=%s win=1480$' "$N"
}

# rcvd_re SRC SPORT DST FLAGS: a TCP reply line up to its window.
rcvd_re() {
	printf '^RCVD %s TCP %s:%s > %s:%s %s ttl=%s id=%s iplen=%s' \
		"$T" "$1" "$2" "$3" "$N" "$4" "$N" "$N" "$N"
	printf '  seq=%s win=%s' "$N" "$N"
}

rcvd6_re() {
	printf '^RCVD %s TCP %s:%s > %s:%s %s hlim=%s plen=%s' \
		"$T" "$1" "$2" "$3" "$N" "$4" "$N" "$N"
	printf '  seq=%s win=%s' "$N" "$N"
}

# icmp_re SENDER TEXT TTL: an ICMP error line to the pod, as nping
# prints it; TEXT is nping's description, as a literal.
icmp_re() {
	printf '^RCVD %s ICMP \\[%s > %s %s \\] ' \
		"$T" "$(re "$1")" "$POD" "$(re "$2")"
	printf 'IP \\[ttl=%s id=%s iplen=68 \\]$' "$3" "$N"
}

# open_re NAME ADDRESS PORT ANSWERED: the verdict for an open port.
open_re() {
	printf '^%s port %s: open, %s answered, %s$' \
		"$(re "$1 ($2)")" "$3" "$4" "$RTT"
}

# done_re COUNT: the last line, for COUNT addresses.
done_re() {
	s=es
	[ "$1" -ne 1 ] || s=
	printf '^Probe done: %s IP address%s probed in %s$' "$1" "$s" \
		'[0-9]+\.[0-9]+ seconds'
}

# probe_run ARG...: runs probe as root in the pod.  Leaves its command
# line in CMD, its exit status in RC and its output in $OUT and $ERR;
# fails if probe could not run to its end.
probe_run() {
	run_in_pod "$probe" "$@"
}

# probe_run_nobody ARG...: the same as user nobody, every capability
# dropped, as in a pod that runs as non-root.
probe_run_nobody() {
	run_in_pod setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=-all --bounding-set=-all "$NOBODY_PROBE" "$@"
}

run_in_pod() {
	CMD="ip netns exec $CLUSTER_POD $*"
	: >"$OUT"
	: >"$ERR"
	[ -x "$probe" ] || why "$probe is missing; build it with make" ||
		return
	cluster_exec "$CLUSTER_POD" timeout "$PROBE_LIMIT" "$@" \
		>"$OUT" 2>"$ERR"
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

# expect_count COUNT ERE: exactly COUNT lines of stdout match.
expect_count() {
	n=$(grep -Ec -- "$2" "$OUT")
	[ "$n" -eq "$1" ] || why "$n stdout lines match /$2/, expected $1"
}

# expect_only PREFIX ERE: every stdout line that starts with PREFIX
# matches ERE.
expect_only() {
	bad=$(awk -v p="$1" 'index($0, p) == 1' "$OUT" |
		grep -Ev -- "$2" | head -n 1)
	[ -z "$bad" ] || why "line not matching /$2/: $bad"
}

expect_last() {
	tail -n 1 "$OUT" | grep -Eq -- "$1" ||
		why "last stdout line does not match /$1/"
}

# expect_verdicts COUNT ADDRESSES: COUNT verdict lines, and the run
# ends with the line that sums up ADDRESSES addresses probed.
expect_verdicts() {
	expect_count "$1" "$VERDICT_RE" && expect_last "$(done_re "$2")"
}

# expect_error: stderr is one line, "probe: " and a message; nothing
# was probed.
expect_error() {
	n=$(awk 'END { print NR }' "$ERR")
	[ "$n" -eq 1 ] || why "$n stderr lines, expected 1" || return
	grep -q '^probe: ' "$ERR" || why "stderr does not start \"probe: \"" ||
		return
	expect_count 0 '^(SENT|RCVD) \('
}

# expect_stderr TEXT: stderr is exactly TEXT, one line or none.
expect_stderr() {
	[ "$(cat "$ERR")" = "$1" ] || why "stderr is not \"$1\""
}

# expect_sane: what every run's figures must obey (field cases F12 and
# F13): losses from 0 to 100 %, min <= avg <= max, and replies only to
# the source ports the probes left from.
expect_sane() {
	bad=$(sane_figures "$OUT")
	[ -z "$bad" ] || why "$bad" || return
	bad=$(foreign_replies "$OUT")
	[ -z "$bad" ] || why "reply to a port no probe left from: $bad"
}

sane_figures() {
	awk '/(Lost|Failed): -?[0-9]+ +\(/ {
		s = $0
		sub(/.*(Lost|Failed): /, "", s)
		n = s + 0
		sub(/^[^(]*\(/, "", s)
		if (n < 0 || s + 0 < 0 || s + 0 > 100) {
			print "loss out of range: " $0
			exit
		}
	}
	/Max rtt: [0-9]/ {
		s = $0
		sub(/.*Max rtt: /, "", s)
		split(s, f, /ms \| (Min|Avg) rtt: /)
		if (!(f[2] + 0 <= f[3] + 0 && f[3] + 0 <= f[1] + 0)) {
			print "not min <= avg <= max: " $0
			exit
		}
	}' "$1"
}

# foreign_replies FILE: the first TCP reply line of FILE to a port that
# no probe line of FILE left from.
foreign_replies() {
	awk '$1 == "SENT" && $3 == "TCP" {
		p = $4
		sub(/.*:/, "", p)
		ports[p] = 1
	}
	$1 == "RCVD" && $3 == "TCP" {
		p = $6
		sub(/.*:/, "", p)
		if (!(p in ports)) {
			print
			exit
		}
	}' "$1"
}

case_open() {
	a=$(re "$CLUSTER_REDIS_IP")
	probe_run --tcp -p 6379 -c 3 --delay 200ms redis &&
		expect_rc 0 &&
		expect_count 3 "$(sent_re "$POD" "$a" 6379)" &&
		expect_count 3 "$(rcvd_re "$a" 6379 "$POD" SA)$MSS\$" &&
		expect_exact "Raw packets sent: 3 (120B) | Rcvd: 3 (132B) |" \
			"Lost: 0 (0.00%)" &&
		expect_line "$(open_re redis "$CLUSTER_REDIS_IP" 6379 3/3)" &&
		expect_verdicts 1 1 &&
		expect_fast
}

# expect_fast: on a veth link the kernel answers in well under a
# millisecond; 100 ms leaves room for a busy machine but not for
# replies held in a capture buffer (F12).
expect_fast() {
	awk '/^Max rtt: [0-9]/ { exit !($3 + 0 < 100) }' "$OUT" ||
		why "round trips of 100 ms or more on a veth link"
}

case_closed() {
	a=$(re "$CLUSTER_CLOSED_IP")
	probe_run --tcp -p 80 -c 2 --delay 200ms closed &&
		expect_rc 1 &&
		expect_count 2 "$(rcvd_re "$a" 80 "$POD" RA)\$" &&
		expect_exact "closed ($CLUSTER_CLOSED_IP) port 80:" \
			"closed (RST), 2/2 answered" &&
		expect_verdicts 1 1
}

case_drop() {
	probe_run --tcp -p 80 -c 2 --delay 200ms --timeout "$WAIT" \
		filtered &&
		expect_rc 1 &&
		expect_count 2 "$(sent_re "$POD" "$(re "$FATES_FILTERED_IP")" \
			80)" &&
		expect_count 0 '^RCVD ' &&
		expect_exact 'Max rtt: N/A | Min rtt: N/A | Avg rtt: N/A' &&
		expect_exact "Raw packets sent: 2 (80B) | Rcvd: 0 (0B) |" \
			"Lost: 2 (100.00%)" &&
		expect_exact "filtered ($FATES_FILTERED_IP) port 80:" \
			"filtered (no reply to 2 probes)" &&
		expect_verdicts 1 1
}

ADMIN='Communication administratively prohibited by filtering'\
' (type=3/code=13)'

case_reject() {
	probe_run --tcp -p 80 -c 2 --delay 200ms rejected &&
		expect_rc 1 &&
		expect_count 2 "$(icmp_re "$FATES_REJECTED_IP" "$ADMIN" 64)" &&
		expect_exact "rejected ($FATES_REJECTED_IP) port 80:" \
			"rejected (ICMP admin prohibited), 2/2 answered" &&
		expect_verdicts 1 1
}

# The router's error crossed the node: one hop, so ttl 63.
case_reject_router() {
	probe_run --tcp -p 80 -c 2 --delay 200ms policy &&
		expect_rc 1 &&
		expect_count 2 "$(icmp_re "$FATES_ROUTER_IP" "$ADMIN" 63)" &&
		expect_exact "policy ($FATES_POLICY_IP) port 80: rejected" \
			"(ICMP admin prohibited from $FATES_ROUTER_IP)," \
			"2/2 answered" &&
		expect_verdicts 1 1
}

# unreachable_case NAME ADDRESS NPING_TEXT VERDICT_ERE: a host that
# rejects with an ICMP error other than admin prohibited.
unreachable_case() {
	v="^$(re "$1 ($2)") port 80: rejected \\(ICMP $4\\), 1/1 answered\$"
	probe_run --tcp -p 80 -c 1 "$1" &&
		expect_rc 1 &&
		expect_count 1 "$(icmp_re "$2" "$3" 64)" &&
		expect_line "$v" &&
		expect_verdicts 1 1
}

case_host_unreachable() {
	unreachable_case hostunreach "$FATES_HOSTUNREACH_IP" \
		"Host $FATES_HOSTUNREACH_IP unreachable (type=3/code=1)" \
		'host unreachable'
}

case_net_unreachable() {
	unreachable_case netunreach "$FATES_NETUNREACH_IP" \
		"Network $FATES_NETUNREACH_IP unreachable (type=3/code=0)" \
		'(net|network) unreachable'
}

# The first probe's reply comes after its wait, before the second
# probe; the second's comes after the run ended.
case_late() {
	p=$FATES_SYNACK_PORT
	a=$(re "$FATES_LATE_IP")
	r=$(rcvd_re "$a" "$p" "$POD" SA)$MSS
	probe_run --tcp -p "$p" -c 2 --delay 1s --timeout "$WAIT" late &&
		expect_rc 1 &&
		expect_line "$r \\[late\\]\$" &&
		expect_only 'RCVD (' ' \[late\]$' &&
		expect_line '\| Lost: 2 \(100\.00%\)$' &&
		expect_line "^late \\($a\\) port $p: filtered \\(" &&
		expect_verdicts 1 1
}

# Each probe is answered twice; the run may end before the last
# probe's second answer.
case_duplicate() {
	a=$(re "$FATES_TWICE_IP")
	r=$(rcvd_re "$a" "$FATES_SYNACK_PORT" "$POD" SA)$MSS
	probe_run --tcp -p "$FATES_SYNACK_PORT" -c 2 --delay 200ms twice &&
		expect_rc 0 &&
		expect_count 2 "$r\$" &&
		expect_line "$r \\[duplicate\\]\$" &&
		expect_line '\| Lost: 0 \(0\.00%\)$' &&
		expect_line "$(open_re twice "$FATES_TWICE_IP" \
			"$FATES_SYNACK_PORT" 2/2)" &&
		expect_verdicts 1 1
}

case_ipv6_open() {
	probe_run --tcp -6 -p 3306 -c 2 --delay 200ms mysql &&
		expect_rc 0 &&
		expect_count 2 "$(sent6_re "$POD6" "$MYSQL6" 3306)" &&
		expect_count 2 "$(rcvd6_re "$MYSQL6" 3306 "$POD6" SA)$MSS\$" &&
		expect_line "$(open_re mysql "$CLUSTER_MYSQL_IP6" 3306 2/2)" &&
		expect_verdicts 1 1
}

case_ipv6_closed() {
	probe_run --tcp -6 -p 80 -c 2 --delay 200ms mysql &&
		expect_rc 1 &&
		expect_count 2 "$(sent6_re "$POD6" "$MYSQL6" 80)" &&
		expect_count 2 "$(rcvd6_re "$MYSQL6" 80 "$POD6" RA)\$" &&
		expect_exact "mysql ($CLUSTER_MYSQL_IP6) port 80:" \
			"closed (RST), 2/2 answered" &&
		expect_verdicts 1 1
}

# mysql has an IPv6 address too: -4 keeps this to two addresses.
case_ports_targets() {
	m=$CLUSTER_MYSQL_IP
	r=$CLUSTER_REDIS_IP
	probe_run --tcp -4 -p 3306,6379 -c 2 --delay 100ms mysql redis &&
		expect_rc 1 &&
		expect_order "$m:3306 $r:3306 $m:6379 $r:6379" 2 &&
		expect_block mysql "$m" 4 &&
		expect_block redis "$r" 4 &&
		expect_line "$(open_re mysql "$m" 3306 2/2)" &&
		expect_exact "redis ($r) port 3306: closed (RST)," \
			"2/2 answered" &&
		expect_exact "mysql ($m) port 6379: closed (RST)," \
			"2/2 answered" &&
		expect_line "$(open_re redis "$r" 6379 2/2)" &&
		expect_verdicts 4 2
}

# expect_order DESTINATIONS ROUNDS: the probes went to the address:port
# words of DESTINATIONS in that order, once each round.
expect_order() {
	want=
	i=0
	while [ "$i" -lt "$2" ]; do
		want="$want $1"
		i=$((i + 1))
	done
	got=$(sed -nE 's/^SENT .* > ([^ ]+) S .*/\1/p' "$OUT" |
		paste -s -d ' ' -)
	[ "$got" = "${want# }" ] || why "probes went to: $got"
}

# expect_block NAME ADDRESS SENT: nping's statistics for one host.
expect_block() {
	awk -v head="Statistics for host $1 ($2):" -v sent="$3" '
		$0 == head { at = NR }
		at && NR == at + 1 {
			ok = index($0, " |  Probes Sent: " sent " | ") == 1
		}
		at && NR == at + 2 {
			ok = ok && $0 ~ /^ \|_ Max rtt: ([0-9.]+ms|N\/A) \| /
		}
		END { exit !ok }' "$OUT" ||
		why "no statistics for host $1 ($2) with $3 probes sent"
}

case_literal() {
	v="^$(re "$CLUSTER_REDIS_IP") port 6379: open, 1/1 answered, $RTT\$"
	probe_run --tcp -p 6379 -c 1 "$CLUSTER_REDIS_IP" &&
		expect_rc 0 &&
		expect_line "$v" &&
		expect_verdicts 1 1
}

case_addresses() {
	probe_run --tcp -p "$FATES_WEB_PORT" -c 1 web &&
		expect_rc 0 &&
		expect_web 3 &&
		expect_verdicts 3 3
}

case_first() {
	probe_run --tcp --first -p "$FATES_WEB_PORT" -c 1 web &&
		expect_rc 0 &&
		expect_web 1 &&
		expect_verdicts 1 1
}

# expect_web COUNT: COUNT of web's addresses probed, each open.
expect_web() {
	n=0
	for ip in $FATES_WEB_IPS; do
		v=$(open_re web "$ip" "$FATES_WEB_PORT" 1/1)
		grep -Eq -- "$v" "$OUT" && n=$((n + 1))
	done
	[ "$n" -eq "$1" ] || why "$n of web's addresses open, expected $1"
}

# connect_sent_re NAME PORT ADDRESS and the reply lines: nping's
# --tcp-connect layout.
connect_sent_re() {
	printf '^SENT %s Starting TCP Handshake > %s$' \
		"$T" "$(re "$1:$2 ($3:$2)")"
}

connect_done_re() {
	printf '^RCVD %s Handshake with %s completed$' \
		"$T" "$(re "$1:$2 ($3:$2)")"
}

connect_fail_re() {
	printf '^RCVD %s Possible TCP RST received from %s --> %s$' \
		"$T" "$(re "$1:$2")" "$3"
}

connect_open() {
	a=$CLUSTER_REDIS_IP
	expect_rc 0 &&
		expect_count 2 "$(connect_sent_re redis 6379 "$a")" &&
		expect_count 2 "$(connect_done_re redis 6379 "$a")" &&
		expect_exact "TCP connection attempts: 2 |" \
			"Successful connections: 2 | Failed: 0 (0.00%)" &&
		expect_line "$(open_re redis "$a" 6379 2/2)" &&
		expect_verdicts 1 1
}

case_nobody_open() {
	probe_run_nobody --tcp -p 6379 -c 2 --delay 200ms redis &&
		expect_stderr "$NO_RAW" &&
		connect_open
}

case_nobody_closed() {
	a=$CLUSTER_CLOSED_IP
	probe_run_nobody --tcp -p 80 -c 2 --delay 200ms closed &&
		expect_stderr "$NO_RAW" &&
		expect_rc 1 &&
		expect_count 2 "$(connect_fail_re "$a" 80 \
			'Connection refused')" &&
		expect_exact "TCP connection attempts: 2 |" \
			"Successful connections: 0 | Failed: 2 (100.00%)" &&
		expect_line "^$(re "closed ($a)") port 80: closed \\(" &&
		expect_verdicts 1 1
}

case_nobody_filtered() {
	probe_run_nobody --tcp -p 80 -c 2 --delay 200ms --timeout "$WAIT" \
		filtered &&
		expect_stderr "$NO_RAW" &&
		expect_rc 1 &&
		expect_count 2 "$(connect_sent_re filtered 80 \
			"$FATES_FILTERED_IP")" &&
		expect_count 0 '^RCVD ' &&
		expect_exact "filtered ($FATES_FILTERED_IP) port 80:" \
			"filtered (no reply to 2 probes)" &&
		expect_verdicts 1 1
}

case_connect_root() {
	probe_run --tcp-connect -p 6379 -c 2 --delay 200ms redis &&
		expect_stderr '' &&
		connect_open
}

# An ICMP error makes connect() fail with EHOSTUNREACH, and that is all
# a connect() probe learns of it: the verdict names that error, not an
# ICMP message it never saw.
case_connect_rejected() {
	a=$FATES_REJECTED_IP
	v="^$(re "rejected ($a)") port 80: rejected"
	v="$v \\([^)]*(unreachable|[Nn]o route to host|EHOSTUNREACH)"
	probe_run --tcp-connect -p 80 -c 1 rejected &&
		expect_rc 1 &&
		expect_count 1 "$(connect_fail_re "$a" 80 \
			'No route to host')" &&
		expect_exact "TCP connection attempts: 1 |" \
			"Successful connections: 0 | Failed: 1 (100.00%)" &&
		expect_line "$v" &&
		expect_verdicts 1 1
}

# Two runs at once, as two operators in one pod: each sees its own
# replies only (F13).
case_two_at_once() {
	other=$CLUSTER_DIR/other
	: >"$other"
	[ -x "$probe" ] || why "$probe is missing; build it with make" ||
		return
	ip netns exec "$CLUSTER_POD" timeout "$PROBE_LIMIT" "$probe" \
		--tcp -p 6379 -c 3 --delay 100ms redis >"$other" 2>&1 &
	pid=$!
	probe_run --tcp -p 6379 -c 3 --delay 100ms redis
	wait "$pid"
	rc_other=$?
	expect_rc 0 &&
		expect_count 3 '^RCVD \(' &&
		expect_other "$other" "$rc_other"
}

expect_other() {
	[ "$2" -eq 0 ] || why "the other run's exit status is $2" || return
	n=$(grep -c '^RCVD (' "$1")
	[ "$n" -eq 3 ] || why "the other run has $n replies, expected 3" ||
		return
	bad=$(foreign_replies "$1")
	[ -z "$bad" ] || why "the other run shows a foreign reply: $bad"
}

# stop_case SIGNAL: SIGNAL once a few probes are out; the run stops
# early and still sums up.  A shell starts background jobs with SIGINT
# ignored; env gives probe the default a terminal's Ctrl-C would meet.
stop_case() {
	CMD="ip netns exec $CLUSTER_POD $probe --tcp -p 6379 -c 50"
	CMD="$CMD --delay 100ms redis, then SIG$1"
	[ -x "$probe" ] || why "$probe is missing; build it with make" ||
		return
	ip netns exec "$CLUSTER_POD" env --default-signal="$1" "$probe" \
		--tcp -p 6379 -c 50 --delay 100ms redis >"$OUT" 2>"$ERR" &
	pid=$!
	wait_sent "$pid" 3
	kill -s "$1" "$pid" 2>/dev/null
	wait "$pid"
	RC=$?
	n=$(grep -c '^SENT (' "$OUT")
	[ "$n" -lt 50 ] || why "all 50 probes were sent" || return
	[ "$RC" -le 1 ] || why "exit status $RC, expected 0 or 1" || return
	expect_line "^Raw packets sent: $n " &&
		expect_verdicts 1 1
}

case_interrupt() {
	stop_case INT
}

case_terminate() {
	stop_case TERM
}

# wait_sent PID COUNT: until COUNT probe lines are out, PID is gone, or
# three seconds have passed, the time of 30 probes.
wait_sent() {
	i=0
	while [ "$i" -lt 30 ] && kill -0 "$1" 2>/dev/null; do
		[ "$(grep -c '^SENT (' "$OUT")" -lt "$2" ] || return 0
		sleep 0.1
		i=$((i + 1))
	done
}

case_bad_count() {
	probe_run --tcp -p 80 -c 0 redis && expect_rc 3 && expect_error
}

case_bad_port() {
	probe_run --tcp -p 70000 -c 1 redis && expect_rc 3 && expect_error
}

case_bad_rate() {
	probe_run --tcp -p 80 --rate 0 redis && expect_rc 3 && expect_error
}

case_bad_delay() {
	probe_run --tcp -p 80 --delay -1 redis && expect_rc 3 && expect_error
}

case_no_target() {
	probe_run --tcp -p 80 -c 1 && expect_rc 3 && expect_error
}

# run_case NAME FUNCTION: runs one case and reports it; every run's
# figures are also checked for sanity.
run_case() {
	WHY=
	RC=
	CMD=
	if "$2" && expect_sane; then
		echo "ok $1"
		passed=$((passed + 1))
		return
	fi
	echo "FAIL $1: $WHY"
	[ -z "$CMD" ] || show_output
	failed=$((failed + 1))
}

show_output() {
	echo "    # $CMD"
	echo "    exit status: $RC"
	sed 's/^/    stdout: /' "$OUT"
	sed 's/^/    stderr: /' "$ERR"
}

run_cases() {
	run_case open case_open
	run_case closed case_closed
	run_case drop case_drop
	run_case reject-admin case_reject
	run_case reject-from-router case_reject_router
	run_case host-unreachable case_host_unreachable
	run_case net-unreachable case_net_unreachable
	run_case late-reply case_late
	run_case duplicate-reply case_duplicate
	run_case ipv6-open case_ipv6_open
	run_case ipv6-closed case_ipv6_closed
	run_case ports-and-targets case_ports_targets
	run_case ip-literal case_literal
	run_case three-addresses case_addresses
	run_case first-address case_first
	run_case connect-nobody-open case_nobody_open
	run_case connect-nobody-closed case_nobody_closed
	run_case connect-nobody-filtered case_nobody_filtered
	run_case connect-root case_connect_root
	run_case connect-rejected case_connect_rejected
	run_case two-at-once case_two_at_once
	run_case interrupt case_interrupt
	run_case terminate case_terminate
	run_case bad-count case_bad_count
	run_case bad-port case_bad_port
	run_case bad-rate case_bad_rate
	run_case bad-delay case_bad_delay
	run_case no-target case_no_target
}

# nobody_copy: a copy of probe that user nobody can run; the tree may
# lie under a directory only root can enter.  The cluster's directory
# is opened for passing through, not for listing.
nobody_copy() {
	NOBODY_PROBE=$CLUSTER_DIR/nobody/probe
	[ -x "$probe" ] || return 0
	chmod 711 "$CLUSTER_DIR" &&
		mkdir -m 755 "$CLUSTER_DIR/nobody" &&
		cp "$probe" "$NOBODY_PROBE" &&
		chmod 755 "$NOBODY_PROBE"
}

main() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "fates: needs root to create network namespaces" \
			"and send raw packets (sudo make integration)" >&2
		exit 1
	fi

	fates_init
	cluster_down_on_exit

	passed=0
	failed=0
	if fates_up && nobody_copy; then
		OUT=$CLUSTER_DIR/stdout
		ERR=$CLUSTER_DIR/stderr
		run_cases
	else
		echo "FAIL cluster: could not build the test hosts"
		failed=1
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main
