/*
 * One address and port to probe, and what became of its probes.  The
 * probers fill in the results; the reporters only read them.
 */
#ifndef PROBE_TARGET_H
#define PROBE_TARGET_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "stats.h"
#include "verdict.h"

#define TARGET_NAME_MAX	256
#define TARGET_ADDR_MAX	INET6_ADDRSTRLEN

struct probe_target {
	char name[TARGET_NAME_MAX];	/* as given: a name or a literal */
	int family;			/* AF_INET or AF_INET6 */
	uint8_t dst[16], src[16];	/* network order */
	char addr[TARGET_ADDR_MAX];	/* dst as text */
	uint16_t port;
	size_t host;			/* index of its name and address */
	int unresolved;			/* no address: never probed */
	char why[256];			/* why unresolved, or "" */
	int port_source;		/* where the port came from */

	struct stats stats;		/* this address and port alone */
	unsigned sent, open, closed, rejected, lost;
	int rejected_family;		/* the first ICMP error, if any */
	uint8_t rejected_from[16];
	uint8_t rejected_type, rejected_code;
	int conn_errno;			/* connect mode: the first error */
};

/* Where a target's port came from (check mode can find it itself). */
enum port_source {
	PORT_FROM_OPTION,	/* -p, or NAME:PORT */
	PORT_FROM_ENV,		/* the {SVC}_SERVICE_PORT variable */
	PORT_FROM_SRV,		/* an SRV record, with --srv */
};

/* A name and address, for nping's per-host statistics. */
struct probe_host {
	char name[TARGET_NAME_MAX];
	char addr[TARGET_ADDR_MAX];
	struct stats stats;		/* every port of the address */
};

/*
 * The verdict input of t; from holds the text of the first rejection's
 * sender, which v points to.
 */
void target_verdict_input(const struct probe_target *t, char *from,
    size_t fromlen, struct verdict_input *v);

/*
 * The per-host totals of targets t[0..nt), into hosts[], indexed by
 * each target's host field.
 */
void target_sum_hosts(const struct probe_target *t, size_t nt,
    struct probe_host *hosts, size_t nhosts);

/* Whether t got an answer of any kind: open, closed or rejected. */
int target_answered(const struct probe_target *t);

#endif
