/*
 * The one stream of facts a run produces.  The resolver and the prober
 * emit events; only the reporters turn them into text.
 */
#ifndef PROBE_EVENTS_H
#define PROBE_EVENTS_H

#include <netinet/in.h>
#include <stdint.h>

#include "decode.h"
#include "match.h"
#include "resolve.h"
#include "stats.h"

enum event_kind {
	EV_CONFIG_WARNING,	/* a resolv.conf line the libc reads oddly */
	EV_QUERY,		/* one search candidate asked */
	EV_RESOLVED,		/* the name and the address chosen */
	EV_SENT,		/* a SYN left */
	EV_REPLY,		/* a reply matched to a probe */
	EV_IGNORED,		/* a captured packet that is not a reply */
	EV_SUMMARY,		/* the run is over */
};

struct event {
	enum event_kind kind;
	int64_t t_ns;		/* since the run began */

	const char *name;	/* QUERY, RESOLVED: the name as given */
	const struct resolution *res;	/* QUERY (step), RESOLVED */
	size_t step;		/* QUERY: index into res->asked */
	const struct resolv_conf *rc;	/* CONFIG_WARNING, RESOLVED */
	size_t warning;		/* CONFIG_WARNING: index into rc->warn */
	struct in_addr addr;	/* RESOLVED */

	const struct decoded_pkt *pkt;	/* SENT, REPLY, IGNORED */
	enum match_kind match;	/* REPLY, IGNORED */
	const char *why;	/* IGNORED */

	const struct stats *stats;	/* SUMMARY */
	unsigned naddr;		/* SUMMARY */
};

typedef void (*event_fn)(const struct event *ev, void *arg);

#endif
