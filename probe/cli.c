/*
 * Option parsing: one table for getopt_long, one bounded parser for
 * every number and duration, conflicts checked once after parsing.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define NS_PER_US	1000LL
#define NS_PER_MS	1000000LL
#define NS_PER_S	1000000000LL
#define MAX_COUNT	100000UL
#define MAX_DELAY_NS	(3600 * NS_PER_S)

const char cli_usage[] =
    "usage: probe [--tcp] -p PORT [-c COUNT] [--delay TIME] [-v]\n"
    "             [--resolv-conf FILE] TARGET\n"
    "       probe tcp -p PORT [options] TARGET\n"
    "\n"
    "  -p, --dest-port PORT    TCP port to probe (1-65535)\n"
    "  -c, --count COUNT       probes to send (1-100000, default 5)\n"
    "      --delay TIME        time between probes (default 1s)\n"
    "      --resolv-conf FILE  read FILE instead of /etc/resolv.conf\n"
    "  -v, --verbose           show every DNS query on stderr\n"
    "  -h, --help              this text\n"
    "  -V, --version           the version\n"
    "\n"
    "TIME is a number with an optional unit: us, ms, s (default), m.\n";

enum { OPT_DELAY = 256, OPT_RESOLV_CONF, OPT_TCP };

static const struct option long_options[] = {
	{ "tcp", no_argument, NULL, OPT_TCP },
	{ "dest-port", required_argument, NULL, 'p' },
	{ "count", required_argument, NULL, 'c' },
	{ "delay", required_argument, NULL, OPT_DELAY },
	{ "resolv-conf", required_argument, NULL, OPT_RESOLV_CONF },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static enum cli_status
fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum cli_status
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return CLI_ERROR;
}

int
cli_parse_number(const char *s, unsigned long min, unsigned long max,
    unsigned long *out)
{
	unsigned long v;
	char *end;

	if (s == NULL || !isdigit((unsigned char)s[0]))
		return -1;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;

	*out = v;
	return 0;
}

static int64_t
unit_scale(const char *unit)
{
	if (*unit == '\0' || strcmp(unit, "s") == 0)
		return NS_PER_S;
	if (strcmp(unit, "ms") == 0)
		return NS_PER_MS;
	if (strcmp(unit, "us") == 0)
		return NS_PER_US;
	if (strcmp(unit, "m") == 0)
		return 60 * NS_PER_S;
	return -1;
}

/*
 * Whole and fractional parts are read as integers so that "0.1s" is
 * exactly 100000000 ns, with no binary rounding on the way.
 */
int
cli_parse_duration(const char *s, int64_t min_ns, int64_t max_ns,
    int64_t *ns)
{
	int64_t whole = 0, frac = 0, frac_div = 1, scale, v;
	const char *p = s;

	if (s == NULL || !isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		if (whole > 1000000)
			return -1;
		whole = whole * 10 + (*p - '0');
	}
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++) {
			if (frac_div < NS_PER_S) {
				frac = frac * 10 + (*p - '0');
				frac_div *= 10;
			}
		}
	}

	scale = unit_scale(p);
	if (scale < 0)
		return -1;

	v = whole * scale + frac * scale / frac_div;
	if (v < min_ns || v > max_ns)
		return -1;
	*ns = v;
	return 0;
}

static void
set_defaults(struct probe_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->count = 5;
	o->delay_ns = NS_PER_S;
	o->wait_ns = NS_PER_S;
	o->resolv_conf = "/etc/resolv.conf";
}

static enum cli_status
take_option(int c, const char *arg, struct probe_opts *o, int *port_set,
    char *err, size_t errlen)
{
	unsigned long n;

	switch (c) {
	case OPT_TCP:
		return CLI_RUN;
	case 'p':
		if (cli_parse_number(arg, 1, 65535, &n) != 0)
			return fail(err, errlen, "bad port \"%s\": give a "
			    "number from 1 to 65535", arg);
		o->port = (uint16_t)n;
		*port_set = 1;
		return CLI_RUN;
	case 'c':
		if (cli_parse_number(arg, 1, MAX_COUNT, &n) != 0)
			return fail(err, errlen, "bad count \"%s\": give a "
			    "number from 1 to %lu", arg, MAX_COUNT);
		o->count = (unsigned)n;
		return CLI_RUN;
	case OPT_DELAY:
		if (cli_parse_duration(arg, 0, MAX_DELAY_NS, &o->delay_ns))
			return fail(err, errlen, "bad delay \"%s\": give a "
			    "time from 0 to 1h, such as 200ms or 1s", arg);
		return CLI_RUN;
	case OPT_RESOLV_CONF:
		o->resolv_conf = arg;
		return CLI_RUN;
	case 'v':
		o->verbose++;
		return CLI_RUN;
	case 'h':
		return CLI_HELP;
	case 'V':
		return CLI_VERSION;
	default:
		return fail(err, errlen, "unknown option: see probe --help");
	}
}

static enum cli_status
check_operands(int argc, char **argv, int first, int port_set,
    struct probe_opts *o, char *err, size_t errlen)
{
	if (first >= argc)
		return fail(err, errlen, "no target given: name a host or "
		    "address, e.g. probe --tcp -p 3306 mysql");
	if (argc - first > 1)
		return fail(err, errlen, "one target only, got \"%s\" and "
		    "\"%s\"", argv[first], argv[first + 1]);
	if (!port_set)
		return fail(err, errlen, "no port given for %s: add -p PORT",
		    argv[first]);
	if (argv[first][0] == '\0')
		return fail(err, errlen, "empty target name");

	o->target = argv[first];
	return CLI_RUN;
}

enum cli_status
cli_parse(int argc, char **argv, struct probe_opts *opts, char *err,
    size_t errlen)
{
	struct probe_opts o;
	enum cli_status st;
	int c, port_set = 0;

	set_defaults(&o);
	if (argc > 1 && strcmp(argv[1], "tcp") == 0) {
		argv++;
		argc--;
	}

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":p:c:vhV", long_options,
	    NULL)) != -1) {
		if (c == '?' || c == ':')
			return fail(err, errlen, "%s option \"%s\": see "
			    "probe --help", c == '?' ? "unknown" :
			    "missing value for", argv[optind - 1]);
		st = take_option(c, optarg, &o, &port_set, err, errlen);
		if (st != CLI_RUN)
			return st;
	}

	st = check_operands(argc, argv, optind, port_set, &o, err, errlen);
	if (st == CLI_RUN)
		*opts = o;
	return st;
}
