#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>

#include "dnsmsg.h"
#include "lookup_server.h"
#include "resolve.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static const uint16_t qtypes[] = { DNS_T_A, DNS_T_AAAA };

/* One type; 1 when an address was found and written. */
static int
first_address(const char *name, uint16_t qtype,
    const struct resolv_conf *rc, struct dnsclient *dc,
    enum search_libc libc, struct resolution *res, char *addr,
    size_t cap)
{
	const struct dns_result *r;

	if (resolve_name(name, qtype, rc, dc, libc, res) != SEARCH_OK ||
	    res->answered == res->nasked)
		return 0;
	r = &res->result[res->answered];
	return r->naddr > 0 && inet_ntop(qtype == DNS_T_A ? AF_INET :
	    AF_INET6, r->addr[0], addr, (socklen_t)cap) != NULL;
}

int
lookup_server_address(const char *name, const struct resolv_conf *rc,
    enum search_libc libc, char *addr, size_t cap, const char **why)
{
	struct dnsclient_config cfg;
	struct dnsclient *dc;
	struct resolution *res;
	enum dnsclient_status st;
	size_t i;
	int found = 0;

	dnsclient_config_from(rc, &cfg);
	st = dnsclient_open(&cfg, &dc);
	if (st != DNSCLIENT_OK) {
		*why = dnsclient_strerror(st);
		return -1;
	}
	res = calloc(1, sizeof(*res));
	*why = res != NULL ? "no address" : "out of memory";
	for (i = 0; res != NULL && !found && i < NITEMS(qtypes); i++) {
		found = first_address(name, qtypes[i], rc, dc, libc, res,
		    addr, cap);
		if (!found && res->nasked > 0)
			*why = dns_outcome_name(
			    res->result[res->nasked - 1].outcome);
	}
	free(res);
	dnsclient_close(dc);
	return found ? 0 : -1;
}
