/*
 * Output of a Nagios plugin: one line for one endpoint, its status in
 * words, performance data after a '|' in the plugin guidelines' form,
 * and the matching exit status.  With several endpoints the line is
 * the worst one's, and says so.
 */
#ifndef PROBE_REPORT_NAGIOS_H
#define PROBE_REPORT_NAGIOS_H

#include <stdio.h>

#include "events.h"

/* The plugin exit statuses. */
enum nagios_status {
	NAGIOS_OK = 0,
	NAGIOS_WARNING = 1,
	NAGIOS_CRITICAL = 2,
	NAGIOS_UNKNOWN = 3,
};

/*
 * A level is passed when the average RTT or the loss is above it, as
 * the plugin guidelines read a plain number N: outside 0 to N.
 */
struct nagios_threshold {
	int has_rtt, has_loss;		/* 0: that part is unset */
	double rtt_ms;
	double loss_pct;		/* 0 to 100 */
};

struct report_nagios {
	FILE *out;
	struct nagios_threshold warn, crit;
	int done;			/* the line is out */
	enum nagios_status status;	/* valid once done */
};

/*
 * Parses check_ping's "RTT,LOSS%": "100,20%", "100" or ",20%", RTT in
 * milliseconds, and "20%" for a loss alone.  Returns 0 and fills t, or
 * -1 and leaves it untouched.
 */
int nagios_parse_threshold(const char *s, struct nagios_threshold *t);

/* An event_fn; arg is a struct report_nagios.  Writes at EV_SUMMARY. */
void report_nagios_event(const struct event *ev, void *arg);

/*
 * For a run that ends before its summary: the line "TCP UNKNOWN - why"
 * or "TCP CRITICAL - why", as st says.
 */
void report_nagios_fail(struct report_nagios *r, enum nagios_status st,
    const char *why);

/* The exit status to return: UNKNOWN while no line is out. */
int report_nagios_status(const struct report_nagios *r);

#endif
