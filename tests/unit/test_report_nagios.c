#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "report_nagios.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define PICK_CAP	3

/* RTTs of 31, 42 and 35 us; of 40 and 50 us, of three and of two. */
static const struct stats three = { 3, 120, 3, 132, 3, 3, 31000, 42000,
	108000 };
static const struct stats two_of_three = { 3, 120, 2, 88, 2, 2, 40000,
	50000, 90000 };
static const struct stats two = { 2, 80, 2, 80, 2, 2, 40000, 50000,
	90000 };
static const struct stats silent = { 3, 120, 0, 0, 0, 0, 0, 0, 0 };

static const struct {
	const char *s;
	int ok;
	struct nagios_threshold want;
} thresholds[] = {
	{ "100,20%", 1, { 1, 1, 100, 20 } },
	{ "100", 1, { 1, 0, 100, 0 } },
	{ ",20%", 1, { 0, 1, 0, 20 } },
	{ "0.5,0%", 1, { 1, 1, 0.5, 0 } },
	{ "100.25,99.5%", 1, { 1, 1, 100.25, 99.5 } },
	{ "1.,100%", 1, { 1, 1, 1, 100 } },
	{ "0", 1, { 1, 0, 0, 0 } },
	{ "", 0, { 0 } },
	{ ",", 0, { 0 } },
	{ "100,", 0, { 0 } },
	{ "100,20", 0, { 0 } },
	{ "100%", 1, { 0, 1, 0, 100 } },
	{ "20%", 1, { 0, 1, 0, 20 } },
	{ "0.5%", 1, { 0, 1, 0, 0.5 } },
	{ "101%", 0, { 0 } },
	{ "%", 0, { 0 } },
	{ "20%%", 0, { 0 } },
	{ "20%5", 0, { 0 } },
	{ "100,101%", 0, { 0 } },
	{ "100,20%x", 0, { 0 } },
	{ "100,20%%", 0, { 0 } },
	{ "-1", 0, { 0 } },
	{ "+1", 0, { 0 } },
	{ "1e3", 0, { 0 } },
	{ "0x10", 0, { 0 } },
	{ "inf", 0, { 0 } },
	{ "nan", 0, { 0 } },
	{ " 100", 0, { 0 } },
	{ "100 ,20%", 0, { 0 } },
	{ ".", 0, { 0 } },
	{ ".,5%", 0, { 0 } },
	{ "1.2.3", 0, { 0 } },
	{ "abc", 0, { 0 } },
	{ "100,20%,30%", 0, { 0 } },
};

START_TEST(parse_threshold)
{
	struct nagios_threshold t = { 7, 7, 7, 7 };

	if (!thresholds[_i].ok) {
		ck_assert_int_eq(nagios_parse_threshold(thresholds[_i].s, &t),
		    -1);
		ck_assert_int_eq(t.has_rtt, 7);
		ck_assert_int_eq(t.has_loss, 7);
		ck_assert_double_eq(t.rtt_ms, 7);
		ck_assert_double_eq(t.loss_pct, 7);
		return;
	}
	ck_assert_int_eq(nagios_parse_threshold(thresholds[_i].s, &t), 0);
	ck_assert_int_eq(t.has_rtt, thresholds[_i].want.has_rtt);
	ck_assert_int_eq(t.has_loss, thresholds[_i].want.has_loss);
	ck_assert_double_eq(t.rtt_ms, thresholds[_i].want.rtt_ms);
	ck_assert_double_eq(t.loss_pct, thresholds[_i].want.loss_pct);
}
END_TEST

START_TEST(parse_null)
{
	struct nagios_threshold t = { 0 };

	ck_assert_int_eq(nagios_parse_threshold(NULL, &t), -1);
}
END_TEST

enum {
	MYSQL, LOSSY, REDIS, CLOSED, REJECTED, FILTERED, NOTHERE, LITERAL6,
	PIPED, NTARGETS,
};

static void
target(struct probe_target *t, const char *name, const char *addr,
    uint16_t port, const struct stats *s)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", name);
	snprintf(t->addr, sizeof(t->addr), "%s", addr);
	t->family = strchr(addr, ':') != NULL ? AF_INET6 : AF_INET;
	t->port = port;
	t->stats = *s;
	t->sent = (unsigned)s->sent;
}

static void
all_targets(struct probe_target *t)
{
	static const struct stats none = { 0 };

	target(&t[MYSQL], "mysql", "198.18.78.144", 3306, &three);
	t[MYSQL].open = 3;
	target(&t[LOSSY], "mysql", "198.18.78.144", 3306, &two_of_three);
	t[LOSSY].open = 2;
	t[LOSSY].lost = 1;
	target(&t[REDIS], "redis", "198.18.20.30", 6379, &two);
	t[REDIS].open = 2;
	target(&t[CLOSED], "closed", "198.18.99.3", 80, &two);
	t[CLOSED].closed = 2;
	target(&t[REJECTED], "rejected", "198.18.99.2", 80, &two);
	t[REJECTED].rejected = 2;
	t[REJECTED].rejected_family = AF_INET;
	inet_pton(AF_INET, "198.18.0.1", t[REJECTED].rejected_from);
	t[REJECTED].rejected_type = 3;
	t[REJECTED].rejected_code = 13;
	target(&t[FILTERED], "filtered", "198.18.99.1", 80, &silent);
	t[FILTERED].lost = 3;
	target(&t[NOTHERE], "nothere", "", 80, &none);
	t[NOTHERE].unresolved = 1;
	snprintf(t[NOTHERE].why, sizeof(t[NOTHERE].why),
	    "NXDOMAIN for every name");
	target(&t[LITERAL6], "fd00::1", "fd00::1", 3306, &three);
	t[LITERAL6].open = 3;
	target(&t[PIPED], "a|b\nc", "198.18.78.144", 3306, &three);
	t[PIPED].open = 3;
}

#define PERF_36		"|rtt=0.036ms;;;0 loss=0%;;;0;100"
#define PERF_45		"|rtt=0.045ms;;;0 loss=0%;;;0;100"

static const struct {
	const char *warn, *crit;	/* NULL: unset */
	size_t pick[PICK_CAP];		/* the targets of the run */
	size_t n;
	const char *line;
	int status;
} lines[] = {
	{ NULL, NULL, { MYSQL }, 1,
	    "TCP OK - 0.036 ms response time on mysql:3306" PERF_36,
	    NAGIOS_OK },
	{ "0.03", NULL, { MYSQL }, 1,
	    "TCP WARNING - 0.036 ms response time on mysql:3306"
	    "|rtt=0.036ms;0.03;;0 loss=0%;;;0;100", NAGIOS_WARNING },
	{ "0.03", "0.035", { MYSQL }, 1,
	    "TCP CRITICAL - 0.036 ms response time on mysql:3306"
	    "|rtt=0.036ms;0.03;0.035;0 loss=0%;;;0;100", NAGIOS_CRITICAL },
	{ "0.036", "0.036", { MYSQL }, 1,
	    "TCP OK - 0.036 ms response time on mysql:3306"
	    "|rtt=0.036ms;0.036;0.036;0 loss=0%;;;0;100", NAGIOS_OK },
	{ "100,20%", "200,60%", { MYSQL }, 1,
	    "TCP OK - 0.036 ms response time on mysql:3306"
	    "|rtt=0.036ms;100;200;0 loss=0%;20;60;0;100", NAGIOS_OK },
	{ NULL, NULL, { LOSSY }, 1,
	    "TCP OK - 0.045 ms response time on mysql:3306, 33.33% loss"
	    "|rtt=0.045ms;;;0 loss=33.33%;;;0;100", NAGIOS_OK },
	{ "0.000001,0.125%", "0.0000004", { LOSSY }, 1,
	    "TCP CRITICAL - 0.045 ms response time on mysql:3306, 33.33% "
	    "loss|rtt=0.045ms;0.000001;0;0 loss=33.33%;0.125;;0;100",
	    NAGIOS_CRITICAL },
	{ ",20%", NULL, { LOSSY }, 1,
	    "TCP WARNING - 0.045 ms response time on mysql:3306, 33.33% loss"
	    "|rtt=0.045ms;;;0 loss=33.33%;20;;0;100", NAGIOS_WARNING },
	{ ",20%", ",30%", { LOSSY }, 1,
	    "TCP CRITICAL - 0.045 ms response time on mysql:3306, 33.33% "
	    "loss|rtt=0.045ms;;;0 loss=33.33%;20;30;0;100",
	    NAGIOS_CRITICAL },
	{ ",50%", NULL, { LOSSY }, 1,
	    "TCP OK - 0.045 ms response time on mysql:3306, 33.33% loss"
	    "|rtt=0.045ms;;;0 loss=33.33%;50;;0;100", NAGIOS_OK },
	{ "1000", ",20%", { LOSSY }, 1,
	    "TCP CRITICAL - 0.045 ms response time on mysql:3306, 33.33% "
	    "loss|rtt=0.045ms;1000;;0 loss=33.33%;;20;0;100",
	    NAGIOS_CRITICAL },
	{ NULL, NULL, { CLOSED }, 1,
	    "TCP CRITICAL - closed (198.18.99.3) port 80: closed (RST), 2/2 "
	    "answered" PERF_45, NAGIOS_CRITICAL },
	{ NULL, NULL, { REJECTED }, 1,
	    "TCP CRITICAL - rejected (198.18.99.2) port 80: rejected (ICMP "
	    "admin prohibited from 198.18.0.1), 2/2 answered" PERF_45,
	    NAGIOS_CRITICAL },
	{ NULL, NULL, { FILTERED }, 1,
	    "TCP CRITICAL - filtered (198.18.99.1) port 80: filtered (no "
	    "reply to 3 probes)|rtt=U;;;0 loss=100%;;;0;100",
	    NAGIOS_CRITICAL },
	{ "1,1%", "2,2%", { NOTHERE }, 1,
	    "TCP CRITICAL - nothere:80: unresolved (NXDOMAIN for every name)"
	    "|rtt=U;1;2;0 loss=0%;1;2;0;100", NAGIOS_CRITICAL },
	{ NULL, NULL, { LITERAL6 }, 1,
	    "TCP OK - 0.036 ms response time on [fd00::1]:3306" PERF_36,
	    NAGIOS_OK },
	{ NULL, NULL, { PIPED }, 1,
	    "TCP OK - 0.036 ms response time on a/b c:3306" PERF_36,
	    NAGIOS_OK },
	{ NULL, NULL, { MYSQL, CLOSED }, 2,
	    "TCP CRITICAL - closed (198.18.99.3) port 80: closed (RST), 2/2 "
	    "answered (worst of 2 endpoints)" PERF_45, NAGIOS_CRITICAL },
	{ NULL, NULL, { MYSQL, REDIS }, 2,
	    "TCP OK - 0.045 ms response time on redis:6379 (worst of 2 "
	    "endpoints)" PERF_45, NAGIOS_OK },
	{ NULL, NULL, { REDIS, MYSQL }, 2,
	    "TCP OK - 0.045 ms response time on redis:6379 (worst of 2 "
	    "endpoints)" PERF_45, NAGIOS_OK },
	{ NULL, NULL, { REDIS, LOSSY, MYSQL }, 3,
	    "TCP OK - 0.045 ms response time on mysql:3306, 33.33% loss "
	    "(worst of 3 endpoints)|rtt=0.045ms;;;0 loss=33.33%;;;0;100",
	    NAGIOS_OK },
	{ "0.04", NULL, { MYSQL, REDIS, CLOSED }, 3,
	    "TCP CRITICAL - closed (198.18.99.3) port 80: closed (RST), 2/2 "
	    "answered (worst of 3 endpoints)|rtt=0.045ms;0.04;;0 "
	    "loss=0%;;;0;100", NAGIOS_CRITICAL },
	{ "0.04", NULL, { MYSQL, REDIS }, 2,
	    "TCP WARNING - 0.045 ms response time on redis:6379 (worst of 2 "
	    "endpoints)|rtt=0.045ms;0.04;;0 loss=0%;;;0;100",
	    NAGIOS_WARNING },
	{ NULL, NULL, { FILTERED, CLOSED, NOTHERE }, 3,
	    "TCP CRITICAL - filtered (198.18.99.1) port 80: filtered (no "
	    "reply to 3 probes) (worst of 3 endpoints)|rtt=U;;;0 "
	    "loss=100%;;;0;100", NAGIOS_CRITICAL },
	{ NULL, NULL, { 0 }, 0, "TCP UNKNOWN - no endpoint to probe",
	    NAGIOS_UNKNOWN },
};

static void
levels(struct report_nagios *r, const char *warn, const char *crit)
{
	if (warn != NULL)
		ck_assert_int_eq(nagios_parse_threshold(warn, &r->warn), 0);
	if (crit != NULL)
		ck_assert_int_eq(nagios_parse_threshold(crit, &r->crit), 0);
}

START_TEST(summary_line)
{
	static struct probe_target all[NTARGETS], run[PICK_CAP];
	struct report_nagios r = { 0 };
	struct event ev = { .kind = EV_SUMMARY, .targets = run };
	char *text = NULL, want[1024];
	size_t i, size = 0;

	all_targets(all);
	for (i = 0; i < lines[_i].n; i++)
		run[i] = all[lines[_i].pick[i]];
	ev.ntargets = lines[_i].n;
	levels(&r, lines[_i].warn, lines[_i].crit);
	r.out = open_memstream(&text, &size);
	ck_assert_ptr_nonnull(r.out);

	ck_assert_int_eq(report_nagios_status(&r), NAGIOS_UNKNOWN);
	report_nagios_event(&ev, &r);
	fclose(r.out);
	snprintf(want, sizeof(want), "%s\n", lines[_i].line);
	ck_assert_str_eq(text, want);
	ck_assert_int_eq(report_nagios_status(&r), lines[_i].status);
	free(text);
}
END_TEST

/* One line at the summary alone: nothing for the events before it. */
static const enum event_kind quiet_kinds[] = {
	EV_CONFIG_WARNING, EV_QUERY, EV_RESOLVED, EV_SENT, EV_REPLY,
	EV_IGNORED, EV_CONNECT_START, EV_CONNECT_DONE,
};

START_TEST(only_summary)
{
	struct report_nagios r = { 0 };
	struct event ev = { .kind = quiet_kinds[_i] };
	char *text = NULL;
	size_t size = 0;

	r.out = open_memstream(&text, &size);
	ck_assert_ptr_nonnull(r.out);
	report_nagios_event(&ev, &r);
	fclose(r.out);
	ck_assert_str_eq(text, "");
	ck_assert_int_eq(report_nagios_status(&r), NAGIOS_UNKNOWN);
	free(text);
}
END_TEST

static const struct {
	enum nagios_status st;
	const char *why, *line;
} fails[] = {
	{ NAGIOS_CRITICAL, "cannot resolve \"nothere\"",
	    "TCP CRITICAL - cannot resolve \"nothere\"\n" },
	{ NAGIOS_UNKNOWN, "no raw socket | no capture",
	    "TCP UNKNOWN - no raw socket / no capture\n" },
	{ NAGIOS_WARNING, "odd\nbut fine", "TCP WARNING - odd but fine\n" },
};

START_TEST(fail_line)
{
	struct report_nagios r = { 0 };
	char *text = NULL;
	size_t size = 0;

	r.out = open_memstream(&text, &size);
	ck_assert_ptr_nonnull(r.out);
	report_nagios_fail(&r, fails[_i].st, fails[_i].why);
	fclose(r.out);
	ck_assert_str_eq(text, fails[_i].line);
	ck_assert_int_eq(report_nagios_status(&r), fails[_i].st);
	free(text);
}
END_TEST

Suite *
report_nagios_suite(void)
{
	Suite *s = suite_create("report_nagios");
	TCase *tc = tcase_create("thresholds");

	tcase_add_loop_test(tc, parse_threshold, 0, NITEMS(thresholds));
	tcase_add_test(tc, parse_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("lines");
	tcase_add_loop_test(tc, summary_line, 0, NITEMS(lines));
	tcase_add_loop_test(tc, only_summary, 0, NITEMS(quiet_kinds));
	tcase_add_loop_test(tc, fail_line, 0, NITEMS(fails));
	suite_add_tcase(s, tc);
	return s;
}
