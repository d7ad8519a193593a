/*
 * What a libc does after each candidate of a search list: the outcome of
 * one query decides whether the walk goes on, jumps or stops.  Pure.
 */
#ifndef PROBE_WALK_H
#define PROBE_WALK_H

#include <stddef.h>

#include "search.h"

enum dns_outcome {
	DNS_ANSWER,		/* NOERROR with records of the type asked */
	DNS_NXDOMAIN,		/* rcode 3 */
	DNS_NODATA,		/* NOERROR, no records of that type */
	DNS_SERVFAIL,		/* rcode 2 from every server */
	DNS_REFUSED,		/* rcode 5, or another refusal */
	DNS_TIMEOUT,		/* no server answered */
	DNS_UNREACHABLE,	/* every server refused the connection */
	DNS_BADREPLY,		/* an answer that could not be read */
};

const char *dns_outcome_name(enum dns_outcome o);

/*
 * Index of the next candidate to ask after candidate i had outcome o,
 * or list->ncand when the walk ends there.
 */
size_t walk_next(const struct search_list *list, size_t i,
    enum dns_outcome o, enum search_libc libc);

#endif
