/*
 * The verdict ranks replies by how far the SYN got: a SYN-ACK proves a
 * listener, a RST proves the host and no listener, an ICMP error proves
 * only that something on the way refused the SYN, and silence proves
 * nothing.  One SYN-ACK among losses is still an open port.
 */
#include "verdict.h"

enum verdict
verdict_of(const struct verdict_input *v)
{
	if (v->open > 0)
		return VERDICT_OPEN;
	if (v->closed > 0)
		return VERDICT_CLOSED;
	if (v->rejected > 0)
		return VERDICT_REJECTED;
	return VERDICT_FILTERED;
}

unsigned
verdict_answered(const struct verdict_input *v)
{
	return v->open + v->closed + v->rejected;
}

const char *
verdict_name(enum verdict vd)
{
	switch (vd) {
	case VERDICT_OPEN:
		return "open";
	case VERDICT_CLOSED:
		return "closed";
	case VERDICT_REJECTED:
		return "rejected";
	case VERDICT_FILTERED:
		return "filtered";
	}
	return "unknown";
}

/*
 * A target with no probe sent, as when a signal ends the run early,
 * proves nothing open.
 */
int
verdict_all_open(const struct verdict_input *v, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (v[i].sent == 0 || v[i].open != v[i].sent)
			return 0;
	return 1;
}
