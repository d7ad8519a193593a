/*
 * The probe loop: send SYNs on schedule, read the capture between them,
 * credit each reply to its probe, and stop as soon as every probe is
 * answered or has waited its full time.  Every send time and reply time
 * is the capture's own timestamp.
 */
#ifndef PROBE_PROBER_H
#define PROBE_PROBER_H

#include <netinet/in.h>
#include <stdint.h>

#include "capture.h"
#include "events.h"
#include "stats.h"
#include "synsend.h"
#include "timing.h"

struct prober_config {
	struct in_addr src, dst;
	uint16_t dport;
	unsigned count;
	int64_t delay_ns;	/* between two SYNs */
	int64_t wait_ns;	/* a probe's wait for its reply */
};

struct prober_result {
	struct stats stats;
	unsigned open, closed, lost;
};

/*
 * Runs the probes.  Returns 0, or -1 with err set when a send or the
 * capture failed; events already emitted stand.
 */
int prober_run(const struct prober_config *cfg, struct capture *cap,
    struct synsend *tx, const struct run_clock *clk, event_fn emit,
    void *arg, struct prober_result *out, char *err, size_t errlen);

/* The capture filter for cfg, numeric only. */
void prober_filter(const struct prober_config *cfg, char *buf,
    size_t cap);

#endif
