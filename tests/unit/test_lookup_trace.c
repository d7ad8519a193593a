#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dnsmsg.h"
#include "lookup_trace.h"

#define SERVER		"198.18.64.53"
#define LINE_CAP	1024

enum {
	QF_EXTRA = 1,		/* asked for the other libc's walk */
	QF_TCP = 2,		/* the reply came over TCP */
	QF_TRUNC = 4,		/* over UDP with TC (497 bytes), then TCP */
};

struct query_spec {
	size_t cand;
	uint16_t qtype;
	enum dns_xstatus status;
	enum dns_outcome outcome;
	size_t nrecords;
	int64_t us;
	unsigned sends;
	int flags;
};

#define REPLY(c, t, o, n, us) \
	{ c, DNS_T_##t, DNSX_REPLY, DNS_##o, n, us, 1, 0 }
#define REPLY_F(c, t, o, n, us, sends, flags) \
	{ c, DNS_T_##t, DNSX_REPLY, DNS_##o, n, us, sends, flags }
#define LOST(c, t, us, sends) \
	{ c, DNS_T_##t, DNSX_TIMEOUT, DNS_TIMEOUT, 0, us, sends, 0 }
#define CANCELLED(c, t, us) \
	{ c, DNS_T_##t, DNSX_CANCELLED, DNS_TIMEOUT, 0, us, 1, 0 }
#define NXPAIR(c) \
	REPLY(c, A, NXDOMAIN, 0, 1200), REPLY(c, AAAA, NXDOMAIN, 0, 1100)
#define NO_ANSWER	((size_t)-1)

/*
 * A walk as lookup_walk_run leaves it.  Candidates are written
 * "name+i" for a suffix from search domain i and "name" for the name as
 * is; walked lists candidate indices in walk order.  The other libc's
 * candidates are taken to be the walk's own, so a query asked for it
 * (QF_EXTRA) names one of these too.
 */
struct walk_spec {
	enum search_libc libc;
	const char *cands;
	size_t dots;
	int trailing;
	const struct query_spec *q;
	size_t nq;
	const char *walked;
	size_t answered;	/* NO_ANSWER: none */
	enum dns_outcome final;
	int parallel;
	int64_t took_us, serial_us;
};

#define QUERIES(a)	a, sizeof(a) / sizeof(a[0])

/* F01: five suffixes, then the name itself answers. */
static const struct query_spec f01_q[] = {
	NXPAIR(0), NXPAIR(1), NXPAIR(2), NXPAIR(3), NXPAIR(4),
	REPLY(5, A, ANSWER, 1, 1800), REPLY(5, AAAA, NODATA, 0, 1500),
};

static const struct walk_spec f01 = {
	SEARCH_GLIBC,
	"registry.example.com.team-a.svc.cluster.local+0 "
	"registry.example.com.svc.cluster.local+1 "
	"registry.example.com.cluster.local+2 "
	"registry.example.com.c.proj.internal+3 "
	"registry.example.com.google.internal+4 registry.example.com",
	2, 0, QUERIES(f01_q), "0 1 2 3 4 5", 5, DNS_ANSWER, 0, 10400, 0,
};

/* F03 S under musl: the fourth suffix fails, the walk stops there. */
static const struct query_spec f03_q[] = {
	NXPAIR(0), NXPAIR(1), NXPAIR(2),
	REPLY(3, A, SERVFAIL, 0, 100), REPLY(3, AAAA, SERVFAIL, 0, 200),
	REPLY_F(4, A, ANSWER, 1, 400, 1, QF_EXTRA),
	REPLY_F(4, AAAA, NODATA, 0, 500, 1, QF_EXTRA),
};

static const struct walk_spec f03_musl = {
	SEARCH_MUSL,
	"api.example.org.default.svc.cluster.local+0 "
	"api.example.org.svc.cluster.local+1 "
	"api.example.org.cluster.local+2 "
	"api.example.org.corp.internal+3 api.example.org",
	2, 0, QUERIES(f03_q), "0 1 2 3", NO_ANSWER, DNS_SERVFAIL, 0, 1200,
	0,
};

/* F03 T under glibc: a timeout skips the last suffix. */
static const struct query_spec skip_q[] = {
	NXPAIR(0), LOST(1, A, 10000000, 2), LOST(1, AAAA, 10000000, 2),
	REPLY(3, A, ANSWER, 2, 600), REPLY(3, AAAA, NODATA, 0, 500),
};

static const struct walk_spec skip = {
	SEARCH_GLIBC,
	"api.example.org.a.example+0 api.example.org.b.example+1 "
	"api.example.org.c.example+2 api.example.org",
	2, 0, QUERIES(skip_q), "0 1 3", 3, DNS_ANSWER, 0, 10002000, 0,
};

/* F04: a suffix answers NODATA; glibc goes on, musl stops. */
static const struct query_spec f04_q[] = {
	REPLY(0, A, NODATA, 0, 300), REPLY(0, AAAA, NODATA, 0, 100),
	REPLY(1, A, ANSWER, 1, 100), REPLY(1, AAAA, NODATA, 0, 200),
};

#define F04_CANDS	"db.nodata.internal+0 db.default.svc.cluster.local+1 db"

static const struct walk_spec f04 = {
	SEARCH_GLIBC, F04_CANDS, 0, 0, QUERIES(f04_q), "0 1", 1,
	DNS_ANSWER, 0, 700, 0,
};

static const struct walk_spec f04_musl = {
	SEARCH_MUSL, F04_CANDS, 0, 0, f04_q, 2, "0", NO_ANSWER, DNS_NODATA,
	0, 500, 0,
};

/* Enough dots: glibc asks the name first. */
static const struct query_spec dotted_q[] = {
	REPLY(0, A, ANSWER, 1, 400), REPLY(0, AAAA, NODATA, 0, 100),
};

static const struct query_spec dotted_miss_q[] = {
	NXPAIR(0), NXPAIR(1),
};

#define DOTTED_CANDS	"www.example.com www.example.com.corp.example+0"

static const struct walk_spec dotted = {
	SEARCH_GLIBC, DOTTED_CANDS, 2, 0, QUERIES(dotted_q), "0", 0,
	DNS_ANSWER, 0, 500, 0,
};

static const struct walk_spec dotted_miss = {
	SEARCH_GLIBC, DOTTED_CANDS, 2, 0, QUERIES(dotted_miss_q), "0 1",
	NO_ANSWER, DNS_NXDOMAIN, 0, 2500, 0,
};

static const struct walk_spec dotted_musl = {
	SEARCH_MUSL, "www.example.com", 2, 0, dotted_q, 2, "0", 0,
	DNS_ANSWER, 0, 500, 0,
};

/*
 * A trailing dot; the AAAA reply lost once and answered after the
 * timeout (F07).
 */
static const struct query_spec stall_q[] = {
	REPLY(0, A, ANSWER, 1, 400),
	REPLY_F(0, AAAA, ANSWER, 1, 5001000, 2, 0),
};

static const struct walk_spec stall = {
	SEARCH_GLIBC, "stall.example.com", 2, 1, QUERIES(stall_q), "0", 0,
	DNS_ANSWER, 0, 5001500, 0,
};

/* Both types slow: no reply came back at once, so no stall. */
static const struct query_spec slow_q[] = {
	LOST(0, A, 5000000, 1), LOST(0, AAAA, 5000000, 1),
};

static const struct walk_spec slow = {
	SEARCH_GLIBC, "slow.example.com", 2, 1, QUERIES(slow_q), "0",
	NO_ANSWER, DNS_TIMEOUT, 0, 5000000, 0,
};

/* F06: 60 records, truncated over UDP, whole over TCP. */
static const struct query_spec tc_q[] = {
	REPLY_F(0, A, ANSWER, 60, 1400, 2, QF_TRUNC | QF_TCP),
	REPLY(0, AAAA, NODATA, 0, 900),
};

static const struct walk_spec truncated = {
	SEARCH_GLIBC, "big.example.com", 2, 1, QUERIES(tc_q), "0", 0,
	DNS_ANSWER, 0, 1600, 0,
};

/* --parallel: the first suffix answers, the others are not waited for. */
static const struct query_spec par_q[] = {
	REPLY(0, A, ANSWER, 1, 400), REPLY(0, AAAA, NODATA, 0, 200),
	CANCELLED(1, A, 300), CANCELLED(1, AAAA, 300),
};

static const struct walk_spec par = {
	SEARCH_GLIBC, "db.default.svc.cluster.local+0 db.corp.internal+1 db",
	0, 0, QUERIES(par_q), "0", 0, DNS_ANSWER, 1, 700, 400,
};

enum line_kind {
	L_QUERY, L_EXPLAIN, L_NODATA, L_WASTE, L_STALL, L_TCP, L_TOTAL,
	L_COMPARE,
};

struct line_case {
	const char *what;
	const struct walk_spec *walk;
	enum line_kind kind;
	size_t query;		/* L_QUERY: index into the queries */
	const char *name;	/* as typed */
	int ndots;
	size_t nsearch;
	const char *other;	/* L_COMPARE: where the other libc ended */
	enum dns_outcome other_outcome;
	const char *want;	/* "" when the line does not apply */
};

#define QUERY(what, w, i, want) \
	{ what, &w, L_QUERY, i, "", 0, 0, "", DNS_ANSWER, want }
#define EXPLAIN(what, w, name, ndots, nsearch, want) \
	{ what, &w, L_EXPLAIN, 0, name, ndots, nsearch, "", DNS_ANSWER, want }
#define LINE(what, w, kind, name, want) \
	{ what, &w, kind, 0, name, 0, 0, "", DNS_ANSWER, want }
#define COMPARE(what, w, other, outcome, want) \
	{ what, &w, L_COMPARE, 0, "", 0, 0, other, DNS_##outcome, want }

#define F01_WASTE	";; 10 of 12 queries were wasted on search domains: " \
	"write registry.example.com. with a trailing dot, or lower ndots " \
	"in the pod's dnsConfig"
#define NODATA_LINE	";; search domain nodata.internal answered NODATA " \
	"for db.nodata.internal, not NXDOMAIN: "
#define NODATA_FIX	"; a zone should answer NXDOMAIN for a name it does " \
	"not hold"
#define STALL_LINE	";; AAAA for stall.example.com took 5.0 s, A only " \
	"0.4 ms: one reply of a pair sent from one socket was lost, as in " \
	"a conntrack race; options single-request-reopen or single-request " \
	"avoid it"

static const struct line_case line_cases[] = {
	QUERY("a suffix answered NXDOMAIN", f01, 0,
	    ";; 1 registry.example.com.team-a.svc.cluster.local A NXDOMAIN "
	    "from " SERVER " over udp in 1.2 ms"),
	QUERY("the answer is marked", f01, 10,
	    ";; 6 registry.example.com A answer (1 record) from " SERVER
	    " over udp in 1.8 ms  <- answered"),
	QUERY("the other type of the answered name is not", f01, 11,
	    ";; 6 registry.example.com AAAA NODATA from " SERVER
	    " over udp in 1.5 ms"),
	QUERY("no reply: the sends and the time", skip, 2,
	    ";; 2 api.example.org.b.example A timeout after 2 sends in "
	    "10.0 s"),
	QUERY("records counted, plural", skip, 4,
	    ";; 4 api.example.org A answer (2 records) from " SERVER
	    " over udp in 0.6 ms  <- answered"),
	QUERY("asked for the other libc", f03_musl, 8,
	    ";; 5 api.example.org A answer (1 record) from " SERVER
	    " over udp in 0.4 ms  (for glibc's walk)"),
	QUERY("a reply after a lost send", stall, 1,
	    ";; 1 stall.example.com AAAA answer (1 record) from " SERVER
	    " over udp after 2 sends in 5.0 s  <- answered"),
	QUERY("truncated, then TCP: both sizes, one try", truncated, 0,
	    ";; 1 big.example.com A answer (60 records) from " SERVER
	    " over udp (truncated, 497 bytes), then tcp (993 bytes) in "
	    "1.4 ms  <- answered"),
	QUERY("not waited for", par, 2,
	    ";; 2 db.corp.internal A not waited for: the walk had ended, "
	    "0.3 ms after it was sent"),

	EXPLAIN("F01: the suffixes, then the name", f01,
	    "registry.example.com", 5, 5,
	    ";; registry.example.com has 2 dots, fewer than ndots:5, so 5 "
	    "search domains were tried before the name itself"),
	EXPLAIN("musl stopped before the name", f03_musl, "api.example.org",
	    5, 4, ";; api.example.org has 2 dots, fewer than ndots:5, so "
	    "the search domains came first, and the walk stopped at domain "
	    "4 of 4 on SERVFAIL: the name itself was never asked"),
	EXPLAIN("glibc skipped a suffix after a timeout", skip,
	    "api.example.org", 5, 3,
	    ";; api.example.org has 2 dots, fewer than ndots:5, so 2 of 3 "
	    "search domains were tried before the name itself: glibc skips "
	    "the rest after a timeout or a refusal"),
	EXPLAIN("a suffix answered", f04, "db", 5, 2,
	    ";; db has 0 dots, fewer than ndots:5, so the search domains "
	    "came first: domain 2 of 2 answered"),
	EXPLAIN("one suffix, singular", f04_musl, "db", 1, 2,
	    ";; db has 0 dots, fewer than ndots:1, so the search domains "
	    "came first, and the walk stopped at domain 1 of 2 on NODATA: "
	    "the name itself was never asked"),
	EXPLAIN("enough dots, answered as is", dotted, "www.example.com",
	    1, 1, ";; www.example.com has 2 dots, at least ndots:1, so it "
	    "was asked as is first, and answered"),
	EXPLAIN("enough dots, then the domains", dotted_miss,
	    "www.example.com", 2, 1,
	    ";; www.example.com has 2 dots, at least ndots:2, so it was "
	    "asked as is first, then with 1 search domain"),
	EXPLAIN("enough dots under musl", dotted_musl, "www.example.com",
	    1, 1, ";; www.example.com has 2 dots, at least ndots:1, so musl "
	    "asks it as is and never searches"),
	EXPLAIN("a trailing dot", truncated, "big.example.com.", 5, 3,
	    ";; big.example.com. ends in a dot, so it was asked as is, and "
	    "only so"),
	EXPLAIN("no search domains", dotted_musl, "www.example.com", 1, 0,
	    ";; no search domains, so www.example.com was asked as is"),

	LINE("NODATA from a suffix, glibc", f04, L_NODATA, "db",
	    NODATA_LINE "glibc goes on, musl would stop there" NODATA_FIX),
	LINE("NODATA from a suffix, musl", f04_musl, L_NODATA, "db",
	    NODATA_LINE "musl stops there, glibc would go on" NODATA_FIX),
	LINE("no NODATA", f01, L_NODATA, "registry.example.com", ""),

	LINE("F01 waste", f01, L_WASTE, "registry.example.com", F01_WASTE),
	LINE("no waste when a suffix answers", f04, L_WASTE, "db", ""),
	LINE("no waste when the name came first", dotted, L_WASTE,
	    "www.example.com", ""),
	LINE("no waste without an answer", f03_musl, L_WASTE,
	    "api.example.org", ""),

	LINE("a stall", stall, L_STALL, "", STALL_LINE),
	LINE("both slow is no stall", slow, L_STALL, "", ""),
	LINE("nothing slow", f01, L_STALL, "", ""),

	LINE("an answer that needed TCP", truncated, L_TCP, "",
	    ";; the A answer for big.example.com needed tcp: musl before "
	    "1.2.4 does not retry over tcp and keeps only what fit in the "
	    "497-byte udp reply"),
	LINE("no TCP", f01, L_TCP, "", ""),

	LINE("the total", f01, L_TOTAL, "", ";; 12 queries in 10.4 ms"),
	LINE("the total of a slow walk", skip, L_TOTAL, "",
	    ";; 6 queries in 10.0 s"),
	LINE("the total, parallel", par, L_TOTAL, "",
	    ";; 4 queries at once in 0.7 ms; one after the other they took "
	    "0.4 ms"),
	LINE("extra queries are not counted", f03_musl, L_TOTAL, "",
	    ";; 8 queries in 1.2 ms"),

	COMPARE("the same answer", f01, "registry.example.com", ANSWER, ""),
	COMPARE("another answer", f01, "registry.example.com.cluster.local",
	    ANSWER, ";; musl would end differently: answered by "
	    "registry.example.com.cluster.local"),
	COMPARE("glibc answers where musl stopped", f03_musl,
	    "api.example.org", ANSWER,
	    ";; glibc would end differently: answered by api.example.org"),
	COMPARE("musl fails where glibc answered", skip,
	    "api.example.org.b.example", TIMEOUT,
	    ";; musl would end differently: timeout at "
	    "api.example.org.b.example, no answer (a temporary failure, "
	    "after the whole timeout)"),
	COMPARE("musl stops on NODATA", f04, "db.nodata.internal", NODATA,
	    ";; musl would end differently: NODATA at db.nodata.internal, "
	    "no answer"),
	COMPARE("both fail alike", dotted_miss, "www.example.com", NXDOMAIN,
	    ""),
	COMPARE("both fail, otherwise", dotted_miss, "www.example.com",
	    SERVFAIL, ";; musl would end differently: SERVFAIL at "
	    "www.example.com, no answer (a temporary failure, after the "
	    "whole timeout)"),
};

static void
add_cand(struct search_list *l, const char *word, size_t len)
{
	struct search_cand *c = &l->cand[l->ncand++];
	const char *plus = memchr(word, '+', len);

	snprintf(c->name, sizeof(c->name), "%.*s",
	    (int)(plus != NULL ? (size_t)(plus - word) : len), word);
	c->origin = plus != NULL ? CAND_SUFFIX : CAND_AS_IS;
	c->domain = plus != NULL ? strtoul(plus + 1, NULL, 10) :
	    SEARCH_NO_DOMAIN;
}

static void
build_list(struct search_list *l, const struct walk_spec *s)
{
	const char *p = s->cands;
	size_t len;

	memset(l, 0, sizeof(*l));
	l->ndots_in_name = s->dots;
	l->trailing_dot = s->trailing;
	while (*p != '\0' && l->ncand < SEARCH_CAND_CAP) {
		len = strcspn(p, " ");
		add_cand(l, p, len);
		p += len + strspn(p + len, " ");
	}
}

static void
build_query(struct lookup_walk *w, struct lookup_query *q,
    const struct query_spec *s)
{
	memset(q, 0, sizeof(*q));
	q->cand = s->cand;
	q->qtype = s->qtype;
	q->outcome = s->outcome;
	q->nrecords = s->nrecords;
	q->extra = (s->flags & QF_EXTRA) != 0;
	q->settled = 1;
	snprintf(q->name, sizeof(q->name), "%s", w->list.cand[s->cand].name);
	q->x.status = s->status;
	q->x.sends = s->sends;
	q->x.took_ns = s->us * 1000;
	q->x.tcp = (s->flags & QF_TCP) != 0;
	q->x.truncated = (s->flags & QF_TRUNC) != 0;
	q->x.udp_len = q->x.truncated ? 497 : 0;
	q->x.len = q->x.truncated ? 993 : 80;
}

static struct lookup_walk *
build_walk(const struct walk_spec *s)
{
	struct lookup_walk *w = calloc(1, sizeof(*w));
	const char *p = s->walked;
	char *end;
	size_t i;

	ck_assert_ptr_nonnull(w);
	build_list(&w->list, s);
	w->libc = s->libc;
	w->parallel = s->parallel;
	for (i = 0; i < s->nq; i++)
		build_query(w, &w->q[i], &s->q[i]);
	w->nq = s->nq;
	while (*p != '\0' && w->nwalked < SEARCH_CAND_CAP) {
		w->walked[w->nwalked++] = strtoul(p, &end, 10);
		p = end + strspn(end, " ");
	}
	w->answered = s->answered == NO_ANSWER ? w->list.ncand : s->answered;
	w->final = s->final;
	w->took_ns = s->took_us * 1000;
	w->serial_ns = s->serial_us * 1000;
	return w;
}

static size_t
produce(const struct line_case *c, const struct lookup_walk *w,
    char *buf, size_t cap)
{
	struct lookup_end other;

	switch (c->kind) {
	case L_QUERY:
		return trace_query_line(w, &w->q[c->query], SERVER, buf, cap);
	case L_EXPLAIN:
		return trace_explain(w, c->name, c->ndots, c->nsearch, buf,
		    cap);
	case L_NODATA:
		return trace_nodata(w, c->name, buf, cap);
	case L_WASTE:
		return trace_waste(w, c->name, buf, cap);
	case L_STALL:
		return trace_stall(w, 5000000000LL, buf, cap);
	case L_TCP:
		return trace_tcp(w, buf, cap);
	case L_TOTAL:
		return trace_total(w, buf, cap);
	case L_COMPARE:
		break;
	}
	snprintf(other.name, sizeof(other.name), "%s", c->other);
	other.outcome = c->other_outcome;
	return trace_compare(w, &other, buf, cap);
}

START_TEST(test_line)
{
	const struct line_case *c = &line_cases[_i];
	struct lookup_walk *w = build_walk(c->walk);
	char buf[LINE_CAP];
	size_t n;

	n = produce(c, w, buf, sizeof(buf));
	ck_assert_msg(strcmp(buf, c->want) == 0, "%s:\n got: %s\nwant: %s",
	    c->what, buf, c->want);
	ck_assert_uint_eq(n, strlen(c->want));
	free(w);
}
END_TEST

/* Cut short like snprintf: the start of the line, its whole length. */
START_TEST(test_short_buffer)
{
	const struct line_case *c = &line_cases[_i];
	struct lookup_walk *w = build_walk(c->walk);
	char buf[8];
	size_t n;

	memset(buf, 'x', sizeof(buf));
	n = produce(c, w, buf, sizeof(buf));
	ck_assert_uint_eq(n, strlen(c->want));
	ck_assert_msg(strncmp(buf, c->want, sizeof(buf) - 1) == 0 &&
	    strlen(buf) == (n < sizeof(buf) ? n : sizeof(buf) - 1),
	    "%s: cut to \"%s\"", c->what, buf);
	n = produce(c, w, NULL, 0);
	ck_assert_uint_eq(n, strlen(c->want));
	free(w);
}
END_TEST

Suite *
lookup_trace_suite(void)
{
	Suite *s = suite_create("lookup_trace");
	TCase *tc = tcase_create("lines");
	int n = (int)(sizeof(line_cases) / sizeof(line_cases[0]));

	tcase_add_loop_test(tc, test_line, 0, n);
	tcase_add_loop_test(tc, test_short_buffer, 0, n);
	suite_add_tcase(s, tc);
	return s;
}
