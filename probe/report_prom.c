/*
 * A run's metrics in the Prometheus text exposition format (0.0.4):
 * each metric's HELP and TYPE once, then its samples, written at the
 * summary.  The names are the blackbox exporter's where it has one, so
 * that dashboards and alerts made for it read these too.  Samples carry
 * no timestamp: the textfile collector refuses them.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report_prom.h"
#include "verdict.h"

#define NS_PER_S	UINT64_C(1000000000)
#define FRAC_TEXT	16
#define LOOKUP_FIRST	8

/* The label values of the text format escape these three alone. */
static void
label_value(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':	fputs("\\\\", f); break;
		case '"':	fputs("\\\"", f); break;
		case '\n':	fputs("\\n", f); break;
		default:	fputc(*s, f); break;
		}
	}
}

/* Nanoseconds as seconds, exactly: "2.03", "0.000036123", "1". */
static void
seconds(FILE *f, int64_t ns)
{
	uint64_t u = ns < 0 ? -(uint64_t)ns : (uint64_t)ns;
	char frac[FRAC_TEXT];
	size_t n;

	snprintf(frac, sizeof(frac), "%09" PRIu64, u % NS_PER_S);
	n = strlen(frac);
	while (n > 0 && frac[n - 1] == '0')
		frac[--n] = '\0';
	fprintf(f, "%s%" PRIu64 "%s%s", ns < 0 ? "-" : "", u / NS_PER_S,
	    n > 0 ? "." : "", frac);
}

static void
header(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* The name and labels of an endpoint's sample, the brace left open. */
static void
endpoint_sample(FILE *f, const char *metric, const struct probe_target *t)
{
	fprintf(f, "%s{target=\"", metric);
	label_value(f, t->name);
	fputs("\",address=\"", f);
	label_value(f, t->unresolved ? "" : t->addr);
	fprintf(f, "\",port=\"%u\"", t->port);
}

static void
success(FILE *f, const struct event *ev)
{
	struct verdict_input v;
	char from[INET6_ADDRSTRLEN];
	size_t i;

	header(f, "probe_success", "gauge",
	    "Whether the endpoint answered a SYN with a SYN-ACK.");
	for (i = 0; i < ev->ntargets; i++) {
		target_verdict_input(&ev->targets[i], from, sizeof(from), &v);
		endpoint_sample(f, "probe_success", &ev->targets[i]);
		fprintf(f, "} %d\n", verdict_of(&v) == VERDICT_OPEN);
	}
}

static void
duration(FILE *f, const struct event *ev)
{
	header(f, "probe_duration_seconds", "gauge",
	    "How long the run took: names, setup and probes.");
	fputs("probe_duration_seconds ", f);
	seconds(f, ev->t_ns);
	fputc('\n', f);
}

static void
lookups(FILE *f, const struct report_prom *r)
{
	size_t i;

	header(f, "probe_dns_lookup_time_seconds", "gauge",
	    "Time to resolve the name through the search list.");
	for (i = 0; i < r->nlookup; i++) {
		fputs("probe_dns_lookup_time_seconds{target=\"", f);
		label_value(f, r->lookup[i].name);
		fputs("\"} ", f);
		seconds(f, r->lookup[i].took_ns);
		fputc('\n', f);
	}
}

static void
rtt_sample(FILE *f, const struct probe_target *t, const char *stat,
    int64_t ns)
{
	endpoint_sample(f, "probe_tcp_rtt_seconds", t);
	fprintf(f, ",stat=\"%s\"} ", stat);
	seconds(f, ns);
	fputc('\n', f);
}

/* Endpoints nothing answered have no RTT, and no sample. */
static void
rtts(FILE *f, const struct event *ev)
{
	const struct probe_target *t;
	size_t i;

	header(f, "probe_tcp_rtt_seconds", "gauge",
	    "Round-trip time of the answered probes, by stat: min, avg, max.");
	for (i = 0; i < ev->ntargets; i++) {
		t = &ev->targets[i];
		if (t->stats.nrtt == 0)
			continue;
		rtt_sample(f, t, "min", t->stats.rtt_min);
		rtt_sample(f, t, "avg", stats_rtt_avg(&t->stats));
		rtt_sample(f, t, "max", t->stats.rtt_max);
	}
}

static void
counts(FILE *f, const struct event *ev)
{
	struct verdict_input v;
	char from[INET6_ADDRSTRLEN];
	size_t i;

	header(f, "probe_tcp_sent_total", "counter",
	    "Probes sent to the endpoint.");
	for (i = 0; i < ev->ntargets; i++) {
		endpoint_sample(f, "probe_tcp_sent_total", &ev->targets[i]);
		fprintf(f, "} %u\n", ev->targets[i].sent);
	}

	header(f, "probe_tcp_answered_total", "counter",
	    "Probes answered: by a SYN-ACK, a RST or an ICMP error.");
	for (i = 0; i < ev->ntargets; i++) {
		target_verdict_input(&ev->targets[i], from, sizeof(from), &v);
		endpoint_sample(f, "probe_tcp_answered_total",
		    &ev->targets[i]);
		fprintf(f, "} %u\n", verdict_answered(&v));
	}
}

static struct prom_lookup *
find_lookup(struct report_prom *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nlookup; i++)
		if (strcmp(r->lookup[i].name, name) == 0)
			return &r->lookup[i];
	return NULL;
}

static struct prom_lookup *
add_lookup(struct report_prom *r, const char *name)
{
	size_t cap = r->cap > 0 ? r->cap * 2 : LOOKUP_FIRST;
	struct prom_lookup *grown, *l;

	if (r->nlookup == r->cap) {
		grown = realloc(r->lookup, cap * sizeof(*grown));
		if (grown == NULL)
			return NULL;
		r->lookup = grown;
		r->cap = cap;
	}

	l = &r->lookup[r->nlookup];
	l->name = strdup(name);
	if (l->name == NULL)
		return NULL;
	r->nlookup++;
	return l;
}

/*
 * A name given twice is one series: two samples with the same labels
 * make the whole file unreadable to the textfile collector.
 */
static void
remember_lookup(struct report_prom *r, const struct event *ev)
{
	struct prom_lookup *l = find_lookup(r, ev->name);

	if (l == NULL)
		l = add_lookup(r, ev->name);
	if (l != NULL)
		l->took_ns = ev->res->took_ns;
}

static void
summary(const struct report_prom *r, const struct event *ev)
{
	success(r->out, ev);
	duration(r->out, ev);
	lookups(r->out, r);
	rtts(r->out, ev);
	counts(r->out, ev);
	fflush(r->out);
}

void
report_prom_event(const struct event *ev, void *arg)
{
	struct report_prom *r = arg;

	if (ev->kind == EV_RESOLVED)
		remember_lookup(r, ev);
	else if (ev->kind == EV_SUMMARY)
		summary(r, ev);
}

void
report_prom_free(struct report_prom *r)
{
	size_t i;

	for (i = 0; i < r->nlookup; i++)
		free(r->lookup[i].name);
	free(r->lookup);
	r->lookup = NULL;
	r->nlookup = r->cap = 0;
}
