/*
 * Counts and round-trip times of one run.  RTTs are kept in nanoseconds
 * and summed exactly: the average is the mean of the per-probe values.
 */
#ifndef PROBE_STATS_H
#define PROBE_STATS_H

#include <stdint.h>

struct stats {
	uint64_t sent, sent_bytes;
	uint64_t rcvd, rcvd_bytes;	/* every reply packet, RSTs too */
	uint64_t answered;		/* probes with at least one reply */
	uint64_t nrtt;
	int64_t rtt_min, rtt_max;	/* ns */
	int64_t rtt_sum;		/* ns */
};

void stats_init(struct stats *s);
void stats_sent(struct stats *s, uint32_t bytes);
/* A reply; first says it is the first for its probe, rtt_ns its RTT. */
void stats_reply(struct stats *s, uint32_t bytes, int first, int64_t rtt_ns);
uint64_t stats_lost(const struct stats *s);
/* Loss in percent, 0 to 100; 0 when nothing was sent. */
double stats_loss_pct(const struct stats *s);
/* Mean RTT in ns; -1 when there is none. */
int64_t stats_rtt_avg(const struct stats *s);

#endif
