#include <time.h>

#include "timing.h"

static int64_t
read_clock(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

int64_t
timing_now_ns(void)
{
	return read_clock(CLOCK_MONOTONIC);
}

/*
 * The two clocks are read back to back, twice, and the pair read closer
 * together is kept, so that a preemption between them does not shift
 * every wire time of the run.
 */
void
run_clock_start(struct run_clock *rc)
{
	int64_t m1, r1, m2, m3, r3, m4;

	m1 = read_clock(CLOCK_MONOTONIC);
	r1 = read_clock(CLOCK_REALTIME);
	m2 = read_clock(CLOCK_MONOTONIC);
	m3 = read_clock(CLOCK_MONOTONIC);
	r3 = read_clock(CLOCK_REALTIME);
	m4 = read_clock(CLOCK_MONOTONIC);

	if (m2 - m1 <= m4 - m3) {
		rc->mono0 = m1 + (m2 - m1) / 2;
		rc->real0 = r1;
	} else {
		rc->mono0 = m3 + (m4 - m3) / 2;
		rc->real0 = r3;
	}
}

int64_t
run_clock_now(const struct run_clock *rc)
{
	return timing_now_ns() - rc->mono0;
}

int64_t
run_clock_wire(const struct run_clock *rc, int64_t sec, int64_t nsec)
{
	return sec * NS_PER_SEC + nsec - rc->real0;
}
