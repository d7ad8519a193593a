/*
 * c-ares 1.18 as a plain query engine.  Its resolv.conf reader honours
 * only some options, so servers, timeout, attempts and transport are
 * handed to it from probe's own parse.
 */
#include <arpa/inet.h>
#include <ares.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dnsclient.h"
#include "timing.h"

struct dnsclient {
	ares_channel channel;
	int64_t budget_ns;	/* longest a query may take, all tries */
};

struct pending {
	int done;
	struct dns_result *res;
};

static enum dns_outcome
outcome_of(int status)
{
	switch (status) {
	case ARES_SUCCESS:	return DNS_ANSWER;
	case ARES_ENOTFOUND:	return DNS_NXDOMAIN;
	case ARES_ENODATA:	return DNS_NODATA;
	case ARES_ESERVFAIL:	return DNS_SERVFAIL;
	case ARES_EREFUSED:
	case ARES_ENOTIMP:	return DNS_REFUSED;
	case ARES_ECONNREFUSED:	return DNS_UNREACHABLE;
	case ARES_ETIMEOUT:	return DNS_TIMEOUT;
	default:		return DNS_BADREPLY;
	}
}

static void
take_addresses(const unsigned char *abuf, int alen, struct dns_result *res)
{
	struct ares_addrttl at[DNS_ADDR_CAP];
	int i, n = DNS_ADDR_CAP;

	if (ares_parse_a_reply(abuf, alen, NULL, at, &n) != ARES_SUCCESS) {
		res->outcome = DNS_BADREPLY;
		return;
	}
	for (i = 0; i < n; i++)
		res->addr[i] = at[i].ipaddr;
	res->naddr = (size_t)n;
	if (n == 0)
		res->outcome = DNS_NODATA;
}

static void
on_reply(void *arg, int status, int timeouts, unsigned char *abuf,
    int alen)
{
	struct pending *p = arg;

	(void)timeouts;
	p->done = 1;
	p->res->outcome = outcome_of(status);
	if (p->res->outcome == DNS_ANSWER)
		take_addresses(abuf, alen, p->res);
}

static int
add_server(struct ares_addr_port_node *node, const char *text)
{
	char host[RC_ADDR_MAX];
	char *zone;

	memset(node, 0, sizeof(*node));
	node->udp_port = 53;
	node->tcp_port = 53;
	if (inet_pton(AF_INET, text, &node->addr.addr4) == 1) {
		node->family = AF_INET;
		return 0;
	}

	/*
	 * c-ares 1.18 keeps no zone for a link-local server: such a
	 * server is used without one and may not be reached.
	 */
	strncpy(host, text, sizeof(host) - 1);
	host[sizeof(host) - 1] = '\0';
	zone = strchr(host, '%');
	if (zone != NULL)
		*zone = '\0';
	if (inet_pton(AF_INET6, host, &node->addr.addr6) == 1) {
		node->family = AF_INET6;
		return 0;
	}
	return -1;
}

static int
set_servers(ares_channel ch, const struct resolv_conf *rc)
{
	struct ares_addr_port_node nodes[RC_MAXNS];
	size_t i, n = 0;

	for (i = 0; i < rc->nns && n < RC_MAXNS; i++) {
		if (rc->ns[i].ignored || add_server(&nodes[n], rc->ns[i].addr))
			continue;
		nodes[n].next = NULL;
		if (n > 0)
			nodes[n - 1].next = &nodes[n];
		n++;
	}
	if (n == 0)
		return -1;
	return ares_set_servers_ports(ch, nodes) == ARES_SUCCESS ? 0 : -1;
}

static int
init_channel(ares_channel *ch, const struct resolv_conf *rc)
{
	struct ares_options opt;
	int mask;

	memset(&opt, 0, sizeof(opt));
	opt.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES;
	if (rc->use_vc)
		opt.flags |= ARES_FLAG_USEVC;
	if (rc->edns0)
		opt.flags |= ARES_FLAG_EDNS;
	opt.timeout = rc->timeout * 1000;
	opt.tries = rc->attempts;
	opt.ndots = 1;
	opt.ndomains = 0;
	opt.domains = NULL;
	opt.lookups = (char *)"b";
	mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
	    ARES_OPT_NDOTS | ARES_OPT_DOMAINS | ARES_OPT_LOOKUPS |
	    (rc->rotate ? ARES_OPT_ROTATE : ARES_OPT_NOROTATE);
	if (rc->edns0) {
		opt.ednspsz = 1232;
		mask |= ARES_OPT_EDNSPSZ;
	}
	return ares_init_options(ch, &opt, mask) == ARES_SUCCESS ? 0 : -1;
}

enum dnsclient_status
dnsclient_open(const struct resolv_conf *rc, struct dnsclient **out)
{
	struct dnsclient *dc;

	if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
		return DNSCLIENT_INIT;
	dc = calloc(1, sizeof(*dc));
	if (dc == NULL)
		return DNSCLIENT_NOMEM;

	if (init_channel(&dc->channel, rc) != 0) {
		free(dc);
		return DNSCLIENT_INIT;
	}
	if (set_servers(dc->channel, rc) != 0) {
		ares_destroy(dc->channel);
		free(dc);
		return DNSCLIENT_NO_SERVER;
	}

	/* c-ares doubles the timeout on each round over the servers. */
	dc->budget_ns = (int64_t)rc->timeout * NS_PER_SEC *
	    ((1LL << rc->attempts) - 1) * (int64_t)resolvconf_used_servers(rc)
	    + NS_PER_SEC;
	*out = dc;
	return DNSCLIENT_OK;
}

static int
poll_timeout_ms(ares_channel ch)
{
	struct timeval max = { 1, 0 }, tv, *tvp;

	tvp = ares_timeout(ch, &max, &tv);
	return (int)(tvp->tv_sec * 1000 + (tvp->tv_usec + 999) / 1000);
}

static void
run_once(ares_channel ch)
{
	ares_socket_t socks[ARES_GETSOCK_MAXNUM];
	struct pollfd pfd[ARES_GETSOCK_MAXNUM];
	int bits, i, n = 0;

	bits = ares_getsock(ch, socks, ARES_GETSOCK_MAXNUM);
	for (i = 0; i < ARES_GETSOCK_MAXNUM; i++) {
		if (!ARES_GETSOCK_READABLE(bits, i) &&
		    !ARES_GETSOCK_WRITABLE(bits, i))
			continue;
		pfd[n].fd = socks[i];
		pfd[n].events = (ARES_GETSOCK_READABLE(bits, i) ? POLLIN : 0) |
		    (ARES_GETSOCK_WRITABLE(bits, i) ? POLLOUT : 0);
		pfd[n].revents = 0;
		n++;
	}

	if (poll(pfd, (nfds_t)n, poll_timeout_ms(ch)) <= 0) {
		ares_process_fd(ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
		return;
	}
	for (i = 0; i < n; i++)
		ares_process_fd(ch,
		    pfd[i].revents & (POLLIN | POLLERR | POLLHUP) ?
		    pfd[i].fd : ARES_SOCKET_BAD,
		    pfd[i].revents & POLLOUT ? pfd[i].fd : ARES_SOCKET_BAD);
}

void
dnsclient_query_a(struct dnsclient *dc, const char *name,
    struct dns_result *res)
{
	struct pending p = { 0, res };
	int64_t start = timing_now_ns();

	memset(res, 0, sizeof(*res));
	ares_query(dc->channel, name, 1 /* IN */, 1 /* A */, on_reply, &p);

	/* c-ares ends every query by its timeouts; the budget is a guard. */
	while (!p.done) {
		if (timing_now_ns() - start > dc->budget_ns) {
			ares_cancel(dc->channel);
			res->outcome = DNS_TIMEOUT;
			break;
		}
		run_once(dc->channel);
	}
	res->took_ns = timing_now_ns() - start;
}

void
dnsclient_close(struct dnsclient *dc)
{
	if (dc == NULL)
		return;
	ares_destroy(dc->channel);
	free(dc);
	ares_library_cleanup();
}

const char *
dnsclient_strerror(enum dnsclient_status st)
{
	switch (st) {
	case DNSCLIENT_OK:		return "no error";
	case DNSCLIENT_NO_SERVER:	return "no usable nameserver";
	case DNSCLIENT_INIT:		return "the DNS library did not start";
	case DNSCLIENT_NOMEM:		return "out of memory";
	}
	return "unknown error";
}
