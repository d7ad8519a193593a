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

/* nping's flag letters in nping's order: S F R P A U E C. */
size_t format_tcp_flags(uint8_t flags, char *buf, size_t cap);

/* "<mss 1460,sackOK,timestamp 1 0,nop,wscale 7>", "" without options. */
size_t format_tcp_options(const struct decoded_tcp *tcp, char *buf,
    size_t cap);

/*
 * "SENT (0.0244s) TCP 198.18.212.137:56374 > 198.18.78.144:3306 S ttl=64
 * id=5892 iplen=40  seq=3423151566 win=1480" with the options after it;
 * tag is "SENT" or "RCVD", t_ns the time since the run began.
 */
size_t format_tcp_line(const char *tag, int64_t t_ns,
    const struct decoded_pkt *pkt, char *buf, size_t cap);

/* "Max rtt: 0.042ms | Min rtt: 0.031ms | Avg rtt: 0.036ms", or N/A. */
size_t format_rtt_line(const struct stats *s, char *buf, size_t cap);

/* "Raw packets sent: 3 (120B) | Rcvd: 3 (132B) | Lost: 0 (0.00%)" */
size_t format_packets_line(const struct stats *s, char *buf, size_t cap);

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
