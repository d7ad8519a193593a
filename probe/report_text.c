/*
 * Text output in the layout operators know from nping, one line per
 * event.  Lines are flushed at once so a pipe sees each probe as it
 * happens.
 */
#include <arpa/inet.h>
#include <stdio.h>

#include "format.h"
#include "report.h"

#define LINE_MAX_LEN	512

static void
put(FILE *f, const char *line)
{
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

	if (r->verbose < 1)
		return;
	fprintf(r->diag, "probe: query %s A: %s", c->name,
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
	char line[LINE_MAX_LEN], addr[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &ev->addr, addr, sizeof(addr));
	format_resolution_line(ev->name,
	    &res->list.cand[res->asked[res->answered]], ev->rc->nsearch,
	    addr, res->took_ns, line, sizeof(line));
	put(r->out, line);
}

static void
on_packet(const struct report_text *r, const struct event *ev,
    const char *tag)
{
	char line[LINE_MAX_LEN];

	format_tcp_line(tag, ev->t_ns, ev->pkt, line, sizeof(line));
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
		format_tcp_line("IGNORED", ev->t_ns, ev->pkt, line,
		    sizeof(line));
		fprintf(r->diag, "probe: %s: %s\n", ev->why, line);
	} else {
		fprintf(r->diag, "probe: ignored a packet: %s\n", ev->why);
	}
	fflush(r->diag);
}

static void
on_summary(const struct report_text *r, const struct event *ev)
{
	char line[LINE_MAX_LEN];

	fputc('\n', r->out);
	format_rtt_line(ev->stats, line, sizeof(line));
	put(r->out, line);
	format_packets_line(ev->stats, line, sizeof(line));
	put(r->out, line);
	format_done_line(ev->naddr, ev->t_ns, line, sizeof(line));
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
	case EV_SUMMARY:	on_summary(r, ev); break;
	}
}
