/*
 * Where the kernel would send a packet to dst: the source address it
 * would pick and the interface to capture on.
 */
#ifndef PROBE_ROUTE_H
#define PROBE_ROUTE_H

#include <net/if.h>
#include <netinet/in.h>

struct route {
	struct in_addr src;
	char ifname[IF_NAMESIZE];
};

enum route_status {
	ROUTE_OK = 0,
	ROUTE_UNREACHABLE,	/* the kernel has no route to dst */
	ROUTE_NO_INTERFACE,	/* no interface holds the chosen source */
	ROUTE_SYSTEM,		/* a socket call failed; errno tells */
};

enum route_status route_lookup(struct in_addr dst, struct route *out);
const char *route_strerror(enum route_status st);

#endif
