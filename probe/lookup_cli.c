/*
 * The lookup command line and nslookup's interactive commands share one
 * option table: "-type=mx" on the command line and "set type=mx" at the
 * prompt go through the same name matching and the same value parsers,
 * so the two never accept different things.  The words are matched by
 * hand: getopt_long_only takes "-type=srv", but it matches case exactly
 * and rejects "-t=2" as ambiguous, where nslookup ignores case and
 * reads "t" as timeout though type and trace begin with it too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "lookup_cli.h"
#include "resolvconf.h"

#define N(a)		(sizeof(a) / sizeof((a)[0]))
#define DEFAULT_PORT	53
#define MAX_TIMEOUT_S	300
#define MAX_TRIES	10
#define MAX_NDOTS	15	/* glibc's RES_MAXNDOTS, resolv.conf(5) */
#define SEPARATORS	" \t\r\n"	/* where nslookup splits a line */
#define MAX_WORDS	4	/* the longest command has 3: one more is
				 * enough to say there are too many */
#define CELL_WIDTH	20
#define COMMAND_LIST	"commands: NAME [SERVER], server [ADDR], " \
			"lserver [ADDR], set OPTION[=VALUE], set all, exit"
#define TYPE_LIST	"A, AAAA, CNAME, MX, NS, PTR, SOA, SRV, TXT, ANY " \
			"or TYPEnnn"

const char lookup_usage[] =
    "usage: probe lookup [options] [NAME [SERVER]]\n"
    "       probe lookup [options] - [SERVER]\n"
    "       nslookup [options] [NAME | -] [SERVER]\n"
    "\n"
    "With no NAME, or with \"-\", commands are read from standard input.\n"
    "Options take nslookup's form, -type=mx, or the long one, --type mx;\n"
    "the prefixes nslookup takes will do, as -ty=mx, -q=mx or -t=2.\n"
    "\n"
    "  -type=TYPE, -querytype=TYPE\n"
    "                      A, AAAA, CNAME, MX, NS, PTR, SOA, SRV, TXT, ANY\n"
    "                      or TYPEnnn (default: A and AAAA)\n"
    "  -port=PORT          server port (1-65535, default 53)\n"
    "  -timeout=SECONDS    wait for a reply to one try (1-300)\n"
    "  -retry=TRIES        tries in all, as resolv.conf's attempts (0-10)\n"
    "  -ndots=N            dots that make a name asked as is first (0-15)\n"
    "  -domain=DOMAIN      search DOMAIN alone, not resolv.conf's list\n"
    "  -search, -nosearch  walk the search list (default) or not\n"
    "  -recurse, -norecurse\n"
    "                      ask for recursion (default) or not\n"
    "  -vc, -novc          TCP from the start, or UDP first (default)\n"
    "  -debug, -nodebug\n"
    "                      show replies whole as nslookup does (-d2, -nod2)\n"
    "  -trace, -notrace    show each search-list step and its outcome\n"
    "  -parallel, -noparallel\n"
    "                      ask every search candidate at once\n"
    "  -libc=glibc|musl    walk the list by this libc's rules (glibc)\n"
    "  -resolv-conf=FILE   read FILE instead of /etc/resolv.conf\n"
    "  -show-config        show what resolv.conf says and how it is read\n"
    "  -h, -help           this text\n"
    "  -V, -version        the version\n"
    "\n"
    "Timeout, retry and ndots come from resolv.conf unless given.\n"
    "At the prompt: NAME, or NAME SERVER to ask SERVER this once;\n"
    "server ADDR or lserver ADDR to change servers, server alone to show\n"
    "it; set OPTION[=VALUE] with the options above but -resolv-conf,\n"
    "-show-config, -help and -version; set all to list them; exit.\n"
    "A word that begins with # starts a comment.\n";

typedef int (*setter_fn)(struct lookup_opts *, const char *, char *,
    size_t);

enum opt_kind { K_FLAG, K_VALUE, K_ALL, K_HELP, K_VERSION };
enum opt_where { ANYWHERE, ARGV_ONLY, PROMPT_ONLY };

struct opt_def {
	const char *name;
	size_t abbrev;		/* shortest prefix taken; 0: the name */
	enum opt_where where;
	enum opt_kind kind;
	char short_name;	/* "-h", "-V": exact case, alone */
	size_t field;		/* K_FLAG: offset of the int it sets */
	int value;		/* K_FLAG: what it sets that int to */
	setter_fn set;		/* K_VALUE */
};

static int set_type(struct lookup_opts *, const char *, char *, size_t);
static int set_port(struct lookup_opts *, const char *, char *, size_t);
static int set_timeout(struct lookup_opts *, const char *, char *,
    size_t);
static int set_retry(struct lookup_opts *, const char *, char *, size_t);
static int set_ndots(struct lookup_opts *, const char *, char *, size_t);
static int set_domain(struct lookup_opts *, const char *, char *,
    size_t);
static int set_libc(struct lookup_opts *, const char *, char *, size_t);
static int set_resolv_conf(struct lookup_opts *, const char *, char *,
    size_t);

#define VALUE(name, abbrev, where, fn) \
	{ name, abbrev, where, K_VALUE, 0, 0, 0, fn }
#define FLAG(name, abbrev, where, field, value) \
	{ name, abbrev, where, K_FLAG, 0, \
	    offsetof(struct lookup_opts, field), value, NULL }

/*
 * The shortest prefixes are those of BIND 9.18's nslookup, so "t" is
 * timeout and "ty" type; "q", "qu" and "query" are prefixes of
 * querytype.  Options nslookup lacks are taken whole.
 */
static const struct opt_def options[] = {
	VALUE("type", 2, ANYWHERE, set_type),
	VALUE("querytype", 1, ANYWHERE, set_type),
	VALUE("port", 2, ANYWHERE, set_port),
	VALUE("timeout", 1, ANYWHERE, set_timeout),
	VALUE("retry", 3, ANYWHERE, set_retry),
	VALUE("ndots", 0, ANYWHERE, set_ndots),
	VALUE("domain", 2, ANYWHERE, set_domain),
	FLAG("search", 3, ANYWHERE, search, 1),
	FLAG("nosearch", 5, ANYWHERE, search, 0),
	FLAG("recurse", 3, ANYWHERE, recurse, 1),
	FLAG("norecurse", 5, ANYWHERE, recurse, 0),
	FLAG("vc", 0, ANYWHERE, vc, 1),
	FLAG("novc", 0, ANYWHERE, vc, 0),
	FLAG("debug", 3, ANYWHERE, debug, 1),
	FLAG("nodebug", 5, ANYWHERE, debug, 0),
	FLAG("d2", 0, ANYWHERE, debug, 1),
	FLAG("nod2", 0, ANYWHERE, debug, 0),
	FLAG("trace", 0, ANYWHERE, trace, 1),
	FLAG("notrace", 0, ANYWHERE, trace, 0),
	FLAG("parallel", 0, ANYWHERE, parallel, 1),
	FLAG("noparallel", 0, ANYWHERE, parallel, 0),
	VALUE("libc", 0, ANYWHERE, set_libc),
	VALUE("resolv-conf", 0, ARGV_ONLY, set_resolv_conf),
	FLAG("show-config", 0, ARGV_ONLY, show_config, 1),
	{ "all", 0, PROMPT_ONLY, K_ALL, 0, 0, 0, NULL },
	{ "help", 1, ARGV_ONLY, K_HELP, 'h', 0, 0, NULL },
	{ "version", 3, ARGV_ONLY, K_VERSION, 'V', 0, 0, NULL },
};

/* RFC 1035 (ANY is its QTYPE "*"), RFC 3596 (AAAA), RFC 2782 (SRV). */
static const struct {
	const char *name;
	uint16_t type;
} qtypes[] = {
	{ "A", 1 }, { "NS", 2 }, { "CNAME", 5 }, { "SOA", 6 },
	{ "PTR", 12 }, { "MX", 15 }, { "TXT", 16 }, { "AAAA", 28 },
	{ "SRV", 33 }, { "ANY", 255 },
};

static int
fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (errlen == 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static void
set_defaults(struct lookup_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->port = DEFAULT_PORT;
	o->timeout_s = -1;
	o->retry = -1;
	o->ndots = -1;
	o->recurse = 1;
	o->search = 1;
	o->libc = LOOKUP_GLIBC;
	o->resolv_conf = RESOLV_CONF_PATH;
}

/* A name, server or domain: one word that fits its array. */
static int
check_word(const char *what, const char *s, char *err, size_t errlen)
{
	size_t len = strlen(s);

	if (len == 0)
		return fail(err, errlen, "empty %s: give one", what);
	if (len >= LOOKUP_TEXT_MAX)
		return fail(err, errlen, "%s too long: %zu characters, at "
		    "most %d", what, len, LOOKUP_TEXT_MAX - 1);
	if (strchr(s, ' ') != NULL)
		return fail(err, errlen, "%s \"%s\" has a space: give one "
		    "word", what, s);
	return 0;
}

/* RFC 3597 writes a type with no mnemonic as TYPEnnn. */
static int
parse_qtype(const char *s, uint16_t *type)
{
	unsigned long n;
	size_t i;

	for (i = 0; i < N(qtypes); i++) {
		if (strcasecmp(s, qtypes[i].name) == 0) {
			*type = qtypes[i].type;
			return 0;
		}
	}

	/* 0 is reserved, and here it stands for "A and AAAA". */
	if (strncasecmp(s, "TYPE", 4) == 0 &&
	    cli_parse_number(s + 4, 1, 65535, &n) == 0) {
		*type = (uint16_t)n;
		return 0;
	}
	return -1;
}

static int
set_type(struct lookup_opts *o, const char *v, char *err, size_t errlen)
{
	if (*v == '\0')
		return fail(err, errlen, "empty type: give " TYPE_LIST);
	if (parse_qtype(v, &o->qtype) != 0)
		return fail(err, errlen, "bad type \"%s\": give " TYPE_LIST,
		    v);
	return 0;
}

static int
set_port(struct lookup_opts *o, const char *v, char *err, size_t errlen)
{
	unsigned long n;

	if (cli_parse_number(v, 1, 65535, &n) != 0)
		return fail(err, errlen, "bad port \"%s\": give a number "
		    "from 1 to 65535", v);
	o->port = (uint16_t)n;
	return 0;
}

static int
set_timeout(struct lookup_opts *o, const char *v, char *err,
    size_t errlen)
{
	unsigned long n;

	if (cli_parse_number(v, 1, MAX_TIMEOUT_S, &n) != 0)
		return fail(err, errlen, "bad timeout \"%s\": give a number "
		    "of seconds from 1 to %d", v, MAX_TIMEOUT_S);
	o->timeout_s = (int)n;
	return 0;
}

/*
 * nslookup's "retry" is not a count of retries: it sets the total
 * number of tries (dig's +tries), which is what resolv.conf calls
 * attempts, so -retry=N is N attempts.  A query is always sent once:
 * 0 is taken as 1, as dig takes +tries=0.
 */
static int
set_retry(struct lookup_opts *o, const char *v, char *err, size_t errlen)
{
	unsigned long n;

	if (cli_parse_number(v, 0, MAX_TRIES, &n) != 0)
		return fail(err, errlen, "bad retry \"%s\": give a number "
		    "of tries from 0 to %d", v, MAX_TRIES);
	o->retry = n == 0 ? 1 : (int)n;
	return 0;
}

static int
set_ndots(struct lookup_opts *o, const char *v, char *err, size_t errlen)
{
	unsigned long n;

	if (cli_parse_number(v, 0, MAX_NDOTS, &n) != 0)
		return fail(err, errlen, "bad ndots \"%s\": give a number "
		    "from 0 to %d", v, MAX_NDOTS);
	o->ndots = (int)n;
	return 0;
}

/*
 * As in nslookup, naming a domain also turns the search on.  An empty
 * one goes back to resolv.conf's list, the only way back there.
 */
static int
set_domain(struct lookup_opts *o, const char *v, char *err,
    size_t errlen)
{
	if (*v != '\0' && check_word("domain", v, err, errlen) != 0)
		return -1;

	snprintf(o->domain, sizeof(o->domain), "%s", v);
	o->search = 1;
	return 0;
}

static int
set_libc(struct lookup_opts *o, const char *v, char *err, size_t errlen)
{
	if (strcasecmp(v, "glibc") == 0)
		o->libc = LOOKUP_GLIBC;
	else if (strcasecmp(v, "musl") == 0)
		o->libc = LOOKUP_MUSL;
	else
		return fail(err, errlen, "bad libc \"%s\": give glibc or "
		    "musl", v);
	return 0;
}

/* Only ever given v from argv, which outlives the parse. */
static int
set_resolv_conf(struct lookup_opts *o, const char *v, char *err,
    size_t errlen)
{
	if (*v == '\0')
		return fail(err, errlen, "empty resolv.conf path: give a file, "
		    "as in --resolv-conf=/etc/resolv.conf");
	o->resolv_conf = v;
	return 0;
}

static int
name_matches(const struct opt_def *d, const char *word, size_t len)
{
	size_t full = strlen(d->name);
	size_t least = d->abbrev != 0 ? d->abbrev : full;

	return len >= least && len <= full &&
	    strncasecmp(word, d->name, len) == 0;
}

/* By its name or a prefix of it, case aside, as nslookup matches. */
static const struct opt_def *
find_option(const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < N(options); i++)
		if (name_matches(&options[i], word, len))
			return &options[i];
	return NULL;
}

static const struct opt_def *
find_short(char c)
{
	size_t i;

	for (i = 0; i < N(options); i++)
		if (options[i].short_name == c)
			return &options[i];
	return NULL;
}

/*
 * shown is the word as typed up to any '=', dashes and all; word and
 * len are the name part alone.  With no name at all, the whole word is
 * shown, or the message would quote nothing.  where says where the
 * options are listed: argv and the prompt each have their way.
 */
static int
no_such_option(const char *shown, int shown_len, const char *word,
    size_t len, const char *where, char *err, size_t errlen)
{
	size_t i;

	if (len == 0)
		shown_len = (int)strlen(shown);
	for (i = 0; i < N(options) && len > 0; i++)
		if (strncasecmp(word, options[i].name, len) == 0)
			return fail(err, errlen, "option \"%.*s\" is too "
			    "short: write more of its name", shown_len,
			    shown);
	return fail(err, errlen, "unknown option \"%.*s\": %s", shown_len,
	    shown, where);
}

/*
 * Checks that value is there when d needs one and absent otherwise,
 * then applies a flag or a value to o.  Other kinds are the caller's.
 */
static int
apply(const struct opt_def *d, const char *shown, int shown_len,
    const char *value, struct lookup_opts *o, char *err, size_t errlen)
{
	if (d->kind == K_VALUE && value == NULL)
		return fail(err, errlen, "missing value for option \"%.*s\": "
		    "give it as %.*s=VALUE", shown_len, shown, shown_len,
		    shown);
	if (d->kind != K_VALUE && value != NULL)
		return fail(err, errlen, "option \"%.*s\" takes no value: "
		    "write it alone", shown_len, shown);

	if (d->kind == K_FLAG)
		*(int *)(void *)((char *)o + d->field) = d->value;
	if (d->kind == K_VALUE)
		return d->set(o, value, err, errlen);
	return 0;
}

/*
 * One option word of argv, *i its index; a value not joined by '='
 * is the next word, which *i then skips.
 */
static enum cli_status
take_option(int argc, char **argv, int *i, struct lookup_opts *o,
    char *err, size_t errlen)
{
	const char *w = argv[*i], *body, *eq, *value = NULL;
	const struct opt_def *d;
	size_t len;
	int shown_len;

	body = w + (w[1] == '-' ? 2 : 1);
	eq = strchr(body, '=');
	len = eq != NULL ? (size_t)(eq - body) : strlen(body);
	shown_len = (int)(body - w + len);

	d = body[0] != '\0' && body[1] == '\0' && body == w + 1 ?
	    find_short(body[0]) : NULL;
	if (d == NULL)
		d = find_option(body, len);
	if (d == NULL) {
		no_such_option(w, shown_len, body, len,
		    "see probe lookup --help", err, errlen);
		return CLI_ERROR;
	}
	if (d->where == PROMPT_ONLY) {
		fail(err, errlen, "option \"%.*s\" works at the prompt only: "
		    "type set %s there", shown_len, w, d->name);
		return CLI_ERROR;
	}

	if (eq != NULL)
		value = eq + 1;
	else if (d->kind == K_VALUE && *i + 1 < argc)
		value = argv[++*i];
	if (apply(d, w, shown_len, value, o, err, errlen) != 0)
		return CLI_ERROR;

	if (d->kind == K_HELP)
		return CLI_HELP;
	if (d->kind == K_VERSION)
		return CLI_VERSION;
	return CLI_RUN;
}

/*
 * NAME [SERVER], or "-" [SERVER] for interactive use with SERVER, as
 * nslookup takes them.
 */
static enum cli_status
take_operands(const char *const *ops, int nops, struct lookup_opts *o,
    char *err, size_t errlen)
{
	if (nops > 2) {
		fail(err, errlen, "too many operands: \"%s\" after NAME and "
		    "SERVER; give at most those two", ops[2]);
		return CLI_ERROR;
	}
	if (nops > 1 && strcmp(ops[1], "-") == 0) {
		fail(err, errlen, "\"-\" cannot be a server: it means "
		    "interactive, and comes first");
		return CLI_ERROR;
	}

	if (nops > 0 && strcmp(ops[0], "-") != 0) {
		if (check_word("name", ops[0], err, errlen) != 0)
			return CLI_ERROR;
		o->name = ops[0];
	}
	if (nops > 1) {
		if (check_word("server", ops[1], err, errlen) != 0)
			return CLI_ERROR;
		snprintf(o->server, sizeof(o->server), "%s", ops[1]);
	}
	return CLI_RUN;
}

enum cli_status
lookup_cli_parse(int argc, char **argv, struct lookup_opts *opts,
    char *err, size_t errlen)
{
	struct lookup_opts o;
	const char *ops[3];
	enum cli_status st;
	int i, nops = 0, options_end = 0;

	set_defaults(&o);

	/* All words first: an option may take the next one as its value. */
	if (cli_check_words(argc, argv, err, errlen) != CLI_RUN)
		return CLI_ERROR;

	for (i = 1; i < argc; i++) {
		if (!options_end && strcmp(argv[i], "--") == 0) {
			options_end = 1;
		} else if (!options_end && argv[i][0] == '-' &&
		    argv[i][1] != '\0') {
			st = take_option(argc, argv, &i, &o, err, errlen);
			if (st != CLI_RUN)
				return st;
		} else if (nops < (int)N(ops)) {
			ops[nops++] = argv[i];
		}
	}

	st = take_operands(ops, nops, &o, err, errlen);
	if (st == CLI_RUN)
		*opts = o;
	return st;
}

/*
 * "set WORD": the same table as argv, without the dash.  o is changed
 * only when the whole setting is good.
 */
static enum lookup_cmd_kind
take_setting(const char *word, struct lookup_opts *o, char *err,
    size_t errlen)
{
	const char *eq = strchr(word, '=');
	size_t len = eq != NULL ? (size_t)(eq - word) : strlen(word);
	const struct opt_def *d = find_option(word, len);
	struct lookup_opts next = *o;

	if (d == NULL) {
		no_such_option(word, (int)len, word, len,
		    "set all shows the options", err, errlen);
		return LCMD_ERROR;
	}
	if (d->where == ARGV_ONLY) {
		fail(err, errlen, "option \"%s\" works on the command line "
		    "only", d->name);
		return LCMD_ERROR;
	}

	if (apply(d, word, (int)len, eq != NULL ? eq + 1 : NULL, &next, err,
	    errlen) != 0)
		return LCMD_ERROR;
	*o = next;
	return d->kind == K_ALL ? LCMD_SET_ALL : LCMD_SET;
}

/* Lines end wherever fgets left them; the end is not counted. */
static size_t
line_length(const char *line)
{
	size_t len = strlen(line);

	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (len > 0 && line[len - 1] == '\r')
		len--;
	return len;
}

/*
 * Splits line into at most MAX_WORDS words, NUL-terminated in buf
 * (which the line fits); returns how many.
 */
static size_t
split_words(const char *line, char *buf, const char *words[MAX_WORDS])
{
	size_t n = 0, len;

	line += strspn(line, SEPARATORS);
	while (*line != '\0' && *line != '#' && n < MAX_WORDS) {
		len = strcspn(line, SEPARATORS);
		memcpy(buf, line, len);
		buf[len] = '\0';
		words[n++] = buf;

		buf += len + 1;
		line += len;
		line += strspn(line, SEPARATORS);
	}
	return n;
}

/*
 * min and max count the words after the command.  nslookup would look
 * up "set" alone as a host and ignores words after a command; both hide
 * mistakes, so both are errors here.
 */
static const struct {
	const char *word;
	size_t min, max;
	enum lookup_cmd_kind kind;
	const char *misuse;
} commands[] = {
	{ "exit", 0, 0, LCMD_EXIT, "exit takes nothing after it" },
	{ "server", 0, 1, LCMD_SERVER, "server takes one address" },
	{ "lserver", 0, 1, LCMD_SERVER, "lserver takes one address" },
	{ "set", 1, 1, LCMD_SET, "set takes one OPTION or OPTION=VALUE, "
	    "with no spaces, as in set type=mx" },
	{ "help", 0, 0, LCMD_ERROR, COMMAND_LIST },
	{ "?", 0, 0, LCMD_ERROR, COMMAND_LIST },
};

static enum lookup_cmd_kind
cmd_error(const char *msg, char *err, size_t errlen)
{
	if (errlen > 0)
		snprintf(err, errlen, "%s", msg);
	return LCMD_ERROR;
}

static enum lookup_cmd_kind
run_lookup(const char *const *w, size_t n, struct lookup_cmd *cmd,
    char *err, size_t errlen)
{
	if (n > 2)
		return cmd_error("too many words: give NAME or NAME SERVER",
		    err, errlen);

	snprintf(cmd->arg, sizeof(cmd->arg), "%s", w[0]);
	if (n > 1)
		snprintf(cmd->server2, sizeof(cmd->server2), "%s", w[1]);
	return LCMD_LOOKUP;
}

static enum lookup_cmd_kind
run_words(const char *const *w, size_t n, struct lookup_opts *o,
    struct lookup_cmd *cmd, char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < N(commands); i++)
		if (strcasecmp(w[0], commands[i].word) == 0)
			break;
	if (i == N(commands))
		return run_lookup(w, n, cmd, err, errlen);

	if (n - 1 < commands[i].min || n - 1 > commands[i].max ||
	    commands[i].kind == LCMD_ERROR)
		return cmd_error(commands[i].misuse, err, errlen);

	if (commands[i].kind == LCMD_SET)
		return take_setting(w[1], o, err, errlen);
	if (commands[i].kind == LCMD_SERVER && n > 1)
		snprintf(cmd->arg, sizeof(cmd->arg), "%s", w[1]);
	return commands[i].kind;
}

static void
too_long(char *err, size_t errlen, size_t len)
{
	fail(err, errlen, "line too long: %zu characters, at most %d", len,
	    LOOKUP_TEXT_MAX - 1);
}

enum lookup_read
lookup_read_line(FILE *in, char *buf, size_t cap, char *err,
    size_t errlen)
{
	size_t len;
	int c;

	if (fgets(buf, (int)cap, in) == NULL)
		return LREAD_END;
	len = strlen(buf);
	if (len > 0 && buf[len - 1] == '\n') {
		buf[len - 1] = '\0';
		return LREAD_LINE;
	}

	while ((c = getc(in)) != EOF && c != '\n')
		len++;
	if (len == strlen(buf))
		return LREAD_LINE;
	too_long(err, errlen, len);
	return LREAD_TOO_LONG;
}

enum lookup_cmd_kind
lookup_cmd_parse(const char *line, struct lookup_opts *o,
    struct lookup_cmd *cmd, char *err, size_t errlen)
{
	char buf[LOOKUP_TEXT_MAX];
	const char *words[MAX_WORDS];
	size_t len = line_length(line), n;
	int c;

	memset(cmd, 0, sizeof(*cmd));
	if (errlen > 0)
		err[0] = '\0';

	if (len >= LOOKUP_TEXT_MAX) {
		too_long(err, errlen, len);
		cmd->kind = LCMD_ERROR;
	} else if ((c = cli_control_byte(line, SEPARATORS)) >= 0) {
		fail(err, errlen, "control character (0x%02x) in the line",
		    c);
		cmd->kind = LCMD_ERROR;
	} else if ((n = split_words(line, buf, words)) == 0) {
		cmd->kind = LCMD_EMPTY;
	} else {
		cmd->kind = run_words(words, n, o, cmd, err, errlen);
	}
	return cmd->kind;
}

/* The output so far, and how long it would be uncut. */
struct out {
	char *buf;
	size_t cap;
	size_t len;
};

static void
put(struct out *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
put(struct out *w, const char *fmt, ...)
{
	size_t room = w->len < w->cap ? w->cap - w->len : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room > 0 ? w->buf + w->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		w->len += (size_t)n;
}

/* Cells padded to CELL_WIDTH but the last, so no line ends in a space. */
static void
put_row(struct out *w, const char *const *cells, size_t n)
{
	size_t i;

	put(w, "  ");
	for (i = 0; i + 1 < n; i++)
		put(w, "%-*s", CELL_WIDTH, cells[i]);
	put(w, "%s\n", cells[n - 1]);
}

static void
number_cell(char *cell, size_t cap, const char *name, int v)
{
	if (v < 0)
		snprintf(cell, cap, "%s = default", name);
	else
		snprintf(cell, cap, "%s = %d", name, v);
}

static void
put_flags(struct out *w, const struct lookup_opts *o)
{
	const char *row1[] = {
		o->vc ? "vc" : "novc", o->debug ? "debug" : "nodebug",
		o->trace ? "trace" : "notrace",
		o->parallel ? "parallel" : "noparallel",
	};
	const char *row2[] = {
		o->search ? "search" : "nosearch",
		o->recurse ? "recurse" : "norecurse",
		o->libc == LOOKUP_MUSL ? "libc = musl" : "libc = glibc",
	};

	put_row(w, row1, N(row1));
	put_row(w, row2, N(row2));
}

static void
put_numbers(struct out *w, const struct lookup_opts *o)
{
	char t[32], r[32], p[32], d[32];
	const char *row[] = { t, r, p, d };

	number_cell(t, sizeof(t), "timeout", o->timeout_s);
	number_cell(r, sizeof(r), "retry", o->retry);
	number_cell(p, sizeof(p), "port", o->port);
	number_cell(d, sizeof(d), "ndots", o->ndots);
	put_row(w, row, N(row));
}

static void
put_qtype(struct out *w, uint16_t qtype)
{
	size_t i;

	if (qtype == 0) {
		put(w, "  querytype = A+AAAA\n");
		return;
	}
	for (i = 0; i < N(qtypes); i++) {
		if (qtypes[i].type == qtype) {
			put(w, "  querytype = %s\n", qtypes[i].name);
			return;
		}
	}
	put(w, "  querytype = TYPE%u\n", (unsigned)qtype);
}

size_t
lookup_format_settings(const struct lookup_opts *o, const char *server,
    char *buf, size_t cap)
{
	struct out w = { buf, cap, 0 };

	if (cap > 0)
		buf[0] = '\0';

	if (server != NULL && server[0] != '\0')
		put(&w, "Default server: %s\nAddress: %s#%u\n", server,
		    server, (unsigned)o->port);
	else
		put(&w, "Default server: none\n");

	put(&w, "\nSet options:\n");
	put_flags(&w, o);
	put_numbers(&w, o);
	put_qtype(&w, o->qtype);
	put(&w, "  domain = %s\n", o->domain[0] != '\0' ? o->domain :
	    "(resolv.conf's search list)");
	return w.len;
}

const char *
lookup_option_name(size_t i)
{
	return i < N(options) ? options[i].name : NULL;
}
