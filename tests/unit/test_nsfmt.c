#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nsfmt.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define TEXT_CAP	2048

/*
 * Every expected text below is what nslookup 9.18.49 printed for the
 * same records, served on loopback by dnsmasq or by hand-made replies.
 */

#define U16(v)		((v) >> 8) & 0xff, (v) & 0xff
#define U32(v)		((v) >> 24) & 0xff, ((v) >> 16) & 0xff, \
			((v) >> 8) & 0xff, (v) & 0xff
#define HDR(id, fl, qd, an, ns, ar) \
			U16(id), U16(fl), U16(qd), U16(an), U16(ns), U16(ar)
#define QIN(type)	U16(type), U16(1)
#define RR(type, cl, ttl, rdlen) \
			U16(type), U16(cl), U32(ttl), U16(rdlen)
#define PTR(off)	0xc0 | ((off) >> 8), (off) & 0xff
#define MSG(...)	(const uint8_t[]){ __VA_ARGS__ }, \
			sizeof((const uint8_t[]){ __VA_ARGS__ })

#define N_T		1, 't', 0
#define N_MYSQL		5, 'm', 'y', 's', 'q', 'l', \
			7, 'd', 'e', 'f', 'a', 'u', 'l', 't', \
			3, 's', 'v', 'c', \
			7, 'c', 'l', 'u', 's', 't', 'e', 'r', \
			5, 'l', 'o', 'c', 'a', 'l', 0
#define ESC_LABELS	3, 'a', '.', 'b', 3, 'c', ' ', 'd', \
			9, 'q', '"', '(', 'x', ')', ';', '\\', '@', '$', \
			3, 0x00, 0x7f, 0xff
#define ESC_TEXT	"a\\.b.c\\032d.q\\\"\\(x\\)\\;\\\\\\@\\$." \
			"\\000\\127\\255"
#define BYTES_0_39	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, \
			16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, \
			29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39
#define ZERO16		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0

#define MYSQL		"mysql.default.svc.cluster.local"
#define SOA_1_TO_5	"\tserial = 1\n\trefresh = 2\n\tretry = 3\n" \
			"\texpire = 4\n\tminimum = 5\n"

/* The text and the length a call returned. */
#define ASSERT_TEXT(call, buf, want) do {				\
	size_t n_ = (call);						\
	ck_assert_str_eq((buf), (want));				\
	ck_assert_uint_eq(n_, strlen(want));				\
} while (0)

static const struct {
	struct dns_rr rr;
	const char *want;
} rr_cases[] = {
	{ { .name = MYSQL, .type = DNS_T_A, .rclass = 1,
	    .addr = { 198, 18, 78, 144 } },
	  "Name:\t" MYSQL "\nAddress: 198.18.78.144\n" },
	{ { .name = MYSQL, .type = DNS_T_AAAA, .rclass = 1,
	    .addr = { 0xfd, 0, 1, 0x98, 0, 0x18, 0, 0, 0, 0, 0, 0, 0, 0x78, 1,
	    0x44 } },
	  "Name:\t" MYSQL "\nAddress: fd00:198:18::78:144\n" },
	{ { .name = "aaaa.t", .type = DNS_T_AAAA, .rclass = 1 },
	  "Name:\taaaa.t\nAddress: ::\n" },
	{ { .name = "aaaa.t", .type = DNS_T_AAAA, .rclass = 1,
	    .addr = { [10] = 0xff, 0xff, 1, 2, 3, 4 } },
	  "Name:\taaaa.t\nAddress: ::ffff:1.2.3.4\n" },
	{ { .name = "aaaa.t", .type = DNS_T_AAAA, .rclass = 1,
	    .addr = { 0x20, 1, 0xd, 0xb8, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0,
	    1 } },
	  "Name:\taaaa.t\nAddress: 2001:db8:0:1:0:1:0:1\n" },
	{ { .name = "www.example.com", .type = DNS_T_CNAME, .rclass = 1,
	    .target = "web.example.com" },
	  "www.example.com\tcanonical name = web.example.com.\n" },
	{ { .name = "_mysql._tcp." MYSQL, .type = DNS_T_SRV, .rclass = 1,
	    .target = MYSQL, .prio = 0, .weight = 100, .port = 3306 },
	  "_mysql._tcp." MYSQL "\tservice = 0 100 3306 " MYSQL ".\n" },
	{ { .name = "root.t", .type = DNS_T_SRV, .rclass = 1,
	    .target = "." },
	  "root.t\tservice = 0 0 0 .\n" },
	{ { .name = "144.78.18.198.in-addr.arpa", .type = DNS_T_PTR,
	    .rclass = 1, .target = MYSQL },
	  "144.78.18.198.in-addr.arpa\tname = " MYSQL ".\n" },
	{ { .name = "txt.default.svc.cluster.local", .type = DNS_T_TXT,
	    .rclass = 1, .text = "\"hello probe\"" },
	  "txt.default.svc.cluster.local\ttext = \"hello probe\"\n" },
	{ { .name = "multi.example.com", .type = DNS_T_TXT, .rclass = 1,
	    .text = "\"a b\" \"q\\\"uote\" \"back\\\\slash\"" },
	  "multi.example.com\ttext = \"a b\" \"q\\\"uote\" "
	  "\"back\\\\slash\"\n" },
	{ { .name = "example.com", .type = DNS_T_MX, .rclass = 1,
	    .target = "mail.example.com", .prio = 10 },
	  "example.com\tmail exchanger = 10 mail.example.com.\n" },
	{ { .name = "root.t", .type = DNS_T_MX, .rclass = 1, .target = "." },
	  "root.t\tmail exchanger = 0 .\n" },
	{ { .name = "ns.t", .type = DNS_T_NS, .rclass = 1,
	    .target = "ns1.t" },
	  "ns.t\tnameserver = ns1.t.\n" },
	{ { .name = ".", .type = DNS_T_NS, .rclass = 1, .target = "." },
	  ".\tnameserver = .\n" },
	{ { .name = "example.com", .type = DNS_T_SOA, .rclass = 1,
	    .target = "ns1.example.com", .rname = "hostmaster.example.com",
	    .soa = { 2024010101, 3600, 600, 86400, 600 } },
	  "example.com\n\torigin = ns1.example.com\n"
	  "\tmail addr = hostmaster.example.com\n\tserial = 2024010101\n"
	  "\trefresh = 3600\n\tretry = 600\n\texpire = 86400\n"
	  "\tminimum = 600\n" },
	{ { .name = "soaa.t", .type = DNS_T_SOA, .rclass = 1, .target = ".",
	    .rname = ".", .soa = { 4294967295u, 2, 3, 4, 5 } },
	  "soaa.t\n\torigin = .\n\tmail addr = .\n\tserial = 4294967295\n"
	  "\trefresh = 2\n\tretry = 3\n\texpire = 4\n\tminimum = 5\n" },
	{ { .name = "hinfo.t", .type = DNS_T_HINFO, .rclass = 1,
	    .text = "\"cpu\" \"os\"" },
	  "hinfo.t\thinfo = \"cpu\" \"os\"\n" },
	{ { .name = "dname.t", .type = DNS_T_DNAME, .rclass = 1,
	    .target = "d.t" },
	  "dname.t\tdname = d.t.\n" },
	{ { .name = "dname.t", .type = DNS_T_SPF, .rclass = 1,
	    .text = "\"spf\"" },
	  "dname.t\trdata_99 = \"spf\"\n" },
	{ { .name = "unk.t", .type = 65280, .rclass = 1,
	    .text = "\\# 4 01020304", .opaque = 1 },
	  "unk.t\trdata_65280 = \\# 4 01020304\n" },
	{ { .name = "t10.t", .type = 10, .rclass = 1, .text = "\\# 2 0102",
	    .opaque = 1 },
	  "t10.t\trtype_10 = \\# 2 0102\n" },
	{ { .name = "x", .type = DNS_T_A, .rclass = 3,
	    .text = "\\# 4 01020304", .opaque = 1 },
	  "Name:\tx\nAddress: \\# 4 01020304\n" },
};

START_TEST(rr)
{
	char buf[TEXT_CAP];

	ASSERT_TEXT(nsfmt_rr(&rr_cases[_i].rr, buf, sizeof(buf)), buf,
	    rr_cases[_i].want);
}
END_TEST

/* The same records' words and rdata alone, as -debug shows them. */
static const struct {
	size_t rr;		/* index into rr_cases */
	const char *want;
} rdata_cases[] = {
	{ 0, "internet address = 198.18.78.144" },
	{ 1, "has AAAA address fd00:198:18::78:144" },
	{ 6, "service = 0 100 3306 " MYSQL "." },
	{ 15, "origin = ns1.example.com\n"
	  "\tmail addr = hostmaster.example.com\n\tserial = 2024010101\n"
	  "\trefresh = 3600\n\tretry = 600\n\texpire = 86400\n"
	  "\tminimum = 600" },
	{ 20, "rdata_65280 = \\# 4 01020304" },
};

START_TEST(rdata)
{
	char buf[TEXT_CAP];

	ASSERT_TEXT(nsfmt_rdata(&rr_cases[rdata_cases[_i].rr].rr, buf,
	    sizeof(buf)), buf, rdata_cases[_i].want);
}
END_TEST

/*
 * nslookup's words for each type it printed in the short form; rdata
 * kept in RFC 3597 form follows them as it is.
 */
static const struct {
	uint16_t type;
	const char *words;
} word_cases[] = {
	{ 2, "nameserver = " }, { 3, "md = " }, { 4, "mf = " },
	{ 5, "canonical name = " }, { 7, "mb = " }, { 8, "mg = " },
	{ 9, "mr = " }, { 10, "rtype_10 = " }, { 11, "protocol = " },
	{ 12, "name = " }, { 13, "hinfo = " }, { 14, "minfo = " },
	{ 15, "mail exchanger = " }, { 16, "text = " }, { 17, "rp = " },
	{ 18, "afsdb = " }, { 19, "x25 address = " },
	{ 20, "isdn address = " }, { 21, "rt = " }, { 22, "nsap = " },
	{ 23, "nsap_ptr = " }, { 24, "signature = " }, { 25, "key = " },
	{ 26, "px = " }, { 27, "gpos = " }, { 29, "loc = " },
	{ 30, "next = " }, { 31, "rtype_31 = " }, { 32, "rtype_32 = " },
	{ 33, "service = " }, { 34, "rtype_34 = " }, { 35, "naptr = " },
	{ 36, "kx = " }, { 37, "cert = " }, { 38, "v6 address = " },
	{ 39, "dname = " }, { 40, "rtype_40 = " }, { 99, "rdata_99 = " },
	{ 257, "rdata_257 = " }, { 65280, "rdata_65280 = " },
};

START_TEST(words)
{
	struct dns_rr r = { .name = "t", .rclass = 1, .text = "\\# 1 00",
	    .opaque = 1 };
	char buf[128], want[128];

	r.type = word_cases[_i].type;
	snprintf(want, sizeof(want), "t\t%s\\# 1 00\n", word_cases[_i].words);
	ASSERT_TEXT(nsfmt_rr(&r, buf, sizeof(buf)), buf, want);
}
END_TEST

/* Whole messages through the decoder, as nslookup printed them. */
static const struct {
	const char *name;
	const uint8_t *msg;
	size_t len;
	const char *answer;
	const char *authority;
} msg_cases[] = {
	{ "mysql A", MSG(HDR(1, 0x8580, 1, 1, 0, 0), N_MYSQL, QIN(1),
	    PTR(12), RR(1, 1, 0, 4), 198, 18, 78, 144),
	  "Name:\t" MYSQL "\nAddress: 198.18.78.144\n", NULL },
	{ "mysql AAAA", MSG(HDR(2, 0x8580, 1, 1, 0, 0), N_MYSQL, QIN(28),
	    PTR(12), RR(28, 1, 0, 16), 0xfd, 0, 1, 0x98, 0, 0x18, 0, 0,
	    0, 0, 0, 0, 0, 0x78, 1, 0x44),
	  "Name:\t" MYSQL "\nAddress: fd00:198:18::78:144\n", NULL },
	{ "wire order, duplicates kept", MSG(HDR(3, 0x8400, 1, 5, 0, 0),
	    5, 'o', 'r', 'd', 'e', 'r', N_T, QIN(1),
	    PTR(12), RR(1, 1, 60, 4), 1, 1, 1, 1,
	    5, 'o', 't', 'h', 'e', 'r', PTR(18), RR(1, 1, 60, 4), 3, 3, 3, 3,
	    PTR(12), RR(5, 1, 60, 4), 1, 'x', PTR(18),
	    5, 'O', 'R', 'D', 'E', 'R', PTR(18), RR(1, 1, 60, 4), 2, 2, 2, 2,
	    PTR(12), RR(1, 1, 60, 4), 1, 1, 1, 1),
	  "Name:\torder.t\nAddress: 1.1.1.1\n"
	  "Name:\tother.t\nAddress: 3.3.3.3\n"
	  "order.t\tcanonical name = x.t.\n"
	  "Name:\tORDER.t\nAddress: 2.2.2.2\n"
	  "Name:\torder.t\nAddress: 1.1.1.1\n", NULL },
	{ "escapes in names", MSG(HDR(4, 0x8400, 1, 2, 0, 0),
	    3, 'e', 's', 'c', N_T, QIN(1),
	    ESC_LABELS, PTR(12), RR(1, 1, 60, 4), 1, 2, 3, 4,
	    PTR(12), RR(5, 1, 60, 24), ESC_LABELS, PTR(16)),
	  "Name:\t" ESC_TEXT ".esc.t\nAddress: 1.2.3.4\n"
	  "esc.t\tcanonical name = " ESC_TEXT ".t.\n", NULL },
	{ "escapes in strings", MSG(HDR(5, 0x8400, 1, 1, 0, 0),
	    3, 't', 'x', 't', N_T, QIN(16), PTR(12), RR(16, 1, 60, 30),
	    0, 8, 't', 'a', 'b', '\t', 'h', 'e', 'r', 'e', 3, 0, 0x7f, 0xff,
	    8, 's', 'e', 'm', 'i', ';', 'a', 't', '@',
	    6, 's', 'p', ' ', 'a', 'c', 'e'),
	  "txt.t\ttext = \"\" \"tab\\009here\" \"\\000\\127\\255\" "
	  "\"semi;at@\" \"sp ace\"\n", NULL },
	{ "unknown type", MSG(HDR(6, 0x8400, 1, 3, 0, 0),
	    3, 'u', 'n', 'k', N_T, QIN(65280),
	    PTR(12), RR(65280, 1, 60, 4), 1, 2, 3, 4,
	    PTR(12), RR(65280, 1, 60, 0),
	    PTR(12), RR(65280, 1, 60, 40), BYTES_0_39),
	  "unk.t\trdata_65280 = \\# 4 01020304\n"
	  "unk.t\trdata_65280 = \\# 0\n"
	  "unk.t\trdata_65280 = \\# 40 000102030405060708090A0B0C0D0E0F"
	  "101112131415161718191A1B 1C1D1E1F2021222324252627\n", NULL },
	{ "root names", MSG(HDR(7, 0x8400, 1, 3, 0, 0),
	    4, 'r', 'o', 'o', 't', N_T, QIN(33),
	    PTR(12), RR(33, 1, 60, 7), 0, 0, 0, 0, 0, 0, 0,
	    PTR(12), RR(15, 1, 60, 3), 0, 0, 0,
	    0, RR(2, 1, 60, 1), 0),
	  "root.t\tservice = 0 0 0 .\n"
	  "root.t\tmail exchanger = 0 .\n"
	  ".\tnameserver = .\n", NULL },
	{ "authority and glue", MSG(HDR(8, 0x8180, 1, 1, 2, 3),
	    4, 'a', 'u', 't', 'h', N_T, QIN(15),
	    PTR(12), RR(15, 1, 60, 7), U16(5), 2, 'm', 'x', PTR(17),
	    PTR(17), RR(2, 1, 60, 6), 3, 'n', 's', '1', PTR(17),
	    PTR(17), RR(6, 1, 60, 28), 1, 'm', PTR(17), 1, 'h', PTR(17),
	    U32(1), U32(2), U32(3), U32(4), U32(5),
	    PTR(55), RR(1, 1, 60, 4), 9, 9, 9, 9,
	    PTR(55), RR(28, 1, 60, 16), ZERO16,
	    0, RR(41, 1232, 0, 0)),
	  "auth.t\tmail exchanger = 5 mx.t.\n",
	  "\nAuthoritative answers can be found from:\n"
	  "t\tnameserver = ns1.t.\n"
	  "t\n\torigin = m.t\n\tmail addr = h.t\n" SOA_1_TO_5
	  "ns1.t\tinternet address = 9.9.9.9\n"
	  "ns1.t\thas AAAA address ::\n" },
	{ "NODATA", MSG(HDR(9, 0x8180, 1, 0, 1, 0),
	    6, 'n', 'o', 'd', 'a', 't', 'a', N_T, QIN(15),
	    PTR(19), RR(6, 1, 60, 28), 1, 'm', PTR(19), 1, 'h', PTR(19),
	    U32(1), U32(2), U32(3), U32(4), U32(5)),
	  "",
	  "\nAuthoritative answers can be found from:\n"
	  "t\n\torigin = m.t\n\tmail addr = h.t\n" SOA_1_TO_5 },
};

static struct dns_msg *
decode(size_t i)
{
	struct dns_msg *m = malloc(sizeof(*m));

	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(dnsmsg_decode(msg_cases[i].msg, msg_cases[i].len, m),
	    DNSMSG_OK);
	return m;
}

START_TEST(answer)
{
	struct dns_msg *m = decode(_i);
	char buf[TEXT_CAP];

	ASSERT_TEXT(nsfmt_answer(m, buf, sizeof(buf)), buf,
	    msg_cases[_i].answer);
	if (msg_cases[_i].authority != NULL)
		ASSERT_TEXT(nsfmt_authority(m, buf, sizeof(buf)), buf,
		    msg_cases[_i].authority);
	free(m);
}
END_TEST

static const struct {
	const char *asked;
	const char *outcome;
	const char *want;
} failure_cases[] = {
	{ "nothere", "NXDOMAIN", "** server can't find nothere: NXDOMAIN\n" },
	{ "sf.t", "SERVFAIL", "** server can't find sf.t: SERVFAIL\n" },
	{ "ref.t", "REFUSED", "** server can't find ref.t: REFUSED\n" },
	{ "r11.t", "RESERVED11", "** server can't find r11.t: RESERVED11\n" },
	{ "redis", "No answer", "*** Can't find redis: No answer\n" },
	{ "silent.t", "timeout", ";; no servers could be reached\n" },
	{ ESC_TEXT ".t", "NXDOMAIN",
	  "** server can't find " ESC_TEXT ".t: NXDOMAIN\n" },
};

START_TEST(failure)
{
	char buf[256];

	ASSERT_TEXT(nsfmt_failure(failure_cases[_i].asked,
	    failure_cases[_i].outcome, buf, sizeof(buf)), buf,
	    failure_cases[_i].want);
}
END_TEST

START_TEST(lines)
{
	char buf[256];

	ASSERT_TEXT(nsfmt_server("198.18.0.10", "198.18.0.10", 53, buf,
	    sizeof(buf)), buf,
	    "Server:\t\t198.18.0.10\nAddress:\t198.18.0.10#53\n\n");
	ASSERT_TEXT(nsfmt_server("127.0.0.1", "127.0.0.1", 5353, buf,
	    sizeof(buf)), buf,
	    "Server:\t\t127.0.0.1\nAddress:\t127.0.0.1#5353\n\n");
	ASSERT_TEXT(nsfmt_server("dns", "198.18.0.10", 53, buf, sizeof(buf)),
	    buf, "Server:\t\tdns\nAddress:\t198.18.0.10#53\n\n");
	ASSERT_TEXT(nsfmt_nonauth(buf, sizeof(buf)), buf,
	    "Non-authoritative answer:\n");
	ASSERT_TEXT(nsfmt_comm_error("127.0.0.1", 5300, "timed out", buf,
	    sizeof(buf)), buf,
	    ";; communications error to 127.0.0.1#5300: timed out\n");
	ASSERT_TEXT(nsfmt_comm_error("127.0.0.1", 5999, "connection refused",
	    buf, sizeof(buf)), buf, ";; communications error to "
	    "127.0.0.1#5999: connection refused\n");
	ASSERT_TEXT(nsfmt_servfail("127.0.0.1", buf, sizeof(buf)), buf,
	    ";; Got SERVFAIL reply from 127.0.0.1\n");
	ASSERT_TEXT(nsfmt_conn_failed("198.18.0.11", 53, "mysql",
	    "timed out", buf, sizeof(buf)), buf, ";; Connection to "
	    "198.18.0.11#53(198.18.0.11) for mysql failed: timed out.\n");
	ASSERT_TEXT(nsfmt_conn_failed("198.18.0.10", 5399, "mysql",
	    "connection refused", buf, sizeof(buf)), buf, ";; Connection "
	    "to 198.18.0.10#5399(198.18.0.10) for mysql failed: connection "
	    "refused.\n");
}
END_TEST

/* The pieces of one lookup, put together, as nslookup showed it. */
START_TEST(transcript)
{
	static const uint8_t msg[] = { HDR(1, 0x8180, 1, 2, 0, 0),
	    3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
	    3, 'c', 'o', 'm', 0, QIN(1),
	    PTR(12), RR(5, 1, 300, 6), 3, 'w', 'e', 'b', PTR(16),
	    PTR(45), RR(1, 1, 300, 4), 198, 18, 40, 1 };
	struct dns_msg *m = malloc(sizeof(*m));
	char buf[TEXT_CAP];
	size_t n;

	ck_assert_int_eq(dnsmsg_decode(msg, sizeof(msg), m), DNSMSG_OK);
	n = nsfmt_server("127.0.0.1", "127.0.0.1", 5353, buf, sizeof(buf));
	if (!m->aa)
		n += nsfmt_nonauth(buf + n, sizeof(buf) - n);
	n += nsfmt_answer(m, buf + n, sizeof(buf) - n);

	ck_assert_str_eq(buf, "Server:\t\t127.0.0.1\n"
	    "Address:\t127.0.0.1#5353\n\n"
	    "Non-authoritative answer:\n"
	    "www.example.com\tcanonical name = web.example.com.\n"
	    "Name:\tweb.example.com\nAddress: 198.18.40.1\n");
	ck_assert_uint_eq(n, strlen(buf));
	free(m);
}
END_TEST

static size_t
cap_server(char *buf, size_t cap)
{
	return nsfmt_server("198.18.0.10", "198.18.0.10", 53, buf, cap);
}

static size_t
cap_srv(char *buf, size_t cap)
{
	return nsfmt_rr(&rr_cases[6].rr, buf, cap);
}

static size_t
cap_soa(char *buf, size_t cap)
{
	return nsfmt_rr(&rr_cases[15].rr, buf, cap);
}

static size_t
cap_answer(char *buf, size_t cap)
{
	struct dns_msg *m = decode(2);
	size_t n = nsfmt_answer(m, buf, cap);

	free(m);
	return n;
}

static size_t
cap_authority(char *buf, size_t cap)
{
	struct dns_msg *m = decode(7);
	size_t n = nsfmt_authority(m, buf, cap);

	free(m);
	return n;
}

static size_t
cap_failure(char *buf, size_t cap)
{
	return nsfmt_failure("nothere", "NXDOMAIN", buf, cap);
}

static size_t
cap_nonauth(char *buf, size_t cap)
{
	return nsfmt_nonauth(buf, cap);
}

static size_t
cap_comm(char *buf, size_t cap)
{
	return nsfmt_comm_error("127.0.0.1", 53, "timed out", buf, cap);
}

static size_t
cap_servfail(char *buf, size_t cap)
{
	return nsfmt_servfail("127.0.0.1", buf, cap);
}

static const struct {
	size_t (*fn)(char *, size_t);
	const char *want;
} cap_cases[] = {
	{ cap_server, "Server:\t\t198.18.0.10\nAddress:\t198.18.0.10#53\n\n" },
	{ cap_srv, "_mysql._tcp." MYSQL "\tservice = 0 100 3306 " MYSQL
	  ".\n" },
	{ cap_soa, "example.com\n\torigin = ns1.example.com\n"
	  "\tmail addr = hostmaster.example.com\n\tserial = 2024010101\n"
	  "\trefresh = 3600\n\tretry = 600\n\texpire = 86400\n"
	  "\tminimum = 600\n" },
	{ cap_answer, "Name:\torder.t\nAddress: 1.1.1.1\n"
	  "Name:\tother.t\nAddress: 3.3.3.3\n"
	  "order.t\tcanonical name = x.t.\n"
	  "Name:\tORDER.t\nAddress: 2.2.2.2\n"
	  "Name:\torder.t\nAddress: 1.1.1.1\n" },
	{ cap_authority, "\nAuthoritative answers can be found from:\n"
	  "t\tnameserver = ns1.t.\n"
	  "t\n\torigin = m.t\n\tmail addr = h.t\n" SOA_1_TO_5
	  "ns1.t\tinternet address = 9.9.9.9\n"
	  "ns1.t\thas AAAA address ::\n" },
	{ cap_failure, "** server can't find nothere: NXDOMAIN\n" },
	{ cap_nonauth, "Non-authoritative answer:\n" },
	{ cap_comm, ";; communications error to 127.0.0.1#53: timed out\n" },
	{ cap_servfail, ";; Got SERVFAIL reply from 127.0.0.1\n" },
};

/*
 * At every cap, the whole length comes back and the buffer holds the
 * first cap - 1 bytes and a NUL; buffers are exactly cap bytes, so a
 * write past them is caught, and cap 0 is given no buffer at all.
 */
START_TEST(small_caps)
{
	const char *want = cap_cases[_i].want;
	size_t len = strlen(want), cap, kept;
	char *buf;

	for (cap = 0; cap <= len + 1; cap++) {
		buf = cap > 0 ? malloc(cap) : NULL;
		ck_assert_uint_eq(cap_cases[_i].fn(buf, cap), len);
		if (cap > 0) {
			kept = cap - 1 < len ? cap - 1 : len;
			ck_assert_uint_eq(strlen(buf), kept);
			ck_assert_int_eq(memcmp(buf, want, kept), 0);
		}
		free(buf);
	}
}
END_TEST

Suite *
nsfmt_suite(void)
{
	Suite *s = suite_create("nsfmt");
	TCase *tc = tcase_create("nsfmt");

	tcase_add_loop_test(tc, rr, 0, NITEMS(rr_cases));
	tcase_add_loop_test(tc, words, 0, NITEMS(word_cases));
	tcase_add_loop_test(tc, rdata, 0, NITEMS(rdata_cases));
	tcase_add_loop_test(tc, answer, 0, NITEMS(msg_cases));
	tcase_add_loop_test(tc, failure, 0, NITEMS(failure_cases));
	tcase_add_test(tc, lines);
	tcase_add_test(tc, transcript);
	tcase_add_loop_test(tc, small_caps, 0, NITEMS(cap_cases));
	suite_add_tcase(s, tc);
	return s;
}
