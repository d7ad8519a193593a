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
#include "target.h"

enum event_kind {
	EV_CONFIG_WARNING,	/* a resolv.conf line the libc reads oddly */
	EV_QUERY,		/* one search candidate asked */
	EV_RESOLVED,		/* the name and the address chosen */
	EV_SENT,		/* a SYN left */
	EV_REPLY,		/* a reply matched to a probe */
	EV_IGNORED,		/* a captured packet that is not a reply */
	EV_CONNECT_START,	/* connect mode: a handshake begun */
	EV_CONNECT_DONE,	/* connect mode: how it ended */
	EV_SUMMARY,		/* the run is over */
};

enum conn_outcome {
	CONN_OPEN,		/* the handshake completed */
	CONN_REFUSED,		/* ECONNREFUSED: a RST came back */
	CONN_UNREACHABLE,	/* EHOSTUNREACH and the like: ICMP */
	CONN_TIMEOUT,		/* nothing before the wait ended */
};

struct event {
	enum event_kind kind;
	int64_t t_ns;		/* since the run began */

	const char *name;	/* QUERY, RESOLVED: the name as given */
	const struct resolution *res;	/* QUERY (step), RESOLVED */
	size_t step;		/* QUERY: index into res->asked */
	const struct resolv_conf *rc;	/* CONFIG_WARNING, RESOLVED */
	size_t warning;		/* CONFIG_WARNING: index into rc->warn */
	const char *addr_text;	/* RESOLVED: the addresses, as text */

	const struct decoded_pkt *pkt;	/* SENT, REPLY, IGNORED */
	enum match_kind match;	/* REPLY, IGNORED */
	const char *why;	/* IGNORED */

	const struct probe_target *target;	/* SENT, REPLY, CONNECT_* */
	enum conn_outcome conn;	/* CONNECT_DONE */
	int conn_errno;		/* CONNECT_DONE: the error, or 0 */
	int64_t rtt_ns;		/* REPLY that settles a probe, CONNECT_DONE */

	const struct stats *stats;	/* SUMMARY: the whole run */
	unsigned naddr;		/* SUMMARY: addresses probed */
	const struct probe_target *targets;	/* SUMMARY */
	size_t ntargets;
	const struct probe_host *hosts;	/* SUMMARY */
	size_t nhosts;
	int connect_mode;	/* SUMMARY */
	int check_mode;		/* SUMMARY: probe check, a line a target */
	unsigned attempts, successes;	/* SUMMARY: probes sent, opened */
	int64_t resolve_ns;	/* SUMMARY: time in each phase: names, */
	int64_t setup_ns;	/*   opening the sockets and capture, */
	int64_t probe_ns;	/*   and the probes themselves */
	int64_t start_real_ns;	/* SUMMARY: the run's start, ns since the
				   epoch, for formats that want it */
};

typedef void (*event_fn)(const struct event *ev, void *arg);

#endif
