#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "nsdebug.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define TEXT_CAP	4096

/*
 * Every expected text below is what nslookup 9.18.49 printed with
 * -debug for the same replies, from the test cluster's dnsmasq and from
 * tests/dns/scripted_dns.py.
 */

#define RRS(...)	(const struct dns_rr[]){ __VA_ARGS__ }, \
			NITEMS(((const struct dns_rr[]){ __VA_ARGS__ }))
#define NONE		NULL, 0

#define MYSQL		"mysql.default.svc.cluster.local"
#define DASHES		"------------\n"
#define QUESTION(q)	DASHES "    QUESTIONS:\n\t" q "\n"
#define AN		"    ANSWERS:\n"
#define NS		"    AUTHORITY RECORDS:\n"
#define AR		"    ADDITIONAL RECORDS:\n"

#define A_MYSQL		{ .name = MYSQL, .type = DNS_T_A, .rclass = 1, \
			  .addr = { 198, 18, 78, 144 } }
#define AAAA_MYSQL	{ .name = MYSQL, .type = DNS_T_AAAA, .rclass = 1, \
			  .addr = { 0xfd, 0, 1, 0x98, 0, 0x18, 0, 0, 0, 0, \
			  0, 0, 0, 0x78, 1, 0x44 } }
#define SOA_EXAMPLE	{ .name = "example", .type = DNS_T_SOA, .rclass = 1, \
			  .ttl = 30, .target = "ns.example", \
			  .rname = "hostmaster.example", \
			  .soa = { 1, 7200, 1800, 86400, 30 } }
#define SOA_TEXT	"    ->  example\n\torigin = ns.example\n" \
			"\tmail addr = hostmaster.example\n\tserial = 1\n" \
			"\trefresh = 7200\n\tretry = 1800\n\texpire = 86400\n" \
			"\tminimum = 30\n\tttl = 30\n"

struct msg_case {
	const char *qname;
	uint16_t qtype, qclass;
	const struct dns_rr *an;
	size_t nan;
	const struct dns_rr *ns;
	size_t nns;
	const struct dns_rr *ar;
	size_t nar;
	const char *want;
};

static const struct msg_case msg_cases[] = {
	{ MYSQL, DNS_T_A, 1, RRS(A_MYSQL), NONE, NONE,
	  QUESTION(MYSQL ", type = A, class = IN") AN
	  "    ->  " MYSQL "\n\tinternet address = 198.18.78.144\n"
	  "\tttl = 0\n" NS AR DASHES },
	{ MYSQL, DNS_T_AAAA, 1, RRS(AAAA_MYSQL), NONE, NONE,
	  QUESTION(MYSQL ", type = AAAA, class = IN") AN
	  "    ->  " MYSQL "\n\thas AAAA address fd00:198:18::78:144\n"
	  "\tttl = 0\n" NS AR DASHES },
	{ "nothere", DNS_T_A, 1, NONE, NONE, NONE,
	  QUESTION("nothere, type = A, class = IN") AN NS AR DASHES },
	{ "_mysql._tcp." MYSQL, DNS_T_SRV, 1,
	  RRS({ .name = "_mysql._tcp." MYSQL, .type = DNS_T_SRV,
	  .rclass = 1, .target = MYSQL, .weight = 100, .port = 3306 }),
	  NONE, RRS(A_MYSQL, AAAA_MYSQL),
	  QUESTION("_mysql._tcp." MYSQL ", type = SRV, class = IN") AN
	  "    ->  _mysql._tcp." MYSQL "\n"
	  "\tservice = 0 100 3306 " MYSQL ".\n\tttl = 0\n" NS AR
	  "    ->  " MYSQL "\n\tinternet address = 198.18.78.144\n"
	  "\tttl = 0\n"
	  "    ->  " MYSQL "\n\thas AAAA address fd00:198:18::78:144\n"
	  "\tttl = 0\n" DASHES },
	{ "registry.example.com", DNS_T_AAAA, 1, NONE, RRS(SOA_EXAMPLE),
	  NONE,
	  QUESTION("registry.example.com, type = AAAA, class = IN") AN NS
	  SOA_TEXT AR DASHES },
	{ "alias.example.com", DNS_T_A, 1,
	  RRS({ .name = "alias.example.com", .type = DNS_T_CNAME,
	  .rclass = 1, .ttl = 30, .target = "www.example.com" },
	  { .name = "www.example.com", .type = DNS_T_A, .rclass = 1,
	  .ttl = 30, .addr = { 198, 18, 70, 2 } }), NONE, NONE,
	  QUESTION("alias.example.com, type = A, class = IN") AN
	  "    ->  alias.example.com\n"
	  "\tcanonical name = www.example.com.\n\tttl = 30\n"
	  "    ->  www.example.com\n\tinternet address = 198.18.70.2\n"
	  "\tttl = 30\n" NS AR DASHES },
	{ "144.78.18.198.in-addr.arpa", DNS_T_PTR, 1,
	  RRS({ .name = "144.78.18.198.in-addr.arpa", .type = DNS_T_PTR,
	  .rclass = 1, .target = MYSQL }), NONE, NONE,
	  QUESTION("144.78.18.198.in-addr.arpa, type = PTR, class = IN") AN
	  "    ->  144.78.18.198.in-addr.arpa\n\tname = " MYSQL ".\n"
	  "\tttl = 0\n" NS AR DASHES },
	{ "txt.default.svc.cluster.local", DNS_T_TXT, 1,
	  RRS({ .name = "txt.default.svc.cluster.local", .type = DNS_T_TXT,
	  .rclass = 1, .text = "\"hello probe\"" }), NONE, NONE,
	  QUESTION("txt.default.svc.cluster.local, type = TXT, class = IN")
	  AN "    ->  txt.default.svc.cluster.local\n"
	  "\ttext = \"hello probe\"\n\tttl = 0\n" NS AR DASHES },
	{ "notaa.example.com", DNS_T_MX, 1,
	  RRS({ .name = "notaa.example.com", .type = DNS_T_MX, .rclass = 1,
	  .ttl = 30, .target = "mx.example.com", .prio = 10 }), NONE, NONE,
	  QUESTION("notaa.example.com, type = MX, class = IN") AN
	  "    ->  notaa.example.com\n"
	  "\tmail exchanger = 10 mx.example.com.\n\tttl = 30\n"
	  NS AR DASHES },
	{ "", 0, 0, NONE, NONE, NONE,
	  DASHES "    QUESTIONS:\n" AN NS AR DASHES },
	{ "x", 65280, 3, NONE, NONE, NONE,
	  QUESTION("x, type = TYPE65280, class = CH") AN NS AR DASHES },
	{ "x", DNS_T_A, 42, NONE, NONE, NONE,
	  QUESTION("x, type = A, class = CLASS42") AN NS AR DASHES },
};

/* An empty section has no array to copy from. */
static size_t
copy_rrs(struct dns_rr *to, const struct dns_rr *from, size_t n)
{
	if (n > 0)
		memcpy(to, from, n * sizeof(*from));
	return n;
}

static struct dns_msg *
build(const struct msg_case *c)
{
	struct dns_msg *m = calloc(1, sizeof(*m));

	ck_assert_ptr_nonnull(m);
	strcpy(m->qname, c->qname);
	m->qtype = c->qtype;
	m->qclass = c->qclass;
	m->nan = copy_rrs(m->an, c->an, c->nan);
	m->nns = copy_rrs(m->ns, c->ns, c->nns);
	m->nar = copy_rrs(m->ar, c->ar, c->nar);
	return m;
}

START_TEST(message)
{
	struct dns_msg *m = build(&msg_cases[_i]);
	char buf[TEXT_CAP];
	size_t n;

	n = nsdebug_message(m, buf, sizeof(buf));
	ck_assert_str_eq(buf, msg_cases[_i].want);
	ck_assert_uint_eq(n, strlen(msg_cases[_i].want));
	free(m);
}
END_TEST

/*
 * At every cap the whole length comes back and the buffer holds the
 * first cap - 1 bytes; cap 0 is given no buffer at all.
 */
START_TEST(small_caps)
{
	struct dns_msg *m = build(&msg_cases[3]);
	const char *want = msg_cases[3].want;
	size_t len = strlen(want), cap, kept;
	char *buf;

	for (cap = 0; cap <= len + 1; cap++) {
		buf = cap > 0 ? malloc(cap) : NULL;
		ck_assert_uint_eq(nsdebug_message(m, buf, cap), len);
		if (cap > 0) {
			kept = cap - 1 < len ? cap - 1 : len;
			ck_assert_uint_eq(strlen(buf), kept);
			ck_assert_int_eq(memcmp(buf, want, kept), 0);
		}
		free(buf);
	}
	free(m);
}
END_TEST

#define CNAME(from, to)	{ .name = from, .type = DNS_T_CNAME, .rclass = 1, \
			  .target = to }
#define AAAA(owner)	{ .name = owner, .type = DNS_T_AAAA, .rclass = 1 }

/* The question and the owners of the answer left, joined by spaces. */
static const struct {
	struct msg_case in;
	const char *want;
} follow_cases[] = {
	{ { "alias.example.com", DNS_T_AAAA, 1,
	    RRS(CNAME("alias.example.com", "www.example.com"),
	    AAAA("www.example.com")), NONE, NONE, NULL },
	  "www.example.com: www.example.com" },
	{ { "a.t", DNS_T_AAAA, 1,
	    RRS(CNAME("b.t", "c.t"), CNAME("A.T", "b.t"), AAAA("c.t")),
	    NONE, NONE, NULL },
	  "c.t: c.t" },
	{ { "a.t", DNS_T_AAAA, 1, RRS(CNAME("a.t", "b.t")), NONE, NONE,
	    NULL },
	  "b.t:" },
	{ { "a.t", DNS_T_AAAA, 1,
	    RRS(CNAME("a.t", "b.t"), CNAME("b.t", "a.t")), NONE, NONE, NULL },
	  "a.t:" },
	{ { "a.t", DNS_T_AAAA, 1, RRS(AAAA("a.t"), AAAA("a.t")), NONE, NONE,
	    NULL },
	  "a.t: a.t a.t" },
	{ { "a.t", DNS_T_AAAA, 1, NONE, NONE, NONE, NULL }, "a.t:" },
};

START_TEST(follow)
{
	struct dns_msg *m = build(&follow_cases[_i].in);
	char got[TEXT_CAP];
	size_t i;

	nsdebug_follow_cnames(m);
	strcpy(got, m->qname);
	strcat(got, ":");
	for (i = 0; i < m->nan; i++) {
		strcat(got, " ");
		strcat(got, m->an[i].name);
	}
	ck_assert_str_eq(got, follow_cases[_i].want);
	free(m);
}
END_TEST

Suite *
nsdebug_suite(void)
{
	Suite *s = suite_create("nsdebug");
	TCase *tc = tcase_create("nsdebug");

	tcase_add_loop_test(tc, message, 0, NITEMS(msg_cases));
	tcase_add_test(tc, small_caps);
	tcase_add_loop_test(tc, follow, 0, NITEMS(follow_cases));
	suite_add_tcase(s, tc);
	return s;
}
