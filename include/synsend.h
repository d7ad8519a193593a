/*
 * TCP SYNs built by libnet and sent through a raw IPv4 socket: the
 * kernel routes them, the IP and TCP headers are ours.
 */
#ifndef PROBE_SYNSEND_H
#define PROBE_SYNSEND_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define SYN_IPLEN	40	/* IPv4 and TCP headers, no options */

struct synsend;

struct syn_spec {
	struct in_addr src, dst;
	uint16_t sport, dport;
	uint32_t seq;
	uint16_t ipid;
	uint8_t ttl;
	uint16_t win;
};

/*
 * Opens the raw socket.  Returns 0, or -1 with err set and errno kept
 * (EPERM or EACCES when the privilege is missing).
 */
int synsend_open(struct synsend **out, char *err, size_t errlen);

/* Builds and sends one SYN: 0, or -1 with err set. */
int synsend_syn(struct synsend *s, const struct syn_spec *spec, char *err,
    size_t errlen);

void synsend_close(struct synsend *s);

#endif
