/*
 * The walk over search candidates, after glibc 2.36 (resolv/res_query.c,
 * __res_context_search) and musl 1.2.3 (src/network/lookup_name.c,
 * name_from_dns_search), as measured in a test cluster:
 *
 *   outcome    glibc                         musl
 *   NXDOMAIN   next                          next
 *   NODATA     next                          stop
 *   SERVFAIL   next                          stop
 *   timeout    stop the domains, still try   stop
 *              the name as is if not yet
 *   REFUSED    as for a timeout              stop
 *
 * A reply with records of the type asked ends glibc's walk even when
 * getaddrinfo then finds none of them usable (owned by another name):
 * resolve.c reports that name as NODATA, and the walk does not go on.
 */
#include "walk.h"

const char *
dns_outcome_name(enum dns_outcome o)
{
	switch (o) {
	case DNS_ANSWER:	return "answer";
	case DNS_NXDOMAIN:	return "NXDOMAIN";
	case DNS_NODATA:	return "NODATA";
	case DNS_SERVFAIL:	return "SERVFAIL";
	case DNS_REFUSED:	return "REFUSED";
	case DNS_TIMEOUT:	return "timeout";
	case DNS_UNREACHABLE:	return "server unreachable";
	case DNS_BADREPLY:	return "bad reply";
	}
	return "unknown";
}

/* The as-is candidate still to come after i, or ncand if none. */
static size_t
later_as_is(const struct search_list *list, size_t i)
{
	size_t j;

	for (j = i + 1; j < list->ncand; j++)
		if (list->cand[j].origin == CAND_AS_IS)
			return j;
	return list->ncand;
}

/*
 * glibc asks a name with enough dots as is before the domains, and any
 * failure there only sends it on to the domains.
 */
static size_t
glibc_next(const struct search_list *list, size_t i, enum dns_outcome o)
{
	if (list->cand[i].origin == CAND_AS_IS)
		return i + 1;

	switch (o) {
	case DNS_NXDOMAIN:
	case DNS_NODATA:
	case DNS_SERVFAIL:
		return i + 1;
	default:
		return later_as_is(list, i);
	}
}

size_t
walk_next(const struct search_list *list, size_t i, enum dns_outcome o,
    enum search_libc libc)
{
	if (o == DNS_ANSWER || i >= list->ncand)
		return list->ncand;

	if (libc == SEARCH_MUSL)
		return o == DNS_NXDOMAIN ? i + 1 : list->ncand;
	return glibc_next(list, i, o);
}
