#include <string.h>

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
	{ { "probe", "mysql" }, CLI_ERROR, 0, 0, 0, NULL,
	  "no port given for mysql" },
	{ { "probe", "-p", "80", "a", "b" }, CLI_ERROR, 0, 0, 0, NULL,
	  "one target only" },
	{ { "probe", "-p", "80", "" }, CLI_ERROR, 0, 0, 0, NULL,
	  "empty target" },
	{ { "probe", "--bogus", "-p", "80", "a" }, CLI_ERROR, 0, 0, 0, NULL,
	  "unknown option \"--bogus\"" },
	{ { "probe", "a", "-p" }, CLI_ERROR, 0, 0, 0, NULL,
	  "missing value for option \"-p\"" },
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
		ck_assert_uint_eq(o.port, c->port);
		ck_assert_uint_eq(o.count, c->count);
		ck_assert_int_eq(o.delay_ns, c->delay_ns);
		ck_assert_str_eq(o.target, c->target);
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
	{ "1h", 0, 0 }, { "1 s", 0, 0 }, { ".5", 0, 0 },
	{ "99999999999999", 0, 0 },
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

#define N(a)	((int)(sizeof(a) / sizeof((a)[0])))

Suite *
cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_cli_table, 0, N(cli_cases));
	tcase_add_loop_test(tc, test_duration_table, 0, N(duration_cases));
	suite_add_tcase(s, tc);
	return s;
}
