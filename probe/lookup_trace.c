#include <stdio.h>
#include <string.h>

#include "dnsmsg.h"
#include "lookup_trace.h"

#define NS_PER_MS	1000000.0

static size_t
empty(char *buf, size_t cap)
{
	if (cap > 0)
		buf[0] = '\0';
	return 0;
}

static void
duration(int64_t ns, char *buf, size_t cap)
{
	if (ns >= 1000000000LL)
		snprintf(buf, cap, "%.1f s", (double)ns / 1e9);
	else
		snprintf(buf, cap, "%.1f ms", (double)ns / NS_PER_MS);
}

static void
result_words(const struct lookup_query *q, char *buf, size_t cap)
{
	if (q->outcome == DNS_ANSWER)
		snprintf(buf, cap, "answer (%zu record%s)", q->nrecords,
		    q->nrecords == 1 ? "" : "s");
	else
		snprintf(buf, cap, "%s", dns_outcome_name(q->outcome));
}

static void
transport_words(const struct lookup_query *q, char *buf, size_t cap)
{
	if (q->x.truncated)
		snprintf(buf, cap, "over udp (truncated, %zu bytes), then tcp"
		    " (%zu bytes)", q->x.udp_len, q->x.len);
	else
		snprintf(buf, cap, "over %s", q->x.tcp ? "tcp" : "udp");
}

size_t
trace_query_line(const struct lookup_walk *w, const struct lookup_query *q,
    const char *server, char *buf, size_t cap)
{
	char result[64], via[96], took[32];
	int answered = !q->extra && q->cand == w->answered &&
	    q->outcome == DNS_ANSWER;
	int n;

	result_words(q, result, sizeof(result));
	transport_words(q, via, sizeof(via));
	duration(q->x.took_ns, took, sizeof(took));

	if (q->x.status == DNSX_REPLY)
		n = snprintf(buf, cap, ";; %zu %s %s %s from %s %s in %s%s",
		    q->cand + 1, q->name, dns_type_name(q->qtype), result,
		    server, via, took, answered ? "  <- answered" : "");
	else
		n = snprintf(buf, cap, ";; %zu %s %s %s after %u send%s in %s",
		    q->cand + 1, q->name, dns_type_name(q->qtype), result,
		    q->x.sends, q->x.sends == 1 ? "" : "s", took);
	return n < 0 ? 0 : (size_t)n;
}

static size_t
suffixes_before_as_is(const struct lookup_walk *w)
{
	size_t i, n = 0;

	for (i = 0; i < w->nwalked; i++)
		if (w->list.cand[w->walked[i]].origin == CAND_SUFFIX)
			n++;
	return n;
}

size_t
trace_explain(const struct lookup_walk *w, const char *name, int ndots,
    size_t nsearch, char *buf, size_t cap)
{
	size_t dots = w->list.ndots_in_name, tried;
	const char *s = dots == 1 ? "" : "s";
	int n;

	tried = suffixes_before_as_is(w);
	if (w->list.trailing_dot)
		n = snprintf(buf, cap, ";; %s ends in a dot, so it was asked "
		    "as is, and only so", name);
	else if (nsearch == 0)
		n = snprintf(buf, cap, ";; no search domains, so %s was "
		    "asked as is", name);
	else if ((int)dots >= ndots && w->libc == SEARCH_MUSL)
		n = snprintf(buf, cap, ";; %s has %zu dot%s, at least ndots:%d,"
		    " so musl asks it as is and never searches", name, dots, s,
		    ndots);
	else if ((int)dots >= ndots)
		n = snprintf(buf, cap, ";; %s has %zu dot%s, at least ndots:%d,"
		    " so it was asked as is first, then with %zu search "
		    "domain%s", name, dots, s, ndots, tried,
		    tried == 1 ? "" : "s");
	else if (w->answered < w->list.ncand &&
	    w->list.cand[w->answered].origin == CAND_SUFFIX)
		n = snprintf(buf, cap, ";; %s has %zu dot%s, fewer than "
		    "ndots:%d, so the search domains came first: domain %zu "
		    "of %zu answered", name, dots, s, ndots,
		    w->list.cand[w->answered].domain + 1, nsearch);
	else
		n = snprintf(buf, cap, ";; %s has %zu dot%s, fewer than "
		    "ndots:%d, so %zu search domain%s %s tried before the name "
		    "itself", name, dots, s, ndots, tried,
		    tried == 1 ? "" : "s", tried == 1 ? "was" : "were");
	return n < 0 ? 0 : (size_t)n;
}

static size_t
queries_before(const struct lookup_walk *w, size_t cand)
{
	size_t i, n = 0;

	for (i = 0; i < w->nq; i++)
		if (!w->q[i].extra && w->q[i].cand < cand)
			n++;
	return n;
}

size_t
trace_waste(const struct lookup_walk *w, const char *name, char *buf,
    size_t cap)
{
	size_t wasted, total = 0, i;
	int n;

	if (w->answered >= w->list.ncand ||
	    w->list.cand[w->answered].origin != CAND_AS_IS)
		return empty(buf, cap);
	wasted = queries_before(w, w->answered);
	if (wasted == 0)
		return empty(buf, cap);
	for (i = 0; i < w->nq; i++)
		total += !w->q[i].extra && w->q[i].cand <= w->answered;

	n = snprintf(buf, cap, ";; %zu of %zu queries were wasted on search "
	    "domains: write %s. with a trailing dot, or lower ndots in the "
	    "pod's dnsConfig", wasted, total, name);
	return n < 0 ? 0 : (size_t)n;
}

static const struct lookup_query *
partner(const struct lookup_walk *w, const struct lookup_query *q)
{
	size_t i;

	for (i = 0; i < w->nq; i++)
		if (&w->q[i] != q && strcmp(w->q[i].name, q->name) == 0 &&
		    w->q[i].extra == q->extra)
			return &w->q[i];
	return NULL;
}

/*
 * glibc sends A and AAAA back to back from one socket; under DNAT a
 * conntrack race can drop one reply, and that type then waits out the
 * whole timeout while the other came back at once.
 */
size_t
trace_stall(const struct lookup_walk *w, int64_t timeout_ns, char *buf,
    size_t cap)
{
	const struct lookup_query *q, *p;
	char slow[32], fast[32];
	size_t i;
	int n;

	for (i = 0; i < w->nq; i++) {
		q = &w->q[i];
		p = partner(w, q);
		if (p == NULL || q->x.took_ns < timeout_ns * 4 / 5 ||
		    p->x.took_ns * 10 > timeout_ns)
			continue;
		duration(q->x.took_ns, slow, sizeof(slow));
		duration(p->x.took_ns, fast, sizeof(fast));
		n = snprintf(buf, cap, ";; %s for %s took %s, %s only %s: one "
		    "reply of a pair sent from one socket was lost, as in a "
		    "conntrack race; options single-request-reopen or "
		    "single-request avoid it", dns_type_name(q->qtype),
		    q->name, slow, dns_type_name(p->qtype), fast);
		return n < 0 ? 0 : (size_t)n;
	}
	return empty(buf, cap);
}

size_t
trace_total(const struct lookup_walk *w, char *buf, size_t cap)
{
	char took[32], serial[32];
	size_t i, n = 0;
	int len;

	for (i = 0; i < w->nq; i++)
		n += !w->q[i].extra;
	duration(w->took_ns, took, sizeof(took));
	if (!w->parallel)
		len = snprintf(buf, cap, ";; %zu quer%s in %s", n,
		    n == 1 ? "y" : "ies", took);
	else {
		duration(w->serial_ns, serial, sizeof(serial));
		len = snprintf(buf, cap, ";; %zu quer%s at once in %s; one "
		    "after the other they took %s", n, n == 1 ? "y" : "ies",
		    took, serial);
	}
	return len < 0 ? 0 : (size_t)len;
}

size_t
trace_compare(const struct lookup_walk *w, const char *other_name,
    const char *other_answered, enum dns_outcome other_final, char *buf,
    size_t cap)
{
	const char *mine = w->answered < w->list.ncand ?
	    w->list.cand[w->answered].name : "";
	int n;

	if (strcmp(mine, other_answered) == 0 &&
	    (mine[0] != '\0' || other_final == w->final))
		return empty(buf, cap);

	if (other_answered[0] != '\0')
		n = snprintf(buf, cap, ";; %s would end differently: answered "
		    "by %s", other_name, other_answered);
	else
		n = snprintf(buf, cap, ";; %s would end differently: %s, no "
		    "answer", other_name, dns_outcome_name(other_final));
	return n < 0 ? 0 : (size_t)n;
}
