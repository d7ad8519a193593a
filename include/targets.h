/*
 * TARGET words and ports into the list of probe targets, in nping's
 * order: for each port, each address of each word.
 */
#ifndef PROBE_TARGETS_H
#define PROBE_TARGETS_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "route.h"
#include "target.h"

#define TARGETS_ADDR_CAP	32

/* The addresses one TARGET word stands for. */
struct target_word {
	const char *word;	/* the host part, as given */
	int family;
	uint8_t addr[TARGETS_ADDR_CAP][16];
	size_t naddr;
	uint16_t port;		/* its own port (check mode), or 0 */
	int port_source;	/* enum port_source */
	int unresolved;		/* no address or no port: why says */
	char why[256];
};

struct target_set {
	struct probe_target *t;	/* the unresolved ones last */
	size_t nt;
	size_t nprobed;		/* those before the unresolved ones */
	struct probe_host *hosts;
	size_t nhosts;
};

/*
 * Builds the targets of the words for every port of opts.  Returns 0,
 * or -1 when out of memory.
 */
int targets_build(const struct target_word *w, size_t nw,
    const struct probe_opts *opts, struct target_set *out);

/*
 * Finds each target's source address, the one of -S if given.
 * Returns ROUTE_OK, or the failure and in *bad the index of the target
 * it concerns.
 */
enum route_status targets_route(struct target_set *set,
    const struct probe_opts *opts, size_t *bad);

void targets_free(struct target_set *set);

#endif
