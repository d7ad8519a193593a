/*
 * The probe loops.  Raw mode sends SYNs on schedule, reads the capture
 * between them, credits each reply to its probe and stops as soon as
 * every probe is answered or has waited its full time; every send and
 * reply time is the capture's own timestamp.  Connect mode does the
 * same with non-blocking connect() calls, timed in user space.
 */
#ifndef PROBE_PROBER_H
#define PROBE_PROBER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "capture.h"
#include "events.h"
#include "stats.h"
#include "synsend.h"
#include "target.h"
#include "timing.h"

struct prober_config {
	struct probe_target *t;	/* in nping's order: each port, each host */
	size_t nt;
	unsigned count;		/* rounds over all the targets */
	int64_t delay_ns;	/* between two probes */
	int64_t wait_ns;	/* a probe's wait for its reply */
	uint8_t ttl;
	uint16_t win;
	uint8_t flags;		/* TCP flags; SYN always among them */
	int64_t seq;		/* -1: a random one for each probe */
	uint16_t sport;		/* of every probe */
	uint16_t data_len;	/* payload bytes after the TCP header */
	int until_answered;	/* check mode: no more SYNs to a target
				   that answered; rounds a wait apart */
	volatile sig_atomic_t *stop;	/* set by a signal: end early */
};

struct prober_result {
	struct stats stats;	/* the whole run */
	unsigned sent, open, closed, rejected, lost;
	int interrupted;	/* *stop ended the run */
};

/* The raw senders, one per address family in use (NULL if unused). */
struct prober_tx {
	struct synsend *v4, *v6;
};

int prober_run(const struct prober_config *cfg, struct capture *cap,
    const struct prober_tx *tx, const struct run_clock *clk,
    event_fn emit, void *arg, struct prober_result *out, char *err,
    size_t errlen);

int connprobe_run(const struct prober_config *cfg,
    const struct run_clock *clk, event_fn emit, void *arg,
    struct prober_result *out, char *err, size_t errlen);

/*
 * The capture filter for a run whose probes leave from sport: numeric,
 * so that it can be set before any name is resolved.
 */
void prober_filter(uint16_t sport, char *buf, size_t cap);

/* A source port for a run: random, in Linux's ephemeral range. */
uint16_t prober_random_port(void);

#endif
