#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "resolve.h"

#define N(a)		((int)(sizeof(a) / sizeof((a)[0])))
#define MAX_RRS		8

/*
 * A record as "OWNER TYPE DATA": DATA the last octet of an A address
 * (198.18.70.DATA) or an AAAA one (fd00::DATA), or a CNAME's target.
 */
struct rr_text {
	const char *owner;
	uint16_t type;
	const char *data;
};

/*
 * Each case is an answer to a question for qname; want lists the last
 * octets of the addresses taken, in order, as "1 2".  glibc's are what
 * its getaddrinfo (nss_dns gaih_getanswer_slice, 2.36) keeps; musl's
 * dns_parse_callback keeps every one.
 */
struct answer_case {
	const char *what;
	const char *qname;
	uint16_t qtype;
	struct rr_text rr[MAX_RRS];
	const char *glibc;
	const char *musl;
};

static const struct answer_case answer_cases[] = {
	{ "the name's own records", "db.example", DNS_T_A,
	    { { "db.example", DNS_T_A, "1" }, { "db.example", DNS_T_A, "2" } },
	    "1 2", "1 2" },
	{ "a record of another name is skipped", "db.example", DNS_T_A,
	    { { "other.example", DNS_T_A, "1" },
	      { "db.example", DNS_T_A, "2" } },
	    "2", "1 2" },
	{ "only records of other names: none taken", "db.example",
	    DNS_T_A, { { "other.example", DNS_T_A, "1" } }, "", "1" },
	{ "the owner compares without regard to case", "db.example",
	    DNS_T_A, { { "DB.Example", DNS_T_A, "1" } }, "1", "1" },
	{ "through the CNAME chain", "www.example", DNS_T_A,
	    { { "www.example", DNS_T_CNAME, "edge.example" },
	      { "edge.example", DNS_T_CNAME, "host.example" },
	      { "host.example", DNS_T_A, "3" } },
	    "3", "3" },
	{ "after a CNAME, the name asked no longer owns them",
	    "www.example", DNS_T_A,
	    { { "www.example", DNS_T_CNAME, "host.example" },
	      { "www.example", DNS_T_A, "1" },
	      { "host.example", DNS_T_A, "2" } },
	    "2", "1 2" },
	{ "a CNAME of any owner moves the name on", "www.example",
	    DNS_T_A,
	    { { "stray.example", DNS_T_CNAME, "host.example" },
	      { "host.example", DNS_T_A, "4" } },
	    "4", "4" },
	{ "a record before its CNAME is skipped", "www.example", DNS_T_A,
	    { { "host.example", DNS_T_A, "5" },
	      { "www.example", DNS_T_CNAME, "host.example" } },
	    "", "5" },
	{ "records of another type are no addresses", "db.example",
	    DNS_T_AAAA,
	    { { "db.example", DNS_T_A, "1" },
	      { "db.example", DNS_T_AAAA, "6" } },
	    "6", "6" },
	{ "a name with a carriage return", "db.a.b\\013", DNS_T_A,
	    { { "db.a.b\\013", DNS_T_A, "7" } }, "7", "7" },
};

static struct dns_msg *
make_msg(const char *qname, uint16_t qtype, const struct rr_text *rr)
{
	struct dns_msg *m = calloc(1, sizeof(*m));
	struct dns_rr *a;
	int last;

	ck_assert_ptr_nonnull(m);
	snprintf(m->qname, sizeof(m->qname), "%s", qname);
	m->qtype = qtype;
	for (; m->nan < MAX_RRS && rr[m->nan].owner != NULL; m->nan++) {
		a = &m->an[m->nan];
		snprintf(a->name, sizeof(a->name), "%s", rr[m->nan].owner);
		a->type = rr[m->nan].type;
		a->rclass = DNS_C_IN;
		if (a->type == DNS_T_CNAME) {
			snprintf(a->target, sizeof(a->target), "%s",
			    rr[m->nan].data);
			continue;
		}
		last = atoi(rr[m->nan].data);
		a->addr[0] = a->type == DNS_T_A ? 198 : 0xfd;
		a->addr[a->type == DNS_T_A ? 3 : 15] = (uint8_t)last;
	}
	return m;
}

static void
octets_text(uint8_t (*addr)[16], size_t n, uint16_t qtype, char *buf,
    size_t cap)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < n && o < cap; i++)
		o += (size_t)snprintf(buf + o, cap - o, "%s%u",
		    i > 0 ? " " : "", addr[i][qtype == DNS_T_A ? 3 : 15]);
}

static void
check_libc(const struct answer_case *c, enum search_libc libc,
    const char *want)
{
	struct dns_msg *m = make_msg(c->qname, c->qtype, c->rr);
	uint8_t addr[MAX_RRS][16];
	char got[64];
	size_t n;

	n = answer_addresses(m, c->qtype, libc, addr, MAX_RRS);
	octets_text(addr, n, c->qtype, got, sizeof(got));
	ck_assert_msg(strcmp(got, want) == 0, "%s (%s): got \"%s\", want "
	    "\"%s\"", c->what, libc == SEARCH_GLIBC ? "glibc" : "musl", got,
	    want);
	free(m);
}

START_TEST(test_answer_owners)
{
	check_libc(&answer_cases[_i], SEARCH_GLIBC, answer_cases[_i].glibc);
	check_libc(&answer_cases[_i], SEARCH_MUSL, answer_cases[_i].musl);
}
END_TEST

/*
 * What resolve keeps of an answer with own records of the name asked
 * and, first, foreign ones of another name, its header claiming
 * ancount (0: as many as there are): the addresses up to the cap, how
 * many were usable, and NODATA when none was.
 */
struct take_case {
	const char *what;
	size_t own, foreign, ancount;
	enum search_libc libc;
	size_t naddr, nfound;
	enum dns_outcome outcome;
};

static const struct take_case take_cases[] = {
	{ "one address", 1, 0, 0, SEARCH_GLIBC, 1, 1, DNS_ANSWER },
	{ "exactly the cap", DNS_ADDR_CAP, 0, 0, SEARCH_GLIBC,
	    DNS_ADDR_CAP, DNS_ADDR_CAP, DNS_ANSWER },
	{ "one over the cap", DNS_ADDR_CAP + 1, 0, 0, SEARCH_GLIBC,
	    DNS_ADDR_CAP, DNS_ADDR_CAP + 1, DNS_ANSWER },
	{ "200 records, 64 of them read: 32 kept, 200 found",
	    DNSMSG_RR_CAP, 0, 200, SEARCH_GLIBC, DNS_ADDR_CAP, 200,
	    DNS_ANSWER },
	{ "foreign records are not counted", 3, 5, 0, SEARCH_GLIBC, 3, 3,
	    DNS_ANSWER },
	{ "only foreign records: NODATA", 0, 4, 0, SEARCH_GLIBC, 0, 0,
	    DNS_NODATA },
	{ "musl counts foreign records", 0, 4, 0, SEARCH_MUSL, 4, 4,
	    DNS_ANSWER },
	{ "musl over the cap", 30, 30, 0, SEARCH_MUSL, DNS_ADDR_CAP, 60,
	    DNS_ANSWER },
};

static struct dns_msg *
many_records(size_t own, size_t foreign, size_t ancount)
{
	struct dns_msg *m = calloc(1, sizeof(*m));
	struct dns_rr *a;

	ck_assert_ptr_nonnull(m);
	ck_assert_uint_le(own + foreign, DNSMSG_RR_CAP);
	snprintf(m->qname, sizeof(m->qname), "big.example");
	for (; m->nan < own + foreign; m->nan++) {
		a = &m->an[m->nan];
		snprintf(a->name, sizeof(a->name), "%s",
		    m->nan < foreign ? "other.example" : "big.example");
		a->type = DNS_T_A;
		a->rclass = DNS_C_IN;
		a->addr[0] = 198;
		a->addr[3] = (uint8_t)m->nan;
	}
	m->ancount = (uint16_t)(ancount > 0 ? ancount : m->nan);
	return m;
}

START_TEST(test_answer_take)
{
	const struct take_case *c = &take_cases[_i];
	struct dns_msg *m = many_records(c->own, c->foreign, c->ancount);
	struct dns_result res;

	memset(&res, 0, sizeof(res));
	res.outcome = DNS_ANSWER;
	resolve_take_answer(m, DNS_T_A, c->libc, &res);
	ck_assert_msg(res.naddr == c->naddr && res.nfound == c->nfound &&
	    res.outcome == c->outcome, "%s: naddr %zu nfound %zu outcome %s",
	    c->what, res.naddr, res.nfound, dns_outcome_name(res.outcome));
	if (c->naddr > 0)
		ck_assert_uint_eq(res.addr[0][3], c->libc == SEARCH_GLIBC ?
		    c->foreign : 0);
	free(m);
}
END_TEST

START_TEST(test_answer_srv_port)
{
	struct dns_msg *m = calloc(1, sizeof(*m));
	struct dns_result res;

	ck_assert_ptr_nonnull(m);
	m->nan = 2;
	m->an[0].type = DNS_T_SRV;
	m->an[0].port = 3306;
	m->an[1].type = DNS_T_SRV;
	m->an[1].port = 3307;
	memset(&res, 0, sizeof(res));
	res.outcome = DNS_ANSWER;
	resolve_take_answer(m, DNS_T_SRV, SEARCH_GLIBC, &res);
	ck_assert_uint_eq(res.srv_port, 3306);
	ck_assert_uint_eq(res.naddr, 0);
	ck_assert_int_eq(res.outcome, DNS_ANSWER);
	free(m);
}
END_TEST

/* "a.example" A IN, as a question and as the owner of a CNAME. */
#define QUESTION	"\x01" "a" "\x07" "example" "\x00" "\x00\x01\x00\x01"
#define CNAME_RR	"\xc0\x0c\x00\x05\x00\x01\x00\x00\x00\x3c\x00\x0b" \
			"\x01" "b" "\x07" "example" "\x00"
#define HEADER(rcode, an) \
	"\x12\x34\x81" rcode "\x00\x01\x00" an "\x00\x00\x00\x00"

static const struct {
	const char *what;
	const char *bytes;
	size_t len;
	enum dns_outcome want;
} outcome_cases[] = {
#define REPLY(b)	b, sizeof(b) - 1
	{ "an empty answer is NODATA",
	    REPLY(HEADER("\x80", "\x00") QUESTION), DNS_NODATA },
	{ "a CNAME alone ends a libc's walk as an answer",
	    REPLY(HEADER("\x80", "\x01") QUESTION CNAME_RR), DNS_ANSWER },
	{ "NXDOMAIN", REPLY(HEADER("\x83", "\x00") QUESTION),
	    DNS_NXDOMAIN },
	{ "SERVFAIL", REPLY(HEADER("\x82", "\x00") QUESTION),
	    DNS_SERVFAIL },
	{ "REFUSED", REPLY(HEADER("\x85", "\x00") QUESTION), DNS_REFUSED },
	{ "a record cut short is a bad reply",
	    REPLY(HEADER("\x80", "\x01") QUESTION "\xc0\x0c\x00"),
	    DNS_BADREPLY },
#undef REPLY
};

START_TEST(test_answer_outcome)
{
	struct dns_exchange x;
	uint8_t *copy = malloc(outcome_cases[_i].len);

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, outcome_cases[_i].bytes, outcome_cases[_i].len);
	memset(&x, 0, sizeof(x));
	x.status = DNSX_REPLY;
	x.reply = copy;
	x.len = outcome_cases[_i].len;
	ck_assert_msg(answer_outcome(&x, NULL) == outcome_cases[_i].want,
	    "%s", outcome_cases[_i].what);
	free(copy);
}
END_TEST

Suite *
answer_suite(void)
{
	Suite *s = suite_create("answer");
	TCase *tc = tcase_create("addresses");

	tcase_add_loop_test(tc, test_answer_owners, 0, N(answer_cases));
	tcase_add_loop_test(tc, test_answer_take, 0, N(take_cases));
	tcase_add_test(tc, test_answer_srv_port);
	tcase_add_loop_test(tc, test_answer_outcome, 0, N(outcome_cases));
	suite_add_tcase(s, tc);
	return s;
}
