/*
 * Where the kernel would send a packet to dst: the source address it
 * would pick and the interface to capture on.
 */
#ifndef PROBE_ROUTE_H
#define PROBE_ROUTE_H

#include <net/if.h>
#include <stdint.h>

struct route {
	uint8_t src[16];	/* 4 bytes used for IPv4 */
	char ifname[IF_NAMESIZE];
};

enum route_status {
	ROUTE_OK = 0,
	ROUTE_UNREACHABLE,	/* the kernel has no route to dst */
	ROUTE_NO_INTERFACE,	/* no interface holds the chosen source */
	ROUTE_SYSTEM,		/* a socket call failed; errno tells */
	ROUTE_BAD_SOURCE,	/* a given source is not of dst's family */
};

/* dst is 4 bytes for AF_INET, 16 for AF_INET6. */
enum route_status route_lookup(int family, const uint8_t *dst,
    struct route *out);
const char *route_strerror(enum route_status st);

#endif
