/*
 * Text output in the layout operators know from nping, one line per
 * event.  Lines are flushed at once so a pipe sees each probe as it
 * happens.
 */
#include <stdio.h>

#include "format.h"
#include "format_connect.h"
#include "report.h"

#define LINE_MAX_LEN	2048	/* a resolved line lists 32 IPv6 addresses */

static void
put(FILE *f, const char *line)
{
	if (line[0] == '\0')
		return;
	fputs(line, f);
	fputc('\n', f);
	fflush(f);
}

static void
on_query(const struct report_text *r, const struct event *ev)
{
	const struct resolution *res = ev->res;
	const struct dns_result *dr = &res->result[ev->step];
	const struct search_cand *c = &res->list.cand[res->asked[ev->step]];
	char name[SEARCH_TEXT_MAX];

	if (r->verbose < 1)
		return;
	search_name_text(c->name, name, sizeof(name));
	fprintf(r->diag, "probe: query %s: %s", name,
	    dns_outcome_name(dr->outcome));
	if (dr->outcome == DNS_ANSWER)
		fprintf(r->diag, " (%zu address%s)", dr->naddr,
		    dr->naddr == 1 ? "" : "es");
	fprintf(r->diag, " in %.1f ms\n", (double)dr->took_ns / 1e6);
	fflush(r->diag);
}

static void
on_resolved(const struct report_text *r, const struct event *ev)
{
	const struct resolution *res = ev->res;
	char line[LINE_MAX_LEN];

	if (r->quiet > 1 || (r->check && r->verbose == 0))
		return;
	format_resolution_line(ev->name,
	    &res->list.cand[res->asked[res->answered]], ev->rc->nsearch,
	    ev->addr_text, res->took_ns, line, sizeof(line));
	put(r->out, line);
}

static void
on_packet(const struct report_text *r, const struct event *ev,
    const char *tag)
{
	char line[LINE_MAX_LEN];

	if (r->quiet > 0 || (r->hide_sent && ev->kind == EV_SENT))
		return;
	format_packet_line(tag, ev->t_ns, ev->pkt, line, sizeof(line));
	if (ev->match == MATCH_DUPLICATE || ev->match == MATCH_LATE)
		fprintf(r->out, "%s [%s]\n", line, match_kind_name(ev->match));
	else
		fprintf(r->out, "%s\n", line);
	fflush(r->out);
}

static void
on_ignored(const struct report_text *r, const struct event *ev)
{
	char line[LINE_MAX_LEN];

	if (r->verbose < 2)
		return;
	if (ev->pkt != NULL) {
		format_packet_line("IGNORED", ev->t_ns, ev->pkt, line,
		    sizeof(line));
		fprintf(r->diag, "probe: %s: %s\n", ev->why, line);
	} else {
		fprintf(r->diag, "probe: ignored a packet: %s\n", ev->why);
	}
	fflush(r->diag);
}

static void
on_connect(const struct report_text *r, const struct event *ev)
{
	char line[LINE_MAX_LEN];

	if (r->quiet > 0)
		return;
	if (ev->kind == EV_CONNECT_START && !r->hide_sent)
		format_connect_start(ev->t_ns, ev->target, line,
		    sizeof(line));
	else if (ev->kind == EV_CONNECT_DONE)
		format_connect_done(ev->t_ns, ev->target, ev->conn,
		    ev->conn_errno, line, sizeof(line));
	else
		return;
	put(r->out, line);
}

static void
on_warning(const struct report_text *r, const struct event *ev)
{
	const struct rc_warning *w = &ev->rc->warn[ev->warning];

	if (r->verbose < 1)
		return;
	if (w->line > 0)
		fprintf(r->diag, "probe: resolv.conf line %d: %s\n", w->line,
		    w->text);
	else
		fprintf(r->diag, "probe: resolv.conf: %s\n", w->text);
}

void
report_text_event(const struct event *ev, void *arg)
{
	const struct report_text *r = arg;

	switch (ev->kind) {
	case EV_CONFIG_WARNING:	on_warning(r, ev); break;
	case EV_QUERY:		on_query(r, ev); break;
	case EV_RESOLVED:	on_resolved(r, ev); break;
	case EV_SENT:		on_packet(r, ev, "SENT"); break;
	case EV_REPLY:		on_packet(r, ev, "RCVD"); break;
	case EV_IGNORED:	on_ignored(r, ev); break;
	case EV_CONNECT_START:
	case EV_CONNECT_DONE:	on_connect(r, ev); break;
	case EV_SUMMARY:	report_text_summary(r, ev); break;
	}
}
