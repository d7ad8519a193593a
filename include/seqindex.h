/*
 * Probes by their initial sequence number, so that a reply finds the
 * probe it acknowledges, or an ICMP error the probe it quotes, without
 * a scan over every probe sent: a sweep of thousands of ports would
 * otherwise spend its time matching rather than sending.
 */
#ifndef PROBE_SEQINDEX_H
#define PROBE_SEQINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "match.h"

struct seq_index {
	uint32_t *cell;		/* slot index + 1; 0 is empty */
	size_t mask;		/* cells - 1, a power of two */
};

/* Indexes slots[0..n).  Returns 0, or -1 when out of memory. */
int seq_index_init(struct seq_index *x, const struct probe_slot *slots,
    size_t n);

/*
 * The slots whose sequence number is seq, at most cap of them, into
 * out.  Returns how many were found.
 */
size_t seq_index_find(const struct seq_index *x,
    const struct probe_slot *slots, uint32_t seq, size_t *out, size_t cap);

void seq_index_free(struct seq_index *x);

#endif
