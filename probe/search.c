/*
 * The names a libc asks for one lookup, in order, if every one of them
 * fails.  Rules from resolv.conf(5), glibc 2.36 res_search
 * (resolv/res_query.c, __res_context_search) and musl 1.2.3
 * name_from_dns_search (src/network/lookup_name.c), each checked
 * against the libc itself with a DNS server that logs what it is asked.
 * What happens when a candidate does answer is walk's business.
 */
#include <string.h>

#include "search.h"

#define LABEL_MAX	63	/* RFC 1035 2.3.4 */
#define TEXT_MAX	253	/* 255 octets on the wire (RFC 1035 2.3.4) */
#define MUSL_BUF	256	/* musl builds a suffixed name in canon[256] */

enum suffix_fate {
	SUFFIX_ADDED,
	SUFFIX_TOO_LONG,	/* over TEXT_MAX */
	SUFFIX_BAD,		/* an empty label or one over LABEL_MAX */
};

static enum search_status
check_labels(const char *text, size_t len)
{
	size_t i, start = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && text[i] != '.')
			continue;
		if (i == start)
			return SEARCH_EMPTY_LABEL;
		if (i - start > LABEL_MAX)
			return SEARCH_LABEL_TOO_LONG;
		start = i + 1;
	}
	return SEARCH_OK;
}

/* A name ending in a dot is absolute (resolv.conf(5)): one is allowed. */
static enum search_status
check_name(const char *name, size_t *len, int *trailing)
{
	size_t n = name != NULL ? strlen(name) : 0;
	enum search_status st;

	if (n == 0 || (n == 1 && name[0] == '.'))
		return SEARCH_EMPTY_NAME;

	*trailing = name[n - 1] == '.';
	if (*trailing)
		n--;
	st = check_labels(name, n);
	if (st != SEARCH_OK)
		return st;
	if (n > TEXT_MAX)
		return SEARCH_NAME_TOO_LONG;
	*len = n;
	return SEARCH_OK;
}

static size_t
count_dots(const char *name, size_t len)
{
	size_t i, dots = 0;

	for (i = 0; i < len; i++)
		if (name[i] == '.')
			dots++;
	return dots;
}

static void
add_as_is(struct search_list *sl, const char *name, size_t len,
    size_t domain)
{
	struct search_cand *c;

	if (sl->ncand >= SEARCH_CAND_CAP)
		return;
	c = &sl->cand[sl->ncand++];
	memcpy(c->name, name, len);
	c->name[len] = '\0';
	c->origin = CAND_AS_IS;
	c->domain = domain;
}

/* A domain may hold one trailing dot when rc was not made by the parser. */
static size_t
domain_len(const char *d)
{
	size_t n = strnlen(d, RC_NAME_MAX - 1);

	return n > 1 && d[n - 1] == '.' ? n - 1 : n;
}

static enum suffix_fate
add_suffix(struct search_list *sl, const char *name, size_t len,
    const char *d, size_t domain)
{
	size_t dlen = domain_len(d), total = len + 1 + dlen;
	struct search_cand *c;

	if (total > TEXT_MAX)
		return SUFFIX_TOO_LONG;
	if (sl->ncand >= SEARCH_CAND_CAP)
		return SUFFIX_ADDED;

	c = &sl->cand[sl->ncand];
	memcpy(c->name, name, len);
	c->name[len] = '.';
	memcpy(c->name + len + 1, d, dlen);
	c->name[total] = '\0';
	if (check_labels(c->name, total) != SEARCH_OK)
		return SUFFIX_BAD;

	c->origin = CAND_SUFFIX;
	c->domain = domain;
	sl->ncand++;
	return SUFFIX_ADDED;
}

static void
give_up(struct search_list *sl, size_t domain, enum suffix_fate fate)
{
	if (fate == SUFFIX_TOO_LONG)
		sl->skipped_long++;
	sl->gave_up = 1;
	sl->gave_up_at = domain;
}

static size_t
nsearch(const struct resolv_conf *rc)
{
	return rc->nsearch < RC_SEARCH_CAP ? rc->nsearch : RC_SEARCH_CAP;
}

static int
enough_dots(const struct search_list *sl, const struct resolv_conf *rc)
{
	return rc->ndots <= 0 || sl->ndots_in_name >= (size_t)rc->ndots;
}

/*
 * glibc res_search: with dots >= ndots (so always with ndots:0, even a
 * single label) the name is asked as is first, and the domains follow
 * all the same.  A domain's leading dot is dropped; what is left empty
 * is the root, where the name is asked as is, even a second time.  A
 * suffix it cannot make a query of (too long, empty label) ends the
 * list: res_querydomain fails with NO_RECOVERY and the loop is "done".
 */
static void
expand_glibc(const char *name, size_t len, const struct resolv_conf *rc,
    struct search_list *sl)
{
	enum suffix_fate fate;
	const char *d;
	int asked = 0, root = 0;
	size_t i;

	if (enough_dots(sl, rc)) {
		add_as_is(sl, name, len, SEARCH_NO_DOMAIN);
		asked = 1;
	}

	for (i = 0; i < nsearch(rc) && !sl->gave_up; i++) {
		d = rc->search[i][0] == '.' ? rc->search[i] + 1 : rc->search[i];
		if (*d == '\0') {
			add_as_is(sl, name, len, i);
			root = 1;
			continue;
		}
		fate = add_suffix(sl, name, len, d, i);
		if (fate != SUFFIX_ADDED)
			give_up(sl, i, fate);
	}

	/* no-tld-query counts only for a dotless name after a search. */
	if (asked || root || (sl->ndots_in_name == 0 && nsearch(rc) > 0 &&
	    rc->no_tld_query))
		return;
	add_as_is(sl, name, len, SEARCH_NO_DOMAIN);
}

/*
 * musl name_from_dns_search: dots >= ndots means the name alone.
 * Otherwise each domain in turn: one that cannot fit canon[256] is
 * skipped, but one that fits and still makes no valid query ends the
 * lookup, and nothing after it is asked.  254 or 255 characters or an
 * empty label fail in __res_mkquery; the root "." makes "name..",
 * which 1.2.3 sends as a malformed question that no server answers
 * with NXDOMAIN.  musl knows no no-tld-query.
 */
static void
expand_musl(const char *name, size_t len, const struct resolv_conf *rc,
    struct search_list *sl)
{
	enum suffix_fate fate;
	size_t i;

	if (enough_dots(sl, rc)) {
		add_as_is(sl, name, len, SEARCH_NO_DOMAIN);
		return;
	}

	for (i = 0; i < nsearch(rc); i++) {
		if (len + 1 + domain_len(rc->search[i]) >= MUSL_BUF) {
			sl->skipped_long++;
			continue;
		}
		fate = add_suffix(sl, name, len, rc->search[i], i);
		if (fate != SUFFIX_ADDED) {
			give_up(sl, i, fate);
			return;
		}
	}
	add_as_is(sl, name, len, SEARCH_NO_DOMAIN);
}

enum search_status
search_expand(const char *name, const struct resolv_conf *rc,
    enum search_libc libc, struct search_list *out)
{
	enum search_status st;
	size_t len = 0;
	int trailing = 0;

	st = check_name(name, &len, &trailing);
	if (st != SEARCH_OK)
		return st;

	memset(out, 0, sizeof(*out));
	out->trailing_dot = trailing;
	out->ndots_in_name = count_dots(name, len);

	/* An absolute name is asked as is, by both libcs. */
	if (trailing)
		add_as_is(out, name, len, SEARCH_NO_DOMAIN);
	else if (libc == SEARCH_MUSL)
		expand_musl(name, len, rc, out);
	else
		expand_glibc(name, len, rc, out);
	return SEARCH_OK;
}

/* One byte of a name as BIND shows it; returns its length. */
static size_t
byte_text(unsigned char c, char out[4])
{
	if (c > 0x20 && c < 0x7f) {
		out[0] = (char)c;
		return 1;
	}
	out[0] = '\\';
	out[1] = (char)('0' + c / 100);
	out[2] = (char)('0' + c / 10 % 10);
	out[3] = (char)('0' + c % 10);
	return 4;
}

size_t
search_name_text(const char *name, char *buf, size_t cap)
{
	size_t len = 0, kept = 0, n;
	char piece[4];

	for (; *name != '\0'; name++) {
		n = byte_text((unsigned char)*name, piece);
		if (kept == len && len + n < cap) {
			memcpy(buf + len, piece, n);
			kept += n;
		}
		len += n;
	}
	if (cap > 0)
		buf[kept] = '\0';
	return len;
}

const char search_name_hint[] =
    "give a host name, as in mysql or mysql.default.svc";

const char *
search_strerror(enum search_status st)
{
	switch (st) {
	case SEARCH_OK:			return "no error";
	case SEARCH_EMPTY_NAME:		return "empty name";
	case SEARCH_EMPTY_LABEL:	return "empty label in name";
	case SEARCH_LABEL_TOO_LONG:	return "label over 63 characters";
	case SEARCH_NAME_TOO_LONG:	return "name over 253 characters";
	case SEARCH_NOMEM:		return "out of memory";
	}
	return "unknown search status";
}
