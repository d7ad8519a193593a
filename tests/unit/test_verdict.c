#include <sys/socket.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "format.h"
#include "verdict.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define LINE_CAP	512

#define V4	AF_INET
#define V6	AF_INET6

/* RTTs of 31, 42 and 35 us; of 30 us; of 40 and 50 us; none. */
static const struct stats three = { 3, 120, 3, 132, 3, 3, 31000, 42000,
	108000 };
static const struct stats one = { 1, 40, 1, 44, 1, 1, 30000, 30000, 30000 };
static const struct stats two_of_three = { 3, 120, 2, 88, 2, 2, 40000,
	50000, 90000 };
static const struct stats no_rtt = { 1, 40, 1, 44, 1, 0, 0, 0, 0 };

/*
 * name, addr, port, sent, open, closed, rejected, stats, the first
 * rejection's family, sender, type and code, and connect()'s errno.
 */
static const struct {
	struct verdict_input v;
	enum verdict want;
	const char *line;
} cases[] = {
	{ { "mysql", "198.18.78.144", 3306, 3, 3, 0, 0, &three, 0, NULL, 0,
	    0, 0 }, VERDICT_OPEN,
	    "mysql (198.18.78.144) port 3306: open, 3/3 answered, "
	    "rtt 0.036 ms" },
	{ { "closed", "198.18.99.3", 80, 2, 0, 2, 0, &three, 0, NULL, 0,
	    0, 0 }, VERDICT_CLOSED,
	    "closed (198.18.99.3) port 80: closed (RST), 2/2 answered" },
	{ { "rejected", "198.18.99.2", 80, 2, 0, 0, 2, &three, V4,
	    "198.18.0.1", 3, 13, 0 }, VERDICT_REJECTED,
	    "rejected (198.18.99.2) port 80: rejected (ICMP admin prohibited "
	    "from 198.18.0.1), 2/2 answered" },
	{ { "rejected", "198.18.99.2", 80, 2, 0, 0, 2, &three, V4,
	    "198.18.99.2", 3, 13, 0 }, VERDICT_REJECTED,
	    "rejected (198.18.99.2) port 80: rejected (ICMP admin "
	    "prohibited), 2/2 answered" },
	{ { "filtered", "198.18.99.1", 80, 2, 0, 0, 0, NULL, 0, NULL, 0, 0, 0 },
	    VERDICT_FILTERED,
	    "filtered (198.18.99.1) port 80: filtered (no reply to 2 "
	    "probes)" },
	{ { "filtered", "198.18.99.1", 80, 1, 0, 0, 0, NULL, 0, NULL, 0, 0, 0 },
	    VERDICT_FILTERED,
	    "filtered (198.18.99.1) port 80: filtered (no reply to 1 "
	    "probe)" },
	{ { "198.18.20.30", "198.18.20.30", 6379, 1, 1, 0, 0, &one, 0, NULL,
	    0, 0, 0 }, VERDICT_OPEN,
	    "198.18.20.30 port 6379: open, 1/1 answered, rtt 0.030 ms" },
	{ { NULL, "198.18.20.30", 6379, 1, 1, 0, 0, &one, 0, NULL, 0, 0, 0 },
	    VERDICT_OPEN,
	    "198.18.20.30 port 6379: open, 1/1 answered, rtt 0.030 ms" },
	{ { "mysql", "198.18.78.144", 3306, 3, 2, 0, 0, &two_of_three, 0,
	    NULL, 0, 0, 0 }, VERDICT_OPEN,
	    "mysql (198.18.78.144) port 3306: open, 2/3 answered, "
	    "rtt 0.045 ms" },
	{ { "flaky", "198.18.78.144", 3306, 3, 1, 1, 1, &two_of_three, V4,
	    "198.18.0.1", 3, 13, 0 }, VERDICT_OPEN,
	    "flaky (198.18.78.144) port 3306: open, 3/3 answered, "
	    "rtt 0.045 ms" },
	{ { "rejected", "198.18.99.2", 80, 1, 0, 0, 1, NULL, 0, NULL, 0, 0,
	    EHOSTUNREACH }, VERDICT_REJECTED,
	    "rejected (198.18.99.2) port 80: rejected (connect: host "
	    "unreachable), 1/1 answered" },
	{ { "rejected", "198.18.99.2", 80, 1, 0, 0, 1, NULL, 0, NULL, 0, 0,
	    EACCES }, VERDICT_REJECTED,
	    "rejected (198.18.99.2) port 80: rejected (connect: "
	    "prohibited), 1/1 answered" },
	{ { "mixed", "198.18.99.3", 80, 3, 0, 1, 1, NULL, V4, "198.18.0.1",
	    3, 1, 0 }, VERDICT_CLOSED,
	    "mixed (198.18.99.3) port 80: closed (RST), 2/3 answered" },
	{ { "mysql", "198.18.78.144", 3306, 1, 1, 0, 0, NULL, 0, NULL, 0, 0,
	    0 }, VERDICT_OPEN,
	    "mysql (198.18.78.144) port 3306: open, 1/1 answered" },
	{ { "mysql", "198.18.78.144", 3306, 1, 1, 0, 0, &no_rtt, 0, NULL, 0,
	    0, 0 }, VERDICT_OPEN,
	    "mysql (198.18.78.144) port 3306: open, 1/1 answered" },
	{ { "gone", "198.18.99.9", 443, 1, 0, 0, 1, NULL, V4, NULL, 3, 1, 0 },
	    VERDICT_REJECTED,
	    "gone (198.18.99.9) port 443: rejected (ICMP host unreachable), "
	    "1/1 answered" },
	{ { "far", "198.18.99.9", 443, 2, 0, 0, 1, NULL, V4, "198.18.0.7",
	    11, 0, 0 }, VERDICT_REJECTED,
	    "far (198.18.99.9) port 443: rejected (ICMP TTL exceeded from "
	    "198.18.0.7), 1/2 answered" },
	{ { "mysql", "fd00:198:18::78:144", 3306, 1, 1, 0, 0, &one, 0, NULL,
	    0, 0, 0 }, VERDICT_OPEN,
	    "mysql (fd00:198:18::78:144) port 3306: open, 1/1 answered, "
	    "rtt 0.030 ms" },
	{ { "fd00:198:18::78:144", "fd00:198:18::78:144", 3306, 1, 1, 0, 0,
	    &one, 0, NULL, 0, 0, 0 }, VERDICT_OPEN,
	    "fd00:198:18::78:144 port 3306: open, 1/1 answered, "
	    "rtt 0.030 ms" },
	{ { "FD00:198:18:0::78:144", "fd00:198:18::78:144", 3306, 1, 0, 1, 0,
	    &one, 0, NULL, 0, 0, 0 }, VERDICT_CLOSED,
	    "fd00:198:18::78:144 port 3306: closed (RST), 1/1 answered" },
	{ { "db", "fd00:9::13", 80, 1, 0, 0, 1, NULL, V6, "fd00:1::1", 1,
	    1, 0 }, VERDICT_REJECTED,
	    "db (fd00:9::13) port 80: rejected (ICMPv6 admin prohibited from "
	    "fd00:1::1), 1/1 answered" },
	{ { "db", "fd00:9::13", 80, 2, 0, 0, 2, NULL, V6, "fd00:9::13", 1,
	    4, 0 }, VERDICT_REJECTED,
	    "db (fd00:9::13) port 80: rejected (ICMPv6 port unreachable), "
	    "2/2 answered" },
	{ { "fd00:9::3", "fd00:9::3", 81, 1, 0, 0, 1, NULL, V6, "fd00:1::1",
	    1, 0, 0 }, VERDICT_REJECTED,
	    "fd00:9::3 port 81: rejected (ICMPv6 no route from fd00:1::1), "
	    "1/1 answered" },
	{ { "web", "198.18.5.5", 8080, 0, 0, 0, 0, NULL, 0, NULL, 0, 0, 0 },
	    VERDICT_FILTERED,
	    "web (198.18.5.5) port 8080: filtered (no reply to 0 probes)" },
};

START_TEST(verdict_rule)
{
	ck_assert_int_eq(verdict_of(&cases[_i].v), cases[_i].want);
}
END_TEST

START_TEST(verdict_line)
{
	char buf[LINE_CAP];
	size_t n = format_verdict_line(&cases[_i].v, buf, sizeof(buf));

	ck_assert_str_eq(buf, cases[_i].line);
	ck_assert_uint_eq(n, strlen(cases[_i].line));
}
END_TEST

/* Each cap in a heap block of exactly that size, as for every line. */
START_TEST(verdict_line_truncated)
{
	size_t cap, want = strlen(cases[_i].line);
	char *buf;

	ck_assert_uint_eq(format_verdict_line(&cases[_i].v, NULL, 0), want);
	for (cap = 1; cap <= want + 1; cap++) {
		buf = malloc(cap);
		ck_assert_ptr_nonnull(buf);
		ck_assert_uint_eq(format_verdict_line(&cases[_i].v, buf, cap),
		    want);
		ck_assert_uint_eq(strlen(buf), cap - 1 < want ? cap - 1 : want);
		ck_assert_int_eq(strncmp(buf, cases[_i].line, strlen(buf)), 0);
		free(buf);
	}
}
END_TEST

static const struct {
	unsigned open, closed, rejected, want;
} answered[] = {
	{ 0, 0, 0, 0 },
	{ 3, 0, 0, 3 },
	{ 1, 2, 3, 6 },
	{ 0, 0, 4, 4 },
};

START_TEST(answered_count)
{
	struct verdict_input v = { .sent = 9, .open = answered[_i].open,
	    .closed = answered[_i].closed,
	    .rejected = answered[_i].rejected };

	ck_assert_uint_eq(verdict_answered(&v), answered[_i].want);
}
END_TEST

static const struct {
	enum verdict vd;
	const char *name;
} names[] = {
	{ VERDICT_OPEN, "open" },
	{ VERDICT_CLOSED, "closed" },
	{ VERDICT_REJECTED, "rejected" },
	{ VERDICT_FILTERED, "filtered" },
	{ (enum verdict)9, "unknown" },
};

START_TEST(verdict_names)
{
	ck_assert_str_eq(verdict_name(names[_i].vd), names[_i].name);
}
END_TEST

/* Up to three targets' sent and open counts, and the exit rule. */
static const struct {
	const char *name;
	unsigned sent[3], open[3];
	size_t n;
	int want;
} all_open[] = {
	{ "one target, all open", { 3 }, { 3 }, 1, 1 },
	{ "three targets, all open", { 2, 2, 1 }, { 2, 2, 1 }, 3, 1 },
	{ "one probe lost", { 3 }, { 2 }, 1, 0 },
	{ "second target closed", { 2, 2 }, { 2, 0 }, 2, 0 },
	{ "last target partly open", { 1, 1, 2 }, { 1, 1, 1 }, 3, 0 },
	{ "a target never probed", { 2, 0 }, { 2, 0 }, 2, 0 },
	{ "no targets", { 0 }, { 0 }, 0, 0 },
};

START_TEST(all_open_rule)
{
	struct verdict_input v[3];
	size_t i;

	memset(v, 0, sizeof(v));
	for (i = 0; i < NITEMS(v); i++) {
		v[i].sent = all_open[_i].sent[i];
		v[i].open = all_open[_i].open[i];
		v[i].closed = v[i].sent - v[i].open;
	}
	ck_assert_msg(verdict_all_open(v, all_open[_i].n) == all_open[_i].want,
	    "%s", all_open[_i].name);
}
END_TEST

Suite *
verdict_suite(void)
{
	Suite *s = suite_create("verdict");
	TCase *tc = tcase_create("rules");

	tcase_add_loop_test(tc, verdict_rule, 0, NITEMS(cases));
	tcase_add_loop_test(tc, answered_count, 0, NITEMS(answered));
	tcase_add_loop_test(tc, verdict_names, 0, NITEMS(names));
	tcase_add_loop_test(tc, all_open_rule, 0, NITEMS(all_open));
	suite_add_tcase(s, tc);

	tc = tcase_create("lines");
	tcase_add_loop_test(tc, verdict_line, 0, NITEMS(cases));
	tcase_add_loop_test(tc, verdict_line_truncated, 0, NITEMS(cases));
	suite_add_tcase(s, tc);
	return s;
}
