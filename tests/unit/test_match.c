#include "unit.h"

#include <sys/socket.h>
#include <netinet/in.h>

#include <string.h>

#include "match.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

#define ISN	3423151566u
#define SA	(TH_SYN_BIT | TH_ACK_BIT)
#define RA	(TH_RST_BIT | TH_ACK_BIT)

static const uint8_t pod[4] = { 198, 18, 212, 137 };
static const uint8_t svc[4] = { 198, 18, 78, 144 };
static const uint8_t other[4] = { 198, 18, 78, 145 };

/* A probe from pod:56374 to svc:3306. */
static struct probe_slot
slot_of(uint32_t isn, enum probe_state state)
{
	struct probe_slot s;

	memset(&s, 0, sizeof(s));
	s.family = AF_INET;
	memcpy(s.src, pod, 4);
	memcpy(s.dst, svc, 4);
	s.sport = 56374;
	s.dport = 3306;
	s.seq = isn;
	s.state = state;
	s.sent_ns = state == PROBE_UNSENT ? -1 : 1000;
	s.reply_ns = -1;
	return s;
}

enum dir { FROM_US, TO_US };

/* What to change in a packet of the probe's flow. */
enum twist {
	SAME,
	OTHER_SERVICE_PORT,
	OTHER_LOCAL_PORT,
	OTHER_PEER,
	UDP,
	FAMILY6,
};

static struct decoded_pkt
pkt_of(enum dir dir, uint8_t flags, uint32_t seq, uint32_t ack,
    enum twist twist)
{
	struct decoded_pkt p;
	const uint8_t *peer = twist == OTHER_PEER ? other : svc;
	uint16_t sport = twist == OTHER_SERVICE_PORT ? 3307 : 3306;
	uint16_t lport = twist == OTHER_LOCAL_PORT ? 56375 : 56374;

	memset(&p, 0, sizeof(p));
	p.family = twist == FAMILY6 ? AF_INET6 : AF_INET;
	p.proto = twist == UDP ? IPPROTO_UDP : IPPROTO_TCP;
	memcpy(p.src, dir == FROM_US ? pod : peer, 4);
	memcpy(p.dst, dir == FROM_US ? peer : pod, 4);
	p.tcp.sport = dir == FROM_US ? lport : sport;
	p.tcp.dport = dir == FROM_US ? sport : lport;
	p.tcp.seq = seq;
	p.tcp.ack = ack;
	p.tcp.flags = flags;
	return p;
}

struct one_case {
	const char *name;
	uint32_t isn;
	enum probe_state state;
	enum dir dir;
	uint8_t flags;
	uint32_t seq, ack;
	enum twist twist;
	enum match_kind want;
};

static const struct one_case one_slot[] = {
	{ "own syn", ISN, PROBE_WAITING, FROM_US, TH_SYN_BIT, ISN, 0, SAME,
	    MATCH_OWN_SYN },
	{ "own syn, probe not marked sent", ISN, PROBE_UNSENT, FROM_US,
	    TH_SYN_BIT, ISN, 0, SAME, MATCH_OWN_SYN },
	{ "own syn after the reply", ISN, PROBE_OPEN, FROM_US, TH_SYN_BIT,
	    ISN, 0, SAME, MATCH_OWN_SYN },
	{ "syn of another prober", ISN, PROBE_WAITING, FROM_US, TH_SYN_BIT,
	    ISN + 7, 0, SAME, MATCH_FOREIGN },
	{ "our kernel's rst", ISN, PROBE_OPEN, FROM_US, TH_RST_BIT, ISN + 1,
	    0, SAME, MATCH_OWN_OTHER },
	{ "our ack", ISN, PROBE_OPEN, FROM_US, TH_ACK_BIT, ISN + 1, 9, SAME,
	    MATCH_OWN_OTHER },
	{ "our syn-ack", ISN, PROBE_WAITING, FROM_US, SA, ISN, 0, SAME,
	    MATCH_OWN_OTHER },
	{ "syn-ack", ISN, PROBE_WAITING, TO_US, SA, 5, ISN + 1, SAME,
	    MATCH_SYNACK },
	{ "syn-ack with ece", ISN, PROBE_WAITING, TO_US, SA | TH_ECE_BIT, 5,
	    ISN + 1, SAME, MATCH_SYNACK },
	{ "rst-ack", ISN, PROBE_WAITING, TO_US, RA, 0, ISN + 1, SAME,
	    MATCH_RST },
	{ "rst wins over syn", ISN, PROBE_WAITING, TO_US, SA | TH_RST_BIT, 0,
	    ISN + 1, SAME, MATCH_RST },
	{ "syn-ack once open", ISN, PROBE_OPEN, TO_US, SA, 5, ISN + 1, SAME,
	    MATCH_DUPLICATE },
	{ "rst once open", ISN, PROBE_OPEN, TO_US, RA, 0, ISN + 1, SAME,
	    MATCH_DUPLICATE },
	{ "rst once closed", ISN, PROBE_CLOSED, TO_US, RA, 0, ISN + 1, SAME,
	    MATCH_DUPLICATE },
	{ "syn-ack after timeout", ISN, PROBE_TIMED_OUT, TO_US, SA, 5,
	    ISN + 1, SAME, MATCH_LATE },
	{ "rst after timeout", ISN, PROBE_TIMED_OUT, TO_US, RA, 0, ISN + 1,
	    SAME, MATCH_LATE },
	{ "syn-ack to an unsent probe", ISN, PROBE_UNSENT, TO_US, SA, 5,
	    ISN + 1, SAME, MATCH_FOREIGN },
	{ "rst without ack", ISN, PROBE_WAITING, TO_US, TH_RST_BIT, ISN + 1,
	    0, SAME, MATCH_FOREIGN },
	{ "bare ack", ISN, PROBE_WAITING, TO_US, TH_ACK_BIT, 5, ISN + 1, SAME,
	    MATCH_FOREIGN },
	{ "syn without ack", ISN, PROBE_WAITING, TO_US, TH_SYN_BIT, 5, 0,
	    SAME, MATCH_FOREIGN },
	{ "ack of the isn itself", ISN, PROBE_WAITING, TO_US, SA, 5, ISN,
	    SAME, MATCH_FOREIGN },
	{ "ack of another process's isn", ISN, PROBE_WAITING, TO_US, SA, 5,
	    12345, SAME, MATCH_FOREIGN },
	{ "wrap: ack 0 for isn 0xffffffff", 0xffffffffu, PROBE_WAITING,
	    TO_US, SA, 5, 0, SAME, MATCH_SYNACK },
	{ "wrap: ack 0xffffffff for isn 0xffffffff", 0xffffffffu,
	    PROBE_WAITING, TO_US, SA, 5, 0xffffffffu, SAME, MATCH_FOREIGN },
	{ "wrap: ack 0xffffffff for isn 0xfffffffe", 0xfffffffeu,
	    PROBE_WAITING, TO_US, RA, 0, 0xffffffffu, SAME, MATCH_RST },
	{ "other service port", ISN, PROBE_WAITING, TO_US, SA, 5, ISN + 1,
	    OTHER_SERVICE_PORT, MATCH_FOREIGN },
	{ "other local port", ISN, PROBE_WAITING, TO_US, SA, 5, ISN + 1,
	    OTHER_LOCAL_PORT, MATCH_FOREIGN },
	{ "other peer", ISN, PROBE_WAITING, TO_US, SA, 5, ISN + 1,
	    OTHER_PEER, MATCH_FOREIGN },
	{ "our syn to another port", ISN, PROBE_WAITING, FROM_US, TH_SYN_BIT,
	    ISN, 0, OTHER_SERVICE_PORT, MATCH_FOREIGN },
	{ "udp on the same ports", ISN, PROBE_WAITING, TO_US, SA, 5, ISN + 1,
	    UDP, MATCH_FOREIGN },
	{ "other family", ISN, PROBE_WAITING, TO_US, SA, 5, ISN + 1, FAMILY6,
	    MATCH_FOREIGN },
};

START_TEST(one_slot_classified)
{
	const struct one_case *c = &one_slot[_i];
	struct probe_slot s = slot_of(c->isn, c->state);
	struct decoded_pkt p = pkt_of(c->dir, c->flags, c->seq, c->ack,
	    c->twist);
	struct match_result r = match_packet(&p, &s, 1);

	ck_assert_msg(r.kind == c->want, "%s: got %s, want %s", c->name,
	    match_kind_name(r.kind), match_kind_name(c->want));
	if (c->want != MATCH_FOREIGN)
		ck_assert_uint_eq(r.slot, 0);
}
END_TEST

/* Several probes in flight; the reply picks its slot. */
struct many_case {
	const char *name;
	struct {
		uint32_t isn;
		enum probe_state state;
		int64_t sent_ns;
	} slots[3];
	size_t nslots;
	enum dir dir;
	uint8_t flags;
	uint32_t seq, ack;
	enum match_kind want;
	size_t want_slot;
};

static const struct many_case many[] = {
	{ "credited by ack, not by waiting order",
	    { { 1000, PROBE_WAITING, 10 }, { 2000, PROBE_WAITING, 20 } }, 2,
	    TO_US, SA, 5, 2001, MATCH_SYNACK, 1 },
	{ "first of two waiting",
	    { { 1000, PROBE_WAITING, 10 }, { 2000, PROBE_WAITING, 20 } }, 2,
	    TO_US, RA, 0, 1001, MATCH_RST, 0 },
	{ "reused isn: the waiting probe",
	    { { 1000, PROBE_OPEN, 10 }, { 1000, PROBE_WAITING, 20 } }, 2,
	    TO_US, SA, 5, 1001, MATCH_SYNACK, 1 },
	{ "reused isn: waiting over timed out",
	    { { 1000, PROBE_TIMED_OUT, 10 }, { 1000, PROBE_CLOSED, 20 },
	    { 1000, PROBE_WAITING, 30 } }, 3,
	    TO_US, RA, 0, 1001, MATCH_RST, 2 },
	{ "reused isn: duplicate over late",
	    { { 1000, PROBE_TIMED_OUT, 10 }, { 1000, PROBE_OPEN, 20 } }, 2,
	    TO_US, SA, 5, 1001, MATCH_DUPLICATE, 1 },
	{ "reused isn: all timed out",
	    { { 1000, PROBE_TIMED_OUT, 10 }, { 1000, PROBE_TIMED_OUT, 20 } },
	    2, TO_US, SA, 5, 1001, MATCH_LATE, 0 },
	{ "reused isn: unsent is skipped",
	    { { 1000, PROBE_UNSENT, -1 }, { 1000, PROBE_OPEN, 20 } }, 2,
	    TO_US, SA, 5, 1001, MATCH_DUPLICATE, 1 },
	{ "reused isn: syn of the probe not yet seen",
	    { { 1000, PROBE_WAITING, 10 }, { 1000, PROBE_WAITING, -1 } }, 2,
	    FROM_US, TH_SYN_BIT, 1000, 0, MATCH_OWN_SYN, 1 },
	{ "reused isn: syn seen for both",
	    { { 1000, PROBE_OPEN, 10 }, { 1000, PROBE_WAITING, 20 } }, 2,
	    FROM_US, TH_SYN_BIT, 1000, 0, MATCH_OWN_SYN, 0 },
	{ "syn picked by its isn",
	    { { 1000, PROBE_WAITING, -1 }, { 2000, PROBE_WAITING, -1 } }, 2,
	    FROM_US, TH_SYN_BIT, 2000, 0, MATCH_OWN_SYN, 1 },
	{ "no probe acknowledged",
	    { { 1000, PROBE_WAITING, 10 }, { 2000, PROBE_WAITING, 20 } }, 2,
	    TO_US, SA, 5, 3001, MATCH_FOREIGN, 0 },
	{ "no slots", { { 0, PROBE_UNSENT, 0 } }, 0,
	    TO_US, SA, 5, 1001, MATCH_FOREIGN, 0 },
};

START_TEST(many_slots_classified)
{
	const struct many_case *c = &many[_i];
	struct probe_slot s[3];
	struct decoded_pkt p = pkt_of(c->dir, c->flags, c->seq, c->ack, SAME);
	struct match_result r;
	size_t i;

	for (i = 0; i < NITEMS(s); i++) {
		s[i] = slot_of(c->slots[i].isn, c->slots[i].state);
		s[i].sent_ns = c->slots[i].sent_ns;
	}
	r = match_packet(&p, s, c->nslots);

	ck_assert_msg(r.kind == c->want, "%s: got %s, want %s", c->name,
	    match_kind_name(r.kind), match_kind_name(c->want));
	if (c->want != MATCH_FOREIGN)
		ck_assert_msg(r.slot == c->want_slot, "%s: slot %zu", c->name,
		    r.slot);
}
END_TEST

/* Every byte of a v6 address counts, where v4 compares only four. */
START_TEST(ipv6_compares_sixteen_bytes)
{
	static const uint8_t a[16] = { 0xfd, 0, 1, [15] = 1 };
	static const uint8_t b[16] = { 0xfd, 0, 1, [15] = 2 };
	struct probe_slot s = slot_of(ISN, PROBE_WAITING);
	struct decoded_pkt p = pkt_of(TO_US, SA, 5, ISN + 1, FAMILY6);

	s.family = AF_INET6;
	memcpy(s.src, a, 16);
	memcpy(s.dst, b, 16);
	memcpy(p.src, b, 16);
	memcpy(p.dst, a, 16);
	ck_assert_int_eq(match_packet(&p, &s, 1).kind, MATCH_SYNACK);

	p.dst[8] = 0xff;
	ck_assert_int_eq(match_packet(&p, &s, 1).kind, MATCH_FOREIGN);
}
END_TEST

START_TEST(ipv4_ignores_unused_bytes)
{
	struct probe_slot s = slot_of(ISN, PROBE_WAITING);
	struct decoded_pkt p = pkt_of(TO_US, SA, 5, ISN + 1, SAME);

	s.src[4] = 0x11;
	p.dst[15] = 0x22;
	ck_assert_int_eq(match_packet(&p, &s, 1).kind, MATCH_SYNACK);
}
END_TEST

static const struct {
	enum match_kind kind;
	const char *name;
} names[] = {
	{ MATCH_FOREIGN, "foreign" },
	{ MATCH_OWN_SYN, "own-syn" },
	{ MATCH_OWN_OTHER, "own-other" },
	{ MATCH_SYNACK, "syn-ack" },
	{ MATCH_RST, "rst" },
	{ MATCH_DUPLICATE, "duplicate" },
	{ MATCH_LATE, "late" },
	{ (enum match_kind)42, "unknown" },
};

START_TEST(kind_names)
{
	ck_assert_str_eq(match_kind_name(names[_i].kind), names[_i].name);
}
END_TEST

Suite *
match_suite(void)
{
	Suite *s = suite_create("match");
	TCase *tc = tcase_create("classify");

	tcase_add_loop_test(tc, one_slot_classified, 0, NITEMS(one_slot));
	tcase_add_loop_test(tc, many_slots_classified, 0, NITEMS(many));
	tcase_add_test(tc, ipv6_compares_sixteen_bytes);
	tcase_add_test(tc, ipv4_ignores_unused_bytes);
	tcase_add_loop_test(tc, kind_names, 0, NITEMS(names));
	suite_add_tcase(s, tc);
	return s;
}
