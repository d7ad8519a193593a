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
	{ "syn-ack once rejected", ISN, PROBE_REJECTED, TO_US, SA, 5, ISN + 1,
	    SAME, MATCH_DUPLICATE },
	{ "rst once rejected", ISN, PROBE_REJECTED, TO_US, RA, 0, ISN + 1,
	    SAME, MATCH_DUPLICATE },
	{ "own syn after a rejection", ISN, PROBE_REJECTED, FROM_US,
	    TH_SYN_BIT, ISN, 0, SAME, MATCH_OWN_SYN },
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

/*
 * The same probe and packet over IPv6: each v4 address a.b.c.d becomes
 * fd00::a.b.c.d, and the packet of the other family stays IPv4.
 */
static void
to_v6(uint8_t *addr)
{
	uint8_t v4[4];

	memcpy(v4, addr, 4);
	memset(addr, 0, 16);
	addr[0] = 0xfd;
	memcpy(addr + 12, v4, 4);
}

START_TEST(one_slot_classified_v6)
{
	const struct one_case *c = &one_slot[_i];
	struct probe_slot s = slot_of(c->isn, c->state);
	struct decoded_pkt p = pkt_of(c->dir, c->flags, c->seq, c->ack,
	    c->twist);
	struct match_result r;

	s.family = AF_INET6;
	to_v6(s.src);
	to_v6(s.dst);
	p.family = p.family == AF_INET ? AF_INET6 : AF_INET;
	to_v6(p.src);
	to_v6(p.dst);
	r = match_packet(&p, &s, 1);

	ck_assert_msg(r.kind == c->want, "%s: got %s, want %s", c->name,
	    match_kind_name(r.kind), match_kind_name(c->want));
}
END_TEST

/* What to change in an ICMP error quoting the probe's SYN. */
enum qtwist {
	Q_SAME,
	Q_FROM_TARGET,		/* sent by the target, not a router */
	Q_OTHER_SPORT,
	Q_OTHER_DPORT,
	Q_OTHER_SEQ,
	Q_OTHER_SRC,
	Q_OTHER_DST,
	Q_NO_TCP,		/* too short a quote for the ports */
	Q_NOTHING,		/* no quoted header at all */
	Q_AS_TCP,		/* the same fields, but a TCP packet */
	Q_OTHER_ICMP,		/* ICMPv6 over IPv4, ICMP over IPv6 */
};

static const uint8_t router[4] = { 198, 18, 0, 1 };

/*
 * An error from the router to the pod quoting pod:56374 > svc:3306
 * with sequence number ISN, as IPv4; to_v6 makes it IPv6.
 */
static struct decoded_pkt
icmp_of(uint8_t type, enum qtwist twist)
{
	struct decoded_pkt p;
	struct decoded_quote *q = &p.icmp.quote;

	memset(&p, 0, sizeof(p));
	p.family = AF_INET;
	p.proto = twist == Q_AS_TCP ? IPPROTO_TCP : twist == Q_OTHER_ICMP ?
	    IPPROTO_ICMPV6 : IPPROTO_ICMP;
	memcpy(p.src, twist == Q_FROM_TARGET ? svc : router, 4);
	memcpy(p.dst, pod, 4);
	p.icmp.type = type;
	p.icmp.is_error = 1;

	q->family = twist == Q_NOTHING ? 0 : AF_INET;
	memcpy(q->src, twist == Q_OTHER_SRC ? other : pod, 4);
	memcpy(q->dst, twist == Q_OTHER_DST ? other : svc, 4);
	q->proto = IPPROTO_TCP;
	q->quoted_len = twist == Q_NO_TCP ? 7 : 20;
	q->has_tcp_quote = twist != Q_NO_TCP && twist != Q_NOTHING;
	q->sport = twist == Q_OTHER_SPORT ? 56375 : 56374;
	q->dport = twist == Q_OTHER_DPORT ? 3307 : 3306;
	q->seq = twist == Q_OTHER_SEQ ? ISN + 1 : ISN;
	return p;
}

struct icmp_case {
	const char *name;
	int family;
	uint8_t type;
	enum probe_state state;
	enum qtwist twist;
	enum match_kind want;
};

#define V4	AF_INET
#define V6	AF_INET6

static const struct icmp_case icmp_cases[] = {
	{ "unreachable from a router", V4, 3, PROBE_WAITING, Q_SAME,
	    MATCH_ICMP },
	{ "unreachable from the target", V4, 3, PROBE_WAITING,
	    Q_FROM_TARGET, MATCH_ICMP },
	{ "time exceeded", V4, 11, PROBE_WAITING, Q_SAME, MATCH_ICMP },
	{ "parameter problem", V4, 12, PROBE_WAITING, Q_SAME, MATCH_ICMP },
	{ "redirect: the SYN went on", V4, 5, PROBE_WAITING, Q_SAME,
	    MATCH_FOREIGN },
	{ "source quench: ignored", V4, 4, PROBE_WAITING, Q_SAME,
	    MATCH_FOREIGN },
	{ "echo reply", V4, 0, PROBE_WAITING, Q_SAME, MATCH_FOREIGN },
	{ "a second error once rejected", V4, 3, PROBE_REJECTED, Q_SAME,
	    MATCH_DUPLICATE },
	{ "an error once open", V4, 3, PROBE_OPEN, Q_SAME, MATCH_DUPLICATE },
	{ "an error once closed", V4, 11, PROBE_CLOSED, Q_SAME,
	    MATCH_DUPLICATE },
	{ "an error after the wait", V4, 3, PROBE_TIMED_OUT, Q_SAME,
	    MATCH_LATE },
	{ "an error for an unsent probe", V4, 3, PROBE_UNSENT, Q_SAME,
	    MATCH_FOREIGN },
	{ "another prober's source port", V4, 3, PROBE_WAITING,
	    Q_OTHER_SPORT, MATCH_FOREIGN },
	{ "another service port", V4, 3, PROBE_WAITING, Q_OTHER_DPORT,
	    MATCH_FOREIGN },
	{ "another prober's sequence number", V4, 3, PROBE_WAITING,
	    Q_OTHER_SEQ, MATCH_FOREIGN },
	{ "another source", V4, 3, PROBE_WAITING, Q_OTHER_SRC,
	    MATCH_FOREIGN },
	{ "another destination", V4, 3, PROBE_WAITING, Q_OTHER_DST,
	    MATCH_FOREIGN },
	{ "quote too short for the ports", V4, 3, PROBE_WAITING, Q_NO_TCP,
	    MATCH_FOREIGN },
	{ "nothing quoted", V4, 3, PROBE_WAITING, Q_NOTHING, MATCH_FOREIGN },
	{ "a TCP packet", V4, 3, PROBE_WAITING, Q_AS_TCP, MATCH_FOREIGN },
	{ "icmpv6 over ipv4", V4, 1, PROBE_WAITING, Q_OTHER_ICMP,
	    MATCH_FOREIGN },
	{ "v6 unreachable from a router", V6, 1, PROBE_WAITING, Q_SAME,
	    MATCH_ICMP },
	{ "v6 unreachable from the target", V6, 1, PROBE_WAITING,
	    Q_FROM_TARGET, MATCH_ICMP },
	{ "v6 packet too big", V6, 2, PROBE_WAITING, Q_SAME, MATCH_ICMP },
	{ "v6 time exceeded", V6, 3, PROBE_WAITING, Q_SAME, MATCH_ICMP },
	{ "v6 parameter problem", V6, 4, PROBE_WAITING, Q_SAME, MATCH_ICMP },
	{ "v6 type 5", V6, 5, PROBE_WAITING, Q_SAME, MATCH_FOREIGN },
	{ "v6 type 11 is not time exceeded", V6, 11, PROBE_WAITING, Q_SAME,
	    MATCH_FOREIGN },
	{ "v6 echo reply", V6, 129, PROBE_WAITING, Q_SAME, MATCH_FOREIGN },
	{ "v6 a second error", V6, 1, PROBE_REJECTED, Q_SAME,
	    MATCH_DUPLICATE },
	{ "v6 an error once open", V6, 1, PROBE_OPEN, Q_SAME,
	    MATCH_DUPLICATE },
	{ "v6 an error after the wait", V6, 3, PROBE_TIMED_OUT, Q_SAME,
	    MATCH_LATE },
	{ "v6 another sequence number", V6, 1, PROBE_WAITING, Q_OTHER_SEQ,
	    MATCH_FOREIGN },
	{ "v6 another destination", V6, 1, PROBE_WAITING, Q_OTHER_DST,
	    MATCH_FOREIGN },
	{ "v6 another source port", V6, 1, PROBE_WAITING, Q_OTHER_SPORT,
	    MATCH_FOREIGN },
	{ "icmp over ipv6", V6, 3, PROBE_WAITING, Q_OTHER_ICMP,
	    MATCH_FOREIGN },
};

START_TEST(icmp_classified)
{
	const struct icmp_case *c = &icmp_cases[_i];
	struct probe_slot s = slot_of(ISN, c->state);
	struct decoded_pkt p = icmp_of(c->type, c->twist);
	struct match_result r;

	if (c->family == AF_INET6) {
		s.family = AF_INET6;
		to_v6(s.src);
		to_v6(s.dst);
		p.family = AF_INET6;
		p.proto = p.proto == IPPROTO_ICMP ? IPPROTO_ICMPV6 :
		    p.proto == IPPROTO_ICMPV6 ? IPPROTO_ICMP : p.proto;
		to_v6(p.src);
		to_v6(p.dst);
		p.icmp.quote.family = p.icmp.quote.family ? AF_INET6 : 0;
		to_v6(p.icmp.quote.src);
		to_v6(p.icmp.quote.dst);
	}
	r = match_packet(&p, &s, 1);

	ck_assert_msg(r.kind == c->want, "%s: got %s, want %s", c->name,
	    match_kind_name(r.kind), match_kind_name(c->want));
	if (c->want != MATCH_FOREIGN)
		ck_assert_uint_eq(r.slot, 0);
}
END_TEST

/* A quote of the other family never matches, whatever its bytes. */
START_TEST(icmp_quote_of_other_family)
{
	struct probe_slot s = slot_of(ISN, PROBE_WAITING);
	struct decoded_pkt p = icmp_of(3, Q_SAME);

	p.icmp.quote.family = AF_INET6;
	ck_assert_int_eq(match_packet(&p, &s, 1).kind, MATCH_FOREIGN);

	s.family = AF_INET6;
	ck_assert_int_eq(match_packet(&p, &s, 1).kind, MATCH_FOREIGN);
}
END_TEST

/* Every byte of a quoted v6 address counts. */
START_TEST(icmp_v6_quote_sixteen_bytes)
{
	struct probe_slot s = slot_of(ISN, PROBE_WAITING);
	struct decoded_pkt p = icmp_of(1, Q_SAME);
	size_t i;

	s.family = AF_INET6;
	to_v6(s.src);
	to_v6(s.dst);
	p.family = AF_INET6;
	p.proto = IPPROTO_ICMPV6;
	p.icmp.quote.family = AF_INET6;
	to_v6(p.icmp.quote.src);
	to_v6(p.icmp.quote.dst);
	ck_assert_int_eq(match_packet(&p, &s, 1).kind, MATCH_ICMP);

	for (i = 0; i < 16; i++) {
		p.icmp.quote.dst[i] ^= 0x01;
		ck_assert_msg(match_packet(&p, &s, 1).kind == MATCH_FOREIGN,
		    "quoted dst byte %zu ignored", i);
		p.icmp.quote.dst[i] ^= 0x01;
		p.icmp.quote.src[i] ^= 0x80;
		ck_assert_msg(match_packet(&p, &s, 1).kind == MATCH_FOREIGN,
		    "quoted src byte %zu ignored", i);
		p.icmp.quote.src[i] ^= 0x80;
	}
}
END_TEST

/* Several probes; the error picks its slot by what it quotes. */
struct icmp_many_case {
	const char *name;
	struct {
		uint32_t isn;
		enum probe_state state;
	} slots[3];
	size_t nslots;
	uint32_t quoted_seq;
	enum match_kind want;
	size_t want_slot;
};

static const struct icmp_many_case icmp_many[] = {
	{ "credited by the quoted seq",
	    { { 1000, PROBE_WAITING }, { 2000, PROBE_WAITING } }, 2, 2000,
	    MATCH_ICMP, 1 },
	{ "first of two",
	    { { 1000, PROBE_WAITING }, { 2000, PROBE_WAITING } }, 2, 1000,
	    MATCH_ICMP, 0 },
	{ "reused isn: the waiting probe",
	    { { 1000, PROBE_REJECTED }, { 1000, PROBE_WAITING } }, 2, 1000,
	    MATCH_ICMP, 1 },
	{ "reused isn: waiting over timed out and open",
	    { { 1000, PROBE_TIMED_OUT }, { 1000, PROBE_OPEN },
	    { 1000, PROBE_WAITING } }, 3, 1000, MATCH_ICMP, 2 },
	{ "reused isn: duplicate over late",
	    { { 1000, PROBE_TIMED_OUT }, { 1000, PROBE_REJECTED } }, 2, 1000,
	    MATCH_DUPLICATE, 1 },
	{ "reused isn: all timed out",
	    { { 1000, PROBE_TIMED_OUT }, { 1000, PROBE_TIMED_OUT } }, 2, 1000,
	    MATCH_LATE, 0 },
	{ "no probe quoted",
	    { { 1000, PROBE_WAITING }, { 2000, PROBE_WAITING } }, 2, 3000,
	    MATCH_FOREIGN, 0 },
};

START_TEST(icmp_many_slots)
{
	const struct icmp_many_case *c = &icmp_many[_i];
	struct decoded_pkt p = icmp_of(3, Q_SAME);
	struct probe_slot s[3];
	struct match_result r;
	size_t i;

	for (i = 0; i < NITEMS(s); i++)
		s[i] = slot_of(c->slots[i].isn, c->slots[i].state);
	p.icmp.quote.seq = c->quoted_seq;
	r = match_packet(&p, s, c->nslots);

	ck_assert_msg(r.kind == c->want, "%s: got %s, want %s", c->name,
	    match_kind_name(r.kind), match_kind_name(c->want));
	if (c->want != MATCH_FOREIGN)
		ck_assert_msg(r.slot == c->want_slot, "%s: slot %zu", c->name,
		    r.slot);
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
	{ MATCH_ICMP, "icmp" },
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
	tcase_add_loop_test(tc, one_slot_classified_v6, 0, NITEMS(one_slot));
	tcase_add_loop_test(tc, many_slots_classified, 0, NITEMS(many));
	tcase_add_test(tc, ipv6_compares_sixteen_bytes);
	tcase_add_test(tc, ipv4_ignores_unused_bytes);
	tcase_add_loop_test(tc, kind_names, 0, NITEMS(names));
	suite_add_tcase(s, tc);

	tc = tcase_create("icmp");
	tcase_add_loop_test(tc, icmp_classified, 0, NITEMS(icmp_cases));
	tcase_add_test(tc, icmp_quote_of_other_family);
	tcase_add_test(tc, icmp_v6_quote_sixteen_bytes);
	tcase_add_loop_test(tc, icmp_many_slots, 0, NITEMS(icmp_many));
	suite_add_tcase(s, tc);
	return s;
}
