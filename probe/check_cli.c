/*
 * The command line of "probe check": health checks of many endpoints at
 * once, one SYN an attempt, stopping at the first answer.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cli.h"
#include "resolvconf.h"

#define NS_PER_MS	1000000LL
#define NS_PER_S	1000000000LL
#define FILE_MAX	(1024 * 1024)
#define TARGET_WORD_MAX	256

const char check_usage[] =
    "usage: probe check [options] TARGET[:PORT]...\n"
    "\n"
    "  -f, --file FILE         targets, one a line; # starts a comment\n"
    "  -p, --dest-port PORT    port of targets given without one\n"
    "      --srv NAME          else the port of _NAME._tcp.SERVICE\n"
    "      --attempts N        SYNs an endpoint at most (1-10, default 3)\n"
    "      --timeout TIME      wait for each (default 1s)\n"
    "      --rate N            SYNs a second (1-1000000, default 1000)\n"
    "  -o, --output FORMAT     text, json, prometheus or nagios\n"
    "      --json              the same as -o json\n"
    "  -w, --warning RTT,LOSS% nagios warning: ms and percent\n"
    "  -c, --critical RTT,LOSS% nagios critical\n"
    "  -4, -6                  IPv4 or IPv6 addresses only\n"
    "      --first             only the first address of each name\n"
    "      --tcp-connect       connect() probes, no raw packets\n"
    "  -v, --verbose           packet lines and DNS queries too\n"
    "      --resolv-conf FILE  read FILE instead of /etc/resolv.conf\n"
    "      --user NAME         user to run as once the sockets are open\n"
    "  -h, --help              this text\n"
    "\n"
    "A target without a port takes it from -p, else from the service's\n"
    "{SVC}_SERVICE_PORT variable, else from --srv.\n";

enum {
	OPT_SRV = 256, OPT_ATTEMPTS, OPT_TIMEOUT, OPT_RATE, OPT_JSON,
	OPT_FIRST, OPT_TCP_CONNECT, OPT_RESOLV_CONF, OPT_USER,
};

static const struct option check_options[] = {
	{ "file", required_argument, NULL, 'f' },
	{ "dest-port", required_argument, NULL, 'p' },
	{ "srv", required_argument, NULL, OPT_SRV },
	{ "attempts", required_argument, NULL, OPT_ATTEMPTS },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "output", required_argument, NULL, 'o' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "warning", required_argument, NULL, 'w' },
	{ "critical", required_argument, NULL, 'c' },
	{ "first", no_argument, NULL, OPT_FIRST },
	{ "tcp-connect", no_argument, NULL, OPT_TCP_CONNECT },
	{ "verbose", no_argument, NULL, 'v' },
	{ "resolv-conf", required_argument, NULL, OPT_RESOLV_CONF },
	{ "user", required_argument, NULL, OPT_USER },
	{ "help", no_argument, NULL, 'h' },
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

static void
check_defaults(struct probe_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->check_mode = 1;
	o->count = 3;
	o->delay_ns = NS_PER_S / 1000;
	o->wait_ns = NS_PER_S;
	o->quiet = 1;
	o->sport = -1;
	o->ttl = 64;
	o->win = 1480;
	o->seq = -1;
	o->flags = 0x02;
	o->resolv_conf = RESOLV_CONF_PATH;
	o->user = "nobody";
}

int
cli_split_target(const char *word, char *host, size_t cap, uint16_t *port)
{
	const char *colon, *end = word + strlen(word);
	unsigned long n;

	*port = 0;
	if (word[0] == '[') {
		end = strchr(word, ']');
		if (end == NULL || (end[1] != '\0' && end[1] != ':'))
			return -1;
		colon = end[1] == ':' ? end + 1 : NULL;
		word++;
	} else {
		colon = strchr(word, ':');
		if (colon != NULL && strchr(colon + 1, ':') != NULL)
			colon = NULL;
		if (colon != NULL)
			end = colon;
	}

	if (end == word || (size_t)(end - word) >= cap)
		return -1;
	memcpy(host, word, (size_t)(end - word));
	host[end - word] = '\0';
	if (colon == NULL)
		return 0;
	if (cli_parse_number(colon + 1, 1, 65535, &n) != 0)
		return -1;
	*port = (uint16_t)n;
	return 0;
}

static int
add_target(struct probe_opts *o, const char *word, char *err,
    size_t errlen)
{
	char host[TARGET_WORD_MAX];
	uint16_t port;

	if (o->ntargets >= CLI_TARGET_CAP) {
		fail(err, errlen, "too many targets: at most %d",
		    CLI_TARGET_CAP);
		return -1;
	}
	if (cli_split_target(word, host, sizeof(host), &port) != 0) {
		fail(err, errlen, "bad target \"%s\": give NAME, NAME:PORT, "
		    "ADDRESS:PORT or [IPV6]:PORT", word);
		return -1;
	}
	o->targets[o->ntargets++] = word;
	return 0;
}

/* One line of the file: a target, blanks around it, or a # comment. */
static int
take_line(struct probe_opts *o, char *line, const char *path, int n,
    char *err, size_t errlen)
{
	char *end;

	line[strcspn(line, "#")] = '\0';
	line += strspn(line, " \t\r");
	end = line + strcspn(line, " \t\r");
	if (*end != '\0' && end[strspn(end, " \t\r")] != '\0') {
		fail(err, errlen, "%s line %d: \"%s\" holds more than one "
		    "target: one a line", path, n, line);
		return -1;
	}
	*end = '\0';
	if (*line == '\0')
		return 0;
	return add_target(o, line, err, errlen);
}

static int
take_lines(struct probe_opts *o, char *text, const char *path, char *err,
    size_t errlen)
{
	char *line = text, *nl;
	int n = 1;

	for (; line != NULL; line = nl, n++) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl++ = '\0';
		if (take_line(o, line, path, n, err, errlen) != 0)
			return -1;
	}
	return 0;
}

static int
read_targets(struct probe_opts *o, const char *path, char *err,
    size_t errlen)
{
	FILE *f = fopen(path, "r");
	size_t len;

	if (f == NULL) {
		fail(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	free(o->file_text);
	o->file_text = malloc(FILE_MAX + 1);
	if (o->file_text == NULL) {
		fclose(f);
		fail(err, errlen, "out of memory reading %s", path);
		return -1;
	}
	len = fread(o->file_text, 1, FILE_MAX + 1, f);
	fclose(f);
	if (len > FILE_MAX || memchr(o->file_text, '\0', len) != NULL) {
		fail(err, errlen, "%s is not a list of targets: over 1 MiB or"
		    " binary", path);
		return -1;
	}
	o->file_text[len] = '\0';
	return take_lines(o, o->file_text, path, err, errlen);
}

#define BAD_NUMBER(what, lo, hi)					\
	fail(err, errlen, "bad " what " \"%s\": give a number from %d to " \
	    "%d", arg, (lo), (hi))

static enum cli_status
take_number(int c, const char *arg, struct probe_opts *o, char *err,
    size_t errlen)
{
	unsigned long n;

	switch (c) {
	case 'p':
		if (cli_parse_ports(arg, o) != 0 || o->nports != 1)
			return BAD_NUMBER("port", 1, 65535);
		return CLI_RUN;
	case OPT_ATTEMPTS:
		if (cli_parse_number(arg, 1, 10, &n) != 0)
			return BAD_NUMBER("attempts", 1, 10);
		o->count = (unsigned)n;
		return CLI_RUN;
	case OPT_RATE:
		if (cli_parse_number(arg, 1, 1000000, &n) != 0)
			return BAD_NUMBER("rate", 1, 1000000);
		o->delay_ns = NS_PER_S / (int64_t)n;
		return CLI_RUN;
	default:
		if (cli_parse_duration(arg, NS_PER_MS, 3600 * NS_PER_S,
		    &o->wait_ns) != 0)
			return fail(err, errlen, "bad timeout \"%s\": give a "
			    "time from 1ms to 1h, such as 500ms", arg);
		return CLI_RUN;
	}
}

static enum cli_status
take_check_option(int c, const char *arg, struct probe_opts *o,
    char *err, size_t errlen)
{
	switch (c) {
	case 'f':
		return read_targets(o, arg, err, errlen) == 0 ? CLI_RUN :
		    CLI_ERROR;
	case 'o':
		if (cli_parse_output(arg, &o->output) != 0)
			return fail(err, errlen, "bad output format \"%s\": "
			    "give text, json, prometheus or nagios", arg);
		return CLI_RUN;
	case OPT_JSON:		o->output = OUTPUT_JSON;	return CLI_RUN;
	case 'w':		o->warn = arg;			return CLI_RUN;
	case 'c':		o->crit = arg;			return CLI_RUN;
	case OPT_SRV:		o->srv_name = arg;		return CLI_RUN;
	case '4':
	case '6':	return cli_take_family(c, o, err, errlen);
	case OPT_FIRST:		o->first = 1;			return CLI_RUN;
	case OPT_TCP_CONNECT:	o->tcp_connect = 1;		return CLI_RUN;
	case 'v':		o->verbose++; o->quiet = 0;	return CLI_RUN;
	case OPT_RESOLV_CONF:	o->resolv_conf = arg;		return CLI_RUN;
	case OPT_USER:		o->user = arg;			return CLI_RUN;
	case 'h':		return CLI_HELP;
	default:
		return take_number(c, arg, o, err, errlen);
	}
}

static enum cli_status
parse_words(int argc, char **argv, int first, struct probe_opts *o,
    char *err, size_t errlen)
{
	int i;

	for (i = first; i < argc; i++)
		if (add_target(o, argv[i], err, errlen) != 0)
			return CLI_ERROR;
	if (o->ntargets == 0)
		return fail(err, errlen, "no target given: name endpoints, "
		    "e.g. probe check mysql:3306 redis:6379, or --file");
	return CLI_RUN;
}

enum cli_status
check_cli_parse(int argc, char **argv, struct probe_opts *opts, char *err,
    size_t errlen)
{
	struct probe_opts o;
	enum cli_status st = CLI_RUN;
	int c;

	check_defaults(&o);
	optind = 0;
	opterr = 0;
	while (st == CLI_RUN && (c = getopt_long(argc, argv,
	    ":f:p:o:w:c:46vh", check_options, NULL)) != -1) {
		if (c == '?' || c == ':')
			st = cli_bad_option(c, argv, "probe check --help",
			    err, errlen);
		else
			st = take_check_option(c, optarg, &o, err, errlen);
	}

	if (st == CLI_RUN)
		st = parse_words(argc, argv, optind, &o, err, errlen);
	if (st == CLI_RUN && (o.warn != NULL || o.crit != NULL) &&
	    o.output != OUTPUT_NAGIOS)
		st = fail(err, errlen, "-w and -c are thresholds of -o nagios: "
		    "add -o nagios (the attempts are --attempts)");
	if (st == CLI_RUN) {
		*opts = o;
		return st;
	}
	free(o.file_text);
	o.file_text = NULL;
	return st;
}
