#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "report_prom.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* RTTs of 31, 42 and 35 us; of 40 and 50 us; three SYNs unanswered. */
static const struct stats three = { 3, 120, 3, 132, 3, 3, 31000, 42000,
	108000 };
static const struct stats two = { 2, 80, 2, 80, 2, 2, 40000, 50000,
	90000 };
static const struct stats silent = { 3, 120, 0, 0, 0, 0, 0, 0, 0 };
static const struct stats run_total = { 8, 320, 5, 212, 5, 5, 31000,
	50000, 198000 };

static void
target(struct probe_target *t, const char *name, const char *addr,
    uint16_t port)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", name);
	snprintf(t->addr, sizeof(t->addr), "%s", addr);
	t->family = strchr(addr, ':') != NULL ? AF_INET6 : AF_INET;
	t->port = port;
	stats_init(&t->stats);
}

/* An open, a closed, a name that did not resolve, a filtered one. */
static void
four_targets(struct probe_target *t)
{
	target(&t[0], "mysql", "198.18.78.144", 3306);
	t[0].sent = t[0].open = 3;
	t[0].stats = three;

	target(&t[1], "closed", "198.18.99.3", 80);
	t[1].sent = t[1].closed = 2;
	t[1].stats = two;

	target(&t[2], "nothere", "", 80);
	t[2].unresolved = 1;

	target(&t[3], "filtered", "198.18.99.1", 80);
	t[3].sent = t[3].lost = 3;
	t[3].stats = silent;
}

static struct event
summary_event(const struct probe_target *t, size_t n, int64_t t_ns)
{
	struct event ev = {
		.kind = EV_SUMMARY, .t_ns = t_ns, .stats = &run_total,
		.targets = t, .ntargets = n, .naddr = 3,
	};

	return ev;
}

/* An EV_RESOLVED of name that took took_ns. */
static void
resolved(struct report_prom *r, const char *name, int64_t took_ns)
{
	static struct resolution res;
	struct event ev = { .kind = EV_RESOLVED, .name = name, .res = &res };

	res.took_ns = took_ns;
	report_prom_event(&ev, r);
}

static const char four_text[] =
    "# HELP probe_success Whether the endpoint answered a SYN with a "
    "SYN-ACK.\n"
    "# TYPE probe_success gauge\n"
    "probe_success{target=\"mysql\",address=\"198.18.78.144\","
    "port=\"3306\"} 1\n"
    "probe_success{target=\"closed\",address=\"198.18.99.3\","
    "port=\"80\"} 0\n"
    "probe_success{target=\"nothere\",address=\"\",port=\"80\"} 0\n"
    "probe_success{target=\"filtered\",address=\"198.18.99.1\","
    "port=\"80\"} 0\n"
    "# HELP probe_duration_seconds How long the run took: names, setup "
    "and probes.\n"
    "# TYPE probe_duration_seconds gauge\n"
    "probe_duration_seconds 2.03\n"
    "# HELP probe_dns_lookup_time_seconds Time to resolve the name "
    "through the search list.\n"
    "# TYPE probe_dns_lookup_time_seconds gauge\n"
    "probe_dns_lookup_time_seconds{target=\"mysql\"} 0.000812345\n"
    "probe_dns_lookup_time_seconds{target=\"closed\"} 0.0003\n"
    "# HELP probe_tcp_rtt_seconds Round-trip time of the answered "
    "probes, by stat: min, avg, max.\n"
    "# TYPE probe_tcp_rtt_seconds gauge\n"
    "probe_tcp_rtt_seconds{target=\"mysql\",address=\"198.18.78.144\","
    "port=\"3306\",stat=\"min\"} 0.000031\n"
    "probe_tcp_rtt_seconds{target=\"mysql\",address=\"198.18.78.144\","
    "port=\"3306\",stat=\"avg\"} 0.000036\n"
    "probe_tcp_rtt_seconds{target=\"mysql\",address=\"198.18.78.144\","
    "port=\"3306\",stat=\"max\"} 0.000042\n"
    "probe_tcp_rtt_seconds{target=\"closed\",address=\"198.18.99.3\","
    "port=\"80\",stat=\"min\"} 0.00004\n"
    "probe_tcp_rtt_seconds{target=\"closed\",address=\"198.18.99.3\","
    "port=\"80\",stat=\"avg\"} 0.000045\n"
    "probe_tcp_rtt_seconds{target=\"closed\",address=\"198.18.99.3\","
    "port=\"80\",stat=\"max\"} 0.00005\n"
    "# HELP probe_tcp_sent_total Probes sent to the endpoint.\n"
    "# TYPE probe_tcp_sent_total counter\n"
    "probe_tcp_sent_total{target=\"mysql\",address=\"198.18.78.144\","
    "port=\"3306\"} 3\n"
    "probe_tcp_sent_total{target=\"closed\",address=\"198.18.99.3\","
    "port=\"80\"} 2\n"
    "probe_tcp_sent_total{target=\"nothere\",address=\"\",port=\"80\"} "
    "0\n"
    "probe_tcp_sent_total{target=\"filtered\",address=\"198.18.99.1\","
    "port=\"80\"} 3\n"
    "# HELP probe_tcp_answered_total Probes answered: by a SYN-ACK, a RST "
    "or an ICMP error.\n"
    "# TYPE probe_tcp_answered_total counter\n"
    "probe_tcp_answered_total{target=\"mysql\",address=\"198.18.78.144\","
    "port=\"3306\"} 3\n"
    "probe_tcp_answered_total{target=\"closed\",address=\"198.18.99.3\","
    "port=\"80\"} 2\n"
    "probe_tcp_answered_total{target=\"nothere\",address=\"\","
    "port=\"80\"} 0\n"
    "probe_tcp_answered_total{target=\"filtered\","
    "address=\"198.18.99.1\",port=\"80\"} 0\n";

/* The summary writes everything; each earlier event nothing. */
START_TEST(four_endpoints)
{
	struct report_prom r = { 0 };
	struct probe_target t[4];
	struct event ev;
	char *text = NULL;
	size_t size = 0;

	four_targets(t);
	r.out = open_memstream(&text, &size);
	ck_assert_ptr_nonnull(r.out);
	resolved(&r, "mysql", 1000);
	resolved(&r, "closed", 300000);
	resolved(&r, "mysql", 812345);
	fflush(r.out);
	ck_assert_uint_eq(size, 0);

	ev = summary_event(t, NITEMS(t), 2030000000);
	report_prom_event(&ev, &r);
	fclose(r.out);
	ck_assert_str_eq(text, four_text);
	report_prom_free(&r);
	ck_assert_uint_eq(r.nlookup, 0);
	free(text);
}
END_TEST

/* The lines of the run's duration and of one name's lookup. */
static const struct {
	int64_t ns;
	const char *duration, *lookup;
} times[] = {
	{ 0, "probe_duration_seconds 0\n",
	    "probe_dns_lookup_time_seconds{target=\"mysql\"} 0\n" },
	{ 1, "probe_duration_seconds 0.000000001\n",
	    "probe_dns_lookup_time_seconds{target=\"mysql\"} 0.000000001\n" },
	{ 1000000000, "probe_duration_seconds 1\n",
	    "probe_dns_lookup_time_seconds{target=\"mysql\"} 1\n" },
	{ 5000000001, "probe_duration_seconds 5.000000001\n",
	    "probe_dns_lookup_time_seconds{target=\"mysql\"} 5.000000001\n" },
	{ 61250000000, "probe_duration_seconds 61.25\n",
	    "probe_dns_lookup_time_seconds{target=\"mysql\"} 61.25\n" },
	{ -1500000, "probe_duration_seconds -0.0015\n",
	    "probe_dns_lookup_time_seconds{target=\"mysql\"} -0.0015\n" },
};

static char *
one_name_run(const struct probe_target *t, size_t nt, const char *name,
    int64_t ns)
{
	struct report_prom r = { 0 };
	struct event ev = summary_event(t, nt, ns);
	char *text = NULL;
	size_t size = 0;

	r.out = open_memstream(&text, &size);
	ck_assert_ptr_nonnull(r.out);
	if (name != NULL)
		resolved(&r, name, ns);
	report_prom_event(&ev, &r);
	fclose(r.out);
	report_prom_free(&r);
	return text;
}

START_TEST(seconds_exact)
{
	char *text = one_name_run(NULL, 0, "mysql", times[_i].ns);

	ck_assert_msg(strstr(text, times[_i].duration) != NULL, "%s", text);
	ck_assert_msg(strstr(text, times[_i].lookup) != NULL, "%s", text);
	free(text);
}
END_TEST

/* Every metric's HELP and TYPE, even without a sample. */
START_TEST(no_endpoint)
{
	char *text = one_name_run(NULL, 0, NULL, 2000000000);

	ck_assert_str_eq(text,
	    "# HELP probe_success Whether the endpoint answered a SYN with "
	    "a SYN-ACK.\n"
	    "# TYPE probe_success gauge\n"
	    "# HELP probe_duration_seconds How long the run took: names, "
	    "setup and probes.\n"
	    "# TYPE probe_duration_seconds gauge\n"
	    "probe_duration_seconds 2\n"
	    "# HELP probe_dns_lookup_time_seconds Time to resolve the name "
	    "through the search list.\n"
	    "# TYPE probe_dns_lookup_time_seconds gauge\n"
	    "# HELP probe_tcp_rtt_seconds Round-trip time of the answered "
	    "probes, by stat: min, avg, max.\n"
	    "# TYPE probe_tcp_rtt_seconds gauge\n"
	    "# HELP probe_tcp_sent_total Probes sent to the endpoint.\n"
	    "# TYPE probe_tcp_sent_total counter\n"
	    "# HELP probe_tcp_answered_total Probes answered: by a SYN-ACK, "
	    "a RST or an ICMP error.\n"
	    "# TYPE probe_tcp_answered_total counter\n");
	free(text);
}
END_TEST

/* Backslash, double quote and newline escaped, nothing else. */
static const struct {
	const char *name, *success, *lookup;
} labels[] = {
	{ "a\\b", "probe_success{target=\"a\\\\b\",address=\"fd00::1\","
	    "port=\"3306\"} 1\n",
	    "probe_dns_lookup_time_seconds{target=\"a\\\\b\"} 0.001\n" },
	{ "a\"b", "probe_success{target=\"a\\\"b\",address=\"fd00::1\","
	    "port=\"3306\"} 1\n",
	    "probe_dns_lookup_time_seconds{target=\"a\\\"b\"} 0.001\n" },
	{ "a\nb", "probe_success{target=\"a\\nb\",address=\"fd00::1\","
	    "port=\"3306\"} 1\n",
	    "probe_dns_lookup_time_seconds{target=\"a\\nb\"} 0.001\n" },
	{ "caf\xc3\xa9 {x=1}", "probe_success{target=\"caf\xc3\xa9 {x=1}\","
	    "address=\"fd00::1\",port=\"3306\"} 1\n",
	    "probe_dns_lookup_time_seconds{target=\"caf\xc3\xa9 {x=1}\"} "
	    "0.001\n" },
};

START_TEST(label_escapes)
{
	struct probe_target t;
	char *text;

	target(&t, labels[_i].name, "fd00::1", 3306);
	t.sent = t.open = 1;
	t.stats = three;
	text = one_name_run(&t, 1, labels[_i].name, 1000000);
	ck_assert_msg(strstr(text, labels[_i].success) != NULL, "%s", text);
	ck_assert_msg(strstr(text, labels[_i].lookup) != NULL, "%s", text);
	free(text);
}
END_TEST

/* Only the summary writes: the packets' events are the text's. */
static const enum event_kind quiet_kinds[] = {
	EV_CONFIG_WARNING, EV_QUERY, EV_SENT, EV_REPLY, EV_IGNORED,
	EV_CONNECT_START, EV_CONNECT_DONE,
};

START_TEST(only_summary)
{
	struct report_prom r = { 0 };
	struct event ev = { .kind = quiet_kinds[_i] };
	char *text = NULL;
	size_t size = 0;

	r.out = open_memstream(&text, &size);
	ck_assert_ptr_nonnull(r.out);
	report_prom_event(&ev, &r);
	fclose(r.out);
	ck_assert_str_eq(text, "");
	ck_assert_uint_eq(r.nlookup, 0);
	free(text);
}
END_TEST

/* Past the first allocation, every name is kept once, in order. */
START_TEST(many_names)
{
	struct report_prom r = { 0 };
	char name[32];
	size_t i;

	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "svc%zu", i % 20);
		resolved(&r, name, (int64_t)i);
	}
	ck_assert_uint_eq(r.nlookup, 20);
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "svc%zu", i);
		ck_assert_str_eq(r.lookup[i].name, name);
		ck_assert_int_eq(r.lookup[i].took_ns, (int64_t)i + 20);
	}
	report_prom_free(&r);
	ck_assert_ptr_null(r.lookup);
}
END_TEST

Suite *
report_prom_suite(void)
{
	Suite *s = suite_create("report_prom");
	TCase *tc = tcase_create("exposition");

	tcase_add_test(tc, four_endpoints);
	tcase_add_loop_test(tc, seconds_exact, 0, NITEMS(times));
	tcase_add_test(tc, no_endpoint);
	tcase_add_loop_test(tc, label_escapes, 0, NITEMS(labels));
	tcase_add_loop_test(tc, only_summary, 0, NITEMS(quiet_kinds));
	tcase_add_test(tc, many_names);
	suite_add_tcase(s, tc);
	return s;
}
