#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "resolvconf.h"

/*
 * Each case is a whole file and its whole reading: servers as
 * "addr@line" ("!" when the libc ignores it), the search list joined by
 * '|', every option, every warning as "line: text".  Where glibc 2.36
 * does something odd the expectation is what it was seen to do.
 */
struct rc_case {
	const char *what;
	const char *text;
	size_t len;		/* 0: strlen(text) */
	const char *localdomain;
	const char *res_options;
	const char *servers;
	size_t used;
	const char *search;
	enum rc_search_source source;
	int search_line;
	const char *options;
	const char *warnings;
};

#define DEFAULT_OPTIONS	"ndots:1 timeout:5 attempts:2"
#define BINARY	"\x7f\0\x01" "ELF\x02\nnameserver 10.0.0.1\0junk\n" \
	"search a.b\0c.d e.f\n\xff\xfe \"q\\\n"

static const struct rc_case rc_cases[] = {
	{ "empty input", "", 0, NULL, NULL,
	    "", 0, "", RC_SEARCH_NONE, 0, DEFAULT_OPTIONS, "" },
	{ "comments and blank lines",
	    "# made by hand\n; old style\n\n   \n\t\n"
	    "nameserver 10.0.0.1\n#nameserver 10.0.0.2\n", 0, NULL, NULL,
	    "10.0.0.1@6", 1, "", RC_SEARCH_NONE, 0, DEFAULT_OPTIONS, "" },
	{ "tabs between keyword and values",
	    "nameserver\t10.0.0.1\nsearch\ta.example\t b.example\n"
	    "options\tndots:2\ttimeout:3\n", 0, NULL, NULL,
	    "10.0.0.1@1", 1, "a.example|b.example", RC_SEARCH_LINE, 2,
	    "ndots:2 timeout:3 attempts:2", "" },
	{ "no newline at the end",
	    "nameserver 10.0.0.1\nsearch a.example", 0, NULL, NULL,
	    "10.0.0.1@1", 1, "a.example", RC_SEARCH_LINE, 2,
	    DEFAULT_OPTIONS, "" },
	{ "CRLF: the libc keeps the CR, so the server is lost",
	    "nameserver 10.0.0.1\r\nsearch a.example b.example\r\n"
	    "options ndots:3\r\n", 0, NULL, NULL,
	    "", 0, "a.example|b.example\r", RC_SEARCH_LINE, 2,
	    "ndots:3 timeout:5 attempts:2",
	    "1: CRLF line ends: glibc keeps each carriage return in the "
	    "last word of its line\n"
	    "1: nameserver 10.0.0.1 ends in a carriage return: glibc skips "
	    "the line\n"
	    "2: search domain \"b.example\\r\" keeps the carriage return: "
	    "glibc asks names that end in it\n" },
	{ "CRLF after a blank: the address is whole, the CR a word",
	    "nameserver 10.0.0.1 \r\nnameserver fd00::10\r\n"
	    "domain a.example \r\n# done\r\n", 0, NULL, NULL,
	    "10.0.0.1@1", 1, "a.example", RC_SEARCH_DOMAIN, 3,
	    DEFAULT_OPTIONS,
	    "1: CRLF line ends: glibc keeps each carriage return in the "
	    "last word of its line\n"
	    "2: nameserver fd00::10 ends in a carriage return: glibc skips "
	    "the line\n" },
	{ "a bad address with a CR is still not an address",
	    "nameserver not-an-ip\r\n", 0, NULL, NULL,
	    "", 0, "", RC_SEARCH_NONE, 0, DEFAULT_OPTIONS,
	    "1: CRLF line ends: glibc keeps each carriage return in the "
	    "last word of its line\n"
	    "1: nameserver \"not-an-ip\\r\" is not an address: the libc "
	    "skips it\n" },
	{ "F08: two search lines, four servers, a final domain line",
	    "search a.example b.example\nnameserver 198.18.0.10\n"
	    "search c.example\nnameserver 198.18.0.11\n"
	    "nameserver 198.18.0.12\nnameserver 198.18.0.13\n"
	    "domain corp.example\n", 0, NULL, NULL,
	    "198.18.0.10@2 198.18.0.11@4 198.18.0.12@5 198.18.0.13@6!", 3,
	    "corp.example", RC_SEARCH_DOMAIN, 7, DEFAULT_OPTIONS,
	    "1: search line overridden by search on line 3\n"
	    "6: nameserver 198.18.0.13 is the 4th: the libc uses only the "
	    "first 3\n"
	    "3: search line overridden by domain on line 7\n" },
	{ "a search line after a domain line",
	    "domain corp.example\nsearch a.example\n", 0, NULL, NULL,
	    "", 0, "a.example", RC_SEARCH_LINE, 2, DEFAULT_OPTIONS,
	    "1: domain line overridden by search on line 2\n" },
	{ "options clamped to the libc's limits",
	    "options ndots:20 timeout:99 attempts:9\n", 0, NULL, NULL,
	    "", 0, "", RC_SEARCH_NONE, 0, "ndots:15 timeout:30 attempts:5",
	    "1: ndots:20 clamped to 15\n1: timeout:99 clamped to 30\n"
	    "1: attempts:9 clamped to 5\n" },
	{ "a huge ndots is clamped, not wrapped",
	    "options ndots:99999999999\n", 0, NULL, NULL,
	    "", 0, "", RC_SEARCH_NONE, 0, "ndots:15 timeout:5 attempts:2",
	    "1: ndots:99999999999 clamped to 15\n" },
	{ "values without digits are 0, as glibc's atoi reads them",
	    "options ndots:4\noptions ndots:abc\noptions ndots:-1 timeout:\n"
	    "options attempts:3x ndots:+2 timeout:1\n", 0, NULL, NULL,
	    "", 0, "", RC_SEARCH_NONE, 0, "ndots:2 timeout:1 attempts:3",
	    "2: ndots:abc is not a number: glibc reads it as 0, musl "
	    "leaves it at 4\n"
	    "3: ndots:-1 is negative: left at 0\n"
	    "3: timeout: has no value: glibc reads it as 0, musl leaves "
	    "it at 5\n"
	    "3: timeout:0: glibc waits 1 s for each reply all the same\n"
	    "4: attempts:3x read as attempts:3\n" },
	{ "an empty ndots is 0",
	    "options ndots:\n", 0, NULL, NULL,
	    "", 0, "", RC_SEARCH_NONE, 0, "ndots:0 timeout:5 attempts:2",
	    "1: ndots: has no value: glibc reads it as 0, musl leaves it "
	    "at 1\n" },
	{ "an empty ndots before a CRLF line end is 0 too",
	    "options ndots:\r\n", 0, NULL, NULL,
	    "", 0, "", RC_SEARCH_NONE, 0, "ndots:0 timeout:5 attempts:2",
	    "1: CRLF line ends: glibc keeps each carriage return in the "
	    "last word of its line\n"
	    "1: ndots: has no value: glibc reads it as 0, musl leaves it "
	    "at 1\n" },
	{ "timeout and attempts of 0",
	    "options timeout:0 attempts:0\n", 0, NULL, NULL,
	    "", 0, "", RC_SEARCH_NONE, 0, "ndots:1 timeout:0 attempts:0",
	    "1: timeout:0: glibc waits 1 s for each reply all the same\n"
	    "1: attempts:0: glibc sends no query at all, so every lookup "
	    "fails at once\n" },
	{ "every flag, accumulated over several lines",
	    "options rotate edns0 use-vc\noptions single-request\n"
	    "options single-request-reopen trust-ad no-tld-query\n", 0,
	    NULL, NULL, "", 0, "", RC_SEARCH_NONE, 0,
	    DEFAULT_OPTIONS " rotate edns0 use-vc single-request "
	    "single-request-reopen trust-ad no-tld-query", "" },
	{ "harmless options, the old spelling, prefixes, unknown ones",
	    "options debug no-check-names no-reload inet6 no-aaaa\n"
	    "options no_tld_query rotatex edns0x ndots bogus:1\n", 0,
	    NULL, NULL, "", 0, "", RC_SEARCH_NONE, 0,
	    DEFAULT_OPTIONS " rotate edns0 no-tld-query",
	    "1: option inet6 has had no effect since glibc 2.30\n"
	    "1: option no-aaaa: the libc asks for no AAAA records\n"
	    "2: option \"rotatex\" read as rotate\n"
	    "2: option \"edns0x\" read as edns0\n"
	    "2: unknown option \"ndots\"\n"
	    "2: unknown option \"bogus:1\"\n" },
	{ "unknown keywords, case counts, sortlist taken",
	    "nameserverr 10.0.0.1\nOptions ndots:2\n"
	    "sortlist 10.0.0.0/255.0.0.0\nnameserver:10.0.0.2\n", 0,
	    NULL, NULL, "", 0, "", RC_SEARCH_NONE, 0, DEFAULT_OPTIONS,
	    "1: unknown keyword \"nameserverr\"\n"
	    "2: unknown keyword \"Options\"\n"
	    "4: unknown keyword \"nameserver:10.0.0.2\"\n" },
	{ "binary junk and NUL bytes",
	    BINARY, sizeof(BINARY) - 1, NULL, NULL,
	    "10.0.0.1@2", 1, "a.b", RC_SEARCH_LINE, 3, DEFAULT_OPTIONS,
	    "1: NUL byte in the line: the libc reads only what comes "
	    "before it\n"
	    "1: unknown keyword \"\\x7f\"\n"
	    "2: NUL byte in the line: the libc reads only what comes "
	    "before it\n"
	    "3: NUL byte in the line: the libc reads only what comes "
	    "before it\n"
	    "4: unknown keyword \"\\xff\\xfe\"\n" },
	{ "F09: IPv6 with a zone kept whole, short IPv4, bad addresses",
	    "nameserver fe80::1%eth0\nnameserver fe80::2\n"
	    "nameserver 2001:db8::53\nnameserver 10.1\n"
	    "nameserver not-an-ip\nnameserver 1.2.3.4%eth0\n", 0,
	    NULL, NULL,
	    "fe80::1%eth0@1 fe80::2@2 2001:db8::53@3 10.0.0.1@4!", 3, "",
	    RC_SEARCH_NONE, 0, DEFAULT_OPTIONS,
	    "2: nameserver fe80::2 is link-local without a zone: no "
	    "interface to reach it through\n"
	    "4: nameserver 10.1 is read as 10.0.0.1\n"
	    "4: nameserver 10.0.0.1 is the 4th: the libc uses only the "
	    "first 3\n"
	    "5: nameserver \"not-an-ip\" is not an address: the libc skips "
	    "it\n"
	    "6: nameserver \"1.2.3.4%eth0\" is not an address: the libc "
	    "skips it\n" },
	{ "only the first address of a nameserver line",
	    "nameserver 10.0.0.1 10.0.0.2\nnameserver 10.0.0.3 # main\n",
	    0, NULL, NULL, "10.0.0.1@1 10.0.0.3@2", 2, "", RC_SEARCH_NONE,
	    0, DEFAULT_OPTIONS,
	    "1: only the first address on a nameserver line is used\n" },
	{ "lines that start with a blank are skipped",
	    " nameserver 10.0.0.1\n\t# indented comment\n"
	    "  search a.example\n", 0, NULL, NULL,
	    "", 0, "", RC_SEARCH_NONE, 0, DEFAULT_OPTIONS,
	    "1: line starts with a blank: the libc ignores it\n"
	    "3: line starts with a blank: the libc ignores it\n" },
	{ "keywords without a value",
	    "search\nnameserver \t\noptions\ndomain\n", 0, NULL, NULL,
	    "", 0, "", RC_SEARCH_NONE, 0, DEFAULT_OPTIONS,
	    "1: search line without a value: the libc ignores it\n"
	    "2: nameserver line without a value: the libc ignores it\n"
	    "3: options line without a value: the libc ignores it\n"
	    "4: domain line without a value: the libc ignores it\n" },
	{ "trailing dots, the root, a comment taken as domains",
	    "search cluster.local. . a.. svc.example # old\n", 0,
	    NULL, NULL, "", 0, "cluster.local|.|a..|svc.example|#|old",
	    RC_SEARCH_LINE, 1, DEFAULT_OPTIONS,
	    "1: search domain \"#\" is not a comment: the libc takes it and "
	    "what follows as domains\n" },
	{ "a domain line takes one name",
	    "domain corp.example. other.example\n", 0, NULL, NULL,
	    "", 0, "corp.example", RC_SEARCH_DOMAIN, 1, DEFAULT_OPTIONS,
	    "1: a domain line takes one name: \"other.example\" and what "
	    "follows are ignored\n" },
	{ "LOCALDOMAIN replaces the file's search line",
	    "search a.example b.example\n", 0, "x.example\ty.example", NULL,
	    "", 0, "x.example|y.example", RC_SEARCH_LOCALDOMAIN, 0,
	    DEFAULT_OPTIONS,
	    "1: search line overridden by LOCALDOMAIN\n" },
	{ "LOCALDOMAIN with no search line in the file",
	    "", 0, "corp.example.", NULL,
	    "", 0, "corp.example", RC_SEARCH_LOCALDOMAIN, 0,
	    DEFAULT_OPTIONS, "0: search list set by LOCALDOMAIN\n" },
	{ "an empty LOCALDOMAIN searches the root alone",
	    "domain corp.example\n", 0, "", NULL,
	    "", 0, ".", RC_SEARCH_LOCALDOMAIN, 0, DEFAULT_OPTIONS,
	    "1: domain line overridden by LOCALDOMAIN\n"
	    "0: LOCALDOMAIN has an empty first domain: the libc searches "
	    "the root first\n" },
	{ "LOCALDOMAIN with a leading blank puts the root first",
	    "", 0, " x.example  y.example\nz.example", NULL,
	    "", 0, ".|x.example|y.example", RC_SEARCH_LOCALDOMAIN, 0,
	    DEFAULT_OPTIONS,
	    "0: search list set by LOCALDOMAIN\n"
	    "0: LOCALDOMAIN has an empty first domain: the libc searches "
	    "the root first\n" },
	{ "RES_OPTIONS read after the file",
	    "options ndots:5 timeout:2\n", 0, NULL,
	    "ndots:2 rotate ndots:40 bogus attempts:z",
	    "", 0, "", RC_SEARCH_NONE, 0,
	    "ndots:15 timeout:2 attempts:0 rotate",
	    "0: RES_OPTIONS sets ndots:2 (was 5)\n"
	    "0: RES_OPTIONS sets rotate\n"
	    "0: RES_OPTIONS: ndots:40 clamped to 15\n"
	    "0: RES_OPTIONS sets ndots:15 (was 2)\n"
	    "0: RES_OPTIONS: unknown option \"bogus\"\n"
	    "0: RES_OPTIONS: attempts:z is not a number: glibc reads it as "
	    "0, musl leaves it at 2\n"
	    "0: RES_OPTIONS: attempts:0: glibc sends no query at all, so "
	    "every lookup fails at once\n"
	    "0: RES_OPTIONS sets attempts:0 (was 2)\n" },
	{ "an empty RES_OPTIONS changes nothing",
	    "options ndots:5\n", 0, NULL, "",
	    "", 0, "", RC_SEARCH_NONE, 0, "ndots:5 timeout:5 attempts:2",
	    "" },
};

static void
expect(const char *what, const char *field, const char *got,
    const char *want)
{
	ck_assert_msg(strcmp(got, want) == 0,
	    "%s: %s:\n got \"%s\"\nwant \"%s\"", what, field, got, want);
}

static void
servers_text(const struct resolv_conf *rc, char *buf, size_t cap)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < rc->nns && o < cap; i++)
		o += (size_t)snprintf(buf + o, cap - o, "%s%s@%d%s",
		    i > 0 ? " " : "", rc->ns[i].addr, rc->ns[i].line,
		    rc->ns[i].ignored ? "!" : "");
}

static void
search_text(const struct resolv_conf *rc, char *buf, size_t cap)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < rc->nsearch && o < cap; i++)
		o += (size_t)snprintf(buf + o, cap - o, "%s%s",
		    i > 0 ? "|" : "", rc->search[i]);
}

static void
options_text(const struct resolv_conf *rc, char *buf, size_t cap)
{
	snprintf(buf, cap, "ndots:%d timeout:%d attempts:%d%s%s%s%s%s%s%s",
	    rc->ndots, rc->timeout, rc->attempts,
	    rc->rotate ? " rotate" : "", rc->edns0 ? " edns0" : "",
	    rc->use_vc ? " use-vc" : "",
	    rc->single_request ? " single-request" : "",
	    rc->single_request_reopen ? " single-request-reopen" : "",
	    rc->trust_ad ? " trust-ad" : "",
	    rc->no_tld_query ? " no-tld-query" : "");
}

static void
warnings_text(const struct resolv_conf *rc, char *buf, size_t cap)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < rc->nwarn && o < cap; i++)
		o += (size_t)snprintf(buf + o, cap - o, "%d: %s\n",
		    rc->warn[i].line, rc->warn[i].text);
}

START_TEST(test_rc_cases)
{
	const struct rc_case *c = &rc_cases[_i];
	struct resolv_conf rc;
	char got[8192];
	size_t len = c->len > 0 ? c->len : strlen(c->text);

	resolvconf_parse(c->text, len, c->localdomain, c->res_options, &rc);

	servers_text(&rc, got, sizeof(got));
	expect(c->what, "servers", got, c->servers);
	ck_assert_uint_eq(resolvconf_used_servers(&rc), c->used);

	search_text(&rc, got, sizeof(got));
	expect(c->what, "search", got, c->search);
	ck_assert_int_eq(rc.search_source, c->source);
	ck_assert_int_eq(rc.search_line, c->search_line);

	options_text(&rc, got, sizeof(got));
	expect(c->what, "options", got, c->options);

	warnings_text(&rc, got, sizeof(got));
	expect(c->what, "warnings", got, c->warnings);
}
END_TEST

START_TEST(test_rc_defaults)
{
	struct resolv_conf rc;
	char got[256];

	memset(&rc, 0x5a, sizeof(rc));
	resolvconf_defaults(&rc);
	options_text(&rc, got, sizeof(got));
	expect("defaults", "options", got, DEFAULT_OPTIONS);
	ck_assert_uint_eq(rc.nns, 0);
	ck_assert_uint_eq(rc.nsearch, 0);
	ck_assert_uint_eq(rc.nwarn, 0);
	ck_assert_int_eq(rc.search_source, RC_SEARCH_NONE);
	ck_assert_int_eq(rc.search_line, 0);
	ck_assert_uint_eq(resolvconf_used_servers(&rc), 0);
}
END_TEST

/* The warning list ends in one that says more were dropped. */
START_TEST(test_rc_warning_cap)
{
	struct resolv_conf rc;
	char text[2048];
	size_t i, o = 0;

	for (i = 0; i < 100; i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o, "junk%zu\n",
		    i);
	resolvconf_parse(text, o, NULL, NULL, &rc);

	ck_assert_uint_eq(rc.nwarn, RC_WARN_CAP);
	ck_assert_int_eq(rc.warn[RC_WARN_CAP - 2].line, RC_WARN_CAP - 1);
	ck_assert_str_eq(rc.warn[RC_WARN_CAP - 2].text,
	    "unknown keyword \"junk62\"");
	ck_assert_int_eq(rc.warn[RC_WARN_CAP - 1].line, 0);
	ck_assert_str_eq(rc.warn[RC_WARN_CAP - 1].text,
	    "too many warnings: the rest were dropped");
}
END_TEST

START_TEST(test_rc_server_cap)
{
	struct resolv_conf rc;
	char text[1024];
	size_t i, o = 0;

	for (i = 1; i <= RC_NS_CAP + 2; i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o,
		    "nameserver 198.18.0.%zu\n", i);
	resolvconf_parse(text, o, NULL, NULL, &rc);

	ck_assert_uint_eq(rc.nns, RC_NS_CAP);
	ck_assert_uint_eq(resolvconf_used_servers(&rc), RC_MAXNS);
	ck_assert_str_eq(rc.ns[RC_NS_CAP - 1].addr, "198.18.0.16");
	ck_assert_int_eq(rc.ns[RC_NS_CAP - 1].line, RC_NS_CAP);
	ck_assert(rc.ns[RC_NS_CAP - 1].ignored);
	ck_assert_uint_eq(rc.nwarn, RC_NS_CAP - RC_MAXNS + 2);
	ck_assert_str_eq(rc.warn[RC_NS_CAP - RC_MAXNS - 1].text,
	    "nameserver 198.18.0.16 is the 16th: the libc uses only the "
	    "first 3");
	ck_assert_str_eq(rc.warn[RC_NS_CAP - RC_MAXNS + 1].text,
	    "nameserver 198.18.0.18 not kept: more than 16 lines");
	ck_assert_int_eq(rc.warn[RC_NS_CAP - RC_MAXNS + 1].line, 18);
}
END_TEST

/* 33 domains, then one of 254 characters after a trailing dot is cut. */
START_TEST(test_rc_search_caps)
{
	static char text[2048];
	struct resolv_conf rc;
	size_t i, o;

	o = (size_t)snprintf(text, sizeof(text), "search");
	for (i = 0; i <= RC_SEARCH_CAP; i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o, " d%zu", i);
	o += (size_t)snprintf(text + o, sizeof(text) - o, "\nsearch ");
	memset(text + o, 'a', 254);
	o += 254;
	memcpy(text + o, ". ok.example.\n", 14);
	o += 14;
	resolvconf_parse(text, 0, NULL, NULL, &rc);
	ck_assert_uint_eq(rc.nsearch, 0);
	resolvconf_parse(NULL, 0, NULL, NULL, &rc);
	ck_assert_uint_eq(rc.nwarn, 0);
	resolvconf_parse(text, o, NULL, NULL, &rc);

	ck_assert_uint_eq(rc.nsearch, 1);
	ck_assert_str_eq(rc.search[0], "ok.example");
	ck_assert_uint_eq(rc.nwarn, 3);
	ck_assert_str_eq(rc.warn[0].text,
	    "search domain \"d32\" dropped: more than 32 domains");
	ck_assert_str_eq(rc.warn[1].text,
	    "search line overridden by search on line 2");
	ck_assert_int_eq(rc.warn[2].line, 2);
	ck_assert_str_eq(rc.warn[2].text, "search domain \"aaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaa...\" is over 253 characters: dropped");
}
END_TEST

/* Values run up to 253 characters: the longest that fits is kept. */
START_TEST(test_rc_longest_domain)
{
	char text[300];
	struct resolv_conf rc;

	memcpy(text, "domain ", 7);
	memset(text + 7, 'b', 253);
	resolvconf_parse(text, 7 + 253, NULL, NULL, &rc);

	ck_assert_uint_eq(rc.nsearch, 1);
	ck_assert_uint_eq(strlen(rc.search[0]), 253);
	ck_assert_uint_eq(rc.nwarn, 0);
}
END_TEST

Suite *
resolvconf_suite(void)
{
	Suite *s = suite_create("resolvconf");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_rc_cases, 0,
	    (int)(sizeof(rc_cases) / sizeof(rc_cases[0])));
	tcase_add_test(tc, test_rc_defaults);
	tcase_add_test(tc, test_rc_warning_cap);
	tcase_add_test(tc, test_rc_server_cap);
	tcase_add_test(tc, test_rc_search_caps);
	tcase_add_test(tc, test_rc_longest_domain);
	suite_add_tcase(s, tc);
	return s;
}
