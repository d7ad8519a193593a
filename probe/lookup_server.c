#include <sys/socket.h>
#include <netdb.h>
#include <string.h>

#include "lookup_server.h"

/*
 * The server's own name is not what the lookup is about: it is found
 * the way nslookup finds it, so /etc/hosts, nsswitch.conf and the
 * address order of RFC 6724 all count as they do there.
 */
int
lookup_server_addresses(const char *name, char (*addr)[RC_ADDR_MAX],
    size_t cap, size_t *n, const char **why)
{
	struct addrinfo hints, *res, *ai;
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo(name, NULL, &hints, &res);
	if (rc != 0) {
		*why = gai_strerror(rc);
		return -1;
	}

	*n = 0;
	for (ai = res; ai != NULL && *n < cap; ai = ai->ai_next)
		if (getnameinfo(ai->ai_addr, ai->ai_addrlen, addr[*n],
		    RC_ADDR_MAX, NULL, 0, NI_NUMERICHOST) == 0)
			(*n)++;
	freeaddrinfo(res);
	*why = "no address";
	return *n > 0 ? 0 : -1;
}
