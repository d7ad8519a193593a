/*
 * The lookup command: options, resolv.conf with the overrides nslookup
 * allows, one walk per name, nslookup's output, and the trace.  Like
 * app.c, the only place in this mode that prints errors.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "exit_status.h"
#include "lookup.h"
#include "lookup_app.h"
#include "lookup_cli.h"
#include "lookup_trace.h"
#include "nsfmt.h"
#include "rcreport.h"
#include "resolve.h"

#define LINE_CAP	1024

struct session {
	struct lookup_opts opts;
	struct resolv_conf rc;		/* as read */
	struct resolv_conf eff;		/* with the options applied */
	struct lookup_walk walk;
	FILE *out;
};

static int
fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
fail(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("probe: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

/* Runs an snprintf-like formatter into a buffer of the size it wants. */
#define PUT_FORMATTED(out, fn, ...) do {				\
	size_t n_ = fn(__VA_ARGS__, NULL, 0);				\
	char *b_ = malloc(n_ + 1);					\
	if (b_ != NULL) {						\
		fn(__VA_ARGS__, b_, n_ + 1);				\
		fputs(b_, out);						\
		free(b_);						\
	}								\
} while (0)

static int
is_address(const char *s)
{
	unsigned char a[16];

	return inet_pton(AF_INET, s, a) == 1 || inet_pton(AF_INET6, s, a) == 1;
}

static void
apply_options(struct session *s)
{
	const struct lookup_opts *o = &s->opts;

	s->eff = s->rc;
	if (o->ndots >= 0)
		s->eff.ndots = o->ndots;
	if (o->timeout_s > 0)
		s->eff.timeout = o->timeout_s;
	if (o->retry > 0)
		s->eff.attempts = o->retry;
	if (o->vc)
		s->eff.use_vc = true;
	if (o->domain[0] != '\0') {
		snprintf(s->eff.search[0], RC_NAME_MAX, "%.253s", o->domain);
		s->eff.nsearch = 1;
	}
	if (!o->search)
		s->eff.nsearch = 0;
}

static int
client_config(struct session *s, const char *server,
    struct dnsclient_config *cfg)
{
	dnsclient_config_from(&s->eff, cfg);
	cfg->port = s->opts.port;
	cfg->recurse = s->opts.recurse;
	if (server == NULL || server[0] == '\0')
		return 0;
	if (!is_address(server) && strchr(server, '%') == NULL)
		return -1;
	snprintf(cfg->server[0], RC_ADDR_MAX, "%s", server);
	cfg->nservers = 1;
	return 0;
}

static enum search_libc
libc_of(const struct lookup_opts *o)
{
	return o->libc == LOOKUP_MUSL ? SEARCH_MUSL : SEARCH_GLIBC;
}

/*
 * An address is looked up in reverse, its PTR name asked as is, as
 * nslookup does.
 */
static enum search_status
plan(struct session *s, const char *name, int *reverse)
{
	struct lookup_walk *w = &s->walk;
	char rev[RC_NAME_MAX + 2];
	size_t len;

	memset(w, 0, sizeof(*w));
	w->libc = libc_of(&s->opts);
	w->qtype = s->opts.qtype;
	w->parallel = s->opts.parallel;
	w->one_at_a_time = s->eff.single_request ||
	    s->eff.single_request_reopen;

	*reverse = is_address(name);
	if (!*reverse)
		return search_expand(name, &s->eff, w->libc, &w->list);

	if (dnsmsg_reverse_name(name, rev, sizeof(rev) - 1) != 0)
		return SEARCH_EMPTY_NAME;
	len = strlen(rev);
	rev[len] = '.';
	rev[len + 1] = '\0';
	if (w->qtype == 0)
		w->qtype = DNS_T_PTR;
	return search_expand(rev, &s->eff, w->libc, &w->list);
}

static const char *
failure_word(enum dns_outcome o)
{
	switch (o) {
	case DNS_NXDOMAIN:	return "NXDOMAIN";
	case DNS_NODATA:	return "No answer";
	case DNS_SERVFAIL:	return "SERVFAIL";
	case DNS_REFUSED:	return "REFUSED";
	case DNS_BADREPLY:	return "FORMERR";
	default:		return "timeout";
	}
}

static void put_nonauth(FILE *out);

static void
print_answers(struct session *s, struct dns_msg *m)
{
	const struct lookup_walk *w = &s->walk;
	int first = 1;
	size_t i;

	for (i = 0; i < w->nq; i++) {
		const struct lookup_query *q = &w->q[i];

		if (q->extra || q->cand != w->answered ||
		    q->outcome != DNS_ANSWER ||
		    dnsmsg_decode(q->x.reply, q->x.len, m) != DNSMSG_OK)
			continue;
		if (first && !m->aa)
			put_nonauth(s->out);
		first = 0;
		PUT_FORMATTED(s->out, nsfmt_answer, m);
	}
}

static void
put_nonauth(FILE *out)
{
	char line[64];

	nsfmt_nonauth(line, sizeof(line));
	fputs(line, out);
}

static int
print_result(struct session *s, const char *name)
{
	const struct lookup_walk *w = &s->walk;
	struct dns_msg *m;

	if (w->answered >= w->list.ncand) {
		PUT_FORMATTED(s->out, nsfmt_failure, name,
		    failure_word(w->final));
		fputc('\n', s->out);
		return 0;
	}

	m = malloc(sizeof(*m));
	if (m != NULL)
		print_answers(s, m);
	free(m);
	fputc('\n', s->out);
	return 1;
}

static void
put_line(FILE *out, const char *line)
{
	if (line[0] == '\0')
		return;
	fputs(line, out);
	fputc('\n', out);
}

static void
trace_queries(struct session *s, struct dnsclient *dc, int extra)
{
	const struct lookup_walk *w = &s->walk;
	char line[LINE_CAP];
	size_t i;

	for (i = 0; i < w->nq; i++) {
		if (w->q[i].extra != extra)
			continue;
		trace_query_line(w, &w->q[i],
		    dnsclient_server(dc, w->q[i].x.server), line,
		    sizeof(line));
		put_line(s->out, line);
	}
}

static void
trace_other_libc(struct session *s, struct dnsclient *dc, const char *name)
{
	enum search_libc other = s->walk.libc == SEARCH_GLIBC ? SEARCH_MUSL :
	    SEARCH_GLIBC;
	struct search_list *list = malloc(sizeof(*list));
	char answered[RC_NAME_MAX], line[LINE_CAP];
	enum dns_outcome final;

	if (list == NULL || search_expand(name, &s->eff, other, list) !=
	    SEARCH_OK) {
		free(list);
		return;
	}
	lookup_walk_other(&s->walk, dc, list, other, answered,
	    sizeof(answered), &final);
	trace_queries(s, dc, 1);
	trace_compare(&s->walk, other == SEARCH_MUSL ? "musl" : "glibc",
	    answered, final, line, sizeof(line));
	put_line(s->out, line);
	free(list);
}

static void
print_trace(struct session *s, struct dnsclient *dc, const char *name,
    int reverse)
{
	const struct lookup_walk *w = &s->walk;
	char line[LINE_CAP];

	fprintf(s->out, ";; search trace, %s rules, ndots:%d, %zu search "
	    "domain%s\n", w->libc == SEARCH_MUSL ? "musl" : "glibc",
	    s->eff.ndots, s->eff.nsearch, s->eff.nsearch == 1 ? "" : "s");
	trace_queries(s, dc, 0);
	trace_explain(w, name, s->eff.ndots, s->eff.nsearch, line,
	    sizeof(line));
	put_line(s->out, line);
	trace_waste(w, name, line, sizeof(line));
	put_line(s->out, line);
	trace_stall(w, (int64_t)s->eff.timeout * 1000000000LL, line,
	    sizeof(line));
	put_line(s->out, line);
	trace_total(w, line, sizeof(line));
	put_line(s->out, line);
	if (!reverse)
		trace_other_libc(s, dc, name);
	fputc('\n', s->out);
}

static const char *
answering_server(const struct session *s, struct dnsclient *dc)
{
	const struct lookup_walk *w = &s->walk;
	size_t i;

	for (i = 0; i < w->nq; i++)
		if (!w->q[i].extra && w->q[i].cand == w->answered)
			return dnsclient_server(dc, w->q[i].x.server);
	return dnsclient_server(dc, 0);
}

static int
open_client(struct session *s, const char *server, struct dnsclient **dc)
{
	struct dnsclient_config cfg;
	enum dnsclient_status st;

	if (client_config(s, server, &cfg) != 0)
		return fail(PROBE_EXIT_USAGE, "server \"%s\" is not an "
		    "address: give the nameserver's IP address", server);
	st = dnsclient_open(&cfg, dc);
	if (st != DNSCLIENT_OK)
		return fail(PROBE_EXIT_USAGE, "%s: %s; check its nameserver "
		    "lines or give a server", s->opts.resolv_conf,
		    dnsclient_strerror(st));
	return PROBE_EXIT_OK;
}

static int
do_lookup(struct session *s, const char *name, const char *server)
{
	struct dnsclient *dc;
	enum search_status st;
	int reverse, found, rc;

	apply_options(s);
	st = plan(s, name, &reverse);
	if (st != SEARCH_OK)
		return fail(PROBE_EXIT_USAGE, "bad name \"%s\": %s", name,
		    search_strerror(st));
	rc = open_client(s, server, &dc);
	if (rc != PROBE_EXIT_OK)
		return rc;

	lookup_walk_run(&s->walk, dc);
	if (!reverse)
		PUT_FORMATTED(s->out, nsfmt_server, answering_server(s, dc),
		    s->opts.port);
	found = print_result(s, name);
	if (s->opts.trace)
		print_trace(s, dc, name, reverse);
	fflush(s->out);

	lookup_walk_free(&s->walk);
	dnsclient_close(dc);
	return found ? PROBE_EXIT_OK : PROBE_EXIT_NOREPLY;
}

static const char *
default_server(struct session *s)
{
	apply_options(s);
	if (s->opts.server[0] != '\0')
		return s->opts.server;
	return s->eff.nns > 0 ? s->eff.ns[0].addr : "127.0.0.1";
}

static void
show_server(struct session *s)
{
	const char *server = default_server(s);

	fprintf(s->out, "Default server: %s\nAddress: %s#%u\n", server,
	    server, s->opts.port);
}

/* Returns 1 when the command ends the session. */
static int
run_command(struct session *s, const char *line)
{
	char err[CLI_ERR_MAX];
	struct lookup_cmd cmd;

	switch (lookup_cmd_parse(line, &s->opts, &cmd, err, sizeof(err))) {
	case LCMD_LOOKUP:
		do_lookup(s, cmd.arg, cmd.server2[0] != '\0' ? cmd.server2 :
		    s->opts.server);
		break;
	case LCMD_SERVER:
		if (cmd.arg[0] != '\0' && !is_address(cmd.arg))
			fail(0, "server \"%s\" is not an address", cmd.arg);
		else if (cmd.arg[0] != '\0')
			snprintf(s->opts.server, sizeof(s->opts.server), "%s",
			    cmd.arg);
		show_server(s);
		break;
	case LCMD_SET_ALL:
		PUT_FORMATTED(s->out, lookup_format_settings, &s->opts,
		    default_server(s));
		break;
	case LCMD_ERROR:
		fail(0, "%s", err);
		break;
	case LCMD_EXIT:
		return 1;
	default:
		break;
	}
	return 0;
}

/* Reads commands until exit or the end of input; a terminal gets "> ". */
static int
interactive(struct session *s)
{
	char line[LINE_CAP];
	int tty = isatty(STDIN_FILENO);

	for (;;) {
		if (tty) {
			fputs("> ", s->out);
			fflush(s->out);
		}
		if (fgets(line, sizeof(line), stdin) == NULL)
			return PROBE_EXIT_OK;
		line[strcspn(line, "\r\n")] = '\0';
		if (run_command(s, line))
			return PROBE_EXIT_OK;
		fflush(s->out);
	}
}

int
lookup_main(int argc, char **argv)
{
	static struct session s;
	char err[CLI_ERR_MAX];

	switch (lookup_cli_parse(argc, argv, &s.opts, err, sizeof(err))) {
	case CLI_HELP:
		fputs(lookup_usage, stdout);
		return PROBE_EXIT_OK;
	case CLI_VERSION:
		puts("probe lookup " PROBE_VERSION);
		return PROBE_EXIT_OK;
	case CLI_ERROR:
		return fail(PROBE_EXIT_USAGE, "%s", err);
	case CLI_RUN:
		break;
	}
	s.out = stdout;

	if (resolvconf_read(s.opts.resolv_conf, &s.rc) == RCREAD_UNREADABLE)
		return fail(PROBE_EXIT_USAGE, "cannot read %s: %s; give a "
		    "readable file with --resolv-conf", s.opts.resolv_conf,
		    strerror(errno));
	if (s.opts.show_config) {
		rcreport_write(s.out, &s.rc, s.opts.resolv_conf,
		    getenv("LOCALDOMAIN"), getenv("RES_OPTIONS"));
		return PROBE_EXIT_OK;
	}
	if (s.opts.name == NULL)
		return interactive(&s);
	return do_lookup(&s, s.opts.name, s.opts.server);
}
