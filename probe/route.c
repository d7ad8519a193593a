/*
 * A connected UDP socket sends nothing, but makes the kernel choose the
 * route and the source address, which getsockname then reports.
 */
#include <errno.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "route.h"

static size_t
addr_len(int family)
{
	return family == AF_INET6 ? 16 : 4;
}

static socklen_t
make_sockaddr(int family, const uint8_t *addr, struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)(void *)ss;

	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET6) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(9);
		memcpy(&sin6->sin6_addr, addr, 16);
		return sizeof(*sin6);
	}
	sin->sin_family = AF_INET;
	sin->sin_port = htons(9);
	memcpy(&sin->sin_addr, addr, 4);
	return sizeof(*sin);
}

static const uint8_t *
sockaddr_bytes(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET6)
		return (const uint8_t *)&((const struct sockaddr_in6 *)
		    (const void *)ss)->sin6_addr;
	return (const uint8_t *)&((const struct sockaddr_in *)
	    (const void *)ss)->sin_addr;
}

static enum route_status
kernel_source(int family, const uint8_t *dst, uint8_t *src)
{
	struct sockaddr_storage ss;
	socklen_t len = make_sockaddr(family, dst, &ss);
	int fd, rc;

	fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return ROUTE_SYSTEM;

	rc = connect(fd, (struct sockaddr *)&ss, len);
	len = sizeof(ss);
	if (rc == 0)
		rc = getsockname(fd, (struct sockaddr *)&ss, &len);
	close(fd);

	if (rc != 0)
		return errno == ENETUNREACH || errno == EHOSTUNREACH ?
		    ROUTE_UNREACHABLE : ROUTE_SYSTEM;
	memcpy(src, sockaddr_bytes(&ss), addr_len(family));
	return ROUTE_OK;
}

static int
holds_address(const struct ifaddrs *ifa, int family, const uint8_t *a)
{
	const struct sockaddr_storage *ss;

	if (ifa->ifa_addr == NULL || ifa->ifa_addr->sa_family != family)
		return 0;
	ss = (const struct sockaddr_storage *)(const void *)ifa->ifa_addr;
	return memcmp(sockaddr_bytes(ss), a, addr_len(family)) == 0;
}

/*
 * A packet to one of this host's own addresses never leaves: the kernel
 * delivers it through the loopback device, whoever holds the address.
 */
static enum route_status
find_interface(int family, const uint8_t *dst, struct route *r)
{
	struct ifaddrs *all, *ifa;
	const char *name = NULL, *lo = NULL;
	int local = 0;

	if (getifaddrs(&all) != 0)
		return ROUTE_SYSTEM;
	for (ifa = all; ifa != NULL; ifa = ifa->ifa_next) {
		if (holds_address(ifa, family, dst))
			local = 1;
		if (holds_address(ifa, family, r->src) && name == NULL)
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
route_lookup(int family, const uint8_t *dst, struct route *out)
{
	struct route r;
	enum route_status st;

	memset(&r, 0, sizeof(r));
	st = kernel_source(family, dst, r.src);
	if (st == ROUTE_OK)
		st = find_interface(family, dst, &r);
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
	case ROUTE_BAD_SOURCE:
		return "the source address (-S) is not of the target's family";
	}
	return "unknown error";
}
