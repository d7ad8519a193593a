#!/bin/sh
# make bad-input: a table of inputs probe must refuse cleanly.  Each row
# runs probe (or probe lookup) in a pod namespace of this script's own,
# whose resolv.conf points at a DNS server that lies as a script says
# (tests/dns/scripted_dns.py), and gives the exit status expected and an
# ERE: stderr must be exactly one line, "probe: " and a message matching
# the ERE, which names the problem and what to do.  No row may crash
# (status 128 or more), hang (it runs under timeout) or leave anything
# for a sanitizer or valgrind to report (make integration-san and make
# check-valgrind run this table under them, through PROBE).  Needs root
# and python3.
#
# Prints "ok N: COMMAND" or "FAIL N: COMMAND: why" with the output for
# each row, then "N passed, N failed"; exits non-zero if any row failed.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
probe=${PROBE:-$root/bin/probe}
. "$root/tests/lib/cluster.sh"
DNS_SCRIPT_SERVER=$root/tests/dns/scripted_dns.py
. "$root/tests/lib/dnsserver.sh"

# Far beyond any row's run time: only a hung probe reaches it.
LIMIT=20
# timeout's status when it had to stop the command.
HUNG=124

BI_POD_IP=198.18.66.2
BI_DNS_IP=198.18.66.53
BI_IF=eth0

# Bytes that must never reach stderr raw: a line end and an escape.
NL=$(printf '\nx')
NL=${NL%x}
ESC=$(printf '\033')

why() {
	WHY=$*
	return 1
}

# shown WORD...: the words as one line of at most 100 characters, with
# control characters as '?'.
shown() {
	{ printf '%s' "$*" | tr '\000-\037\177' '?'; echo; } | awk '{
		print (length($0) > 100 ? substr($0, 1, 97) "..." : $0)
	}'
}

# run USER ARG...: probe ARG... in the pod as USER (root, or nobody
# with no capability at all, from a copy it may run), bounded.  Leaves
# the exit status in RC and the output in $OUT and $ERR.
run() {
	rn_user=$1
	shift
	if [ "$rn_user" = nobody ]; then
		set -- setpriv --reuid=nobody --regid=nogroup --clear-groups \
			--inh-caps=-all --bounding-set=-all "$NOBODY_PROBE" "$@"
	else
		set -- "$probe" "$@"
	fi
	ip netns exec "$BI_POD" timeout "$LIMIT" "$@" >"$OUT" 2>"$ERR" &
	wait "$!"
	RC=$?
}

# judge STATUS ERE: what the last run did, against the row.
judge() {
	[ "$RC" -ne "$HUNG" ] || why "still running after $LIMIT s" ||
		return
	[ "$RC" -lt 128 ] || why "crashed: exit status $RC" || return
	[ "$RC" -eq "$1" ] || why "exit status $RC, expected $1" || return
	jg_n=$(awk 'END { print NR }' "$ERR")
	[ "$jg_n" -eq 1 ] || why "$jg_n stderr lines, expected 1" || return
	grep -q '^probe: ' "$ERR" || why "stderr does not start \"probe: \"" ||
		return
	grep -Eq -- "$2" "$ERR" || why "stderr does not match /$2/"
}

# row STATUS ERE ARG...: one row, probe ARG... run as root.
row() {
	row_as root "$@"
}

# row_nobody STATUS ERE ARG...: one row run as nobody.
row_nobody() {
	row_as nobody "$@"
}

row_as() {
	ra_user=$1
	ra_status=$2
	ra_re=$3
	shift 3
	n=$((n + 1))
	WHY=
	ra_cmd="probe $(shown "$@")"
	[ "$ra_user" = root ] || ra_cmd="$ra_cmd (as nobody)"
	run "$ra_user" "$@"
	if judge "$ra_status" "$ra_re"; then
		echo "ok $n: $ra_cmd"
		passed=$((passed + 1))
		return
	fi
	echo "FAIL $n: $ra_cmd: $WHY"
	echo "    exit status: $RC"
	tr '\000-\011\013-\037\177' '?' <"$OUT" | sed 's/^/    stdout: /'
	tr '\000-\011\013-\037\177' '?' <"$ERR" | sed 's/^/    stderr: /'
	failed=$((failed + 1))
}

# Pieces of the expected messages, as EREs.
PORTS='give numbers from 1 to 65535'
NUMBER='give a number from'
NAME_HINT='give a (host )?name'
UNRESOLVED='cannot resolve .* got'
NAMESERVERS='from 198\.18\.66\.53; check the nameservers in'
LOCAL_UNREACHABLE='server unreachable from 127\.0\.0\.1; check the nameservers'

probe_options() {
	row 3 'no target given: name a host or address'
	row 3 "bad port \"0\": $PORTS" -p 0 mysql
	row 3 "bad port \"65536\": $PORTS" -p 65536 mysql
	row 3 "bad port \"80-70\": $PORTS" -p 80-70 mysql
	row 3 "bad port \",80\": $PORTS" -p ,80 mysql
	row 3 "bad port \"80,,81\": $PORTS" -p 80,,81 mysql
	row 3 "bad port \"http\": $PORTS" -p http mysql
	row 3 'missing value for option "-p": see probe --help' mysql -p
	row 3 "no port .*$BI_DNS_IP.*: .*-p" "$BI_DNS_IP"
	row 3 "bad count \"0\": $NUMBER 1 to 100000" -p 80 -c 0 mysql
	row 3 "bad count \"-1\": $NUMBER 1 to 100000" -p 80 -c -1 mysql
	row 3 "bad count \"99999999999999999999\": $NUMBER 1 to" \
		-p 80 -c 99999999999999999999 mysql
	row 3 'bad delay "2h": give a time from 0 to 1h' \
		-p 80 --delay 2h mysql
	row 3 'bad delay "1x": give a time' -p 80 --delay 1x mysql
	row 3 'bad timeout "0": give a time from 1ms to 1h' \
		-p 80 --timeout 0 mysql
	row 3 "bad rate \"0\": $NUMBER 1 to 1000000" -p 80 --rate 0 mysql
	row 3 '--rate and --delay both set the time between probes: give one' \
		-p 80 --rate 10 --delay 1s mysql
	row 3 "bad ttl \"256\": $NUMBER 1 to 255" -p 80 --ttl 256 mysql
	row 3 "bad window \"65536\": $NUMBER 0 to 65535" \
		-p 80 --win 65536 mysql
	row 3 "bad sequence number \"4294967296\": $NUMBER 0 to 4294967295" \
		-p 80 --seq 4294967296 mysql
	row 3 "bad data length \"1401\": $NUMBER 0 to 1400" \
		-p 80 --data-length 1401 mysql
	row 3 "bad source port \"0\": $NUMBER 1 to 65535" -p 80 -g 0 mysql
	row 3 'bad flags "0x1ff": give names such as syn,ece' \
		-p 80 --flags 0x1ff mysql
	row 3 '--flags must include SYN' -p 80 --flags ack mysql
	row 3 '--tcp-connect lets the kernel build the packets: drop -S' \
		-p 80 --tcp-connect -S "$BI_POD_IP" mysql
	row 3 'unknown option "--bogus": see probe --help' --bogus -p 80 mysql
	row 3 'empty target name: ' -p 80 ''
	row 3 'too many probes: .* is over 10000000' \
		-p 1-65535 -c 100000 mysql
	row 3 'unknown option "-Z": see probe --help' -p 80 mysql -ZZ
	row 3 'control character .*: ' -p "80$NL" mysql
	row 3 'control character .*: ' -p 80 "mysql${NL}probe: fake"
	row 3 'control character .*: ' -p 80 --flags "${ESC}[31m" mysql
}

probe_names() {
	row 3 "bad name \"\\.\": empty name; $NAME_HINT" -p 80 .
	row 3 "bad name \"a\\.\\.b\": empty label in name; $NAME_HINT" \
		-p 80 a..b
	row 3 "label over 63 characters; $NAME_HINT" -p 80 "$LABEL64"
	row 3 "name over 253 characters; $NAME_HINT" -p 80 "$NAME260"
	row 3 'fd00::1 is an IPv6 address, but -4 was given' -4 -p 80 fd00::1
	row 3 "$BI_DNS_IP is an IPv4 address, but -6 was given" \
		-6 -p 80 "$BI_DNS_IP"
	row 3 'source address \(-S\) is not of the target.s family; check' \
		-p 80 -S fd00::1 "$BI_DNS_IP"
	row 3 'source address "999\.1\.1\.1": give an IPv4 or IPv6 address' \
		-p 80 -S 999.1.1.1 "$BI_DNS_IP"
	row 3 'nosuch0: .*(ip link|-e)' -p 80 -e nosuch0 "$BI_DNS_IP"
	row 3 'fe80::1%nosuch0: no interface "nosuch0" here: give one' \
		-p 80 'fe80::1%nosuch0'
	row 3 'bad target "mysql%eth0": only an IPv6 address takes a %zone' \
		-p 80 'mysql%eth0'
	row 3 'bad target "mysql:3306": .*give the port with -p' \
		-p 80 mysql:3306
	row 3 'bad target "\[fd00::1\]": write an IPv6 address without' \
		-p 80 '[fd00::1]'
	row 3 "bad name \"my sql\": it has a space; $NAME_HINT" -p 80 'my sql'
	row_nobody 3 'no raw socket .*, and --ttl needs one: grant' \
		-p 80 --ttl 3 "$BI_DNS_IP"
}

probe_resolv_conf() {
	row 3 'cannot read .*missing\.conf: No such file or directory; give' \
		-p 80 --resolv-conf "$WORK/missing.conf" mysql
	row 3 'cannot read .*: Is a directory; give a readable file' \
		-p 80 --resolv-conf "$WORK" mysql
	row_nobody 3 'cannot read .*: Permission denied; give a readable file' \
		-p 80 --tcp-connect \
		--resolv-conf "$NOBODY_DIR/unreadable.conf" mysql
	row 2 "$LOCAL_UNREACHABLE" \
		-p 80 --resolv-conf "$WORK/random.conf" mysql
	row 2 "$LOCAL_UNREACHABLE" \
		-p 80 --resolv-conf "$WORK/nuls.conf" mysql
	row 3 'no usable nameserver; check its nameserver lines' \
		-p 80 --resolv-conf "$WORK/nosuch-zone.conf" mysql
	row 3 'link-local nameserver needs its interface, as in fe80::1%eth0' \
		-p 80 --resolv-conf "$WORK/no-zone.conf" mysql
}

# The server lies as the script of write_script says for each name.
probe_lying_server() {
	conf="$WORK/good.conf"
	row 2 "$UNRESOLVED timeout $NAMESERVERS" \
		-p 80 --resolv-conf "$conf" short.example
	row 2 "$UNRESOLVED bad reply $NAMESERVERS" \
		-p 80 --resolv-conf "$conf" loop.example
	row 2 "$UNRESOLVED bad reply $NAMESERVERS" \
		-p 80 --resolv-conf "$conf" count.example
	row 2 "$UNRESOLVED timeout $NAMESERVERS" \
		-p 80 --resolv-conf "$conf" wrongid.example
	row 2 "$UNRESOLVED bad reply $NAMESERVERS" \
		-p 80 --resolv-conf "$conf" oversized.example
	row 2 'got NODATA from 198\.18\.66\.53; check the name' \
		-p 80 --resolv-conf "$conf" cname.example
	row 2 'got NODATA from 198\.18\.66\.53; check the name' \
		-p 80 --resolv-conf "$conf" txt.example
	row 2 "$UNRESOLVED SERVFAIL $NAMESERVERS" \
		-p 80 --resolv-conf "$conf" servfail.example
	row 2 "$UNRESOLVED REFUSED $NAMESERVERS" \
		-p 80 --resolv-conf "$conf" refused.example
	row 2 "$UNRESOLVED timeout $NAMESERVERS" \
		-p 80 --resolv-conf "$conf" silent.example
	row 2 'got NXDOMAIN from 198\.18\.66\.53; check the name' \
		-p 80 --resolv-conf "$conf" nothere.example
}

lookup_options() {
	conf="$WORK/good.conf"
	row 3 'bad type "bogus": give A, AAAA' \
		lookup --resolv-conf "$conf" -type=bogus mysql
	row 3 'bad type "TYPE0": give ' \
		lookup --resolv-conf "$conf" -type=TYPE0 mysql
	row 3 'bad port "0": give a number from 1 to 65535' \
		lookup --resolv-conf "$conf" -port=0 mysql
	row 3 'bad timeout "301": give a number of seconds from 1 to 300' \
		lookup --resolv-conf "$conf" -timeout=301 mysql
	row 3 'bad retry "11": give a number of tries from 0 to 10' \
		lookup --resolv-conf "$conf" -retry=11 mysql
	row 3 'bad ndots "16": give a number from 0 to 15' \
		lookup --resolv-conf "$conf" -ndots=16 mysql
	row 3 'bad libc "uclibc": give glibc or musl' \
		lookup --resolv-conf "$conf" -libc=uclibc mysql
	row 3 'unknown option "-bogus": see probe lookup --help' \
		lookup --resolv-conf "$conf" -bogus mysql
	row 3 'option "-r" is too short: write more of its name' \
		lookup --resolv-conf "$conf" -r=1 mysql
	row 3 'option "-vc" takes no value: write it alone' \
		lookup --resolv-conf "$conf" -vc=1 mysql
	row 3 'missing value for option "-port": give' \
		lookup --resolv-conf "$conf" mysql -port
	row 3 'option "-all" works at the prompt only: type set all there' \
		lookup --resolv-conf "$conf" -all mysql
	row 3 'too many operands: "c" after NAME and SERVER; give' \
		lookup --resolv-conf "$conf" a b c
	row 3 '"-" cannot be a server: it means interactive' \
		lookup --resolv-conf "$conf" mysql -
	row 3 'control character \(0x0a\): ' \
		lookup --resolv-conf "$conf" "a${NL}b"
	row 3 'empty resolv.conf path: give' lookup -resolv-conf= mysql
}

lookup_names() {
	conf="$WORK/good.conf"
	row 3 'name too long: 300 characters, at most 255' \
		lookup --resolv-conf "$conf" "$NAME300"
	row 3 "bad name \"a\\.\\.b\": empty label in name; $NAME_HINT" \
		lookup --resolv-conf "$conf" a..b
	row 3 "label over 63 characters; $NAME_HINT" \
		lookup --resolv-conf "$conf" "$LABEL64"
	row 1 'address of server 999\.1\.1\.1: .+; give its address' \
		lookup --resolv-conf "$conf" mysql 999.1.1.1
	row 3 'server fe80::1%nosuch0 names an interface .*: give one' \
		lookup --resolv-conf "$conf" mysql fe80::1%nosuch0
	row 3 'server fe80::1 is link-local without a zone.*fe80::1%eth0' \
		lookup --resolv-conf "$conf" mysql fe80::1
	row 3 'cannot read .*: Is a directory; give a readable file' \
		lookup --resolv-conf "$WORK" mysql
	row 3 'cannot read .*missing\.conf: No such file or directory; give' \
		lookup --resolv-conf "$WORK/missing.conf" mysql
	row_nobody 3 'cannot read .*: Permission denied; give a readable file' \
		lookup --resolv-conf "$NOBODY_DIR/unreadable.conf" mysql
	row 3 'nameserver fe80::53%nosuch0 names an interface .*: give one' \
		lookup --resolv-conf "$WORK/nosuch-zone.conf" mysql
	row 3 'nameserver fe80::53 is link-local without a zone.*%eth0' \
		lookup --resolv-conf "$WORK/no-zone.conf" mysql
}

write_script() {
	cat <<EOF
{
  "default": {"action": "nxdomain"},
  "rules": [
  {"name": "short.example", "action": "malformed", "variant": "short"},
  {"name": "loop.example", "action": "malformed",
   "variant": "pointer_loop"},
  {"name": "count.example", "action": "malformed", "variant": "count_lie",
   "records": [{"type": "A", "data": "198.18.66.99"}]},
  {"name": "wrongid.example", "action": "malformed", "variant": "wrong_id",
   "records": [{"type": "A", "data": "198.18.66.99"}]},
  {"name": "oversized.example", "action": "malformed",
   "variant": "oversized"},
  {"name": "cname.example", "action": "answer",
   "records": [{"type": "CNAME", "data": "nowhere.invalid."}]},
  {"name": "txt.example", "action": "answer",
   "records": [{"type": "TXT", "data": "not an address"}]},
  {"name": "servfail.example", "action": "servfail"},
  {"name": "refused.example", "action": "refused"},
  {"name": "silent.example", "action": "drop"}
  ]
}
EOF
}

# A label and names just over the limits (RFC 1035, 2.3.4), and one
# over what probe lookup takes as a word.
long_names() {
	LABEL64=$(printf '%064d' 0 | tr 0 a)
	NAME260=$(printf 'abcdefghi.%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 \
		14 15 16 17 18 19 20 21 22 23 24 25 26)
	NAME300=$(printf '%0300d' 0)
}

# write_confs: the resolv.conf files of the rows.  random.conf is the
# same 4 KiB every run: a fixed seed.
write_confs() {
	printf '%s\n' "nameserver $BI_DNS_IP" \
		"options ndots:1 timeout:1 attempts:1" >"$WORK/good.conf" &&
		printf '%s\n' "nameserver fe80::53%nosuch0" \
			"options timeout:1 attempts:1" \
			>"$WORK/nosuch-zone.conf" &&
		printf '%s\n' "nameserver fe80::53" \
			"options timeout:1 attempts:1" >"$WORK/no-zone.conf" &&
		python3 -c 'import random, sys
random.seed(20261203)
sys.stdout.buffer.write(bytes(random.randrange(256) for _ in range(4096)))
' >"$WORK/random.conf" &&
		head -c 4096 /dev/zero >"$WORK/nuls.conf"
}

# nobody_files: a copy of probe that nobody may run, beside a
# resolv.conf it may not read; the cluster's directory is opened for
# passing through, not for listing.
nobody_files() {
	NOBODY_DIR=$CLUSTER_DIR/nobody
	NOBODY_PROBE=$NOBODY_DIR/probe
	chmod 711 "$CLUSTER_DIR" &&
		mkdir -m 755 "$NOBODY_DIR" &&
		cp "$probe" "$NOBODY_PROBE" &&
		chmod 755 "$NOBODY_PROBE" &&
		cp "$WORK/good.conf" "$NOBODY_DIR/unreadable.conf" &&
		chmod 000 "$NOBODY_DIR/unreadable.conf"
}

# pair_up: the pod and the server's namespace, a veth between them, the
# scripted server, and the pod's own /etc/resolv.conf (ip netns exec
# mounts it there), so that no row asks a server outside the namespaces.
# cluster_down removes it all.
pair_up() {
	BI_POD=pb$$-bp
	BI_SRV=pb$$-bs
	CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/probe-bad.XXXXXX") || return 1
	WORK=$CLUSTER_DIR/work
	DNS_SCRIPT_TMP=$CLUSTER_DIR
	OUT=$CLUSTER_DIR/stdout
	ERR=$CLUSTER_DIR/stderr
	mkdir "$WORK" && write_script >"$WORK/script.json" && write_confs &&
		nobody_files &&
		cluster_add_netns "$BI_POD" && cluster_add_netns "$BI_SRV" &&
		ip link add "$BI_IF" netns "$BI_POD" type veth \
			peer name "$BI_IF" netns "$BI_SRV" &&
		ip -n "$BI_POD" addr add "$BI_POD_IP/24" dev "$BI_IF" &&
		ip -n "$BI_SRV" addr add "$BI_DNS_IP/24" dev "$BI_IF" &&
		ip -n "$BI_POD" link set "$BI_IF" up &&
		ip -n "$BI_SRV" link set "$BI_IF" up &&
		mkdir -p "/etc/netns/$BI_POD" &&
		cp "$WORK/good.conf" "/etc/netns/$BI_POD/resolv.conf" &&
		dns_script_start "$BI_SRV" "$BI_DNS_IP" "$WORK/script.json"
}

main() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "bad_input: needs root to create network namespaces" \
			"(sudo make bad-input)" >&2
		exit 1
	fi
	if [ ! -x "$probe" ] || ! command -v python3 >/dev/null 2>&1; then
		echo "bad_input: needs $probe (make) and python3" \
			"(make deps)" >&2
		exit 1
	fi

	cluster_init
	cluster_down_on_exit
	long_names
	passed=0
	failed=0
	n=0
	if pair_up; then
		probe_options
		probe_names
		probe_resolv_conf
		probe_lying_server
		lookup_options
		lookup_names
	else
		echo "FAIL setup: could not build the namespaces and the server"
		failed=1
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main
