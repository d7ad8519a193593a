#!/bin/sh
# Installs the Debian packages that building, the demo and the tests
# need, when any is missing.  As root on Debian or Ubuntu it uses
# apt-get; elsewhere it prints the command and fails.  Packages named
# as arguments are checked instead (make fuzz names its compiler).
set -u

pkgs="gcc make pkg-config libnet1-dev libpcap-dev libc-ares-dev check socat \
libsubunit-dev iproute2 nftables dnsmasq-base procps bind9-dnsutils python3 \
libjansson-dev python3-jsonschema python3-prometheus-client \
python3-yaml libcap2-bin"
[ "$#" -eq 0 ] || pkgs=$*

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
	echo "probe: missing packages:$missing" >&2
	echo "probe: install them as root with: $cmd" >&2
	exit 1
fi

echo "probe: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || exit 1
$cmd >/dev/null || exit 1
