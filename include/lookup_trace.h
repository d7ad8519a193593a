/*
 * The lines of "probe lookup --trace": every query the search list
 * caused, then why there were that many, what they cost, and where the
 * other libc would have ended.  Each function is snprintf-like and pure:
 * it writes at most cap bytes with a NUL and returns the length of the
 * whole line; a line that does not apply is "" and length 0.
 */
#ifndef PROBE_LOOKUP_TRACE_H
#define PROBE_LOOKUP_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "lookup.h"

/*
 * ";; 1 mysql.default.svc.cluster.local A answer (1 record) from
 * 198.18.0.10 over udp in 0.4 ms  <- answered"; server is the text of
 * the server that answered q.
 */
size_t trace_query_line(const struct lookup_walk *w,
    const struct lookup_query *q, const char *server, char *buf,
    size_t cap);

/*
 * Why the walk asked what it asked: "example.com has 1 dot, fewer than
 * ndots:5, so 3 search domains were tried before the name itself".
 */
size_t trace_explain(const struct lookup_walk *w, const char *name,
    int ndots, size_t nsearch, char *buf, size_t cap);

/*
 * A search domain that answered NODATA where a name it does not hold
 * should get NXDOMAIN: the libcs part ways there.
 */
size_t trace_nodata(const struct lookup_walk *w, const char *name,
    char *buf, size_t cap);

/* The queries that came before an answer to the name as given. */
size_t trace_waste(const struct lookup_walk *w, const char *name,
    char *buf, size_t cap);

/*
 * One type of a name slower than the other by about a timeout: the
 * pattern of a reply lost when both leave from one socket.
 */
size_t trace_stall(const struct lookup_walk *w, int64_t timeout_ns,
    char *buf, size_t cap);

/* An answer that came whole only over TCP, which old musl never asks. */
size_t trace_tcp(const struct lookup_walk *w, char *buf, size_t cap);

/* The time of the walk, and with --parallel the time one at a time. */
size_t trace_total(const struct lookup_walk *w, char *buf, size_t cap);

/* Where the other libc ends, when that differs. */
size_t trace_compare(const struct lookup_walk *w,
    const struct lookup_end *other, char *buf, size_t cap);

#endif
