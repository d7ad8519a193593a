#!/bin/sh
# make integration, probe check: probes many endpoints at once from the
# pod of a throwaway cluster (tests/lib/cluster.sh) and checks the line
# each endpoint gets, the total line and the exit status.  Ports come
# from NAME:PORT, -p, the service variables or an SRV record; targets
# from the command line or a file.  500 endpoints that never answer must
# all wait out their timeout together, not one after the other.  Needs
# root.
#
# Prints "ok NAME" or "FAIL NAME: why" with the captured output for each
# case, then "N passed, N failed"; exits non-zero if any case failed.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
probe=$root/bin/probe
. "$root/tests/lib/cluster.sh"

# A CI job that itself runs in a Kubernetes pod has service variables
# of its own; each case sets the ones it means and no others.
unset MYSQL_SERVICE_HOST MYSQL_SERVICE_PORT REDIS_SERVICE_HOST \
	REDIS_SERVICE_PORT CLOSED_SERVICE_HOST CLOSED_SERVICE_PORT \
	NOTHERE_SERVICE_HOST NOTHERE_SERVICE_PORT MY_API_SERVICE_HOST \
	MY_API_SERVICE_PORT

# Far beyond any case's run time: only a hung probe reaches it.
PROBE_LIMIT=60

# The pod routes this range to the cluster namespace, which does not
# forward: a SYN to it vanishes there without RST or ICMP, as behind a
# network policy that drops.  It lies inside 198.18.0.0/15.
SILENT_NET=198.19.0.0/16
SILENT_IP=198.19.99.50

# The many-endpoint cases.  Silent endpoints all wait out one timeout
# at once, so a few seconds do; one after the other would take minutes.
# The bound is generous, as the machine may be busy.
MANY_SILENT=500
MANY_OPEN=100
MANY_LIMIT=30
RATE=2000

# A service with a dash, in DNS only: its variables are MY_API_*.
API_IP=$CLUSTER_MYSQL_IP
CLUSTER_HOSTS="$API_IP $(cluster_fqdn my-api)"
# What a stale MYSQL_SERVICE_HOST holds: no interface has it.
STALE_IP=198.18.78.145

# Lines that hold no figure that varies.
NXDOMAIN_LINE='nothere port 80: unresolved (NXDOMAIN, 4 names asked)'
NO_SRV_LINE='mysql: unresolved (no port for mysql:'\
' no SRV record _http._tcp.mysql through the search list)'

# Pieces of the expected lines, as extended regular expressions.
RTT='rtt [0-9]+\.[0-9]{3} ms'
SECS='in [0-9]+\.[0-9]{2} s'

# re TEXT: TEXT with the characters special in EREs escaped.
re() {
	printf '%s' "$1" | sed 's/[].[()|*+?{}^$\\]/\\&/g'
}

# endpoint_re NAME ADDRESS: how a line names an endpoint: the name and
# its address, or the address alone when it was given as one.
endpoint_re() {
	if [ "$1" = "$2" ]; then
		re "$1"
	else
		printf '%s \\(%s\\)' "$(re "$1")" "$(re "$2")"
	fi
}

# open_re NAME ADDRESS PORT: the line of an endpoint that answered the
# first SYN with SYN-ACK.
open_re() {
	printf '%s port %s: open, 1/1 answered, %s' \
		"$(endpoint_re "$1" "$2")" "$3" "$RTT"
}

closed_re() {
	printf '%s port %s: closed \\(RST\\), 1/1 answered' \
		"$(endpoint_re "$1" "$2")" "$3"
}

# filtered_re ADDRESS PORT ATTEMPTS
filtered_re() {
	fr_s=s
	[ "$3" -ne 1 ] || fr_s=
	printf '%s port %s: filtered \\(no reply to %s probe%s\\)' \
		"$(re "$1")" "$2" "$3" "$fr_s"
}

# total_re ENDPOINTS OPEN CLOSED REJECTED FILTERED UNRESOLVED
total_re() {
	tr_s=s
	[ "$1" -ne 1 ] || tr_s=
	printf '%s endpoint%s: %s open, %s closed, %s rejected, ' \
		"$1" "$tr_s" "$2" "$3" "$4"
	printf '%s filtered, %s unresolved %s' "$5" "$6" "$SECS"
}

# hint_re NAME VARIABLE: the line of a name that has no port, with the
# three ways to give one.
hint_re() {
	printf '%s: unresolved \\(no port for %s: %s is not set' \
		"$(re "$1")" "$(re "$1")" "$2"
	printf '.*%s:PORT.*-p PORT.*--srv NAME.*\\)' "$(re "$1")"
}

# why MESSAGE: records why the current case fails; always fails.
why() {
	WHY=$*
	return 1
}

# in_pod ARG...: runs "env ARG..." in the pod, bounded, so that ARG may
# start with VARIABLE=VALUE words for probe's environment.  Leaves the
# command line in CMD, the exit status in RC and the output in $OUT and
# $ERR.
in_pod() {
	CMD="ip netns exec $CLUSTER_POD env $*"
	: >"$OUT"
	: >"$ERR"
	[ -x "$probe" ] || why "$probe is missing; build it with make" ||
		return
	cluster_exec "$CLUSTER_POD" timeout "$PROBE_LIMIT" env "$@" \
		>"$OUT" 2>"$ERR"
	RC=$?
	[ "$RC" -ne 124 ] || why "still running after $PROBE_LIMIT s"
}

# check ARG...: probe check ARG... in the pod.
check() {
	in_pod "$probe" check "$@"
}

expect_rc() {
	[ "$RC" = "$1" ] || why "exit status $RC, expected $1"
}

# expect_stdout ERE...: stdout has one line per ERE, in that order,
# each matching its ERE whole.
expect_stdout() {
	n=$(awk 'END { print NR }' "$OUT")
	[ "$n" -eq $# ] || why "$n stdout lines, expected $#" || return
	i=0
	for want in "$@"; do
		i=$((i + 1))
		got=$(sed -n "${i}p" "$OUT")
		printf '%s\n' "$got" | grep -Eqx -- "$want" ||
			why "stdout line $i does not match /$want/" || return
	done
}

expect_no_stderr() {
	[ ! -s "$ERR" ] || why "stderr: $(head -n 1 "$ERR")"
}

# expect_warning ERE: stderr is one line, "probe: " and a message that
# has a match for ERE.
expect_warning() {
	n=$(awk 'END { print NR }' "$ERR")
	[ "$n" -eq 1 ] || why "$n stderr lines, expected 1" || return
	grep -Eq -- "^probe: .*$1" "$ERR" ||
		why "stderr is not \"probe: \" and a match for /$1/"
}

# now: seconds since boot, to the hundredth.
now() {
	cut -d ' ' -f 1 /proc/uptime
}

# snmp NETNS PROTOCOL FIELD: a counter of /proc/net/snmp in NETNS, such
# as Icmp InMsgs.
snmp() {
	ip netns exec "$1" awk -v p="$2:" -v f="$3" '
		$1 != p { next }
		!c { for (i = 2; i <= NF; i++) if ($i == f) c = i; next }
		{ print $c; exit }' /proc/net/snmp
}

# Several endpoints, each with another fate, each on its own line in
# the order given; one unresolved name makes the status 2.  The name
# comes last, where it is reported whether or not probe moves the
# unresolved ones to the end.
case_mixed() {
	check --timeout 300ms -p 80 mysql:3306 closed "$SILENT_IP" \
		redis:6379 nothere &&
		expect_rc 2 &&
		expect_stdout \
			"$(open_re mysql "$CLUSTER_MYSQL_IP" 3306)" \
			"$(closed_re closed "$CLUSTER_CLOSED_IP" 80)" \
			"$(filtered_re "$SILENT_IP" 80 3)" \
			"$(open_re redis "$CLUSTER_REDIS_IP" 6379)" \
			"$(re "$NXDOMAIN_LINE")" \
			"$(total_re 5 2 1 0 1 1)" &&
		expect_no_stderr
}

# connect() attempts stop at the first answer too, and the silent
# endpoint gets its three, one a wait.
case_mixed_connect() {
	check --tcp-connect --timeout 300ms -p 80 mysql:3306 closed \
		"$SILENT_IP" &&
		expect_rc 1 &&
		expect_stdout \
			"$(open_re mysql "$CLUSTER_MYSQL_IP" 3306)" \
			"$(closed_re closed "$CLUSTER_CLOSED_IP" 80)" \
			"$(filtered_re "$SILENT_IP" 80 3)" \
			"$(total_re 3 1 1 0 1 0)" &&
		expect_no_stderr
}

# Every name resolved, some endpoint not open: status 1.
case_not_open() {
	redis=$CLUSTER_REDIS_IP
	check --attempts 2 --timeout 300ms "$SILENT_IP:80" closed:80 \
		"$CLUSTER_REDIS_IP:6379" &&
		expect_rc 1 &&
		expect_stdout \
			"$(filtered_re "$SILENT_IP" 80 2)" \
			"$(closed_re closed "$CLUSTER_CLOSED_IP" 80)" \
			"$(open_re "$redis" "$redis" 6379)" \
			"$(total_re 3 1 1 0 1 0)" &&
		expect_no_stderr
}

# The port of a bare name from {SVC}_SERVICE_PORT, a dash becoming an
# underscore; a host variable that agrees with DNS says nothing.
case_port_variable() {
	in_pod MYSQL_SERVICE_PORT=3306 \
		"MYSQL_SERVICE_HOST=$CLUSTER_MYSQL_IP" \
		MY_API_SERVICE_PORT=3306 "$probe" check mysql my-api &&
		expect_rc 0 &&
		expect_stdout \
			"$(open_re mysql "$CLUSTER_MYSQL_IP" 3306)" \
			"$(open_re my-api "$API_IP" 3306)" \
			"$(total_re 2 2 0 0 0 0)" &&
		expect_no_stderr
}

# NAME:PORT comes before -p, and -p before the variables.
case_port_order() {
	in_pod MYSQL_SERVICE_PORT=80 REDIS_SERVICE_PORT=80 \
		"$probe" check -p 6379 mysql:3306 redis &&
		expect_rc 0 &&
		expect_stdout \
			"$(open_re mysql "$CLUSTER_MYSQL_IP" 3306)" \
			"$(open_re redis "$CLUSTER_REDIS_IP" 6379)" \
			"$(total_re 2 2 0 0 0 0)"
}

# Variables are fixed when the pod starts: a host variable that DNS now
# contradicts means the service was re-created, and says so once.
case_stale_variable() {
	in_pod "MYSQL_SERVICE_HOST=$STALE_IP" MYSQL_SERVICE_PORT=3306 \
		"$probe" check mysql &&
		expect_rc 0 &&
		expect_stdout \
			"$(open_re mysql "$CLUSTER_MYSQL_IP" 3306)" \
			"$(total_re 1 1 0 0 0 0)" &&
		expect_warning "MYSQL_SERVICE_HOST=$(re "$STALE_IP") .*$(re \
			"$CLUSTER_MYSQL_IP").*re-created"
}

# One stale service is one warning, however many endpoints name it.
case_stale_once() {
	in_pod "MYSQL_SERVICE_HOST=$STALE_IP" MYSQL_SERVICE_PORT=3306 \
		"$probe" check mysql mysql &&
		expect_rc 0 &&
		expect_warning "MYSQL_SERVICE_HOST=$(re "$STALE_IP") "
}

# --srv mysql: the port of _mysql._tcp.mysql, found through the search
# list as the name itself is.
case_srv() {
	mark=$(cluster_dns_mark)
	srv="srv _mysql._tcp.$(cluster_fqdn mysql)"
	check --srv mysql mysql &&
		expect_rc 0 &&
		expect_stdout \
			"$(open_re mysql "$CLUSTER_MYSQL_IP" 3306)" \
			"$(total_re 1 1 0 0 0 0)" &&
		expect_no_stderr &&
		{
			cluster_poll asked "$mark" "$srv" ||
				why "DNS server was not asked $srv"
		}
}

# The TCP mode takes --srv as check does.
case_tcp_srv() {
	in_pod "$probe" --tcp -c 1 --srv mysql mysql &&
		expect_rc 0 &&
		expect_line "$(open_re mysql "$CLUSTER_MYSQL_IP" 3306)"
}

# asked MARK QUERY: the DNS server logged QUERY, "TYPE NAME", after
# MARK.  It writes its log when idle, so the line may come late.
asked() {
	cluster_dns_queries "$1" | grep -Fqx -- "$2"
}

case_srv_missing() {
	check --srv http mysql &&
		expect_rc 2 &&
		expect_stdout \
			"$(re "$NO_SRV_LINE")" \
			"$(total_re 1 0 0 0 0 1)"
}

# No port anywhere: the line says which variable is missing and how to
# give the port.
case_no_port() {
	check redis my-api &&
		expect_rc 2 &&
		expect_stdout \
			"$(hint_re redis REDIS_SERVICE_PORT)" \
			"$(hint_re my-api MY_API_SERVICE_PORT)" \
			"$(total_re 2 0 0 0 0 2)"
}

# --file: one target a line; comments, blank and indented lines and
# trailing comments count for nothing.
case_file() {
	f=$CLUSTER_DIR/targets
	printf '%s\n' '# the shop' '' 'mysql:3306	# the database' '   ' \
		'	closed:80' '  # an indented comment' 'redis' >"$f"
	check -p 6379 --file "$f" &&
		expect_rc 1 &&
		expect_stdout \
			"$(open_re mysql "$CLUSTER_MYSQL_IP" 3306)" \
			"$(closed_re closed "$CLUSTER_CLOSED_IP" 80)" \
			"$(open_re redis "$CLUSTER_REDIS_IP" 6379)" \
			"$(total_re 3 2 1 0 0 0)"
}

# A usage error is status 3, one line on stderr and nothing probed.
case_usage() {
	f=$CLUSTER_DIR/comments
	printf '%s\n' '# nothing' '' >"$f"
	usage_error --attempts 0 mysql:3306 &&
		usage_error --file "$f" &&
		usage_error
}

usage_error() {
	check "$@" &&
		expect_rc 3 &&
		expect_stdout &&
		expect_warning .
}

# -v adds the packets: a SYN to each endpoint and its answer.
case_verbose() {
	check -v mysql:3306 closed:80 &&
		expect_rc 1 &&
		expect_packet SENT "> $(re "$CLUSTER_MYSQL_IP"):3306 S " &&
		expect_packet SENT "> $(re "$CLUSTER_CLOSED_IP"):80 S " &&
		expect_packet RCVD " $(re "$CLUSTER_MYSQL_IP"):3306 > .* SA " &&
		expect_packet RCVD " $(re "$CLUSTER_CLOSED_IP"):80 > .* RA " &&
		expect_line "$(open_re mysql "$CLUSTER_MYSQL_IP" 3306)" &&
		expect_line "$(closed_re closed "$CLUSTER_CLOSED_IP" 80)"
}

# The total line stays, for scripts that read it, when -v adds packets.
case_verbose_total() {
	check -v mysql:3306 closed:80 &&
		expect_rc 1 &&
		expect_line "$(total_re 2 1 1 0 0 0)"
}

# expect_packet SENT|RCVD ERE: one packet line of that kind matches.
expect_packet() {
	n=$(grep -Ec -- "^$1 \\(.*$2" "$OUT")
	[ "$n" -eq 1 ] || why "$n $1 lines match /$2/, expected 1"
}

expect_line() {
	grep -Eqx -- "$1" "$OUT" || why "no stdout line matches /$1/"
}

# MANY_OPEN endpoints, alternately the two listeners: every one open
# and each line in the place of its target, so no answer went to
# another probe of the same endpoint.
case_many_open() {
	f=$CLUSTER_DIR/open
	awk -v n="$MANY_OPEN" -v a="$CLUSTER_MYSQL_IP:3306" \
		-v b="$CLUSTER_REDIS_IP:6379" \
		'BEGIN { for (i = 0; i < n; i++) print (i % 2 ? b : a) }' >"$f"
	t0=$(now)
	check --file "$f" || return
	NOTE=$(elapsed "$t0")
	expect_rc 0 &&
		expect_many "$f" open_re &&
		expect_last "$(total_re "$MANY_OPEN" "$MANY_OPEN" 0 0 0 0)" &&
		expect_no_stderr
}

# MANY_SILENT endpoints that never answer, one SYN each: every one
# filtered, all within one timeout of each other.  The SYNs must reach
# the cluster namespace and be dropped there without a word, or the
# case would test nothing.  The run cannot be shorter than the time
# the rate takes to send them all plus a whole timeout for the last.
case_many_silent() {
	f=$CLUSTER_DIR/silent
	many=$MANY_SILENT
	awk -v n="$many" 'BEGIN { for (i = 0; i < n; i++)
		printf "198.19.%d.%d:80\n", 1 + int(i / 250), 1 + i % 250 }' \
		>"$f"
	dropped=$(snmp "$CLUSTER_SVC" Ip InAddrErrors)
	icmp_out=$(snmp "$CLUSTER_SVC" Icmp OutMsgs)
	icmp_in=$(snmp "$CLUSTER_POD" Icmp InMsgs)
	t0=$(now)
	check --attempts 1 --timeout 1s --rate "$RATE" --file "$f" ||
		return
	t=$(elapsed "$t0")
	NOTE="$t, probe says $(tail -n 1 "$OUT" | sed 's/.* in //')"
	expect_rc 1 &&
		expect_many "$f" silent_re &&
		expect_last "$(total_re "$many" 0 0 0 "$many" 0)" &&
		expect_no_stderr &&
		expect_count "SYNs dropped in the cluster" \
			$(($(snmp "$CLUSTER_SVC" Ip InAddrErrors) - dropped)) \
			"$many" &&
		expect_count "ICMP messages sent by the cluster" \
			$(($(snmp "$CLUSTER_SVC" Icmp OutMsgs) - icmp_out)) 0 &&
		expect_count "ICMP messages received by the pod" \
			$(($(snmp "$CLUSTER_POD" Icmp InMsgs) - icmp_in)) 0 &&
		expect_between "$t" "$(least "$many")" "$MANY_LIMIT"
}

# least SYNS: seconds to send SYNS at RATE and wait 1 s for the last.
least() {
	awk -v n="$1" -v r="$RATE" 'BEGIN { printf "%.2f\n", 1 + (n - 1) / r }'
}

# silent_re ADDRESS ADDRESS PORT: filtered after its one SYN.
silent_re() {
	filtered_re "$1" "$3" 1
}

# expect_many FILE LINE_RE: stdout has, line for line, LINE_RE of each
# ADDRESS:PORT of FILE, and then the total.
expect_many() {
	n=$(awk 'END { print NR }' "$1")
	[ "$(awk 'END { print NR }' "$OUT")" -eq $((n + 1)) ] ||
		why "$(awk 'END { print NR }' "$OUT") stdout lines," \
			"expected $((n + 1))" || return
	i=0
	while IFS=: read -r addr port; do
		i=$((i + 1))
		[ "$i" -le "$n" ] || break
		sed -n "${i}p" "$OUT" |
			grep -Eqx -- "$("$2" "$addr" "$addr" "$port")" ||
			why "stdout line $i: $(sed -n "${i}p" "$OUT")," \
				"expected $2 $addr:$port" || return
	done <"$1"
}

expect_last() {
	tail -n 1 "$OUT" | grep -Eqx -- "$1" ||
		why "last stdout line does not match /$1/"
}

# expect_count WHAT GOT WANT
expect_count() {
	[ "$2" -eq "$3" ] || why "$1: $2, expected $3"
}

# expect_between SECONDS LOW HIGH: LOW <= SECONDS < HIGH.
expect_between() {
	awk -v t="$1" -v lo="$2" -v hi="$3" \
		'BEGIN { exit !(t + 0 >= lo && t + 0 < hi) }' ||
		why "took $1 s, expected from $2 s to under $3 s"
}

# elapsed START: seconds since START, as "1.23 s".
elapsed() {
	awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f s\n", b - a }'
}

# silence: the route that makes SILENT_NET vanish in the cluster
# namespace, which is told again not to forward, as that is what makes
# it silent.
silence() {
	ip netns exec "$CLUSTER_SVC" sysctl -qw net.ipv4.ip_forward=0 &&
		ip -n "$CLUSTER_POD" route add "$SILENT_NET" \
			via "$CLUSTER_DNS_IP"
}

# run_case NAME FUNCTION: runs one case and reports it, with what the
# case measured, if anything, in brackets.
run_case() {
	WHY=
	RC=
	CMD=
	NOTE=
	if "$2"; then
		echo "ok $1${NOTE:+ ($NOTE)}"
		passed=$((passed + 1))
		return
	fi
	echo "FAIL $1: $WHY"
	if [ -n "$RC" ]; then
		show_output
	fi
	failed=$((failed + 1))
}

# show_output: what the last command did, the long outputs cut short.
show_output() {
	echo "    # $CMD"
	echo "    exit status: $RC"
	head -n 20 "$OUT" | sed 's/^/    stdout: /'
	[ "$(awk 'END { print NR }' "$OUT")" -le 20 ] ||
		echo "    stdout: ... $(tail -n 1 "$OUT")"
	head -n 20 "$ERR" | sed 's/^/    stderr: /'
}

run_cases() {
	OUT=$CLUSTER_DIR/stdout
	ERR=$CLUSTER_DIR/stderr
	run_case mixed case_mixed
	run_case mixed-connect case_mixed_connect
	run_case not-open case_not_open
	run_case port-variable case_port_variable
	run_case port-order case_port_order
	run_case stale-variable case_stale_variable
	run_case stale-once case_stale_once
	run_case srv case_srv
	run_case srv-missing case_srv_missing
	run_case tcp-srv case_tcp_srv
	run_case no-port case_no_port
	run_case file case_file
	run_case usage case_usage
	run_case verbose case_verbose
	run_case verbose-total case_verbose_total
	run_case many-open case_many_open
	run_case many-silent case_many_silent
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
	if cluster_up && silence; then
		run_cases
	else
		echo "FAIL cluster: could not build the test cluster"
		failed=1
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main
