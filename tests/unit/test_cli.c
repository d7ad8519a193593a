#include <string.h>
#include <sys/socket.h>

#include "cli.h"
#include "unit.h"

#define MAX_ARGS	12
#define NS_MS		1000000LL
#define NS_S		1000000000LL

struct cli_case {
	const char *argv[MAX_ARGS];
	enum cli_status status;
	unsigned port, count;
	int64_t delay_ns;
	const char *target;
	const char *err_part;	/* a piece the error line must hold */
};

static const struct cli_case cli_cases[] = {
	{ { "probe", "--tcp", "-p", "3306", "-c", "3", "mysql" }, CLI_RUN,
	  3306, 3, NS_S, "mysql", NULL },
	{ { "probe", "tcp", "-p", "3306", "mysql" }, CLI_RUN,
	  3306, 5, NS_S, "mysql", NULL },
	{ { "probe", "mysql", "-p", "80", "--delay", "200ms" }, CLI_RUN,
	  80, 5, 200 * NS_MS, "mysql", NULL },
	{ { "probe", "-p", "1", "--delay", "0", "-c", "100000", "a" },
	  CLI_RUN, 1, 100000, 0, "a", NULL },
	{ { "probe", "-p", "65535", "--delay", "1.5", "a" }, CLI_RUN,
	  65535, 5, 1500 * NS_MS, "a", NULL },
	{ { "probe", "--dest-port=22", "--count=2", "a" }, CLI_RUN,
	  22, 2, NS_S, "a", NULL },
	{ { "probe", "-p", "70000", "mysql" }, CLI_ERROR, 0, 0, 0, NULL,
	  "bad port \"70000\"" },
	{ { "probe", "-p", "0", "mysql" }, CLI_ERROR, 0, 0, 0, NULL,
	  "bad port \"0\"" },
	{ { "probe", "-p", "80x", "mysql" }, CLI_ERROR, 0, 0, 0, NULL,
	  "bad port" },
	{ { "probe", "-p", "-1", "mysql" }, CLI_ERROR, 0, 0, 0, NULL,
	  "bad port \"-1\"" },
	{ { "probe", "-p", "80", "-c", "0", "mysql" }, CLI_ERROR, 0, 0, 0,
	  NULL, "bad count \"0\"" },
	{ { "probe", "-p", "80", "-c", "100001", "mysql" }, CLI_ERROR, 0, 0,
	  0, NULL, "bad count" },
	{ { "probe", "-p", "80", "--delay", "-1", "mysql" }, CLI_ERROR, 0,
	  0, 0, NULL, "bad delay \"-1\"" },
	{ { "probe", "-p", "80", "--delay", "5parsecs", "a" }, CLI_ERROR,
	  0, 0, 0, NULL, "bad delay" },
	{ { "probe", "-p", "80", "--delay", "2h", "a" }, CLI_ERROR, 0, 0,
	  0, NULL, "bad delay" },
	{ { "probe", "-p", "80" }, CLI_ERROR, 0, 0, 0, NULL,
	  "no target given" },
	{ { "probe", "mysql" }, CLI_RUN, 0, 5, NS_S, "mysql", NULL },
	{ { "probe", "-p", "80", "--rate", "100", "--delay", "1", "a" },
	  CLI_ERROR, 0, 0, 0, NULL, "--rate and --delay" },
	{ { "probe", "-p", "80", "--rate", "0", "a" }, CLI_ERROR, 0, 0, 0,
	  NULL, "bad rate \"0\"" },
	{ { "probe", "-p", "80", "--flags", "ack", "a" }, CLI_ERROR, 0, 0,
	  0, NULL, "--flags must include SYN" },
	{ { "probe", "-p", "80", "--flags", "SX", "a" }, CLI_ERROR, 0, 0,
	  0, NULL, "bad flags \"SX\"" },
	{ { "probe", "-p", "80", "--ttl", "0", "a" }, CLI_ERROR, 0, 0, 0,
	  NULL, "bad ttl \"0\"" },
	{ { "probe", "-p", "80", "--data-length", "1401", "a" }, CLI_ERROR,
	  0, 0, 0, NULL, "bad data length" },
	{ { "probe", "-p", "80", "--timeout", "0", "a" }, CLI_ERROR, 0, 0,
	  0, NULL, "bad timeout \"0\"" },
	{ { "probe", "-p", "80", "--tcp-connect", "-g", "5000", "a" },
	  CLI_ERROR, 0, 0, 0, NULL, "--tcp-connect lets the kernel" },
	{ { "probe", "-p", "80,", "a" }, CLI_ERROR, 0, 0, 0, NULL,
	  "bad port \"80,\"" },
	{ { "probe", "-p", "90-80", "a" }, CLI_ERROR, 0, 0, 0, NULL,
	  "bad port \"90-80\"" },
	{ { "probe", "-p", "80", "--rate", "100", "a", "b" }, CLI_RUN,
	  80, 5, 10 * NS_MS, "a", NULL },
	{ { "probe", "-p", "80", "" }, CLI_ERROR, 0, 0, 0, NULL,
	  "empty target" },
	{ { "probe", "--bogus", "-p", "80", "a" }, CLI_ERROR, 0, 0, 0, NULL,
	  "unknown option \"--bogus\"" },
	{ { "probe", "a", "-p" }, CLI_ERROR, 0, 0, 0, NULL,
	  "missing value for option \"-p\"" },
	{ { "probe", "-p", "80", "-S", "999.1.1.1", "a" }, CLI_ERROR, 0, 0,
	  0, NULL, "bad source address \"999.1.1.1\": give an IPv4 or IPv6" },
	{ { "probe", "-p", "80", "-S", "host", "a" }, CLI_ERROR, 0, 0, 0,
	  NULL, "bad source address \"host\"" },
	{ { "probe", "-p", "80", "-S", "fd00::2", "a" }, CLI_RUN, 80, 5,
	  NS_S, "a", NULL },
	{ { "probe", "-p", "80", "-S", "198.18.0.1", "a" }, CLI_RUN, 80, 5,
	  NS_S, "a", NULL },
	{ { "probe", "-p", "1", "-c", "1", "a", "-ZZ" }, CLI_ERROR, 0, 0, 0,
	  NULL, "unknown option \"-Z\": see probe --help" },
	{ { "probe", "-p", "1", "a", "--bogus=2" }, CLI_ERROR, 0, 0, 0, NULL,
	  "unknown option \"--bogus=2\"" },
	{ { "probe", "-p", "1", "a", "--delay" }, CLI_ERROR, 0, 0, 0, NULL,
	  "missing value for option \"--delay\"" },
	{ { "probe", "-p", "1", "--tcp-connect", "--ttl", "9", "a" },
	  CLI_ERROR, 0, 0, 0, NULL, "the packets: drop --ttl" },
	{ { "probe", "-p", "1", "-e", "lo", "--tcp-connect", "a" },
	  CLI_ERROR, 0, 0, 0, NULL, "the packets: drop -e" },
	{ { "probe", "-p", "1", "-4", "-6", "a" }, CLI_ERROR, 0, 0, 0, NULL,
	  "-4 and -6 exclude each other: give one" },
	{ { "probe", "-p", "1", "-4", "-4", "a" }, CLI_RUN, 1, 5, NS_S, "a",
	  NULL },
	{ { "probe", "-h" }, CLI_HELP, 0, 0, 0, NULL, NULL },
	{ { "probe", "--version" }, CLI_VERSION, 0, 0, 0, NULL, NULL },
};

static int
count_args(const char *const *argv)
{
	int n = 0;

	while (n < MAX_ARGS && argv[n] != NULL)
		n++;
	return n;
}

START_TEST(test_cli_table)
{
	const struct cli_case *c = &cli_cases[_i];
	char *argv[MAX_ARGS + 1];
	char err[CLI_ERR_MAX] = "";
	struct probe_opts o;
	int argc = count_args(c->argv), k;

	for (k = 0; k <= argc; k++)
		argv[k] = (char *)c->argv[k];
	ck_assert_int_eq(cli_parse(argc, argv, &o, err, sizeof(err)),
	    c->status);

	if (c->status == CLI_RUN) {
		ck_assert_uint_eq(o.ports[0].lo, c->port);
		ck_assert_uint_eq(o.count, c->count);
		ck_assert_int_eq(o.delay_ns, c->delay_ns);
		ck_assert_str_eq(o.targets[0], c->target);
		ck_assert_str_eq(o.resolv_conf, "/etc/resolv.conf");
	}
	if (c->err_part != NULL)
		ck_assert_msg(strstr(err, c->err_part) != NULL,
		    "error \"%s\" lacks \"%s\"", err, c->err_part);
}
END_TEST

struct duration_case {
	const char *text;
	int ok;
	int64_t ns;
};

static const struct duration_case duration_cases[] = {
	{ "1", 1, NS_S }, { "0", 1, 0 }, { "0.1", 1, 100 * NS_MS },
	{ "200ms", 1, 200 * NS_MS }, { "250us", 1, 250000 },
	{ "1.5s", 1, 1500 * NS_MS }, { "2m", 1, 120 * NS_S },
	{ "0.000000001", 1, 1 }, { "60m", 1, 3600 * NS_S },
	{ "61m", 0, 0 }, { "", 0, 0 }, { "s", 0, 0 }, { "-1", 0, 0 },
	{ "1h", 1, 3600 * NS_S }, { "1.5h", 0, 0 }, { "1 s", 0, 0 },
	{ ".5", 0, 0 },
	{ "99999999999999", 0, 0 },
	/* Nine digits of a minute: the fraction times the unit is past
	   what 64 bits hold, the result is not. */
	{ "0.999999999m", 1, 59999999940LL },
	{ "59.999999999m", 1, 3599999999940LL },
};

START_TEST(test_duration_table)
{
	const struct duration_case *c = &duration_cases[_i];
	int64_t ns = -7;
	int rc;

	rc = cli_parse_duration(c->text, 0, 3600 * NS_S, &ns);
	ck_assert_int_eq(rc == 0, c->ok);
	ck_assert_int_eq(ns, c->ok ? c->ns : -7);
}
END_TEST

struct ports_case {
	const char *text;
	int ok;
	size_t nranges, nports;
	unsigned lo0, hi0, lo_last, hi_last;
};

static const struct ports_case ports_cases[] = {
	{ "80", 1, 1, 1, 80, 80, 80, 80 },
	{ "3306,6379", 1, 2, 2, 3306, 3306, 6379, 6379 },
	{ "8000-8010", 1, 1, 11, 8000, 8010, 8000, 8010 },
	{ "1-1024,8080", 1, 2, 1025, 1, 1024, 8080, 8080 },
	{ "1-65535", 1, 1, 65535, 1, 65535, 1, 65535 },
	{ "5-5", 1, 1, 1, 5, 5, 5, 5 },
	{ "", 0, 0, 0, 0, 0, 0, 0 }, { ",80", 0, 0, 0, 0, 0, 0, 0 },
	{ "80,,81", 0, 0, 0, 0, 0, 0, 0 }, { "0", 0, 0, 0, 0, 0, 0, 0 },
	{ "65536", 0, 0, 0, 0, 0, 0, 0 }, { "10-", 0, 0, 0, 0, 0, 0, 0 },
	{ "-10", 0, 0, 0, 0, 0, 0, 0 }, { "a-b", 0, 0, 0, 0, 0, 0, 0 },
	{ "1-2-3", 0, 0, 0, 0, 0, 0, 0 },
};

START_TEST(test_ports_table)
{
	const struct ports_case *c = &ports_cases[_i];
	struct probe_opts o;

	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(cli_parse_ports(c->text, &o) == 0, c->ok);
	if (!c->ok)
		return;
	ck_assert_uint_eq(o.nranges, c->nranges);
	ck_assert_uint_eq(o.nports, c->nports);
	ck_assert_uint_eq(o.ports[0].lo, c->lo0);
	ck_assert_uint_eq(o.ports[0].hi, c->hi0);
	ck_assert_uint_eq(o.ports[o.nranges - 1].lo, c->lo_last);
	ck_assert_uint_eq(o.ports[o.nranges - 1].hi, c->hi_last);
}
END_TEST

struct flags_case {
	const char *text;
	int ok;
	unsigned flags;
};

static const struct flags_case flags_cases[] = {
	{ "syn", 1, 0x02 }, { "SYN,ACK", 1, 0x12 }, { "SA", 1, 0x12 },
	{ "S", 1, 0x02 }, { "SFRPAUEC", 1, 0xff }, { "syn,ece,cwr", 1, 0xc2 },
	{ "0x12", 1, 0x12 }, { "0xff", 1, 0xff }, { "0x", 0, 0 },
	{ "0x100", 0, 0 }, { "0xzz", 0, 0 }, { "", 0, 0 }, { "sa", 0, 0 },
	{ "syn,", 0, 0 }, { "syn,,ack", 0, 0 }, { "synack", 0, 0 },
	{ "SX", 0, 0 },
};

START_TEST(test_flags_table)
{
	const struct flags_case *c = &flags_cases[_i];
	uint8_t f = 0x5a;

	ck_assert_int_eq(cli_parse_flags(c->text, &f) == 0, c->ok);
	ck_assert_uint_eq(f, c->ok ? c->flags : 0x5a);
}
END_TEST

START_TEST(test_targets_and_defaults)
{
	char *argv[] = { "probe", "-p", "80", "-6", "--first", "-q", "-q",
	    "a", "b", "c", NULL };
	char err[CLI_ERR_MAX];
	struct probe_opts o;

	ck_assert_int_eq(cli_parse(10, argv, &o, err, sizeof(err)), CLI_RUN);
	ck_assert_uint_eq(o.ntargets, 3);
	ck_assert_str_eq(o.targets[2], "c");
	ck_assert_int_eq(o.family, AF_INET6);
	ck_assert_int_eq(o.first, 1);
	ck_assert_int_eq(o.quiet, 2);
	ck_assert_int_eq(o.ttl, 64);
	ck_assert_int_eq(o.win, 1480);
	ck_assert_int_eq(o.seq, -1);
	ck_assert_int_eq(o.sport, -1);
	ck_assert_int_eq(o.flags, 0x02);
	ck_assert_int_eq(o.wait_ns, NS_S);
}
END_TEST

struct words_case {
	const char *argv[4];
	enum cli_status status;
	const char *err;
};

static const struct words_case words_cases[] = {
	{ { "probe", "-p", "80", "mysql" }, CLI_RUN, "" },
	{ { "probe", "-p", "80\n", "mysql" }, CLI_ERROR,
	  "argument 2 has a control character (0x0a): remove it" },
	{ { "probe", "-p", "80", "my\x1b[31m" }, CLI_ERROR,
	  "argument 3 has a control character (0x1b): remove it" },
	{ { "probe", "\t", "80", "a" }, CLI_ERROR,
	  "argument 1 has a control character (0x09): remove it" },
	{ { "probe", "-p", "80", "del\x7f" }, CLI_ERROR,
	  "argument 3 has a control character (0x7f): remove it" },
	{ { "probe", "-p", "80", "caf\xc3\xa9" }, CLI_RUN, "" },
	/* argv[0] is the program as started, never quoted */
	{ { "pro\nbe", "-p", "80", "a" }, CLI_RUN, "" },
};

START_TEST(test_words_table)
{
	const struct words_case *c = &words_cases[_i];
	char err[CLI_ERR_MAX] = "";

	ck_assert_int_eq(cli_check_words(4, (char **)c->argv, err,
	    sizeof(err)), c->status);
	ck_assert_str_eq(err, c->err);
}
END_TEST

#define N(a)	((int)(sizeof(a) / sizeof((a)[0])))

Suite *
cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_cli_table, 0, N(cli_cases));
	tcase_add_loop_test(tc, test_duration_table, 0, N(duration_cases));
	tcase_add_loop_test(tc, test_ports_table, 0, N(ports_cases));
	tcase_add_loop_test(tc, test_flags_table, 0, N(flags_cases));
	tcase_add_test(tc, test_targets_and_defaults);
	tcase_add_loop_test(tc, test_words_table, 0, N(words_cases));
	suite_add_tcase(s, tc);
	return s;
}
