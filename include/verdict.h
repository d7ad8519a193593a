/*
 * What became of the probes of one address and port, in one word:
 * open if any got a SYN-ACK, else closed if any got a RST, else
 * rejected if any got an ICMP error, else filtered.  Pure: no I/O.
 */
#ifndef PROBE_VERDICT_H
#define PROBE_VERDICT_H

#include <stddef.h>
#include <stdint.h>

#include "stats.h"

enum verdict {
	VERDICT_OPEN,
	VERDICT_CLOSED,
	VERDICT_REJECTED,
	VERDICT_FILTERED,
};

/* The counts of one address and port, each probe counted once. */
struct verdict_input {
	const char *name;		/* as given; NULL or addr: a literal */
	const char *addr;		/* the address probed, as text */
	uint16_t port;
	unsigned sent;
	unsigned open, closed, rejected;	/* by each first reply */
	const struct stats *stats;	/* its RTTs; NULL if none */
	int rejected_family;		/* the first ICMP error: AF_INET(6) */
	const char *rejected_from;	/* its sender as text, or NULL */
	uint8_t rejected_type, rejected_code;
	int conn_errno;			/* connect mode: its error, no ICMP */
};

enum verdict verdict_of(const struct verdict_input *v);

/* Probes with any reply: open + closed + rejected. */
unsigned verdict_answered(const struct verdict_input *v);

/* "open", "closed", "rejected", "filtered". */
const char *verdict_name(enum verdict vd);

/*
 * Whether every probe of each of the n targets got a SYN-ACK: the rule
 * for exit status 0.  False when nothing was sent.
 */
int verdict_all_open(const struct verdict_input *v, size_t n);

#endif
