# A scripted DNS server (tests/dns/scripted_dns.py) for tests that need
# replies an ordinary server does not give: start it inside a network
# namespace, read what it was asked, stop it.  POSIX sh, to be sourced.
#
# Use: dns_script_start, dns_script_mark, dns_script_queries,
# dns_script_stop.  Each server keeps its files (query log, pid, ready
# file, output) in a directory of its own, made under $DNS_SCRIPT_TMP
# (default $TMPDIR or /tmp): give it the cluster's directory and the
# cluster's teardown removes them too.  dns_script_start leaves that
# directory in DNS_SCRIPT_DIR; the other functions take it as their last
# argument, the last started server's by default, so several servers
# can run at once.
#
# DNS_SCRIPT_SERVER is the server's path; by default the one in the tree
# the current directory is the top of.  Variables of the caller are left
# alone; the library's own start with ds_ or DNS_SCRIPT_.

DNS_SCRIPT_SERVER=${DNS_SCRIPT_SERVER:-tests/dns/scripted_dns.py}

# Bound, in seconds, of each wait for readiness or for the server to
# end: generous, as the machine may be busy.
DNS_SCRIPT_WAIT=10

# dns_script_start NETNS ADDRESS SCRIPT [PORT]: runs the server in NETNS
# on ADDRESS (numeric; fe80::1%eth0 takes its zone) and PORT (53 unless
# given; 0 picks a free one) with the JSON SCRIPT, and returns once it
# answers on UDP and TCP.  Sets DNS_SCRIPT_DIR, and DNS_SCRIPT_PORT to
# the port bound.  If the server does not start, says why on stderr,
# removes what it made and fails.
dns_script_start() {
	DNS_SCRIPT_DIR=$(mktemp -d \
		"${DNS_SCRIPT_TMP:-${TMPDIR:-/tmp}}/scripted-dns.XXXXXX") ||
		return 1
	DNS_SCRIPT_PORT=
	ds_dir=$DNS_SCRIPT_DIR
	: >"$ds_dir/queries.log"
	ip netns exec "$1" python3 "$DNS_SCRIPT_SERVER" --listen "$2" \
		--port "${4:-53}" --script "$3" --log "$ds_dir/queries.log" \
		--pid-file "$ds_dir/pid" --ready-file "$ds_dir/ready" \
		</dev/null >"$ds_dir/out" 2>&1 &
	# ip netns exec execs the server: this job's pid is the server's.
	echo "$!" >"$ds_dir/job"
	dns_script_poll dns_script_settled "$ds_dir"
	if [ -s "$ds_dir/ready" ]; then
		read -r _ _ DNS_SCRIPT_PORT <"$ds_dir/ready"
		return 0
	fi
	echo "dns: scripted server on $2 in $1 did not start:" >&2
	cat "$ds_dir/out" >&2
	dns_script_stop "$ds_dir"
	return 1
}

# dns_script_stop [DIR]: SIGTERM, then SIGKILL if it is still there
# after the bounded wait; then removes the server's directory.  Returns
# the server's exit status where this shell started it (0 after a clean
# stop), else 0 if SIGTERM was enough.  Safe to call twice.
dns_script_stop() {
	ds_dir=${1:-${DNS_SCRIPT_DIR:-}}
	[ -n "$ds_dir" ] && [ -d "$ds_dir" ] || return 0
	ds_pid=$(cat "$ds_dir/job" 2>/dev/null)
	ds_rc=0
	if [ -n "$ds_pid" ]; then
		dns_script_end "$ds_pid" || ds_rc=1
		wait "$ds_pid" 2>/dev/null
		ds_status=$?
		[ "$ds_status" -eq 127 ] || ds_rc=$ds_status
	fi
	rm -rf "$ds_dir"
	if [ "$ds_dir" = "${DNS_SCRIPT_DIR:-}" ]; then
		DNS_SCRIPT_DIR=
	fi
	return "$ds_rc"
}

# dns_script_mark [DIR]: the current end of the query log; give it to
# dns_script_queries to see only what was asked after this point.
dns_script_mark() {
	wc -l <"${1:-$DNS_SCRIPT_DIR}/queries.log"
}

# dns_script_queries MARK [DIR]: the queries received after MARK, in
# arrival order, one "udp|tcp NAME TYPE OUTCOME" line each, NAME in
# lower case with its trailing dot.
dns_script_queries() {
	tail -n "+$(($1 + 1))" "${2:-$DNS_SCRIPT_DIR}/queries.log"
}

# dns_script_end PID: TERM, then KILL; fails if TERM was not enough.
dns_script_end() {
	for ds_sig in TERM KILL; do
		dns_script_alive "$1" || return 0
		kill -s "$ds_sig" "$1" 2>/dev/null
		if dns_script_poll dns_script_gone "$1"; then
			[ "$ds_sig" = TERM ]
			return
		fi
	done
	echo "dns: scripted server $1 does not end" >&2
	return 1
}

# dns_script_settled DIR: the server is ready, or has ended.
dns_script_settled() {
	[ -s "$1/ready" ] || dns_script_gone "$(cat "$1/job")"
}

# dns_script_alive PID: the process runs.  A process that has ended but
# not been waited for is a zombie, which kill -0 would still find.
dns_script_alive() {
	ds_state=$(sed -n 's/.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null)
	[ -n "$ds_state" ] && [ "$ds_state" != Z ]
}

dns_script_gone() {
	! dns_script_alive "$1"
}

# dns_script_poll COMMAND...: runs COMMAND every 0.1 s until it succeeds
# or DNS_SCRIPT_WAIT seconds have passed.
dns_script_poll() {
	ds_deadline=$(($(date +%s) + DNS_SCRIPT_WAIT))
	until "$@"; do
		[ "$(date +%s)" -lt "$ds_deadline" ] || return 1
		sleep 0.1
	done
}
