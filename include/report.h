/*
 * Reporters read events and write them out; none computes anything of
 * its own.  Results go to stdout, diagnostics to stderr.
 */
#ifndef PROBE_REPORT_H
#define PROBE_REPORT_H

#include <stdio.h>

#include "events.h"

struct report_text {
	FILE *out;		/* results */
	FILE *diag;		/* verbose diagnostics */
	int verbose;
	int quiet;		/* 1: no packet lines; 2: verdicts only */
	int hide_sent;		/* no SENT lines */
	int check;		/* check mode: a line an endpoint */
};

/* An event_fn; arg is a struct report_text. */
void report_text_event(const struct event *ev, void *arg);

/* The lines of an EV_SUMMARY. */
void report_text_summary(const struct report_text *r,
    const struct event *ev);

#endif
