/*
 * A connected UDP socket sends nothing, but makes the kernel choose the
 * route and the source address, which getsockname then reports.
 */
#include <errno.h>
#include <ifaddrs.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "route.h"

static enum route_status
kernel_source(struct in_addr dst, struct in_addr *src)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int fd, rc;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return ROUTE_SYSTEM;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(9);
	sin.sin_addr = dst;
	rc = connect(fd, (struct sockaddr *)&sin, sizeof(sin));
	if (rc == 0)
		rc = getsockname(fd, (struct sockaddr *)&sin, &len);
	close(fd);

	if (rc != 0)
		return errno == ENETUNREACH || errno == EHOSTUNREACH ?
		    ROUTE_UNREACHABLE : ROUTE_SYSTEM;
	*src = sin.sin_addr;
	return ROUTE_OK;
}

static int
holds_address(const struct ifaddrs *ifa, struct in_addr a)
{
	const struct sockaddr_in *sin;

	if (ifa->ifa_addr == NULL || ifa->ifa_addr->sa_family != AF_INET)
		return 0;
	sin = (const struct sockaddr_in *)(const void *)ifa->ifa_addr;
	return sin->sin_addr.s_addr == a.s_addr;
}

/*
 * A packet to one of this host's own addresses never leaves: the kernel
 * delivers it through the loopback device, whoever holds the address.
 */
static enum route_status
find_interface(struct in_addr dst, struct route *r)
{
	struct ifaddrs *all, *ifa;
	const char *name = NULL, *lo = NULL;
	int local = 0;

	if (getifaddrs(&all) != 0)
		return ROUTE_SYSTEM;
	for (ifa = all; ifa != NULL; ifa = ifa->ifa_next) {
		if (holds_address(ifa, dst))
			local = 1;
		if (holds_address(ifa, r->src) && name == NULL)
			name = ifa->ifa_name;
		if ((ifa->ifa_flags & IFF_LOOPBACK) && lo == NULL)
			lo = ifa->ifa_name;
	}
	if (local && lo != NULL)
		name = lo;
	if (name != NULL)
		snprintf(r->ifname, sizeof(r->ifname), "%s", name);
	freeifaddrs(all);
	return name != NULL ? ROUTE_OK : ROUTE_NO_INTERFACE;
}

enum route_status
route_lookup(struct in_addr dst, struct route *out)
{
	struct route r;
	enum route_status st;

	memset(&r, 0, sizeof(r));
	st = kernel_source(dst, &r.src);
	if (st == ROUTE_OK)
		st = find_interface(dst, &r);
	if (st == ROUTE_OK)
		*out = r;
	return st;
}

const char *
route_strerror(enum route_status st)
{
	switch (st) {
	case ROUTE_OK:		return "no error";
	case ROUTE_UNREACHABLE:	return "no route to the address";
	case ROUTE_NO_INTERFACE:
		return "no interface holds the source address";
	case ROUTE_SYSTEM:	return strerror(errno);
	}
	return "unknown error";
}
