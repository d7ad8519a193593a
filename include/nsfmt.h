/*
 * The text nslookup prints, as BIND 9.18 lays it out (seen from
 * 9.18.49), for records decoded by dnsmsg.  Each function writes at
 * most cap bytes with a NUL and returns the length it wanted, as
 * snprintf does; cap 0 writes nothing.  Pure: no I/O.
 */
#ifndef PROBE_NSFMT_H
#define PROBE_NSFMT_H

#include <stddef.h>
#include <stdint.h>

#include "dnsmsg.h"

/*
 * "Server:\t\t198.18.0.10\nAddress:\t198.18.0.10#53\n\n"; name is the
 * server as given, an address or a host name, and addr its address.
 */
size_t nsfmt_server(const char *name, const char *addr, uint16_t port,
    char *buf, size_t cap);

/*
 * One record as an answer shows it:
 * "Name:\tmysql.default.svc.cluster.local\nAddress: 198.18.78.144\n"
 * for A and AAAA; "example.com\n\torigin = ns1.example.com\n\tmail
 * addr = ...\n" and five numbers for SOA; otherwise the owner, a tab,
 * BIND's words for the type and the rdata: "www.example.com\tcanonical
 * name = example.com.\n", "x\trdata_65280 = \\# 4 01020304\n".
 */
size_t nsfmt_rr(const struct dns_rr *rr, char *buf, size_t cap);

/*
 * What follows the owner in both layouts, without the line end:
 * "internet address = 198.18.78.144", "canonical name = example.com.",
 * and for SOA "origin = ns1.example.com\n\tmail addr = ...", a tab
 * before each further field.
 */
size_t nsfmt_rdata(const struct dns_rr *rr, char *buf, size_t cap);

/* Every kept answer record in message order, CNAMEs included. */
size_t nsfmt_answer(const struct dns_msg *m, char *buf, size_t cap);

/*
 * "\nAuthoritative answers can be found from:\n", then the authority
 * and additional records, where A is "ns1\tinternet address = ..." and
 * AAAA "ns1\thas AAAA address ...".  nslookup prints this block after
 * an answer without AA to a question for neither A nor AAAA.
 */
size_t nsfmt_authority(const struct dns_msg *m, char *buf, size_t cap);

/*
 * The line ending a lookup that found nothing: for an rcode name,
 * "** server can't find nothere: NXDOMAIN\n"; for "No answer",
 * "*** Can't find redis: No answer\n"; for "timeout", the closing
 * ";; no servers could be reached\n" (after nsfmt_comm_error's lines).
 */
size_t nsfmt_failure(const char *asked, const char *outcome, char *buf,
    size_t cap);

/* "Non-authoritative answer:\n" */
size_t nsfmt_nonauth(char *buf, size_t cap);

/*
 * ";; communications error to 198.18.0.10#53: timed out\n", one per
 * try that got no reply; why is "timed out" or "connection refused".
 */
size_t nsfmt_comm_error(const char *server, uint16_t port, const char *why,
    char *buf, size_t cap);

/*
 * The same over TCP: ";; Connection to 198.18.0.10#53(198.18.0.10) for
 * mysql failed: timed out.\n", name as the lookup was typed.
 */
size_t nsfmt_conn_failed(const char *server, uint16_t port,
    const char *name, const char *why, char *buf, size_t cap);

/* ";; Got SERVFAIL reply from 198.18.0.10\n", before the next server. */
size_t nsfmt_servfail(const char *server, char *buf, size_t cap);

#endif
