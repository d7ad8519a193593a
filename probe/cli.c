/*
 * Option parsing: one table for getopt_long, one bounded parser for
 * every number and duration, conflicts checked once after parsing.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/socket.h>
#include <string.h>

#include "cli.h"
#include "resolvconf.h"

#define NS_PER_US	1000LL
#define NS_PER_MS	1000000LL
#define NS_PER_S	1000000000LL
#define MAX_COUNT	100000UL
#define MAX_DELAY_NS	(3600 * NS_PER_S)

const char cli_usage[] =
    "usage: probe [--tcp] [-p PORTS] [options] TARGET...\n"
    "       probe tcp [-p PORTS] [options] TARGET...\n"
    "       probe check [options] TARGET[:PORT]...\n"
    "       probe lookup [options] [NAME [SERVER]]\n"
    "\n"
    "  -p, --dest-port PORTS   ports: 3306, 3306,6379 or 8000-8010;\n"
    "                          without it, {SVC}_SERVICE_PORT, or --srv\n"
    "      --srv PORTNAME      port from the SRV record _PORTNAME._tcp\n"
    "  -c, --count COUNT       rounds of probes (1-100000, default 5)\n"
    "      --delay TIME        time between probes (default 1s)\n"
    "      --rate N            probes a second (1-1000000), for --delay\n"
    "      --timeout TIME      wait for each reply (default 1s)\n"
    "  -4, -6                  IPv4 or IPv6 addresses only\n"
    "      --first             only the first address of each name\n"
    "      --tcp-connect       connect() probes, no raw packets\n"
    "  -g, --source-port PORT  source port of every probe\n"
    "      --ttl N             IP time to live or hop limit (1-255)\n"
    "      --win N             TCP window (0-65535, default 1480)\n"
    "      --seq N             TCP sequence number of every probe\n"
    "      --flags FLAGS       TCP flags, SYN among them: syn,ece or SE\n"
    "      --data-length N     payload bytes (0-1400)\n"
    "  -e, --interface IF      capture on IF and send through it\n"
    "  -S, --source-ip ADDR    source address of the probes\n"
    "  -o, --output FORMAT     text, json, prometheus or nagios\n"
    "      --json              the same as -o json\n"
    "  -H, --hide-sent         no SENT lines\n"
    "  -q, --quiet             no packet lines; twice: verdicts only\n"
    "  -v, --verbose           DNS queries; twice: ignored packets\n"
    "      --resolv-conf FILE  read FILE instead of /etc/resolv.conf\n"
    "      --user NAME         user to run as once the sockets are open\n"
    "  -h, --help              this text\n"
    "  -V, --version           the version\n"
    "\n"
    "TIME is a number with an optional unit: us, ms, s (default), m, h.\n"
    "probe check --help and probe lookup --help tell the other modes.\n";

enum {
	OPT_DELAY = 256, OPT_RESOLV_CONF, OPT_TCP, OPT_RATE, OPT_TIMEOUT,
	OPT_FIRST, OPT_TCP_CONNECT, OPT_TTL, OPT_WIN, OPT_SEQ, OPT_FLAGS,
	OPT_DATA_LENGTH, OPT_JSON, OPT_USER, OPT_SRV,
};

static const struct option long_options[] = {
	{ "tcp", no_argument, NULL, OPT_TCP },
	{ "dest-port", required_argument, NULL, 'p' },
	{ "srv", required_argument, NULL, OPT_SRV },
	{ "count", required_argument, NULL, 'c' },
	{ "delay", required_argument, NULL, OPT_DELAY },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "first", no_argument, NULL, OPT_FIRST },
	{ "tcp-connect", no_argument, NULL, OPT_TCP_CONNECT },
	{ "source-port", required_argument, NULL, 'g' },
	{ "ttl", required_argument, NULL, OPT_TTL },
	{ "win", required_argument, NULL, OPT_WIN },
	{ "seq", required_argument, NULL, OPT_SEQ },
	{ "flags", required_argument, NULL, OPT_FLAGS },
	{ "data-length", required_argument, NULL, OPT_DATA_LENGTH },
	{ "interface", required_argument, NULL, 'e' },
	{ "source-ip", required_argument, NULL, 'S' },
	{ "output", required_argument, NULL, 'o' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "hide-sent", no_argument, NULL, 'H' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "resolv-conf", required_argument, NULL, OPT_RESOLV_CONF },
	{ "user", required_argument, NULL, OPT_USER },
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
cli_control_byte(const char *s, const char *allowed)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 || *p == 0x7f) && strchr(allowed, *p) == NULL)
			return *p;
	return -1;
}

enum cli_status
cli_check_words(int argc, char **argv, char *err, size_t errlen)
{
	int i, c;

	for (i = 1; i < argc; i++) {
		c = cli_control_byte(argv[i], "");
		if (c >= 0)
			return fail(err, errlen, "argument %d has a control "
			    "character (0x%02x): remove it", i, c);
	}
	return CLI_RUN;
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
	if (strcmp(unit, "h") == 0)
		return 3600 * NS_PER_S;
	return -1;
}

/*
 * Whole and fractional parts are read as integers so that "0.1s" is
 * exactly 100000000 ns, with no binary rounding on the way.  The
 * fraction is scaled in two parts, quotient and remainder, because
 * nine digits of it times a minute in ns are past what 64 bits hold.
 */
int
cli_parse_duration(const char *s, int64_t min_ns, int64_t max_ns,
    int64_t *ns)
{
	int64_t whole = 0, frac = 0, frac_div = 1, scale, q, r, v;
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

	q = scale / frac_div;
	r = scale % frac_div;
	v = whole * scale + frac * q + frac * r / frac_div;
	if (v < min_ns || v > max_ns)
		return -1;
	*ns = v;
	return 0;
}

/* One range "N" or "N-M" of a port list. */
static int
add_range(const char *word, struct probe_opts *o)
{
	unsigned long lo, hi;
	char buf[16], *dash;

	if (strlen(word) >= sizeof(buf) || o->nranges >= CLI_RANGE_CAP)
		return -1;
	snprintf(buf, sizeof(buf), "%s", word);
	dash = strchr(buf, '-');
	if (dash != NULL)
		*dash++ = '\0';
	if (cli_parse_number(buf, 1, 65535, &lo) != 0)
		return -1;
	hi = lo;
	if (dash != NULL && (cli_parse_number(dash, lo, 65535, &hi) != 0))
		return -1;

	o->ports[o->nranges].lo = (uint16_t)lo;
	o->ports[o->nranges].hi = (uint16_t)hi;
	o->nranges++;
	o->nports += hi - lo + 1;
	return 0;
}

int
cli_parse_ports(const char *s, struct probe_opts *o)
{
	char buf[512], *word, *save = NULL;

	/* strtok_r would pass over the empty words of ",80" and "80,,81". */
	if (s == NULL || s[0] == '\0' || s[0] == ',' ||
	    strstr(s, ",,") != NULL || strlen(s) >= sizeof(buf))
		return -1;
	snprintf(buf, sizeof(buf), "%s", s);
	o->nranges = 0;
	o->nports = 0;
	for (word = strtok_r(buf, ",", &save); word != NULL;
	    word = strtok_r(NULL, ",", &save))
		if (add_range(word, o) != 0)
			return -1;
	return o->nranges > 0 && s[strlen(s) - 1] != ',' ? 0 : -1;
}

static const struct {
	const char *name;
	char letter;
	uint8_t bit;
} flag_names[] = {
	{ "syn", 'S', 0x02 }, { "fin", 'F', 0x01 }, { "rst", 'R', 0x04 },
	{ "psh", 'P', 0x08 }, { "ack", 'A', 0x10 }, { "urg", 'U', 0x20 },
	{ "ece", 'E', 0x40 }, { "cwr", 'C', 0x80 },
};

#define NFLAGS	(sizeof(flag_names) / sizeof(flag_names[0]))

static int
flag_by_name(const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < NFLAGS; i++)
		if (len == 3 && strncasecmp(word, flag_names[i].name, 3) == 0)
			return flag_names[i].bit;
	return -1;
}

static int
flag_by_letter(char c)
{
	size_t i;

	for (i = 0; i < NFLAGS; i++)
		if (c == flag_names[i].letter)
			return flag_names[i].bit;
	return -1;
}

static int
flags_from_names(const char *s)
{
	size_t i = 0, len;
	int bit, f = 0;

	while (s[i] != '\0') {
		len = strcspn(s + i, ",");
		bit = flag_by_name(s + i, len);
		if (bit < 0)
			return -1;
		f |= bit;
		i += len;
		if (s[i] == ',' && s[++i] == '\0')
			return -1;
	}
	return f;
}

static int
flags_from_letters(const char *s)
{
	int bit, f = 0;

	for (; *s != '\0'; s++) {
		bit = flag_by_letter(*s);
		if (bit < 0)
			return -1;
		f |= bit;
	}
	return f;
}

/* "SA" is letters; "syn,ack" is names; "0x12" is the byte itself. */
int
cli_parse_flags(const char *s, uint8_t *flags)
{
	unsigned long v;
	int f;

	if (s == NULL || s[0] == '\0')
		return -1;
	if (strncmp(s, "0x", 2) == 0) {
		if (s[2] == '\0' || strlen(s) > 4 ||
		    strspn(s + 2, "0123456789abcdefABCDEF") != strlen(s + 2))
			return -1;
		v = strtoul(s + 2, NULL, 16);
		*flags = (uint8_t)v;
		return 0;
	}

	if (strchr(s, ',') != NULL || flag_by_name(s, strlen(s)) >= 0)
		f = flags_from_names(s);
	else
		f = flags_from_letters(s);
	if (f < 0)
		return -1;
	*flags = (uint8_t)f;
	return 0;
}

static void
set_defaults(struct probe_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->count = 5;
	o->delay_ns = NS_PER_S;
	o->wait_ns = NS_PER_S;
	o->sport = -1;
	o->ttl = 64;
	o->win = 1480;
	o->seq = -1;
	o->flags = 0x02;
	o->resolv_conf = RESOLV_CONF_PATH;
	o->user = "nobody";
}

#define BAD_NUMBER(what, lo, hi)					\
	fail(err, errlen, "bad " what " \"%s\": give a number from %lu " \
	    "to %lu", arg, (unsigned long)(lo), (unsigned long)(hi))

struct parse_state {
	int port_set, delay_set, rate_set;
};

/* The options that shape the schedule and the choice of addresses. */
static enum cli_status
take_schedule(int c, const char *arg, struct probe_opts *o,
    struct parse_state *ps, char *err, size_t errlen)
{
	unsigned long n;

	switch (c) {
	case 'c':
		if (cli_parse_number(arg, 1, MAX_COUNT, &n) != 0)
			return BAD_NUMBER("count", 1, MAX_COUNT);
		o->count = (unsigned)n;
		return CLI_RUN;
	case OPT_DELAY:
		if (cli_parse_duration(arg, 0, MAX_DELAY_NS, &o->delay_ns))
			return fail(err, errlen, "bad delay \"%s\": give a "
			    "time from 0 to 1h, such as 200ms or 1s", arg);
		ps->delay_set = 1;
		return CLI_RUN;
	case OPT_RATE:
		if (cli_parse_number(arg, 1, 1000000, &n) != 0)
			return BAD_NUMBER("rate", 1, 1000000);
		o->delay_ns = NS_PER_S / (int64_t)n;
		ps->rate_set = 1;
		return CLI_RUN;
	case OPT_TIMEOUT:
		if (cli_parse_duration(arg, NS_PER_MS, MAX_DELAY_NS,
		    &o->wait_ns))
			return fail(err, errlen, "bad timeout \"%s\": give a "
			    "time from 1ms to 1h, such as 500ms", arg);
		return CLI_RUN;
	default:
		return CLI_ERROR;
	}
}

static enum cli_status
take_source(const char *arg, struct probe_opts *o, char *err,
    size_t errlen)
{
	unsigned char buf[sizeof(struct in6_addr)];

	if (inet_pton(AF_INET, arg, buf) != 1 &&
	    inet_pton(AF_INET6, arg, buf) != 1)
		return fail(err, errlen, "bad source address \"%s\": give an "
		    "IPv4 or IPv6 address of this host", arg);
	o->source_ip = arg;
	return CLI_RUN;
}

/* The fields of the packets themselves. */
static enum cli_status
take_packet(int c, const char *arg, struct probe_opts *o, char *err,
    size_t errlen)
{
	unsigned long n;

	switch (c) {
	case 'g':
		if (cli_parse_number(arg, 1, 65535, &n) != 0)
			return BAD_NUMBER("source port", 1, 65535);
		o->sport = (int32_t)n;
		return CLI_RUN;
	case OPT_TTL:
		if (cli_parse_number(arg, 1, 255, &n) != 0)
			return BAD_NUMBER("ttl", 1, 255);
		o->ttl = (uint8_t)n;
		return CLI_RUN;
	case OPT_WIN:
		if (cli_parse_number(arg, 0, 65535, &n) != 0)
			return BAD_NUMBER("window", 0, 65535);
		o->win = (uint16_t)n;
		return CLI_RUN;
	case OPT_SEQ:
		if (cli_parse_number(arg, 0, 4294967295UL, &n) != 0)
			return BAD_NUMBER("sequence number", 0, 4294967295UL);
		o->seq = (int64_t)n;
		return CLI_RUN;
	case OPT_DATA_LENGTH:
		if (cli_parse_number(arg, 0, 1400, &n) != 0)
			return BAD_NUMBER("data length", 0, 1400);
		o->data_len = (uint16_t)n;
		return CLI_RUN;
	case OPT_FLAGS:
		if (cli_parse_flags(arg, &o->flags) != 0)
			return fail(err, errlen, "bad flags \"%s\": give names"
			    " such as syn,ece or letters such as SE", arg);
		return CLI_RUN;
	default:
		return CLI_ERROR;
	}
}

int
cli_parse_output(const char *s, enum output_format *out)
{
	static const char *const names[] = {
		"text", "json", "prometheus", "nagios",
	};
	size_t i;

	for (i = 0; s != NULL && i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (enum output_format)i;
			return 0;
		}
	}
	return -1;
}

enum cli_status
cli_take_family(int c, struct probe_opts *o, char *err, size_t errlen)
{
	int family = c == '4' ? AF_INET : AF_INET6;

	if (o->family != 0 && o->family != family)
		return fail(err, errlen, "-4 and -6 exclude each other: give "
		    "one");
	o->family = family;
	return CLI_RUN;
}

/* The options only a raw probe can honour, as the user knows them. */
static const char *
raw_only_name(int c)
{
	switch (c) {
	case 'g':		return "-g";
	case 'S':		return "-S";
	case 'e':		return "-e";
	case OPT_TTL:		return "--ttl";
	case OPT_WIN:		return "--win";
	case OPT_SEQ:		return "--seq";
	case OPT_FLAGS:		return "--flags";
	case OPT_DATA_LENGTH:	return "--data-length";
	default:		return NULL;
	}
}

static enum cli_status
take_option(int c, const char *arg, struct probe_opts *o,
    struct parse_state *ps, char *err, size_t errlen)
{
	if (o->raw_option == NULL)
		o->raw_option = raw_only_name(c);

	switch (c) {
	case OPT_TCP:
		return CLI_RUN;
	case 'p':
		if (cli_parse_ports(arg, o) != 0)
			return fail(err, errlen, "bad port \"%s\": give "
			    "numbers from 1 to 65535, such as 80 or 80,443 or "
			    "8000-8010", arg);
		ps->port_set = 1;
		return CLI_RUN;
	case '4':
	case '6':
		return cli_take_family(c, o, err, errlen);
	case OPT_FIRST:		o->first = 1;		return CLI_RUN;
	case OPT_TCP_CONNECT:	o->tcp_connect = 1;	return CLI_RUN;
	case 'H':		o->hide_sent = 1;	return CLI_RUN;
	case 'q':		o->quiet++;		return CLI_RUN;
	case 'v':		o->verbose++;		return CLI_RUN;
	case 'e':		o->iface = arg;		return CLI_RUN;
	case 'S':		return take_source(arg, o, err, errlen);
	case OPT_RESOLV_CONF:	o->resolv_conf = arg;	return CLI_RUN;
	case OPT_USER:		o->user = arg;		return CLI_RUN;
	case OPT_SRV:		o->srv_name = arg;	return CLI_RUN;
	case OPT_JSON:		o->output = OUTPUT_JSON; return CLI_RUN;
	case 'o':
		if (cli_parse_output(arg, &o->output) != 0)
			return fail(err, errlen, "bad output format \"%s\": "
			    "give text, json, prometheus or nagios", arg);
		return CLI_RUN;
	case 'h':		return CLI_HELP;
	case 'V':		return CLI_VERSION;
	case 'c': case OPT_DELAY: case OPT_RATE: case OPT_TIMEOUT:
		return take_schedule(c, arg, o, ps, err, errlen);
	default:
		return take_packet(c, arg, o, err, errlen);
	}
}

static enum cli_status
check_targets(int argc, char **argv, int first, struct probe_opts *o,
    char *err, size_t errlen)
{
	int i;

	if (first >= argc)
		return fail(err, errlen, "no target given: name a host or "
		    "address, e.g. probe --tcp -p 3306 mysql");
	if (argc - first > CLI_TARGET_CAP)
		return fail(err, errlen, "too many targets: %d, at most %d",
		    argc - first, CLI_TARGET_CAP);
	for (i = first; i < argc; i++) {
		if (argv[i][0] == '\0')
			return fail(err, errlen, "empty target name: give a "
			    "host name or an address");
		o->targets[o->ntargets++] = argv[i];
	}
	return CLI_RUN;
}

/* Conflicts between options, each with its own message. */
static enum cli_status
check_conflicts(const struct probe_opts *o, const struct parse_state *ps,
    char *err, size_t errlen)
{
	if (ps->rate_set && ps->delay_set)
		return fail(err, errlen, "--rate and --delay both set the time"
		    " between probes: give one");
	if (!(o->flags & 0x02))
		return fail(err, errlen, "--flags must include SYN: replies "
		    "are matched as answers to a SYN");
	if (o->tcp_connect && o->raw_option != NULL)
		return fail(err, errlen, "--tcp-connect lets the kernel build "
		    "the packets: drop %s", o->raw_option);
	if ((unsigned long)o->count * o->nports * o->ntargets > 10000000UL)
		return fail(err, errlen, "too many probes: count times ports "
		    "times targets is over 10000000");
	return CLI_RUN;
}

/*
 * getopt_long moves past a long option at once but not always past a
 * short one, and may have moved the operands under it: the word it
 * stopped at is argv[optind - 1] for a long option, the letter for a
 * short one.
 */
enum cli_status
cli_bad_option(int c, char **argv, const char *help, char *err,
    size_t errlen)
{
	const char *what = c == '?' ? "unknown" : "missing value for";
	const char *word = optind > 0 ? argv[optind - 1] : "";

	if (strncmp(word, "--", 2) != 0 && optopt > 0 && optopt < 128)
		return fail(err, errlen, "%s option \"-%c\": see %s", what,
		    optopt, help);
	return fail(err, errlen, "%s option \"%s\": see %s", what, word,
	    help);
}

enum cli_status
cli_parse(int argc, char **argv, struct probe_opts *opts, char *err,
    size_t errlen)
{
	struct probe_opts o;
	struct parse_state ps = { 0, 0, 0 };
	enum cli_status st;
	int c;

	set_defaults(&o);
	if (argc > 1 && strcmp(argv[1], "tcp") == 0) {
		argv++;
		argc--;
	}

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":p:c:g:e:S:o:46HqvhV",
	    long_options, NULL)) != -1) {
		if (c == '?' || c == ':')
			return cli_bad_option(c, argv, "probe --help", err,
			    errlen);
		st = take_option(c, optarg, &o, &ps, err, errlen);
		if (st != CLI_RUN)
			return st;
	}

	st = check_targets(argc, argv, optind, &o, err, errlen);
	if (st == CLI_RUN)
		st = check_conflicts(&o, &ps, err, errlen);
	if (st == CLI_RUN)
		*opts = o;
	return st;
}
