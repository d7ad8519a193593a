/*
 * TCP SYNs built by libnet and sent through a raw socket of their
 * family: the kernel routes them, the IP and TCP headers are ours.
 */
#ifndef PROBE_SYNSEND_H
#define PROBE_SYNSEND_H

#include <stddef.h>
#include <stdint.h>

#define SYN_IPLEN	40	/* IPv4 and TCP headers, no options */
#define SYN_IP6LEN	60	/* IPv6 and TCP headers */
#define SYN_DATA_MAX	1400

struct synsend;

struct syn_spec {
	uint8_t src[16], dst[16];	/* 4 bytes used for IPv4 */
	uint16_t sport, dport;
	uint32_t seq;
	uint16_t ipid;			/* IPv4 only */
	uint8_t ttl;			/* the hop limit for IPv6 */
	uint16_t win;
	uint8_t flags;
	uint16_t data_len;		/* zero bytes after the header */
};

/*
 * Opens a raw socket of family (AF_INET or AF_INET6), bound to ifname
 * when it is not NULL.  Returns 0, or -1 with err set and errno kept
 * (EPERM or EACCES when the privilege is missing).
 */
int synsend_open(int family, const char *ifname, struct synsend **out,
    char *err, size_t errlen);

/* Builds and sends one SYN: 0, or -1 with err set. */
int synsend_syn(struct synsend *s, const struct syn_spec *spec, char *err,
    size_t errlen);

void synsend_close(struct synsend *s);

#endif
