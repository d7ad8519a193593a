#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"

/*
 * Candidates are written as the libc asks them: "name" for the name as
 * is, "name+i" for a suffix from search domain i, "name@i" for the name
 * as is asked where domain i is the root.  The expectations are what
 * glibc 2.36 (res_search) and musl 1.2.3 (getaddrinfo) were seen to ask
 * a DNS server that answers NXDOMAIN; the length limits were seen with
 * other splits of the same totals, as musl reads no search line over
 * 255 characters.  In a search list, "%N" is a domain of N characters.
 */
struct search_case {
	const char *what;
	const char *name;
	enum search_libc libc;
	int ndots;
	int no_tld_query;
	const char *search;	/* domains separated by spaces */
	const char *want;
	size_t dots;
	size_t skipped_long;
	int gave_up_at;		/* -1 when the libc went through the list */
};

#define F01_SEARCH	"team-a.svc.cluster.local svc.cluster.local " \
	"cluster.local c.proj.internal google.internal"
#define F01_WANT	"registry.example.com.team-a.svc.cluster.local+0 " \
	"registry.example.com.svc.cluster.local+1 " \
	"registry.example.com.cluster.local+2 " \
	"registry.example.com.c.proj.internal+3 " \
	"registry.example.com.google.internal+4 registry.example.com"
#define N9	"nnnnnnnnn"

static const struct search_case search_cases[] = {
	{ "F01 glibc: ndots:5, every suffix before the name",
	    "registry.example.com", SEARCH_GLIBC, 5, 0, F01_SEARCH,
	    F01_WANT, 2, 0, -1 },
	{ "F01 musl: the same six", "registry.example.com", SEARCH_MUSL,
	    5, 0, F01_SEARCH, F01_WANT, 2, 0, -1 },
	{ "F05a glibc: ndots:0, a single label as is first", "myservice",
	    SEARCH_GLIBC, 0, 0, "corp.example",
	    "myservice myservice.corp.example+0", 0, 0, -1 },
	{ "F05a musl: ndots:0, the name alone", "myservice", SEARCH_MUSL,
	    0, 0, "corp.example", "myservice", 0, 0, -1 },
	{ "F05b glibc: ndots:1, the suffix first", "printer", SEARCH_GLIBC,
	    1, 0, "corp.example", "printer.corp.example+0 printer", 0, 0,
	    -1 },
	{ "F05b musl: ndots:1, the suffix first", "printer", SEARCH_MUSL,
	    1, 0, "corp.example", "printer.corp.example+0 printer", 0, 0,
	    -1 },
	{ "glibc: enough dots, as is first, then the domains",
	    "www.example.com", SEARCH_GLIBC, 1, 0, "a.example b.example",
	    "www.example.com www.example.com.a.example+0 "
	    "www.example.com.b.example+1", 2, 0, -1 },
	{ "musl: enough dots, the name alone", "www.example.com",
	    SEARCH_MUSL, 1, 0, "a.example b.example", "www.example.com", 2,
	    0, -1 },
	{ "glibc: ndots:5 and five dots", "a.b.c.d.e.f", SEARCH_GLIBC, 5, 0,
	    "x.example", "a.b.c.d.e.f a.b.c.d.e.f.x.example+0", 5, 0, -1 },
	{ "glibc: ndots:5 and four dots", "a.b.c.d.e", SEARCH_GLIBC, 5, 0,
	    "x.example", "a.b.c.d.e.x.example+0 a.b.c.d.e", 4, 0, -1 },
	{ "F02 glibc: a trailing dot, the name alone, printed without it",
	    "www.example.com.", SEARCH_GLIBC, 5, 0, "a.example b.example",
	    "www.example.com", 2, 0, -1 },
	{ "F02 musl: a trailing dot", "svc.", SEARCH_MUSL, 5, 0,
	    "a.example", "svc", 0, 0, -1 },
	{ "glibc: no search list", "printer", SEARCH_GLIBC, 1, 0, "",
	    "printer", 0, 0, -1 },
	{ "musl: no search list", "printer", SEARCH_MUSL, 1, 0, "",
	    "printer", 0, 0, -1 },
	{ "glibc: no-tld-query drops a dotless name after the search",
	    "printer", SEARCH_GLIBC, 1, 1, "a.example b.example",
	    "printer.a.example+0 printer.b.example+1", 0, 0, -1 },
	{ "glibc: no-tld-query needs a search", "printer", SEARCH_GLIBC, 1,
	    1, "", "printer", 0, 0, -1 },
	{ "glibc: no-tld-query spares a name with dots", "a.b",
	    SEARCH_GLIBC, 5, 1, "x.example", "a.b.x.example+0 a.b", 1, 0,
	    -1 },
	{ "musl: knows no no-tld-query", "printer", SEARCH_MUSL, 1, 1,
	    "a.example b.example",
	    "printer.a.example+0 printer.b.example+1 printer", 0, 0, -1 },
	{ "glibc: the root asks the name in its place, not again at the "
	    "end", "printer", SEARCH_GLIBC, 1, 0, "a.example . b.example",
	    "printer.a.example+0 printer@1 printer.b.example+2", 0, 0, -1 },
	{ "glibc: the root asks a name tried first a second time", "x.y",
	    SEARCH_GLIBC, 1, 0, "a.example . b.example",
	    "x.y x.y.a.example+0 x.y@1 x.y.b.example+2", 1, 0, -1 },
	{ "glibc: the root with ndots:0", "printer", SEARCH_GLIBC, 0, 0,
	    ". b.example", "printer printer@0 printer.b.example+1", 0, 0,
	    -1 },
	{ "musl: the root ends the lookup", "printer", SEARCH_MUSL, 1, 0,
	    "a.example . b.example", "printer.a.example+0", 0, 0, 1 },
	{ "glibc: a leading dot is dropped", "printer", SEARCH_GLIBC, 1, 0,
	    ".lead.example b.example",
	    "printer.lead.example+0 printer.b.example+1 printer", 0, 0, -1 },
	{ "musl: a leading dot fails the lookup", "printer", SEARCH_MUSL, 1,
	    0, ".lead.example b.example", "", 0, 0, 0 },
	{ "glibc: an empty label ends the search, the name still asked",
	    "printer", SEARCH_GLIBC, 1, 0, "a..b c.example", "printer", 0,
	    0, 0 },
	{ "musl: an empty label fails the lookup", "printer", SEARCH_MUSL,
	    1, 0, "a..b c.example", "", 0, 0, 0 },
	{ "glibc: a suffix of exactly 253 characters is asked", N9,
	    SEARCH_GLIBC, 1, 0, "s.example %243 t.example",
	    N9 ".s.example+0 " N9 ".%243+1 " N9 ".t.example+2 " N9, 0, 0,
	    -1 },
	{ "glibc: a suffix over 253 characters ends the search", N9 "n",
	    SEARCH_GLIBC, 1, 0, "s.example %243 t.example",
	    N9 "n.s.example+0 " N9 "n", 0, 1, 1 },
	{ "musl: 254 characters fail the lookup", N9 "n", SEARCH_MUSL, 1, 0,
	    "s.example %243 t.example", N9 "n.s.example+0", 0, 1, 1 },
	{ "musl: 255 characters fail the lookup", N9 "nn", SEARCH_MUSL, 1,
	    0, "s.example %243 t.example", N9 "nn.s.example+0", 0, 1, 1 },
	{ "musl: 256 characters are skipped", N9 "nnn", SEARCH_MUSL, 1, 0,
	    "s.example %243 t.example",
	    N9 "nnn.s.example+0 " N9 "nnn.t.example+2 " N9 "nnn", 0, 1, -1 },
	{ "a trailing dot on a domain changes nothing", "db", SEARCH_GLIBC,
	    1, 0, "svc.example.", "db.svc.example+0 db", 0, 0, -1 },
};

static void
make_domain(char *out, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = (i % 61 == 60) ? '.' : 'a';
	out[n] = '\0';
}

static void
set_search(struct resolv_conf *rc, const char *list)
{
	char copy[1024], *save = NULL, *d;

	snprintf(copy, sizeof(copy), "%s", list);
	for (d = strtok_r(copy, " ", &save); d != NULL;
	    d = strtok_r(NULL, " ", &save)) {
		if (*d == '%')
			make_domain(rc->search[rc->nsearch], strtoul(d + 1,
			    NULL, 10));
		else
			snprintf(rc->search[rc->nsearch], RC_NAME_MAX, "%s", d);
		rc->nsearch++;
	}
}

/* "%243" in an expectation stands for that domain, too. */
static void
expand_want(const char *want, char *out, size_t cap)
{
	const char *p = strstr(want, "%243");

	if (p == NULL) {
		snprintf(out, cap, "%s", want);
		return;
	}
	snprintf(out, cap, "%.*s", (int)(p - want), want);
	make_domain(out + strlen(out), 243);
	snprintf(out + strlen(out), cap - strlen(out), "%s", p + 4);
}

static void
cands_text(const struct search_list *sl, char *buf, size_t cap)
{
	const struct search_cand *c;
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < sl->ncand && o < cap; i++) {
		c = &sl->cand[i];
		o += (size_t)snprintf(buf + o, cap - o, "%s%s", i > 0 ? " " :
		    "", c->name);
		if (c->origin == CAND_SUFFIX)
			o += (size_t)snprintf(buf + o, cap - o, "+%zu",
			    c->domain);
		else if (c->domain != SEARCH_NO_DOMAIN)
			o += (size_t)snprintf(buf + o, cap - o, "@%zu",
			    c->domain);
	}
}

START_TEST(test_search_cases)
{
	const struct search_case *c = &search_cases[_i];
	struct resolv_conf rc;
	struct search_list sl;
	char got[4096], want[4096];

	resolvconf_defaults(&rc);
	rc.ndots = c->ndots;
	rc.no_tld_query = c->no_tld_query;
	set_search(&rc, c->search);

	ck_assert_int_eq(search_expand(c->name, &rc, c->libc, &sl), SEARCH_OK);
	cands_text(&sl, got, sizeof(got));
	expand_want(c->want, want, sizeof(want));
	ck_assert_msg(strcmp(got, want) == 0, "%s:\n got \"%s\"\nwant \"%s\"",
	    c->what, got, want);
	ck_assert_uint_eq(sl.ndots_in_name, c->dots);
	ck_assert_int_eq(sl.trailing_dot,
	    c->name[strlen(c->name) - 1] == '.');
	ck_assert_uint_eq(sl.skipped_long, c->skipped_long);
	ck_assert_int_eq(sl.gave_up, c->gave_up_at >= 0);
	if (c->gave_up_at >= 0)
		ck_assert_uint_eq(sl.gave_up_at, (size_t)c->gave_up_at);
}
END_TEST

struct bad_name {
	const char *name;
	enum search_status st;
};

static const struct bad_name bad_names[] = {
	{ "", SEARCH_EMPTY_NAME },
	{ ".", SEARCH_EMPTY_NAME },
	{ ".a", SEARCH_EMPTY_LABEL },
	{ "a..b", SEARCH_EMPTY_LABEL },
	{ "a..", SEARCH_EMPTY_LABEL },
	{ "..", SEARCH_EMPTY_LABEL },
	{ "www.example.com..", SEARCH_EMPTY_LABEL },
	{ "%64", SEARCH_LABEL_TOO_LONG },
	{ "%64.example", SEARCH_LABEL_TOO_LONG },
	{ "%254", SEARCH_NAME_TOO_LONG },
	{ "%254.", SEARCH_NAME_TOO_LONG },
};

/* "%N" is a name of N characters in labels of 60, or one label of 64. */
static void
make_name(const char *spec, char *out)
{
	unsigned long n;
	char *rest;

	if (*spec != '%') {
		strcpy(out, spec);
		return;
	}
	n = strtoul(spec + 1, &rest, 10);
	if (n == 64) {
		memset(out, 'x', 64);
		out[64] = '\0';
	} else {
		make_domain(out, n);
	}
	strcat(out, rest);
}

START_TEST(test_search_bad_names)
{
	const struct bad_name *b = &bad_names[_i];
	struct resolv_conf rc;
	struct search_list sl, before;
	char name[300];

	make_name(b->name, name);
	resolvconf_defaults(&rc);
	set_search(&rc, "a.example");
	memset(&sl, 0xa5, sizeof(sl));
	before = sl;

	ck_assert_int_eq(search_expand(name, &rc, SEARCH_GLIBC, &sl), b->st);
	ck_assert_int_eq(search_expand(name, &rc, SEARCH_MUSL, &sl), b->st);
	ck_assert(memcmp(&sl, &before, sizeof(sl)) == 0);
}
END_TEST

/* The longest names allowed, with and without their dot. */
START_TEST(test_search_longest_name)
{
	struct resolv_conf rc;
	struct search_list sl;
	char name[300];

	resolvconf_defaults(&rc);
	set_search(&rc, "a.example");
	make_domain(name, 253);
	ck_assert_int_eq(search_expand(name, &rc, SEARCH_GLIBC, &sl),
	    SEARCH_OK);
	ck_assert_uint_eq(sl.ncand, 1);
	ck_assert_uint_eq(sl.skipped_long, 1);
	ck_assert_int_eq(sl.gave_up, 1);
	ck_assert_str_eq(sl.cand[0].name, name);
	ck_assert_uint_eq(sl.ndots_in_name, 4);

	strcat(name, ".");
	ck_assert_int_eq(search_expand(name, &rc, SEARCH_MUSL, &sl),
	    SEARCH_OK);
	ck_assert_uint_eq(sl.ncand, 1);
	ck_assert_uint_eq(strlen(sl.cand[0].name), 253);
	ck_assert_int_eq(sl.trailing_dot, 1);
}
END_TEST

/* One root per slot still fits: as is first, then every root. */
START_TEST(test_search_full_list)
{
	struct resolv_conf rc;
	struct search_list sl;
	size_t i;

	resolvconf_defaults(&rc);
	rc.ndots = 0;
	for (i = 0; i < RC_SEARCH_CAP; i++)
		strcpy(rc.search[i], ".");
	rc.nsearch = RC_SEARCH_CAP;

	ck_assert_int_eq(search_expand("db", &rc, SEARCH_GLIBC, &sl),
	    SEARCH_OK);
	ck_assert_uint_eq(sl.ncand, SEARCH_CAND_CAP);
	ck_assert_uint_eq(sl.cand[0].domain, SEARCH_NO_DOMAIN);
	ck_assert_uint_eq(sl.cand[RC_SEARCH_CAP].domain, RC_SEARCH_CAP - 1);
	ck_assert_int_eq(sl.cand[RC_SEARCH_CAP].origin, CAND_AS_IS);
}
END_TEST

START_TEST(test_search_strerror)
{
	ck_assert_str_eq(search_strerror(SEARCH_OK), "no error");
	ck_assert_str_eq(search_strerror(SEARCH_EMPTY_NAME), "empty name");
	ck_assert_str_eq(search_strerror(SEARCH_EMPTY_LABEL),
	    "empty label in name");
	ck_assert_str_eq(search_strerror(SEARCH_LABEL_TOO_LONG),
	    "label over 63 characters");
	ck_assert_str_eq(search_strerror(SEARCH_NAME_TOO_LONG),
	    "name over 253 characters");
	ck_assert_str_eq(search_strerror((enum search_status)99),
	    "unknown search status");
}
END_TEST

/* Names shown as BIND shows them, cut where the buffer ends. */
static const struct {
	const char *name;
	size_t cap;
	const char *want;
	size_t len;
} text_cases[] = {
	{ "db.svc.cluster.local", 64, "db.svc.cluster.local", 20 },
	{ "db.a.b\r", 64, "db.a.b\\013", 10 },
	{ "tab\there", 64, "tab\\009here", 11 },
	{ "sp ace.\x7f\xff", 64, "sp\\032ace.\\127\\255", 18 },
	{ "back\\.slash", 64, "back\\.slash", 11 },
	{ "a\rb", 3, "a", 6 },
	{ "a\rb", 5, "a", 6 },
	{ "a\rb", 6, "a\\013", 6 },
	{ "abc", 1, "", 3 },
};

START_TEST(test_search_name_text)
{
	char buf[64];
	size_t len;

	memset(buf, 'X', sizeof(buf));
	len = search_name_text(text_cases[_i].name, buf, text_cases[_i].cap);
	ck_assert_str_eq(buf, text_cases[_i].want);
	ck_assert_uint_eq(len, text_cases[_i].len);
}
END_TEST

Suite *
search_suite(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("expand");

	tcase_add_loop_test(tc, test_search_cases, 0,
	    (int)(sizeof(search_cases) / sizeof(search_cases[0])));
	tcase_add_loop_test(tc, test_search_bad_names, 0,
	    (int)(sizeof(bad_names) / sizeof(bad_names[0])));
	tcase_add_test(tc, test_search_longest_name);
	tcase_add_test(tc, test_search_full_list);
	tcase_add_test(tc, test_search_strerror);
	tcase_add_loop_test(tc, test_search_name_text, 0,
	    (int)(sizeof(text_cases) / sizeof(text_cases[0])));
	suite_add_tcase(s, tc);
	return s;
}
