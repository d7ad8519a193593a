#!/bin/sh
# make bench: probe against its peers, in namespaces of its own.  POSIX sh.
# Needs root, bin/probe, nping (nmap), tcpdump, GNU time and python3.
#
# Builds the test cluster of tests/lib/cluster.sh (a pod and a cluster
# namespace on one veth, dnsmasq, listeners) and a second pair with the
# scripted DNS server of tests/dns, then runs probe and nping over the
# same targets:
#   (a) RTTs against tcpdump's nanosecond capture of the pod's veth;
#   (b) the wall time of a one-probe check to an open port;
#   (c) a 1024-port sweep at --rate 10000: wall, CPU, rate, drift;
#       the same over 16384 ports;
#   (d) a name under ndots:5 whose search domains answer NXDOMAIN after
#       a delay: probe lookup, probe lookup --parallel, getent ahosts;
#   (e) peak RSS (/usr/bin/time -v) and the size of bin/probe.
# Every packet goes to 198.18.0.0/15 inside these namespaces.
#
# Raw outputs go to tests/bench/out/raw (BENCH_OUT overrides
# tests/bench/out), the figures to tests/bench/out/bench.json and to
# docs/benchmarks.md, and the table to stdout.  Timings are reported,
# never judged: the exit status is 0 when every step ran, 1 when one
# could not (a missing program, a cluster that did not come up, a program
# that ended with an unexpected status or printed nothing usable).
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
probe=$root/bin/probe
bench=$root/tests/bench
OUT=${BENCH_OUT:-$bench/out}
RAW=$OUT/raw
. "$root/tests/lib/cluster.sh"
DNS_SCRIPT_SERVER=$root/tests/dns/scripted_dns.py
. "$root/tests/lib/dnsserver.sh"

# intval NAME DEFAULT MIN MAX: $BENCH_NAME if it is a number in range,
# else DEFAULT.  Every loop below is bounded by these.
intval() {
	iv=$(eval "printf '%s' \"\${BENCH_$1:-}\"")
	case $iv in
	'' | *[!0-9]*) iv=$2 ;;
	esac
	if [ "$iv" -lt "$3" ] || [ "$iv" -gt "$4" ]; then
		iv=$2
	fi
	printf '%s\n' "$iv"
}

RTT_PROBES=$(intval RTT_PROBES 200 10 2000)
ONE_RUNS=$(intval ONE_RUNS 100 5 1000)
WALL_RUNS=$(intval WALL_RUNS 20 3 200)
SWEEP_RUNS=$(intval SWEEP_RUNS 5 1 50)
SWEEP16K_RUNS=$(intval SWEEP16K_RUNS 2 1 10)
RSS_RUNS=$(intval RSS_RUNS 5 1 50)
DNS_RUNS=$(intval DNS_RUNS 10 3 100)
DNS_DELAY_MS=$(intval DNS_DELAY_MS 20 0 2000)

# Bound, in seconds, of each measuring command: only a hang reaches it.
LIMIT=300

# The DNS pair: its own /24 of 198.18.0.0/15, on a veth of its own.
DP_POD_IP=198.19.53.2
DP_DNS_IP=198.19.53.53
DP_ANSWER=198.19.70.1
DP_NAME=registry.example.com
DP_SEARCH="team-a.svc.cluster.local svc.cluster.local cluster.local \
c.proj.internal google.internal"

TARGET=$CLUSTER_MYSQL_IP
FAILED=

say() {
	printf 'bench: %s\n' "$*" >&2
}

# step NAME COMMAND...: runs a step, records whether it ran.
step() {
	st_name=$1
	shift
	say "$st_name"
	if "$@"; then
		printf '%s ok\n' "$st_name" >>"$RAW/steps"
	else
		printf '%s failed\n' "$st_name" >>"$RAW/steps"
		FAILED="$FAILED $st_name"
	fi
}

# need PROGRAM...: each is there, or the bench cannot run.
need() {
	for nd in "$@"; do
		command -v "$nd" >/dev/null 2>&1 && continue
		say "$nd is missing"
		return 1
	done
}

# peers: nping, tcpdump and GNU time, from Debian when missing.
peers() {
	pe_missing=
	for pe in nmap tcpdump time; do
		dpkg-query -W -f='${Status}' "$pe" 2>/dev/null |
			grep -q 'install ok installed' ||
			pe_missing="$pe_missing $pe"
	done
	[ -z "$pe_missing" ] && return 0
	if ! command -v apt-get >/dev/null 2>&1; then
		say "missing packages:$pe_missing; install them"
		return 1
	fi
	say "installing$pe_missing"
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $pe_missing >/dev/null
}

# measure NETNS ARG...: tests/bench/measure.py inside NETNS, bounded.
measure() {
	me_ns=$1
	shift
	cluster_exec "$me_ns" timeout "$LIMIT" python3 "$bench/measure.py" \
		"$@"
}

# capture_start NAME FILTER: tcpdump on the pod's veth, nanosecond
# stamps; returns once it listens.  Not in immediate mode: the stamps
# are the kernel's either way, and a tcpdump woken for every packet
# took enough of the two CPUs to slow both senders by a fifth.
capture_start() {
	CAP_ERR=$RAW/$1.tcpdump
	ip netns exec "$CLUSTER_POD" tcpdump -i eth0 -n -s 128 -B 8192 \
		--time-stamp-precision=nano \
		-w "$RAW/$1.pcap" "$2" </dev/null >/dev/null 2>"$CAP_ERR" &
	# ip netns exec execs tcpdump: the job's pid is tcpdump's.
	CAP_PID=$!
	cluster_poll grep -qs 'listening on' "$CAP_ERR" && return 0
	say "tcpdump did not start: $(cat "$CAP_ERR")"
	capture_stop
	return 1
}

# capture_stop: ends tcpdump cleanly, once it has the last packets:
# outside immediate mode its ring hands packets over a block at a time,
# at the latest after its 1 s timeout, and a block not yet handed over
# when it stops is lost.
capture_stop() {
	[ -n "${CAP_PID:-}" ] || return 0
	sleep 1.5
	kill -INT "$CAP_PID" 2>/dev/null
	wait "$CAP_PID"
	cs_rc=$?
	CAP_PID=
	[ "$cs_rc" -eq 0 ] || say "tcpdump ended with status $cs_rc"
	return "$cs_rc"
}

# (a) The RTTs each program prints, against the capture: one long run
# each, then one-probe runs, each with a source port of its own.
part_rtt() {
	capture_start rtt "tcp and host $TARGET and port 3306" || return 1
	measure "$CLUSTER_POD" --runs 1 --warmup 0 --dir "$RAW/rtt-long" \
		--out "$RAW/rtt-long.jsonl" --port-base 31000 -- \
		probe "$probe" -p 3306 -c "$RTT_PROBES" --delay 10ms \
		-g '{port}' "$TARGET" :: \
		nping nping --tcp -p 3306 -c "$RTT_PROBES" --delay 10ms \
		-g '{port}' "$TARGET" &&
		measure "$CLUSTER_POD" --runs "$ONE_RUNS" --warmup 0 \
			--dir "$RAW/rtt-one" --out "$RAW/rtt-one.jsonl" \
			--port-base 32000 -- \
			probe "$probe" -p 3306 -c 1 -g '{port}' "$TARGET" :: \
			nping nping --tcp -p 3306 -c 1 --delay 10ms \
			-g '{port}' "$TARGET"
	pr_rc=$?
	capture_stop || return 1
	return "$pr_rc"
}

# (b) Wall and CPU time of a one-probe check, by address and by name.
# nping waits one --delay (1 s by default) after its last probe even
# when the reply is in: it runs as typed and with --delay 1ms.
part_wall() {
	measure "$CLUSTER_POD" --runs "$WALL_RUNS" --dir "$RAW/wall" \
		--out "$RAW/wall.jsonl" -- \
		probe "$probe" -p 3306 -c 1 "$TARGET" :: \
		nping nping --tcp -p 3306 -c 1 "$TARGET" :: \
		nping-1ms nping --tcp -p 3306 -c 1 --delay 1ms "$TARGET" :: \
		probe-name "$probe" -p 3306 -c 1 mysql :: \
		nping-name nping --tcp -p 3306 -c 1 --delay 1ms mysql
}

# (c) 1024 ports at 10000 probes a second, under the capture; then
# 16384 ports at the same rate, to see how each copes with more.
part_sweep() {
	capture_start sweep "tcp and host $TARGET" || return 1
	measure "$CLUSTER_POD" --runs "$SWEEP_RUNS" --dir "$RAW/sweep" \
		--out "$RAW/sweep.jsonl" --port-base 33000 -- \
		probe "$probe" -p 1-1024 -c 1 --rate 10000 -g '{port}' \
		"$TARGET" :: \
		nping nping --tcp -p 1-1024 -c 1 --rate 10000 -g '{port}' \
		"$TARGET" &&
		measure "$CLUSTER_POD" --runs "$SWEEP16K_RUNS" --warmup 0 \
			--dir "$RAW/sweep16k" --out "$RAW/sweep16k.jsonl" \
			--port-base 34000 -- \
			probe "$probe" -p 1-16384 -c 1 --rate 10000 \
			-g '{port}' "$TARGET" :: \
			nping nping --tcp -p 1-16384 -c 1 --rate 10000 \
			-g '{port}' "$TARGET"
	ps_rc=$?
	capture_stop || return 1
	return "$ps_rc"
}

# (e) Peak RSS as /usr/bin/time -v reports it, and the binary's size.
part_rss() {
	measure "$CLUSTER_POD" --runs "$RSS_RUNS" --time-v --dir "$RAW/rss" \
		--out "$RAW/rss.jsonl" -- \
		probe "$probe" -p 3306 -c 1 "$TARGET" :: \
		nping nping --tcp -p 3306 -c 1 --delay 1ms "$TARGET" :: \
		probe-sweep "$probe" -p 1-1024 -c 1 --rate 10000 "$TARGET" :: \
		nping-sweep nping --tcp -p 1-1024 -c 1 --rate 10000 \
		"$TARGET" || return 1
	strip -o "$RAW/probe.stripped" "$probe" &&
		printf '%s %s\n' \
			probe "$(wc -c <"$probe")" \
			probe-stripped "$(wc -c <"$RAW/probe.stripped")" \
			nping "$(wc -c <"$(command -v nping)")" >"$RAW/sizes"
}

# dns_pair_up: a pod and a server namespace for the scripted DNS server,
# whose search domains answer NXDOMAIN after DNS_DELAY_MS and whose name
# itself answers at once.  Torn down with the cluster.
dns_pair_up() {
	DP_POD=pb$$-bdp
	DP_SRV=pb$$-bds
	cluster_add_netns "$DP_POD" && cluster_add_netns "$DP_SRV" &&
		ip link add eth0 netns "$DP_POD" type veth \
			peer name eth0 netns "$DP_SRV" &&
		ip -n "$DP_POD" addr add "$DP_POD_IP/24" dev eth0 &&
		ip -n "$DP_SRV" addr add "$DP_DNS_IP/24" dev eth0 &&
		ip -n "$DP_POD" link set eth0 up &&
		ip -n "$DP_SRV" link set eth0 up || return 1
	printf '{"default": {"action": "nxdomain", "delay": %s},\n' \
		"$DNS_DELAY_MS" >"$RAW/dns-script.json"
	printf ' "rules": [{"name": "%s", "action": "answer",\n' \
		"$DP_NAME" >>"$RAW/dns-script.json"
	printf '   "records": [{"type": "A", "data": "%s"}]}]}\n' \
		"$DP_ANSWER" >>"$RAW/dns-script.json"
	mkdir -p "/etc/netns/$DP_POD" &&
		printf '%s\n' "nameserver $DP_DNS_IP" "search $DP_SEARCH" \
			"options ndots:5" >"/etc/netns/$DP_POD/resolv.conf" &&
		DNS_SCRIPT_TMP=$CLUSTER_DIR dns_script_start "$DP_SRV" \
			"$DP_DNS_IP" "$RAW/dns-script.json"
}

# queries LABEL COMMAND...: runs COMMAND once in the DNS pod and records
# how many queries reached the server.
queries() {
	qu_label=$1
	shift
	qu_mark=$(dns_script_mark)
	cluster_exec "$DP_POD" timeout 60 "$@" \
		>"$RAW/dns-$qu_label.txt" 2>&1
	sleep 0.1
	dns_script_queries "$qu_mark" >"$RAW/dns-$qu_label.log"
	printf '%s %s\n' "$qu_label" "$(wc -l <"$RAW/dns-$qu_label.log")" \
		>>"$RAW/dns-queries"
}

# (d) The name under ndots:5: probe lookup one candidate after the
# other, all at once, and glibc's getaddrinfo through getent.
part_dns() {
	dns_pair_up || return 1
	: >"$RAW/dns-queries"
	queries probe "$probe" lookup --trace "$DP_NAME" &&
		queries probe-parallel "$probe" lookup --parallel --trace \
			"$DP_NAME" &&
		queries getent getent ahosts "$DP_NAME" &&
		measure "$DP_POD" --runs "$DNS_RUNS" --dir "$RAW/dns" \
			--out "$RAW/dns.jsonl" -- \
			probe "$probe" lookup "$DP_NAME" :: \
			probe-parallel "$probe" lookup --parallel \
			"$DP_NAME" :: \
			getent getent ahosts "$DP_NAME" :: \
			probe-dot "$probe" lookup "$DP_NAME." :: \
			getent-dot getent ahosts "$DP_NAME."
}

main() {
	if [ "$(id -u)" -ne 0 ]; then
		say "needs root (network namespaces, raw sockets, capture)"
		exit 1
	fi
	peers || exit 1
	need nping tcpdump /usr/bin/time python3 getent strip ip socat \
		dnsmasq timeout || exit 1
	if [ ! -x "$probe" ]; then
		say "$probe is missing; build it with make"
		exit 1
	fi
	case $OUT in
	/*) ;;
	*) OUT=$(pwd)/$OUT RAW=$OUT/raw ;;
	esac
	rm -rf "$RAW" && mkdir -p "$RAW" || exit 1
	: >"$RAW/steps"

	cluster_init
	cluster_down_on_exit
	trap 'trap "" INT TERM HUP PIPE; capture_stop; cluster_down' EXIT
	step cluster cluster_up
	if [ -n "$FAILED" ]; then
		say "the cluster did not come up"
		exit 1
	fi
	step rtt part_rtt
	step wall part_wall
	step sweep part_sweep
	step rss part_rss
	step dns part_dns
	capture_stop
	cluster_down

	# docs/benchmarks.md only from a run where every step ran.
	md=$root/docs/benchmarks.md
	[ -z "$FAILED" ] || md=
	python3 "$bench/analyze.py" --raw "$RAW" --probe "$probe" \
		--json "$OUT/bench.json" --markdown "$md" --rate 10000 \
		--dns-delay-ms "$DNS_DELAY_MS" --dns-name "$DP_NAME" \
		--dns-answer "$DP_ANSWER" || FAILED="$FAILED analysis"
	if [ -n "$FAILED" ]; then
		say "could not run:$FAILED"
		exit 1
	fi
	exit 0
}

main "$@"
