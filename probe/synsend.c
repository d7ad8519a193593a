#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libnet.h>

#include "synsend.h"

struct synsend {
	libnet_t *l;
	int family;
	libnet_ptag_t tcp, ip;	/* reused: each SYN rewrites the headers */
};

static const uint8_t zeros[SYN_DATA_MAX];

/*
 * libnet reports a refused raw socket only as text, and clobbers errno
 * on its way out; asking the kernel first keeps the reason.
 */
static int
may_open_raw(int family, char *err, size_t errlen)
{
	int fd, saved;

	fd = socket(family, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	saved = errno;
	snprintf(err, errlen, "%s", strerror(saved));
	errno = saved;
	return -1;
}

/* libnet ends its messages with a newline; a one-line error may not. */
static void
copy_message(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	err[strcspn(err, "\n")] = '\0';
}

static int
bind_device(struct synsend *s, const char *ifname, char *err,
    size_t errlen)
{
	if (setsockopt(libnet_getfd(s->l), SOL_SOCKET, SO_BINDTODEVICE,
	    ifname, (socklen_t)strlen(ifname) + 1) == 0)
		return 0;
	snprintf(err, errlen, "binding to %s: %s", ifname, strerror(errno));
	return -1;
}

int
synsend_open(int family, const char *ifname, struct synsend **out,
    char *err, size_t errlen)
{
	char ebuf[LIBNET_ERRBUF_SIZE];
	struct synsend *s;
	int saved;

	if (may_open_raw(family, err, errlen) != 0)
		return -1;
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}

	s->family = family;
	s->l = libnet_init(family == AF_INET6 ? LIBNET_RAW6 : LIBNET_RAW4,
	    NULL, ebuf);
	if (s->l == NULL) {
		saved = errno;
		copy_message(err, errlen, ebuf);
		free(s);
		errno = saved;
		return -1;
	}
	if (ifname != NULL && bind_device(s, ifname, err, errlen) != 0) {
		synsend_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

static libnet_ptag_t
build_ip(struct synsend *s, const struct syn_spec *spec, uint32_t tcplen)
{
	struct libnet_in6_addr src6, dst6;
	uint32_t src4, dst4;

	if (s->family == AF_INET6) {
		memcpy(&src6, spec->src, 16);
		memcpy(&dst6, spec->dst, 16);
		return libnet_build_ipv6(0, 0, (uint16_t)tcplen, IPPROTO_TCP,
		    spec->ttl, src6, dst6, NULL, 0, s->l, s->ip);
	}
	memcpy(&src4, spec->src, 4);
	memcpy(&dst4, spec->dst, 4);
	return libnet_build_ipv4((uint16_t)(LIBNET_IPV4_H + tcplen), 0,
	    spec->ipid, 0, spec->ttl, IPPROTO_TCP, 0, src4, dst4, NULL, 0,
	    s->l, s->ip);
}

int
synsend_syn(struct synsend *s, const struct syn_spec *spec, char *err,
    size_t errlen)
{
	uint32_t tcplen = LIBNET_TCP_H + spec->data_len;

	s->tcp = libnet_build_tcp(spec->sport, spec->dport, spec->seq, 0,
	    spec->flags, spec->win, 0, 0, (uint16_t)tcplen,
	    spec->data_len > 0 ? zeros : NULL, spec->data_len, s->l, s->tcp);
	if (s->tcp == -1)
		goto fail;

	s->ip = build_ip(s, spec, tcplen);
	if (s->ip == -1)
		goto fail;

	if (libnet_write(s->l) < 0)
		goto fail;
	return 0;

fail:
	copy_message(err, errlen, libnet_geterror(s->l));
	return -1;
}

void
synsend_close(struct synsend *s)
{
	if (s == NULL)
		return;
	libnet_destroy(s->l);
	free(s);
}
