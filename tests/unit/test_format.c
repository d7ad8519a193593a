#include "unit.h"

#include <sys/socket.h>
#include <netinet/in.h>

#include <stdlib.h>
#include <string.h>

#include "format.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define LINE_CAP	512

#define SA	(TH_SYN_BIT | TH_ACK_BIT)
#define RA	(TH_RST_BIT | TH_ACK_BIT)

#define OPT(k, l, a, b)	{ (k), (l), { (a), (b) } }
#define NOP		OPT(TCPOPT_KIND_NOP, 1, 0, 0)
#define EOL		OPT(TCPOPT_KIND_EOL, 1, 0, 0)
#define MSS(v)		OPT(TCPOPT_KIND_MSS, 4, (v), 0)

#define POD	{ 198, 18, 212, 137 }
#define DB	{ 198, 18, 78, 144 }
#define REJECTER	{ 198, 18, 99, 2 }
#define CLOSED	{ 198, 18, 99, 3 }

/* The text a call wrote and the length it returned. */
#define ASSERT_LINE(call, buf, want) do {				\
	size_t n_ = (call);						\
	ck_assert_str_eq((buf), (want));				\
	ck_assert_uint_eq(n_, strlen(want));				\
} while (0)

static const struct {
	uint8_t flags;
	const char *want;
} flag_cases[] = {
	{ 0, "" },
	{ TH_SYN_BIT, "S" },
	{ TH_FIN_BIT, "F" },
	{ TH_RST_BIT, "R" },
	{ TH_PSH_BIT, "P" },
	{ TH_ACK_BIT, "A" },
	{ TH_URG_BIT, "U" },
	{ TH_ECE_BIT, "E" },
	{ TH_CWR_BIT, "C" },
	{ SA, "SA" },
	{ RA, "RA" },
	{ TH_PSH_BIT | TH_ACK_BIT, "PA" },
	{ TH_FIN_BIT | TH_ACK_BIT, "FA" },
	{ SA | TH_ECE_BIT | TH_CWR_BIT, "SAEC" },
	{ 0xff, "SFRPAUEC" },
};

START_TEST(flags)
{
	char buf[16];

	ASSERT_LINE(format_tcp_flags(flag_cases[_i].flags, buf, sizeof(buf)),
	    buf, flag_cases[_i].want);
}
END_TEST

static const struct {
	struct decoded_tcp tcp;
	const char *want;
} opt_cases[] = {
	{ { .nopt = 0 }, "" },
	{ { .opt = { MSS(1460) }, .nopt = 1 }, "<mss 1460>" },
	{ { .opt = { MSS(65495), OPT(4, 2, 0, 0), OPT(8, 10, 123456, 0),
	    NOP, OPT(3, 3, 7, 0) }, .nopt = 5 },
	    "<mss 65495,sackOK,timestamp 123456 0,nop,wscale 7>" },
	{ { .opt = { MSS(1460), EOL }, .nopt = 2 }, "<mss 1460,eol>" },
	{ { .opt = { NOP, NOP, OPT(5, 10, 0, 0) }, .nopt = 3 },
	    "<nop,nop,sack 1>" },
	{ { .opt = { NOP, NOP, OPT(5, 34, 0, 0) }, .nopt = 3 },
	    "<nop,nop,sack 4>" },
	{ { .opt = { OPT(8, 10, 4294967295u, 4294967294u) }, .nopt = 1 },
	    "<timestamp 4294967295 4294967294>" },
	{ { .opt = { OPT(30, 4, 0, 0) }, .nopt = 1 }, "<opt-30>" },
	{ { .opt = { OPT(254, 2, 0, 0) }, .nopt = 1 }, "<opt-254>" },
	{ { .opt = { OPT(2, 3, 0, 0) }, .nopt = 1 }, "<opt-2>" },
	{ { .opt = { OPT(3, 4, 7, 0) }, .nopt = 1 }, "<opt-3>" },
	{ { .opt = { OPT(4, 3, 0, 0) }, .nopt = 1 }, "<opt-4>" },
	{ { .opt = { OPT(5, 9, 0, 0) }, .nopt = 1 }, "<opt-5>" },
	{ { .opt = { OPT(5, 2, 0, 0) }, .nopt = 1 }, "<opt-5>" },
	{ { .opt = { OPT(8, 6, 0, 0) }, .nopt = 1 }, "<opt-8>" },
	{ { .opt = { NOP }, .nopt = 1, .opt_malformed = 1 },
	    "<nop,malformed>" },
	{ { .nopt = 0, .opt_malformed = 1 }, "<malformed>" },
};

START_TEST(options)
{
	char buf[LINE_CAP];

	ASSERT_LINE(format_tcp_options(&opt_cases[_i].tcp, buf, sizeof(buf)),
	    buf, opt_cases[_i].want);
}
END_TEST

#define IP4(s, d, ttl_, id_, len_)	.family = AF_INET, .src = s, \
	.dst = d, .ttl = (ttl_), .ipid = (id_), .iplen = (len_)
#define IP6(s, d, hlim, len_)	.family = AF_INET6, .src = s, .dst = d, \
	.ttl = (hlim), .iplen = (len_)

#define SVC6	{ 0xfd, 0, 1, 0x98, 0, 0x18, [13] = 0x78, [14] = 1, \
	[15] = 0x44 }
#define POD6	{ 0xfd, 0, [15] = 1 }

static const struct {
	const char *tag;
	int64_t t_ns;
	struct decoded_pkt pkt;
	const char *want;
} tcp_lines[] = {
	{ "SENT", 24400000, { IP4(POD, DB, 64, 5892, 40), .proto = 6,
	    .tcp = { .sport = 56374, .dport = 3306, .seq = 3423151566u,
	    .flags = TH_SYN_BIT, .win = 1480 } },
	    "SENT (0.0244s) TCP 198.18.212.137:56374 > 198.18.78.144:3306 "
	    "S ttl=64 id=5892 iplen=40  seq=3423151566 win=1480" },
	{ "RCVD", 24500000, { IP4(DB, POD, 64, 0, 44), .proto = 6,
	    .tcp = { .sport = 3306, .dport = 56374, .seq = 335369876,
	    .flags = SA, .win = 64240, .opt = { MSS(1460) }, .nopt = 1 } },
	    "RCVD (0.0245s) TCP 198.18.78.144:3306 > 198.18.212.137:56374 "
	    "SA ttl=64 id=0 iplen=44  seq=335369876 win=64240 <mss 1460>" },
	{ "RCVD", 1010600000, { IP4(CLOSED, POD, 64, 0, 40),
	    .proto = 6, .tcp = { .sport = 80, .dport = 60254, .flags = RA } },
	    "RCVD (1.0106s) TCP 198.18.99.3:80 > 198.18.212.137:60254 "
	    "RA ttl=64 id=0 iplen=40  seq=0 win=0" },
	{ "RCVD", 0, { IP4(DB, POD, 255, 65535, 65535), .proto = 6,
	    .tcp = { .sport = 65535, .dport = 1, .seq = 4294967295u,
	    .win = 65535 } },
	    "RCVD (0.0000s) TCP 198.18.78.144:65535 > 198.18.212.137:1  "
	    "ttl=255 id=65535 iplen=65535  seq=4294967295 win=65535" },
	{ "RCVD", 24450000, { IP4(DB, POD, 64, 0, 41), .proto = 6,
	    .tcp = { .flags = SA, .nopt = 0, .opt_malformed = 1 } },
	    "RCVD (0.0245s) TCP 198.18.78.144:0 > 198.18.212.137:0 "
	    "SA ttl=64 id=0 iplen=41  seq=0 win=0 <malformed>" },
	{ "SENT", 12700000, { IP6(POD6, SVC6, 64, 60), .proto = 6,
	    .tcp = { .sport = 37302, .dport = 3306, .seq = 2456409607u,
	    .flags = TH_SYN_BIT, .win = 1480 } },
	    "SENT (0.0127s) TCP [fd00::1]:37302 > [fd00:198:18::78:144]:3306 "
	    "S hlim=64 plen=20  seq=2456409607 win=1480" },
	{ "RCVD", 12800000, { IP6(SVC6, POD6, 63, 64), .proto = 6,
	    .tcp = { .sport = 3306, .dport = 37302, .seq = 335369876,
	    .flags = SA, .win = 64240, .opt = { MSS(1440) }, .nopt = 1 } },
	    "RCVD (0.0128s) TCP [fd00:198:18::78:144]:3306 > [fd00::1]:37302 "
	    "SA hlim=63 plen=24  seq=335369876 win=64240 <mss 1440>" },
	{ "SENT", 24449999, { IP6(SVC6, { [15] = 1 }, 64, 40), .proto = 6,
	    .tcp = { .sport = 37302, .dport = 3306, .flags = TH_SYN_BIT } },
	    "SENT (0.0244s) TCP [fd00:198:18::78:144]:37302 > [::1]:3306 "
	    "S hlim=64 plen=0  seq=0 win=0" },
	{ "SENT", 0, { IP6(POD6, SVC6, 255, 39), .proto = 6,
	    .tcp = { .flags = TH_SYN_BIT } },
	    "SENT (0.0000s) TCP [fd00::1]:0 > [fd00:198:18::78:144]:0 "
	    "S hlim=255 plen=0  seq=0 win=0" },
	{ "SENT", 0, { IP6(POD6, SVC6, 64, 65575), .proto = 6,
	    .tcp = { .flags = TH_SYN_BIT } },
	    "SENT (0.0000s) TCP [fd00::1]:0 > [fd00:198:18::78:144]:0 "
	    "S hlim=64 plen=65535  seq=0 win=0" },
	{ "SENT", 3600123456789, { IP4(POD, DB, 64, 1, 40), .proto = 6,
	    .tcp = { .flags = TH_SYN_BIT } },
	    "SENT (3600.1235s) TCP 198.18.212.137:0 > 198.18.78.144:0 "
	    "S ttl=64 id=1 iplen=40  seq=0 win=0" },
	{ "SENT", -50000, { IP4(POD, DB, 64, 1, 40), .proto = 6,
	    .tcp = { .flags = TH_SYN_BIT } },
	    "SENT (-0.0001s) TCP 198.18.212.137:0 > 198.18.78.144:0 "
	    "S ttl=64 id=1 iplen=40  seq=0 win=0" },
	{ "SENT", -49999, { IP4(POD, DB, 64, 1, 40), .proto = 6,
	    .tcp = { .flags = TH_SYN_BIT } },
	    "SENT (0.0000s) TCP 198.18.212.137:0 > 198.18.78.144:0 "
	    "S ttl=64 id=1 iplen=40  seq=0 win=0" },
	{ "SENT", 0, { .family = 0, .src = POD, .dst = DB, .ttl = 64,
	    .ipid = 1, .iplen = 40, .proto = 6,
	    .tcp = { .flags = TH_SYN_BIT } },
	    "SENT (0.0000s) TCP ?:0 > ?:0 S ttl=64 id=1 iplen=40  "
	    "seq=0 win=0" },
};

/*
 * Addresses of the test cluster the nping lines below were captured
 * in: a pod, its router, and targets behind the router.
 */
#define R11	{ 198, 18, 1, 1 }
#define P12	{ 198, 18, 1, 2 }
#define T92	{ 198, 18, 9, 2 }
#define T94	{ 198, 18, 9, 4 }
#define R6	{ 0xfd, 0, 0, 1, [15] = 1 }
#define P6	{ 0xfd, 0, 0, 1, [15] = 2 }

/*
 * An ICMP message; the variable part is the rest of struct icmp.  The
 * addresses are brace lists, so they go to no further macro.
 */
#define ICMP4(s, d, ttl_, id_, len_, ty, co, inf, ...)			\
	{ .family = AF_INET, .src = s, .dst = d, .ttl = (ttl_),		\
	.ipid = (id_), .iplen = (len_), .proto = IPPROTO_ICMP,		\
	.icmp = { .type = (ty), .code = (co), .info = (inf), __VA_ARGS__ } }
#define ICMP6(s, d, hlim, len_, ty, co, inf, ...)			\
	{ .family = AF_INET6, .src = s, .dst = d, .ttl = (hlim),	\
	.iplen = (len_), .proto = IPPROTO_ICMPV6,			\
	.icmp = { .type = (ty), .code = (co), .info = (inf), __VA_ARGS__ } }

/* A quoted SYN from the pod's port 40000 to port 85 of qdst. */
#define Q4(qdst, qlen)	.is_error = 1, .quote = { .family = AF_INET,	\
	.src = P12, .dst = qdst, .proto = 6, .quoted_len = (qlen),	\
	.has_tcp_quote = (qlen) >= 8, .sport = 40000, .dport = 85,	\
	.seq = 1 }
#define Q6(qlen)	.is_error = 1, .quote = { .family = AF_INET6,	\
	.src = P6, .dst = SVC6, .proto = 6, .quoted_len = (qlen),	\
	.has_tcp_quote = (qlen) >= 8, .sport = 40000, .dport = 85,	\
	.seq = 1 }

/*
 * Every ICMP line below but the ICMPv6 ones is one nping 0.7.93 printed
 * for the same packet, in a cluster of network namespaces, with nft
 * reject rules and hand-made errors quoting its SYNs.
 */
static const struct {
	const char *tag;
	int64_t t_ns;
	struct decoded_pkt pkt;
	const char *want;
} icmp_lines[] = {
	{ "RCVD", 9500000, ICMP4(REJECTER, POD, 64, 59812, 68, 3,
	    13, 0, .is_error = 1), "RCVD (0.0095s) ICMP [198.18.99.2 > "
	    "198.18.212.137 Communication administratively prohibited by "
	    "filtering (type=3/code=13) ] IP [ttl=64 id=59812 iplen=68 ]" },
	{ "RCVD", 11300000, ICMP4(R11, P12, 64, 39260, 68, 3, 3, 0,
	    Q4(T92, 20)), "RCVD (0.0113s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Port 85 unreachable (type=3/code=3) ] IP [ttl=64 id=39260 "
	    "iplen=68 ]" },
	{ "RCVD", 716700000, ICMP4(R11, P12, 64, 48437, 56, 3, 3, 0,
	    Q4(T92, 8)), "RCVD (0.7167s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Port unreachable (type=3/code=3) ] IP [ttl=64 id=48437 "
	    "iplen=56 ]" },
	{ "RCVD", 822500000, ICMP4(R11, P12, 64, 49053, 57, 3, 3, 0,
	    Q4(T92, 9)), "RCVD (0.8225s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Port 85 unreachable (type=3/code=3) ] IP [ttl=64 id=49053 "
	    "iplen=57 ]" },
	{ "RCVD", 19000000, ICMP4(R11, P12, 64, 39261, 68, 3, 1, 0,
	    Q4(T94, 20)), "RCVD (0.0190s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Host 198.18.9.4 unreachable (type=3/code=1) ] IP [ttl=64 "
	    "id=39261 iplen=68 ]" },
	{ "RCVD", 1019300000, ICMP4(R11, P12, 64, 39267, 68, 3, 0, 0,
	    Q4(T94, 20)), "RCVD (1.0193s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Network 198.18.9.4 unreachable (type=3/code=0) ] IP [ttl=64 "
	    "id=39267 iplen=68 ]" },
	{ "RCVD", 2020700000, ICMP4(R11, P12, 64, 39282, 68, 3, 2, 0,
	    Q4(T94, 20)), "RCVD (2.0207s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Protocol 6 unreachable (type=3/code=2) ] IP [ttl=64 id=39282 "
	    "iplen=68 ]" },
	{ "RCVD", 2021100000, ICMP4(R11, P12, 64, 41884, 56, 3, 4, 0,
	    Q4(T92, 8)), "RCVD (2.0211s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Fragmentation required (type=3/code=4) Next-Hop-MTU=0] IP "
	    "[ttl=64 id=41884 iplen=56 ]" },
	{ "RCVD", 0, ICMP4(R11, P12, 64, 1, 56, 3, 4, 0x00000578,
	    Q4(T92, 8)), "RCVD (0.0000s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Fragmentation required (type=3/code=4) Next-Hop-MTU=1400] IP "
	    "[ttl=64 id=1 iplen=56 ]" },
	{ "RCVD", 3022400000, ICMP4(R11, P12, 64, 41905, 56, 3, 5, 0,
	    Q4(T92, 8)), "RCVD (3.0224s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Source route failed (type=3/code=5) ] IP [ttl=64 id=41905 "
	    "iplen=56 ]" },
	{ "RCVD", 3022400000, ICMP4(R11, P12, 64, 41924, 56, 3, 6, 0,
	    Q4(T92, 8)), "RCVD (3.0224s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Destination network 198.18.9.2 unknown (type=3/code=6) ] IP "
	    "[ttl=64 id=41924 iplen=56 ]" },
	{ "RCVD", 4024000000, ICMP4(R11, P12, 64, 41927, 56, 3, 7, 0,
	    Q4(T92, 8)), "RCVD (4.0240s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Destination host 198.18.9.2 unknown (type=3/code=7) ] IP "
	    "[ttl=64 id=41927 iplen=56 ]" },
	{ "RCVD", 4024000000, ICMP4(R11, P12, 64, 41929, 56, 3, 8, 0,
	    Q4(T92, 8)), "RCVD (4.0240s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Source host isolated (type=3/code=8) ] IP [ttl=64 id=41929 "
	    "iplen=56 ]" },
	{ "RCVD", 3022100000, ICMP4(R11, P12, 64, 39369, 68, 3, 9, 0,
	    Q4(T94, 20)), "RCVD (3.0221s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Destination network 198.18.9.4 administratively prohibited "
	    "(type=3/code=9) ] IP [ttl=64 id=39369 iplen=68 ]" },
	{ "RCVD", 4023700000, ICMP4(R11, P12, 64, 39545, 68, 3, 10, 0,
	    Q4(T94, 20)), "RCVD (4.0237s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Destination host 198.18.9.4 administratively prohibited "
	    "(type=3/code=10) ] IP [ttl=64 id=39545 iplen=68 ]" },
	{ "RCVD", 6026200000, ICMP4(R11, P12, 64, 41966, 56, 3, 11, 0,
	    Q4(T92, 8)), "RCVD (6.0262s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Network 198.18.9.2 unreachable for TOS (type=3/code=11) ] IP "
	    "[ttl=64 id=41966 iplen=56 ]" },
	{ "RCVD", 7027700000, ICMP4(R11, P12, 64, 41990, 56, 3, 12, 0,
	    Q4(T92, 8)), "RCVD (7.0277s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Host 198.18.9.2 unreachable for TOS (type=3/code=12) ] IP "
	    "[ttl=64 id=41990 iplen=56 ]" },
	{ "RCVD", 7027700000, ICMP4(R11, P12, 64, 41999, 56, 3, 13, 0,
	    Q4(T92, 8)), "RCVD (7.0277s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Communication administratively prohibited by filtering "
	    "(type=3/code=13) ] IP [ttl=64 id=41999 iplen=56 ]" },
	{ "RCVD", 8029000000, ICMP4(R11, P12, 64, 42007, 56, 3, 14, 0,
	    Q4(T92, 8)), "RCVD (8.0290s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Host precedence violation (type=3/code=14) ] IP [ttl=64 "
	    "id=42007 iplen=56 ]" },
	{ "RCVD", 8029000000, ICMP4(R11, P12, 64, 42022, 56, 3, 15, 0,
	    Q4(T92, 8)), "RCVD (8.0290s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Precedence cutoff in effect (type=3/code=15) ] IP [ttl=64 "
	    "id=42022 iplen=56 ]" },
	{ "RCVD", 9030300000, ICMP4(R11, P12, 64, 42033, 56, 3, 16, 0,
	    Q4(T92, 8)), "RCVD (9.0303s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Destination unreachable (unknown code) (type=3/code=16) ] IP "
	    "[ttl=64 id=42033 iplen=56 ]" },
	{ "RCVD", 9030300000, ICMP4(R11, P12, 64, 42049, 56, 3, 255, 0,
	    Q4(T92, 8)), "RCVD (9.0303s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Destination unreachable (unknown code) (type=3/code=255) ] IP "
	    "[ttl=64 id=42049 iplen=56 ]" },
	{ "RCVD", 10031600000, ICMP4(R11, P12, 64, 42069, 56, 11, 0, 0,
	    Q4(T92, 8)), "RCVD (10.0316s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "TTL=0 during transit (type=11/code=0) ] IP [ttl=64 id=42069 "
	    "iplen=56 ]" },
	{ "RCVD", 11033000000, ICMP4(R11, P12, 64, 42096, 56, 11, 1, 0,
	    Q4(T92, 8)), "RCVD (11.0330s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "TTL=0 during reassembly (type=11/code=1) ] IP [ttl=64 "
	    "id=42096 iplen=56 ]" },
	{ "RCVD", 1191100000, ICMP4(R11, P12, 64, 43526, 56, 11, 2, 0,
	    Q4(T92, 8)), "RCVD (1.1911s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "TTL exceeded (unknown code) (type=11/code=2) ] IP [ttl=64 "
	    "id=43526 iplen=56 ]" },
	{ "RCVD", 2026300000, ICMP4(R11, P12, 64, 43539, 56, 4, 0, 0,
	    Q4(T92, 8)), "RCVD (2.0263s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Source quench (type=4/code=0) ] IP [ttl=64 id=43539 "
	    "iplen=56 ]" },
	{ "RCVD", 2026300000, ICMP4(R11, P12, 64, 43552, 56, 4, 1, 0,
	    Q4(T92, 8)), "RCVD (2.0263s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Source quench (type=4/code=1) ] IP [ttl=64 id=43552 "
	    "iplen=56 ]" },
	{ "RCVD", 3030100000, ICMP4(R11, P12, 64, 43584, 56, 5, 0, 0,
	    Q4(T92, 8)), "RCVD (3.0301s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Network redirect (type=5/code=0) addr=0.0.0.0] IP [ttl=64 "
	    "id=43584 iplen=56 ]" },
	{ "RCVD", 3030100000, ICMP4(R11, P12, 64, 43591, 56, 5, 1, 0,
	    Q4(T92, 8)), "RCVD (3.0301s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Host redirect (type=5/code=1) addr=0.0.0.0] IP [ttl=64 "
	    "id=43591 iplen=56 ]" },
	{ "RCVD", 4031500000, ICMP4(R11, P12, 64, 43604, 56, 5, 2,
	    0xc6120102, Q4(T92, 8)), "RCVD (4.0315s) ICMP [198.18.1.1 > "
	    "198.18.1.2 Redirect (unknown code) (type=5/code=2) "
	    "addr=198.18.1.2] IP [ttl=64 id=43604 iplen=56 ]" },
	{ "RCVD", 6035500000, ICMP4(R11, P12, 64, 43651, 56, 12, 0, 0,
	    Q4(T92, 8)), "RCVD (6.0355s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Parameter problem (pointer indicates error) (type=12/code=0) "
	    "pointer=0] IP [ttl=64 id=43651 iplen=56 ]" },
	{ "RCVD", 6035500000, ICMP4(R11, P12, 64, 43655, 56, 12, 1,
	    0x14000000, Q4(T92, 8)), "RCVD (6.0355s) ICMP [198.18.1.1 > "
	    "198.18.1.2 Parameter problem (option missing) (type=12/code=1) "
	    "pointer=20] IP [ttl=64 id=43655 iplen=56 ]" },
	{ "RCVD", 7036800000, ICMP4(R11, P12, 64, 43680, 56, 12, 2, 0,
	    Q4(T92, 8)), "RCVD (7.0368s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Parameter problem (bad length) (type=12/code=2) pointer=0] IP "
	    "[ttl=64 id=43680 iplen=56 ]" },
	{ "RCVD", 7036800000, ICMP4(R11, P12, 64, 43705, 56, 12, 3, 0,
	    Q4(T92, 8)), "RCVD (7.0368s) ICMP [198.18.1.1 > 198.18.1.2 "
	    "Parameter problem (unknown code) (type=12/code=3) pointer=0] "
	    "IP [ttl=64 id=43705 iplen=56 ]" },
	{ "SENT", 13800000, ICMP4(P12, T92, 64, 36113, 28, 8, 0, 0x632a0001,
	    .is_error = 0), "SENT (0.0138s) ICMP [198.18.1.2 > 198.18.9.2 "
	    "Echo request (type=8/code=0) id=25386 seq=1] IP [ttl=64 "
	    "id=36113 iplen=28 ]" },
	{ "RCVD", 14000000, ICMP4(T92, P12, 63, 51762, 28, 0, 0, 0x632a0001,
	    .is_error = 0), "RCVD (0.0140s) ICMP [198.18.9.2 > 198.18.1.2 "
	    "Echo reply (type=0/code=0) id=25386 seq=1] IP [ttl=63 "
	    "id=51762 iplen=28 ]" },
	{ "RCVD", 8500000, ICMP4(T92, P12, 63, 51888, 40, 14, 0, 0x4d530001,
	    .is_error = 0), "RCVD (0.0085s) ICMP [198.18.9.2 > 198.18.1.2 "
	    "Timestamp reply (type=14/code=0) ] IP [ttl=63 id=51888 "
	    "iplen=40 ]" },
	{ "RCVD", 0, ICMP4(R11, P12, 64, 7, 36, 3, 1, 0, .is_error = 1),
	    "RCVD (0.0000s) ICMP [198.18.1.1 > 198.18.1.2 Host unreachable "
	    "(type=3/code=1) ] IP [ttl=64 id=7 iplen=36 ]" },
	{ "RCVD", 0, ICMP4(R11, P12, 64, 7, 36, 3, 3, 0, .is_error = 1,
	    .quote = { .family = AF_INET, .dst = T92, .proto = 17,
	    .quoted_len = 16 }), "RCVD (0.0000s) ICMP [198.18.1.1 > "
	    "198.18.1.2 Port unreachable (type=3/code=3) ] IP [ttl=64 id=7 "
	    "iplen=36 ]" },
	{ "RCVD", 0, ICMP4(R11, P12, 64, 7, 28, 42, 0, 0, .is_error = 0),
	    "RCVD (0.0000s) ICMP [198.18.1.1 > 198.18.1.2 Unknown ICMP type "
	    "(type=42/code=0) ] IP [ttl=64 id=7 iplen=28 ]" },
	{ "RCVD", 9500000, ICMP6(R6, P6, 64, 108, 1, 1, 0, Q6(20)),
	    "RCVD (0.0095s) ICMPv6 [fd00:1::1 > fd00:1::2 Communication with "
	    "destination administratively prohibited (type=1/code=1) ] "
	    "IPv6 [hlim=64 plen=68]" },
	{ "RCVD", 9500000, ICMP6(R6, P6, 64, 108, 1, 4, 0, Q6(20)),
	    "RCVD (0.0095s) ICMPv6 [fd00:1::1 > fd00:1::2 Port unreachable "
	    "(type=1/code=4) ] IPv6 [hlim=64 plen=68]" },
	{ "RCVD", 0, ICMP6(R6, P6, 64, 1280, 2, 0, 1280, Q6(1192)),
	    "RCVD (0.0000s) ICMPv6 [fd00:1::1 > fd00:1::2 Packet too big "
	    "(type=2/code=0) mtu=1280] IPv6 [hlim=64 plen=1240]" },
	{ "RCVD", 0, ICMP6(R6, P6, 64, 96, 3, 0, 0, Q6(8)),
	    "RCVD (0.0000s) ICMPv6 [fd00:1::1 > fd00:1::2 Hop limit exceeded "
	    "in transit (type=3/code=0) ] IPv6 [hlim=64 plen=56]" },
	{ "RCVD", 0, ICMP6(R6, P6, 64, 96, 4, 0, 6, Q6(8)),
	    "RCVD (0.0000s) ICMPv6 [fd00:1::1 > fd00:1::2 Erroneous header "
	    "field encountered (type=4/code=0) pointer=6] IPv6 [hlim=64 "
	    "plen=56]" },
	{ "RCVD", 0, ICMP6(P6, R6, 64, 104, 129, 0, 0x12340001,
	    .is_error = 0), "RCVD (0.0000s) ICMPv6 [fd00:1::2 > fd00:1::1 "
	    "Echo reply (type=129/code=0) id=4660 seq=1] IPv6 [hlim=64 "
	    "plen=64]" },
	{ "RCVD", 0, ICMP6(R6, P6, 255, 72, 135, 0, 0, .is_error = 0),
	    "RCVD (0.0000s) ICMPv6 [fd00:1::1 > fd00:1::2 Neighbor "
	    "solicitation (type=135/code=0) ] IPv6 [hlim=255 plen=32]" },
};

START_TEST(icmp_line)
{
	char buf[LINE_CAP];

	ASSERT_LINE(format_icmp_line(icmp_lines[_i].tag, icmp_lines[_i].t_ns,
	    &icmp_lines[_i].pkt, buf, sizeof(buf)), buf,
	    icmp_lines[_i].want);
}
END_TEST

/* The dispatcher picks the ICMP line for ICMP of the packet's family. */
START_TEST(packet_line_icmp)
{
	char buf[LINE_CAP];

	ASSERT_LINE(format_packet_line(icmp_lines[_i].tag,
	    icmp_lines[_i].t_ns, &icmp_lines[_i].pkt, buf, sizeof(buf)), buf,
	    icmp_lines[_i].want);
}
END_TEST

START_TEST(packet_line_tcp)
{
	char buf[LINE_CAP];

	ASSERT_LINE(format_packet_line(tcp_lines[_i].tag, tcp_lines[_i].t_ns,
	    &tcp_lines[_i].pkt, buf, sizeof(buf)), buf, tcp_lines[_i].want);
}
END_TEST

START_TEST(packet_line_icmp6_over_ipv4)
{
	char buf[LINE_CAP], want[LINE_CAP];
	struct decoded_pkt p = icmp_lines[0].pkt;

	p.proto = IPPROTO_ICMPV6;
	format_tcp_line("RCVD", 0, &p, want, sizeof(want));
	format_packet_line("RCVD", 0, &p, buf, sizeof(buf));
	ck_assert_str_eq(buf, want);
}
END_TEST

START_TEST(tcp_line)
{
	char buf[LINE_CAP];

	ASSERT_LINE(format_tcp_line(tcp_lines[_i].tag, tcp_lines[_i].t_ns,
	    &tcp_lines[_i].pkt, buf, sizeof(buf)), buf, tcp_lines[_i].want);
}
END_TEST

static const struct {
	int family;
	uint8_t type, code;
	const char *words, *few;
} icmp_names[] = {
	{ AF_INET, 0, 0, "Echo reply", "echo reply" },
	{ AF_INET, 3, 0, "Network unreachable", "net unreachable" },
	{ AF_INET, 3, 1, "Host unreachable", "host unreachable" },
	{ AF_INET, 3, 2, "Protocol unreachable", "protocol unreachable" },
	{ AF_INET, 3, 3, "Port unreachable", "port unreachable" },
	{ AF_INET, 3, 4, "Fragmentation required", "fragmentation needed" },
	{ AF_INET, 3, 5, "Source route failed", "source route failed" },
	{ AF_INET, 3, 6, "Destination network unknown", "net unknown" },
	{ AF_INET, 3, 7, "Destination host unknown", "host unknown" },
	{ AF_INET, 3, 8, "Source host isolated", "source host isolated" },
	{ AF_INET, 3, 9, "Destination network administratively prohibited",
	    "net prohibited" },
	{ AF_INET, 3, 10, "Destination host administratively prohibited",
	    "host prohibited" },
	{ AF_INET, 3, 11, "Network unreachable for TOS",
	    "net unreachable for TOS" },
	{ AF_INET, 3, 12, "Host unreachable for TOS",
	    "host unreachable for TOS" },
	{ AF_INET, 3, 13,
	    "Communication administratively prohibited by filtering",
	    "admin prohibited" },
	{ AF_INET, 3, 14, "Host precedence violation",
	    "precedence violation" },
	{ AF_INET, 3, 15, "Precedence cutoff in effect", "precedence cutoff" },
	{ AF_INET, 3, 16, "Destination unreachable (unknown code)",
	    "unreachable" },
	{ AF_INET, 3, 255, "Destination unreachable (unknown code)",
	    "unreachable" },
	{ AF_INET, 4, 0, "Source quench", "source quench" },
	{ AF_INET, 4, 1, "Source quench", "source quench" },
	{ AF_INET, 5, 0, "Network redirect", "redirect" },
	{ AF_INET, 5, 1, "Host redirect", "redirect" },
	{ AF_INET, 5, 2, "Redirect (unknown code)", "redirect" },
	{ AF_INET, 5, 3, "Redirect (unknown code)", "redirect" },
	{ AF_INET, 8, 0, "Echo request", "echo request" },
	{ AF_INET, 9, 0, "Router advertisement", "unknown type" },
	{ AF_INET, 10, 0, "Router solicitation", "unknown type" },
	{ AF_INET, 11, 0, "TTL=0 during transit", "TTL exceeded" },
	{ AF_INET, 11, 1, "TTL=0 during reassembly",
	    "reassembly time exceeded" },
	{ AF_INET, 11, 2, "TTL exceeded (unknown code)", "time exceeded" },
	{ AF_INET, 12, 0, "Parameter problem (pointer indicates error)",
	    "parameter problem" },
	{ AF_INET, 12, 1, "Parameter problem (option missing)",
	    "parameter problem" },
	{ AF_INET, 12, 2, "Parameter problem (bad length)",
	    "parameter problem" },
	{ AF_INET, 12, 3, "Parameter problem (unknown code)",
	    "parameter problem" },
	{ AF_INET, 13, 0, "Timestamp request", "unknown type" },
	{ AF_INET, 14, 0, "Timestamp reply", "unknown type" },
	{ AF_INET, 15, 0, "Information request", "unknown type" },
	{ AF_INET, 16, 0, "Information reply", "unknown type" },
	{ AF_INET, 17, 0, "Address mask request", "unknown type" },
	{ AF_INET, 18, 0, "Address mask reply", "unknown type" },
	{ AF_INET, 42, 0, "Unknown ICMP type", "unknown type" },
	{ AF_INET, 255, 255, "Unknown ICMP type", "unknown type" },
	{ 0, 3, 13, "Communication administratively prohibited by filtering",
	    "admin prohibited" },
	{ AF_INET6, 1, 0, "No route to destination", "no route" },
	{ AF_INET6, 1, 1,
	    "Communication with destination administratively prohibited",
	    "admin prohibited" },
	{ AF_INET6, 1, 2, "Beyond scope of source address", "beyond scope" },
	{ AF_INET6, 1, 3, "Address unreachable", "address unreachable" },
	{ AF_INET6, 1, 4, "Port unreachable", "port unreachable" },
	{ AF_INET6, 1, 5, "Source address failed ingress/egress policy",
	    "source address policy" },
	{ AF_INET6, 1, 6, "Reject route to destination", "reject route" },
	{ AF_INET6, 1, 7, "Error in Source Routing Header",
	    "source routing error" },
	{ AF_INET6, 1, 8, "Destination unreachable (unknown code)",
	    "unreachable" },
	{ AF_INET6, 2, 0, "Packet too big", "packet too big" },
	{ AF_INET6, 2, 9, "Packet too big", "packet too big" },
	{ AF_INET6, 3, 0, "Hop limit exceeded in transit",
	    "hop limit exceeded" },
	{ AF_INET6, 3, 1, "Fragment reassembly time exceeded",
	    "reassembly time exceeded" },
	{ AF_INET6, 3, 2, "Time exceeded (unknown code)", "time exceeded" },
	{ AF_INET6, 4, 0, "Erroneous header field encountered",
	    "parameter problem" },
	{ AF_INET6, 4, 1, "Unrecognized Next Header type encountered",
	    "parameter problem" },
	{ AF_INET6, 4, 2, "Unrecognized IPv6 option encountered",
	    "parameter problem" },
	{ AF_INET6, 4, 3, "Parameter problem (unknown code)",
	    "parameter problem" },
	{ AF_INET6, 128, 0, "Echo request", "echo request" },
	{ AF_INET6, 129, 0, "Echo reply", "echo reply" },
	{ AF_INET6, 130, 0, "Multicast listener query", "unknown type" },
	{ AF_INET6, 131, 0, "Multicast listener report", "unknown type" },
	{ AF_INET6, 132, 0, "Multicast listener done", "unknown type" },
	{ AF_INET6, 133, 0, "Router solicitation", "unknown type" },
	{ AF_INET6, 134, 0, "Router advertisement", "unknown type" },
	{ AF_INET6, 135, 0, "Neighbor solicitation", "unknown type" },
	{ AF_INET6, 136, 0, "Neighbor advertisement", "unknown type" },
	{ AF_INET6, 137, 0, "Redirect", "unknown type" },
	{ AF_INET6, 143, 0, "Multicast listener report v2", "unknown type" },
	{ AF_INET6, 0, 0, "Unknown ICMPv6 type", "unknown type" },
	{ AF_INET6, 3, 255, "Time exceeded (unknown code)", "time exceeded" },
	{ AF_INET6, 200, 0, "Unknown ICMPv6 type", "unknown type" },
};

START_TEST(icmp_words)
{
	ck_assert_str_eq(icmp_description(icmp_names[_i].family,
	    icmp_names[_i].type, icmp_names[_i].code), icmp_names[_i].words);
	ck_assert_str_eq(icmp_short(icmp_names[_i].family,
	    icmp_names[_i].type, icmp_names[_i].code), icmp_names[_i].few);
}
END_TEST

static const struct {
	struct stats s;
	const char *rtt, *packets;
} stat_lines[] = {
	{ { 3, 120, 3, 132, 3, 3, 31000, 42000, 109000 },
	    "Max rtt: 0.042ms | Min rtt: 0.031ms | Avg rtt: 0.036ms",
	    "Raw packets sent: 3 (120B) | Rcvd: 3 (132B) | Lost: 0 (0.00%)" },
	{ { 2, 80, 0, 0, 0, 0, 0, 0, 0 },
	    "Max rtt: N/A | Min rtt: N/A | Avg rtt: N/A",
	    "Raw packets sent: 2 (80B) | Rcvd: 0 (0B) | Lost: 2 (100.00%)" },
	{ { 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	    "Max rtt: N/A | Min rtt: N/A | Avg rtt: N/A",
	    "Raw packets sent: 0 (0B) | Rcvd: 0 (0B) | Lost: 0 (0.00%)" },
	{ { 3, 120, 2, 80, 1, 1, 41500, 41500, 41500 },
	    "Max rtt: 0.042ms | Min rtt: 0.042ms | Avg rtt: 0.042ms",
	    "Raw packets sent: 3 (120B) | Rcvd: 2 (80B) | Lost: 2 (66.67%)" },
	{ { 3, 120, 1, 40, 1, 1, 41499, 41499, 41499 },
	    "Max rtt: 0.041ms | Min rtt: 0.041ms | Avg rtt: 0.041ms",
	    "Raw packets sent: 3 (120B) | Rcvd: 1 (40B) | Lost: 2 (66.67%)" },
	{ { 8, 320, 7, 308, 7, 2, 499, 1234567890, 1234568389 },
	    "Max rtt: 1234.568ms | Min rtt: 0.000ms | Avg rtt: 617.284ms",
	    "Raw packets sent: 8 (320B) | Rcvd: 7 (308B) | Lost: 1 (12.50%)" },
};

START_TEST(rtt_line)
{
	char buf[LINE_CAP];

	ASSERT_LINE(format_rtt_line(&stat_lines[_i].s, buf, sizeof(buf)), buf,
	    stat_lines[_i].rtt);
}
END_TEST

START_TEST(packets_line)
{
	char buf[LINE_CAP];

	ASSERT_LINE(format_packets_line(&stat_lines[_i].s, buf, sizeof(buf)),
	    buf, stat_lines[_i].packets);
}
END_TEST

/*
 * The first two are nping's blocks; the last shows where it differs:
 * nping 0.7.93 counts packets as Rcvd and printed "Lost: -2" for a host
 * that sent two duplicates.
 */
static const struct {
	const char *name, *addr;
	struct stats s;
	const char *want;
} host_blocks[] = {
	{ "mysql", "198.18.78.144", { 2, 80, 2, 88, 2, 2, 32000, 51000, 83000 },
	    "Statistics for host mysql (198.18.78.144):\n"
	    " |  Probes Sent: 2 | Rcvd: 2 | Lost: 0  (0.00%)\n"
	    " |_ Max rtt: 0.051ms | Min rtt: 0.032ms | Avg rtt: 0.042ms" },
	{ "198.18.9.4", "198.18.9.4", { 2, 80, 0, 0, 0, 0, 0, 0, 0 },
	    "Statistics for host 198.18.9.4:\n"
	    " |  Probes Sent: 2 | Rcvd: 0 | Lost: 2  (100.00%)\n"
	    " |_ Max rtt: N/A | Min rtt: N/A | Avg rtt: N/A" },
	{ NULL, "198.18.20.30", { 3, 120, 1, 44, 1, 1, 30000, 30000, 30000 },
	    "Statistics for host 198.18.20.30:\n"
	    " |  Probes Sent: 3 | Rcvd: 1 | Lost: 2  (66.67%)\n"
	    " |_ Max rtt: 0.030ms | Min rtt: 0.030ms | Avg rtt: 0.030ms" },
	{ "FD00:0::78:144", "fd00::78:144", { 1, 60, 1, 64, 1, 1, 9000, 9000,
	    9000 }, "Statistics for host fd00::78:144:\n"
	    " |  Probes Sent: 1 | Rcvd: 1 | Lost: 0  (0.00%)\n"
	    " |_ Max rtt: 0.009ms | Min rtt: 0.009ms | Avg rtt: 0.009ms" },
	{ "redis", "fd00::20:30", { 1, 60, 0, 0, 0, 0, 0, 0, 0 },
	    "Statistics for host redis (fd00::20:30):\n"
	    " |  Probes Sent: 1 | Rcvd: 0 | Lost: 1  (100.00%)\n"
	    " |_ Max rtt: N/A | Min rtt: N/A | Avg rtt: N/A" },
	{ "198.18.9.2", "198.18.9.2", { 2, 80, 4, 216, 2, 2, 39000,
	    859621000, 859660000 }, "Statistics for host 198.18.9.2:\n"
	    " |  Probes Sent: 2 | Rcvd: 2 | Lost: 0  (0.00%)\n"
	    " |_ Max rtt: 859.621ms | Min rtt: 0.039ms | Avg rtt: 429.830ms" },
};

START_TEST(host_stats)
{
	char buf[LINE_CAP];

	ASSERT_LINE(format_host_stats(host_blocks[_i].name,
	    host_blocks[_i].addr, &host_blocks[_i].s, buf, sizeof(buf)), buf,
	    host_blocks[_i].want);
}
END_TEST

static const struct {
	unsigned naddr;
	int64_t elapsed_ns;
	const char *want;
} done_lines[] = {
	{ 1, 2050000000, "Probe done: 1 IP address probed in 2.05 seconds" },
	{ 2, 3040000000, "Probe done: 2 IP addresses probed in 3.04 seconds" },
	{ 0, 0, "Probe done: 0 IP addresses probed in 0.00 seconds" },
	{ 1, 1004999999, "Probe done: 1 IP address probed in 1.00 seconds" },
	{ 1, 1005000000, "Probe done: 1 IP address probed in 1.01 seconds" },
	{ 4294967295u, 86400000000000,
	    "Probe done: 4294967295 IP addresses probed in 86400.00 seconds" },
};

START_TEST(done_line)
{
	char buf[LINE_CAP];

	ASSERT_LINE(format_done_line(done_lines[_i].naddr,
	    done_lines[_i].elapsed_ns, buf, sizeof(buf)), buf,
	    done_lines[_i].want);
}
END_TEST

static const struct {
	const char *name;
	struct search_cand cand;
	size_t nsearch;
	const char *addr;
	int64_t took_ns;
	const char *want;
} resolution_lines[] = {
	{ "mysql", { "mysql.default.svc.cluster.local", CAND_SUFFIX, 0 }, 3,
	    "198.18.78.144", 800000,
	    "mysql -> mysql.default.svc.cluster.local (search domain 1 of 3) "
	    "-> 198.18.78.144 in 0.8 ms" },
	{ "mysql", { "mysql.cluster.local", CAND_SUFFIX, 2 }, 3,
	    "198.18.78.144", 42000,
	    "mysql -> mysql.cluster.local (search domain 3 of 3) "
	    "-> 198.18.78.144 in 0.042 ms" },
	{ "db.example.com", { "db.example.com", CAND_AS_IS, 0 }, 3,
	    "10.0.0.1", 12345678,
	    "db.example.com -> db.example.com (as given) -> 10.0.0.1 "
	    "in 12.3 ms" },
	{ "a", { "a.b", CAND_SUFFIX, 0 }, 1, "fd00::1", 99999,
	    "a -> a.b (search domain 1 of 1) -> fd00::1 in 0.100 ms" },
	{ "a", { "a.b", CAND_SUFFIX, 0 }, 1, "fd00::1", 100000,
	    "a -> a.b (search domain 1 of 1) -> fd00::1 in 0.1 ms" },
	{ "a", { "a.b", CAND_SUFFIX, 0 }, 1, "fd00::1", 149999,
	    "a -> a.b (search domain 1 of 1) -> fd00::1 in 0.1 ms" },
	{ "a", { "a.b", CAND_SUFFIX, 0 }, 1, "fd00::1", 150000,
	    "a -> a.b (search domain 1 of 1) -> fd00::1 in 0.2 ms" },
	{ "a", { "a", CAND_AS_IS, 0 }, 0, "10.0.0.1", 0,
	    "a -> a (as given) -> 10.0.0.1 in 0.000 ms" },
	{ "a", { "a", CAND_AS_IS, 0 }, 0, "10.0.0.1", 5000000000,
	    "a -> a (as given) -> 10.0.0.1 in 5000.0 ms" },
};

START_TEST(resolution_line)
{
	char buf[LINE_CAP];

	ASSERT_LINE(format_resolution_line(resolution_lines[_i].name,
	    &resolution_lines[_i].cand, resolution_lines[_i].nsearch,
	    resolution_lines[_i].addr, resolution_lines[_i].took_ns, buf,
	    sizeof(buf)), buf, resolution_lines[_i].want);
}
END_TEST

/* One call of each formatter, for the truncation test below. */
static size_t
call_flags(char *buf, size_t cap)
{
	return format_tcp_flags(0xff, buf, cap);
}

static size_t
call_options(char *buf, size_t cap)
{
	return format_tcp_options(&opt_cases[2].tcp, buf, cap);
}

static size_t
call_tcp_line(char *buf, size_t cap)
{
	return format_tcp_line("RCVD", 24500000, &tcp_lines[1].pkt, buf, cap);
}

static size_t
call_tcp6_line(char *buf, size_t cap)
{
	return format_tcp_line("RCVD", 0, &tcp_lines[6].pkt, buf, cap);
}

static size_t
call_icmp_line(char *buf, size_t cap)
{
	return format_icmp_line("RCVD", 0, &icmp_lines[1].pkt, buf, cap);
}

static size_t
call_icmp6_line(char *buf, size_t cap)
{
	return format_packet_line("RCVD", 0, &icmp_lines[NITEMS(icmp_lines) -
	    1].pkt, buf, cap);
}

static size_t
call_host_stats(char *buf, size_t cap)
{
	return format_host_stats("mysql", "198.18.78.144", &host_blocks[0].s,
	    buf, cap);
}

static size_t
call_verdict(char *buf, size_t cap)
{
	static const struct verdict_input v = { "rejected", "198.18.99.2", 80,
	    2, 0, 0, 2, NULL, AF_INET, "198.18.0.1", 3, 13, 0 };

	return format_verdict_line(&v, buf, cap);
}

static size_t
call_rtt(char *buf, size_t cap)
{
	return format_rtt_line(&stat_lines[0].s, buf, cap);
}

static size_t
call_packets(char *buf, size_t cap)
{
	return format_packets_line(&stat_lines[3].s, buf, cap);
}

static size_t
call_done(char *buf, size_t cap)
{
	return format_done_line(2, 3040000000, buf, cap);
}

static size_t
call_resolution(char *buf, size_t cap)
{
	return format_resolution_line("mysql", &resolution_lines[0].cand, 3,
	    "198.18.78.144", 800000, buf, cap);
}

static size_t (*const callers[])(char *, size_t) = {
	call_flags, call_options, call_tcp_line, call_tcp6_line,
	call_icmp_line, call_icmp6_line, call_host_stats, call_verdict,
	call_rtt, call_packets, call_done, call_resolution,
};

/*
 * Every cap from 0 to past the end, in a heap block of exactly cap
 * bytes: the text is the line's first cap - 1 bytes, the length is the
 * whole line's.
 */
START_TEST(truncated_to_every_cap)
{
	char full[LINE_CAP], *buf;
	size_t want, cap, n;

	want = callers[_i](full, sizeof(full));
	ck_assert_uint_eq(want, strlen(full));
	ck_assert_uint_eq(callers[_i](NULL, 0), want);

	for (cap = 1; cap <= want + 2; cap++) {
		buf = malloc(cap);
		ck_assert_ptr_nonnull(buf);
		n = callers[_i](buf, cap);
		ck_assert_uint_eq(n, want);
		ck_assert_uint_eq(strlen(buf), cap - 1 < want ? cap - 1 : want);
		ck_assert_int_eq(memcmp(buf, full, strlen(buf)), 0);
		free(buf);
	}
}
END_TEST

Suite *
format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *tc = tcase_create("tcp");

	tcase_add_loop_test(tc, flags, 0, NITEMS(flag_cases));
	tcase_add_loop_test(tc, options, 0, NITEMS(opt_cases));
	tcase_add_loop_test(tc, tcp_line, 0, NITEMS(tcp_lines));
	suite_add_tcase(s, tc);

	tc = tcase_create("icmp");
	tcase_add_loop_test(tc, icmp_line, 0, NITEMS(icmp_lines));
	tcase_add_loop_test(tc, packet_line_icmp, 0, NITEMS(icmp_lines));
	tcase_add_loop_test(tc, packet_line_tcp, 0, NITEMS(tcp_lines));
	tcase_add_test(tc, packet_line_icmp6_over_ipv4);
	tcase_add_loop_test(tc, icmp_words, 0, NITEMS(icmp_names));
	suite_add_tcase(s, tc);

	tc = tcase_create("summary");
	tcase_add_loop_test(tc, rtt_line, 0, NITEMS(stat_lines));
	tcase_add_loop_test(tc, packets_line, 0, NITEMS(stat_lines));
	tcase_add_loop_test(tc, host_stats, 0, NITEMS(host_blocks));
	tcase_add_loop_test(tc, done_line, 0, NITEMS(done_lines));
	tcase_add_loop_test(tc, resolution_line, 0, NITEMS(resolution_lines));
	suite_add_tcase(s, tc);

	tc = tcase_create("bounds");
	tcase_add_loop_test(tc, truncated_to_every_cap, 0, NITEMS(callers));
	suite_add_tcase(s, tc);
	return s;
}
