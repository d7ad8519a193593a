# A throwaway Kubernetes-like cluster built from two network namespaces,
# for the demo and the integration test.  POSIX sh, to be sourced.
#
# The "pod" namespace holds the client side: one veth end with the pod
# address and a resolv.conf with the cluster's search list.  The
# "cluster" namespace holds the other end, the DNS server and one
# address per service.  Only 198.18.0.0/15 is used: it is reserved for
# benchmarks (RFC 2544), so nothing here can collide with a real network.
#
# Use: cluster_init, cluster_down_on_exit, cluster_up.  Set
# CLUSTER_HOSTS to hosts(5) lines before cluster_up to give the DNS
# server more names; cluster_ipv6_on lets an interface carry IPv6.
# Variables of the caller are left alone; the library's own start with
# cl_ or CLUSTER_.

CLUSTER_POD_IP=198.18.212.137
CLUSTER_DNS_IP=198.18.0.10
CLUSTER_MYSQL_IP=198.18.78.144
# In DNS only, as in the reference cluster; no interface here has it.
CLUSTER_MYSQL_IP6=fd00:198:18::78:144
CLUSTER_REDIS_IP=198.18.20.30
CLUSTER_CLOSED_IP=198.18.99.3
# web has three addresses, as a headless service does; in DNS only.
CLUSTER_DOMAIN=default.svc.cluster.local
CLUSTER_SEARCH="$CLUSTER_DOMAIN svc.cluster.local cluster.local"
CLUSTER_NDOTS=5

# Bound, in seconds, of each wait for readiness or for processes to end:
# generous, as the machine may be busy.
CLUSTER_WAIT=10

# cluster_init: names the cluster; changes nothing on the host.  Names
# carry the shell's pid, so runs in parallel never share a namespace.
cluster_init() {
	CLUSTER_POD=pb$$-pod
	CLUSTER_SVC=pb$$-cl
	CLUSTER_DIR=
	CLUSTER_DNS_LOG=
	# Teardown removes only what this run created, never a namespace
	# that happened to exist under the same name.
	CLUSTER_MADE=
}

# cluster_up: builds everything and returns once DNS answers and every
# listener listens.  On failure it says why on stderr; the caller's
# cluster_down cleans up whatever was built.
cluster_up() {
	CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/probe-cluster.XXXXXX") ||
		return 1
	CLUSTER_DNS_LOG=$CLUSTER_DIR/dnsmasq.log

	cluster_add_netns "$CLUSTER_POD" &&
		cluster_add_netns "$CLUSTER_SVC" &&
		cluster_link &&
		cluster_write_resolv &&
		cluster_start_dns &&
		cluster_listen "$CLUSTER_SVC" "$CLUSTER_MYSQL_IP" 3306 &&
		cluster_listen "$CLUSTER_SVC" "$CLUSTER_REDIS_IP" 6379 &&
		cluster_wait_dns
}

# cluster_down: kills every process inside the namespaces, deletes them
# and their /etc/netns entries and the state directory.  Safe to call
# twice, and after a cluster_up that failed half way.
cluster_down() {
	for cl_ns in ${CLUSTER_MADE:-}; do
		cluster_kill_netns "$cl_ns"
		ip netns delete "$cl_ns" 2>/dev/null
		rm -rf "/etc/netns/$cl_ns"
	done
	CLUSTER_MADE=
	if [ -n "${CLUSTER_DIR:-}" ]; then
		rm -rf "$CLUSTER_DIR"
	fi
	CLUSTER_DIR=
}

# cluster_down_on_exit: runs cluster_down however the shell ends: at
# the end, on exit, or on a signal (Ctrl-C, kill, a closed terminal or
# pipe), which a shell otherwise dies of without running its EXIT trap.
# A second signal must not cut the teardown short.
cluster_down_on_exit() {
	trap 'trap "" INT TERM HUP PIPE; cluster_down' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	trap 'exit 141' PIPE
}

# cluster_add_netns NAME: creates a namespace with lo up and IPv6 off
# on interfaces added later, so the veth sends no router solicitations
# or neighbour discovery to addresses outside the test ranges.
cluster_add_netns() {
	ip netns add "$1" || return 1
	CLUSTER_MADE="$CLUSTER_MADE $1"
	ip -n "$1" link set lo up &&
		ip netns exec "$1" sysctl -qw \
			net.ipv6.conf.default.disable_ipv6=1
}

# cluster_link: joins the two namespaces.  Both ends are created inside
# their namespaces, so the name eth0 never clashes on the host.
cluster_link() {
	ip link add eth0 netns "$CLUSTER_POD" type veth \
		peer name eth0 netns "$CLUSTER_SVC" || return 1
	ip -n "$CLUSTER_POD" addr add "$CLUSTER_POD_IP/15" dev eth0 &&
		ip -n "$CLUSTER_SVC" addr add "$CLUSTER_DNS_IP/15" dev eth0 ||
		return 1
	# Services are extra addresses on the cluster end; the kernel
	# answers ARP for them there, as a node does for service IPs.
	for cl_ip in "$CLUSTER_MYSQL_IP" "$CLUSTER_REDIS_IP" \
		"$CLUSTER_CLOSED_IP"; do
		ip -n "$CLUSTER_SVC" addr add "$cl_ip/32" dev eth0 || return 1
	done
	ip -n "$CLUSTER_POD" link set eth0 up &&
		ip -n "$CLUSTER_SVC" link set eth0 up
}

# cluster_write_resolv: ip netns exec bind-mounts this file over
# /etc/resolv.conf for every command it runs in the pod.
cluster_write_resolv() {
	mkdir -p "/etc/netns/$CLUSTER_POD" &&
		printf '%s\n' "nameserver $CLUSTER_DNS_IP" \
			"search $CLUSTER_SEARCH" \
			"options ndots:$CLUSTER_NDOTS" \
			>"/etc/netns/$CLUSTER_POD/resolv.conf"
}

# cluster_start_dns: dnsmasq in the foreground, so that killing the
# namespace's processes stops it; no pid file, which parallel runs
# would share.  With no upstream server dnsmasq answers REFUSED for
# names it does not hold; --local=/#/ makes it authoritative for every
# domain, so they get NXDOMAIN at once, as a cluster DNS gives.
cluster_start_dns() {
	cluster_write_hosts || return 1
	ip netns exec "$CLUSTER_SVC" dnsmasq --keep-in-foreground \
		--conf-file="$cl_conf" --no-resolv --no-hosts --pid-file= \
		--listen-address="$CLUSTER_DNS_IP" --bind-dynamic \
		--local=/#/ --log-queries --log-facility="$CLUSTER_DNS_LOG" \
		--host-record="$(cluster_fqdn mysql),$CLUSTER_MYSQL_IP" \
		--host-record="$(cluster_fqdn mysql),$CLUSTER_MYSQL_IP6" \
		--host-record="$(cluster_fqdn redis),$CLUSTER_REDIS_IP" \
		--host-record="$(cluster_fqdn closed),$CLUSTER_CLOSED_IP" \
		--host-record="$(cluster_fqdn dns),$CLUSTER_DNS_IP" \
		--address="/$(cluster_fqdn web)/198.18.40.1" \
		--address="/$(cluster_fqdn web)/198.18.40.2" \
		--address="/$(cluster_fqdn web)/198.18.40.3" \
		--srv-host="_mysql._tcp.$(cluster_fqdn mysql),$(cluster_fqdn \
		mysql),3306,0,100" \
		--txt-record="$(cluster_fqdn txt),hello probe" \
		</dev/null >>"$CLUSTER_DIR/dnsmasq.out" 2>&1 &
}

# cluster_write_hosts: turns CLUSTER_HOSTS, if set, into a
# configuration file for the DNS server and leaves its path in cl_conf;
# /dev/null when unset, so the server then holds only the names above.
# Configuration is read before dnsmasq drops root, which a hosts file
# in the private CLUSTER_DIR is not.
cluster_write_hosts() {
	cl_conf=/dev/null
	[ -n "${CLUSTER_HOSTS:-}" ] || return 0
	cl_conf=$CLUSTER_DIR/dnsmasq.conf
	printf '%s\n' "$CLUSTER_HOSTS" |
		awk 'NF == 2 { print "host-record=" $2 "," $1 }' >"$cl_conf"
}

# cluster_fqdn SERVICE: the name a service has in the pod's namespace.
cluster_fqdn() {
	printf '%s\n' "$1.$CLUSTER_DOMAIN"
}

# cluster_wait_dns: waits for an answer through the pod's resolv.conf.
cluster_wait_dns() {
	cluster_poll cluster_dns_answers && return 0
	echo "cluster: DNS server $CLUSTER_DNS_IP does not answer" >&2
	cat "$CLUSTER_DIR/dnsmasq.out" >&2
	return 1
}

# The trailing dot keeps each try to a single query in the log.
cluster_dns_answers() {
	ip netns exec "$CLUSTER_POD" timeout 2 \
		getent ahostsv4 "$(cluster_fqdn mysql)." >/dev/null 2>&1
}

# cluster_listen NETNS ADDRESS PORT: a TCP listener that accepts and
# closes, and returns once the socket is listening.
cluster_listen() {
	ip netns exec "$1" socat "TCP-LISTEN:$3,bind=$2,reuseaddr,fork" \
		/dev/null </dev/null >>"$CLUSTER_DIR/socat.out" 2>&1 &
	cluster_poll cluster_listening "$1" "$2" "$3" && return 0
	echo "cluster: nothing listens on $2:$3 in $1" >&2
	cat "$CLUSTER_DIR/socat.out" >&2
	return 1
}

cluster_listening() {
	ip netns exec "$1" ss -Hltn "src $2:$3" | grep -q .
}

# cluster_kill_netns NETNS: TERM, then KILL for what is left; each step
# waits, bounded, until the namespace has no process.
cluster_kill_netns() {
	for cl_sig in TERM KILL; do
		cluster_netns_empty "$1" && return 0
		ip netns pids "$1" 2>/dev/null |
			xargs -r kill -s "$cl_sig" 2>/dev/null
		cluster_poll cluster_netns_empty "$1" && return 0
	done
	echo "cluster: processes left in $1:" \
		"$(ip netns pids "$1" 2>/dev/null)" >&2
	return 1
}

cluster_netns_empty() {
	[ -z "$(ip netns pids "$1" 2>/dev/null)" ]
}

# cluster_ipv6_on NETNS DEVICE: turns IPv6 on for DEVICE, which was
# made while new interfaces got it off.  It stays quiet: no router
# solicitations, no router advertisements taken.  Add its addresses
# with nodad to have them usable at once.
cluster_ipv6_on() {
	ip netns exec "$1" sysctl -qw \
		"net.ipv6.conf.$2.router_solicitations=0" \
		"net.ipv6.conf.$2.accept_ra=0" \
		"net.ipv6.conf.$2.disable_ipv6=0"
}

# cluster_poll COMMAND...: runs COMMAND every 0.1 s until it succeeds
# or CLUSTER_WAIT seconds have passed.
cluster_poll() {
	cl_deadline=$(($(date +%s) + CLUSTER_WAIT))
	until "$@"; do
		[ "$(date +%s)" -lt "$cl_deadline" ] || return 1
		sleep 0.1
	done
}

# cluster_exec NETNS COMMAND...: runs COMMAND in NETNS; returns its exit
# status.  The shell waits for it as a background job: a signal then
# runs the caller's trap at once, instead of after COMMAND ends.
cluster_exec() {
	ip netns exec "$@" &
	wait "$!"
}

# cluster_dns_mark: the current end of the DNS query log; give it to
# cluster_dns_queries to see only what was asked after this point.
cluster_dns_mark() {
	wc -l <"$CLUSTER_DNS_LOG"
}

# cluster_dns_queries MARK: one "TYPE NAME" line per query received
# after MARK, in arrival order, names in lower case.
cluster_dns_queries() {
	tail -n "+$(($1 + 1))" "$CLUSTER_DNS_LOG" |
		sed -nE 's/.* query\[([^]]+)\] ([^ ]+) from .*/\1 \2/p' |
		tr '[:upper:]' '[:lower:]'
}

# cluster_describe: what cluster_up built, for people reading a demo.
cluster_describe() {
	printf '%-8s %-16s %s\n' \
		cluster "$CLUSTER_SVC" "network namespace, veth to the pod" \
		pod "$CLUSTER_POD" "$CLUSTER_POD_IP/15, resolv.conf:" \
		"" "" "  nameserver $CLUSTER_DNS_IP" \
		"" "" "  search $CLUSTER_SEARCH" \
		"" "" "  options ndots:$CLUSTER_NDOTS" \
		dns "$CLUSTER_DNS_IP" "dnsmasq; other names get NXDOMAIN" \
		mysql "$CLUSTER_MYSQL_IP" "listening on 3306" \
		redis "$CLUSTER_REDIS_IP" "listening on 6379" \
		closed "$CLUSTER_CLOSED_IP" "no listener: the kernel sends RST"
}
