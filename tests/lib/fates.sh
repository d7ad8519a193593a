# Hosts for every fate of a TCP SYN, added to the cluster of cluster.sh
# (source that first).  POSIX sh, to be sourced.
#
# Each fate has an address of its own and a name in the cluster's DNS:
#
#   filtered     198.18.99.1  SYNs dropped: no reply at all
#   rejected     198.18.99.2  ICMP administratively prohibited
#   closed       198.18.99.3  no listener: the kernel's RST (cluster.sh)
#   hostunreach  198.18.99.4  ICMP host unreachable
#   portunreach  198.18.99.5  ICMP port unreachable
#   netunreach   198.18.99.6  ICMP network unreachable
#   late         198.18.99.7  a SYN-ACK on 3306, FATES_LATE_MS after the SYN
#   twice        198.18.99.8  two SYN-ACKs on 3306 for each SYN
#   policy       198.19.99.2  behind a router that rejects SYNs to it
#                             with ICMP administratively prohibited, sent
#                             from the router's own address 198.18.0.1
#   web          198.18.40.1-3  three addresses, each listening on 80
#
# and IPv6 on the pod's link: the pod has fd00:198:18::212:137 and mysql
# fd00:198:18::78:144, listening on 3306 (its AAAA record is cluster.sh's).
#
# The cluster namespace stands for the node: it holds the service
# addresses, and its firewall gives each its fate.  The router is a third
# namespace behind it, so that an ICMP error can come from an address
# that is neither the target nor the node.
#
# Use: fates_init instead of cluster_init, fates_up instead of
# cluster_up; cluster_down_on_exit and cluster_down remove everything,
# the router's namespace included.  The library's own names start with
# fa_ or FATES_.

FATES_FILTERED_IP=198.18.99.1
FATES_REJECTED_IP=198.18.99.2
FATES_HOSTUNREACH_IP=198.18.99.4
FATES_PORTUNREACH_IP=198.18.99.5
FATES_NETUNREACH_IP=198.18.99.6
FATES_LATE_IP=198.18.99.7
FATES_TWICE_IP=198.18.99.8
FATES_POLICY_IP=198.19.99.2
FATES_WEB_IPS="198.18.40.1 198.18.40.2 198.18.40.3"
FATES_WEB_PORT=80
FATES_POD_IP6=fd00:198:18::212:137

# The router's link to the node is a /30 of its own; the network behind
# the router is one the pod reaches only through the node.
FATES_ROUTER_IP=198.18.0.1
FATES_NODE_ROUTER_SIDE=198.18.0.2
FATES_BEHIND_NET=198.19.99.0/24

# The SYN-ACK responder, by default as seen from the top of the tree,
# and how it answers: the late host well after a short wait for a reply
# (200 ms) and well before the next probe a second later; the other
# twice, both within that wait.
FATES_SYNACK=${FATES_SYNACK:-tests/tools/synack.py}
FATES_SYNACK_PORT=3306
FATES_LATE_MS=600
FATES_TWICE_MS=20

# fates_init: names the cluster and the router, and hands the fates'
# names to the cluster's DNS server.
fates_init() {
	cluster_init
	FATES_ROUTER=pb$$-rt
	CLUSTER_HOSTS=$(fates_hosts)
}

# fates_hosts: a hosts(5) line for each fate's name.
fates_hosts() {
	for fa_pair in "filtered $FATES_FILTERED_IP" \
		"rejected $FATES_REJECTED_IP" \
		"hostunreach $FATES_HOSTUNREACH_IP" \
		"portunreach $FATES_PORTUNREACH_IP" \
		"netunreach $FATES_NETUNREACH_IP" \
		"late $FATES_LATE_IP" "twice $FATES_TWICE_IP" \
		"policy $FATES_POLICY_IP"; do
		printf '%s %s\n' "${fa_pair#* }" \
			"$(cluster_fqdn "${fa_pair%% *}")"
	done
}

# fates_up: cluster_up, then every fate.  On failure it says why on
# stderr; cluster_down cleans up whatever was built.
fates_up() {
	cluster_up &&
		fates_add_addresses &&
		fates_firewall &&
		fates_router &&
		fates_ipv6 &&
		fates_listen_web &&
		fates_respond "$FATES_LATE_IP" "$FATES_LATE_MS" 1 &&
		fates_respond "$FATES_TWICE_IP" "$FATES_TWICE_MS" 2
}

# fates_add_addresses: the fates' addresses on the node's end of the
# pod's link, as cluster.sh adds the services'.
fates_add_addresses() {
	for fa_ip in "$FATES_FILTERED_IP" "$FATES_REJECTED_IP" \
		"$FATES_HOSTUNREACH_IP" "$FATES_PORTUNREACH_IP" \
		"$FATES_NETUNREACH_IP" "$FATES_LATE_IP" "$FATES_TWICE_IP" \
		$FATES_WEB_IPS; do
		ip -n "$CLUSTER_SVC" addr add "$fa_ip/32" dev eth0 || return 1
	done
}

# fates_firewall: the node's rules.  Only SYNs are dropped or rejected;
# outgoing RSTs from the responders' port are dropped, or the kernel,
# having no listener there, would answer each SYN before they do.
# Without a rate limit on ICMP errors every probe gets its own.
fates_firewall() {
	ip netns exec "$CLUSTER_SVC" sysctl -qw net.ipv4.icmp_ratelimit=0 ||
		return 1
	ip netns exec "$CLUSTER_SVC" nft -f - <<-EOF
	table ip fates {
		chain input {
			type filter hook input priority filter; policy accept;
			tcp flags & (syn | ack) == syn jump syn
		}
		chain syn {
			ip daddr $FATES_FILTERED_IP drop
			ip daddr $FATES_REJECTED_IP \
				reject with icmp type admin-prohibited
			ip daddr $FATES_HOSTUNREACH_IP \
				reject with icmp type host-unreachable
			ip daddr $FATES_PORTUNREACH_IP \
				reject with icmp type port-unreachable
			ip daddr $FATES_NETUNREACH_IP \
				reject with icmp type net-unreachable
		}
		chain output {
			type filter hook output priority filter; policy accept;
			ip saddr { $FATES_LATE_IP, $FATES_TWICE_IP } \
				tcp sport $FATES_SYNACK_PORT \
				tcp flags & rst == rst drop
		}
	}
	EOF
}

# fates_router: a router namespace behind the node, the way to
# FATES_BEHIND_NET.  The pod goes there through the node, which
# forwards to the router, whose firewall rejects SYNs into that
# network.  The kernel sends that ICMP error from the address of the
# interface it leaves by: the router's own.
fates_router() {
	cluster_add_netns "$FATES_ROUTER" &&
		fates_router_link &&
		fates_router_routes &&
		fates_router_firewall
}

fates_router_link() {
	ip link add rt0 netns "$CLUSTER_SVC" type veth \
		peer name eth0 netns "$FATES_ROUTER" || return 1
	ip -n "$CLUSTER_SVC" addr add "$FATES_NODE_ROUTER_SIDE/30" dev rt0 &&
		ip -n "$FATES_ROUTER" addr add "$FATES_ROUTER_IP/30" dev eth0 &&
		ip -n "$CLUSTER_SVC" link set rt0 up &&
		ip -n "$FATES_ROUTER" link set eth0 up
}

# The network behind the router ends in a bridge without ports, which
# sends nothing anywhere: a route must exist for a packet to be
# forwarded, and so to meet the firewall.
fates_router_routes() {
	ip -n "$FATES_ROUTER" link add behind0 type bridge &&
		ip -n "$FATES_ROUTER" link set behind0 up &&
		ip -n "$FATES_ROUTER" route add "$FATES_BEHIND_NET" \
			dev behind0 &&
		ip -n "$FATES_ROUTER" route add 198.18.0.0/15 \
			via "$FATES_NODE_ROUTER_SIDE" &&
		ip -n "$CLUSTER_SVC" route add "$FATES_BEHIND_NET" \
			via "$FATES_ROUTER_IP" &&
		ip -n "$CLUSTER_POD" route add "$FATES_BEHIND_NET" \
			via "$CLUSTER_DNS_IP" &&
		fates_forward "$CLUSTER_SVC" &&
		fates_forward "$FATES_ROUTER"
}

fates_forward() {
	ip netns exec "$1" sysctl -qw net.ipv4.ip_forward=1
}

fates_router_firewall() {
	ip netns exec "$FATES_ROUTER" sysctl -qw net.ipv4.icmp_ratelimit=0 ||
		return 1
	ip netns exec "$FATES_ROUTER" nft -f - <<-EOF
	table ip fates {
		chain forward {
			type filter hook forward priority filter; policy accept;
			ip daddr $FATES_BEHIND_NET \
				tcp flags & (syn | ack) == syn \
				reject with icmp type admin-prohibited
		}
	}
	EOF
}

# fates_ipv6: IPv6 on the pod's link, and mysql listening on it.
fates_ipv6() {
	cluster_ipv6_on "$CLUSTER_POD" eth0 &&
		cluster_ipv6_on "$CLUSTER_SVC" eth0 &&
		ip -n "$CLUSTER_POD" addr add "$FATES_POD_IP6/64" dev eth0 \
			nodad &&
		ip -n "$CLUSTER_SVC" addr add "$CLUSTER_MYSQL_IP6/64" dev eth0 \
			nodad &&
		fates_listen6 "$CLUSTER_SVC" "$CLUSTER_MYSQL_IP6" 3306
}

# fates_listen6 NETNS ADDRESS PORT: cluster_listen for an IPv6 address.
fates_listen6() {
	ip netns exec "$1" socat "TCP6-LISTEN:$3,bind=[$2],reuseaddr,fork" \
		/dev/null </dev/null >>"$CLUSTER_DIR/socat.out" 2>&1 &
	cluster_poll cluster_listening "$1" "[$2]" "$3" && return 0
	echo "fates: nothing listens on [$2]:$3 in $1" >&2
	cat "$CLUSTER_DIR/socat.out" >&2
	return 1
}

# fates_listen_web: a listener on each of web's addresses.
fates_listen_web() {
	for fa_ip in $FATES_WEB_IPS; do
		cluster_listen "$CLUSTER_SVC" "$fa_ip" "$FATES_WEB_PORT" ||
			return 1
	done
}

# fates_respond ADDRESS DELAY_MS COPIES: a SYN-ACK responder on ADDRESS
# (tests/tools/synack.py); returns once its raw socket is open.
fates_respond() {
	fa_ready=$CLUSTER_DIR/synack-$1.ready
	ip netns exec "$CLUSTER_SVC" python3 "$FATES_SYNACK" --address "$1" \
		--port "$FATES_SYNACK_PORT" --delay "$2" --copies "$3" \
		--ready-file "$fa_ready" \
		</dev/null >>"$CLUSTER_DIR/synack.out" 2>&1 &
	cluster_poll test -e "$fa_ready" && return 0
	echo "fates: no SYN-ACK responder on $1" >&2
	cat "$CLUSTER_DIR/synack.out" >&2
	return 1
}
