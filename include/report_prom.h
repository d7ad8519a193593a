/*
 * The Prometheus text exposition format, in the blackbox exporter's
 * words, for a node exporter's textfile collector or a push gateway:
 * written once, at the end of the run, without timestamps.
 */
#ifndef PROBE_REPORT_PROM_H
#define PROBE_REPORT_PROM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "events.h"

/* A name looked up and how long that took. */
struct prom_lookup {
	char *name;
	int64_t took_ns;
};

struct report_prom {
	FILE *out;
	struct prom_lookup *lookup;	/* kept from EV_RESOLVED to the end */
	size_t nlookup, cap;
};

/* An event_fn; arg is a struct report_prom, zeroed but for out. */
void report_prom_event(const struct event *ev, void *arg);

/* Frees what r keeps; r itself is the caller's. */
void report_prom_free(struct report_prom *r);

#endif
