#!/bin/sh
# make demo: builds a throwaway cluster from network namespaces, probes
# the mysql service from the pod by its short name, and tears the
# cluster down however the script ends.  Exits with probe's status.
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
probe=$root/bin/probe
. "$root/tests/lib/cluster.sh"

# 3 is probe's own status for an environment error.
if [ "$(id -u)" -ne 0 ]; then
	echo "demo: needs root to create network namespaces" \
		"(sudo make demo)" >&2
	exit 3
fi
if [ ! -x "$probe" ]; then
	echo "demo: $probe is missing; build it with make" >&2
	exit 3
fi

cluster_init
cluster_down_on_exit

if ! cluster_up; then
	echo "demo: could not build the test cluster" >&2
	exit 3
fi

echo "Test cluster (removed when the demo ends):"
cluster_describe
echo
echo "# ip netns exec $CLUSTER_POD bin/probe --tcp -p 3306 -c 3 mysql"
cluster_exec "$CLUSTER_POD" "$probe" --tcp -p 3306 -c 3 mysql
