#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "lookup.h"
#include "timing.h"

static void
settle(struct lookup_query *q)
{
	struct dns_msg *m = malloc(sizeof(*m));
	size_t i;

	q->outcome = answer_outcome(&q->x, m);
	if (m == NULL)
		return;
	if (q->x.status == DNSX_REPLY && q->outcome != DNS_BADREPLY) {
		q->aa = m->aa;
		for (i = 0; i < m->nan; i++)
			if (m->an[i].type == q->qtype)
				q->nrecords++;
	}
	free(m);
}

static struct lookup_query *
add_query(struct lookup_walk *w, struct dnsclient *dc, size_t cand,
    const char *name, uint16_t qtype, int extra)
{
	struct lookup_query *q;

	if (w->nq >= LOOKUP_Q_CAP)
		return NULL;
	q = &w->q[w->nq++];
	memset(q, 0, sizeof(*q));
	q->cand = cand;
	q->qtype = qtype;
	q->extra = extra;
	memcpy(q->name, name, RC_NAME_MAX);
	dnsclient_start(dc, name, qtype, &q->x);
	return q;
}

/* glibc asks A and AAAA at once unless single-request says otherwise. */
static void
start_name(struct lookup_walk *w, struct dnsclient *dc, size_t cand,
    const char *name, int extra)
{
	if (w->qtype != 0) {
		add_query(w, dc, cand, name, w->qtype, extra);
		return;
	}
	add_query(w, dc, cand, name, DNS_T_A, extra);
	if (w->one_at_a_time)
		dnsclient_run(dc);
	add_query(w, dc, cand, name, DNS_T_AAAA, extra);
}

/*
 * An exchange cancelled when a walk ended has no outcome: the name is
 * asked again if another walk needs it.
 */
static int
counts(const struct lookup_query *q, const char *name)
{
	return q->x.status != DNSX_CANCELLED && strcmp(q->name, name) == 0;
}

static int
name_done(const struct lookup_walk *w, const char *name)
{
	size_t i;
	int seen = 0;

	for (i = 0; i < w->nq; i++) {
		if (!counts(&w->q[i], name))
			continue;
		if (w->q[i].x.status == DNSX_PENDING)
			return 0;
		seen = 1;
	}
	return seen;
}

static int
name_started(const struct lookup_walk *w, const char *name)
{
	size_t i;

	for (i = 0; i < w->nq; i++)
		if (counts(&w->q[i], name))
			return 1;
	return 0;
}

/*
 * getaddrinfo's view of one name asked for two types: an answer to
 * either is an answer; NXDOMAIN only when every type says so; NODATA
 * when no type failed otherwise; else the first failure.
 */
static enum dns_outcome
name_outcome(const struct lookup_walk *w, const char *name)
{
	enum dns_outcome failure = DNS_NXDOMAIN;
	int nodata = 0, failed = 0;
	size_t i;

	for (i = 0; i < w->nq; i++) {
		enum dns_outcome o = w->q[i].outcome;

		if (!counts(&w->q[i], name))
			continue;
		if (o == DNS_ANSWER)
			return DNS_ANSWER;
		if (o == DNS_NODATA)
			nodata = 1;
		else if (o != DNS_NXDOMAIN && !failed) {
			failure = o;
			failed = 1;
		}
	}
	if (failed)
		return failure;
	return nodata ? DNS_NODATA : DNS_NXDOMAIN;
}

enum dns_outcome
lookup_candidate_outcome(const struct lookup_walk *w, size_t cand)
{
	return name_outcome(w, w->list.cand[cand].name);
}

static void
settle_name(struct lookup_walk *w, const char *name)
{
	size_t i;

	for (i = 0; i < w->nq; i++) {
		struct lookup_query *q = &w->q[i];

		if (q->settled || q->x.status == DNSX_PENDING ||
		    strcmp(q->name, name) != 0)
			continue;
		settle(q);
		q->settled = 1;
	}
}

static enum dns_outcome
ask_and_wait(struct lookup_walk *w, struct dnsclient *dc, size_t cand,
    const char *name, int extra)
{
	if (!name_started(w, name))
		start_name(w, dc, cand, name, extra);
	if (!name_started(w, name))
		return DNS_TIMEOUT;
	while (!name_done(w, name))
		dnsclient_step(dc);
	settle_name(w, name);
	return name_outcome(w, name);
}

/* Two types asked at once cost the slower; one after the other, both. */
static int64_t
name_time(const struct lookup_walk *w, const char *name)
{
	int64_t t = 0, sum = 0;
	size_t i;

	for (i = 0; i < w->nq; i++) {
		if (!counts(&w->q[i], name))
			continue;
		sum += w->q[i].x.took_ns;
		if (w->q[i].x.took_ns > t)
			t = w->q[i].x.took_ns;
	}
	return w->one_at_a_time ? sum : t;
}

/*
 * What the libc reports when nothing answered.  glibc's res_search
 * reports the error of the name asked as is when that came first, else
 * prefers NODATA seen on any name, then SERVFAIL, then the last error;
 * musl reports where it stopped.
 */
static enum dns_outcome
final_outcome(enum search_libc libc, const struct search_list *list,
    const enum dns_outcome *seen, size_t n)
{
	size_t i;

	if (n == 0)
		return DNS_NXDOMAIN;
	if (libc == SEARCH_MUSL)
		return seen[n - 1];
	if (list->cand[0].origin == CAND_AS_IS &&
	    list->cand[0].domain == SEARCH_NO_DOMAIN)
		return seen[0];
	for (i = 0; i < n; i++)
		if (seen[i] == DNS_NODATA)
			return DNS_NODATA;
	for (i = 0; i < n; i++)
		if (seen[i] == DNS_SERVFAIL)
			return DNS_SERVFAIL;
	return seen[n - 1];
}

static void
settle_all(struct lookup_walk *w, struct dnsclient *dc)
{
	size_t i;

	dnsclient_cancel(dc);
	for (i = 0; i < w->nq; i++)
		settle_name(w, w->q[i].name);
}

void
lookup_walk_run(struct lookup_walk *w, struct dnsclient *dc)
{
	enum dns_outcome seen[SEARCH_CAND_CAP], o;
	int64_t start = timing_now_ns();
	size_t i;

	w->nq = w->nwalked = 0;
	w->answered = w->list.ncand;
	w->serial_ns = 0;
	for (i = 0; w->parallel && i < w->list.ncand; i++)
		start_name(w, dc, i, w->list.cand[i].name, 0);

	for (i = 0; i < w->list.ncand;) {
		o = ask_and_wait(w, dc, i, w->list.cand[i].name, 0);
		seen[w->nwalked] = o;
		w->walked[w->nwalked++] = i;
		w->serial_ns += name_time(w, w->list.cand[i].name);
		if (o == DNS_ANSWER) {
			w->answered = i;
			break;
		}
		i = walk_next(&w->list, i, o, w->libc);
	}

	settle_all(w, dc);
	w->final = w->answered < w->list.ncand ? DNS_ANSWER :
	    final_outcome(w->libc, &w->list, seen, w->nwalked);
	w->took_ns = timing_now_ns() - start;
}

enum search_libc
lookup_other_libc(const struct lookup_walk *w)
{
	return w->libc == SEARCH_GLIBC ? SEARCH_MUSL : SEARCH_GLIBC;
}

void
lookup_walk_other(struct lookup_walk *w, struct dnsclient *dc,
    const struct search_list *other, struct lookup_end *end)
{
	enum search_libc libc = lookup_other_libc(w);
	enum dns_outcome seen[SEARCH_CAND_CAP], o;
	size_t i, n = 0;

	end->name[0] = '\0';
	for (i = 0; i < other->ncand;) {
		o = ask_and_wait(w, dc, i, other->cand[i].name, 1);
		seen[n++] = o;
		memcpy(end->name, other->cand[i].name, RC_NAME_MAX);
		if (o == DNS_ANSWER) {
			end->outcome = DNS_ANSWER;
			return;
		}
		i = walk_next(other, i, o, libc);
	}
	end->outcome = final_outcome(libc, other, seen, n);
}

void
lookup_walk_free(struct lookup_walk *w)
{
	size_t i;

	for (i = 0; i < w->nq; i++)
		dnsclient_exchange_free(&w->q[i].x);
	w->nq = 0;
}
