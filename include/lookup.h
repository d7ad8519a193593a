/*
 * The lookup walk: each search candidate asked for one or two types,
 * every exchange kept for the trace, the libc's walk rules applied, and
 * optionally every candidate asked at once (--parallel).
 */
#ifndef PROBE_LOOKUP_H
#define PROBE_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

#include "dnsclient.h"
#include "search.h"
#include "walk.h"

#define LOOKUP_Q_CAP	(SEARCH_CAND_CAP * 4)

struct lookup_query {
	size_t cand;		/* index into the list it was asked for: the
				 * walk's, or the other libc's when extra */
	char name[RC_NAME_MAX];
	uint16_t qtype;
	struct dns_exchange x;
	enum dns_outcome outcome;
	size_t nrecords;	/* records of the type asked */
	int aa;			/* the reply was authoritative */
	int extra;		/* asked only to compare with the other libc */
	int settled;		/* outcome and counts are read */
};

struct lookup_walk {
	struct search_list list;
	enum search_libc libc;
	uint16_t qtype;		/* 0: A and AAAA */
	int parallel;
	int one_at_a_time;	/* single-request: A, then AAAA */

	struct lookup_query q[LOOKUP_Q_CAP];
	size_t nq;
	size_t walked[SEARCH_CAND_CAP];	/* candidates, in walk order */
	size_t nwalked;
	size_t answered;	/* index into list.cand, ncand if none */
	enum dns_outcome final;	/* the outcome the libc reports */
	int64_t took_ns;	/* wall time of the walk */
	int64_t serial_ns;	/* sum of the walked queries' times */
};

/* The outcome of candidate cand: its types' outcomes made one. */
enum dns_outcome lookup_candidate_outcome(const struct lookup_walk *w,
    size_t cand);

/*
 * The walk itself.  w->list, libc, qtype, parallel and one_at_a_time
 * are set by the caller.
 */
void lookup_walk_run(struct lookup_walk *w, struct dnsclient *dc);

/* Where a walk by the other libc ends. */
struct lookup_end {
	char name[RC_NAME_MAX];		/* the last candidate asked, or "" */
	enum dns_outcome outcome;	/* DNS_ANSWER if that one answered,
					 * else what that libc reports */
};

/* The libc that is not w's. */
enum search_libc lookup_other_libc(const struct lookup_walk *w);

/*
 * Where the other libc's walk over other, the same name expanded by its
 * rules, would end.  Candidates w has not asked yet are asked and marked
 * extra.
 */
void lookup_walk_other(struct lookup_walk *w, struct dnsclient *dc,
    const struct search_list *other, struct lookup_end *end);

void lookup_walk_free(struct lookup_walk *w);

#endif
