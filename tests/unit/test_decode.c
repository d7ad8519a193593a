#include "unit.h"

#include <sys/socket.h>
#include <netinet/in.h>

#include <stdlib.h>
#include <string.h>

#include <pcap/dlt.h>

#include "decode.h"

#define FRAME_CAP	128
#define FILL		0xa5
#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * 198.18.78.144:3306 > 198.18.212.137:56374 SA seq=335369876
 * ack=3423151567 win=64240 <mss 1460>, ttl 64, id 0, DF, iplen 44.
 */
static const uint8_t synack[] = {
	0x45, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x40, 0x00,
	0x40, 0x06, 0x00, 0x00, 198, 18, 78, 144,
	198, 18, 212, 137,
	0x0c, 0xea, 0xdc, 0x36, 0x13, 0xfd, 0x56, 0x94,
	0xcc, 0x09, 0x25, 0xcf, 0x60, 0x12, 0xfa, 0xf0,
	0x00, 0x00, 0x00, 0x00, 0x02, 0x04, 0x05, 0xb4,
};

/* The same with four bytes of IP options: IHL 6, iplen 48. */
static const uint8_t synack_ipopts[] = {
	0x46, 0x00, 0x00, 0x30, 0x00, 0x00, 0x40, 0x00,
	0x40, 0x06, 0x00, 0x00, 198, 18, 78, 144,
	198, 18, 212, 137, 0x01, 0x01, 0x01, 0x00,
	0x0c, 0xea, 0xdc, 0x36, 0x13, 0xfd, 0x56, 0x94,
	0xcc, 0x09, 0x25, 0xcf, 0x60, 0x12, 0xfa, 0xf0,
	0x00, 0x00, 0x00, 0x00, 0x02, 0x04, 0x05, 0xb4,
};

#define MACS	0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2
#define SLL_HD	0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x02, 0, 0, 0, 0, 2, 0, 0
#define SLL2_HD	0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x00, 0x06, \
	0x02, 0, 0, 0, 0, 2, 0, 0

/* A link header put before synack, and padding after it. */
struct link_case {
	const char *name;
	int dlt;
	uint8_t hdr[24];
	size_t hdrlen;
	size_t pad;
	enum decode_status want;
};

static const struct link_case links[] = {
	{ "ethernet", DLT_EN10MB, { MACS, 0x08, 0x00 }, 14, 0, DECODE_OK },
	{ "ethernet padded to 60", DLT_EN10MB, { MACS, 0x08, 0x00 }, 14, 2,
	    DECODE_OK },
	{ "ethernet padded more", DLT_EN10MB, { MACS, 0x08, 0x00 }, 14, 9,
	    DECODE_OK },
	{ "802.1Q", DLT_EN10MB, { MACS, 0x81, 0x00, 0x00, 0x05, 0x08, 0x00 },
	    18, 0, DECODE_OK },
	{ "sll", DLT_LINUX_SLL, { SLL_HD, 0x08, 0x00 }, 16, 0, DECODE_OK },
	{ "sll 802.1Q", DLT_LINUX_SLL,
	    { SLL_HD, 0x81, 0x00, 0x00, 0x07, 0x08, 0x00 }, 20, 0, DECODE_OK },
	{ "sll2", DLT_LINUX_SLL2, { 0x08, 0x00, SLL2_HD }, 20, 0, DECODE_OK },
	{ "null host order", DLT_NULL, { 2, 0, 0, 0 }, 4, 0, DECODE_OK },
	{ "null network order", DLT_NULL, { 0, 0, 0, 2 }, 4, 0, DECODE_OK },
	{ "loop network order", DLT_LOOP, { 0, 0, 0, 2 }, 4, 0, DECODE_OK },
	{ "loop host order", DLT_LOOP, { 2, 0, 0, 0 }, 4, 0, DECODE_OK },
	{ "raw", DLT_RAW, { 0 }, 0, 0, DECODE_OK },
	{ "raw padded", DLT_RAW, { 0 }, 0, 3, DECODE_OK },
	{ "ipv4", DLT_IPV4, { 0 }, 0, 0, DECODE_OK },
	{ "linktype 228", 228, { 0 }, 0, 0, DECODE_OK },
};

static const struct link_case link_errors[] = {
	{ "ethernet arp", DLT_EN10MB, { MACS, 0x08, 0x06 }, 14, 0,
	    DECODE_NOT_IP },
	{ "ethernet ipv6", DLT_EN10MB, { MACS, 0x86, 0xdd }, 14, 0,
	    DECODE_NOT_IP },
	{ "802.1Q arp", DLT_EN10MB,
	    { MACS, 0x81, 0x00, 0x00, 0x05, 0x08, 0x06 }, 18, 0,
	    DECODE_NOT_IP },
	{ "802.1Q twice", DLT_EN10MB,
	    { MACS, 0x81, 0x00, 0x00, 0x05, 0x81, 0x00, 0x00, 0x06, 0x08,
	    0x00 }, 22, 0, DECODE_NOT_IP },
	{ "sll ipv6", DLT_LINUX_SLL, { SLL_HD, 0x86, 0xdd }, 16, 0,
	    DECODE_NOT_IP },
	{ "sll2 arp", DLT_LINUX_SLL2, { 0x08, 0x06, SLL2_HD }, 20, 0,
	    DECODE_NOT_IP },
	{ "null inet6", DLT_NULL, { 10, 0, 0, 0 }, 4, 0, DECODE_NOT_IP },
	{ "loop inet6", DLT_LOOP, { 0, 0, 0, 24 }, 4, 0, DECODE_NOT_IP },
	{ "null zero", DLT_NULL, { 0, 0, 0, 0 }, 4, 0, DECODE_NOT_IP },
	{ "802.11", DLT_IEEE802_11, { 0 }, 0, 0, DECODE_BAD_LINKTYPE },
	{ "negative", -1, { 0 }, 0, 0, DECODE_BAD_LINKTYPE },
};

static size_t
build_link(const struct link_case *c, uint8_t *frame)
{
	memcpy(frame, c->hdr, c->hdrlen);
	memcpy(frame + c->hdrlen, synack, sizeof(synack));
	memset(frame + c->hdrlen + sizeof(synack), 0xff, c->pad);
	return c->hdrlen + sizeof(synack) + c->pad;
}

static void
prefill(struct decoded_pkt *pkt)
{
	memset(pkt, FILL, sizeof(*pkt));
}

static void
assert_untouched(const struct decoded_pkt *pkt, const char *name)
{
	struct decoded_pkt ref;

	prefill(&ref);
	ck_assert_msg(memcmp(pkt, &ref, sizeof(ref)) == 0,
	    "%s: out was written on failure", name);
}

static void
assert_synack(const struct decoded_pkt *p)
{
	static const uint8_t src[4] = { 198, 18, 78, 144 };
	static const uint8_t dst[4] = { 198, 18, 212, 137 };

	ck_assert_int_eq(p->family, AF_INET);
	ck_assert_mem_eq(p->src, src, 4);
	ck_assert_mem_eq(p->dst, dst, 4);
	ck_assert_uint_eq(p->ttl, 64);
	ck_assert_uint_eq(p->ipid, 0);
	ck_assert_uint_eq(p->proto, IPPROTO_TCP);
	ck_assert_uint_eq(p->tcp.sport, 3306);
	ck_assert_uint_eq(p->tcp.dport, 56374);
	ck_assert_uint_eq(p->tcp.seq, 335369876);
	ck_assert_uint_eq(p->tcp.ack, 3423151567u);
	ck_assert_uint_eq(p->tcp.flags, TH_SYN_BIT | TH_ACK_BIT);
	ck_assert_uint_eq(p->tcp.win, 64240);
	ck_assert_uint_eq(p->tcp.hdrlen, 24);
	ck_assert_uint_eq(p->tcp.nopt, 1);
	ck_assert_uint_eq(p->tcp.opt[0].kind, TCPOPT_KIND_MSS);
	ck_assert_uint_eq(p->tcp.opt[0].len, 4);
	ck_assert_uint_eq(p->tcp.opt[0].val[0], 1460);
	ck_assert_int_eq(p->tcp.opt_malformed, 0);
}

START_TEST(link_decodes)
{
	const struct link_case *c = &links[_i];
	uint8_t frame[FRAME_CAP];
	struct decoded_pkt pkt;
	enum decode_status st;

	prefill(&pkt);
	st = decode_frame(c->dlt, frame, build_link(c, frame), &pkt);

	ck_assert_msg(st == DECODE_OK, "%s: %s", c->name, decode_strerror(st));
	ck_assert_uint_eq(pkt.iplen, 44);
	assert_synack(&pkt);
}
END_TEST

START_TEST(link_refused)
{
	const struct link_case *c = &link_errors[_i];
	uint8_t frame[FRAME_CAP];
	struct decoded_pkt pkt;
	enum decode_status st;

	prefill(&pkt);
	st = decode_frame(c->dlt, frame, build_link(c, frame), &pkt);

	ck_assert_msg(st == c->want, "%s: got %s", c->name,
	    decode_strerror(st));
	assert_untouched(&pkt, c->name);
}
END_TEST

/*
 * Each cut is copied to a heap block of exactly its length, so that a
 * read past it is caught when the tests run under AddressSanitizer.
 */
static void
assert_cuts(int dlt, const uint8_t *frame, size_t len, size_t whole,
    const char *name)
{
	struct decoded_pkt pkt;
	enum decode_status st, want;
	uint8_t *cut;
	size_t n;

	for (n = 0; n < len; n++) {
		cut = malloc(n);
		ck_assert(n == 0 || cut != NULL);
		if (n > 0)
			memcpy(cut, frame, n);
		prefill(&pkt);
		st = decode_frame(dlt, cut, n, &pkt);
		free(cut);

		want = n < whole ? DECODE_SHORT : DECODE_OK;
		ck_assert_msg(st == want, "%s cut at %zu: got %s", name, n,
		    decode_strerror(st));
		if (want == DECODE_SHORT)
			assert_untouched(&pkt, name);
	}
}

START_TEST(link_cut_everywhere)
{
	const struct link_case *c = &links[_i];
	uint8_t frame[FRAME_CAP];
	size_t len = build_link(c, frame);

	assert_cuts(c->dlt, frame, len, c->hdrlen + sizeof(synack), c->name);
}
END_TEST

START_TEST(ip_options_skipped)
{
	struct decoded_pkt pkt;

	prefill(&pkt);
	ck_assert_int_eq(decode_frame(DLT_RAW, synack_ipopts,
	    sizeof(synack_ipopts), &pkt), DECODE_OK);
	ck_assert_uint_eq(pkt.iplen, 48);
	assert_synack(&pkt);
	assert_cuts(DLT_RAW, synack_ipopts, sizeof(synack_ipopts),
	    sizeof(synack_ipopts), "ip options");
}
END_TEST

/* synack on a link of its own with up to two bytes changed. */
struct patch_case {
	const char *name;
	int dlt;
	size_t off;
	uint8_t val[2];
	size_t nval;
	enum decode_status want;
};

static const struct patch_case patches[] = {
	{ "ipv6 on raw", DLT_RAW, 0, { 0x60 }, 1, DECODE_NOT_IP },
	{ "version 6 on ipv4", DLT_IPV4, 0, { 0x65 }, 1, DECODE_BAD_IP },
	{ "version 5", DLT_RAW, 0, { 0x55 }, 1, DECODE_BAD_IP },
	{ "version 0", DLT_RAW, 0, { 0x05 }, 1, DECODE_BAD_IP },
	{ "IHL 4", DLT_RAW, 0, { 0x44 }, 1, DECODE_BAD_IP },
	{ "IHL 0", DLT_RAW, 0, { 0x40 }, 1, DECODE_BAD_IP },
	{ "IHL past total length", DLT_RAW, 0, { 0x4f }, 1, DECODE_BAD_IP },
	{ "total length below IHL", DLT_RAW, 2, { 0, 19 }, 2, DECODE_BAD_IP },
	{ "total length 0", DLT_RAW, 2, { 0, 0 }, 2, DECODE_BAD_IP },
	{ "total length past frame", DLT_RAW, 2, { 0, 45 }, 2, DECODE_SHORT },
	{ "total length 65535", DLT_RAW, 2, { 0xff, 0xff }, 2, DECODE_SHORT },
	{ "no room for TCP", DLT_RAW, 2, { 0, 20 }, 2, DECODE_BAD_TCP },
	{ "TCP header cut", DLT_RAW, 2, { 0, 39 }, 2, DECODE_BAD_TCP },
	{ "TCP options cut", DLT_RAW, 2, { 0, 43 }, 2, DECODE_BAD_TCP },
	{ "fragment offset 1", DLT_RAW, 6, { 0x00, 0x01 }, 2,
	    DECODE_FRAGMENT },
	{ "fragment offset max", DLT_RAW, 6, { 0x1f, 0xff }, 2,
	    DECODE_FRAGMENT },
	{ "middle fragment", DLT_RAW, 6, { 0x20, 0x08 }, 2, DECODE_FRAGMENT },
	{ "first fragment", DLT_RAW, 6, { 0x20, 0x00 }, 2, DECODE_OK },
	{ "data offset 0", DLT_RAW, 32, { 0x00 }, 1, DECODE_BAD_TCP },
	{ "data offset 4", DLT_RAW, 32, { 0x40 }, 1, DECODE_BAD_TCP },
	{ "data offset 7", DLT_RAW, 32, { 0x70 }, 1, DECODE_BAD_TCP },
	{ "data offset 15", DLT_RAW, 32, { 0xf0 }, 1, DECODE_BAD_TCP },
	{ "data offset 5", DLT_RAW, 32, { 0x50 }, 1, DECODE_OK },
};

START_TEST(ip_tcp_patched)
{
	const struct patch_case *c = &patches[_i];
	uint8_t frame[sizeof(synack)];
	struct decoded_pkt pkt;
	enum decode_status st;

	memcpy(frame, synack, sizeof(synack));
	memcpy(frame + c->off, c->val, c->nval);
	prefill(&pkt);
	st = decode_frame(c->dlt, frame, sizeof(frame), &pkt);

	ck_assert_msg(st == c->want, "%s: got %s", c->name,
	    decode_strerror(st));
	if (c->want != DECODE_OK)
		assert_untouched(&pkt, c->name);
}
END_TEST

START_TEST(data_offset_5_has_no_options)
{
	uint8_t frame[sizeof(synack)];
	struct decoded_pkt pkt;

	memcpy(frame, synack, sizeof(synack));
	frame[32] = 0x50;
	ck_assert_int_eq(decode_frame(DLT_RAW, frame, sizeof(frame), &pkt),
	    DECODE_OK);
	ck_assert_uint_eq(pkt.tcp.hdrlen, 20);
	ck_assert_uint_eq(pkt.tcp.nopt, 0);
	ck_assert_int_eq(pkt.tcp.opt_malformed, 0);
}
END_TEST

static const uint8_t not_tcp_protos[] = { IPPROTO_ICMP, IPPROTO_UDP, 132 };

START_TEST(not_tcp_keeps_ip_fields)
{
	static const uint8_t src[4] = { 198, 18, 78, 144 };
	uint8_t frame[sizeof(synack)];
	struct decoded_pkt pkt;

	memcpy(frame, synack, sizeof(synack));
	frame[9] = not_tcp_protos[_i];
	prefill(&pkt);

	ck_assert_int_eq(decode_frame(DLT_RAW, frame, sizeof(frame), &pkt),
	    DECODE_NOT_TCP);
	ck_assert_int_eq(pkt.family, AF_INET);
	ck_assert_uint_eq(pkt.proto, not_tcp_protos[_i]);
	ck_assert_mem_eq(pkt.src, src, 4);
	ck_assert_uint_eq(pkt.ttl, 64);
	ck_assert_uint_eq(pkt.iplen, 44);
	ck_assert_uint_eq(pkt.tcp.sport, 0);
	ck_assert_uint_eq(pkt.tcp.nopt, 0);
}
END_TEST

#define OPT(k, l, a, b)	{ (k), (l), { (a), (b) } }
#define NOP		OPT(TCPOPT_KIND_NOP, 1, 0, 0)
#define EOL		OPT(TCPOPT_KIND_EOL, 1, 0, 0)

/* Option bytes put in place of synack's MSS option. */
struct opt_case {
	const char *name;
	uint8_t bytes[40];
	size_t len;		/* a multiple of 4 */
	struct tcp_option want[8];
	size_t nwant;
	int malformed;
};

static const struct opt_case opt_cases[] = {
	{ "mss", { 2, 4, 0x05, 0xb4 }, 4,
	    { OPT(2, 4, 1460, 0) }, 1, 0 },
	{ "wscale", { 1, 3, 3, 7 }, 4,
	    { NOP, OPT(3, 3, 7, 0) }, 2, 0 },
	{ "wscale 14 then eol", { 3, 3, 14, 0 }, 4,
	    { OPT(3, 3, 14, 0), EOL }, 2, 0 },
	{ "sackOK", { 4, 2, 1, 1 }, 4,
	    { OPT(4, 2, 0, 0), NOP, NOP }, 3, 0 },
	{ "timestamp", { 1, 1, 8, 10, 0, 0, 0, 123, 0, 0, 0, 0 }, 12,
	    { NOP, NOP, OPT(8, 10, 123, 0) }, 3, 0 },
	{ "timestamp extremes",
	    { 8, 10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0, 0 },
	    12, { OPT(8, 10, 0xffffffffu, 0xfffffffeu), EOL }, 2, 0 },
	{ "linux syn", { 2, 4, 0xff, 0xd7, 4, 2, 8, 10, 0x00, 0x01, 0xe2,
	    0x40, 0, 0, 0, 0, 1, 3, 3, 7 }, 20,
	    { OPT(2, 4, 65495, 0), OPT(4, 2, 0, 0), OPT(8, 10, 123456, 0),
	    NOP, OPT(3, 3, 7, 0) }, 5, 0 },
	{ "sack one block", { 1, 1, 5, 10, 0, 0, 0, 1, 0, 0, 0, 2 }, 12,
	    { NOP, NOP, OPT(5, 10, 0, 0) }, 3, 0 },
	{ "sack two blocks", { 1, 1, 5, 18, 0, 0, 0, 1, 0, 0, 0, 2,
	    0, 0, 0, 3, 0, 0, 0, 4 }, 20,
	    { NOP, NOP, OPT(5, 18, 0, 0) }, 3, 0 },
	{ "eol ends the list", { 2, 4, 0x05, 0xb4, 0, 3, 3, 7 }, 8,
	    { OPT(2, 4, 1460, 0), EOL }, 2, 0 },
	{ "eol hides a bad length", { 0, 8, 0, 0 }, 4,
	    { EOL }, 1, 0 },
	{ "unknown kind", { 30, 4, 0xab, 0xcd }, 4,
	    { OPT(30, 4, 0, 0) }, 1, 0 },
	{ "unknown kind, length 2", { 254, 2, 1, 1 }, 4,
	    { OPT(254, 2, 0, 0), NOP, NOP }, 3, 0 },
	{ "mss of length 3", { 2, 3, 5, 1 }, 4,
	    { OPT(2, 3, 0, 0), NOP }, 2, 0 },
	{ "timestamp of length 6", { 8, 6, 0, 0, 0, 1, 0, 0 }, 8,
	    { OPT(8, 6, 0, 0), EOL }, 2, 0 },
	{ "length 1", { 1, 254, 1, 0 }, 4,
	    { NOP }, 1, 1 },
	{ "length 0", { 1, 1, 8, 0 }, 4,
	    { NOP, NOP }, 2, 1 },
	{ "length past header", { 1, 1, 8, 10, 0, 0, 0, 1 }, 8,
	    { NOP, NOP }, 2, 1 },
	{ "sack past header", { 5, 10, 0, 0 }, 4,
	    { { 0, 0, { 0, 0 } } }, 0, 1 },
	{ "no length byte", { 1, 1, 1, 2 }, 4,
	    { NOP, NOP, NOP }, 3, 1 },
};

static size_t
with_options(const uint8_t *opts, size_t len, uint8_t *frame)
{
	size_t total = 40 + len;

	memcpy(frame, synack, 40);
	memcpy(frame + 40, opts, len);
	frame[2] = (uint8_t)(total >> 8);
	frame[3] = (uint8_t)total;
	frame[32] = (uint8_t)((20 + len) / 4 << 4);
	return total;
}

START_TEST(options_decoded)
{
	const struct opt_case *c = &opt_cases[_i];
	uint8_t frame[FRAME_CAP];
	struct decoded_pkt pkt;
	size_t i, len = with_options(c->bytes, c->len, frame);

	ck_assert_int_eq(decode_frame(DLT_RAW, frame, len, &pkt), DECODE_OK);
	ck_assert_uint_eq(pkt.tcp.hdrlen, 20 + c->len);
	ck_assert_msg(pkt.tcp.nopt == c->nwant, "%s: %zu options", c->name,
	    pkt.tcp.nopt);
	ck_assert_msg(pkt.tcp.opt_malformed == c->malformed, "%s: malformed",
	    c->name);

	for (i = 0; i < c->nwant; i++) {
		ck_assert_uint_eq(pkt.tcp.opt[i].kind, c->want[i].kind);
		ck_assert_uint_eq(pkt.tcp.opt[i].len, c->want[i].len);
		ck_assert_uint_eq(pkt.tcp.opt[i].val[0], c->want[i].val[0]);
		ck_assert_uint_eq(pkt.tcp.opt[i].val[1], c->want[i].val[1]);
	}
}
END_TEST

START_TEST(options_cut_everywhere)
{
	const struct opt_case *c = &opt_cases[_i];
	uint8_t frame[FRAME_CAP];
	size_t len = with_options(c->bytes, c->len, frame);

	assert_cuts(DLT_RAW, frame, len, len, c->name);
}
END_TEST

START_TEST(forty_nops_fit)
{
	uint8_t opts[40], frame[FRAME_CAP];
	struct decoded_pkt pkt;
	size_t i, len;

	memset(opts, TCPOPT_KIND_NOP, sizeof(opts));
	len = with_options(opts, sizeof(opts), frame);

	ck_assert_int_eq(decode_frame(DLT_RAW, frame, len, &pkt), DECODE_OK);
	ck_assert_uint_eq(pkt.tcp.hdrlen, 60);
	ck_assert_uint_eq(pkt.tcp.nopt, 40);
	for (i = 0; i < 40; i++)
		ck_assert_uint_eq(pkt.tcp.opt[i].kind, TCPOPT_KIND_NOP);
	ck_assert_int_eq(pkt.tcp.opt_malformed, 0);
}
END_TEST

static const struct {
	enum decode_status st;
	const char *text;
} errtexts[] = {
	{ DECODE_OK, "decoded" },
	{ DECODE_SHORT, "frame shorter than its headers say" },
	{ DECODE_NOT_IP, "not an IPv4 packet" },
	{ DECODE_BAD_IP, "bad IPv4 version, header length or total length" },
	{ DECODE_FRAGMENT, "IPv4 fragment after the first" },
	{ DECODE_NOT_TCP, "not a TCP segment" },
	{ DECODE_BAD_TCP, "TCP header does not fit its data offset" },
	{ DECODE_BAD_LINKTYPE, "unknown link type" },
	{ (enum decode_status)99, "unknown decode status" },
};

START_TEST(strerror_texts)
{
	ck_assert_str_eq(decode_strerror(errtexts[_i].st), errtexts[_i].text);
}
END_TEST

Suite *
decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc = tcase_create("links");

	tcase_add_loop_test(tc, link_decodes, 0, NITEMS(links));
	tcase_add_loop_test(tc, link_refused, 0, NITEMS(link_errors));
	tcase_add_loop_test(tc, link_cut_everywhere, 0, NITEMS(links));
	suite_add_tcase(s, tc);

	tc = tcase_create("ip_tcp");
	tcase_add_test(tc, ip_options_skipped);
	tcase_add_loop_test(tc, ip_tcp_patched, 0, NITEMS(patches));
	tcase_add_test(tc, data_offset_5_has_no_options);
	tcase_add_loop_test(tc, not_tcp_keeps_ip_fields, 0,
	    NITEMS(not_tcp_protos));
	suite_add_tcase(s, tc);

	tc = tcase_create("options");
	tcase_add_loop_test(tc, options_decoded, 0, NITEMS(opt_cases));
	tcase_add_loop_test(tc, options_cut_everywhere, 0, NITEMS(opt_cases));
	tcase_add_test(tc, forty_nops_fit);
	tcase_add_loop_test(tc, strerror_texts, 0, NITEMS(errtexts));
	suite_add_tcase(s, tc);
	return s;
}
