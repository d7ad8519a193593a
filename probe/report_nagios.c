/*
 * One Nagios plugin line at the summary.  An endpoint that is not open
 * is CRITICAL, with its verdict in the text; an open one is measured
 * against the critical, then the warning levels, by its average RTT
 * and its loss.  The line and the performance data are those of the
 * worst endpoint: the highest status, then the most loss, then the
 * slowest.
 */
#include <arpa/inet.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "report_nagios.h"
#include "verdict.h"

#define LINE_MAX_LEN	1024
#define NUM_TEXT	32
#define LEVEL_DECIMALS	6
#define ENDPOINT_TEXT	(TARGET_NAME_MAX + sizeof("[]:65535"))

/* What one endpoint shows, and its status. */
struct reading {
	const struct probe_target *t;
	struct verdict_input v;
	char from[INET6_ADDRSTRLEN];	/* v.rejected_from points here */
	int has_rtt;
	double rtt_ms;
	double loss_pct;
	enum nagios_status st;
};

/* Digits with at most one point: no sign, exponent, inf or nan. */
static const char *
number(const char *s, double *out)
{
	const char *p = s;
	int digits = 0, point = 0;

	for (;; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && !point)
			point = 1;
		else
			break;
	}
	if (digits == 0)
		return NULL;
	*out = strtod(s, NULL);
	return isfinite(*out) ? p : NULL;
}

/* A loss alone, "20%", is told from an RTT by its '%'. */
int
nagios_parse_threshold(const char *s, struct nagios_threshold *t)
{
	struct nagios_threshold n = { 0 };
	const char *p = s;

	if (p == NULL)
		return -1;
	if (*p != ',' && strchr(p, ',') == NULL && strchr(p, '%') != NULL) {
		p = number(p, &n.loss_pct);
		if (p == NULL || strcmp(p, "%") != 0 || n.loss_pct > 100)
			return -1;
		n.has_loss = 1;
		*t = n;
		return 0;
	}
	if (*p != ',') {
		p = number(p, &n.rtt_ms);
		if (p == NULL)
			return -1;
		n.has_rtt = 1;
	}

	if (*p == ',') {
		p = number(p + 1, &n.loss_pct);
		if (p == NULL || *p != '%' || n.loss_pct > 100)
			return -1;
		p++;
		n.has_loss = 1;
	}
	if (*p != '\0')
		return -1;
	*t = n;
	return 0;
}

static int
beyond(const struct nagios_threshold *th, const struct reading *x)
{
	return (th->has_rtt && x->has_rtt && x->rtt_ms > th->rtt_ms) ||
	    (th->has_loss && x->loss_pct > th->loss_pct);
}

static void
read_endpoint(const struct report_nagios *r, const struct probe_target *t,
    struct reading *x)
{
	x->t = t;
	target_verdict_input(t, x->from, sizeof(x->from), &x->v);
	x->has_rtt = t->stats.nrtt > 0;
	x->rtt_ms = (double)stats_rtt_avg(&t->stats) / 1e6;
	x->loss_pct = stats_loss_pct(&t->stats);

	if (t->unresolved || verdict_of(&x->v) != VERDICT_OPEN)
		x->st = NAGIOS_CRITICAL;
	else if (beyond(&r->crit, x))
		x->st = NAGIOS_CRITICAL;
	else if (beyond(&r->warn, x))
		x->st = NAGIOS_WARNING;
	else
		x->st = NAGIOS_OK;
}

static int
worse(const struct reading *a, const struct reading *b)
{
	if (a->st != b->st)
		return a->st > b->st;
	if (a->loss_pct != b->loss_pct)
		return a->loss_pct > b->loss_pct;
	return a->has_rtt && (!b->has_rtt || a->rtt_ms > b->rtt_ms);
}

static const char *
status_word(enum nagios_status st)
{
	switch (st) {
	case NAGIOS_OK:		return "OK";
	case NAGIOS_WARNING:	return "WARNING";
	case NAGIOS_CRITICAL:	return "CRITICAL";
	case NAGIOS_UNKNOWN:	break;
	}
	return "UNKNOWN";
}

/* v with at most decimals places, and no trailing zeros: "100", "0.5". */
static void
trimmed(double v, int decimals, char *buf, size_t cap)
{
	size_t n;

	snprintf(buf, cap, "%.*f", decimals, v);
	if (strchr(buf, '.') == NULL)
		return;
	n = strlen(buf);
	while (buf[n - 1] == '0')
		buf[--n] = '\0';
	if (buf[n - 1] == '.')
		buf[n - 1] = '\0';
}

/* "name:port", an IPv6 address in brackets (RFC 5952, section 6). */
static void
endpoint_text(const struct probe_target *t, char *buf, size_t cap)
{
	if (strchr(t->name, ':') != NULL)
		snprintf(buf, cap, "[%s]:%u", t->name, t->port);
	else
		snprintf(buf, cap, "%s:%u", t->name, t->port);
}

/*
 * "0.036 ms response time on mysql:3306", with the loss when there was
 * any; the verdict line of the text output for an endpoint not open.
 */
static void
describe(const struct reading *x, char *buf, size_t cap)
{
	char where[ENDPOINT_TEXT], loss[NUM_TEXT];
	size_t n;

	endpoint_text(x->t, where, sizeof(where));
	if (x->t->unresolved) {
		n = (size_t)snprintf(buf, cap, "%s: unresolved", where);
		if (x->t->why[0] != '\0' && n < cap)
			snprintf(buf + n, cap - n, " (%s)", x->t->why);
		return;
	}
	if (verdict_of(&x->v) != VERDICT_OPEN) {
		format_verdict_line(&x->v, buf, cap);
		return;
	}

	trimmed(x->loss_pct, 2, loss, sizeof(loss));
	if (x->has_rtt)
		n = (size_t)snprintf(buf, cap, "%.3f ms response time on %s",
		    x->rtt_ms, where);
	else
		n = (size_t)snprintf(buf, cap, "open on %s", where);
	if (x->loss_pct > 0 && n < cap)
		snprintf(buf + n, cap - n, ", %s%% loss", loss);
}

/*
 * A level as given, or "" when it is unset: nanoseconds are the sixth
 * decimal of a millisecond.
 */
static void
level(int has, double v, char *buf, size_t cap)
{
	if (has)
		trimmed(v, LEVEL_DECIMALS, buf, cap);
	else
		buf[0] = '\0';
}

/* "rtt=0.036ms;W;C;0 loss=0%;W;C;0;100", U for an RTT never measured. */
static void
perfdata(const struct report_nagios *r, const struct reading *x,
    char *buf, size_t cap)
{
	char rtt[NUM_TEXT], loss[NUM_TEXT];
	char wr[NUM_TEXT], cr[NUM_TEXT], wl[NUM_TEXT], cl[NUM_TEXT];

	if (x->has_rtt)
		snprintf(rtt, sizeof(rtt), "%.3fms", x->rtt_ms);
	else
		snprintf(rtt, sizeof(rtt), "U");
	trimmed(x->loss_pct, 2, loss, sizeof(loss));
	level(r->warn.has_rtt, r->warn.rtt_ms, wr, sizeof(wr));
	level(r->crit.has_rtt, r->crit.rtt_ms, cr, sizeof(cr));
	level(r->warn.has_loss, r->warn.loss_pct, wl, sizeof(wl));
	level(r->crit.has_loss, r->crit.loss_pct, cl, sizeof(cl));
	snprintf(buf, cap, "rtt=%s;%s;%s;0 loss=%s%%;%s;%s;0;100", rtt, wr,
	    cr, loss, wl, cl);
}

/*
 * '|' starts the performance data and a newline the long output: a
 * name holding either must not break the line.
 */
static void
plain(char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|')
			*s = '/';
		else if ((unsigned char)*s < ' ')
			*s = ' ';
	}
}

static void
put_line(struct report_nagios *r, enum nagios_status st, char *text,
    const char *perf)
{
	plain(text);
	fprintf(r->out, "TCP %s - %s%s%s\n", status_word(st), text,
	    perf[0] != '\0' ? "|" : "", perf);
	fflush(r->out);
	r->status = st;
	r->done = 1;
}

/* The index of the worst of the targets. */
static size_t
worst(const struct report_nagios *r, const struct event *ev)
{
	struct reading best, x;
	size_t i, w = 0;

	read_endpoint(r, &ev->targets[0], &best);
	for (i = 1; i < ev->ntargets; i++) {
		read_endpoint(r, &ev->targets[i], &x);
		if (worse(&x, &best)) {
			best = x;
			w = i;
		}
	}
	return w;
}

/*
 * The worst is read again rather than copied: a reading's verdict
 * input points at the sender text it holds.
 */
static void
summary(struct report_nagios *r, const struct event *ev)
{
	char text[LINE_MAX_LEN], perf[LINE_MAX_LEN];
	struct reading x;
	size_t n;

	if (ev->ntargets == 0) {
		report_nagios_fail(r, NAGIOS_UNKNOWN, "no endpoint to probe");
		return;
	}
	read_endpoint(r, &ev->targets[worst(r, ev)], &x);

	describe(&x, text, sizeof(text));
	n = strlen(text);
	if (ev->ntargets > 1 && n < sizeof(text))
		snprintf(text + n, sizeof(text) - n, " (worst of %zu "
		    "endpoints)", ev->ntargets);
	perfdata(r, &x, perf, sizeof(perf));
	put_line(r, x.st, text, perf);
}

void
report_nagios_event(const struct event *ev, void *arg)
{
	if (ev->kind == EV_SUMMARY)
		summary(arg, ev);
}

void
report_nagios_fail(struct report_nagios *r, enum nagios_status st,
    const char *why)
{
	char text[LINE_MAX_LEN];

	snprintf(text, sizeof(text), "%s", why);
	put_line(r, st, text, "");
}

int
report_nagios_status(const struct report_nagios *r)
{
	return r->done ? (int)r->status : NAGIOS_UNKNOWN;
}
