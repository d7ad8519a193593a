#include "unit.h"

#include "stats.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

struct reply {
	uint32_t bytes;
	int first;
	int64_t rtt_ns;
};

/* A run: probes sent, replies seen, and what the counters must say. */
struct stats_case {
	const char *name;
	uint64_t nsent;
	struct reply replies[4];
	size_t nreplies;
	struct stats want;
	uint64_t lost;
	double loss_pct;
	int64_t avg;
};

static const struct stats_case cases[] = {
	{ "nothing sent", 0, { { 0, 0, 0 } }, 0,
	    { 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0, 0.0, -1 },
	{ "three answered", 3,
	    { { 44, 1, 42000 }, { 44, 1, 31000 }, { 44, 1, 36000 } }, 3,
	    { 3, 120, 3, 132, 3, 3, 31000, 42000, 109000 }, 0, 0.0, 36333 },
	{ "none answered", 2, { { 0, 0, 0 } }, 0,
	    { 2, 80, 0, 0, 0, 0, 0, 0, 0 }, 2, 100.0, -1 },
	{ "one of three answered", 3, { { 40, 1, 500 } }, 1,
	    { 3, 120, 1, 40, 1, 1, 500, 500, 500 }, 2, 200.0 / 3.0, 500 },
	{ "duplicate counted, not timed", 1,
	    { { 44, 1, 30000 }, { 44, 0, 9000000 } }, 2,
	    { 1, 40, 2, 88, 1, 1, 30000, 30000, 30000 }, 0, 0.0, 30000 },
	{ "send time unknown", 2, { { 40, 1, -1 }, { 44, 1, 7000 } }, 2,
	    { 2, 80, 2, 84, 2, 1, 7000, 7000, 7000 }, 0, 0.0, 7000 },
	{ "zero rtt", 1, { { 40, 1, 0 } }, 1,
	    { 1, 40, 1, 40, 1, 1, 0, 0, 0 }, 0, 0.0, 0 },
	{ "average rounds half up", 2, { { 40, 1, 1 }, { 40, 1, 2 } }, 2,
	    { 2, 80, 2, 80, 2, 2, 1, 2, 3 }, 0, 0.0, 2 },
	{ "average rounds down below half", 3,
	    { { 40, 1, 1 }, { 40, 1, 1 }, { 40, 1, 2 } }, 3,
	    { 3, 120, 3, 120, 3, 3, 1, 2, 4 }, 0, 0.0, 1 },
	{ "replies with nothing sent", 0, { { 40, 1, 10 } }, 1,
	    { 0, 0, 1, 40, 1, 1, 10, 10, 10 }, 0, 0.0, 10 },
	{ "more answered than sent", 1, { { 40, 1, 10 }, { 40, 1, 30 } }, 2,
	    { 1, 40, 2, 80, 2, 2, 10, 30, 40 }, 0, 0.0, 20 },
	{ "rtt of seconds", 2,
	    { { 40, 1, 3000000000 }, { 40, 1, 1000000001 } }, 2,
	    { 2, 80, 2, 80, 2, 2, 1000000001, 3000000000, 4000000001 }, 0,
	    0.0, 2000000001 },
};

START_TEST(counters)
{
	const struct stats_case *c = &cases[_i];
	struct stats s;
	size_t i;

	stats_init(&s);
	for (i = 0; i < c->nsent; i++)
		stats_sent(&s, 40);
	for (i = 0; i < c->nreplies; i++)
		stats_reply(&s, c->replies[i].bytes, c->replies[i].first,
		    c->replies[i].rtt_ns);

	ck_assert_uint_eq(s.sent, c->want.sent);
	ck_assert_uint_eq(s.sent_bytes, c->want.sent_bytes);
	ck_assert_uint_eq(s.rcvd, c->want.rcvd);
	ck_assert_uint_eq(s.rcvd_bytes, c->want.rcvd_bytes);
	ck_assert_uint_eq(s.answered, c->want.answered);
	ck_assert_uint_eq(s.nrtt, c->want.nrtt);
	ck_assert_int_eq(s.rtt_min, c->want.rtt_min);
	ck_assert_int_eq(s.rtt_max, c->want.rtt_max);
	ck_assert_int_eq(s.rtt_sum, c->want.rtt_sum);
}
END_TEST

START_TEST(derived)
{
	const struct stats_case *c = &cases[_i];

	ck_assert_msg(stats_lost(&c->want) == c->lost, "%s: lost %ju",
	    c->name, (uintmax_t)stats_lost(&c->want));
	ck_assert_double_eq(stats_loss_pct(&c->want), c->loss_pct);
	ck_assert_int_eq(stats_rtt_avg(&c->want), c->avg);
}
END_TEST

START_TEST(init_clears)
{
	struct stats s = { 9, 9, 9, 9, 9, 9, 9, 9, 9 };

	stats_init(&s);
	ck_assert_uint_eq(s.sent + s.sent_bytes + s.rcvd + s.rcvd_bytes, 0);
	ck_assert_uint_eq(s.answered + s.nrtt, 0);
	ck_assert_int_eq(s.rtt_min, 0);
	ck_assert_int_eq(s.rtt_max, 0);
	ck_assert_int_eq(s.rtt_sum, 0);
}
END_TEST

/* Loss stays within 0 to 100 whatever the counts. */
START_TEST(loss_bounds)
{
	struct stats s;

	stats_init(&s);
	s.sent = 5;
	s.answered = 9;
	ck_assert_uint_eq(stats_lost(&s), 0);
	ck_assert_double_eq(stats_loss_pct(&s), 0.0);

	s.sent = UINT64_MAX;
	s.answered = 0;
	ck_assert_uint_eq(stats_lost(&s), UINT64_MAX);
	ck_assert_double_eq(stats_loss_pct(&s), 100.0);
}
END_TEST

Suite *
stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("counts");

	tcase_add_loop_test(tc, counters, 0, NITEMS(cases));
	tcase_add_loop_test(tc, derived, 0, NITEMS(cases));
	tcase_add_test(tc, init_clears);
	tcase_add_test(tc, loss_bounds);
	suite_add_tcase(s, tc);
	return s;
}
