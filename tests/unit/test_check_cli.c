#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "unit.h"

struct split_case {
	const char *word;
	int ok;
	const char *host;
	unsigned port;
};

static const struct split_case split_cases[] = {
	{ "mysql", 1, "mysql", 0 },
	{ "mysql:3306", 1, "mysql", 3306 },
	{ "198.18.0.1:80", 1, "198.18.0.1", 80 },
	{ "[fd00::1]:443", 1, "fd00::1", 443 },
	{ "[fd00::1]", 1, "fd00::1", 0 },
	{ "fd00::1", 1, "fd00::1", 0 },
	{ "my-api.team-a:8080", 1, "my-api.team-a", 8080 },
	{ "mysql:", 0, NULL, 0 },
	{ "mysql:0", 0, NULL, 0 },
	{ "mysql:65536", 0, NULL, 0 },
	{ "mysql:http", 0, NULL, 0 },
	{ ":80", 0, NULL, 0 },
	{ "[fd00::1", 0, NULL, 0 },
	{ "[fd00::1]x", 0, NULL, 0 },
	{ "[]:80", 0, NULL, 0 },
};

START_TEST(test_split_table)
{
	const struct split_case *c = &split_cases[_i];
	char host[64] = "unchanged";
	uint16_t port = 7;
	int rc;

	rc = cli_split_target(c->word, host, sizeof(host), &port);
	ck_assert_int_eq(rc == 0, c->ok);
	if (!c->ok)
		return;
	ck_assert_str_eq(host, c->host);
	ck_assert_uint_eq(port, c->port);
}
END_TEST

#define MAX_ARGS	12

struct check_case {
	const char *argv[MAX_ARGS];
	enum cli_status status;
	unsigned count;
	size_t ntargets;
	const char *err_part;
};

static const struct check_case check_cases[] = {
	{ { "check", "mysql:3306", "redis:6379" }, CLI_RUN, 3, 2, NULL },
	{ { "check", "--attempts", "1", "a:1" }, CLI_RUN, 1, 1, NULL },
	{ { "check", "--attempts", "0", "a:1" }, CLI_ERROR, 0, 0,
	  "bad attempts \"0\"" },
	{ { "check", "--attempts", "11", "a:1" }, CLI_ERROR, 0, 0,
	  "bad attempts" },
	{ { "check", "--rate", "0", "a:1" }, CLI_ERROR, 0, 0,
	  "bad rate \"0\"" },
	{ { "check", "--timeout", "0", "a:1" }, CLI_ERROR, 0, 0,
	  "bad timeout" },
	{ { "check", "-p", "1,2", "a" }, CLI_ERROR, 0, 0, "bad port" },
	{ { "check", "a:99999" }, CLI_ERROR, 0, 0, "bad target \"a:99999\"" },
	{ { "check" }, CLI_ERROR, 0, 0, "no target given" },
	{ { "check", "--file", "/nonexistent/targets" }, CLI_ERROR, 0, 0,
	  "cannot read /nonexistent/targets" },
	{ { "check", "-o", "xml", "a:1" }, CLI_ERROR, 0, 0,
	  "bad output format \"xml\"" },
	{ { "check", "--bogus", "a:1" }, CLI_ERROR, 0, 0,
	  "unknown option \"--bogus\"" },
	{ { "check", "a:1", "-qq" }, CLI_ERROR, 0, 0,
	  "unknown option \"-q\": see probe check --help" },
	{ { "check", "a:1", "--file" }, CLI_ERROR, 0, 0,
	  "missing value for option \"--file\"" },
	{ { "check", "-c", "3", "a:1" }, CLI_ERROR, 0, 0,
	  "-w and -c are thresholds of -o nagios: add -o nagios" },
	{ { "check", "-w", "20%", "-o", "json", "a:1" }, CLI_ERROR, 0, 0,
	  "-w and -c are thresholds of -o nagios" },
	{ { "check", "-h" }, CLI_HELP, 0, 0, NULL },
};

START_TEST(test_check_table)
{
	const struct check_case *c = &check_cases[_i];
	char *argv[MAX_ARGS + 1];
	char err[CLI_ERR_MAX] = "";
	static struct probe_opts o;
	int argc = 0;

	while (argc < MAX_ARGS && c->argv[argc] != NULL) {
		argv[argc] = (char *)c->argv[argc];
		argc++;
	}
	argv[argc] = NULL;

	ck_assert_int_eq(check_cli_parse(argc, argv, &o, err, sizeof(err)),
	    c->status);
	if (c->status == CLI_RUN) {
		ck_assert_uint_eq(o.count, c->count);
		ck_assert_uint_eq(o.ntargets, c->ntargets);
		ck_assert_int_eq(o.check_mode, 1);
		free(o.file_text);
	}
	if (c->err_part != NULL)
		ck_assert_msg(strstr(err, c->err_part) != NULL,
		    "error \"%s\" lacks \"%s\"", err, c->err_part);
}
END_TEST

#define N(a)	((int)(sizeof(a) / sizeof((a)[0])))

Suite *
check_cli_suite(void)
{
	Suite *s = suite_create("check_cli");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_split_table, 0, N(split_cases));
	tcase_add_loop_test(tc, test_check_table, 0, N(check_cases));
	suite_add_tcase(s, tc);
	return s;
}
