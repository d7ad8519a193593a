/*
 * The one clock of a run.  Wire events carry the capture's timestamps
 * (the realtime clock, read by the kernel); everything else reads the
 * monotonic clock.  Both are turned into "nanoseconds since the run
 * began" here and nowhere else.
 */
#ifndef PROBE_TIMING_H
#define PROBE_TIMING_H

#include <stdint.h>

#define NS_PER_SEC	1000000000LL

struct run_clock {
	int64_t mono0;		/* CLOCK_MONOTONIC at the start */
	int64_t real0;		/* CLOCK_REALTIME at the same moment */
};

int64_t timing_now_ns(void);
void run_clock_start(struct run_clock *rc);
/* Monotonic time now, as nanoseconds since the run began. */
int64_t run_clock_now(const struct run_clock *rc);
/* A capture timestamp (realtime, seconds and nanoseconds) likewise. */
int64_t run_clock_wire(const struct run_clock *rc, int64_t sec,
    int64_t nsec);

#endif
