#include <arpa/inet.h>
#include <ares.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "dnsclient.h"
#include "random32.h"
#include "timing.h"

#define CLASS_IN	1
#define HEADER_LEN	12
#define RCODE_SERVFAIL	2
#define RCODE_NOTIMP	4
#define RCODE_REFUSED	5
#define POLL_CAP	(RC_MAXNS * 2 * ARES_GETSOCK_MAXNUM)

struct server_chan {
	ares_channel udp, tcp;
	char text[RC_ADDR_MAX];
	char ifname[IF_NAMESIZE];	/* the zone of a link-local server */
};

struct dnsclient {
	struct dnsclient_config cfg;
	struct server_chan s[RC_MAXNS];
	size_t n;
	unsigned pending;
};

void
dnsclient_config_from(const struct resolv_conf *rc,
    struct dnsclient_config *cfg)
{
	size_t i;

	memset(cfg, 0, sizeof(*cfg));
	for (i = 0; i < rc->nns && cfg->nservers < RC_MAXNS; i++) {
		if (rc->ns[i].ignored)
			continue;
		memcpy(cfg->server[cfg->nservers++], rc->ns[i].addr,
		    RC_ADDR_MAX);
	}
	cfg->port = 53;
	cfg->timeout_ms = resolvconf_wait_s(rc) * 1000;
	cfg->attempts = rc->attempts;
	cfg->use_vc = rc->use_vc;
	cfg->recurse = 1;
	cfg->edns = rc->edns0 ? 1232 : 0;
}

/*
 * A link-local server is reachable only through its interface: the
 * socket is bound to it, since c-ares 1.18 keeps no scope of its own.
 */
static int
bind_to_zone(ares_socket_t fd, int type, void *arg)
{
	const struct server_chan *sc = arg;

	(void)type;
	if (sc->ifname[0] == '\0')
		return 0;
	return setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, sc->ifname,
	    (socklen_t)strlen(sc->ifname) + 1) == 0 ? 0 : -1;
}

/* Splits "addr%zone" into host and zone ("" without one). */
static int
split_zone(const char *text, char *host, size_t hostcap, const char **zone)
{
	const char *pct = strchr(text, '%');
	size_t n = pct != NULL ? (size_t)(pct - text) : strlen(text);

	if (n >= hostcap)
		return -1;
	memcpy(host, text, n);
	host[n] = '\0';
	*zone = pct != NULL ? pct + 1 : "";
	return 0;
}

/*
 * A zone is an interface name (RFC 4007, 11): it says which link an
 * IPv6 server is on, and a link-local address means nothing without it.
 */
enum dnsclient_check
dnsclient_check_server(const char *text)
{
	struct in6_addr a6;
	struct in_addr a4;
	char host[RC_ADDR_MAX];
	const char *zone;

	if (inet_pton(AF_INET, text, &a4) == 1)
		return DNSSRV_USABLE;
	if (split_zone(text, host, sizeof(host), &zone) != 0 ||
	    inet_pton(AF_INET6, host, &a6) != 1)
		return DNSSRV_NOT_ADDRESS;
	if (*zone == '\0')
		return IN6_IS_ADDR_LINKLOCAL(&a6) ? DNSSRV_NO_ZONE :
		    DNSSRV_USABLE;
	if (strlen(zone) >= IF_NAMESIZE || if_nametoindex(zone) == 0)
		return DNSSRV_NO_INTERFACE;
	return DNSSRV_USABLE;
}

const char *
dnsclient_check_text(enum dnsclient_check c)
{
	switch (c) {
	case DNSSRV_USABLE:
		return "is usable";
	case DNSSRV_NOT_ADDRESS:
		return "is not a numeric address: give an IPv4 or IPv6 one";
	case DNSSRV_NO_ZONE:
		return "is link-local without a zone, so no interface to "
		    "send through: add one, as in fe80::1%eth0";
	case DNSSRV_NO_INTERFACE:
		return "names an interface this host does not have: give one "
		    "that ip link shows";
	}
	return "is not usable";
}

static int
parse_server(struct server_chan *sc, const char *text, uint16_t port,
    struct ares_addr_port_node *node)
{
	char host[RC_ADDR_MAX];
	const char *zone;

	if (dnsclient_check_server(text) != DNSSRV_USABLE)
		return -1;
	memset(node, 0, sizeof(*node));
	node->udp_port = port;
	node->tcp_port = port;
	snprintf(sc->text, sizeof(sc->text), "%s", text);
	if (inet_pton(AF_INET, text, &node->addr.addr4) == 1) {
		node->family = AF_INET;
		return 0;
	}

	split_zone(text, host, sizeof(host), &zone);
	snprintf(sc->ifname, sizeof(sc->ifname), "%s", zone);
	node->family = AF_INET6;
	return inet_pton(AF_INET6, host, &node->addr.addr6) == 1 ? 0 : -1;
}

static int
open_channel(ares_channel *ch, const struct dnsclient_config *cfg,
    struct server_chan *sc, const struct ares_addr_port_node *node,
    int tcp)
{
	struct ares_options opt;
	int mask;

	/*
	 * One try per send, rcodes and TC bits handed back as they are:
	 * the walk over servers and the TCP retry are probe's, so that
	 * each step can be shown.
	 */
	memset(&opt, 0, sizeof(opt));
	opt.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES |
	    ARES_FLAG_NOCHECKRESP | ARES_FLAG_IGNTC |
	    (tcp ? ARES_FLAG_USEVC : 0);
	opt.timeout = cfg->timeout_ms;
	opt.tries = 1;
	opt.ndomains = 0;
	opt.lookups = (char *)"b";
	mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
	    ARES_OPT_DOMAINS | ARES_OPT_LOOKUPS | ARES_OPT_NOROTATE;
	if (ares_init_options(ch, &opt, mask) != ARES_SUCCESS)
		return -1;

	ares_set_socket_configure_callback(*ch, bind_to_zone, sc);
	if (ares_set_servers_ports(*ch,
	    (struct ares_addr_port_node *)node) != ARES_SUCCESS) {
		ares_destroy(*ch);
		*ch = NULL;
		return -1;
	}
	return 0;
}

static enum dnsclient_status
open_server(struct dnsclient *dc, const char *text)
{
	struct server_chan *sc = &dc->s[dc->n];
	struct ares_addr_port_node node;

	if (parse_server(sc, text, dc->cfg.port, &node) != 0)
		return DNSCLIENT_OK;
	if (open_channel(&sc->udp, &dc->cfg, sc, &node, 0) != 0)
		return DNSCLIENT_INIT;
	if (open_channel(&sc->tcp, &dc->cfg, sc, &node, 1) != 0) {
		ares_destroy(sc->udp);
		return DNSCLIENT_INIT;
	}
	dc->n++;
	return DNSCLIENT_OK;
}

static int
any_lacks_zone(const struct dnsclient_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nservers; i++)
		if (dnsclient_check_server(cfg->server[i]) == DNSSRV_NO_ZONE)
			return 1;
	return 0;
}

enum dnsclient_status
dnsclient_open(const struct dnsclient_config *cfg, struct dnsclient **out)
{
	enum dnsclient_status st = DNSCLIENT_OK;
	struct dnsclient *dc;
	size_t i;

	if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
		return DNSCLIENT_INIT;
	dc = calloc(1, sizeof(*dc));
	if (dc == NULL)
		return DNSCLIENT_NOMEM;
	dc->cfg = *cfg;

	for (i = 0; i < cfg->nservers && st == DNSCLIENT_OK; i++)
		st = open_server(dc, cfg->server[i]);
	if (st == DNSCLIENT_OK && dc->n == 0)
		st = any_lacks_zone(cfg) ? DNSCLIENT_NO_ZONE :
		    DNSCLIENT_NO_SERVER;
	if (st != DNSCLIENT_OK) {
		dnsclient_close(dc);
		return st;
	}
	*out = dc;
	return DNSCLIENT_OK;
}

static void
finish(struct dns_exchange *x, enum dns_xstatus st)
{
	x->status = st;
	x->took_ns = timing_now_ns() - x->start_ns;
	ares_free_string(x->query);
	x->query = NULL;
	x->dc->pending--;
}

static void on_reply(void *arg, int status, int timeouts,
    unsigned char *abuf, int alen);

static void
send_on(struct dns_exchange *x, size_t server, int tcp)
{
	struct server_chan *sc = &x->dc->s[server];

	x->cur_server = server;
	x->cur_tcp = tcp;
	if (x->sends < DNSX_SENDS_CAP)
		x->send[x->sends] = (struct dns_send){
			(uint8_t)server, (uint8_t)tcp, DNSX_SENT_LOST
		};
	x->sends++;
	ares_send(tcp ? sc->tcp : sc->udp, x->query, x->qlen, on_reply, x);
}

/*
 * The next server of this try, or the first of the next try; when the
 * tries are over, the last reply kept (a SERVFAIL, say) stands.
 */
static void
send_next(struct dns_exchange *x)
{
	struct dnsclient *dc = x->dc;

	if (x->next_server >= dc->n) {
		x->attempt++;
		x->next_server = 0;
	}
	if (x->attempt < dc->cfg.attempts) {
		send_on(x, x->next_server++, dc->cfg.use_vc);
		return;
	}

	if (x->reply != NULL)
		finish(x, DNSX_REPLY);
	else if (x->refused == x->sends)
		finish(x, DNSX_UNREACHABLE);
	else
		finish(x, DNSX_TIMEOUT);
}

static int
keep_reply(struct dns_exchange *x, const unsigned char *abuf, int alen)
{
	free(x->reply);
	x->reply = malloc((size_t)alen);
	if (x->reply == NULL) {
		x->len = 0;
		return -1;
	}
	memcpy(x->reply, abuf, (size_t)alen);
	x->len = (size_t)alen;
	x->rcode = abuf[3] & 0x0f;
	x->server = x->cur_server;
	x->tcp = x->cur_tcp;
	return 0;
}

/* How the last send ended, kept for the first DNSX_SENDS_CAP. */
static void
set_fate(struct dns_exchange *x, enum dnsx_fate fate)
{
	if (x->sends > 0 && x->sends <= DNSX_SENDS_CAP)
		x->send[x->sends - 1].fate = (uint8_t)fate;
}

/* RFC 1035 4.2.1: a truncated UDP answer is asked again over TCP. */
static void
take_reply(struct dns_exchange *x, const unsigned char *abuf, int alen)
{
	set_fate(x, DNSX_SENT_ANSWERED);
	if (!x->cur_tcp && (abuf[2] & 0x02)) {
		x->truncated = 1;
		x->udp_len = (size_t)alen;
		send_on(x, x->cur_server, 1);
		return;
	}

	if (keep_reply(x, abuf, alen) != 0) {
		finish(x, DNSX_TIMEOUT);
		return;
	}
	if (x->rcode == RCODE_SERVFAIL || x->rcode == RCODE_NOTIMP ||
	    x->rcode == RCODE_REFUSED)
		send_next(x);
	else
		finish(x, DNSX_REPLY);
}

static void
on_reply(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct dns_exchange *x = arg;

	(void)timeouts;
	if (status == ARES_SUCCESS && abuf != NULL && alen >= HEADER_LEN) {
		take_reply(x, abuf, alen);
		return;
	}
	if (status == ARES_EDESTRUCTION || status == ARES_ECANCELLED) {
		finish(x, x->reply != NULL ? DNSX_REPLY : DNSX_CANCELLED);
		return;
	}
	if (status == ARES_ECONNREFUSED) {
		x->refused++;
		set_fate(x, DNSX_SENT_REFUSED);
	}
	send_next(x);
}

void
dnsclient_start(struct dnsclient *dc, const char *name, uint16_t qtype,
    struct dns_exchange *x)
{
	memset(x, 0, sizeof(*x));
	x->dc = dc;
	x->start_ns = timing_now_ns();
	dc->pending++;

	/* ares_send keeps the id it is given: a random one, as res_send. */
	if (ares_create_query(name, CLASS_IN, qtype,
	    (unsigned short)random32(), dc->cfg.recurse, &x->query,
	    &x->qlen, dc->cfg.edns) != ARES_SUCCESS) {
		x->query = NULL;
		finish(x, DNSX_BADNAME);
		return;
	}
	x->status = DNSX_PENDING;
	send_next(x);
}

struct poll_set {
	struct pollfd pfd[POLL_CAP];
	ares_channel owner[POLL_CAP];
	nfds_t n;
	int timeout_ms;
};

/*
 * ares_getsock's bits, read without c-ares's macros: for the last
 * socket they shift a signed 1 into the sign bit, which C leaves
 * undefined.
 */
static int
sock_readable(int bits, int i)
{
	return ((unsigned)bits >> i) & 1;
}

static int
sock_writable(int bits, int i)
{
	return ((unsigned)bits >> (i + ARES_GETSOCK_MAXNUM)) & 1;
}

static void
add_channel(struct poll_set *ps, ares_channel ch)
{
	struct timeval max, tv, *tvp;
	ares_socket_t socks[ARES_GETSOCK_MAXNUM];
	int bits, i, ms;

	bits = ares_getsock(ch, socks, ARES_GETSOCK_MAXNUM);
	for (i = 0; i < ARES_GETSOCK_MAXNUM && ps->n < POLL_CAP; i++) {
		if (!sock_readable(bits, i) && !sock_writable(bits, i))
			continue;
		ps->pfd[ps->n].fd = socks[i];
		ps->pfd[ps->n].events =
		    (sock_readable(bits, i) ? POLLIN : 0) |
		    (sock_writable(bits, i) ? POLLOUT : 0);
		ps->pfd[ps->n].revents = 0;
		ps->owner[ps->n++] = ch;
	}

	max.tv_sec = ps->timeout_ms / 1000;
	max.tv_usec = (ps->timeout_ms % 1000) * 1000;
	tvp = ares_timeout(ch, &max, &tv);
	ms = (int)(tvp->tv_sec * 1000 + (tvp->tv_usec + 999) / 1000);
	if (ms < ps->timeout_ms)
		ps->timeout_ms = ms;
}

static void
process_all(struct dnsclient *dc, const struct poll_set *ps)
{
	nfds_t i;
	size_t k;

	for (i = 0; i < ps->n; i++) {
		short ev = ps->pfd[i].revents;

		if (ev == 0)
			continue;
		ares_process_fd(ps->owner[i],
		    ev & (POLLIN | POLLERR | POLLHUP) ? ps->pfd[i].fd :
		    ARES_SOCKET_BAD,
		    ev & POLLOUT ? ps->pfd[i].fd : ARES_SOCKET_BAD);
	}

	/* Lets each channel notice its own timeouts. */
	for (k = 0; k < dc->n; k++) {
		ares_process_fd(dc->s[k].udp, ARES_SOCKET_BAD,
		    ARES_SOCKET_BAD);
		ares_process_fd(dc->s[k].tcp, ARES_SOCKET_BAD,
		    ARES_SOCKET_BAD);
	}
}

void
dnsclient_step(struct dnsclient *dc)
{
	struct poll_set ps;
	size_t k;

	ps.n = 0;
	ps.timeout_ms = 1000;
	for (k = 0; k < dc->n; k++) {
		add_channel(&ps, dc->s[k].udp);
		add_channel(&ps, dc->s[k].tcp);
	}
	if (poll(ps.pfd, ps.n, ps.timeout_ms) < 0)
		ps.n = 0;
	process_all(dc, &ps);
}

/*
 * c-ares ends every send by its timeout, and each exchange makes at
 * most attempts * servers sends (twice that with TCP): the loop ends.
 */
void
dnsclient_run(struct dnsclient *dc)
{
	while (dc->pending > 0)
		dnsclient_step(dc);
}

void
dnsclient_cancel(struct dnsclient *dc)
{
	size_t k;

	for (k = 0; k < dc->n; k++) {
		ares_cancel(dc->s[k].udp);
		ares_cancel(dc->s[k].tcp);
	}
}

void
dnsclient_exchange_free(struct dns_exchange *x)
{
	free(x->reply);
	x->reply = NULL;
	x->len = 0;
}

void
dnsclient_close(struct dnsclient *dc)
{
	size_t k;

	if (dc == NULL)
		return;
	for (k = 0; k < dc->n; k++) {
		ares_destroy(dc->s[k].udp);
		ares_destroy(dc->s[k].tcp);
	}
	free(dc);
	ares_library_cleanup();
}

const char *
dnsclient_server(const struct dnsclient *dc, size_t i)
{
	return i < dc->n ? dc->s[i].text : "?";
}

size_t
dnsclient_nservers(const struct dnsclient *dc)
{
	return dc->n;
}

const char *
dnsclient_strerror(enum dnsclient_status st)
{
	switch (st) {
	case DNSCLIENT_OK:		return "no error";
	case DNSCLIENT_NO_SERVER:	return "no usable nameserver";
	case DNSCLIENT_NO_ZONE:
		return "a link-local nameserver needs its interface, as in "
		    "fe80::1%eth0";
	case DNSCLIENT_INIT:		return "the DNS library did not start";
	case DNSCLIENT_NOMEM:		return "out of memory";
	}
	return "unknown error";
}
