#!/bin/sh
# make integration, second part: probe lookup from inside namespaces.
# First against BIND's nslookup in the test cluster (tests/lib/cluster.sh):
# the same words must print the same lines and end with the same status.
# Then the search-list field cases, against a DNS server that replies as
# a script says (tests/dns/scripted_dns.py) in a pod and server pair of
# this script's own, with IPv6 on its link for the link-local cases.
# Needs root, bind9-dnsutils and python3.
#
# Prints "ok NAME" or "FAIL NAME: why" with the captured output for each
# case, then "N passed, N failed"; exits non-zero if any case failed.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
probe=${PROBE:-$root/bin/probe}
. "$root/tests/lib/cluster.sh"
DNS_SCRIPT_SERVER=$root/tests/dns/scripted_dns.py
. "$root/tests/lib/dnsserver.sh"

# Far beyond any command's run time: only a hung one reaches it.
LIMIT=60

# The pair for the scripted server: 198.18.64.0/24 and fd00:64::/64 on
# one veth, and the link-local fe80::/64 that only this link knows.
LK_POD_IP=198.18.64.2
LK_DNS_IP=198.18.64.53
LK_POD_IP6=fd00:64::2
LK_DNS_IP6=fd00:64::53
LK_POD_LL=fe80::2
LK_DNS_LL=fe80::53
LK_IF=eth0

# Pieces of the trace lines, as EREs.
FROM='from 198\.18\.64\.53 over udp'
MS='[0-9.]+ m?s'

# why MESSAGE: records why the current case fails; always fails.
why() {
	WHY=$*
	return 1
}

# run_in NETNS INPUT COMMAND...: runs COMMAND in NETNS with INPUT as its
# standard input, bounded.  Leaves its command line in CMD, its exit
# status in RC and its output in $OUT and $ERR.  The shell waits for it
# as a background job, so a signal runs the exit trap at once.
run_in() {
	ri_ns=$1
	ri_in=$2
	shift 2
	CMD="ip netns exec $ri_ns $*"
	ip netns exec "$ri_ns" timeout "$LIMIT" "$@" <"$ri_in" >"$OUT" \
		2>"$ERR" &
	wait "$!"
	RC=$?
	[ "$RC" -ne 124 ] || why "still running after $LIMIT s"
}

# lookup ARG...: probe lookup in the scripted pair's pod.
lookup() {
	run_in "$LK_POD" /dev/null "$probe" lookup "$@"
}

expect_rc() {
	[ "$RC" = "$1" ] || why "exit status $RC, expected $1"
}

# expect_line PIECE...: some line of stdout matches the ERE the pieces
# make when joined.
expect_line() {
	el_re=$(printf '%s' "$@")
	grep -Eq -- "$el_re" "$OUT" || why "no stdout line matches /$el_re/"
}

expect_no_line() {
	! grep -Eq -- "$1" "$OUT" || why "a stdout line matches /$1/"
}

# expect_exact WORD...: some line of stdout is the words, joined by
# single spaces.
expect_exact() {
	grep -Fqx -- "$*" "$OUT" || why "no stdout line \"$*\""
}

# expect_count ERE N: exactly N lines of stdout match ERE.
expect_count() {
	ec_n=$(grep -Ec -- "$1" "$OUT")
	[ "$ec_n" -eq "$2" ] || why "$ec_n stdout lines match /$1/, not $2"
}

# expect_error WORD...: stdout is empty; a line of stderr says
# "probe: " and then, somewhere, the ERE the words make joined by spaces.
expect_error() {
	ee_re=$*
	[ ! -s "$OUT" ] || why "stdout is not empty"
	[ -z "$WHY" ] || return 1
	grep -Eq -- "^probe: .*($ee_re)" "$ERR" ||
		why "stderr has no \"probe: \" line matching /$ee_re/"
}

# expect_order ERE LINE...: the lines of stdout matching ERE, cut after
# their fourth word (";; N NAME TYPE"), are exactly LINE..., in order.
expect_order() {
	eo_re=$1
	shift
	grep -E -- "$eo_re" "$OUT" | cut -d ' ' -f 1-4 >"$WORK/order"
	printf '%s\n' "$@" | cmp -s - "$WORK/order" ||
		why "in order: $(paste -s -d '|' "$WORK/order"); expected: $*"
}

# mark: the end of the scripted server's query log, for asked.
mark() {
	MARK=$(dns_script_mark "$DIR4")
}

# expect_asked LINE...: exactly these queries reached the server after
# the mark, in this order.
expect_asked() {
	dns_script_queries "$MARK" "$DIR4" >"$WORK/asked"
	printf '%s\n' "$@" | cmp -s - "$WORK/asked" ||
		why "asked: $(paste -s -d '|' "$WORK/asked"); expected: $*"
}

# expect_transport WORD: every query after the mark came over WORD.
expect_transport() {
	dns_script_queries "$MARK" "$DIR4" >"$WORK/asked"
	[ -s "$WORK/asked" ] || why "the server was asked nothing"
	[ -z "$WHY" ] || return 1
	! grep -qv "^$1 " "$WORK/asked" ||
		why "not all over $1: $(paste -s -d '|' "$WORK/asked")"
}

expect_nothing_asked() {
	dns_script_queries "$MARK" "$DIR4" >"$WORK/asked"
	[ ! -s "$WORK/asked" ] ||
		why "asked: $(paste -s -d '|' "$WORK/asked")"
}

# conf NAME LINE...: a resolv.conf for the scripted pair, in $WORK.
conf() {
	cf_name=$1
	shift
	printf '%s\n' "$@" >"$WORK/$cf_name.conf"
}

# Part one: nslookup and probe lookup, word for word, in the cluster.

# same_as_nslookup INPUT ARG...: both programs in the cluster's pod with
# the same words and input print the same stdout and end alike.
same_as_nslookup() {
	sa_in=$1
	shift
	run_in "$CLUSTER_POD" "$sa_in" nslookup "$@" || return 1
	mv "$OUT" "$WORK/nslookup.out"
	sa_rc=$RC
	run_in "$CLUSTER_POD" "$sa_in" "$probe" lookup "$@" || return 1
	[ "$RC" = "$sa_rc" ] || why "exit status $RC, nslookup's $sa_rc"
	[ -z "$WHY" ] || return 1
	diff "$WORK/nslookup.out" "$OUT" >"$WORK/diff" ||
		why "stdout differs from nslookup's: $(paste -s -d '|' \
			"$WORK/diff")"
}

# The cluster's dnsmasq answers AAAA for web, which has A records only,
# with NXDOMAIN; nslookup then prints its "can't find" line after the
# addresses and exits 1, and so must probe.
case_ns() {
	same_as_nslookup /dev/null "$@"
}

case_ns_interactive() {
	printf '%s\n' server mysql redis exit >"$WORK/commands"
	same_as_nslookup "$WORK/commands"
}

# A server given by name, resolved through the pod's search list.
case_ns_server_name() {
	printf '%s\n' 'server dns' mysql 'server nothere' redis exit \
		>"$WORK/commands"
	same_as_nslookup "$WORK/commands"
}

# No lookup at all: nslookup ends with status 1.
case_ns_no_lookup() {
	printf '%s\n' server exit >"$WORK/commands"
	same_as_nslookup "$WORK/commands"
}

# A server name with two addresses, from the pod's /etc/hosts: both
# are shown, in getaddrinfo's order, and a lookup asks the second once
# the first, where nothing answers, has timed out, with nslookup's line
# for that.  cluster_down removes the file.
case_ns_server_pair() {
	printf '%s\n' '127.0.0.1 localhost' "198.18.0.11 dnspair" \
		"$CLUSTER_DNS_IP dnspair" >"/etc/netns/$CLUSTER_POD/hosts" &&
		printf '%s\n' 'server dnspair' exit >"$WORK/commands" &&
		same_as_nslookup "$WORK/commands" &&
		same_as_nslookup /dev/null -timeout=1 -retry=1 mysql dnspair
	rm -f "/etc/netns/$CLUSTER_POD/hosts"
	[ -z "$WHY" ]
}

case_ns_interactive_failed() {
	printf '%s\n' nothere mysql >"$WORK/commands"
	same_as_nslookup "$WORK/commands"
}

case_ns_interactive_debug() {
	printf '%s\n' 'set debug' mysql nothere 'set nodebug' redis exit \
		>"$WORK/commands"
	same_as_nslookup "$WORK/commands"
}

# dnsmasq turns its additional records round at each reply: a lookup
# between the two puts probe's reply in the turn nslookup's was in.
case_ns_additional() {
	run_in "$CLUSTER_POD" /dev/null nslookup "$@" || return 1
	mv "$OUT" "$WORK/nslookup.out"
	ad_rc=$RC
	run_in "$CLUSTER_POD" /dev/null nslookup "$@" || return 1
	run_in "$CLUSTER_POD" /dev/null "$probe" lookup "$@" || return 1
	[ "$RC" = "$ad_rc" ] || why "exit status $RC, nslookup's $ad_rc"
	[ -z "$WHY" ] || return 1
	diff "$WORK/nslookup.out" "$OUT" >"$WORK/diff" ||
		why "stdout differs from nslookup's: $(paste -s -d '|' \
			"$WORK/diff")"
}

# Part two: the field cases, against the scripted server.

F01_SEARCH="team-a.svc.cluster.local svc.cluster.local cluster.local \
c.proj.internal google.internal"

# F01: every suffix before the name itself; the answer is the sixth.
case_f01() {
	conf f01 "nameserver $LK_DNS_IP" "search $F01_SEARCH" \
		"options ndots:5"
	mark
	lookup --resolv-conf "$WORK/f01.conf" --trace registry.example.com &&
		expect_rc 0 &&
		expect_exact "Address: 198.18.70.1" &&
		expect_order '^;; [0-9]+ [^ ]+ A ' \
			";; 1 registry.example.com.team-a.svc.cluster.local A" \
			";; 2 registry.example.com.svc.cluster.local A" \
			";; 3 registry.example.com.cluster.local A" \
			";; 4 registry.example.com.c.proj.internal A" \
			";; 5 registry.example.com.google.internal A" \
			";; 6 registry.example.com A" &&
		expect_count " NXDOMAIN $FROM in $MS\$" 10 &&
		expect_line '^;; 6 registry\.example\.com A answer ' \
			"\\(1 record\\) $FROM in $MS  <- answered\$" &&
		expect_exact ";; 10 of 12 queries were wasted on search" \
			"domains: write registry.example.com. with a trailing" \
			"dot, or lower ndots in the pod's dnsConfig" &&
		expect_line "^;; 12 queries in $MS\$" &&
		expect_asked_f01
}

expect_asked_f01() {
	ea_want=
	for ea_d in $F01_SEARCH; do
		ea_want="$ea_want registry.example.com.$ea_d."
	done
	ea_want="$ea_want registry.example.com."
	dns_script_queries "$MARK" "$DIR4" | awk '!seen[$2]++ { print $2 }' |
		paste -s -d ' ' - >"$WORK/asked"
	[ " $(cat "$WORK/asked")" = "$ea_want" ] ||
		why "asked: $(cat "$WORK/asked")"
}

# F02: a trailing dot: one query per type, no suffix, no doubled dot.
case_f02_dot() {
	mark
	lookup --resolv-conf "$WORK/f01.conf" --trace www.example.com. &&
		expect_rc 0 &&
		expect_exact "$(printf 'Name:\twww.example.com')" &&
		expect_exact "Address: 198.18.70.2" &&
		expect_exact "Address: fd00:70::2" &&
		expect_exact ";; www.example.com. ends in a dot, so it was" \
			"asked as is, and only so" &&
		expect_no_line '\.\.' &&
		expect_asked "udp www.example.com. A NOERROR" \
			"udp www.example.com. AAAA NOERROR"
}

# Also with one type: the server sees one query.
case_f02_missing() {
	mark
	lookup --resolv-conf "$WORK/f01.conf" missing.example.com. &&
		expect_rc 1 &&
		expect_exact "** server can't find missing.example.com:" \
			"NXDOMAIN" &&
		lookup --resolv-conf "$WORK/f01.conf" -type=a \
			missing.example.com. &&
		expect_rc 1 &&
		expect_asked "udp missing.example.com. A NXDOMAIN" \
			"udp missing.example.com. AAAA NXDOMAIN" \
			"udp missing.example.com. A NXDOMAIN"
}

case_f02_empty_label() {
	mark
	lookup --resolv-conf "$WORK/f01.conf" www.example.com.. &&
		expect_rc 3 &&
		expect_error 'empty label' &&
		expect_nothing_asked
}

# F03: three cluster suffixes answer NXDOMAIN, then corp-s SERVFAIL or
# corp-t nothing at all (variants S and T).
f03_conf() {
	conf "f03$1" "nameserver $LK_DNS_IP" \
		"search $CLUSTER_SEARCH corp-$1.internal" \
		"options ndots:5 timeout:1 attempts:1"
}

API_ANSWERED='^;; 5 api\.example\.org A answer .*  <- answered$'
API_FOR_GLIBC='^;; 5 api\.example\.org A answer .*  \(for glibc.s walk\)$'
API_WALK_STOPPED=";; api.example.org has 2 dots, fewer than ndots:5, so \
the search domains came first, and the walk stopped at domain 4 of 4 on"
MUSL_AGAIN="no answer (a temporary failure, after the whole timeout)"

case_f03_s() {
	f03_conf s
	lookup --resolv-conf "$WORK/f03s.conf" --trace api.example.org &&
		expect_rc 0 &&
		expect_exact "Address: 198.18.70.3" &&
		expect_line '^;; 4 api\.example\.org\.corp-s\.internal A ' \
			"SERVFAIL $FROM " &&
		expect_line "$API_ANSWERED" &&
		expect_exact ";; musl would end differently: SERVFAIL at" \
			"api.example.org.corp-s.internal, $MUSL_AGAIN"
}

case_f03_s_musl() {
	f03_conf s
	lookup --resolv-conf "$WORK/f03s.conf" --trace --libc musl \
		api.example.org &&
		expect_rc 1 &&
		expect_exact ";; Got SERVFAIL reply from $LK_DNS_IP" &&
		expect_exact "** server can't find api.example.org: SERVFAIL" &&
		expect_exact "$API_WALK_STOPPED SERVFAIL: the name itself" \
			"was never asked" &&
		expect_line "$API_FOR_GLIBC" &&
		expect_exact ";; glibc would end differently: answered by" \
			"api.example.org"
}

case_f03_t() {
	f03_conf t
	lookup --resolv-conf "$WORK/f03t.conf" --trace api.example.org &&
		expect_rc 0 &&
		expect_exact "Address: 198.18.70.3" &&
		expect_line '^;; 4 api\.example\.org\.corp-t\.internal A ' \
			'timeout after 1 send in ' &&
		expect_line "$API_ANSWERED" &&
		expect_exact ";; musl would end differently: timeout at" \
			"api.example.org.corp-t.internal, $MUSL_AGAIN"
}

case_f03_t_musl() {
	f03_conf t
	lookup --resolv-conf "$WORK/f03t.conf" --trace --libc musl \
		api.example.org &&
		expect_rc 1 &&
		expect_exact ";; communications error to $LK_DNS_IP#53:" \
			"timed out" &&
		expect_exact ";; no servers could be reached" &&
		expect_no_line '^Server:' &&
		expect_exact "$API_WALK_STOPPED timeout: the name itself" \
			"was never asked" &&
		expect_exact ";; glibc would end differently: answered by" \
			"api.example.org"
}

# F04: a suffix answers NODATA for a name it does not hold.
NODATA_AT=";; search domain nodata.internal answered NODATA for \
db.nodata.internal, not NXDOMAIN:"
NODATA_FIX="a zone should answer NXDOMAIN for a name it does not hold"

case_f04() {
	conf f04 "nameserver $LK_DNS_IP" \
		"search nodata.internal $CLUSTER_DOMAIN" "options ndots:5"
	lookup --resolv-conf "$WORK/f04.conf" --trace db &&
		expect_rc 0 &&
		expect_exact "Address: 198.18.70.4" &&
		expect_exact "$NODATA_AT glibc goes on, musl would stop" \
			"there; $NODATA_FIX" &&
		expect_exact ";; musl would end differently: NODATA at" \
			"db.nodata.internal, no answer"
}

# nslookup's "No answer" is not a failure: exit status 0.
case_f04_musl() {
	lookup --resolv-conf "$WORK/f04.conf" --trace --libc musl db &&
		expect_rc 0 &&
		expect_exact "*** Can't find db.nodata.internal: No answer" &&
		expect_exact "$NODATA_AT musl stops there, glibc would go" \
			"on; $NODATA_FIX" &&
		expect_exact ";; glibc would end differently: answered by" \
			"db.$CLUSTER_DOMAIN"
}

# F05 (a): ndots:0 makes even a single label asked as is first.
case_f05_ndots0() {
	conf f05a "nameserver $LK_DNS_IP" "search corp.example" \
		"options ndots:0"
	mark
	lookup --resolv-conf "$WORK/f05a.conf" --trace myservice &&
		expect_rc 0 &&
		expect_exact "Address: 198.18.70.5" &&
		expect_exact ";; myservice has 0 dots, at least ndots:0, so" \
			"it was asked as is first, and answered" &&
		expect_asked "udp myservice. A NOERROR" \
			"udp myservice. AAAA NODATA"
}

# F05 (b): a stub that fails single labels is never asked one.
case_f05_single_label() {
	conf f05b "nameserver $LK_DNS_IP" "search corp.example" \
		"options ndots:1"
	mark
	lookup --resolv-conf "$WORK/f05b.conf" printer &&
		expect_rc 0 &&
		expect_exact "$(printf 'Name:\tprinter.corp.example')" &&
		expect_asked "udp printer.corp.example. A NOERROR" \
			"udp printer.corp.example. AAAA NODATA"
}

# F06: 60 A records do not fit 512 bytes: TC, then the same over TCP.
case_f06() {
	mark
	lookup --resolv-conf "$WORK/f01.conf" --trace big.example.com. &&
		expect_rc 0 &&
		expect_count '^Address: 198\.18\.72\.[0-9]+$' 60 &&
		expect_exact ";; Truncated, retrying in TCP mode." &&
		expect_line '^;; 1 big\.example\.com A answer \(60 records\) ' \
			'from 198\.18\.64\.53 over udp \(truncated, [0-9]+ ' \
			'bytes\), then tcp \([0-9]+ bytes\) in ' &&
		expect_line '^;; the A answer for big\.example\.com needed ' \
			'tcp: musl before 1\.2\.4 ' &&
		expect_asked "udp big.example.com. A TRUNCATED" \
			"udp big.example.com. AAAA NODATA" \
			"tcp big.example.com. A NOERROR"
}

# F07: the AAAA reply is lost once; A came back at once.  The server
# logs the A query, the lost AAAA and the AAAA sent again.
case_f07() {
	mark
	lookup --resolv-conf "$WORK/f01.conf" --trace -timeout=1 \
		stall.example.com. &&
		expect_rc 0 &&
		expect_exact "Address: 198.18.70.7" &&
		expect_exact "Address: fd00:70::7" &&
		expect_line '^;; 1 stall\.example\.com AAAA answer .* over ' \
			'udp after 2 sends in ' &&
		expect_line '^;; AAAA for stall\.example\.com took ' \
			"$MS, A only $MS: one reply of a pair sent from one " \
			'socket was lost' &&
		expect_asked "udp stall.example.com. A NOERROR" \
			"udp stall.example.com. AAAA DROPPED" \
			"udp stall.example.com. AAAA NOERROR"
}

case_vc() {
	mark
	lookup --resolv-conf "$WORK/f04.conf" -vc db &&
		expect_rc 0 &&
		expect_exact "Address: 198.18.70.4" &&
		expect_transport tcp
}

# All at once, the same queries as one by one, and the same answer.
case_parallel() {
	mark
	lookup --resolv-conf "$WORK/f01.conf" --trace --parallel \
		registry.example.com &&
		expect_rc 0 &&
		expect_exact "Address: 198.18.70.1" &&
		expect_line '^;; 6 registry\.example\.com A answer .*  ' \
			'<- answered$' &&
		expect_line "^;; 12 queries at once in $MS; one after the " \
			'other they took ' &&
		expect_same_as_serial
}

expect_same_as_serial() {
	dns_script_queries "$MARK" "$DIR4" | sort >"$WORK/parallel.asked"
	mark
	lookup --resolv-conf "$WORK/f01.conf" registry.example.com &&
		dns_script_queries "$MARK" "$DIR4" | sort |
		diff "$WORK/parallel.asked" - >"$WORK/diff" ||
		why "one by one: $(paste -s -d '|' "$WORK/diff")"
}

# F08: two search lines, four nameservers, a final domain line, and the
# environment over them all.
case_f08() {
	conf f08 "# a pod" "search a.example b.example" \
		"nameserver 198.18.64.53" "search c.example d.example" \
		"nameserver 198.18.64.54" "nameserver 198.18.64.55" \
		"nameserver 198.18.64.56" "options ndots:5" "domain e.example"
	run_in "$LK_POD" /dev/null env LOCALDOMAIN="x.example y.example" \
		RES_OPTIONS="ndots:2 attempts:3" "$probe" lookup \
		--resolv-conf "$WORK/f08.conf" --show-config &&
		expect_rc 0 &&
		f08_expected | diff - "$OUT" >"$WORK/diff" ||
		why "differs: $(paste -s -d '|' "$WORK/diff")"
}

f08_expected() {
	n='nameserver '
	w='warning     line'
	cat <<EOF
file        $WORK/f08.conf
$n 198.18.64.53                             line 3
$n 198.18.64.54                             line 5
$n 198.18.64.55                             line 6
$n 198.18.64.56                             line 7, ignored: past the third
search      x.example y.example  (from LOCALDOMAIN)
options     ndots:2 timeout:5 attempts:3
            rotate:no edns0:no use-vc:no trust-ad:no no-tld-query:no
            single-request:no single-request-reopen:no
LOCALDOMAIN "x.example y.example"
RES_OPTIONS "ndots:2 attempts:3"
$w 2: search line overridden by search on line 4
$w 4: search line overridden by domain on line 9
$w 7: nameserver 198.18.64.56 is the 4th: the libc uses only the first 3
$w 9: domain line overridden by LOCALDOMAIN
warning     RES_OPTIONS sets ndots:2 (was 5)
warning     RES_OPTIONS sets attempts:3 (was 2)
EOF
}

# F09: a link-local server, asked through the interface its zone names.
case_f09() {
	conf f09 "nameserver $LK_DNS_LL%$LK_IF" "search corp.example" \
		"options ndots:1"
	m6=$(dns_script_mark "$DIR6")
	lookup --resolv-conf "$WORK/f09.conf" printer &&
		expect_rc 0 &&
		expect_exact "$(printf 'Server:\t\t%s' "$LK_DNS_LL%$LK_IF")" &&
		expect_exact "Address: 198.18.70.6" &&
		dns_script_queries "$m6" "$DIR6" >"$WORK/asked" &&
		grep -qx 'udp printer.corp.example. A NOERROR' "$WORK/asked" ||
		why "the link-local server was not asked"
}

# Without a zone nothing can be sent: said at once, not timed out.
case_f09_no_zone() {
	conf f09b "nameserver $LK_DNS_LL" "search corp.example" \
		"options ndots:1 timeout:30"
	lookup --resolv-conf "$WORK/f09b.conf" printer &&
		expect_rc 3 &&
		expect_error "nameserver $LK_DNS_LL is link-local without a" \
			"zone"
}

# glibc (getent ahosts, asking A and AAAA as the pod has both families)
# and probe, under the same resolv.conf, ask the same queries in the
# same order.
case_glibc_order() {
	cp "$WORK/$1.conf" "/etc/netns/$LK_POD/resolv.conf" || return 1
	mark
	run_in "$LK_POD" /dev/null getent ahosts "$2" || return 1
	dns_script_queries "$MARK" "$DIR4" >"$WORK/glibc.asked"
	mark
	lookup "$2" || return 1
	dns_script_queries "$MARK" "$DIR4" >"$WORK/probe.asked"
	[ -s "$WORK/glibc.asked" ] || why "getent asked nothing"
	[ -z "$WHY" ] || return 1
	diff "$WORK/glibc.asked" "$WORK/probe.asked" >"$WORK/diff" ||
		why "glibc asked otherwise: $(paste -s -d '|' "$WORK/diff")"
}

# The same words as nslookup's, on replies the cluster does not give.
case_ns_scripted() {
	cp "$WORK/f05b.conf" "/etc/netns/$LK_POD/resolv.conf" || return 1
	run_in "$LK_POD" /dev/null nslookup "$@" || return 1
	mv "$OUT" "$WORK/nslookup.out"
	ns_rc=$RC
	lookup "$@" || return 1
	[ "$RC" = "$ns_rc" ] || why "exit status $RC, nslookup's $ns_rc"
	[ -z "$WHY" ] || return 1
	diff "$WORK/nslookup.out" "$OUT" >"$WORK/diff" ||
		why "stdout differs from nslookup's: $(paste -s -d '|' \
			"$WORK/diff")"
}

# -debug and --trace together: nslookup's messages, then the trace.
case_debug_trace() {
	cp "$WORK/f05b.conf" "/etc/netns/$LK_POD/resolv.conf" || return 1
	lookup -debug --trace registry.example.com. &&
		expect_rc 0 &&
		expect_count '^    QUESTIONS:$' 2 &&
		expect_line '^;; search trace, glibc rules' || return 1
	dt_last=$(grep -n '^------------$' "$OUT" | tail -n 1 | cut -d : -f 1)
	dt_trace=$(grep -n '^;; search trace' "$OUT" | cut -d : -f 1)
	[ "$dt_last" -lt "$dt_trace" ] ||
		why "the trace comes before the messages"
}

# timeout:0: glibc waits a second all the same, and so must probe.
case_timeout0() {
	conf t0 "nameserver $LK_DNS_IP" "options timeout:0 attempts:1"
	lookup --resolv-conf "$WORK/t0.conf" registry.example.com &&
		expect_rc 0 &&
		expect_exact "Address: 198.18.70.1" || return 1
	lookup --resolv-conf "$WORK/t0.conf" --show-config &&
		expect_exact "options     ndots:1 timeout:0 attempts:1" \
			" (the libc waits 1 s)"
}

# CRLF line ends: the server after a blank is kept; the search domain
# keeps its carriage return, which no line may print raw.
case_crlf() {
	printf 'nameserver %s \r\nsearch crlf.example\r\n' "$LK_DNS_IP" \
		>"$WORK/crlf.conf"
	lookup --resolv-conf "$WORK/crlf.conf" --trace crlfhost &&
		expect_line '^;; 1 crlfhost\.crlf\.example\\013 A ' &&
		expect_no_line "$(printf '\r')" || return 1
	! grep -q "$(printf '\r')" "$ERR" || why "stderr has a raw CR"
	[ -z "$WHY" ] || return 1
	lookup --resolv-conf "$WORK/crlf.conf" --show-config &&
		expect_count 'CRLF line ends' 1 &&
		expect_no_line 'only the first address' &&
		expect_line '^search +crlf\.example\\013 ' &&
		expect_no_line "$(printf '\r')"
}

# A record owned by another name: nslookup's lines show it, but the
# libc takes no address from it, and neither does probe's TCP mode,
# which reads the pod's own resolv.conf once it runs as nobody.
case_foreign() {
	conf foreign "nameserver $LK_DNS_IP"
	lookup --resolv-conf "$WORK/foreign.conf" -type=a \
		foreign.example.com. &&
		expect_rc 0 &&
		expect_exact "Address: 198.18.70.9" || return 1
	run_in "$LK_POD" /dev/null "$probe" --tcp-connect -p 80 -c 1 \
		--resolv-conf "$WORK/foreign.conf" foreign.example.com. &&
		expect_rc 2 &&
		expect_error 'got NODATA'
}

# 60 addresses, 32 kept, and a line that says so.  No route leads to
# them from the pod: the run ends there, before any packet.
case_address_cap() {
	run_in "$LK_POD" /dev/null "$probe" --tcp-connect -p 9 -c 1 \
		--resolv-conf "$WORK/f01.conf" big.example.com. || return 1
	grep -q '^probe: big\.example\.com\. has 60 addresses: only the '\
'first 32 are probed$' "$ERR" || why "no line about the 28 left out"
}

# Query ids are random, as res_send's are: a listener that never
# answers keeps the ids of what it is sent, and two ids of zero would
# be one chance in 2^32.
case_query_ids() {
	qi_ids=$WORK/query-ids
	ip netns exec "$LK_POD" timeout 10 python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 5399))
s.settimeout(8)
with open(sys.argv[1], "w") as out:
    for _ in range(2):
        print(int.from_bytes(s.recv(512)[:2], "big"), file=out, flush=True)
' "$qi_ids" &
	qi_pid=$!
	sleep 0.5
	run_in "$LK_POD" /dev/null "$probe" lookup -port=5399 -timeout=1 \
		-retry=1 registry.example.com. 127.0.0.1
	wait "$qi_pid"
	[ "$(awk 'END { print NR }' "$qi_ids")" -eq 2 ] ||
		why "the listener got $(awk 'END { print NR }' "$qi_ids")" \
			"queries, not 2" || return
	awk '$1 != 0 { n++ } END { exit n == 0 }' "$qi_ids" ||
		why "every query id is 0"
}

# An over-long command line at the prompt is one error, not several.
case_long_line() {
	conf long "nameserver $LK_DNS_IP"
	{
		head -c 5000 /dev/zero | tr '\0' x
		printf '\nregistry.example.com.\n'
	} >"$WORK/long.in"
	run_in "$LK_POD" "$WORK/long.in" "$probe" lookup \
		--resolv-conf "$WORK/long.conf" &&
		expect_rc 0 &&
		expect_exact "Address: 198.18.70.1" || return 1
	ll_n=$(grep -c 'line too long: 5000 characters' "$ERR")
	[ "$ll_n" -eq 1 ] || why "$ll_n \"line too long\" errors, not 1"
}

write_script() {
	cat <<EOF
{
  "soa": {"name": "example",
          "data": "ns.example. hostmaster.example. 1 7200 1800 86400 30"},
  "default": {"action": "nxdomain"},
  "rules": [
  {"name": "registry.example.com", "action": "answer",
   "records": [{"type": "A", "data": "198.18.70.1"}]},
  {"name": "www.example.com", "action": "answer", "records": [
    {"type": "A", "data": "198.18.70.2"},
    {"type": "AAAA", "data": "fd00:70::2"}]},
  {"name": "api.example.org", "action": "answer",
   "records": [{"type": "A", "data": "198.18.70.3"}]},
  {"name": "*.corp-s.internal", "action": "servfail"},
  {"name": "*.corp-t.internal", "action": "drop"},
  {"name": "*.nodata.internal", "action": "nodata"},
  {"name": "db.$CLUSTER_DOMAIN", "action": "answer",
   "records": [{"type": "A", "data": "198.18.70.4"}]},
  {"name": "myservice", "action": "answer",
   "records": [{"type": "A", "data": "198.18.70.5"}]},
  {"name": "printer", "action": "servfail"},
  {"name": "printer.corp.example", "action": "answer",
   "records": [{"type": "A", "data": "198.18.70.6"}]},
  {"name": "big.example.com", "action": "answer", "records": [
    $(sixty_a)]},
  {"name": "stall.example.com", "type": "AAAA", "action": "answer",
   "drop_first": 1,
   "records": [{"type": "AAAA", "data": "fd00:70::7"}]},
  {"name": "stall.example.com", "action": "answer",
   "records": [{"type": "A", "data": "198.18.70.7"}]},
  {"name": "alias.example.com", "action": "answer", "records": [
    {"type": "CNAME", "data": "www.example.com."},
    {"type": "A", "data": "198.18.70.2", "name": "www.example.com"},
    {"type": "AAAA", "data": "fd00:70::2", "name": "www.example.com"}]},
  {"name": "foreign.example.com", "action": "answer", "records": [
    {"type": "A", "data": "198.18.70.9", "name": "elsewhere.example.net"}]},
  {"name": "notaa.example.com", "action": "answer", "aa": false,
   "records": [{"type": "MX", "data": "10 mx.example.com."}]}
  ]
}
EOF
}

# sixty_a: 60 A records, too many for a 512-byte reply.
sixty_a() {
	awk 'BEGIN {
		for (i = 1; i <= 60; i++)
			printf "%s{\"type\": \"A\", \"data\": " \
				"\"198.18.72.%d\"}", (i > 1 ? ",\n    " : ""), i
	}'
}

# lk_ipv6_on NETNS: IPv6 on the pair's link, without addresses of its
# own making or router solicitations; the addresses are given, no DAD.
lk_ipv6_on() {
	ip netns exec "$1" sysctl -qw \
		"net.ipv6.conf.$LK_IF.addr_gen_mode=1" \
		"net.ipv6.conf.$LK_IF.router_solicitations=0" \
		"net.ipv6.conf.$LK_IF.accept_ra=0" \
		"net.ipv6.conf.$LK_IF.disable_ipv6=0"
}

# lk_addr NETNS ADDRESS/PREFIX: an address on the pair's link.
lk_addr() {
	case $2 in
	*:*)	ip -n "$1" addr add "$2" dev "$LK_IF" nodad ;;
	*)	ip -n "$1" addr add "$2" dev "$LK_IF" ;;
	esac
}

# lookup_pair_up: the pod and server pair with its scripted servers,
# one on IPv4 and one on the link-local address.  Its namespaces are
# the cluster's to remove.
lookup_pair_up() {
	LK_POD=pb$$-lp
	LK_SRV=pb$$-ls
	WORK=$CLUSTER_DIR/lookup
	DNS_SCRIPT_TMP=$CLUSTER_DIR
	# probe reads --resolv-conf once it runs as nobody.
	chmod 711 "$CLUSTER_DIR" && mkdir -m 755 -p "$WORK" &&
		write_script >"$WORK/script.json" &&
		cluster_add_netns "$LK_POD" && cluster_add_netns "$LK_SRV" &&
		ip link add "$LK_IF" netns "$LK_POD" type veth \
			peer name "$LK_IF" netns "$LK_SRV" &&
		lk_ipv6_on "$LK_POD" && lk_ipv6_on "$LK_SRV" &&
		lk_addr "$LK_POD" "$LK_POD_IP/24" &&
		lk_addr "$LK_SRV" "$LK_DNS_IP/24" &&
		lk_addr "$LK_POD" "$LK_POD_IP6/64" &&
		lk_addr "$LK_SRV" "$LK_DNS_IP6/64" &&
		lk_addr "$LK_POD" "$LK_POD_LL/64" &&
		lk_addr "$LK_SRV" "$LK_DNS_LL/64" &&
		ip -n "$LK_POD" link set "$LK_IF" up &&
		ip -n "$LK_SRV" link set "$LK_IF" up &&
		mkdir -p "/etc/netns/$LK_POD" &&
		dns_script_start "$LK_SRV" "$LK_DNS_IP" "$WORK/script.json" &&
		DIR4=$DNS_SCRIPT_DIR &&
		dns_script_start "$LK_SRV" "$LK_DNS_LL%$LK_IF" \
			"$WORK/script.json" &&
		DIR6=$DNS_SCRIPT_DIR
}

# run_case NAME FUNCTION [ARG...]: runs one case and reports it.
run_case() {
	rc_name=$1
	shift
	WHY=
	RC=
	CMD=
	: >"$OUT"
	: >"$ERR"
	if "$@"; then
		echo "ok $rc_name"
		passed=$((passed + 1))
		return
	fi
	echo "FAIL $rc_name: ${WHY:-a command failed}"
	echo "    # $CMD"
	echo "    exit status: $RC"
	sed 's/^/    stdout: /' "$OUT"
	sed 's/^/    stderr: /' "$ERR"
	failed=$((failed + 1))
}

run_nslookup_cases() {
	run_case ns-mysql case_ns mysql
	run_case ns-redis case_ns redis
	run_case ns-web case_ns web
	run_case ns-srv case_ns -type=srv _mysql._tcp.mysql
	run_case ns-reverse case_ns 198.18.78.144
	run_case ns-aaaa-mysql case_ns -type=aaaa mysql
	run_case ns-aaaa-redis case_ns -type=aaaa redis
	run_case ns-txt case_ns -type=txt txt
	run_case ns-nxdomain case_ns nothere
	run_case ns-two-labels case_ns mysql.default
	run_case ns-reverse-nxdomain case_ns 198.18.99.99
	run_case ns-mx-nodata case_ns -type=mx mysql
	run_case ns-interactive case_ns_interactive
	run_case ns-no-lookup case_ns_no_lookup
	run_case ns-server-pair case_ns_server_pair
	run_case ns-vc-refused case_ns -vc -timeout=1 -retry=1 -port=5399 \
		mysql "$CLUSTER_DNS_IP"
	run_case ns-server-by-name case_ns mysql dns
	run_case ns-server-by-name-interactive case_ns_server_name
	run_case ns-interactive-failed case_ns_interactive_failed
	run_case ns-debug-mysql case_ns -debug mysql
	run_case ns-debug-nxdomain case_ns -debug nothere
	run_case ns-debug-web case_ns -debug web
	run_case ns-debug-redis case_ns -debug redis
	run_case ns-debug-srv case_ns_additional -debug -type=srv \
		_mysql._tcp.mysql
	run_case ns-debug-reverse case_ns -debug 198.18.78.144
	run_case ns-debug-reverse-nxdomain case_ns -debug 198.18.99.99
	run_case ns-debug-txt case_ns -debug -type=txt txt
	run_case ns-debug-mx-nodata case_ns -debug -type=mx mysql
	run_case ns-debug-aaaa-redis case_ns -debug -type=aaaa redis
	run_case ns-debug-two-labels case_ns -debug mysql.default
	run_case ns-debug-interactive case_ns_interactive_debug
}

run_field_cases() {
	run_case f01-ndots case_f01
	run_case f02-trailing-dot case_f02_dot
	run_case f02-nxdomain case_f02_missing
	run_case f02-empty-label case_f02_empty_label
	run_case f03-servfail case_f03_s
	run_case f03-servfail-musl case_f03_s_musl
	run_case f03-timeout case_f03_t
	run_case f03-timeout-musl case_f03_t_musl
	run_case f04-nodata case_f04
	run_case f04-nodata-musl case_f04_musl
	run_case f05-ndots0 case_f05_ndots0
	run_case f05-single-label case_f05_single_label
	run_case f06-truncated case_f06
	run_case f07-stall case_f07
	run_case vc case_vc
	run_case parallel case_parallel
	run_case f08-show-config case_f08
	run_case f09-link-local case_f09
	run_case f09-no-zone case_f09_no_zone
	run_case glibc-order-f01 case_glibc_order f01 registry.example.com
	run_case glibc-order-f03 case_glibc_order f03s api.example.org
	run_case glibc-order-f04 case_glibc_order f04 db
	run_case glibc-order-f05 case_glibc_order f05a myservice
	run_case ns-servfail case_ns_scripted x.corp-s.internal
	run_case ns-timeout case_ns_scripted -timeout=1 -retry=1 \
		x.corp-t.internal
	run_case ns-truncated case_ns_scripted big.example.com.
	run_case ns-no-answer case_ns_scripted -type=aaaa registry.example.com.
	run_case ns-cname case_ns_scripted alias.example.com.
	run_case ns-cname-no-mx case_ns_scripted -type=mx alias.example.com.
	run_case ns-not-authoritative case_ns_scripted -type=mx \
		notaa.example.com.
	run_case ns-debug-servfail case_ns_scripted -debug x.corp-s.internal
	run_case ns-debug-timeout case_ns_scripted -debug -timeout=1 \
		-retry=1 x.corp-t.internal
	run_case ns-debug-truncated case_ns_scripted -debug big.example.com.
	run_case ns-debug-soa case_ns_scripted -debug -type=aaaa \
		registry.example.com.
	run_case ns-debug-nodata case_ns_scripted -debug x.nodata.internal
	run_case ns-debug-aaaa-nodata case_ns_scripted -debug printer
	run_case ns-debug-cname case_ns_scripted -debug alias.example.com.
	run_case ns-debug-not-authoritative case_ns_scripted -debug -type=mx \
		notaa.example.com.
	run_case ns-debug-trace case_debug_trace
	run_case timeout-0 case_timeout0
	run_case crlf case_crlf
	run_case foreign-owner case_foreign
	run_case long-line case_long_line
	run_case address-cap case_address_cap
	run_case query-ids case_query_ids
}

main() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "lookup: needs root to create network namespaces" \
			"(sudo make integration)" >&2
		exit 1
	fi
	for cmd in nslookup getent python3; do
		command -v "$cmd" >/dev/null 2>&1 && continue
		echo "lookup: $cmd is missing (make deps installs it)" >&2
		exit 1
	done

	cluster_init
	cluster_down_on_exit
	passed=0
	failed=0
	if ! cluster_up; then
		echo "FAIL cluster: could not build the test cluster"
		failed=1
	else
		OUT=$CLUSTER_DIR/stdout
		ERR=$CLUSTER_DIR/stderr
		WORK=$CLUSTER_DIR
		run_nslookup_cases
		if lookup_pair_up; then
			run_field_cases
		else
			echo "FAIL pair: could not start the scripted servers"
			failed=$((failed + 1))
		fi
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main
