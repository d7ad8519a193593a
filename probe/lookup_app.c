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
#include "lookup_server.h"
#include "lookup_trace.h"
#include "nsdebug.h"
#include "nsfmt.h"
#include "rcreport.h"
#include "resolve.h"

#define LINE_CAP	1024

/* RFC 1035, 4.1.1. */
enum {
	RCODE_FORMERR = 1, RCODE_SERVFAIL = 2,
};

struct session {
	struct lookup_opts opts;
	struct resolv_conf rc;		/* as read */
	struct resolv_conf eff;		/* with the options applied */
	struct lookup_walk walk;
	struct dns_msg msg;		/* the reply being printed */
	FILE *out;
	int failed;			/* some lookup failed: exit 1 */
	int looked_up;			/* a lookup was made: else, as
					   with nslookup, exit 1 too */
	int no_server;			/* a server's name did not resolve:
					   as with nslookup, the end */
};

/* What one lookup prints and how it ends, as nslookup would have it. */
/*
 * The server a lookup asks: none (resolv.conf's), an address, or a
 * host name with its addresses, asked in turn as nslookup asks them.
 */
struct pick {
	const char *name;	/* a server given by name, or NULL */
	char addr[RC_MAXNS][RC_ADDR_MAX];
	size_t n;		/* 0: resolv.conf's servers */
};

struct view {
	const char *name;	/* as typed */
	const char *server_name;	/* a server given by name, or NULL */
	int typed;		/* a type was given: no A-then-AAAA rules */
	int reverse;		/* an address, looked up as its PTR name */
	int failed;
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

/*
 * A server of resolv.conf that cannot be asked is said, then left out;
 * when none can be, the first one's reason is the error.
 */
static int
check_servers(const struct dnsclient_config *cfg)
{
	enum dnsclient_check c[RC_MAXNS];
	size_t i, n, usable = 0;

	for (n = 0; n < cfg->nservers && n < RC_MAXNS; n++) {
		c[n] = dnsclient_check_server(cfg->server[n]);
		usable += c[n] == DNSSRV_USABLE;
	}
	if (usable == 0 && n > 0)
		return fail(-1, "nameserver %s %s; no nameserver of the file "
		    "is usable", cfg->server[0], dnsclient_check_text(c[0]));
	for (i = 0; i < n; i++)
		if (c[i] != DNSSRV_USABLE)
			fail(0, "nameserver %s %s; it is not asked",
			    cfg->server[i], dnsclient_check_text(c[i]));
	return 0;
}

static int
client_config(struct session *s, const struct pick *p,
    struct dnsclient_config *cfg)
{
	enum dnsclient_check c;
	size_t i;

	dnsclient_config_from(&s->eff, cfg);
	cfg->port = s->opts.port;
	cfg->recurse = s->opts.recurse;
	if (p->n == 0)
		return check_servers(cfg);

	for (i = 0; i < p->n; i++) {
		c = dnsclient_check_server(p->addr[i]);
		if (c != DNSSRV_USABLE)
			return fail(-1, "server %s %s", p->addr[i],
			    dnsclient_check_text(c));
		snprintf(cfg->server[i], RC_ADDR_MAX, "%s", p->addr[i]);
	}
	cfg->nservers = p->n;
	return 0;
}

static enum search_libc
libc_of(const struct lookup_opts *o)
{
	return o->libc == LOOKUP_MUSL ? SEARCH_MUSL : SEARCH_GLIBC;
}

/*
 * An address is looked up in reverse, its PTR name asked as is, as
 * nslookup does whatever type was set.
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
	w->qtype = DNS_T_PTR;
	return search_expand(rev, &s->eff, w->libc, &w->list);
}

static const struct dns_msg *
decoded(struct session *s, const struct lookup_query *q)
{
	if (q == NULL || q->x.status != DNSX_REPLY ||
	    dnsmsg_decode(q->x.reply, q->x.len, &s->msg) != DNSMSG_OK)
		return NULL;
	return &s->msg;
}

/*
 * nslookup prints the server, the "Non-authoritative" line and "No
 * answer" for the reply to the type given, or without one for A alone:
 * the AAAA reply that follows adds only its records.
 */
static int
leads(const struct view *v, const struct lookup_query *q)
{
	return v->typed || q->qtype == DNS_T_A;
}

static void
put_header(struct session *s, struct dnsclient *dc, const struct view *v,
    const struct lookup_query *q)
{
	const char *addr = dnsclient_server(dc, q->x.server);

	if (leads(v, q))
		PUT_FORMATTED(s->out, nsfmt_server, v->server_name != NULL ?
		    v->server_name : addr, addr, s->opts.port);
}

static void
put_nonauth(struct session *s, const struct view *v,
    const struct lookup_query *q, const struct dns_msg *m)
{
	char line[64];

	if (m->aa || !leads(v, q))
		return;
	nsfmt_nonauth(line, sizeof(line));
	fputs(line, s->out);
}

/* Who else answers for the name, after a reply without AA. */
static void
put_authority(struct session *s, const struct lookup_query *q,
    const struct dns_msg *m)
{
	if (!m->aa && q->qtype != DNS_T_A && q->qtype != DNS_T_AAAA)
		PUT_FORMATTED(s->out, nsfmt_authority, m);
}

/* A reply with an rcode: nslookup names the name asked, fully. */
static void
put_rcode(struct session *s, struct view *v, const char *asked, int rcode)
{
	char name[SEARCH_TEXT_MAX];
	size_t len;

	search_name_text(asked, name, sizeof(name));
	len = strlen(name);
	if (len > 1 && name[len - 1] == '.')
		name[len - 1] = '\0';
	fprintf(s->out, "** server can't find %s: %s\n", name,
	    dns_rcode_name(rcode));
	v->failed = 1;
}

/*
 * A line for each of the first upto sends that got no reply, to the
 * server it went to, as nslookup prints them: before the reply that
 * came at last, or before giving up.
 */
static void
put_lost_sends(struct session *s, struct dnsclient *dc,
    const struct view *v, const struct lookup_query *q, unsigned upto)
{
	const struct dns_send *d;
	const char *server, *why;
	char line[LINE_CAP];
	unsigned k;

	for (k = 0; k < upto && k < DNSX_SENDS_CAP; k++) {
		d = &q->x.send[k];
		if (d->fate == DNSX_SENT_ANSWERED)
			continue;
		server = dnsclient_server(dc, d->server);
		why = d->fate == DNSX_SENT_REFUSED ? "connection refused" :
		    "timed out";
		if (d->tcp)
			nsfmt_conn_failed(server, s->opts.port, v->name, why,
			    line, sizeof(line));
		else
			nsfmt_comm_error(server, s->opts.port, why, line,
			    sizeof(line));
		fputs(line, s->out);
	}
}

/* nslookup says so as the truncated reply comes, before the answer. */
static void
put_truncated(struct session *s, const struct lookup_query *q)
{
	if (q->x.truncated)
		fputs(";; Truncated, retrying in TCP mode.\n", s->out);
}

/*
 * With -debug, nslookup shows each reply whole before what it makes of
 * it; the AAAA reply it shows is for the end of the A reply's CNAME
 * chain.  Decoded apart: the caller may still be reading s->msg.
 */
static void
put_debug(struct session *s, const struct view *v,
    const struct lookup_query *q)
{
	struct dns_msg *m;

	if (!s->opts.debug || q->x.status != DNSX_REPLY ||
	    (m = malloc(sizeof(*m))) == NULL)
		return;
	if (dnsmsg_decode(q->x.reply, q->x.len, m) == DNSMSG_OK) {
		if (!v->typed && q->qtype == DNS_T_AAAA)
			nsdebug_follow_cnames(m);
		PUT_FORMATTED(s->out, nsdebug_message, m);
	}
	free(m);
}

/* Both types' replies for one candidate, as a NODATA shows them. */
static void
put_debug_candidate(struct session *s, const struct view *v, size_t cand)
{
	const struct lookup_walk *w = &s->walk;
	size_t i;

	for (i = 0; i < w->nq; i++)
		if (!w->q[i].extra && w->q[i].cand == cand)
			put_debug(s, v, &w->q[i]);
}

/*
 * With -debug, nslookup also shows each candidate it gave up on, by
 * the reply of the type it leads with, and fails for its rcode: those
 * walked before until.
 */
static void
put_debug_walked(struct session *s, struct dnsclient *dc, struct view *v,
    size_t until)
{
	const struct lookup_walk *w = &s->walk;
	const struct lookup_query *q;
	size_t k, i;

	for (k = 0; s->opts.debug && k < w->nwalked; k++) {
		if (w->walked[k] == until)
			return;
		for (i = 0; i < w->nq; i++) {
			q = &w->q[i];
			if (q->extra || q->cand != w->walked[k] ||
			    q->x.status != DNSX_REPLY || !leads(v, q))
				continue;
			put_truncated(s, q);
			put_header(s, dc, v, q);
			put_debug(s, v, q);
			if (q->x.rcode != 0)
				put_rcode(s, v, q->name, q->x.rcode);
			break;
		}
	}
}

/*
 * nslookup asks AAAA for the name the A reply's CNAME chain led to, so
 * that reply holds no CNAME: neither is one shown here.
 */
static void
put_records(struct session *s, const struct view *v,
    const struct lookup_query *q, const struct dns_msg *m)
{
	size_t i;

	if (v->typed || q->qtype != DNS_T_AAAA) {
		if (m->nan > 0)
			PUT_FORMATTED(s->out, nsfmt_answer, m);
		return;
	}
	for (i = 0; i < m->nan; i++)
		if (m->an[i].type != DNS_T_CNAME)
			PUT_FORMATTED(s->out, nsfmt_rr, &m->an[i]);
}

/* One reply for the candidate that answered, A then AAAA. */
static void
put_reply(struct session *s, struct dnsclient *dc, struct view *v,
    const struct lookup_query *q, int first)
{
	const struct dns_msg *m = decoded(s, q);

	if (m == NULL)
		return;
	put_lost_sends(s, dc, v, q, q->x.sends - 1);
	put_truncated(s, q);
	if (first)
		put_header(s, dc, v, q);
	put_debug(s, v, q);
	if (m->rcode != 0) {
		put_rcode(s, v, q->name, m->rcode);
		return;
	}
	put_nonauth(s, v, q, m);
	put_records(s, v, q, m);
	put_authority(s, q, m);
}

static void
print_answered(struct session *s, struct dnsclient *dc, struct view *v)
{
	const struct lookup_walk *w = &s->walk;
	int first = 1;
	size_t i;

	put_debug_walked(s, dc, v, w->answered);
	for (i = 0; i < w->nq; i++) {
		if (w->q[i].extra || w->q[i].cand != w->answered ||
		    w->q[i].x.status != DNSX_REPLY)
			continue;
		put_reply(s, dc, v, &w->q[i], first);
		first = 0;
	}
}

/*
 * The query that tells how the walk failed: the first NODATA, which
 * glibc reports over any later error, else the last query of the first
 * type that ended as the walk did.
 */
static const struct lookup_query *
telling_query(const struct lookup_walk *w)
{
	const struct lookup_query *found = NULL, *q;
	size_t i;

	for (i = 0; i < w->nq; i++) {
		q = &w->q[i];
		if (q->extra || q->outcome != w->final ||
		    (found != NULL && found->qtype != q->qtype))
			continue;
		if (w->final == DNS_NODATA)
			return q;
		found = q;
	}
	return found;
}

/*
 * No reply: a line per send that got none, as nslookup prints them.
 * Sends go to the servers in turn, each try starting from the first.
 */
static void
put_no_reply(struct session *s, struct dnsclient *dc, struct view *v,
    const struct lookup_query *q)
{
	char line[LINE_CAP];

	if (q != NULL)
		put_lost_sends(s, dc, v, q, q->x.sends);
	nsfmt_failure(v->name, "timeout", line, sizeof(line));
	fputs(line, s->out);
	v->failed = 1;
}

/* NOERROR without records: not a failure to nslookup. */
static void
put_nodata(struct session *s, struct dnsclient *dc, struct view *v,
    const struct lookup_query *q, const struct dns_msg *m)
{
	char name[SEARCH_TEXT_MAX];

	search_name_text(q->name, name, sizeof(name));
	put_header(s, dc, v, q);
	put_debug_candidate(s, v, q->cand);
	put_nonauth(s, v, q, m);
	if (v->typed)
		fprintf(s->out, "*** Can't find %s: No answer\n", v->name);
	else if (!v->reverse)
		fprintf(s->out, "*** Can't find %s: No answer\n", name);
	put_authority(s, q, m);
}

/* A reply that could not be read counts as none, as in nslookup. */
static void
put_bad_reply(struct session *s, struct dnsclient *dc, struct view *v,
    const struct lookup_query *q)
{
	char line[LINE_CAP];

	fprintf(s->out, ";; Got bad packet from %s\n",
	    dnsclient_server(dc, q->x.server));
	nsfmt_failure(v->name, "timeout", line, sizeof(line));
	fputs(line, s->out);
	v->failed = 1;
}

static void
print_failed(struct session *s, struct dnsclient *dc, struct view *v)
{
	const struct lookup_query *q = telling_query(&s->walk);
	const struct dns_msg *m = decoded(s, q);
	char line[LINE_CAP];

	/* Every suffix too long, and no-tld-query or musl: nothing asked. */
	if (s->walk.nq == 0) {
		fprintf(s->out, ";; no query could be made of %s\n", v->name);
		v->failed = 1;
		return;
	}
	put_debug_walked(s, dc, v, q != NULL ? q->cand : s->walk.list.ncand);
	if (m == NULL && q != NULL && q->x.status == DNSX_REPLY) {
		put_bad_reply(s, dc, v, q);
		return;
	}
	if (m == NULL) {
		put_no_reply(s, dc, v, q);
		return;
	}
	put_truncated(s, q);
	if (m->rcode == 0 && s->walk.final == DNS_NODATA) {
		put_nodata(s, dc, v, q, m);
		return;
	}

	if (m->rcode == RCODE_SERVFAIL) {
		nsfmt_servfail(dnsclient_server(dc, q->x.server), line,
		    sizeof(line));
		fputs(line, s->out);
	}
	put_header(s, dc, v, q);
	put_debug(s, v, q);
	put_rcode(s, v, v->reverse ? q->name : v->name,
	    m->rcode != 0 ? m->rcode : RCODE_FORMERR);
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
	struct search_list *list = malloc(sizeof(*list));
	struct lookup_end end;
	char line[LINE_CAP];

	if (list == NULL || search_expand(name, &s->eff,
	    lookup_other_libc(&s->walk), list) != SEARCH_OK) {
		free(list);
		return;
	}
	lookup_walk_other(&s->walk, dc, list, &end);
	trace_queries(s, dc, 1);
	trace_compare(&s->walk, &end, line, sizeof(line));
	put_line(s->out, line);
	free(list);
}

static void
print_trace(struct session *s, struct dnsclient *dc, const struct view *v)
{
	const struct lookup_walk *w = &s->walk;
	char line[LINE_CAP];

	fprintf(s->out, "\n;; search trace, %s rules, ndots:%d, %zu search "
	    "domain%s\n", w->libc == SEARCH_MUSL ? "musl" : "glibc",
	    s->eff.ndots, s->eff.nsearch, s->eff.nsearch == 1 ? "" : "s");
	trace_queries(s, dc, 0);
	trace_explain(w, v->name, s->eff.ndots, s->eff.nsearch, line,
	    sizeof(line));
	put_line(s->out, line);
	trace_nodata(w, v->name, line, sizeof(line));
	put_line(s->out, line);
	trace_waste(w, v->name, line, sizeof(line));
	put_line(s->out, line);
	trace_stall(w, (int64_t)resolvconf_wait_s(&s->eff) * 1000000000LL,
	    line, sizeof(line));
	put_line(s->out, line);
	trace_tcp(w, line, sizeof(line));
	put_line(s->out, line);
	trace_total(w, line, sizeof(line));
	put_line(s->out, line);
	if (!v->reverse)
		trace_other_libc(s, dc, v->name);
}

static int
open_client(struct session *s, const struct pick *p, struct dnsclient **dc)
{
	struct dnsclient_config cfg;
	enum dnsclient_status st;

	if (client_config(s, p, &cfg) != 0)
		return PROBE_EXIT_USAGE;
	st = dnsclient_open(&cfg, dc);
	if (st != DNSCLIENT_OK && p->n > 0)
		return fail(PROBE_EXIT_USAGE, "server %s: %s", p->name != NULL ?
		    p->name : p->addr[0], dnsclient_strerror(st));
	if (st != DNSCLIENT_OK)
		return fail(PROBE_EXIT_USAGE, "%s: %s; check its nameserver "
		    "lines or give a server", s->opts.resolv_conf,
		    dnsclient_strerror(st));
	return PROBE_EXIT_OK;
}

/*
 * The server of a lookup: as given, or, for a host name, its addresses
 * as nslookup finds them; the header then shows the name.  A name that
 * does not resolve ends the run, as it ends nslookup.
 */
static int
pick_server(struct session *s, const char *server, struct pick *p)
{
	const char *why;

	memset(p, 0, sizeof(*p));
	if (server == NULL || server[0] == '\0')
		return PROBE_EXIT_OK;
	if (dnsclient_check_server(server) != DNSSRV_NOT_ADDRESS) {
		snprintf(p->addr[0], RC_ADDR_MAX, "%s", server);
		p->n = 1;
		return PROBE_EXIT_OK;
	}
	if (lookup_server_addresses(server, p->addr, RC_MAXNS, &p->n,
	    &why) != 0) {
		s->no_server = 1;
		return fail(PROBE_EXIT_NOREPLY, "cannot find the address of "
		    "server %s: %s; give its address", server, why);
	}
	p->name = server;
	return PROBE_EXIT_OK;
}

/*
 * One name: the walk, nslookup's lines for it, then the trace.  The
 * blank line nslookup ends with is the caller's: it comes once, at the
 * very end.
 */
static int
do_lookup(struct session *s, const char *name, const char *server)
{
	struct view v = { name, NULL, s->opts.qtype != 0, 0, 0 };
	struct dnsclient *dc;
	struct pick p;
	enum search_status st;
	int rc;

	apply_options(s);
	st = plan(s, name, &v.reverse);
	if (st != SEARCH_OK)
		return fail(PROBE_EXIT_USAGE, "bad name \"%s\": %s; %s", name,
		    search_strerror(st), search_name_hint);
	rc = pick_server(s, server, &p);
	v.server_name = p.name;
	if (rc == PROBE_EXIT_OK)
		rc = open_client(s, &p, &dc);
	if (rc != PROBE_EXIT_OK)
		return rc;

	lookup_walk_run(&s->walk, dc);
	if (s->walk.answered < s->walk.list.ncand)
		print_answered(s, dc, &v);
	else
		print_failed(s, dc, &v);
	if (s->opts.trace)
		print_trace(s, dc, &v);
	fflush(s->out);

	lookup_walk_free(&s->walk);
	dnsclient_close(dc);
	return v.failed ? PROBE_EXIT_NOREPLY : PROBE_EXIT_OK;
}

static void
show_server(struct session *s)
{
	const char *one = s->opts.server;
	struct pick p;
	size_t i;

	apply_options(s);
	if (one[0] == '\0' && resolvconf_used_servers(&s->eff) == 0)
		one = "127.0.0.1";
	if (one[0] != '\0') {
		if (pick_server(s, one, &p) != PROBE_EXIT_OK)
			return;
		for (i = 0; i < p.n; i++)
			fprintf(s->out, "Default server: %s\nAddress: %s#%u\n",
			    one, p.addr[i], s->opts.port);
		return;
	}
	for (i = 0; i < s->eff.nns; i++)
		if (!s->eff.ns[i].ignored)
			fprintf(s->out, "Default server: %s\nAddress: %s#%u\n",
			    s->eff.ns[i].addr, s->eff.ns[i].addr,
			    s->opts.port);
}

static const char *
default_server(struct session *s)
{
	apply_options(s);
	if (s->opts.server[0] != '\0')
		return s->opts.server;
	return s->eff.nns > 0 ? s->eff.ns[0].addr : "127.0.0.1";
}

/* A server that cannot be used leaves the one before in place. */
static void
change_server(struct session *s, const char *server)
{
	enum dnsclient_check c = dnsclient_check_server(server);
	struct pick p;

	if (c != DNSSRV_USABLE && c != DNSSRV_NOT_ADDRESS)
		fail(0, "server %s %s", server, dnsclient_check_text(c));
	else if (pick_server(s, server, &p) == PROBE_EXIT_OK)
		snprintf(s->opts.server, sizeof(s->opts.server), "%s",
		    server);
}

/* Returns 1 when the command ends the session. */
static int
run_command(struct session *s, const char *line)
{
	char err[CLI_ERR_MAX];
	struct lookup_cmd cmd;

	switch (lookup_cmd_parse(line, &s->opts, &cmd, err, sizeof(err))) {
	case LCMD_LOOKUP:
		s->looked_up = 1;
		if (do_lookup(s, cmd.arg, cmd.server2[0] != '\0' ?
		    cmd.server2 : s->opts.server) != PROBE_EXIT_OK)
			s->failed = 1;
		break;
	case LCMD_SERVER:
		if (cmd.arg[0] != '\0')
			change_server(s, cmd.arg);
		if (!s->no_server)
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
	return s->no_server;
}

/*
 * Reads commands until exit or the end of input; a terminal gets "> ".
 * As with nslookup, the exit status says whether any lookup failed.
 */
static int
interactive(struct session *s)
{
	char line[LINE_CAP], err[CLI_ERR_MAX];
	int tty = isatty(STDIN_FILENO);
	enum lookup_read r;

	for (;;) {
		if (tty) {
			fputs("> ", s->out);
			fflush(s->out);
		}
		r = lookup_read_line(stdin, line, sizeof(line), err,
		    sizeof(err));
		if (r == LREAD_END)
			break;
		if (r == LREAD_TOO_LONG) {
			fail(0, "%s", err);
			continue;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (run_command(s, line))
			break;
		fflush(s->out);
	}
	if (s->no_server)
		return PROBE_EXIT_NOREPLY;
	fputc('\n', s->out);
	return s->failed || !s->looked_up ? PROBE_EXIT_NOREPLY :
	    PROBE_EXIT_OK;
}

static int
one_name(struct session *s)
{
	int rc = do_lookup(s, s->opts.name, s->opts.server);

	if (rc != PROBE_EXIT_USAGE && !s->no_server)
		fputc('\n', s->out);
	return rc;
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
	return one_name(&s);
}
