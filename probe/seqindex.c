#include <stdlib.h>

#include "seqindex.h"

/* Fibonacci hashing spreads random and counting numbers alike. */
static size_t
slot_of(const struct seq_index *x, uint32_t seq)
{
	return (size_t)((seq * 2654435761u) >> 7) & x->mask;
}

int
seq_index_init(struct seq_index *x, const struct probe_slot *slots,
    size_t n)
{
	size_t cells = 16, i, c;

	while (cells < n * 2)
		cells *= 2;
	x->cell = calloc(cells, sizeof(*x->cell));
	if (x->cell == NULL)
		return -1;
	x->mask = cells - 1;

	for (i = 0; i < n; i++) {
		c = slot_of(x, slots[i].seq);
		while (x->cell[c] != 0)
			c = (c + 1) & x->mask;
		x->cell[c] = (uint32_t)(i + 1);
	}
	return 0;
}

size_t
seq_index_find(const struct seq_index *x, const struct probe_slot *slots,
    uint32_t seq, size_t *out, size_t cap)
{
	size_t c = slot_of(x, seq), found = 0;

	while (x->cell[c] != 0 && found < cap) {
		if (slots[x->cell[c] - 1].seq == seq)
			out[found++] = x->cell[c] - 1;
		c = (c + 1) & x->mask;
	}
	return found;
}

void
seq_index_free(struct seq_index *x)
{
	free(x->cell);
	x->cell = NULL;
}
