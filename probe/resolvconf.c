/*
 * resolv.conf as glibc 2.36 reads it (resolv/res_init.c, resolv.conf(5)),
 * checked line by line against the libc itself.  Where the libc is
 * silent about a line it ignores or misreads, a warning says so; where
 * it is odd (a carriage return kept in a word, a line cut at a NUL) the
 * oddity is kept, so the search list and servers are the ones the libc
 * really uses.  Only the reading is glibc's: musl is not told apart.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "resolvconf.h"

#define SHOW_MAX	48	/* a word quoted in a warning, escaped */
#define DOMAIN_MAX	(RC_NAME_MAX - 1)

struct span {
	const char *p;
	size_t n;
};

struct keyword {
	const char *name;
	void (*parse)(struct resolv_conf *, struct span, int);	/* or none */
};

struct num_option {
	const char *name;	/* with its colon */
	int max;		/* RES_MAXNDOTS, RES_MAXRETRANS, RES_MAXRETRY */
	size_t off;
	const char *zero;	/* what 0 does, if it needs saying */
};

struct flag_option {
	const char *name;
	size_t off;		/* 0: an option with nothing to keep */
	const char *note;
};

/*
 * glibc's send_dg waits at least a second whatever the timeout, and
 * res_send makes as many rounds over the servers as attempts says.
 */
static const struct num_option num_options[] = {
	{ "ndots:", 15, offsetof(struct resolv_conf, ndots), NULL },
	{ "timeout:", 30, offsetof(struct resolv_conf, timeout),
	    "glibc waits 1 s for each reply all the same" },
	{ "attempts:", 5, offsetof(struct resolv_conf, attempts),
	    "glibc sends no query at all, so every lookup fails at once" },
};

/*
 * glibc compares only the start of each option with these, in this
 * order: "rotatex" sets rotate, and single-request-reopen must come
 * before single-request.
 */
static const struct flag_option flag_options[] = {
	{ "inet6", 0, "option inet6 has had no effect since glibc 2.30" },
	{ "rotate", offsetof(struct resolv_conf, rotate), NULL },
	{ "edns0", offsetof(struct resolv_conf, edns0), NULL },
	{ "single-request-reopen",
	    offsetof(struct resolv_conf, single_request_reopen), NULL },
	{ "single-request", offsetof(struct resolv_conf, single_request),
	    NULL },
	{ "no_tld_query", offsetof(struct resolv_conf, no_tld_query), NULL },
	{ "no-tld-query", offsetof(struct resolv_conf, no_tld_query), NULL },
	{ "no-reload", 0, NULL },
	{ "use-vc", offsetof(struct resolv_conf, use_vc), NULL },
	{ "trust-ad", offsetof(struct resolv_conf, trust_ad), NULL },
	{ "no-aaaa", 0, "option no-aaaa: the libc asks for no AAAA records" },
	{ "debug", 0, NULL },
	{ "no-check-names", 0, NULL },
};

static void parse_nameserver(struct resolv_conf *, struct span, int);
static void parse_search(struct resolv_conf *, struct span, int);
static void parse_domain(struct resolv_conf *, struct span, int);
static void parse_options(struct resolv_conf *, struct span, int);

/* Sorting answers is no concern of a prober: sortlist is taken, unused. */
static const struct keyword keywords[] = {
	{ "nameserver", parse_nameserver },
	{ "search", parse_search },
	{ "domain", parse_domain },
	{ "options", parse_options },
	{ "sortlist", NULL },
};

void
resolvconf_defaults(struct resolv_conf *rc)
{
	memset(rc, 0, sizeof(*rc));
	rc->search_source = RC_SEARCH_NONE;
	rc->ndots = 1;
	rc->timeout = 5;
	rc->attempts = 2;
}

int
resolvconf_wait_s(const struct resolv_conf *rc)
{
	return rc->timeout > 0 ? rc->timeout : 1;
}

size_t
resolvconf_used_servers(const struct resolv_conf *rc)
{
	size_t i, used = 0;

	for (i = 0; i < rc->nns && i < RC_NS_CAP; i++)
		if (!rc->ns[i].ignored)
			used++;
	return used < RC_MAXNS ? used : RC_MAXNS;
}

/*
 * Records a warning.  The last slot says that more were dropped, so
 * none is lost unseen.
 */
static void __attribute__((format(printf, 3, 4)))
note(struct resolv_conf *rc, int line, const char *fmt, ...)
{
	struct rc_warning *w;
	va_list ap;

	if (rc->nwarn >= RC_WARN_CAP)
		return;
	w = &rc->warn[rc->nwarn++];
	if (rc->nwarn == RC_WARN_CAP) {
		w->line = 0;
		snprintf(w->text, sizeof(w->text),
		    "too many warnings: the rest were dropped");
		return;
	}

	w->line = line;
	va_start(ap, fmt);
	vsnprintf(w->text, sizeof(w->text), fmt, ap);
	va_end(ap);
}

/* A word from the file made safe to print: it may hold any byte. */
static const char *
show(char buf[SHOW_MAX], struct span s)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	for (i = 0; i < s.n && o + 5 < SHOW_MAX; i++) {
		unsigned char c = (unsigned char)s.p[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			buf[o++] = (char)c;
			continue;
		}
		buf[o++] = '\\';
		if (c == '\r') {
			buf[o++] = 'r';
			continue;
		}
		buf[o++] = 'x';
		buf[o++] = hex[c >> 4];
		buf[o++] = hex[c & 0xf];
	}
	if (i < s.n) {
		o = o > 3 ? o - 3 : 0;
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
span_is(struct span s, const char *text)
{
	return s.n == strlen(text) && memcmp(s.p, text, s.n) == 0;
}

/* Words are split on blanks only, as in glibc: '\r' stays in a word. */
static int
next_word(struct span *rest, struct span *word)
{
	while (rest->n > 0 && is_blank(*rest->p)) {
		rest->p++;
		rest->n--;
	}
	if (rest->n == 0)
		return 0;

	word->p = rest->p;
	while (rest->n > 0 && !is_blank(*rest->p)) {
		rest->p++;
		rest->n--;
	}
	word->n = (size_t)(rest->p - word->p);
	return 1;
}

static int
ends_in_cr(struct span s)
{
	return s.n > 0 && s.p[s.n - 1] == '\r';
}

/*
 * glibc reads IPv4 with inet_aton, so the short and octal forms count
 * ("10.1", "010.0.0.1"); they are kept in dotted decimal for the
 * resolver that will use them.  inet_aton itself would also take
 * trailing blanks, '\r' among them, which glibc refuses: it cuts the
 * line at a space, tab or newline and wants the address to end there
 * (inet_aton_exact), and inet_pton has no more patience.
 */
static int
read_ipv4(const char *text, char *out, size_t outlen)
{
	struct in_addr a;

	if (strspn(text, "0123456789abcdefABCDEFxX.") != strlen(text) ||
	    inet_aton(text, &a) == 0)
		return 0;
	return inet_ntop(AF_INET, &a, out, (socklen_t)outlen) != NULL;
}

/* The zone after '%' is glibc's business only for IPv6. */
static int
read_ipv6(const char *text, struct in6_addr *a6, const char **zone)
{
	char host[RC_ADDR_MAX];
	const char *pct = strchr(text, '%');
	size_t n = pct != NULL ? (size_t)(pct - text) : strlen(text);

	if (n >= sizeof(host))
		return 0;
	memcpy(host, text, n);
	host[n] = '\0';
	*zone = pct != NULL ? pct + 1 : "";
	return inet_pton(AF_INET6, host, a6) == 1;
}

static void
keep_server(struct resolv_conf *rc, const char *addr, int line)
{
	struct rc_nameserver *ns;
	size_t kept = rc->nns;

	if (kept >= RC_NS_CAP) {
		note(rc, line, "nameserver %s not kept: more than %d lines",
		    addr, RC_NS_CAP);
		return;
	}

	ns = &rc->ns[rc->nns++];
	snprintf(ns->addr, sizeof(ns->addr), "%s", addr);
	ns->line = line;
	ns->ignored = kept >= RC_MAXNS;
	if (ns->ignored)
		note(rc, line, "nameserver %s is the %zuth: the libc uses only "
		    "the first %d", addr, kept + 1, RC_MAXNS);
}

static void
check_link_local(struct resolv_conf *rc, const struct in6_addr *a6,
    const char *addr, const char *zone, int line)
{
	if (IN6_IS_ADDR_LINKLOCAL(a6) && *zone == '\0')
		note(rc, line, "nameserver %s is link-local without a zone: "
		    "no interface to reach it through", addr);
}

/* Whether s, one trailing '\r' aside, is an address glibc would take. */
static int
is_address(struct span s)
{
	char text[RC_ADDR_MAX], v4[INET_ADDRSTRLEN];
	struct in6_addr a6;
	const char *zone;

	if (ends_in_cr(s))
		s.n--;
	if (s.n >= sizeof(text))
		return 0;
	memcpy(text, s.p, s.n);
	text[s.n] = '\0';
	return read_ipv4(text, v4, sizeof(v4)) ||
	    read_ipv6(text, &a6, &zone);
}

static void
add_server(struct resolv_conf *rc, struct span word, int line)
{
	char text[RC_ADDR_MAX], v4[INET_ADDRSTRLEN], buf[SHOW_MAX];
	struct in6_addr a6;
	const char *zone;

	if (word.n >= sizeof(text)) {
		note(rc, line, "nameserver \"%s\" is not an address: the libc "
		    "skips it", show(buf, word));
		return;
	}
	memcpy(text, word.p, word.n);
	text[word.n] = '\0';

	if (ends_in_cr(word) && is_address(word)) {
		note(rc, line, "nameserver %.*s ends in a carriage return: "
		    "glibc skips the line", (int)(word.n - 1), word.p);
	} else if (read_ipv4(text, v4, sizeof(v4))) {
		if (strcmp(v4, text) != 0)
			note(rc, line, "nameserver %s is read as %s", text, v4);
		keep_server(rc, v4, line);
	} else if (read_ipv6(text, &a6, &zone)) {
		check_link_local(rc, &a6, text, zone, line);
		keep_server(rc, text, line);
	} else {
		note(rc, line, "nameserver \"%s\" is not an address: the libc "
		    "skips it", show(buf, word));
	}
}

/*
 * A word after the value that says nothing: a comment, or the carriage
 * return of a CRLF line end after a blank.
 */
static int
is_trailer(struct span w)
{
	return *w.p == '#' || *w.p == ';' || span_is(w, "\r");
}

/* glibc ignores whatever follows the address on a nameserver line. */
static void
parse_nameserver(struct resolv_conf *rc, struct span value, int line)
{
	struct span word, extra;

	next_word(&value, &word);
	add_server(rc, word, line);

	if (next_word(&value, &extra) && !is_trailer(extra))
		note(rc, line, "only the first address on a nameserver line "
		    "is used");
}

static const char *
source_name(enum rc_search_source src)
{
	switch (src) {
	case RC_SEARCH_LINE:		return "search";
	case RC_SEARCH_DOMAIN:		return "domain";
	case RC_SEARCH_LOCALDOMAIN:	return "LOCALDOMAIN";
	case RC_SEARCH_NONE:		break;
	}
	return "nothing";
}

/* Whatever set the list before is replaced whole: the last one wins. */
static void
replace_search(struct resolv_conf *rc, enum rc_search_source src, int line)
{
	if (rc->search_source == RC_SEARCH_LINE ||
	    rc->search_source == RC_SEARCH_DOMAIN) {
		if (line > 0)
			note(rc, rc->search_line, "%s line overridden by %s "
			    "on line %d", source_name(rc->search_source),
			    source_name(src), line);
		else
			note(rc, rc->search_line, "%s line overridden by %s",
			    source_name(rc->search_source), source_name(src));
	}

	rc->nsearch = 0;
	rc->search_source = src;
	rc->search_line = line;
}

/*
 * One trailing dot is dropped ("cluster.local." asks the same names);
 * the root "." and an empty domain (from LOCALDOMAIN) are both kept as
 * ".", which res_search turns into the name as is.
 */
static void
add_domain(struct resolv_conf *rc, struct span d, int line)
{
	char buf[SHOW_MAX];

	if (d.n > 1 && d.p[d.n - 1] == '.' && d.p[d.n - 2] != '.')
		d.n--;
	if (d.n == 0) {
		d.p = ".";
		d.n = 1;
	}

	if (ends_in_cr(d))
		note(rc, line, "search domain \"%s\" keeps the carriage "
		    "return: glibc asks names that end in it", show(buf, d));
	if (d.n > DOMAIN_MAX) {
		note(rc, line, "search domain \"%s\" is over %d characters: "
		    "dropped", show(buf, d), DOMAIN_MAX);
		return;
	}
	if (rc->nsearch >= RC_SEARCH_CAP) {
		note(rc, line, "search domain \"%s\" dropped: more than %d "
		    "domains", show(buf, d), RC_SEARCH_CAP);
		return;
	}
	memcpy(rc->search[rc->nsearch], d.p, d.n);
	rc->search[rc->nsearch][d.n] = '\0';
	rc->nsearch++;
}

/* glibc has no comments after a value: "#" becomes a search domain. */
static void
parse_search(struct resolv_conf *rc, struct span value, int line)
{
	struct span word;
	char buf[SHOW_MAX];
	int hash_seen = 0;

	replace_search(rc, RC_SEARCH_LINE, line);
	while (next_word(&value, &word)) {
		if (*word.p == '#' && !hash_seen) {
			hash_seen = 1;
			note(rc, line, "search domain \"%s\" is not a comment: "
			    "the libc takes it and what follows as domains",
			    show(buf, word));
		}
		add_domain(rc, word, line);
	}
}

static void
parse_domain(struct resolv_conf *rc, struct span value, int line)
{
	struct span word, extra;
	char buf[SHOW_MAX];

	replace_search(rc, RC_SEARCH_DOMAIN, line);
	next_word(&value, &word);
	add_domain(rc, word, line);

	if (next_word(&value, &extra) && !is_trailer(extra))
		note(rc, line, "a domain line takes one name: \"%s\" and what "
		    "follows are ignored", show(buf, extra));
}

/* Options from RES_OPTIONS come as line 0: their warnings say so. */
static const char *
origin(int line)
{
	return line == 0 ? "RES_OPTIONS: " : "";
}

/*
 * The digits at the start of v, as glibc's atoi reads them; what
 * follows is left in rest.  Returns -1 when v does not start with a
 * digit.
 */
static long
read_number(struct span v, struct span *rest)
{
	size_t i = 0;
	long n = 0;

	if (i < v.n && v.p[i] == '+')
		i++;
	if (i == v.n || v.p[i] < '0' || v.p[i] > '9')
		return -1;
	for (; i < v.n && v.p[i] >= '0' && v.p[i] <= '9'; i++)
		n = n > INT_MAX / 10 ? INT_MAX : n * 10 + (v.p[i] - '0');
	rest->p = v.p + i;
	rest->n = v.n - i;
	return n;
}

static int *
number_field(struct resolv_conf *rc, const struct num_option *o)
{
	return (int *)(void *)((char *)rc + o->off);
}

static void
store_number(struct resolv_conf *rc, const struct num_option *o, long n,
    int line)
{
	int *field = number_field(rc, o);

	if (n == 0 && o->zero != NULL)
		note(rc, line, "%s%s0: %s", origin(line), o->name, o->zero);
	if (line == 0)
		note(rc, 0, "RES_OPTIONS sets %s%ld (was %d)", o->name, n,
		    *field);
	*field = (int)n;
}

/* musl changes the value only when a digit follows the colon. */
static void
bad_number(struct resolv_conf *rc, const struct num_option *o,
    struct span v, int line)
{
	int old = *number_field(rc, o);
	char buf[SHOW_MAX];

	if (v.n > 0 && *v.p == '-') {
		note(rc, line, "%s%s%s is negative: left at %d", origin(line),
		    o->name, show(buf, v), old);
		return;
	}

	if (v.n == 0 || span_is(v, "\r"))
		note(rc, line, "%s%s has no value: glibc reads it as 0, musl "
		    "leaves it at %d", origin(line), o->name, old);
	else
		note(rc, line, "%s%s%s is not a number: glibc reads it as 0, "
		    "musl leaves it at %d", origin(line), o->name,
		    show(buf, v), old);
	store_number(rc, o, 0, line);
}

/* The CRLF warning on the line already covers a trailing '\r'. */
static int
is_junk(struct span rest)
{
	return rest.n > 0 && !span_is(rest, "\r");
}

static void
set_number(struct resolv_conf *rc, const struct num_option *o,
    struct span v, int line)
{
	char buf[SHOW_MAX];
	struct span rest, digits;
	long n = read_number(v, &rest);

	if (n < 0) {
		bad_number(rc, o, v, line);
		return;
	}

	digits.p = v.p;
	digits.n = v.n - rest.n;
	if (is_junk(rest))
		note(rc, line, "%s%s%s read as %s%ld", origin(line), o->name,
		    show(buf, v), o->name, n);
	if (n > o->max) {
		note(rc, line, "%s%s%s clamped to %d", origin(line), o->name,
		    show(buf, digits), o->max);
		n = o->max;
	}
	store_number(rc, o, n, line);
}

static int
starts_with(struct span s, const char *prefix)
{
	size_t n = strlen(prefix);

	return s.n >= n && memcmp(s.p, prefix, n) == 0;
}

static void
set_flag(struct resolv_conf *rc, const struct flag_option *o,
    struct span word, int line)
{
	char buf[SHOW_MAX];
	struct span rest = { word.p + strlen(o->name),
	    word.n - strlen(o->name) };

	if (is_junk(rest))
		note(rc, line, "%soption \"%s\" read as %s", origin(line),
		    show(buf, word), o->name);
	if (o->note != NULL)
		note(rc, line, "%s%s", origin(line), o->note);
	if (o->off != 0)
		*(bool *)(void *)((char *)rc + o->off) = true;
	if (line == 0)
		note(rc, 0, "RES_OPTIONS sets %s", o->name);
}

static void
apply_option(struct resolv_conf *rc, struct span word, int line)
{
	const struct num_option *no;
	char buf[SHOW_MAX];
	size_t i, skip;

	for (i = 0; i < sizeof(num_options) / sizeof(num_options[0]); i++) {
		no = &num_options[i];
		skip = strlen(no->name);
		if (starts_with(word, no->name)) {
			set_number(rc, no, (struct span){ word.p + skip,
			    word.n - skip }, line);
			return;
		}
	}

	for (i = 0; i < sizeof(flag_options) / sizeof(flag_options[0]); i++)
		if (starts_with(word, flag_options[i].name)) {
			set_flag(rc, &flag_options[i], word, line);
			return;
		}

	note(rc, line, "%sunknown option \"%s\"", origin(line),
	    show(buf, word));
}

/* Line 0 stands for RES_OPTIONS, read after the file. */
static void
parse_options(struct resolv_conf *rc, struct span value, int line)
{
	struct span word;

	while (next_word(&value, &word))
		apply_option(rc, word, line);
}

static const struct keyword *
find_keyword(struct span word)
{
	size_t i;

	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (span_is(word, keywords[i].name))
			return &keywords[i];
	return NULL;
}

/* glibc needs the keyword at the very start of the line, then a blank. */
static void
parse_statement(struct resolv_conf *rc, struct span s, int line)
{
	const struct keyword *kw;
	struct span word, value, rest;
	char buf[SHOW_MAX];

	value = s;
	next_word(&value, &word);
	kw = find_keyword(word);
	if (kw == NULL) {
		note(rc, line, "unknown keyword \"%s\"", show(buf, word));
		return;
	}

	rest = value;
	if (!next_word(&rest, &word)) {
		note(rc, line, "%s line without a value: the libc ignores it",
		    kw->name);
		return;
	}
	if (kw->parse != NULL)
		kw->parse(rc, value, line);
}

/* Only a blank or a comment may start with a blank: glibc skips it. */
static void
parse_indented(struct resolv_conf *rc, struct span s, int line)
{
	struct span rest = s, word;

	if (!next_word(&rest, &word) || *word.p == '#' || *word.p == ';' ||
	    span_is(word, "\r"))
		return;
	note(rc, line, "line starts with a blank: the libc ignores it");
}

/*
 * glibc reads a line with getline and then as a C string: a NUL ends
 * it early, and a '\r' before the newline stays in the last word.  The
 * first such line says so for the whole file; the lines where it
 * matters say what it does there.
 */
static void
parse_line(struct resolv_conf *rc, struct span s, int line, int *crlf)
{
	const char *nul = memchr(s.p, '\0', s.n);

	if (nul != NULL) {
		note(rc, line, "NUL byte in the line: the libc reads only what "
		    "comes before it");
		s.n = (size_t)(nul - s.p);
	}
	if (ends_in_cr(s) && !*crlf) {
		*crlf = 1;
		note(rc, line, "CRLF line ends: glibc keeps each carriage "
		    "return in the last word of its line");
	}

	if (s.n == 0 || span_is(s, "\r") || *s.p == '#' || *s.p == ';')
		return;
	if (is_blank(*s.p))
		parse_indented(rc, s, line);
	else
		parse_statement(rc, s, line);
}

/*
 * LOCALDOMAIN (glibc res_init.c): its first word is taken even when
 * empty, so a leading blank puts the root first in the list.
 */
static void
apply_localdomain(struct resolv_conf *rc, const char *env)
{
	struct span rest = { env, strcspn(env, "\n") }, word;

	if (rc->search_source == RC_SEARCH_NONE)
		note(rc, 0, "search list set by LOCALDOMAIN");
	replace_search(rc, RC_SEARCH_LOCALDOMAIN, 0);

	word.p = rest.p;
	word.n = strcspn(rest.p, " \t");
	if (word.n > rest.n)
		word.n = rest.n;
	if (word.n == 0)
		note(rc, 0, "LOCALDOMAIN has an empty first domain: the libc "
		    "searches the root first");
	add_domain(rc, word, 0);

	rest.p += word.n;
	rest.n -= word.n;
	while (next_word(&rest, &word))
		add_domain(rc, word, 0);
}

void
resolvconf_parse(const char *text, size_t len, const char *localdomain,
    const char *res_options, struct resolv_conf *rc)
{
	struct span s;
	const char *nl;
	int line = 0, crlf = 0;

	resolvconf_defaults(rc);

	while (len > 0) {
		nl = memchr(text, '\n', len);
		s.p = text;
		s.n = nl != NULL ? (size_t)(nl - text) : len;
		parse_line(rc, s, ++line, &crlf);
		if (nl == NULL)
			break;
		len -= s.n + 1;
		text = nl + 1;
	}

	if (localdomain != NULL)
		apply_localdomain(rc, localdomain);
	if (res_options != NULL)
		parse_options(rc, (struct span){ res_options,
		    strlen(res_options) }, 0);
}
