#include "unit.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lookup_cli.h"

#define N(a)		((int)(sizeof(a) / sizeof((a)[0])))
#define MAX_ARGS	12
#define MAX_LINES	8
#define DESCR_MAX	1024

#define S16	"abcdefghijklmnop"
#define S64	S16 S16 S16 S16
#define S255	S64 S64 S64 S16 S16 S16 "abcdefghijklmno"
#define S256	S255 "x"
#define TYPES	"A, AAAA, CNAME, MX, NS, PTR, SOA, SRV, TXT, ANY or TYPEnnn"

/*
 * Options are compared whole: describe() writes every field that is not
 * at its default, so a case that expects "qtype=33" also says that every
 * other field kept the default nslookup users expect.
 */
static const struct {
	const char *name;
	size_t off;
	int def;
} int_fields[] = {
	{ "timeout", offsetof(struct lookup_opts, timeout_s), -1 },
	{ "retry", offsetof(struct lookup_opts, retry), -1 },
	{ "ndots", offsetof(struct lookup_opts, ndots), -1 },
	{ "vc", offsetof(struct lookup_opts, vc), 0 },
	{ "recurse", offsetof(struct lookup_opts, recurse), 1 },
	{ "search", offsetof(struct lookup_opts, search), 1 },
	{ "debug", offsetof(struct lookup_opts, debug), 0 },
	{ "trace", offsetof(struct lookup_opts, trace), 0 },
	{ "show_config", offsetof(struct lookup_opts, show_config), 0 },
	{ "parallel", offsetof(struct lookup_opts, parallel), 0 },
};

static void
add(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
add(char *buf, size_t cap, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len > 0 && len + 1 < cap)
		buf[len++] = ' ';
	va_start(ap, fmt);
	vsnprintf(buf + len, cap - len, fmt, ap);
	va_end(ap);
}

static void
describe(const struct lookup_opts *o, char *buf, size_t cap)
{
	const char *base = (const char *)o;
	int i, v;

	buf[0] = '\0';
	if (o->name != NULL)
		add(buf, cap, "name=%s", o->name);
	if (o->server[0] != '\0')
		add(buf, cap, "server=%s", o->server);
	if (o->qtype != 0)
		add(buf, cap, "qtype=%u", (unsigned)o->qtype);
	if (o->port != 53)
		add(buf, cap, "port=%u", (unsigned)o->port);
	if (o->domain[0] != '\0')
		add(buf, cap, "domain=%s", o->domain);

	for (i = 0; i < N(int_fields); i++) {
		memcpy(&v, base + int_fields[i].off, sizeof(v));
		if (v != int_fields[i].def)
			add(buf, cap, "%s=%d", int_fields[i].name, v);
	}

	if (o->libc != LOOKUP_GLIBC)
		add(buf, cap, "libc=%s", o->libc == LOOKUP_MUSL ? "musl" :
		    "other");
	if (strcmp(o->resolv_conf, "/etc/resolv.conf") != 0)
		add(buf, cap, "resolv_conf=%s", o->resolv_conf);
}

struct argv_case {
	const char *argv[MAX_ARGS];
	enum cli_status status;
	const char *want;	/* CLI_RUN: describe(); CLI_ERROR: the line */
};

static const struct argv_case argv_cases[] = {
	/* operands */
	{ { "lookup" }, CLI_RUN, "" },
	{ { "nslookup", "mysql" }, CLI_RUN, "name=mysql" },
	{ { "nslookup", "mysql", "198.18.0.10" }, CLI_RUN,
	  "name=mysql server=198.18.0.10" },
	{ { "nslookup", "-" }, CLI_RUN, "" },
	{ { "nslookup", "-", "198.18.0.10" }, CLI_RUN,
	  "server=198.18.0.10" },
	{ { "lookup", "--" }, CLI_RUN, "" },
	{ { "lookup", "--", "-odd", "--x" }, CLI_RUN,
	  "name=-odd server=--x" },
	{ { "lookup", S255 }, CLI_RUN, "name=" S255 },
	{ { "lookup", "caf\xc3\xa9" }, CLI_RUN, "name=caf\xc3\xa9" },

	/* types: names, nslookup's prefixes, long forms, TYPEnnn */
	{ { "nslookup", "-type=srv", "_mysql._tcp.mysql" }, CLI_RUN,
	  "name=_mysql._tcp.mysql qtype=33" },
	{ { "nslookup", "-query=mx", "a" }, CLI_RUN, "name=a qtype=15" },
	{ { "nslookup", "-q=txt", "a" }, CLI_RUN, "name=a qtype=16" },
	{ { "nslookup", "-qu=ns", "a" }, CLI_RUN, "name=a qtype=2" },
	{ { "nslookup", "-querytype=ptr", "a" }, CLI_RUN,
	  "name=a qtype=12" },
	{ { "nslookup", "-ty=mx", "a" }, CLI_RUN, "name=a qtype=15" },
	{ { "nslookup", "-typ=aaaa", "a" }, CLI_RUN, "name=a qtype=28" },
	{ { "nslookup", "-TYPE=SOA", "a" }, CLI_RUN, "name=a qtype=6" },
	{ { "nslookup", "-type=Cname", "a" }, CLI_RUN, "name=a qtype=5" },
	{ { "nslookup", "-type=any", "a" }, CLI_RUN, "name=a qtype=255" },
	{ { "nslookup", "-type=a", "a" }, CLI_RUN, "name=a qtype=1" },
	{ { "nslookup", "-type=TYPE99", "a" }, CLI_RUN, "name=a qtype=99" },
	{ { "nslookup", "-type=type65535", "a" }, CLI_RUN,
	  "name=a qtype=65535" },
	{ { "lookup", "--type", "srv", "a" }, CLI_RUN, "name=a qtype=33" },
	{ { "lookup", "--type=srv", "a" }, CLI_RUN, "name=a qtype=33" },
	{ { "lookup", "-type", "mx", "a" }, CLI_RUN, "name=a qtype=15" },
	{ { "lookup", "--ty", "mx", "a" }, CLI_RUN, "name=a qtype=15" },
	{ { "lookup", "-type=mx", "-q=a", "a" }, CLI_RUN, "name=a qtype=1" },

	/* numbers */
	{ { "nslookup", "-timeout=2", "a" }, CLI_RUN, "name=a timeout=2" },
	{ { "nslookup", "-t=5", "a" }, CLI_RUN, "name=a timeout=5" },
	{ { "nslookup", "-ti=300", "a" }, CLI_RUN, "name=a timeout=300" },
	{ { "lookup", "--timeout", "1", "a" }, CLI_RUN,
	  "name=a timeout=1" },
	{ { "nslookup", "-retry=1", "a" }, CLI_RUN, "name=a retry=1" },
	{ { "nslookup", "-ret=0", "a" }, CLI_RUN, "name=a retry=1" },
	{ { "nslookup", "-retry=10", "a" }, CLI_RUN, "name=a retry=10" },
	{ { "lookup", "--retry", "3", "a" }, CLI_RUN, "name=a retry=3" },
	{ { "nslookup", "-port=5353", "a" }, CLI_RUN, "name=a port=5353" },
	{ { "nslookup", "-po=1", "a" }, CLI_RUN, "name=a port=1" },
	{ { "lookup", "--port", "65535", "a" }, CLI_RUN,
	  "name=a port=65535" },
	{ { "lookup", "--port=53", "a" }, CLI_RUN, "name=a" },
	{ { "nslookup", "-ndots=0", "a" }, CLI_RUN, "name=a ndots=0" },
	{ { "nslookup", "-ndots=15", "a" }, CLI_RUN, "name=a ndots=15" },
	{ { "lookup", "--ndots", "5", "a" }, CLI_RUN, "name=a ndots=5" },

	/* flags, and the last of two contrary ones wins, as in nslookup */
	{ { "nslookup", "-vc", "a" }, CLI_RUN, "name=a vc=1" },
	{ { "nslookup", "-VC", "a" }, CLI_RUN, "name=a vc=1" },
	{ { "lookup", "--vc", "a" }, CLI_RUN, "name=a vc=1" },
	{ { "nslookup", "-vc", "-novc", "a" }, CLI_RUN, "name=a" },
	{ { "nslookup", "-novc", "-vc", "a" }, CLI_RUN, "name=a vc=1" },
	{ { "nslookup", "-norecurse", "a" }, CLI_RUN, "name=a recurse=0" },
	{ { "nslookup", "-norec", "a" }, CLI_RUN, "name=a recurse=0" },
	{ { "lookup", "--norecurse", "a" }, CLI_RUN, "name=a recurse=0" },
	{ { "nslookup", "-norec", "-rec", "a" }, CLI_RUN, "name=a" },
	{ { "nslookup", "-recurse", "a" }, CLI_RUN, "name=a" },
	{ { "nslookup", "-debug", "a" }, CLI_RUN, "name=a debug=1" },
	{ { "nslookup", "-deb", "a" }, CLI_RUN, "name=a debug=1" },
	{ { "lookup", "--debug", "a" }, CLI_RUN, "name=a debug=1" },
	{ { "nslookup", "-d2", "a" }, CLI_RUN, "name=a debug=1" },
	{ { "nslookup", "-debug", "-nodebug", "a" }, CLI_RUN, "name=a" },
	{ { "nslookup", "-d2", "-nod2", "a" }, CLI_RUN, "name=a" },
	{ { "nslookup", "-nosearch", "a" }, CLI_RUN, "name=a search=0" },
	{ { "nslookup", "-nosea", "a" }, CLI_RUN, "name=a search=0" },
	{ { "nslookup", "-nosearch", "-sea", "a" }, CLI_RUN, "name=a" },
	{ { "nslookup", "-search", "a" }, CLI_RUN, "name=a" },
	{ { "lookup", "--trace", "a" }, CLI_RUN, "name=a trace=1" },
	{ { "lookup", "-trace", "-notrace", "a" }, CLI_RUN, "name=a" },
	{ { "lookup", "--show-config" }, CLI_RUN, "show_config=1" },
	{ { "lookup", "-show-config", "a" }, CLI_RUN,
	  "name=a show_config=1" },
	{ { "lookup", "--parallel", "a" }, CLI_RUN, "name=a parallel=1" },
	{ { "lookup", "--parallel", "-noparallel", "a" }, CLI_RUN,
	  "name=a" },

	/* domain: it turns the search on; empty goes back to resolv.conf */
	{ { "nslookup", "-domain=corp.example", "a" }, CLI_RUN,
	  "name=a domain=corp.example" },
	{ { "nslookup", "-do=x.example", "a" }, CLI_RUN,
	  "name=a domain=x.example" },
	{ { "lookup", "--domain", "corp.example", "a" }, CLI_RUN,
	  "name=a domain=corp.example" },
	{ { "nslookup", "-nosearch", "-domain=x", "a" }, CLI_RUN,
	  "name=a domain=x" },
	{ { "nslookup", "-domain=x", "-nosearch", "a" }, CLI_RUN,
	  "name=a domain=x search=0" },
	{ { "nslookup", "-domain=x", "-domain=", "a" }, CLI_RUN, "name=a" },
	{ { "nslookup", "-domain=" S255, "a" }, CLI_RUN,
	  "name=a domain=" S255 },

	/* libc and resolv.conf */
	{ { "lookup", "--libc", "musl", "a" }, CLI_RUN, "name=a libc=musl" },
	{ { "lookup", "-libc=MUSL", "a" }, CLI_RUN, "name=a libc=musl" },
	{ { "lookup", "--libc=musl", "--libc=glibc", "a" }, CLI_RUN,
	  "name=a" },
	{ { "lookup", "--resolv-conf", "/tmp/r", "a" }, CLI_RUN,
	  "name=a resolv_conf=/tmp/r" },
	{ { "lookup", "-resolv-conf=/tmp/r" }, CLI_RUN,
	  "resolv_conf=/tmp/r" },

	/* everything at once, options between the operands */
	{ { "nslookup", "mysql", "-type=srv", "198.18.0.10", "--port",
	    "5353", "-norecurse", "--vc", "-t=3", "--trace" }, CLI_RUN,
	  "name=mysql server=198.18.0.10 qtype=33 port=5353 timeout=3 "
	  "vc=1 recurse=0 trace=1" },

	/* help and version, which stop at once */
	{ { "lookup", "-h" }, CLI_HELP, NULL },
	{ { "lookup", "--help" }, CLI_HELP, NULL },
	{ { "nslookup", "-help", "a" }, CLI_HELP, NULL },
	{ { "lookup", "-h", "-bogus" }, CLI_HELP, NULL },
	{ { "lookup", "-V" }, CLI_VERSION, NULL },
	{ { "lookup", "--version" }, CLI_VERSION, NULL },
	{ { "nslookup", "-ver" }, CLI_VERSION, NULL },

	/* bad values */
	{ { "nslookup", "-port=70000", "a" }, CLI_ERROR,
	  "bad port \"70000\": give a number from 1 to 65535" },
	{ { "nslookup", "-port=0", "a" }, CLI_ERROR,
	  "bad port \"0\": give a number from 1 to 65535" },
	{ { "lookup", "--port", "53x", "a" }, CLI_ERROR,
	  "bad port \"53x\": give a number from 1 to 65535" },
	{ { "lookup", "--port", "-1", "a" }, CLI_ERROR,
	  "bad port \"-1\": give a number from 1 to 65535" },
	{ { "lookup", "-port=", "a" }, CLI_ERROR,
	  "bad port \"\": give a number from 1 to 65535" },
	{ { "nslookup", "-timeout=0", "a" }, CLI_ERROR,
	  "bad timeout \"0\": give a number of seconds from 1 to 300" },
	{ { "nslookup", "-timeout=301", "a" }, CLI_ERROR,
	  "bad timeout \"301\": give a number of seconds from 1 to 300" },
	{ { "nslookup", "-t=2s", "a" }, CLI_ERROR,
	  "bad timeout \"2s\": give a number of seconds from 1 to 300" },
	{ { "nslookup", "-retry=11", "a" }, CLI_ERROR,
	  "bad retry \"11\": give a number of tries from 0 to 10" },
	{ { "lookup", "--retry", "+1", "a" }, CLI_ERROR,
	  "bad retry \"+1\": give a number of tries from 0 to 10" },
	{ { "nslookup", "-ndots=16", "a" }, CLI_ERROR,
	  "bad ndots \"16\": give a number from 0 to 15" },
	{ { "nslookup", "-type=", "a" }, CLI_ERROR,
	  "empty type: give " TYPES },
	{ { "nslookup", "-type=foo", "a" }, CLI_ERROR,
	  "bad type \"foo\": give " TYPES },
	{ { "nslookup", "-type=TYPE0", "a" }, CLI_ERROR,
	  "bad type \"TYPE0\": give " TYPES },
	{ { "nslookup", "-type=TYPE65536", "a" }, CLI_ERROR,
	  "bad type \"TYPE65536\": give " TYPES },
	{ { "nslookup", "-type=TYPE", "a" }, CLI_ERROR,
	  "bad type \"TYPE\": give " TYPES },
	{ { "nslookup", "-type=AAAAA", "a" }, CLI_ERROR,
	  "bad type \"AAAAA\": give " TYPES },
	{ { "lookup", "--libc=bsd", "a" }, CLI_ERROR,
	  "bad libc \"bsd\": give glibc or musl" },
	{ { "lookup", "--resolv-conf=", "a" }, CLI_ERROR,
	  "empty resolv.conf path: give a file, as in "
	  "--resolv-conf=/etc/resolv.conf" },
	{ { "nslookup", "-domain=a b", "a" }, CLI_ERROR,
	  "domain \"a b\" has a space: give one word" },
	{ { "nslookup", "-domain=" S256, "a" }, CLI_ERROR,
	  "domain too long: 256 characters, at most 255" },

	/* option words */
	{ { "nslookup", "-bogus", "a" }, CLI_ERROR,
	  "unknown option \"-bogus\": see probe lookup --help" },
	{ { "lookup", "--bogus=1", "a" }, CLI_ERROR,
	  "unknown option \"--bogus\": see probe lookup --help" },
	{ { "nslookup", "-class=IN", "a" }, CLI_ERROR,
	  "unknown option \"-class\": see probe lookup --help" },
	{ { "nslookup", "-typex=a", "a" }, CLI_ERROR,
	  "unknown option \"-typex\": see probe lookup --help" },
	{ { "lookup", "---type=a", "a" }, CLI_ERROR,
	  "unknown option \"---type\": see probe lookup --help" },
	{ { "lookup", "-=a", "a" }, CLI_ERROR,
	  "unknown option \"-=a\": see probe lookup --help" },
	{ { "nslookup", "-re", "a" }, CLI_ERROR,
	  "option \"-re\" is too short: write more of its name" },
	{ { "nslookup", "-d=1", "a" }, CLI_ERROR,
	  "option \"-d\" is too short: write more of its name" },
	{ { "nslookup", "-v", "a" }, CLI_ERROR,
	  "option \"-v\" is too short: write more of its name" },
	{ { "nslookup", "-vc=1", "a" }, CLI_ERROR,
	  "option \"-vc\" takes no value: write it alone" },
	{ { "lookup", "--help=x" }, CLI_ERROR,
	  "option \"--help\" takes no value: write it alone" },
	{ { "lookup", "a", "--type" }, CLI_ERROR,
	  "missing value for option \"--type\": give it as "
	  "--type=VALUE" },
	{ { "nslookup", "a", "-ty" }, CLI_ERROR,
	  "missing value for option \"-ty\": give it as -ty=VALUE" },
	{ { "nslookup", "-all" }, CLI_ERROR,
	  "option \"-all\" works at the prompt only: type set all there" },

	/* operands */
	{ { "nslookup", "a", "b", "c" }, CLI_ERROR,
	  "too many operands: \"c\" after NAME and SERVER; give at most "
	  "those two" },
	{ { "nslookup", "a", "b", "c", "d" }, CLI_ERROR,
	  "too many operands: \"c\" after NAME and SERVER; give at most "
	  "those two" },
	{ { "nslookup", "-", "b", "c" }, CLI_ERROR,
	  "too many operands: \"c\" after NAME and SERVER; give at most "
	  "those two" },
	{ { "nslookup", "a", "-" }, CLI_ERROR,
	  "\"-\" cannot be a server: it means interactive, and comes first" },
	{ { "nslookup", "" }, CLI_ERROR, "empty name: give one" },
	{ { "nslookup", "a", "" }, CLI_ERROR,
	  "empty server: give one" },
	{ { "nslookup", "a b" }, CLI_ERROR,
	  "name \"a b\" has a space: give one word" },
	{ { "nslookup", S256 }, CLI_ERROR,
	  "name too long: 256 characters, at most 255" },
	{ { "nslookup", "a", S256 }, CLI_ERROR,
	  "server too long: 256 characters, at most 255" },
	{ { "nslookup", "a\nb" }, CLI_ERROR,
	  "argument 1 has a control character (0x0a): remove it" },
	{ { "nslookup", "-type=a", "-port=\x1b[2J" }, CLI_ERROR,
	  "argument 2 has a control character (0x1b): remove it" },
	{ { "lookup", "--domain", "a\nb", "-bogus" }, CLI_ERROR,
	  "argument 2 has a control character (0x0a): remove it" },
};

static int
count_args(const char *const *argv)
{
	int n = 0;

	while (n < MAX_ARGS && argv[n] != NULL)
		n++;
	return n;
}

START_TEST(test_argv_table)
{
	const struct argv_case *c = &argv_cases[_i];
	char *argv[MAX_ARGS + 1];
	char err[CLI_ERR_MAX] = "", got[DESCR_MAX];
	struct lookup_opts o, before;
	int argc = count_args(c->argv), k;

	for (k = 0; k < argc; k++)
		argv[k] = (char *)c->argv[k];
	argv[argc] = NULL;
	memset(&o, 0x5a, sizeof(o));
	before = o;

	ck_assert_int_eq(lookup_cli_parse(argc, argv, &o, err, sizeof(err)),
	    c->status);

	if (c->status == CLI_RUN) {
		describe(&o, got, sizeof(got));
		ck_assert_str_eq(got, c->want);
		ck_assert_str_eq(err, "");
		return;
	}
	ck_assert_int_eq(memcmp(&o, &before, sizeof(o)), 0);
	ck_assert_str_eq(err, c->want != NULL ? c->want : "");
}
END_TEST

static void
initial_state(const char *const *args, struct lookup_opts *o)
{
	const char *plain[] = { "nslookup", NULL };
	char *argv[MAX_ARGS + 1];
	char err[CLI_ERR_MAX];
	int argc, k;

	if (args[0] == NULL)
		args = plain;
	argc = count_args(args);
	for (k = 0; k < argc; k++)
		argv[k] = (char *)args[k];
	argv[argc] = NULL;
	ck_assert_int_eq(lookup_cli_parse(argc, argv, o, err, sizeof(err)),
	    CLI_RUN);
}

/* One line each, from the interactive defaults. */
struct line_case {
	const char *line;
	enum lookup_cmd_kind kind;
	const char *arg, *server2;
	const char *want;	/* describe() after, or the error line */
};

#define LOOKUP(line, name, server)	{ line, LCMD_LOOKUP, name, server, "" }
#define SET(line, want)			{ line, LCMD_SET, "", "", want }
#define BAD(line, msg)			{ line, LCMD_ERROR, "", "", msg }
#define CMDS	"commands: NAME [SERVER], server [ADDR], lserver [ADDR], " \
		"set OPTION[=VALUE], set all, exit"

static const struct line_case line_cases[] = {
	{ "", LCMD_EMPTY, "", "", "" },
	{ "   ", LCMD_EMPTY, "", "", "" },
	{ "\n", LCMD_EMPTY, "", "", "" },
	{ " \t \r\n", LCMD_EMPTY, "", "", "" },
	{ "# a comment", LCMD_EMPTY, "", "", "" },
	{ "   #set type=mx", LCMD_EMPTY, "", "", "" },

	LOOKUP("mysql", "mysql", ""),
	LOOKUP("  mysql  \n", "mysql", ""),
	LOOKUP("mysql\r\n", "mysql", ""),
	LOOKUP("MySQL.Default", "MySQL.Default", ""),
	LOOKUP("\tmysql\t198.18.0.10\n", "mysql", "198.18.0.10"),
	LOOKUP("mysql fd00::10 # the second server", "mysql", "fd00::10"),
	LOOKUP("mysql#1", "mysql#1", ""),
	LOOKUP("198.18.78.144", "198.18.78.144", ""),
	LOOKUP("caf\xc3\xa9\xff", "caf\xc3\xa9\xff", ""),
	LOOKUP(S255, S255, ""),
	LOOKUP(S255 "\n", S255, ""),
	LOOKUP(S255 "\r\n", S255, ""),
	LOOKUP("servers", "servers", ""),
	LOOKUP("-type=mx", "-type=mx", ""),
	BAD("a b c", "too many words: give NAME or NAME SERVER"),
	BAD("a b c d e", "too many words: give NAME or NAME SERVER"),

	{ "server", LCMD_SERVER, "", "", "" },
	{ "  server  \n", LCMD_SERVER, "", "", "" },
	{ "server 198.18.0.10", LCMD_SERVER, "198.18.0.10", "", "" },
	{ "SERVER fd00::10\n", LCMD_SERVER, "fd00::10", "", "" },
	{ "lserver 198.18.0.11", LCMD_SERVER, "198.18.0.11", "", "" },
	{ "lserver", LCMD_SERVER, "", "", "" },
	BAD("server a b", "server takes one address"),
	BAD("LSERVER a b", "lserver takes one address"),

	{ "exit", LCMD_EXIT, "", "", "" },
	{ " EXIT \n", LCMD_EXIT, "", "", "" },
	{ "exit # bye", LCMD_EXIT, "", "", "" },
	BAD("exit now", "exit takes nothing after it"),
	BAD("help", CMDS),
	BAD("?", CMDS),

	SET("set type=srv", "qtype=33"),
	SET("SET TYPE=SRV", "qtype=33"),
	SET("set querytype=mx", "qtype=15"),
	SET("set query=ns", "qtype=2"),
	SET("set q=txt", "qtype=16"),
	SET("set ty=aaaa", "qtype=28"),
	SET("set type=TYPE64", "qtype=64"),
	SET("set port=5353", "port=5353"),
	SET("set po=1", "port=1"),
	SET("set timeout=3", "timeout=3"),
	SET("set t=4", "timeout=4"),
	SET("set retry=2", "retry=2"),
	SET("set retry=0", "retry=1"),
	SET("set search", ""),
	SET("set nosearch", "search=0"),
	SET("set domain=corp.example", "domain=corp.example"),
	SET("set do=x.example\n", "domain=x.example"),
	SET("set domain=", ""),
	SET("set ndots=3", "ndots=3"),
	SET("set debug", "debug=1"),
	SET("set deb", "debug=1"),
	SET("set nodebug", ""),
	SET("set d2", "debug=1"),
	SET("set nod2", ""),
	SET("set trace", "trace=1"),
	SET("set notrace", ""),
	SET("set vc", "vc=1"),
	SET("set novc", ""),
	SET("set recurse", ""),
	SET("set norecurse", "recurse=0"),
	SET("set norec", "recurse=0"),
	SET("set libc=musl", "libc=musl"),
	SET("set parallel", "parallel=1"),
	SET("set noparallel", ""),
	{ "set all", LCMD_SET_ALL, "", "", "" },
	{ "  Set  ALL \r\n", LCMD_SET_ALL, "", "", "" },

	BAD("set", "set takes one OPTION or OPTION=VALUE, with no spaces, "
	    "as in set type=mx"),
	BAD("set type = mx", "set takes one OPTION or OPTION=VALUE, with no "
	    "spaces, as in set type=mx"),
	BAD("set type=", "empty type: give " TYPES),
	BAD("set type=foo", "bad type \"foo\": give " TYPES),
	BAD("set port=0", "bad port \"0\": give a number from 1 to 65535"),
	BAD("set timeout=301",
	    "bad timeout \"301\": give a number of seconds from 1 to 300"),
	BAD("set retry=11",
	    "bad retry \"11\": give a number of tries from 0 to 10"),
	BAD("set ndots=16", "bad ndots \"16\": give a number from 0 to 15"),
	BAD("set libc=bsd", "bad libc \"bsd\": give glibc or musl"),
	BAD("set bogus", "unknown option \"bogus\": set all shows the "
	    "options"),
	BAD("set =x", "unknown option \"=x\": set all shows the "
	    "options"),
	BAD("set class=IN", "unknown option \"class\": set all shows the "
	    "options"),
	BAD("set re", "option \"re\" is too short: write more of its name"),
	BAD("set vc=1", "option \"vc\" takes no value: write it alone"),
	BAD("set all=1", "option \"all\" takes no value: write it alone"),
	BAD("set type", "missing value for option \"type\": give it as "
	    "type=VALUE"),
	BAD("set resolv-conf=/tmp/r",
	    "option \"resolv-conf\" works on the command line only"),
	BAD("set show-config",
	    "option \"show-config\" works on the command line only"),
	BAD("set help", "option \"help\" works on the command line only"),
	BAD("set ver", "option \"version\" works on the command line only"),

	BAD(S256, "line too long: 256 characters, at most 255"),
	BAD(S255 "\n\n", "line too long: 256 characters, at most 255"),
	BAD("my\x01sql", "control character (0x01) in the line"),
	BAD("mysql\x7f", "control character (0x7f) in the line"),
	BAD("a\vb", "control character (0x0b) in the line"),
	BAD("set domain=\x1b[2J", "control character (0x1b) in the line"),
};

START_TEST(test_line_table)
{
	const struct line_case *c = &line_cases[_i];
	char err[CLI_ERR_MAX] = "?", got[DESCR_MAX];
	struct lookup_cmd cmd;
	struct lookup_opts o;

	initial_state((const char *const[]){ NULL }, &o);
	memset(&cmd, 0x5a, sizeof(cmd));

	ck_assert_int_eq(lookup_cmd_parse(c->line, &o, &cmd, err,
	    sizeof(err)), c->kind);
	ck_assert_int_eq(cmd.kind, c->kind);
	ck_assert_str_eq(cmd.arg, c->arg);
	ck_assert_str_eq(cmd.server2, c->server2);

	describe(&o, got, sizeof(got));
	if (c->kind == LCMD_ERROR) {
		ck_assert_str_eq(err, c->want);
		ck_assert_str_eq(got, "");
	} else {
		ck_assert_str_eq(err, "");
		ck_assert_str_eq(got, c->want);
	}
}
END_TEST

/*
 * Several lines against one state.  Each line is parsed from a buffer
 * that is scribbled over afterwards, as a caller reusing its line
 * buffer would: nothing kept may point into it.
 */
struct script_case {
	const char *argv[MAX_ARGS];	/* the state before; none: defaults */
	const char *lines[MAX_LINES];
	enum lookup_cmd_kind kinds[MAX_LINES];
	const char *last_arg;		/* cmd.arg of the last line */
	const char *want;		/* describe() at the end */
};

static const struct script_case script_cases[] = {
	{ { NULL }, { "set type=srv", "_mysql._tcp.mysql" },
	  { LCMD_SET, LCMD_LOOKUP }, "_mysql._tcp.mysql", "qtype=33" },
	{ { NULL }, { "set type=mx", "set type=bogus", "mail" },
	  { LCMD_SET, LCMD_ERROR, LCMD_LOOKUP }, "mail", "qtype=15" },
	{ { NULL }, { "set domain=corp.example", "set nosearch",
	    "set port=5353", "set port=0", "set vc", "set novc", "host" },
	  { LCMD_SET, LCMD_SET, LCMD_SET, LCMD_ERROR, LCMD_SET, LCMD_SET,
	    LCMD_LOOKUP }, "host",
	  "port=5353 domain=corp.example search=0" },
	{ { NULL }, { "set nosearch", "set domain=a.example", "" },
	  { LCMD_SET, LCMD_SET, LCMD_EMPTY }, "", "domain=a.example" },
	{ { NULL }, { "set domain=a.example", "set domain=b.example",
	    "set domain=" }, { LCMD_SET, LCMD_SET, LCMD_SET }, "", "" },
	{ { NULL }, { "set debug", "set timeout=2", "set retry=3",
	    "set ndots=5", "set all" },
	  { LCMD_SET, LCMD_SET, LCMD_SET, LCMD_SET, LCMD_SET_ALL }, "",
	  "timeout=2 retry=3 ndots=5 debug=1" },
	{ { "nslookup", "-type=mx", "-port=5353", "-", "198.18.0.10" },
	  { "set type=a", "server 198.18.0.11", "mysql 198.18.0.12" },
	  { LCMD_SET, LCMD_SERVER, LCMD_LOOKUP }, "mysql",
	  "server=198.18.0.10 qtype=1 port=5353" },
	{ { "lookup", "--libc", "musl", "--resolv-conf", "/tmp/r" },
	  { "set libc=glibc", "set t=9", "exit" },
	  { LCMD_SET, LCMD_SET, LCMD_EXIT }, "",
	  "timeout=9 resolv_conf=/tmp/r" },
};

START_TEST(test_script_table)
{
	const struct script_case *c = &script_cases[_i];
	char line[LOOKUP_TEXT_MAX + 8], err[CLI_ERR_MAX], got[DESCR_MAX];
	struct lookup_cmd cmd;
	struct lookup_opts o;
	int k;

	initial_state(c->argv, &o);
	for (k = 0; k < MAX_LINES && c->lines[k] != NULL; k++) {
		snprintf(line, sizeof(line), "%s", c->lines[k]);
		ck_assert_int_eq(lookup_cmd_parse(line, &o, &cmd, err,
		    sizeof(err)), c->kinds[k]);
		memset(line, 'X', sizeof(line) - 1);
		line[sizeof(line) - 1] = '\0';
	}

	ck_assert_str_eq(cmd.arg, c->last_arg);
	describe(&o, got, sizeof(got));
	ck_assert_str_eq(got, c->want);
}
END_TEST

struct settings_case {
	const char *argv[MAX_ARGS];
	const char *server;
	const char *want;
};

static const struct settings_case settings_cases[] = {
	{ { "nslookup" }, "198.18.0.10",
	  "Default server: 198.18.0.10\n"
	  "Address: 198.18.0.10#53\n"
	  "\n"
	  "Set options:\n"
	  "  novc                nodebug             notrace             "
	  "noparallel\n"
	  "  search              recurse             libc = glibc\n"
	  "  timeout = default   retry = default     port = 53           "
	  "ndots = default\n"
	  "  querytype = A+AAAA\n"
	  "  domain = (resolv.conf's search list)\n" },
	{ { "nslookup", "-vc", "-debug", "-trace", "-parallel", "-nosearch",
	    "-norecurse", "-libc=musl", "-t=2", "-retry=10", "-port=5353" },
	  "fd00::10",
	  "Default server: fd00::10\n"
	  "Address: fd00::10#5353\n"
	  "\n"
	  "Set options:\n"
	  "  vc                  debug               trace               "
	  "parallel\n"
	  "  nosearch            norecurse           libc = musl\n"
	  "  timeout = 2         retry = 10          port = 5353         "
	  "ndots = default\n"
	  "  querytype = A+AAAA\n"
	  "  domain = (resolv.conf's search list)\n" },
	{ { "nslookup", "-type=srv", "-domain=corp.example", "-ndots=0" },
	  NULL,
	  "Default server: none\n"
	  "\n"
	  "Set options:\n"
	  "  novc                nodebug             notrace             "
	  "noparallel\n"
	  "  search              recurse             libc = glibc\n"
	  "  timeout = default   retry = default     port = 53           "
	  "ndots = 0\n"
	  "  querytype = SRV\n"
	  "  domain = corp.example\n" },
	{ { "nslookup", "-type=TYPE99" }, "",
	  "Default server: none\n"
	  "\n"
	  "Set options:\n"
	  "  novc                nodebug             notrace             "
	  "noparallel\n"
	  "  search              recurse             libc = glibc\n"
	  "  timeout = default   retry = default     port = 53           "
	  "ndots = default\n"
	  "  querytype = TYPE99\n"
	  "  domain = (resolv.conf's search list)\n" },
};

START_TEST(test_settings_table)
{
	const struct settings_case *c = &settings_cases[_i];
	char buf[1024];
	struct lookup_opts o;
	size_t n;

	initial_state(c->argv, &o);
	n = lookup_format_settings(&o, c->server, buf, sizeof(buf));
	ck_assert_str_eq(buf, c->want);
	ck_assert_uint_eq(n, strlen(c->want));
}
END_TEST

/* A short buffer keeps a cut, terminated head and still tells the whole
 * length. */
START_TEST(test_settings_cut)
{
	const char *want = settings_cases[0].want;
	char whole[1024], cut[11];
	struct lookup_opts o;
	size_t n;

	initial_state(settings_cases[0].argv, &o);
	n = lookup_format_settings(&o, "198.18.0.10", whole, sizeof(whole));
	ck_assert_uint_eq(n, strlen(want));

	memset(cut, 'X', sizeof(cut));
	ck_assert_uint_eq(lookup_format_settings(&o, "198.18.0.10", cut,
	    sizeof(cut)), n);
	ck_assert_str_eq(cut, "Default se");

	ck_assert_uint_eq(lookup_format_settings(&o, "198.18.0.10", NULL,
	    0), n);
}
END_TEST

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-';
}

/* name stands in the usage as a word of its own. */
static int
usage_has(const char *name)
{
	const char *p = lookup_usage;
	size_t len = strlen(name);

	while ((p = strstr(p, name)) != NULL) {
		if ((p == lookup_usage || p[-1] == '-' || !name_char(p[-1])) &&
		    !name_char(p[len]))
			return 1;
		p++;
	}
	return 0;
}

START_TEST(test_usage_names_every_option)
{
	const char *name;
	size_t i;

	for (i = 0; (name = lookup_option_name(i)) != NULL; i++)
		ck_assert_msg(usage_has(name), "usage lacks \"%s\"", name);
	ck_assert_uint_ge(i, 20);
}
END_TEST

/* Every -word the usage shows is one the parser takes. */
START_TEST(test_usage_options_parse)
{
	const char *p, *q;
	char word[64], err[CLI_ERR_MAX];
	char *argv[3] = { "lookup", word, NULL };
	struct lookup_opts o;
	int seen = 0;

	for (p = lookup_usage; (p = strchr(p, '-')) != NULL; p = q) {
		q = p + strspn(p, "-");
		if ((p > lookup_usage && name_char(p[-1])) || !name_char(*q))
			continue;
		while (name_char(*q))
			q++;
		snprintf(word, sizeof(word), "%.*s", (int)(q - p), p);

		err[0] = '\0';
		lookup_cli_parse(2, argv, &o, err, sizeof(err));
		ck_assert_msg(strstr(err, "unknown") == NULL &&
		    strstr(err, "too short") == NULL, "%s: %s", word, err);
		seen++;
	}
	ck_assert_int_ge(seen, 30);
}
END_TEST

START_TEST(test_usage_width)
{
	const char *p = lookup_usage, *nl;

	for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		ck_assert_msg(nl - p < 80, "usage line over 79: %.*s",
		    (int)(nl - p), p);
	ck_assert_str_eq(p, "");
}
END_TEST

/*
 * Input read line by line through a buffer of cap bytes: each read
 * written as "L:text", "E:error" or "END", joined by '|'.  A line of
 * "%N" in the input stands for N x's.
 */
static const struct {
	const char *input;
	size_t cap;
	const char *want;
} read_cases[] = {
	{ "mysql\nexit\n", 16, "L:mysql|L:exit|END" },
	{ "last line unended", 32, "L:last line unended|END" },
	{ "", 16, "END" },
	{ "fifteen chars..\nx\n", 16, "L:fifteen chars..|L:x|END" },
	{ "sixteen chars...\nx\n", 16,
	  "E:line too long: 16 characters, at most 255|L:x|END" },
	{ "%5000\nredis\n", 1024,
	  "E:line too long: 5000 characters, at most 255|L:redis|END" },
	{ "%2000", 1024,
	  "E:line too long: 2000 characters, at most 255|END" },
	{ "%1023\n", 1024, "L:%1023|END" },
};

/* The input with each "%N" expanded; the caller frees it. */
static char *
expand_xs(const char *in, size_t *len)
{
	char *out = malloc(8192);
	size_t o = 0, n;

	ck_assert_ptr_nonnull(out);
	while (*in != '\0') {
		if (*in != '%') {
			out[o++] = *in++;
			continue;
		}
		n = strtoul(in + 1, (char **)&in, 10);
		memset(out + o, 'x', n);
		o += n;
	}
	*len = o;
	return out;
}

START_TEST(test_read_table)
{
	char buf[1024], err[CLI_ERR_MAX], got[4096] = "";
	size_t len, wlen;
	char *text = expand_xs(read_cases[_i].input, &len);
	char *wtext = expand_xs(read_cases[_i].want, &wlen);
	FILE *in = fmemopen(text, len, "r");
	enum lookup_read r;

	ck_assert_ptr_nonnull(in);
	do {
		r = lookup_read_line(in, buf, read_cases[_i].cap, err,
		    sizeof(err));
		snprintf(got + strlen(got), sizeof(got) - strlen(got),
		    "%s%s%s", got[0] != '\0' ? "|" : "",
		    r == LREAD_LINE ? "L:" : r == LREAD_TOO_LONG ? "E:" :
		    "END", r == LREAD_LINE ? buf : r == LREAD_TOO_LONG ? err :
		    "");
	} while (r != LREAD_END);
	fclose(in);

	wtext[wlen] = '\0';
	ck_assert_str_eq(got, wtext);
	free(text);
	free(wtext);
}
END_TEST

Suite *
lookup_cli_suite(void)
{
	Suite *s = suite_create("lookup_cli");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_argv_table, 0, N(argv_cases));
	tcase_add_loop_test(tc, test_line_table, 0, N(line_cases));
	tcase_add_loop_test(tc, test_script_table, 0, N(script_cases));
	tcase_add_loop_test(tc, test_settings_table, 0, N(settings_cases));
	tcase_add_test(tc, test_settings_cut);
	tcase_add_loop_test(tc, test_read_table, 0, N(read_cases));
	tcase_add_test(tc, test_usage_names_every_option);
	tcase_add_test(tc, test_usage_options_parse);
	tcase_add_test(tc, test_usage_width);
	suite_add_tcase(s, tc);
	return s;
}
