/*
 * JSON Lines: one object a line, each with a "type", flushed as it is
 * written, in the stable format of docs/probe-json.md.  Results only:
 * diagnostics stay on stderr, as in text mode.
 */
#ifndef PROBE_REPORT_JSON_H
#define PROBE_REPORT_JSON_H

#include <stdint.h>
#include <stdio.h>

#include "events.h"

struct report_json {
	FILE *out;
	int64_t start_real_ns;	/* the run's start, ns since the epoch:
				   events before the summary carry only
				   their time since the start */
};

/* An event_fn; arg is a struct report_json. */
void report_json_event(const struct event *ev, void *arg);

#endif
