/*
 * The text of probe's lines, in the layout operators know from nping.
 * Each function writes at most cap bytes with a NUL and returns the
 * length it wanted, as snprintf does.  Pure: no I/O.
 */
#ifndef PROBE_FORMAT_H
#define PROBE_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "search.h"
#include "stats.h"
#include "verdict.h"

/* nping's flag letters in nping's order: S F R P A U E C. */
size_t format_tcp_flags(uint8_t flags, char *buf, size_t cap);

/* "<mss 1460,sackOK,timestamp 1 0,nop,wscale 7>", "" without options. */
size_t format_tcp_options(const struct decoded_tcp *tcp, char *buf,
    size_t cap);

/*
 * "SENT (0.0244s) TCP 198.18.212.137:56374 > 198.18.78.144:3306 S ttl=64
 * id=5892 iplen=40  seq=3423151566 win=1480" with the options after it;
 * tag is "SENT" or "RCVD", t_ns the time since the run began.  IPv6:
 * "TCP [fd00::1]:37302 > [fd00::2]:3306 S hlim=64 plen=20  seq=...".
 */
size_t format_tcp_line(const char *tag, int64_t t_ns,
    const struct decoded_pkt *pkt, char *buf, size_t cap);

/*
 * nping's ICMP line: "RCVD (0.0095s) ICMP [198.18.99.2 > 198.18.212.137
 * Communication administratively prohibited by filtering (type=3/code=13)
 * ] IP [ttl=64 id=59812 iplen=68 ]", with the quoted address, protocol
 * or port in the text where nping puts them, and after the type and
 * code the MTU, gateway, pointer, or echo id and seq.  ICMPv6 in the
 * same layout: "ICMPv6 [fd00::1 > fd00::2 Port unreachable
 * (type=1/code=4) ] IPv6 [hlim=64 plen=68]".
 */
size_t format_icmp_line(const char *tag, int64_t t_ns,
    const struct decoded_pkt *pkt, char *buf, size_t cap);

/* format_icmp_line for ICMP and ICMPv6, format_tcp_line otherwise. */
size_t format_packet_line(const char *tag, int64_t t_ns,
    const struct decoded_pkt *pkt, char *buf, size_t cap);

/*
 * nping's words for an ICMP (family AF_INET) or ICMPv6 (AF_INET6) type
 * and code, without the addresses and ports nping fills in from a
 * quote: "Host unreachable", "Communication administratively prohibited
 * by filtering".  ICMPv6 in RFC 4443's words, as nping prints none.
 */
const char *icmp_description(int family, uint8_t type, uint8_t code);

/* A verdict's few words: "admin prohibited", "port unreachable". */
const char *icmp_short(int family, uint8_t type, uint8_t code);

/* "Max rtt: 0.042ms | Min rtt: 0.031ms | Avg rtt: 0.036ms", or N/A. */
size_t format_rtt_line(const struct stats *s, char *buf, size_t cap);

/* "Raw packets sent: 3 (120B) | Rcvd: 3 (132B) | Lost: 0 (0.00%)" */
size_t format_packets_line(const struct stats *s, char *buf, size_t cap);

/*
 * nping's three lines for one host, joined by newlines, none after:
 * "Statistics for host mysql (198.18.78.144):",
 * " |  Probes Sent: 2 | Rcvd: 2 | Lost: 0  (0.00%)",
 * " |_ Max rtt: 0.051ms | Min rtt: 0.032ms | Avg rtt: 0.041ms".
 * A literal (name the address itself, or NULL) is named once:
 * "Statistics for host 198.18.20.30:".  Rcvd counts probes answered,
 * not packets, so that a duplicate never makes the loss negative.
 */
size_t format_host_stats(const char *name, const char *addr,
    const struct stats *s, char *buf, size_t cap);

/*
 * "mysql (198.18.78.144) port 3306: open, 3/3 answered, rtt 0.036 ms";
 * "closed (RST), 2/2 answered"; "rejected (ICMP admin prohibited from
 * 198.18.0.1), 2/2 answered", naming the sender only when it is not
 * the target; "filtered (no reply to 2 probes)".  The rtt is the mean.
 */
size_t format_verdict_line(const struct verdict_input *v, char *buf,
    size_t cap);

/* "Probe done: 1 IP address probed in 2.05 seconds" */
size_t format_done_line(unsigned naddr, int64_t elapsed_ns, char *buf,
    size_t cap);

/*
 * "mysql -> mysql.default.svc.cluster.local (search domain 1 of 3) ->
 * 198.18.78.144 in 0.8 ms"; "(as given)" for the name itself.
 */
size_t format_resolution_line(const char *name,
    const struct search_cand *cand, size_t nsearch, const char *addr,
    int64_t took_ns, char *buf, size_t cap);

#endif
