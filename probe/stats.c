/*
 * Only the first reply to a probe gives it an RTT: a duplicate answers
 * a SYN already answered, and timing it would measure the peer's
 * retransmission timer instead of the path.
 */
#include "stats.h"

void
stats_init(struct stats *s)
{
	s->sent = s->sent_bytes = 0;
	s->rcvd = s->rcvd_bytes = 0;
	s->answered = 0;
	s->nrtt = 0;
	s->rtt_min = s->rtt_max = s->rtt_sum = 0;
}

void
stats_sent(struct stats *s, uint32_t bytes)
{
	s->sent++;
	s->sent_bytes += bytes;
}

/* A negative rtt_ns means the send time was never known: no RTT. */
void
stats_reply(struct stats *s, uint32_t bytes, int first, int64_t rtt_ns)
{
	s->rcvd++;
	s->rcvd_bytes += bytes;
	if (!first)
		return;

	s->answered++;
	if (rtt_ns < 0)
		return;
	if (s->nrtt == 0 || rtt_ns < s->rtt_min)
		s->rtt_min = rtt_ns;
	if (s->nrtt == 0 || rtt_ns > s->rtt_max)
		s->rtt_max = rtt_ns;
	s->rtt_sum += rtt_ns;
	s->nrtt++;
}

uint64_t
stats_lost(const struct stats *s)
{
	return s->answered < s->sent ? s->sent - s->answered : 0;
}

double
stats_loss_pct(const struct stats *s)
{
	if (s->sent == 0)
		return 0.0;
	return (double)stats_lost(s) * 100.0 / (double)s->sent;
}

/* Rounded to the nearest nanosecond, halves up. */
int64_t
stats_rtt_avg(const struct stats *s)
{
	int64_t n;

	if (s->nrtt == 0)
		return -1;
	n = (int64_t)s->nrtt;
	return (s->rtt_sum + n / 2) / n;
}
