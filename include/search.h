/*
 * The ordered list of names a libc asks for one lookup, from the name
 * and the search list (res_search in glibc, name_from_dns_search in
 * musl).  Pure: no I/O.
 */
#ifndef PROBE_SEARCH_H
#define PROBE_SEARCH_H

#include <stddef.h>

#include "resolvconf.h"

#define SEARCH_CAND_CAP	(RC_SEARCH_CAP + 1)
#define SEARCH_NO_DOMAIN	((size_t)-1)

enum search_libc {
	SEARCH_GLIBC,
	SEARCH_MUSL,
};

enum search_origin {
	CAND_AS_IS,		/* the name as given */
	CAND_SUFFIX,		/* the name with search domain `domain` */
};

/*
 * domain is the 0-based index into rc->search of the suffix; for
 * CAND_AS_IS, of the root "." where glibc asked the name, otherwise
 * SEARCH_NO_DOMAIN.
 */
struct search_cand {
	char name[RC_NAME_MAX];	/* fully qualified, no trailing dot */
	enum search_origin origin;
	size_t domain;
};

enum search_status {
	SEARCH_OK = 0,
	SEARCH_EMPTY_NAME,	/* "" or "." alone */
	SEARCH_EMPTY_LABEL,	/* "a..b", ".a", "a.." */
	SEARCH_LABEL_TOO_LONG,	/* a label over 63 octets (RFC 1035) */
	SEARCH_NAME_TOO_LONG,	/* over 253 octets in text (RFC 1035) */
	SEARCH_NOMEM,		/* no memory to walk the list */
};

struct search_list {
	struct search_cand cand[SEARCH_CAND_CAP];
	size_t ncand;
	size_t ndots_in_name;	/* dots in the name, a trailing one aside */
	int trailing_dot;	/* the name ended in a dot */
	size_t skipped_long;	/* suffixes dropped as too long */
	int gave_up;		/* the libc left the search list at */
	size_t gave_up_at;	/* this domain: no query can be made of it */
};

/*
 * Expands name through rc's search list and ndots by the rules of libc.
 * On success fills out; on failure leaves out untouched.
 */
enum search_status search_expand(const char *name,
    const struct resolv_conf *rc, enum search_libc libc,
    struct search_list *out);

const char *search_strerror(enum search_status st);

/*
 * name as BIND shows a name, safe to print: a byte outside 0x21-0x7e
 * as \DDD.  A search domain can hold any byte but a blank, a carriage
 * return from a CRLF resolv.conf among them, and so can the names made
 * from it.  Writes at most cap bytes with a NUL and returns the length
 * it wanted, as snprintf does.
 */
size_t search_name_text(const char *name, char *buf, size_t cap);

/* Room for any name search_name_text writes, with its NUL. */
#define SEARCH_TEXT_MAX	(RC_NAME_MAX * 4)

/* What to do about a name search_expand refused. */
extern const char search_name_hint[];

#endif
