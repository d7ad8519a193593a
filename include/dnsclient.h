/*
 * DNS exchanges through c-ares, one channel per server and transport,
 * so that probe itself walks the servers and the tries the way the libc
 * does (res_send: each try asks each server in turn) and can say which
 * server answered, over which transport, after how many sends.  c-ares
 * does the wire work; its search list, retries over servers and
 * resolv.conf reading are not used.
 */
#ifndef PROBE_DNSCLIENT_H
#define PROBE_DNSCLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "resolvconf.h"

struct dnsclient;

struct dnsclient_config {
	char server[RC_MAXNS][RC_ADDR_MAX];	/* "fe80::1%eth0" allowed */
	size_t nservers;
	uint16_t port;
	int timeout_ms;		/* of one send */
	int attempts;		/* rounds over all the servers */
	int use_vc;		/* TCP from the start */
	int recurse;		/* the RD bit */
	int edns;		/* advertised UDP size, 0 for no OPT */
};

enum dns_xstatus {
	DNSX_PENDING,
	DNSX_REPLY,		/* reply holds an answer, whatever its rcode */
	DNSX_TIMEOUT,		/* no server answered any try */
	DNSX_UNREACHABLE,	/* every send was refused or failed */
	DNSX_BADNAME,		/* the name cannot be put in a query */
	DNSX_CANCELLED,		/* ended by dnsclient_cancel, no reply */
};

/* 10 tries of nslookup's -retry, 3 servers, and TCP after each. */
#define DNSX_SENDS_CAP	60

enum dnsx_fate {
	DNSX_SENT_LOST,		/* no reply by the timeout */
	DNSX_SENT_REFUSED,	/* an ICMP error: connection refused */
	DNSX_SENT_ANSWERED,	/* a reply, of any rcode */
};

struct dns_exchange {
	enum dns_xstatus status;
	uint8_t *reply;		/* malloc'd, len bytes */
	size_t len;
	int rcode;		/* of the reply kept */
	size_t server;		/* index of the server that answered */
	int tcp;		/* the reply came over TCP */
	int truncated;		/* a UDP reply had TC set: TCP followed */
	size_t udp_len;		/* size of that truncated reply */
	unsigned sends;
	int64_t took_ns;

	/* The first DNSX_SENDS_CAP sends: to which server, and how each
	   ended, for the lines nslookup prints about them. */
	struct dns_send {
		uint8_t server;
		uint8_t tcp;
		uint8_t fate;		/* enum dnsx_fate */
	} send[DNSX_SENDS_CAP];

	/* where the walk over tries and servers stands */
	struct dnsclient *dc;
	unsigned char *query;
	int qlen;
	int attempt;
	size_t next_server;
	size_t cur_server;
	int cur_tcp;
	unsigned refused;
	int64_t start_ns;
};

enum dnsclient_status {
	DNSCLIENT_OK = 0,
	DNSCLIENT_NO_SERVER,	/* no usable nameserver address */
	DNSCLIENT_NO_ZONE,	/* none, and a link-local one lacked a zone */
	DNSCLIENT_INIT,		/* c-ares could not start */
	DNSCLIENT_NOMEM,
};

/* Copies rc's servers (the first three), timeout, attempts, options. */
void dnsclient_config_from(const struct resolv_conf *rc,
    struct dnsclient_config *cfg);

enum dnsclient_check {
	DNSSRV_USABLE,
	DNSSRV_NOT_ADDRESS,
	DNSSRV_NO_ZONE,		/* link-local, no "%zone": no interface */
	DNSSRV_NO_INTERFACE,	/* "%zone" names no interface here */
};

/* Whether a server written as text ("fe80::1%eth0" allowed) can be used. */
enum dnsclient_check dnsclient_check_server(const char *text);

/* What is wrong with such a server, to follow its address. */
const char *dnsclient_check_text(enum dnsclient_check c);

/*
 * Opens a channel pair for each server of cfg but those that
 * dnsclient_check_server finds unusable.
 */
enum dnsclient_status dnsclient_open(const struct dnsclient_config *cfg,
    struct dnsclient **out);

/*
 * Starts an exchange for name and qtype into x; several may run at
 * once.  dnsclient_run returns when every started exchange is done.
 */
void dnsclient_start(struct dnsclient *dc, const char *name, uint16_t qtype,
    struct dns_exchange *x);
void dnsclient_run(struct dnsclient *dc);
/* Waits once for the network, at most a second, and handles it. */
void dnsclient_step(struct dnsclient *dc);
/*
 * Ends every exchange still running: DNSX_CANCELLED, or DNSX_REPLY when
 * a reply (a SERVFAIL, say) was kept while other servers were still to
 * be asked.
 */
void dnsclient_cancel(struct dnsclient *dc);

/* Frees what an exchange holds; x itself is the caller's. */
void dnsclient_exchange_free(struct dns_exchange *x);

void dnsclient_close(struct dnsclient *dc);
const char *dnsclient_strerror(enum dnsclient_status st);
const char *dnsclient_server(const struct dnsclient *dc, size_t i);
/* How many servers were opened, dnsclient_server's indices. */
size_t dnsclient_nservers(const struct dnsclient *dc);

#endif
