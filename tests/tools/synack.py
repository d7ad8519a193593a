#!/usr/bin/env python3
"""Answer TCP SYNs to one address and port with SYN-ACKs, late or twice.

A listening socket answers at once and exactly once.  Tests of a prober
also need a reply that comes after the prober stopped waiting, and a
reply that comes twice; the kernel has no queueing discipline here that
could delay one.  This program answers in user space instead:

    synack.py --address ADDRESS --port PORT [--delay MS] [--copies N]
              [--ready-file FILE] [--lifetime SECONDS]

It reads every TCP segment to ADDRESS (IPv4) through a raw socket, and
for each SYN to PORT sends N identical SYN-ACKs (acknowledging the
SYN's sequence number plus one, with an MSS option), the first MS
milliseconds after the SYN came and each further one MS milliseconds
after the one before.  It needs CAP_NET_RAW.

Nothing must listen on PORT, or the kernel answers too.  Without a
listener the kernel answers each SYN with a RST, which would arrive
first: drop outgoing RSTs from ADDRESS and PORT with a firewall rule.

Once the raw socket is open the ready file, if given, is created.  The
program ends on SIGTERM or SIGINT, or after SECONDS (300 by default),
so that a test that forgets it leaves nothing running for long.
"""

import argparse
import heapq
import ipaddress
import itertools
import random
import select
import signal
import socket
import struct
import sys
import time

TCP_SYN = 0x02
TCP_RST = 0x04
TCP_ACK = 0x10
WINDOW = 64240
MSS = 1460


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Answer TCP SYNs with delayed or repeated SYN-ACKs.")
    parser.add_argument("--address", required=True,
                        type=ipaddress.IPv4Address)
    parser.add_argument("--port", required=True, type=int)
    parser.add_argument("--delay", type=int, default=0, metavar="MS")
    parser.add_argument("--copies", type=int, default=1, metavar="N")
    parser.add_argument("--ready-file")
    parser.add_argument("--lifetime", type=float, default=300.0,
                        metavar="SECONDS")
    args = parser.parse_args(argv)
    if not 1 <= args.port <= 65535:
        parser.error("--port must be from 1 to 65535")
    if args.delay < 0:
        parser.error("--delay must not be negative")
    if args.copies < 1 or args.lifetime <= 0:
        parser.error("--copies and --lifetime must be positive")
    return args


def checksum(data):
    """The Internet checksum (RFC 1071) of DATA."""
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def parse_syn(packet, address, port):
    """(source address, source port, sequence number) of PACKET, an IPv4
    datagram, if it is a SYN without ACK to ADDRESS and PORT; else None.
    """
    if len(packet) < 20 or packet[0] >> 4 != 4:
        return None
    ihl = (packet[0] & 0x0F) * 4
    if packet[9] != socket.IPPROTO_TCP or len(packet) < ihl + 20:
        return None
    if packet[16:20] != address.packed:
        return None
    sport, dport, seq = struct.unpack("!HHI", packet[ihl:ihl + 8])
    flags = packet[ihl + 13] & (TCP_SYN | TCP_RST | TCP_ACK)
    if dport != port or flags != TCP_SYN:
        return None
    return ipaddress.IPv4Address(packet[12:16]), sport, seq


def build_synack(src, dst, sport, dport, ack):
    """A TCP SYN-ACK segment from SRC:SPORT to DST:DPORT, checksummed
    over the pseudo-header of RFC 9293 3.1."""
    seq = random.getrandbits(32)
    offset = 6 << 4
    option = struct.pack("!BBH", 2, 4, MSS)
    header = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, offset,
                         TCP_SYN | TCP_ACK, WINDOW, 0, 0)
    segment = header + option
    pseudo = src.packed + dst.packed + struct.pack(
        "!BBH", 0, socket.IPPROTO_TCP, len(segment))
    csum = checksum(pseudo + segment)
    return segment[:16] + struct.pack("!H", csum) + segment[18:]


def open_socket(address):
    """A raw TCP socket bound to ADDRESS: it receives the segments sent
    to ADDRESS, IP header included, and sends from ADDRESS."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW,
                         socket.IPPROTO_TCP)
    sock.bind((str(address), 0))
    return sock


def answer(args, packet, pending, order):
    """Queue the SYN-ACKs due for PACKET, if it is a SYN to answer;
    ORDER numbers them, so that equal times keep arrival order."""
    syn = parse_syn(packet, args.address, args.port)
    if syn is None:
        return
    peer, peer_port, seq = syn
    reply = build_synack(args.address, peer, args.port, peer_port,
                         (seq + 1) & 0xFFFFFFFF)
    now = time.monotonic()
    for copy in range(1, args.copies + 1):
        due = now + copy * args.delay / 1000.0
        heapq.heappush(pending, (due, next(order), reply, str(peer)))


def send_due(sock, pending):
    """Send every queued SYN-ACK whose time has come."""
    now = time.monotonic()
    while pending and pending[0][0] <= now:
        _, _, reply, peer = heapq.heappop(pending)
        sock.sendto(reply, (peer, 0))


def serve(sock, args):
    """Answer SYNs until the lifetime is over."""
    end = time.monotonic() + args.lifetime
    pending = []
    order = itertools.count()
    while True:
        now = time.monotonic()
        if now >= end:
            return
        wake = min(end, pending[0][0]) if pending else end
        readable, _, _ = select.select([sock], [], [], max(0, wake - now))
        if readable:
            answer(args, sock.recv(65535), pending, order)
        send_due(sock, pending)


def main(argv):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    sock = open_socket(args.address)
    if args.ready_file:
        with open(args.ready_file, "w", encoding="ascii") as ready:
            ready.write("ready\n")
    serve(sock, args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
