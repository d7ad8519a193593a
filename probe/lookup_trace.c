#include <stdio.h>
#include <string.h>

#include "dnsmsg.h"
#include "lookup_trace.h"

#define NS_PER_MS	1000000.0

/* What each libc does at the point a walk parts from the other. */
struct shape {
	size_t suffixes;	/* search domains asked */
	size_t in_list;		/* search domains the list holds */
	int as_is;		/* the name as given was asked */
	size_t last;		/* the candidate asked last */
};

static size_t
empty(char *buf, size_t cap)
{
	if (cap > 0)
		buf[0] = '\0';
	return 0;
}

static size_t
length(int n)
{
	return n < 0 ? 0 : (size_t)n;
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static const char *
libc_name(enum search_libc libc)
{
	return libc == SEARCH_MUSL ? "musl" : "glibc";
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
		    plural(q->nrecords));
	else
		snprintf(buf, cap, "%s", dns_outcome_name(q->outcome));
}

/* A retry over TCP after TC is not a try of its own. */
static unsigned
tries(const struct lookup_query *q)
{
	return q->x.sends - (q->x.truncated ? 1 : 0);
}

static void
transport_words(const struct lookup_query *q, char *buf, size_t cap)
{
	char again[32] = "";
	unsigned n = tries(q);

	if (n > 1)
		snprintf(again, sizeof(again), " after %u sends", n);
	if (q->x.truncated)
		snprintf(buf, cap, "over udp (truncated, %zu bytes), then tcp"
		    " (%zu bytes)%s", q->x.udp_len, q->x.len, again);
	else
		snprintf(buf, cap, "over %s%s", q->x.tcp ? "tcp" : "udp",
		    again);
}

static void
mark_words(const struct lookup_walk *w, const struct lookup_query *q,
    char *buf, size_t cap)
{
	if (q->extra)
		snprintf(buf, cap, "  (for %s's walk)",
		    libc_name(lookup_other_libc(w)));
	else if (q->cand == w->answered && q->outcome == DNS_ANSWER)
		snprintf(buf, cap, "  <- answered");
	else if (cap > 0)
		buf[0] = '\0';
}

size_t
trace_query_line(const struct lookup_walk *w, const struct lookup_query *q,
    const char *server, char *buf, size_t cap)
{
	char result[64], via[128], took[32], mark[32];
	char name[SEARCH_TEXT_MAX];
	const char *type = dns_type_name(q->qtype);
	unsigned n = tries(q);

	search_name_text(q->name, name, sizeof(name));
	result_words(q, result, sizeof(result));
	transport_words(q, via, sizeof(via));
	duration(q->x.took_ns, took, sizeof(took));
	mark_words(w, q, mark, sizeof(mark));

	if (q->x.status == DNSX_REPLY)
		return length(snprintf(buf, cap, ";; %zu %s %s %s from %s %s "
		    "in %s%s", q->cand + 1, name, type, result, server,
		    via, took, mark));
	if (q->x.status == DNSX_CANCELLED)
		return length(snprintf(buf, cap, ";; %zu %s %s not waited "
		    "for: the walk had ended, %s after it was sent%s",
		    q->cand + 1, name, type, took, mark));
	return length(snprintf(buf, cap, ";; %zu %s %s %s after %u send%s "
	    "in %s%s", q->cand + 1, name, type, result, n, plural(n), took,
	    mark));
}

static void
shape_of(const struct lookup_walk *w, struct shape *sh)
{
	size_t i;

	memset(sh, 0, sizeof(*sh));
	for (i = 0; i < w->list.ncand; i++)
		sh->in_list += w->list.cand[i].origin == CAND_SUFFIX;
	for (i = 0; i < w->nwalked; i++) {
		if (w->list.cand[w->walked[i]].origin == CAND_SUFFIX)
			sh->suffixes++;
		else
			sh->as_is = 1;
		sh->last = w->walked[i];
	}
}

static int
answered_by(const struct lookup_walk *w, enum search_origin origin)
{
	return w->answered < w->list.ncand &&
	    w->list.cand[w->answered].origin == origin;
}

/* A name with at least ndots dots. */
static size_t
explain_dotted(const struct lookup_walk *w, const char *name,
    const struct shape *sh, int ndots, char *buf, size_t cap)
{
	size_t dots = w->list.ndots_in_name;

	if (w->libc == SEARCH_MUSL)
		return length(snprintf(buf, cap, ";; %s has %zu dot%s, at "
		    "least ndots:%d, so musl asks it as is and never searches",
		    name, dots, plural(dots), ndots));
	if (answered_by(w, CAND_AS_IS) && w->answered == 0)
		return length(snprintf(buf, cap, ";; %s has %zu dot%s, at "
		    "least ndots:%d, so it was asked as is first, and "
		    "answered", name, dots, plural(dots), ndots));
	return length(snprintf(buf, cap, ";; %s has %zu dot%s, at least "
	    "ndots:%d, so it was asked as is first, then with %zu search "
	    "domain%s", name, dots, plural(dots), ndots, sh->suffixes,
	    plural(sh->suffixes)));
}

/* What the search domains came to, when they came first. */
static void
searched(const struct lookup_walk *w, const struct shape *sh,
    size_t nsearch, char *buf, size_t cap)
{
	const struct search_cand *last = &w->list.cand[sh->last];

	if (answered_by(w, CAND_SUFFIX))
		snprintf(buf, cap, "the search domains came first: domain %zu "
		    "of %zu answered", w->list.cand[w->answered].domain + 1,
		    nsearch);
	else if (!sh->as_is)
		snprintf(buf, cap, "the search domains came first, and the "
		    "walk stopped at domain %zu of %zu on %s: the name itself "
		    "was never asked", last->domain + 1, nsearch,
		    dns_outcome_name(lookup_candidate_outcome(w, sh->last)));
	else if (sh->suffixes < sh->in_list)
		snprintf(buf, cap, "%zu of %zu search domains were tried "
		    "before the name itself: glibc skips the rest after a "
		    "timeout or a refusal", sh->suffixes, sh->in_list);
	else
		snprintf(buf, cap, "%zu search domain%s %s tried before the "
		    "name itself", sh->suffixes, plural(sh->suffixes),
		    sh->suffixes == 1 ? "was" : "were");
}

/* A name with fewer dots than ndots. */
static size_t
explain_short(const struct lookup_walk *w, const char *name,
    const struct shape *sh, int ndots, size_t nsearch, char *buf,
    size_t cap)
{
	size_t dots = w->list.ndots_in_name;
	char how[2 * RC_NAME_MAX];

	searched(w, sh, nsearch, how, sizeof(how));
	return length(snprintf(buf, cap, ";; %s has %zu dot%s, fewer than "
	    "ndots:%d, so %s", name, dots, plural(dots), ndots, how));
}

size_t
trace_explain(const struct lookup_walk *w, const char *name, int ndots,
    size_t nsearch, char *buf, size_t cap)
{
	struct shape sh;

	shape_of(w, &sh);
	if (w->list.trailing_dot)
		return length(snprintf(buf, cap, ";; %s ends in a dot, so it "
		    "was asked as is, and only so", name));
	if (nsearch == 0)
		return length(snprintf(buf, cap, ";; no search domains, so %s "
		    "was asked as is", name));
	if (w->nwalked == 0)
		return empty(buf, cap);
	if (ndots <= 0 || w->list.ndots_in_name >= (size_t)ndots)
		return explain_dotted(w, name, &sh, ndots, buf, cap);
	return explain_short(w, name, &sh, ndots, nsearch, buf, cap);
}

/* The search domain of a candidate made of name and that domain. */
static const char *
domain_of(const char *cand, const char *name)
{
	size_t len = strlen(name);

	if (strncmp(cand, name, len) == 0 && cand[len] == '.')
		return cand + len + 1;
	return cand;
}

/*
 * RFC 2308, 2.2: NODATA says the name exists.  A zone answering it for
 * names it does not hold sends musl's walk nowhere.
 */
size_t
trace_nodata(const struct lookup_walk *w, const char *name, char *buf,
    size_t cap)
{
	char domain[SEARCH_TEXT_MAX], asked[SEARCH_TEXT_MAX];
	const struct search_cand *c;
	size_t i;

	for (i = 0; i < w->nwalked; i++) {
		c = &w->list.cand[w->walked[i]];
		if (c->origin != CAND_SUFFIX || w->walked[i] == w->answered ||
		    lookup_candidate_outcome(w, w->walked[i]) != DNS_NODATA)
			continue;
		search_name_text(domain_of(c->name, name), domain,
		    sizeof(domain));
		search_name_text(c->name, asked, sizeof(asked));
		return length(snprintf(buf, cap, ";; search domain %s "
		    "answered NODATA for %s, not NXDOMAIN: %s; a zone should "
		    "answer NXDOMAIN for a name it does not hold", domain,
		    asked,
		    w->libc == SEARCH_MUSL ? "musl stops there, glibc would "
		    "go on" : "glibc goes on, musl would stop there"));
	}
	return empty(buf, cap);
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

	if (!answered_by(w, CAND_AS_IS))
		return empty(buf, cap);
	wasted = queries_before(w, w->answered);
	if (wasted == 0)
		return empty(buf, cap);
	for (i = 0; i < w->nq; i++)
		total += !w->q[i].extra && w->q[i].cand <= w->answered;

	return length(snprintf(buf, cap, ";; %zu of %zu queries were wasted "
	    "on search domains: write %s. with a trailing dot, or lower "
	    "ndots in the pod's dnsConfig", wasted, total, name));
}

static const struct lookup_query *
partner(const struct lookup_walk *w, const struct lookup_query *q)
{
	size_t i;

	for (i = 0; i < w->nq; i++)
		if (&w->q[i] != q && strcmp(w->q[i].name, q->name) == 0 &&
		    w->q[i].extra == q->extra &&
		    w->q[i].x.status != DNSX_CANCELLED)
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
	char slow[32], fast[32], name[SEARCH_TEXT_MAX];
	size_t i;

	for (i = 0; i < w->nq; i++) {
		q = &w->q[i];
		p = partner(w, q);
		if (p == NULL || q->x.status == DNSX_CANCELLED ||
		    p->x.status != DNSX_REPLY ||
		    q->x.took_ns < timeout_ns * 4 / 5 ||
		    p->x.took_ns * 10 > timeout_ns)
			continue;
		duration(q->x.took_ns, slow, sizeof(slow));
		duration(p->x.took_ns, fast, sizeof(fast));
		search_name_text(q->name, name, sizeof(name));
		return length(snprintf(buf, cap, ";; %s for %s took %s, %s "
		    "only %s: one reply of a pair sent from one socket was "
		    "lost, as in a conntrack race; options "
		    "single-request-reopen or single-request avoid it",
		    dns_type_name(q->qtype), name, slow,
		    dns_type_name(p->qtype), fast));
	}
	return empty(buf, cap);
}

/* musl 1.2.4 was the first to ask again over TCP after TC. */
size_t
trace_tcp(const struct lookup_walk *w, char *buf, size_t cap)
{
	const struct lookup_query *q;
	char name[SEARCH_TEXT_MAX];
	size_t i;

	for (i = 0; i < w->nq; i++) {
		q = &w->q[i];
		if (q->extra || q->cand != w->answered || !q->x.truncated ||
		    q->outcome != DNS_ANSWER)
			continue;
		search_name_text(q->name, name, sizeof(name));
		return length(snprintf(buf, cap, ";; the %s answer for %s "
		    "needed tcp: musl before 1.2.4 does not retry over tcp "
		    "and keeps only what fit in the %zu-byte udp reply",
		    dns_type_name(q->qtype), name, q->x.udp_len));
	}
	return empty(buf, cap);
}

size_t
trace_total(const struct lookup_walk *w, char *buf, size_t cap)
{
	char took[32], serial[32];
	size_t i, n = 0;

	for (i = 0; i < w->nq; i++)
		n += !w->q[i].extra;
	duration(w->took_ns, took, sizeof(took));
	if (!w->parallel)
		return length(snprintf(buf, cap, ";; %zu quer%s in %s", n,
		    n == 1 ? "y" : "ies", took));
	duration(w->serial_ns, serial, sizeof(serial));
	return length(snprintf(buf, cap, ";; %zu quer%s at once in %s; one "
	    "after the other they took %s", n, n == 1 ? "y" : "ies", took,
	    serial));
}

/*
 * musl retries a SERVFAIL or REFUSED reply, and a lost one, until its
 * whole timeout has passed, then reports EAI_AGAIN.
 */
static const char *
musl_delay(enum search_libc libc, enum dns_outcome o)
{
	if (libc != SEARCH_MUSL)
		return "";
	switch (o) {
	case DNS_SERVFAIL:
	case DNS_REFUSED:
	case DNS_TIMEOUT:
		return " (a temporary failure, after the whole timeout)";
	default:
		return "";
	}
}

size_t
trace_compare(const struct lookup_walk *w, const struct lookup_end *other,
    char *buf, size_t cap)
{
	enum search_libc libc = lookup_other_libc(w);
	const char *mine = w->answered < w->list.ncand ?
	    w->list.cand[w->answered].name : "";
	char name[SEARCH_TEXT_MAX];

	search_name_text(other->name, name, sizeof(name));
	if (other->outcome == DNS_ANSWER) {
		if (strcmp(mine, other->name) == 0)
			return empty(buf, cap);
		return length(snprintf(buf, cap, ";; %s would end "
		    "differently: answered by %s", libc_name(libc), name));
	}

	if (mine[0] == '\0' && other->outcome == w->final)
		return empty(buf, cap);
	if (other->name[0] == '\0')
		return length(snprintf(buf, cap, ";; %s would end "
		    "differently: %s, no answer", libc_name(libc),
		    dns_outcome_name(other->outcome)));
	return length(snprintf(buf, cap, ";; %s would end differently: %s "
	    "at %s, no answer%s", libc_name(libc),
	    dns_outcome_name(other->outcome), name,
	    musl_delay(libc, other->outcome)));
}
