# syntax=docker/dockerfile:1
#
# probe for pods: built on Debian 12, run on bookworm-slim with the
# shared libraries it links.  A fully static binary is not an option:
# Debian's libpcap.a pulls in D-Bus, whose static archive needs
# libsystemd symbols Debian does not ship statically.
#
#   docker build -t probe .
#   docker run --rm --cap-drop ALL --cap-add NET_RAW probe check HOST:PORT

FROM debian:bookworm AS build

RUN apt-get update \
	&& apt-get install -y --no-install-recommends gcc libc6-dev make \
		pkg-config libnet1-dev libpcap-dev libc-ares-dev \
		libjansson-dev \
	&& rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY Makefile ./
COPY include/ include/
COPY probe/ probe/
RUN make && strip bin/probe

FROM debian:bookworm-slim

# The binary is installed and given CAP_NET_RAW in the layer it stays
# in: setcap in the build stage would rely on COPY to carry the
# security.capability attribute over, and setcap after a COPY would
# store the binary twice.  The capability is permitted only, not made
# effective by the file: probe raises it itself at start, so the same
# image also starts where NET_RAW is not granted (the kernel refuses to
# run a binary whose file capabilities are effective but cannot be
# given) and then probes with connect().
RUN --mount=type=bind,from=build,source=/src/bin/probe,target=/tmp/probe \
	apt-get update \
	&& apt-get install -y --no-install-recommends libpcap0.8 libnet1 \
		libc-ares2 libjansson4 libcap2-bin \
	&& install -m 0755 /tmp/probe /usr/local/bin/probe \
	&& setcap cap_net_raw+p /usr/local/bin/probe \
	&& apt-get purge -y --auto-remove libcap2-bin \
	&& rm -rf /var/lib/apt/lists/* \
	&& groupadd --gid 10001 probe \
	&& useradd --uid 10001 --gid probe --no-create-home \
		--home-dir /nonexistent --shell /usr/sbin/nologin probe

# Numeric, so that runAsNonRoot can be checked without /etc/passwd.
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/probe"]
CMD ["--help"]
