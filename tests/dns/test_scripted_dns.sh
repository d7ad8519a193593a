#!/bin/sh
# Checks tests/dns/scripted_dns.py with real clients (dig and nslookup
# from bind9-dnsutils, glibc through getent) in a network namespace of
# its own: for every action of the script, the reply the client got and
# the line the server logged.  Needs root and python3.
#
# Prints "ok NAME" or "FAIL NAME: why" for each case, then
# "N passed, N failed"; exits non-zero if any case failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
DNS_SCRIPT_SERVER=$here/scripted_dns.py
. "$here/../lib/dnsserver.sh"

NS=pb$$-dns
# Addresses of the namespace's own, on its loopback: the cluster's DNS
# address, and one of fd00::/8.  Having both also makes glibc ask A and
# AAAA, as in a pod: with only 127.0.0.1 and ::1, AI_ADDRCONFIG would
# count neither family as configured.
V4=198.18.0.10
V6=fd00::53
DOMAIN=default.svc.cluster.local
SEARCH="$DOMAIN svc.cluster.local cluster.local"
SOA_DATA="ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30"
# Far beyond any client's run time: only a hung client reaches it.
CLIENT_LIMIT=30
# Of the rule that shows replies are not held up by a delayed one.
SLOW_MS=3000

# re TEXT: TEXT with its dots escaped, for names in EREs.
re() {
	printf '%s' "$1" | sed 's/\./\\./g'
}

S='[[:space:]]+'
DOMAIN_RE=$(re "$DOMAIN")

# rr_re OWNER TTL TYPE DATA: dig's line for a record; TTL is an ERE.
rr_re() {
	printf '^%s%s%s%sIN%s%s%s%s$' "$(re "$1")" "$S" "$2" "$S" "$S" "$3" \
		"$S" "$(re "$4")"
}

SOA_RE=$(rr_re cluster.local. 30 SOA "$SOA_DATA")

WORK=
MADE_NS=

# cleanup: ends every process in the namespace (servers, clients cut
# short by a signal), deletes it, its resolv.conf and the work files.
cleanup() {
	if [ -n "$MADE_NS" ]; then
		for sig in TERM KILL; do
			ip netns pids "$NS" 2>/dev/null |
				xargs -r kill -s "$sig" 2>/dev/null
			dns_script_poll netns_empty && break
		done
		ip netns delete "$NS"
		rm -rf "/etc/netns/$NS"
	fi
	MADE_NS=
	[ -z "$WORK" ] || rm -rf "$WORK"
	WORK=
}

netns_empty() {
	[ -z "$(ip netns pids "$NS" 2>/dev/null)" ]
}

# A signal would end the shell without its EXIT trap; a second one must
# not cut the cleanup short.
cleanup_on_exit() {
	trap 'trap "" INT TERM HUP PIPE; cleanup' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	trap 'exit 141' PIPE
}

# setup: the namespace with lo up and both addresses on it, and the
# resolv.conf that ip netns exec shows its commands.
setup() {
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/scripted-dns-test.XXXXXX") ||
		return 1
	DNS_SCRIPT_TMP=$WORK
	ip netns add "$NS" || return 1
	MADE_NS=1
	ip -n "$NS" link set lo up &&
		ip -n "$NS" addr add "$V4/32" dev lo &&
		ip -n "$NS" addr add "$V6/128" dev lo nodad &&
		mkdir -p "/etc/netns/$NS" &&
		printf '%s\n' "nameserver $V4" "search $SEARCH" \
			"options ndots:5" >"/etc/netns/$NS/resolv.conf" &&
		write_script >"$WORK/script.json"
}

# sixty_a: 60 A records, too many for 512 bytes, few enough for 1232.
sixty_a() {
	awk 'BEGIN {
		for (i = 1; i <= 60; i++)
			printf "%s{\"type\": \"A\", \"data\": \"198.18.1.%d\"}",
				(i > 1 ? ",\n    " : ""), i
	}'
}

write_script() {
	cat <<EOF
{
  "soa": {"name": "cluster.local", "data": "$SOA_DATA"},
  "default": {"action": "nxdomain"},
  "rules": [
  {"name": "mysql.$DOMAIN", "action": "answer", "records": [
    {"type": "A", "data": "198.18.78.144"},
    {"type": "AAAA", "data": "fd00:198:18::78:144"}]},
  {"name": "redis.$DOMAIN", "action": "answer",
   "records": [{"type": "A", "data": "198.18.20.30", "ttl": 7}]},
  {"name": "alias.$DOMAIN", "action": "answer", "records": [
    {"type": "CNAME", "data": "mysql.$DOMAIN."},
    {"type": "A", "data": "198.18.78.144", "name": "mysql.$DOMAIN"}]},
  {"name": "_mysql._tcp.mysql.$DOMAIN", "action": "answer", "records": [
    {"type": "SRV", "data": "0 100 3306 mysql.$DOMAIN."}]},
  {"name": "txt.$DOMAIN", "action": "answer",
   "records": [{"type": "TXT", "data": "hello probe"}]},
  {"name": "mail.$DOMAIN", "action": "answer",
   "records": [{"type": "MX", "data": "10 mx.$DOMAIN."}]},
  {"name": "144.78.18.198.in-addr.arpa", "action": "answer",
   "records": [{"type": "PTR", "data": "mysql.$DOMAIN."}]},
  {"name": "cluster.local", "action": "answer", "records": [
    {"type": "NS", "data": "ns.dns.cluster.local."},
    {"type": "SOA", "data": "$SOA_DATA"}]},
  {"name": "typed.$DOMAIN", "type": "AAAA", "action": "servfail"},
  {"name": "typed.$DOMAIN", "action": "answer",
   "records": [{"type": "A", "data": "198.18.0.1"}]},
  {"name": "*.wild.cluster.local", "action": "answer",
   "records": [{"type": "A", "data": "198.18.0.2"}]},
  {"name": "notaa.$DOMAIN", "action": "answer", "aa": false,
   "records": [{"type": "A", "data": "198.18.0.3"}]},
  {"name": "nodata.$DOMAIN", "action": "nodata"},
  {"name": "nx.wild.cluster.local", "action": "nxdomain"},
  {"name": "fail.$DOMAIN", "action": "servfail"},
  {"name": "refused.$DOMAIN", "action": "refused"},
  {"name": "drop.$DOMAIN", "action": "drop"},
  {"name": "lost.$DOMAIN", "type": "A", "action": "answer",
   "drop_first": 1, "records": [{"type": "A", "data": "198.18.0.9"}]},
  {"name": "delay.$DOMAIN", "action": "answer", "delay": 400,
   "records": [{"type": "A", "data": "198.18.0.4"}]},
  {"name": "slow.$DOMAIN", "action": "answer", "delay": $SLOW_MS,
   "records": [{"type": "A", "data": "198.18.0.5"}]},
  {"name": "big.$DOMAIN", "action": "answer", "records": [
    $(sixty_a)]},
  {"name": "tc.$DOMAIN", "action": "truncate", "records": [
    $(sixty_a)]},
  {"name": "tcempty.$DOMAIN", "action": "truncate", "fill": false,
   "records": [{"type": "A", "data": "198.18.0.6"}]},
  {"name": "short.bad.cluster.local", "action": "malformed",
   "variant": "short"},
  {"name": "lie.bad.cluster.local", "action": "malformed",
   "variant": "count_lie"},
  {"name": "loop.bad.cluster.local", "action": "malformed",
   "variant": "pointer_loop"},
  {"name": "id.bad.cluster.local", "action": "malformed",
   "variant": "wrong_id",
   "records": [{"type": "A", "data": "198.18.0.7"}]},
  {"name": "big.bad.cluster.local", "action": "malformed",
   "variant": "oversized"},
  {"name": "example.com", "action": "answer",
   "records": [{"type": "A", "data": "198.18.0.8"}]}
  ]
}
EOF
}

# in_ns COMMAND...: runs COMMAND in the namespace, bounded.  The shell
# waits for it as a background job, so a signal runs the trap at once.
in_ns() {
	ip netns exec "$NS" timeout "$CLIENT_LIMIT" "$@" &
	wait "$!"
}

# ask NAME TYPE [DIG OPTION...]: one dig query to the IPv4 server, one
# try; the output in $OUT, the exit status in RC.
ask() {
	ask_name=$1
	ask_type=$2
	shift 2
	CMD="dig @$V4 +tries=1 +time=2 $* $ask_name $ask_type"
	in_ns dig "@$V4" +tries=1 +time=2 "$@" "$ask_name" "$ask_type" \
		>"$OUT" 2>&1
	RC=$?
}

# run COMMAND...: a client other than dig, through the resolv.conf.
run() {
	CMD="$*"
	in_ns "$@" >"$OUT" 2>&1
	RC=$?
}

# why MESSAGE: records why the current case fails; always fails.
why() {
	WHY=$*
	return 1
}

expect_rc() {
	[ "$RC" = "$1" ] || why "exit status $RC, expected $1"
}

# expect_line ERE: some line of the client's output matches.
expect_line() {
	grep -Eq -- "$1" "$OUT" || why "no output line matches /$1/"
}

expect_no_line() {
	! grep -Eq -- "$1" "$OUT" || why "an output line matches /$1/"
}

# expect_short LINE...: the output of dig +short is exactly these lines.
expect_short() {
	printf '%s\n' "$@" | cmp -s - "$OUT" ||
		why "expected: $*; got: $(paste -s -d '|' "$OUT")"
}

# expect_status STATUS FLAGS: dig's header line has the rcode, its flag
# line exactly the flags.
expect_status() {
	expect_line "status: $1, id: " &&
		expect_line "^;; flags: $2; QUERY: 1,"
}

# expect_count SECTION N: dig's count of records in SECTION.
expect_count() {
	expect_line "^;; flags: .* $1: $2(,|\$)"
}

# expect_log MARK LINE...: exactly these lines were logged by the IPv4
# server after MARK.
expect_log() {
	expect_log_of "$DIR4" "$@"
}

# expect_log_of DIR MARK LINE...: the same for the server of DIR.
expect_log_of() {
	dns_script_queries "$2" "$1" >"$WORK/log"
	shift 2
	printf '%s\n' "$@" | cmp -s - "$WORK/log" ||
		why "logged: $(paste -s -d '|' "$WORK/log"); expected: $*"
}

mark() {
	MARK=$(dns_script_mark "$DIR4")
}

case_answer_a() {
	mark
	ask "mysql.$DOMAIN" A &&
		expect_rc 0 &&
		expect_status NOERROR "qr aa rd ra" &&
		expect_line "$(rr_re "mysql.$DOMAIN." 30 A 198.18.78.144)" &&
		expect_log "$MARK" "udp mysql.$DOMAIN. A NOERROR"
}

# case_record TYPE NAME EXPECTED...: dig +short shows the records.
case_record() {
	cr_type=$1
	cr_name=$2
	shift 2
	mark
	ask "$cr_name" "$cr_type" +short &&
		expect_rc 0 &&
		expect_short "$@" &&
		expect_log "$MARK" "udp $cr_name. $cr_type NOERROR"
}

case_ttl() {
	mark
	ask "redis.$DOMAIN" A +noall +answer &&
		expect_line "$(rr_re "redis.$DOMAIN." 7 A 198.18.20.30)" &&
		expect_log "$MARK" "udp redis.$DOMAIN. A NOERROR"
}

case_cname() {
	mark
	ask "alias.$DOMAIN" A +short &&
		expect_short "mysql.$DOMAIN." 198.18.78.144 &&
		expect_log "$MARK" "udp alias.$DOMAIN. A NOERROR"
}

case_ptr() {
	mark
	run dig "@$V4" +tries=1 +time=2 +short -x 198.18.78.144 &&
		expect_short "mysql.$DOMAIN." &&
		expect_log "$MARK" "udp 144.78.18.198.in-addr.arpa. PTR NOERROR"
}

# An answer without the type asked for is NODATA, with the SOA.
case_other_type() {
	mark
	ask "redis.$DOMAIN" AAAA &&
		expect_status NOERROR "qr aa rd ra" &&
		expect_count ANSWER 0 &&
		expect_line "$SOA_RE" &&
		expect_log "$MARK" "udp redis.$DOMAIN. AAAA NODATA"
}

# A rule with a type decides only queries of that type.
case_rule_type() {
	mark
	ask "typed.$DOMAIN" AAAA &&
		expect_status SERVFAIL "qr rd ra" &&
		ask "typed.$DOMAIN" A +short &&
		expect_short 198.18.0.1 &&
		expect_log "$MARK" "udp typed.$DOMAIN. AAAA SERVFAIL" \
			"udp typed.$DOMAIN. A NOERROR"
}

case_wildcard() {
	mark
	ask one.wild.cluster.local A +short &&
		expect_short 198.18.0.2 &&
		ask two.one.WILD.cluster.local A +short &&
		expect_short 198.18.0.2 &&
		ask wild.cluster.local A &&
		expect_status NXDOMAIN "qr aa rd ra" &&
		expect_log "$MARK" "udp one.wild.cluster.local. A NOERROR" \
			"udp two.one.wild.cluster.local. A NOERROR" \
			"udp wild.cluster.local. A NXDOMAIN"
}

# Rules are tried in order: the wildcard above wins over this one.
case_rule_order() {
	mark
	ask nx.wild.cluster.local A +short &&
		expect_short 198.18.0.2 &&
		expect_log "$MARK" "udp nx.wild.cluster.local. A NOERROR"
}

# The question comes back as asked; the log has it in lower case.
case_case() {
	mark
	mixed=MySQL.Default.SVC.cluster.local
	ask "$mixed" A &&
		expect_line "^;$(re "$mixed.")${S}IN${S}A$" &&
		expect_line "$(rr_re "$mixed." 30 A 198.18.78.144)" &&
		expect_log "$MARK" "udp mysql.$DOMAIN. A NOERROR"
}

case_not_aa() {
	mark
	ask "notaa.$DOMAIN" A &&
		expect_status NOERROR "qr rd ra" &&
		expect_log "$MARK" "udp notaa.$DOMAIN. A NOERROR"
}

case_rd_copied() {
	mark
	ask "mysql.$DOMAIN" A +nordflag &&
		expect_status NOERROR "qr aa ra" &&
		expect_log "$MARK" "udp mysql.$DOMAIN. A NOERROR"
}

case_edns() {
	mark
	ask "mysql.$DOMAIN" A &&
		expect_line '^; EDNS: version: 0, flags:; udp: 1232$' &&
		ask "mysql.$DOMAIN" A +noedns &&
		expect_count ADDITIONAL 0 &&
		expect_no_line 'OPT PSEUDOSECTION' &&
		expect_log "$MARK" "udp mysql.$DOMAIN. A NOERROR" \
			"udp mysql.$DOMAIN. A NOERROR"
}

case_nodata() {
	mark
	ask "nodata.$DOMAIN" A &&
		expect_rc 0 &&
		expect_status NOERROR "qr aa rd ra" &&
		expect_count ANSWER 0 &&
		expect_count AUTHORITY 1 &&
		expect_line "$SOA_RE" &&
		expect_log "$MARK" "udp nodata.$DOMAIN. A NODATA"
}

case_nxdomain_default() {
	mark
	ask "nothere.$DOMAIN" A &&
		expect_status NXDOMAIN "qr aa rd ra" &&
		expect_count AUTHORITY 1 &&
		expect_line "$SOA_RE" &&
		expect_log "$MARK" "udp nothere.$DOMAIN. A NXDOMAIN"
}

case_servfail() {
	mark
	ask "fail.$DOMAIN" A &&
		expect_status SERVFAIL "qr rd ra" &&
		expect_log "$MARK" "udp fail.$DOMAIN. A SERVFAIL"
}

case_refused() {
	mark
	ask "refused.$DOMAIN" A &&
		expect_status REFUSED "qr rd ra" &&
		expect_log "$MARK" "udp refused.$DOMAIN. A REFUSED"
}

case_drop() {
	mark
	ask "drop.$DOMAIN" A +time=1 &&
		expect_rc 9 &&
		expect_line 'timed out' &&
		ask "drop.$DOMAIN" A +time=1 +tcp &&
		expect_rc 9 &&
		expect_log "$MARK" "udp drop.$DOMAIN. A DROPPED" \
			"tcp drop.$DOMAIN. A DROPPED"
}

# The first query the rule decides is lost, the next one answered.
case_drop_first() {
	mark
	ask "lost.$DOMAIN" A +time=1 &&
		expect_rc 9 &&
		ask "lost.$DOMAIN" A +short &&
		expect_short 198.18.0.9 &&
		expect_log "$MARK" "udp lost.$DOMAIN. A DROPPED" \
			"udp lost.$DOMAIN. A NOERROR"
}

# The 400 ms are a lower bound: the reply cannot come sooner.
case_delay() {
	mark
	ask "delay.$DOMAIN" A &&
		expect_status NOERROR "qr aa rd ra" &&
		ms=$(sed -n 's/^;; Query time: \([0-9]*\) msec$/\1/p' "$OUT") &&
		{ [ "${ms:-0}" -ge 400 ] || why "answered in $ms ms"; } &&
		expect_log "$MARK" "udp delay.$DOMAIN. A NOERROR"
}

# While a reply waits on its delay, others are answered: a query asked
# after the slow one is answered while the slow one still waits.
case_delay_not_blocking() {
	mark
	slow_out=$WORK/slow.out
	ip netns exec "$NS" timeout "$CLIENT_LIMIT" dig "@$V4" +tries=1 \
		+time=10 +short "slow.$DOMAIN" A >"$slow_out" 2>&1 &
	slow_pid=$!
	fast_while_slow "$slow_pid"
	fast_rc=$?
	wait "$slow_pid"
	[ "$fast_rc" -eq 0 ] &&
		{ [ "$(cat "$slow_out")" = 198.18.0.5 ] ||
			why "slow query got: $(cat "$slow_out")"; } &&
		expect_log "$MARK" "udp slow.$DOMAIN. A NOERROR" \
			"udp mysql.$DOMAIN. A NOERROR"
}

# fast_while_slow PID: once the slow query has arrived, a fast one is
# answered before the client PID has its reply.
fast_while_slow() {
	dns_script_poll logged_since "$MARK" ||
		why "the slow query never reached the server" &&
		ask "mysql.$DOMAIN" A +short &&
		expect_short 198.18.78.144 &&
		{ kill -0 "$1" 2>/dev/null || why "the slow reply came first"; }
}

logged_since() {
	[ -n "$(dns_script_queries "$1" "$DIR4")" ]
}

case_tcp() {
	mark
	ask "mysql.$DOMAIN" A +tcp &&
		expect_status NOERROR "qr aa rd ra" &&
		expect_line '^;; SERVER: .*\(TCP\)$' &&
		expect_log "$MARK" "tcp mysql.$DOMAIN. A NOERROR"
}

# size_at_most BYTES: dig's size of the reply received.
size_at_most() {
	size=$(sed -n 's/^;; MSG SIZE  rcvd: \([0-9]*\)$/\1/p' "$OUT")
	[ "${size:-99999}" -le "$1" ] || why "reply of ${size:-?} bytes"
}

# answer_count: how many records dig counted in the answer.
answer_count() {
	sed -n 's/^;; flags: .* ANSWER: \([0-9]*\),.*/\1/p' "$OUT"
}

# Over UDP: TC and the records that fit in 512 bytes; dig then asks
# again over TCP and gets all 60.
case_truncate() {
	mark
	ask "tc.$DOMAIN" A +ignore &&
		expect_status NOERROR "qr aa tc rd ra" &&
		size_at_most 512 &&
		n=$(answer_count) &&
		{ [ "$n" -gt 0 ] && [ "$n" -lt 60 ] ||
			why "$n records in the truncated answer"; } &&
		ask "tc.$DOMAIN" A &&
		expect_line '^;; Truncated, retrying in TCP mode\.$' &&
		expect_count ANSWER 60 &&
		expect_log "$MARK" "udp tc.$DOMAIN. A TRUNCATED" \
			"udp tc.$DOMAIN. A TRUNCATED" \
			"tcp tc.$DOMAIN. A NOERROR"
}

case_truncate_empty() {
	mark
	ask "tcempty.$DOMAIN" A +ignore &&
		expect_status NOERROR "qr aa tc rd ra" &&
		expect_count ANSWER 0 &&
		expect_log "$MARK" "udp tcempty.$DOMAIN. A TRUNCATED"
}

# An answer too big for the client is truncated as a real server does:
# at 512 bytes without EDNS; with EDNS's 1232 all 60 records fit.
case_answer_too_big() {
	mark
	ask "big.$DOMAIN" A +ignore +noedns &&
		expect_status NOERROR "qr aa tc rd ra" &&
		size_at_most 512 &&
		ask "big.$DOMAIN" A +ignore &&
		expect_status NOERROR "qr aa rd ra" &&
		expect_count ANSWER 60 &&
		expect_log "$MARK" "udp big.$DOMAIN. A TRUNCATED" \
			"udp big.$DOMAIN. A NOERROR"
}

# case_malformed NAME DIG-RC ERE: dig's complaint about the reply.
case_malformed() {
	mark
	ask "$1" A +time=1 &&
		expect_rc "$2" &&
		expect_line "$3" &&
		expect_log "$MARK" "udp $1. A MALFORMED"
}

# dig's warning about a reply to its query under another id.
MISMATCH='^;; Warning: ID mismatch: expected ID \([0-9]*\), got \([0-9]*\)$'

# The reply comes in under the id after the query's.
case_wrong_id() {
	mark
	ask id.bad.cluster.local A +time=1 &&
		expect_rc 9 &&
		ids=$(sed -n "s/$MISMATCH/\\1 \\2/p" "$OUT") &&
		{ [ -n "$ids" ] || why "no ID mismatch warning"; } &&
		sent=${ids% *} &&
		got=${ids#* } &&
		{ [ "$got" -eq $(((sent + 1) % 65536)) ] ||
			why "query id $sent, reply id $got"; } &&
		expect_log "$MARK" "udp id.bad.cluster.local. A MALFORMED"
}

case_oversized() {
	mark
	ask big.bad.cluster.local A &&
		expect_line '^;; MSG SIZE  rcvd: 4000$' &&
		expect_line '^;; SERVER: .*\(UDP\)$' &&
		expect_log "$MARK" "udp big.bad.cluster.local. A MALFORMED"
}

# The second server, on IPv6, over both transports.
case_ipv6() {
	m6=$(dns_script_mark "$DIR6")
	CMD="dig @$V6 mysql.$DOMAIN AAAA (+tcp)"
	for tr in +notcp +tcp; do
		in_ns dig "@$V6" +tries=1 +time=2 +short "$tr" \
			"mysql.$DOMAIN" AAAA >"$OUT" 2>&1
		RC=$?
		expect_short fd00:198:18::78:144 || return
	done
	expect_log_of "$DIR6" "$m6" "udp mysql.$DOMAIN. AAAA NOERROR" \
		"tcp mysql.$DOMAIN. AAAA NOERROR"
}

# nslookup walks the search list as far as the first answer, A then
# AAAA, and prints the reference's layout.
case_nslookup() {
	mark
	run nslookup mysql &&
		expect_rc 0 &&
		expect_line "^Server:$S$(re "$V4")$" &&
		expect_line "^Name:${S}mysql\.$DOMAIN_RE$" &&
		expect_line '^Address: 198\.18\.78\.144$' &&
		expect_line '^Address: fd00:198:18::78:144$' &&
		expect_log "$MARK" "udp mysql.$DOMAIN. A NOERROR" \
			"udp mysql.$DOMAIN. AAAA NOERROR"
}

case_nslookup_srv() {
	mark
	run nslookup -type=srv _mysql._tcp.mysql &&
		expect_rc 0 &&
		expect_line "service = 0 100 3306 mysql\.$DOMAIN_RE\.$" &&
		expect_log "$MARK" \
			"udp _mysql._tcp.mysql.$DOMAIN. SRV NOERROR"
}

case_nslookup_nxdomain() {
	mark
	run nslookup nothere &&
		expect_rc 1 &&
		expect_line "^\*\* server can't find nothere: NXDOMAIN$" &&
		expect_log "$MARK" "udp nothere.$DOMAIN. A NXDOMAIN" \
			"udp nothere.svc.cluster.local. A NXDOMAIN" \
			"udp nothere.cluster.local. A NXDOMAIN" \
			"udp nothere. A NXDOMAIN"
}

case_getent() {
	mark
	run getent ahosts mysql &&
		expect_rc 0 &&
		expect_line "^198\.18\.78\.144${S}STREAM" &&
		expect_line "^fd00:198:18::78:144${S}STREAM" &&
		expect_line " STREAM mysql\.$DOMAIN_RE$" &&
		expect_log "$MARK" "udp mysql.$DOMAIN. A NOERROR" \
			"udp mysql.$DOMAIN. AAAA NOERROR"
}

# glibc under ndots:5 asks A and AAAA for every candidate, the name as
# given last: the order of the reference trace.
case_getent_order() {
	mark
	run getent ahosts example.com &&
		expect_rc 0 &&
		expect_line "^198\.18\.0\.8${S}STREAM example\.com$" &&
		expect_log "$MARK" \
			"udp example.com.$DOMAIN. A NXDOMAIN" \
			"udp example.com.$DOMAIN. AAAA NXDOMAIN" \
			"udp example.com.svc.cluster.local. A NXDOMAIN" \
			"udp example.com.svc.cluster.local. AAAA NXDOMAIN" \
			"udp example.com.cluster.local. A NXDOMAIN" \
			"udp example.com.cluster.local. AAAA NXDOMAIN" \
			"udp example.com. A NOERROR" \
			"udp example.com. AAAA NODATA"
}

# A script that cannot be used: the start fails at once, and says why.
case_bad_script() {
	printf '%s\n' '{"rules": [{"name": "x", "action": "explode"}]}' \
		>"$WORK/bad.json"
	CMD="dns_script_start $NS 198.18.0.9 bad.json"
	RC=
	if dns_script_start "$NS" 198.18.0.9 "$WORK/bad.json" \
		2>"$WORK/bad.err"; then
		dns_script_stop
		why "the server started"
		return
	fi
	grep -q 'rule 0: action must be one of' "$WORK/bad.err" ||
		why "said: $(paste -s -d '|' "$WORK/bad.err")"
}

# case_stop SIGNAL: a third server; the signal ends it with status 0,
# its pid and ready files gone, no process of it left.
case_stop() {
	CMD="kill -s $1 (server on port 5353)"
	RC=
	dns_script_start "$NS" "$V4" "$WORK/script.json" 5353 ||
		why "the server did not start"
	[ -z "$WHY" ] || return 1
	st_dir=$DNS_SCRIPT_DIR
	st_pid=$(cat "$st_dir/job")
	grep -qx "ready $V4 5353" "$st_dir/out" ||
		why "no readiness line: $(cat "$st_dir/out")"
	[ "$(cat "$st_dir/pid")" = "$st_pid" ] || why "wrong pid file"
	kill -s "$1" "$st_pid"
	dns_script_poll dns_script_gone "$st_pid" ||
		why "still running after SIG$1"
	if [ -e "$st_dir/pid" ] || [ -e "$st_dir/ready" ]; then
		why "pid or ready file left behind"
	fi
	dns_script_stop "$st_dir" || why "exit status $?, expected 0"
	[ -z "$WHY" ]
}

# run_case NAME COMMAND [ARG...]: runs one case and reports it.
run_case() {
	rc_name=$1
	shift
	WHY=
	RC=
	CMD=
	: >"$OUT"
	if "$@"; then
		echo "ok $rc_name"
		passed=$((passed + 1))
		return
	fi
	echo "FAIL $rc_name: ${WHY:-client failed}"
	echo "    # $CMD"
	echo "    exit status: $RC"
	sed 's/^/    | /' "$OUT"
	failed=$((failed + 1))
}

run_cases() {
	run_case answer-a case_answer_a
	run_case answer-aaaa case_record AAAA "mysql.$DOMAIN" \
		fd00:198:18::78:144
	run_case answer-srv case_record SRV "_mysql._tcp.mysql.$DOMAIN" \
		"0 100 3306 mysql.$DOMAIN."
	run_case answer-txt case_record TXT "txt.$DOMAIN" '"hello probe"'
	run_case answer-mx case_record MX "mail.$DOMAIN" "10 mx.$DOMAIN."
	run_case answer-ns case_record NS cluster.local ns.dns.cluster.local.
	run_case answer-soa case_record SOA cluster.local "$SOA_DATA"
	run_case answer-cname case_cname
	run_case answer-ptr case_ptr
	run_case answer-ttl case_ttl
	run_case answer-other-type case_other_type
	run_case rule-type case_rule_type
	run_case rule-wildcard case_wildcard
	run_case rule-order case_rule_order
	run_case question-case case_case
	run_case flag-aa-off case_not_aa
	run_case flag-rd-copied case_rd_copied
	run_case edns case_edns
	run_case nodata case_nodata
	run_case nxdomain-default case_nxdomain_default
	run_case servfail case_servfail
	run_case refused case_refused
	run_case drop case_drop
	run_case drop-first case_drop_first
	run_case delay case_delay
	run_case delay-not-blocking case_delay_not_blocking
	run_case tcp case_tcp
	run_case truncate case_truncate
	run_case truncate-empty case_truncate_empty
	run_case answer-too-big case_answer_too_big
	run_case malformed-short case_malformed short.bad.cluster.local 9 \
		'^;; Warning: short \(< header size\) message received$'
	run_case malformed-count-lie case_malformed lie.bad.cluster.local 0 \
		'^;; Warning: Message parser reports malformed message'
	run_case malformed-pointer-loop case_malformed \
		loop.bad.cluster.local 0 \
		'^;; Got bad packet: bad compression pointer$'
	run_case malformed-wrong-id case_wrong_id
	run_case malformed-oversized case_oversized
	run_case ipv6 case_ipv6
	run_case nslookup case_nslookup
	run_case nslookup-srv case_nslookup_srv
	run_case nslookup-nxdomain case_nslookup_nxdomain
	run_case getent case_getent
	run_case getent-search-order case_getent_order
	run_case bad-script case_bad_script
	run_case stop-term case_stop TERM
	run_case stop-int case_stop INT
}

# start_servers: the IPv4 server the cases ask, and one on IPv6.
start_servers() {
	dns_script_start "$NS" "$V4" "$WORK/script.json" || return 1
	DIR4=$DNS_SCRIPT_DIR
	dns_script_start "$NS" "$V6" "$WORK/script.json" || return 1
	DIR6=$DNS_SCRIPT_DIR
}

# Both servers end on SIGTERM with status 0, and nothing is left in the
# namespace.
stop_servers() {
	CMD="dns_script_stop"
	dns_script_stop "$DIR4" || why "IPv4 server: exit status $?"
	dns_script_stop "$DIR6" || why "IPv6 server: exit status $?"
	[ -z "$WHY" ] && { netns_empty ||
		why "left in the namespace: $(ip netns pids "$NS")"; }
}

main() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "scripted-dns: needs root for a network namespace" >&2
		exit 1
	fi
	for cmd in python3 dig nslookup getent; do
		command -v "$cmd" >/dev/null 2>&1 && continue
		echo "scripted-dns: $cmd is missing" \
			"(Debian: python3, bind9-dnsutils)" >&2
		exit 1
	done

	cleanup_on_exit
	passed=0
	failed=0
	if setup && start_servers; then
		OUT=$WORK/out
		run_cases
		run_case stop-servers stop_servers
	else
		echo "FAIL setup: could not start the servers"
		failed=1
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main
