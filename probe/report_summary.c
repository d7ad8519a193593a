/*
 * The end of a run in text: the totals as nping prints them, a block
 * per host when there are several targets, then a verdict per address
 * and port.
 */
#include <stdio.h>

#include "format.h"
#include "format_connect.h"
#include "report.h"
#include "verdict.h"

#define LINE_MAX_LEN	1024
#define ADDR_TEXT	64

static void
put(FILE *f, const char *line)
{
	fputs(line, f);
	fputc('\n', f);
}

static void
totals(const struct report_text *r, const struct event *ev)
{
	char line[LINE_MAX_LEN];

	fputc('\n', r->out);
	format_rtt_line(ev->stats, line, sizeof(line));
	put(r->out, line);
	if (ev->connect_mode)
		format_connect_summary(ev->attempts, ev->successes, line,
		    sizeof(line));
	else
		format_packets_line(ev->stats, line, sizeof(line));
	put(r->out, line);
}

static void
host_blocks(const struct report_text *r, const struct event *ev)
{
	char line[LINE_MAX_LEN];
	size_t h;

	if (ev->ntargets < 2)
		return;
	for (h = 0; h < ev->nhosts; h++) {
		format_host_stats(ev->hosts[h].name, ev->hosts[h].addr,
		    &ev->hosts[h].stats, line, sizeof(line));
		put(r->out, line);
	}
}

/* A target never probed: its name, its port if known, and why. */
static void
unresolved_line(const struct report_text *r, const struct probe_target *t)
{
	if (t->port != 0)
		fprintf(r->out, "%s port %u: unresolved (%s)\n", t->name,
		    t->port, t->why);
	else
		fprintf(r->out, "%s: unresolved (%s)\n", t->name, t->why);
}

static void
verdicts(const struct report_text *r, const struct event *ev)
{
	char line[LINE_MAX_LEN], from[ADDR_TEXT];
	struct verdict_input v;
	size_t i;

	for (i = 0; i < ev->ntargets; i++) {
		if (ev->targets[i].unresolved) {
			unresolved_line(r, &ev->targets[i]);
			continue;
		}
		target_verdict_input(&ev->targets[i], from, sizeof(from), &v);
		format_verdict_line(&v, line, sizeof(line));
		put(r->out, line);
	}
}

/* "3 endpoints: 2 open, 1 closed, 0 rejected, 0 filtered, 0 unresolved" */
static void
check_total(const struct report_text *r, const struct event *ev)
{
	unsigned n[4] = { 0, 0, 0, 0 }, unresolved = 0;
	char from[ADDR_TEXT];
	struct verdict_input v;
	size_t i;

	for (i = 0; i < ev->ntargets; i++) {
		if (ev->targets[i].unresolved) {
			unresolved++;
			continue;
		}
		target_verdict_input(&ev->targets[i], from, sizeof(from), &v);
		n[verdict_of(&v)]++;
	}
	fprintf(r->out, "%zu endpoint%s: %u open, %u closed, %u rejected, "
	    "%u filtered, %u unresolved in %.2f s\n", ev->ntargets,
	    ev->ntargets == 1 ? "" : "s", n[VERDICT_OPEN],
	    n[VERDICT_CLOSED], n[VERDICT_REJECTED], n[VERDICT_FILTERED],
	    unresolved, (double)ev->t_ns / 1e9);
}

void
report_text_summary(const struct report_text *r, const struct event *ev)
{
	char line[LINE_MAX_LEN];

	if (ev->check_mode) {
		if (r->quiet == 0)
			totals(r, ev);
		verdicts(r, ev);
		check_total(r, ev);
		fflush(r->out);
		return;
	}
	if (r->quiet < 2) {
		totals(r, ev);
		host_blocks(r, ev);
	}
	verdicts(r, ev);
	if (r->quiet < 2) {
		format_done_line(ev->naddr, ev->t_ns, line, sizeof(line));
		put(r->out, line);
	}
	fflush(r->out);
}
