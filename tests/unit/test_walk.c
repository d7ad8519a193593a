#include "unit.h"
#include "walk.h"

/* Suffixes first, then the name as is: a name with fewer than ndots. */
static const enum search_origin suffix_first[] = {
	CAND_SUFFIX, CAND_SUFFIX, CAND_SUFFIX, CAND_AS_IS,
};

/* The name as is first: a name with at least ndots dots (glibc). */
static const enum search_origin as_is_first[] = {
	CAND_AS_IS, CAND_SUFFIX, CAND_SUFFIX,
};

struct walk_case {
	const enum search_origin *origins;
	size_t ncand;
	size_t at;
	enum dns_outcome outcome;
	enum search_libc libc;
	size_t next;		/* ncand means the walk stops */
};

#define SF	suffix_first, 4
#define AF	as_is_first, 3

static const struct walk_case walk_cases[] = {
	{ SF, 0, DNS_NXDOMAIN, SEARCH_GLIBC, 1 },
	{ SF, 0, DNS_NODATA, SEARCH_GLIBC, 1 },
	{ SF, 1, DNS_SERVFAIL, SEARCH_GLIBC, 2 },
	{ SF, 0, DNS_TIMEOUT, SEARCH_GLIBC, 3 },
	{ SF, 1, DNS_REFUSED, SEARCH_GLIBC, 3 },
	{ SF, 2, DNS_BADREPLY, SEARCH_GLIBC, 3 },
	{ SF, 3, DNS_NXDOMAIN, SEARCH_GLIBC, 4 },
	{ SF, 3, DNS_TIMEOUT, SEARCH_GLIBC, 4 },
	{ SF, 1, DNS_ANSWER, SEARCH_GLIBC, 4 },
	{ AF, 0, DNS_TIMEOUT, SEARCH_GLIBC, 1 },
	{ AF, 0, DNS_SERVFAIL, SEARCH_GLIBC, 1 },
	{ AF, 0, DNS_NXDOMAIN, SEARCH_GLIBC, 1 },
	{ AF, 1, DNS_TIMEOUT, SEARCH_GLIBC, 3 },
	{ AF, 1, DNS_NXDOMAIN, SEARCH_GLIBC, 2 },
	{ AF, 0, DNS_ANSWER, SEARCH_GLIBC, 3 },
	{ SF, 0, DNS_NXDOMAIN, SEARCH_MUSL, 1 },
	{ SF, 0, DNS_NODATA, SEARCH_MUSL, 4 },
	{ SF, 0, DNS_SERVFAIL, SEARCH_MUSL, 4 },
	{ SF, 0, DNS_TIMEOUT, SEARCH_MUSL, 4 },
	{ SF, 2, DNS_REFUSED, SEARCH_MUSL, 4 },
	{ SF, 2, DNS_NXDOMAIN, SEARCH_MUSL, 3 },
	{ SF, 3, DNS_NXDOMAIN, SEARCH_MUSL, 4 },
	{ SF, 2, DNS_ANSWER, SEARCH_MUSL, 4 },
	{ SF, 9, DNS_NXDOMAIN, SEARCH_GLIBC, 4 },
};

START_TEST(test_walk_table)
{
	const struct walk_case *c = &walk_cases[_i];
	struct search_list list = { .ncand = c->ncand };
	size_t k;

	for (k = 0; k < c->ncand; k++)
		list.cand[k].origin = c->origins[k];
	ck_assert_uint_eq(walk_next(&list, c->at, c->outcome, c->libc),
	    c->next);
}
END_TEST

START_TEST(test_outcome_names)
{
	ck_assert_str_eq(dns_outcome_name(DNS_NXDOMAIN), "NXDOMAIN");
	ck_assert_str_eq(dns_outcome_name(DNS_NODATA), "NODATA");
	ck_assert_str_eq(dns_outcome_name(DNS_TIMEOUT), "timeout");
	ck_assert_str_eq(dns_outcome_name(DNS_SERVFAIL), "SERVFAIL");
}
END_TEST

Suite *
walk_suite(void)
{
	Suite *s = suite_create("walk");
	TCase *tc = tcase_create("rules");

	tcase_add_loop_test(tc, test_walk_table, 0,
	    (int)(sizeof(walk_cases) / sizeof(walk_cases[0])));
	tcase_add_test(tc, test_outcome_names);
	suite_add_tcase(s, tc);
	return s;
}
