#include "unit.h"

#include <sys/socket.h>
#include <netinet/in.h>

#include <stdlib.h>
#include <string.h>

#include <pcap/dlt.h>

#include "decode.h"

#define FRAME_CAP	256
#define FILL		0xa5
#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define ALL		SIZE_MAX

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

#define SVC6	0xfd, 0x00, 0x01, 0x98, 0x00, 0x18, 0, 0, 0, 0, 0, 0, \
	0x00, 0x78, 0x01, 0x44
#define POD6	0xfd, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01

/*
 * [fd00:198:18::78:144]:3306 > [fd00::1]:37302 SA seq=335369876
 * ack=2456409608 win=64240 <mss 1440>, hop limit 64, payload 24.
 */
static const uint8_t synack6[] = {
	0x60, 0x00, 0x00, 0x00, 0x00, 0x18, 0x06, 0x40,
	SVC6, POD6,
	0x0c, 0xea, 0x91, 0xb6, 0x13, 0xfd, 0x56, 0x94,
	0x92, 0x69, 0xd6, 0x08, 0x60, 0x12, 0xfa, 0xf0,
	0x00, 0x00, 0x00, 0x00, 0x02, 0x04, 0x05, 0xa0,
};

#define MACS	0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2
#define SLL_HD	0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x02, 0, 0, 0, 0, 2, 0, 0
#define SLL2_HD	0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x00, 0x06, \
	0x02, 0, 0, 0, 0, 2, 0, 0

/* A link header put before synack or synack6, and padding after it. */
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

static const struct link_case links6[] = {
	{ "ethernet", DLT_EN10MB, { MACS, 0x86, 0xdd }, 14, 0, DECODE_OK },
	{ "ethernet padded", DLT_EN10MB, { MACS, 0x86, 0xdd }, 14, 5,
	    DECODE_OK },
	{ "802.1Q", DLT_EN10MB, { MACS, 0x81, 0x00, 0x00, 0x05, 0x86, 0xdd },
	    18, 0, DECODE_OK },
	{ "sll", DLT_LINUX_SLL, { SLL_HD, 0x86, 0xdd }, 16, 0, DECODE_OK },
	{ "sll 802.1Q", DLT_LINUX_SLL,
	    { SLL_HD, 0x81, 0x00, 0x00, 0x07, 0x86, 0xdd }, 20, 0, DECODE_OK },
	{ "sll2", DLT_LINUX_SLL2, { 0x86, 0xdd, SLL2_HD }, 20, 0, DECODE_OK },
	{ "null linux", DLT_NULL, { 10, 0, 0, 0 }, 4, 0, DECODE_OK },
	{ "null linux network order", DLT_NULL, { 0, 0, 0, 10 }, 4, 0,
	    DECODE_OK },
	{ "null openbsd", DLT_NULL, { 24, 0, 0, 0 }, 4, 0, DECODE_OK },
	{ "null freebsd", DLT_NULL, { 28, 0, 0, 0 }, 4, 0, DECODE_OK },
	{ "null darwin", DLT_NULL, { 30, 0, 0, 0 }, 4, 0, DECODE_OK },
	{ "loop openbsd", DLT_LOOP, { 0, 0, 0, 24 }, 4, 0, DECODE_OK },
	{ "loop freebsd host order", DLT_LOOP, { 28, 0, 0, 0 }, 4, 0,
	    DECODE_OK },
	{ "loop darwin", DLT_LOOP, { 0, 0, 0, 30 }, 4, 0, DECODE_OK },
	{ "raw", DLT_RAW, { 0 }, 0, 0, DECODE_OK },
	{ "raw padded", DLT_RAW, { 0 }, 0, 3, DECODE_OK },
	{ "ipv6", DLT_IPV6, { 0 }, 0, 0, DECODE_OK },
};

/* Each is followed by synack, an IPv4 packet. */
static const struct link_case link_errors[] = {
	{ "ethernet arp", DLT_EN10MB, { MACS, 0x08, 0x06 }, 14, 0,
	    DECODE_NOT_IP },
	{ "ethernet ipv6 holding ipv4", DLT_EN10MB, { MACS, 0x86, 0xdd }, 14,
	    0, DECODE_BAD_IP },
	{ "802.1Q arp", DLT_EN10MB,
	    { MACS, 0x81, 0x00, 0x00, 0x05, 0x08, 0x06 }, 18, 0,
	    DECODE_NOT_IP },
	{ "802.1Q twice", DLT_EN10MB,
	    { MACS, 0x81, 0x00, 0x00, 0x05, 0x81, 0x00, 0x00, 0x06, 0x08,
	    0x00 }, 22, 0, DECODE_NOT_IP },
	{ "sll ipv6 holding ipv4", DLT_LINUX_SLL, { SLL_HD, 0x86, 0xdd }, 16,
	    0, DECODE_BAD_IP },
	{ "sll2 arp", DLT_LINUX_SLL2, { 0x08, 0x06, SLL2_HD }, 20, 0,
	    DECODE_NOT_IP },
	{ "null inet6 holding ipv4", DLT_NULL, { 10, 0, 0, 0 }, 4, 0,
	    DECODE_BAD_IP },
	{ "loop inet6 holding ipv4", DLT_LOOP, { 0, 0, 0, 24 }, 4, 0,
	    DECODE_BAD_IP },
	{ "null zero", DLT_NULL, { 0, 0, 0, 0 }, 4, 0, DECODE_NOT_IP },
	{ "null family 23", DLT_NULL, { 23, 0, 0, 0 }, 4, 0, DECODE_NOT_IP },
	{ "null family 10 in the middle", DLT_NULL, { 0, 10, 0, 0 }, 4, 0,
	    DECODE_NOT_IP },
	{ "ipv6 linktype holding ipv4", DLT_IPV6, { 0 }, 0, 0,
	    DECODE_BAD_IP },
	{ "802.11", DLT_IEEE802_11, { 0 }, 0, 0, DECODE_BAD_LINKTYPE },
	{ "negative", -1, { 0 }, 0, 0, DECODE_BAD_LINKTYPE },
};

static size_t
build_link(const struct link_case *c, const uint8_t *pkt, size_t pktlen,
    uint8_t *frame)
{
	memcpy(frame, c->hdr, c->hdrlen);
	memcpy(frame + c->hdrlen, pkt, pktlen);
	memset(frame + c->hdrlen + pktlen, 0xff, c->pad);
	return c->hdrlen + pktlen + c->pad;
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

/* What every decoded packet leaves zero when it is not ICMP. */
static void
assert_no_icmp(const struct decoded_pkt *p)
{
	ck_assert_uint_eq(p->icmp.type, 0);
	ck_assert_int_eq(p->icmp.is_error, 0);
	ck_assert_int_eq(p->icmp.quote.family, 0);
	ck_assert_int_eq(p->icmp.quote.has_tcp_quote, 0);
}

static void
assert_synack6(const struct decoded_pkt *p)
{
	static const uint8_t src[16] = { SVC6 };
	static const uint8_t dst[16] = { POD6 };

	ck_assert_int_eq(p->family, AF_INET6);
	ck_assert_mem_eq(p->src, src, 16);
	ck_assert_mem_eq(p->dst, dst, 16);
	ck_assert_uint_eq(p->ttl, 64);
	ck_assert_uint_eq(p->ipid, 0);
	ck_assert_uint_eq(p->proto, IPPROTO_TCP);
	ck_assert_uint_eq(p->tcp.sport, 3306);
	ck_assert_uint_eq(p->tcp.dport, 37302);
	ck_assert_uint_eq(p->tcp.seq, 335369876);
	ck_assert_uint_eq(p->tcp.ack, 2456409608u);
	ck_assert_uint_eq(p->tcp.flags, TH_SYN_BIT | TH_ACK_BIT);
	ck_assert_uint_eq(p->tcp.win, 64240);
	ck_assert_uint_eq(p->tcp.hdrlen, 24);
	ck_assert_uint_eq(p->tcp.nopt, 1);
	ck_assert_uint_eq(p->tcp.opt[0].val[0], 1440);
	assert_no_icmp(p);
}

START_TEST(link_decodes)
{
	const struct link_case *c = &links[_i];
	uint8_t frame[FRAME_CAP];
	struct decoded_pkt pkt;
	enum decode_status st;

	prefill(&pkt);
	st = decode_frame(c->dlt, frame,
	    build_link(c, synack, sizeof(synack), frame), &pkt);

	ck_assert_msg(st == DECODE_OK, "%s: %s", c->name, decode_strerror(st));
	ck_assert_uint_eq(pkt.iplen, 44);
	assert_synack(&pkt);
	assert_no_icmp(&pkt);
}
END_TEST

START_TEST(link6_decodes)
{
	const struct link_case *c = &links6[_i];
	uint8_t frame[FRAME_CAP];
	struct decoded_pkt pkt;
	enum decode_status st;

	prefill(&pkt);
	st = decode_frame(c->dlt, frame,
	    build_link(c, synack6, sizeof(synack6), frame), &pkt);

	ck_assert_msg(st == DECODE_OK, "%s: %s", c->name, decode_strerror(st));
	ck_assert_uint_eq(pkt.iplen, 64);
	assert_synack6(&pkt);
}
END_TEST

START_TEST(link_refused)
{
	const struct link_case *c = &link_errors[_i];
	uint8_t frame[FRAME_CAP];
	struct decoded_pkt pkt;
	enum decode_status st;

	prefill(&pkt);
	st = decode_frame(c->dlt, frame,
	    build_link(c, synack, sizeof(synack), frame), &pkt);

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
	size_t len = build_link(c, synack, sizeof(synack), frame);

	assert_cuts(c->dlt, frame, len, c->hdrlen + sizeof(synack), c->name);
}
END_TEST

START_TEST(link6_cut_everywhere)
{
	const struct link_case *c = &links6[_i];
	uint8_t frame[FRAME_CAP];
	size_t len = build_link(c, synack6, sizeof(synack6), frame);

	assert_cuts(c->dlt, frame, len, c->hdrlen + sizeof(synack6), c->name);
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
	{ "version 6 on raw", DLT_RAW, 0, { 0x60 }, 1, DECODE_NOT_TCP },
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

/* synack6 with up to two bytes changed. */
static const struct patch_case patches6[] = {
	{ "version 4 on ipv6", DLT_IPV6, 0, { 0x40 }, 1, DECODE_BAD_IP },
	{ "version 0 on ipv6", DLT_IPV6, 0, { 0x00 }, 1, DECODE_BAD_IP },
	{ "version 7 on raw", DLT_RAW, 0, { 0x70 }, 1, DECODE_BAD_IP },
	{ "traffic class and flow label", DLT_RAW, 1, { 0xff, 0xff }, 2,
	    DECODE_OK },
	{ "payload length past frame", DLT_RAW, 4, { 0, 25 }, 2,
	    DECODE_SHORT },
	{ "payload length 65535", DLT_RAW, 4, { 0xff, 0xff }, 2,
	    DECODE_SHORT },
	{ "payload length 0", DLT_RAW, 4, { 0, 0 }, 2, DECODE_BAD_TCP },
	{ "TCP options cut", DLT_RAW, 4, { 0, 23 }, 2, DECODE_BAD_TCP },
	{ "no next header", DLT_RAW, 6, { 59 }, 1, DECODE_NOT_TCP },
	{ "udp", DLT_RAW, 6, { IPPROTO_UDP }, 1, DECODE_NOT_TCP },
	{ "esp", DLT_RAW, 6, { 50 }, 1, DECODE_NOT_TCP },
	{ "icmp is not icmpv6", DLT_RAW, 6, { IPPROTO_ICMP }, 1,
	    DECODE_NOT_TCP },
	{ "hop-by-hop past the payload", DLT_RAW, 6, { 0 }, 1,
	    DECODE_BAD_IP },
	{ "data offset 5", DLT_RAW, 52, { 0x50 }, 1, DECODE_OK },
	{ "data offset 4", DLT_RAW, 52, { 0x40 }, 1, DECODE_BAD_TCP },
};

static void
assert_patched(const struct patch_case *c, const uint8_t *orig, size_t len)
{
	uint8_t frame[FRAME_CAP];
	struct decoded_pkt pkt;
	enum decode_status st;

	memcpy(frame, orig, len);
	memcpy(frame + c->off, c->val, c->nval);
	prefill(&pkt);
	st = decode_frame(c->dlt, frame, len, &pkt);

	ck_assert_msg(st == c->want, "%s: got %s", c->name,
	    decode_strerror(st));
	if (c->want != DECODE_OK && c->want != DECODE_NOT_TCP)
		assert_untouched(&pkt, c->name);
}

START_TEST(ip_tcp_patched)
{
	assert_patched(&patches[_i], synack, sizeof(synack));
}
END_TEST

START_TEST(ip6_tcp_patched)
{
	assert_patched(&patches6[_i], synack6, sizeof(synack6));
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

/* ICMPv6 over IPv4 is no ICMP: only its own family's is decoded. */
static const uint8_t not_tcp_protos[] = { IPPROTO_ICMPV6, IPPROTO_UDP, 132 };

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
	{ DECODE_NOT_IP, "not an IPv4 or IPv6 packet" },
	{ DECODE_BAD_IP, "bad IP version, length or extension header" },
	{ DECODE_FRAGMENT, "IP fragment after the first" },
	{ DECODE_NOT_TCP, "not TCP, ICMP or ICMPv6" },
	{ DECODE_BAD_TCP, "TCP header does not fit its data offset" },
	{ DECODE_BAD_LINKTYPE, "unknown link type" },
	{ DECODE_BAD_ICMP, "ICMP message shorter than its header" },
	{ (enum decode_status)99, "unknown decode status" },
};

START_TEST(strerror_texts)
{
	ck_assert_str_eq(decode_strerror(errtexts[_i].st), errtexts[_i].text);
}
END_TEST

/* A packet built field by field, in network order. */
struct pkt_buf {
	uint8_t b[FRAME_CAP];
	size_t len;
};

static void
put(struct pkt_buf *f, const void *p, size_t n)
{
	ck_assert_uint_le(f->len + n, sizeof(f->b));
	memcpy(f->b + f->len, p, n);
	f->len += n;
}

static void
put8(struct pkt_buf *f, uint8_t v)
{
	put(f, &v, 1);
}

static void
put16(struct pkt_buf *f, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	put(f, b, sizeof(b));
}

static void
put32(struct pkt_buf *f, uint32_t v)
{
	put16(f, (uint16_t)(v >> 16));
	put16(f, (uint16_t)v);
}

static const uint8_t pod4[4] = { 198, 18, 212, 137 };
static const uint8_t svc4[4] = { 198, 18, 78, 144 };
static const uint8_t router4[4] = { 198, 18, 0, 1 };
static const uint8_t pod6[16] = { POD6 };
static const uint8_t svc6[16] = { SVC6 };
static const uint8_t router6[16] = { 0xfd, 0x00, [15] = 0xfe };

#define SYN_SPORT	37302
#define SYN_DPORT	3306
#define SYN_ISN		2456409607u

/* The 20-byte TCP header of the probe's SYN. */
static void
put_syn_tcp(struct pkt_buf *f)
{
	put16(f, SYN_SPORT);
	put16(f, SYN_DPORT);
	put32(f, SYN_ISN);
	put32(f, 0);
	put8(f, 0x50);
	put8(f, TH_SYN_BIT);
	put16(f, 1480);
	put32(f, 0);
}

static void
put_ip4(struct pkt_buf *f, uint8_t vihl, uint16_t total, uint16_t frag,
    uint8_t proto, const uint8_t *src, const uint8_t *dst)
{
	put8(f, vihl);
	put8(f, 0);
	put16(f, total);
	put16(f, 59812);
	put16(f, frag);
	put8(f, 64);
	put8(f, proto);
	put16(f, 0);
	put(f, src, 4);
	put(f, dst, 4);
}

static void
put_ip6(struct pkt_buf *f, uint8_t version, uint16_t plen, uint8_t nh,
    const uint8_t *src, const uint8_t *dst)
{
	put32(f, (uint32_t)version << 28);
	put16(f, plen);
	put8(f, nh);
	put8(f, 64);
	put(f, src, 16);
	put(f, dst, 16);
}

/* Extension headers: 8 bytes of options (one PadN), routing, fragment. */
#define OPTS8(nh)	(nh), 0, 1, 4, 0, 0, 0, 0
#define ROUTING24(nh)	(nh), 2, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, \
	0, 0, 0, 0, 0, 0, 0, 0, 0
#define FRAG(nh, hi, lo)	(nh), 0, (hi), (lo), 0, 0, 0x12, 0x34

/* An IPv6 header, then ext, then the SYN's TCP header. */
struct ext_case {
	const char *name;
	uint8_t first;		/* the fixed header's next header */
	uint8_t ext[80];
	size_t extlen;
	enum decode_status want;
	uint8_t proto;		/* for DECODE_OK and DECODE_NOT_TCP */
};

static const struct ext_case ext_cases[] = {
	{ "hop-by-hop", 0, { OPTS8(6) }, 8, DECODE_OK, 6 },
	{ "destination options of 16 bytes", 60,
	    { 6, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 16,
	    DECODE_OK, 6 },
	{ "hop-by-hop, routing, destination options", 0,
	    { OPTS8(43), ROUTING24(60), OPTS8(6) }, 40, DECODE_OK, 6 },
	{ "first fragment", 44, { FRAG(6, 0x00, 0x01) }, 8, DECODE_OK, 6 },
	{ "atomic fragment", 44, { FRAG(6, 0x00, 0x00) }, 8, DECODE_OK, 6 },
	{ "options then first fragment", 0,
	    { OPTS8(44), FRAG(6, 0x00, 0x01) }, 16, DECODE_OK, 6 },
	{ "eight headers", 60,
	    { OPTS8(60), OPTS8(60), OPTS8(60), OPTS8(60), OPTS8(60),
	    OPTS8(60), OPTS8(60), OPTS8(6) }, 64, DECODE_OK, 6 },
	{ "hop-by-hop then no next header", 0, { OPTS8(59) }, 8,
	    DECODE_NOT_TCP, 59 },
	{ "destination options then udp", 60, { OPTS8(17) }, 8,
	    DECODE_NOT_TCP, 17 },
	{ "fragment then esp", 44, { FRAG(50, 0x00, 0x01) }, 8,
	    DECODE_NOT_TCP, 50 },
	{ "later fragment", 44, { FRAG(6, 0x00, 0x08) }, 8,
	    DECODE_FRAGMENT, 0 },
	{ "last fragment", 44, { FRAG(6, 0xff, 0xf8) }, 8,
	    DECODE_FRAGMENT, 0 },
	{ "options then later fragment", 0,
	    { OPTS8(44), FRAG(6, 0x01, 0x00) }, 16, DECODE_FRAGMENT, 0 },
	{ "nine headers", 60,
	    { OPTS8(60), OPTS8(60), OPTS8(60), OPTS8(60), OPTS8(60),
	    OPTS8(60), OPTS8(60), OPTS8(60), OPTS8(6) }, 72, DECODE_BAD_IP,
	    0 },
	{ "length past the payload", 60, { 6, 9, 1, 4, 0, 0, 0, 0 }, 8,
	    DECODE_BAD_IP, 0 },
};

static struct pkt_buf
build_ext(const struct ext_case *c)
{
	struct pkt_buf f = { .len = 0 };

	put_ip6(&f, 6, (uint16_t)(c->extlen + 20), c->first, pod6, svc6);
	put(&f, c->ext, c->extlen);
	put_syn_tcp(&f);
	return f;
}

START_TEST(extensions_walked)
{
	const struct ext_case *c = &ext_cases[_i];
	struct pkt_buf f = build_ext(c);
	struct decoded_pkt pkt;
	enum decode_status st;

	prefill(&pkt);
	st = decode_frame(DLT_RAW, f.b, f.len, &pkt);

	ck_assert_msg(st == c->want, "%s: got %s", c->name,
	    decode_strerror(st));
	if (st != DECODE_OK && st != DECODE_NOT_TCP) {
		assert_untouched(&pkt, c->name);
		return;
	}
	ck_assert_int_eq(pkt.family, AF_INET6);
	ck_assert_uint_eq(pkt.proto, c->proto);
	ck_assert_uint_eq(pkt.iplen, f.len);
	ck_assert_mem_eq(pkt.src, pod6, 16);
	if (st == DECODE_OK) {
		ck_assert_uint_eq(pkt.tcp.sport, SYN_SPORT);
		ck_assert_uint_eq(pkt.tcp.seq, SYN_ISN);
		ck_assert_uint_eq(pkt.tcp.flags, TH_SYN_BIT);
	}
}
END_TEST

START_TEST(extensions_cut_everywhere)
{
	const struct ext_case *c = &ext_cases[_i];
	struct pkt_buf f = build_ext(c);

	if (c->want == DECODE_OK)
		assert_cuts(DLT_RAW, f.b, f.len, f.len, c->name);
}
END_TEST

/* The probe's SYN as a router would quote it. */
static void
q4_syn(struct pkt_buf *f)
{
	put_ip4(f, 0x45, 40, 0x4000, IPPROTO_TCP, pod4, svc4);
	put_syn_tcp(f);
}

static void
q4_ipopts(struct pkt_buf *f)
{
	put_ip4(f, 0x46, 44, 0x4000, IPPROTO_TCP, pod4, svc4);
	put32(f, 0x01010100);
	put_syn_tcp(f);
}

static void
q4_later_fragment(struct pkt_buf *f)
{
	put_ip4(f, 0x45, 40, 0x0001, IPPROTO_TCP, pod4, svc4);
	put_syn_tcp(f);
}

static void
q4_first_fragment(struct pkt_buf *f)
{
	put_ip4(f, 0x45, 40, 0x2000, IPPROTO_TCP, pod4, svc4);
	put_syn_tcp(f);
}

static void
q4_udp(struct pkt_buf *f)
{
	put_ip4(f, 0x45, 28, 0, IPPROTO_UDP, pod4, svc4);
	put16(f, SYN_SPORT);
	put16(f, 53);
	put32(f, 0x00080000);
}

static void
q4_ihl4(struct pkt_buf *f)
{
	put_ip4(f, 0x44, 40, 0, IPPROTO_TCP, pod4, svc4);
	put_syn_tcp(f);
}

static void
q6_syn(struct pkt_buf *f)
{
	put_ip6(f, 6, 20, IPPROTO_TCP, pod6, svc6);
	put_syn_tcp(f);
}

static void
q6_hopopts(struct pkt_buf *f)
{
	static const uint8_t hbh[] = { OPTS8(IPPROTO_TCP) };

	put_ip6(f, 6, 28, 0, pod6, svc6);
	put(f, hbh, sizeof(hbh));
	put_syn_tcp(f);
}

static void
q6_first_fragment(struct pkt_buf *f)
{
	static const uint8_t frag[] = { FRAG(IPPROTO_TCP, 0x00, 0x01) };

	put_ip6(f, 6, 28, 44, pod6, svc6);
	put(f, frag, sizeof(frag));
	put_syn_tcp(f);
}

static void
q6_later_fragment(struct pkt_buf *f)
{
	static const uint8_t frag[] = { FRAG(IPPROTO_TCP, 0x00, 0x08) };

	put_ip6(f, 6, 28, 44, pod6, svc6);
	put(f, frag, sizeof(frag));
	put_syn_tcp(f);
}

/* An ICMP error, or another ICMP message, from a router to the pod. */
struct icmp_case {
	const char *name;
	int family;		/* AF_INET: ICMP; AF_INET6: ICMPv6 */
	uint8_t type, code;
	uint32_t info;
	void (*quote)(struct pkt_buf *);	/* NULL: nothing quoted */
	size_t keep;		/* bytes of the quote kept, or ALL */
	int error;
	int qfamily;		/* what the quote must decode to */
	uint8_t qproto;
	int tcp;
	size_t quoted_len;
};

#define V4	AF_INET
#define V6	AF_INET6
#define TCP	IPPROTO_TCP

static const struct icmp_case icmp_cases[] = {
	{ "admin prohibited, whole SYN", V4, 3, 13, 0, q4_syn, ALL, 1, V4,
	    TCP, 1, 20 },
	{ "port unreachable, 8 bytes of TCP", V4, 3, 3, 0, q4_syn, 28, 1, V4,
	    TCP, 1, 8 },
	{ "host unreachable, 7 bytes of TCP", V4, 3, 1, 0, q4_syn, 27, 1, V4,
	    TCP, 0, 7 },
	{ "net unreachable, IP header alone", V4, 3, 0, 0, q4_syn, 20, 1, V4,
	    TCP, 0, 0 },
	{ "quote cut in its IP header", V4, 3, 13, 0, q4_syn, 19, 1, 0, 0,
	    0, 0 },
	{ "nothing quoted", V4, 3, 13, 0, NULL, 0, 1, 0, 0, 0, 0 },
	{ "fragmentation needed", V4, 3, 4, 1400, q4_syn, ALL, 1, V4, TCP, 1,
	    20 },
	{ "time exceeded", V4, 11, 0, 0, q4_syn, 28, 1, V4, TCP, 1, 8 },
	{ "source quench", V4, 4, 0, 0, q4_syn, 28, 1, V4, TCP, 1, 8 },
	{ "redirect", V4, 5, 1, 0xc6120002, q4_syn, 28, 1, V4, TCP, 1, 8 },
	{ "parameter problem", V4, 12, 0, 0x09000000, q4_syn, 28, 1, V4, TCP,
	    1, 8 },
	{ "quote with IP options", V4, 3, 13, 0, q4_ipopts, 32, 1, V4, TCP, 1,
	    8 },
	{ "quote cut in its IP options", V4, 3, 13, 0, q4_ipopts, 23, 1, V4,
	    TCP, 0, 0 },
	{ "quoted first fragment", V4, 3, 13, 0, q4_first_fragment, ALL, 1,
	    V4, TCP, 1, 20 },
	{ "quoted later fragment", V4, 3, 13, 0, q4_later_fragment, ALL, 1,
	    V4, TCP, 0, 0 },
	{ "quoted udp", V4, 3, 3, 0, q4_udp, ALL, 1, V4, IPPROTO_UDP, 0, 8 },
	{ "quoted IHL 4", V4, 3, 13, 0, q4_ihl4, ALL, 1, 0, 0, 0, 0 },
	{ "ipv6 quoted by icmp", V4, 3, 13, 0, q6_syn, ALL, 1, 0, 0, 0, 0 },
	{ "echo reply", V4, 0, 0, 0x12340001, q4_syn, ALL, 0, 0, 0, 0, 0 },
	{ "echo request", V4, 8, 0, 0x12340001, NULL, 0, 0, 0, 0, 0, 0 },
	{ "timestamp reply", V4, 14, 0, 0, q4_syn, 12, 0, 0, 0, 0, 0 },
	{ "type 99", V4, 99, 0, 0, q4_syn, ALL, 0, 0, 0, 0, 0 },
	{ "v6 admin prohibited, whole SYN", V6, 1, 1, 0, q6_syn, ALL, 1, V6,
	    TCP, 1, 20 },
	{ "v6 port unreachable, 8 bytes of TCP", V6, 1, 4, 0, q6_syn, 48, 1,
	    V6, TCP, 1, 8 },
	{ "v6 no route, 7 bytes of TCP", V6, 1, 0, 0, q6_syn, 47, 1, V6, TCP,
	    0, 7 },
	{ "v6 IP header alone", V6, 1, 3, 0, q6_syn, 40, 1, V6, TCP, 0, 0 },
	{ "v6 quote cut in its IP header", V6, 1, 1, 0, q6_syn, 39, 1, 0, 0,
	    0, 0 },
	{ "v6 nothing quoted", V6, 1, 1, 0, NULL, 0, 1, 0, 0, 0, 0 },
	{ "packet too big", V6, 2, 0, 1280, q6_syn, ALL, 1, V6, TCP, 1, 20 },
	{ "hop limit exceeded", V6, 3, 0, 0, q6_syn, 48, 1, V6, TCP, 1, 8 },
	{ "v6 parameter problem", V6, 4, 0, 6, q6_syn, 48, 1, V6, TCP, 1, 8 },
	{ "v6 quote with hop-by-hop", V6, 1, 1, 0, q6_hopopts, 56, 1, V6, TCP,
	    1, 8 },
	{ "v6 quote cut in hop-by-hop", V6, 1, 1, 0, q6_hopopts, 44, 1, V6, 0,
	    0, 0 },
	{ "v6 quoted first fragment", V6, 1, 1, 0, q6_first_fragment, ALL, 1,
	    V6, TCP, 1, 20 },
	{ "v6 quoted later fragment", V6, 1, 1, 0, q6_later_fragment, ALL, 1,
	    V6, 44, 0, 0 },
	{ "ipv4 quoted by icmpv6", V6, 1, 1, 0, q4_syn, ALL, 1, 0, 0, 0, 0 },
	{ "v6 echo reply", V6, 129, 0, 0x12340001, q6_syn, ALL, 0, 0, 0, 0,
	    0 },
	{ "v6 echo request", V6, 128, 0, 0x12340001, NULL, 0, 0, 0, 0, 0, 0 },
	{ "neighbor solicitation", V6, 135, 0, 0, q6_syn, 16, 0, 0, 0, 0, 0 },
	{ "v6 type 5", V6, 5, 0, 0, q6_syn, ALL, 0, 0, 0, 0, 0 },
};

static struct pkt_buf
build_icmp(const struct icmp_case *c)
{
	struct pkt_buf f = { .len = 0 }, q = { .len = 0 };
	size_t n;

	if (c->quote != NULL)
		c->quote(&q);
	n = c->keep < q.len ? c->keep : q.len;

	if (c->family == AF_INET6)
		put_ip6(&f, 6, (uint16_t)(8 + n), IPPROTO_ICMPV6, router6,
		    pod6);
	else
		put_ip4(&f, 0x45, (uint16_t)(20 + 8 + n), 0, IPPROTO_ICMP,
		    router4, pod4);
	put8(&f, c->type);
	put8(&f, c->code);
	put16(&f, 0);
	put32(&f, c->info);
	put(&f, q.b, n);
	return f;
}

static void
assert_quote(const struct decoded_quote *q, const struct icmp_case *c)
{
	size_t n = c->qfamily == AF_INET6 ? 16 : 4;

	ck_assert_msg(q->family == c->qfamily, "%s: quote family %d",
	    c->name, q->family);
	if (c->qfamily == 0) {
		ck_assert_int_eq(q->has_tcp_quote, 0);
		return;
	}
	ck_assert_mem_eq(q->src, c->qfamily == AF_INET6 ? pod6 : pod4, n);
	ck_assert_mem_eq(q->dst, c->qfamily == AF_INET6 ? svc6 : svc4, n);
	ck_assert_uint_eq(q->proto, c->qproto);
	ck_assert_msg(q->quoted_len == c->quoted_len, "%s: quoted %zu",
	    c->name, q->quoted_len);
	ck_assert_msg(q->has_tcp_quote == c->tcp, "%s: tcp quote", c->name);
	if (!c->tcp)
		return;
	ck_assert_uint_eq(q->sport, SYN_SPORT);
	ck_assert_uint_eq(q->dport, SYN_DPORT);
	ck_assert_uint_eq(q->seq, SYN_ISN);
}

START_TEST(icmp_decoded)
{
	const struct icmp_case *c = &icmp_cases[_i];
	struct pkt_buf f = build_icmp(c);
	int v6 = c->family == AF_INET6;
	struct decoded_pkt pkt;
	enum decode_status st;

	prefill(&pkt);
	st = decode_frame(DLT_RAW, f.b, f.len, &pkt);

	ck_assert_msg(st == DECODE_OK, "%s: %s", c->name, decode_strerror(st));
	ck_assert_int_eq(pkt.family, c->family);
	ck_assert_uint_eq(pkt.proto, v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
	ck_assert_mem_eq(pkt.src, v6 ? router6 : router4, v6 ? 16 : 4);
	ck_assert_uint_eq(pkt.iplen, f.len);
	ck_assert_uint_eq(pkt.ttl, 64);
	ck_assert_uint_eq(pkt.icmp.type, c->type);
	ck_assert_uint_eq(pkt.icmp.code, c->code);
	ck_assert_uint_eq(pkt.icmp.info, c->info);
	ck_assert_int_eq(pkt.icmp.is_error, c->error);
	ck_assert_uint_eq(pkt.tcp.sport, 0);
	assert_quote(&pkt.icmp.quote, c);
}
END_TEST

START_TEST(icmp_cut_everywhere)
{
	const struct icmp_case *c = &icmp_cases[_i];
	struct pkt_buf f = build_icmp(c);

	assert_cuts(DLT_RAW, f.b, f.len, f.len, c->name);
}
END_TEST

/* The same, on Ethernet: the link decides nothing past the IP header. */
START_TEST(icmp_on_ethernet)
{
	static const struct link_case eth6 = { "ethernet", DLT_EN10MB,
	    { MACS, 0x86, 0xdd }, 14, 4, DECODE_OK };
	static const struct icmp_case admin6 = { "admin prohibited", V6, 1,
	    1, 0, q6_syn, ALL, 1, V6, TCP, 1, 20 };
	struct pkt_buf f = build_icmp(&admin6);
	uint8_t frame[FRAME_CAP];
	struct decoded_pkt pkt;
	size_t len = build_link(&eth6, f.b, f.len, frame);

	ck_assert_int_eq(decode_frame(DLT_EN10MB, frame, len, &pkt),
	    DECODE_OK);
	ck_assert_int_eq(pkt.icmp.quote.has_tcp_quote, 1);
	assert_cuts(DLT_EN10MB, frame, len, len - 4, "icmpv6 on ethernet");
}
END_TEST

/* An ICMP message of n bytes, fewer than its 8-byte header. */
START_TEST(icmp_header_cut)
{
	static const uint8_t hdr[8] = { 3, 13, 0, 0, 0, 0, 0, 0 };
	struct pkt_buf f4 = { .len = 0 }, f6 = { .len = 0 };
	struct decoded_pkt pkt;
	size_t n = (size_t)_i;

	put_ip4(&f4, 0x45, (uint16_t)(20 + n), 0, IPPROTO_ICMP, router4,
	    pod4);
	put(&f4, hdr, n);
	put_ip6(&f6, 6, (uint16_t)n, IPPROTO_ICMPV6, router6, pod6);
	put(&f6, hdr, n);

	prefill(&pkt);
	ck_assert_int_eq(decode_frame(DLT_RAW, f4.b, f4.len, &pkt),
	    DECODE_BAD_ICMP);
	assert_untouched(&pkt, "icmp header cut");
	ck_assert_int_eq(decode_frame(DLT_RAW, f6.b, f6.len, &pkt),
	    DECODE_BAD_ICMP);
	assert_untouched(&pkt, "icmpv6 header cut");
}
END_TEST

static const struct {
	int family;
	uint8_t proto;
	int want;
} icmp_kinds[] = {
	{ AF_INET, IPPROTO_ICMP, 1 },
	{ AF_INET6, IPPROTO_ICMPV6, 1 },
	{ AF_INET, IPPROTO_ICMPV6, 0 },
	{ AF_INET6, IPPROTO_ICMP, 0 },
	{ AF_INET, IPPROTO_TCP, 0 },
	{ 0, IPPROTO_ICMP, 0 },
};

START_TEST(is_icmp)
{
	struct decoded_pkt pkt;

	memset(&pkt, 0, sizeof(pkt));
	pkt.family = icmp_kinds[_i].family;
	pkt.proto = icmp_kinds[_i].proto;
	ck_assert_int_eq(decode_is_icmp(&pkt), icmp_kinds[_i].want);
}
END_TEST

Suite *
decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc = tcase_create("links");

	tcase_add_loop_test(tc, link_decodes, 0, NITEMS(links));
	tcase_add_loop_test(tc, link6_decodes, 0, NITEMS(links6));
	tcase_add_loop_test(tc, link_refused, 0, NITEMS(link_errors));
	tcase_add_loop_test(tc, link_cut_everywhere, 0, NITEMS(links));
	tcase_add_loop_test(tc, link6_cut_everywhere, 0, NITEMS(links6));
	suite_add_tcase(s, tc);

	tc = tcase_create("ip_tcp");
	tcase_add_test(tc, ip_options_skipped);
	tcase_add_loop_test(tc, ip_tcp_patched, 0, NITEMS(patches));
	tcase_add_loop_test(tc, ip6_tcp_patched, 0, NITEMS(patches6));
	tcase_add_loop_test(tc, extensions_walked, 0, NITEMS(ext_cases));
	tcase_add_loop_test(tc, extensions_cut_everywhere, 0,
	    NITEMS(ext_cases));
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

	tc = tcase_create("icmp");
	tcase_add_loop_test(tc, icmp_decoded, 0, NITEMS(icmp_cases));
	tcase_add_loop_test(tc, icmp_cut_everywhere, 0, NITEMS(icmp_cases));
	tcase_add_test(tc, icmp_on_ethernet);
	tcase_add_loop_test(tc, icmp_header_cut, 0, 8);
	tcase_add_loop_test(tc, is_icmp, 0, NITEMS(icmp_kinds));
	suite_add_tcase(s, tc);
	return s;
}
