#include "unit.h"

#include <sys/socket.h>

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

static const struct {
	const char *tag;
	int64_t t_ns;
	struct decoded_pkt pkt;
	const char *want;
} tcp_lines[] = {
	{ "SENT", 24400000, { AF_INET, POD, DB, 64, 5892, 40, 6,
	    { .sport = 56374, .dport = 3306, .seq = 3423151566u,
	    .flags = TH_SYN_BIT, .win = 1480 } },
	    "SENT (0.0244s) TCP 198.18.212.137:56374 > 198.18.78.144:3306 "
	    "S ttl=64 id=5892 iplen=40  seq=3423151566 win=1480" },
	{ "RCVD", 24500000, { AF_INET, DB, POD, 64, 0, 44, 6,
	    { .sport = 3306, .dport = 56374, .seq = 335369876, .flags = SA,
	    .win = 64240, .opt = { MSS(1460) }, .nopt = 1 } },
	    "RCVD (0.0245s) TCP 198.18.78.144:3306 > 198.18.212.137:56374 "
	    "SA ttl=64 id=0 iplen=44  seq=335369876 win=64240 <mss 1460>" },
	{ "RCVD", 1010600000, { AF_INET, { 198, 18, 99, 3 }, POD, 64, 0, 40,
	    6, { .sport = 80, .dport = 60254, .flags = RA } },
	    "RCVD (1.0106s) TCP 198.18.99.3:80 > 198.18.212.137:60254 "
	    "RA ttl=64 id=0 iplen=40  seq=0 win=0" },
	{ "RCVD", 0, { AF_INET, DB, POD, 255, 65535, 65535, 6,
	    { .sport = 65535, .dport = 1, .seq = 4294967295u, .win = 65535 } },
	    "RCVD (0.0000s) TCP 198.18.78.144:65535 > 198.18.212.137:1  "
	    "ttl=255 id=65535 iplen=65535  seq=4294967295 win=65535" },
	{ "RCVD", 24450000, { AF_INET, DB, POD, 64, 0, 41, 6,
	    { .flags = SA, .nopt = 0, .opt_malformed = 1 } },
	    "RCVD (0.0245s) TCP 198.18.78.144:0 > 198.18.212.137:0 "
	    "SA ttl=64 id=0 iplen=41  seq=0 win=0 <malformed>" },
	{ "SENT", 24449999, { AF_INET6,
	    { 0xfd, 0, 1, 0x98, 0, 0x18, [13] = 0x78, [14] = 1, [15] = 0x44 },
	    { [15] = 1 }, 64, 0, 40, 6,
	    { .sport = 37302, .dport = 3306, .flags = TH_SYN_BIT } },
	    "SENT (0.0244s) TCP fd00:198:18::78:144:37302 > ::1:3306 "
	    "S ttl=64 id=0 iplen=40  seq=0 win=0" },
	{ "SENT", 3600123456789, { AF_INET, POD, DB, 64, 1, 40, 6,
	    { .flags = TH_SYN_BIT } },
	    "SENT (3600.1235s) TCP 198.18.212.137:0 > 198.18.78.144:0 "
	    "S ttl=64 id=1 iplen=40  seq=0 win=0" },
	{ "SENT", -50000, { AF_INET, POD, DB, 64, 1, 40, 6,
	    { .flags = TH_SYN_BIT } },
	    "SENT (-0.0001s) TCP 198.18.212.137:0 > 198.18.78.144:0 "
	    "S ttl=64 id=1 iplen=40  seq=0 win=0" },
	{ "SENT", -49999, { AF_INET, POD, DB, 64, 1, 40, 6,
	    { .flags = TH_SYN_BIT } },
	    "SENT (0.0000s) TCP 198.18.212.137:0 > 198.18.78.144:0 "
	    "S ttl=64 id=1 iplen=40  seq=0 win=0" },
	{ "SENT", 0, { 0, POD, DB, 64, 1, 40, 6, { .flags = TH_SYN_BIT } },
	    "SENT (0.0000s) TCP ?:0 > ?:0 S ttl=64 id=1 iplen=40  "
	    "seq=0 win=0" },
};

START_TEST(tcp_line)
{
	char buf[LINE_CAP];

	ASSERT_LINE(format_tcp_line(tcp_lines[_i].tag, tcp_lines[_i].t_ns,
	    &tcp_lines[_i].pkt, buf, sizeof(buf)), buf, tcp_lines[_i].want);
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
	call_flags, call_options, call_tcp_line, call_rtt, call_packets,
	call_done, call_resolution,
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

	tc = tcase_create("summary");
	tcase_add_loop_test(tc, rtt_line, 0, NITEMS(stat_lines));
	tcase_add_loop_test(tc, packets_line, 0, NITEMS(stat_lines));
	tcase_add_loop_test(tc, done_line, 0, NITEMS(done_lines));
	tcase_add_loop_test(tc, resolution_line, 0, NITEMS(resolution_lines));
	suite_add_tcase(s, tc);

	tc = tcase_create("bounds");
	tcase_add_loop_test(tc, truncated_to_every_cap, 0, NITEMS(callers));
	suite_add_tcase(s, tc);
	return s;
}
