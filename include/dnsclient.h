/*
 * One DNS query at a time through c-ares, to the servers probe read from
 * resolv.conf itself, so that every query the search list causes is
 * seen and timed.  c-ares does the wire work; its own search list and
 * resolv.conf reading are not used.
 */
#ifndef PROBE_DNSCLIENT_H
#define PROBE_DNSCLIENT_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "resolvconf.h"
#include "walk.h"

#define DNS_ADDR_CAP	32

struct dnsclient;

struct dns_result {
	enum dns_outcome outcome;
	int64_t took_ns;
	struct in_addr addr[DNS_ADDR_CAP];	/* in answer order */
	size_t naddr;
};

enum dnsclient_status {
	DNSCLIENT_OK = 0,
	DNSCLIENT_NO_SERVER,	/* no usable nameserver address */
	DNSCLIENT_INIT,		/* c-ares could not start */
	DNSCLIENT_NOMEM,
};

/* Starts a client for rc's nameservers, options and timeouts. */
enum dnsclient_status dnsclient_open(const struct resolv_conf *rc,
    struct dnsclient **out);

/* Asks for the A records of name; blocks at most for rc's timeouts. */
void dnsclient_query_a(struct dnsclient *dc, const char *name,
    struct dns_result *res);

void dnsclient_close(struct dnsclient *dc);

const char *dnsclient_strerror(enum dnsclient_status st);

#endif
