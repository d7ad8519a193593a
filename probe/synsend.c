#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libnet.h>

#include "synsend.h"

struct synsend {
	libnet_t *l;
	libnet_ptag_t tcp, ip;	/* reused: each SYN rewrites the headers */
};

/*
 * libnet reports a refused raw socket only as text, and clobbers errno
 * on its way out; asking the kernel first keeps the reason.
 */
static int
may_open_raw(char *err, size_t errlen)
{
	int fd, saved;

	fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
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

int
synsend_open(struct synsend **out, char *err, size_t errlen)
{
	char ebuf[LIBNET_ERRBUF_SIZE];
	struct synsend *s;
	int saved;

	if (may_open_raw(err, errlen) != 0)
		return -1;
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}

	errno = 0;
	s->l = libnet_init(LIBNET_RAW4, NULL, ebuf);
	if (s->l == NULL) {
		saved = errno;
		copy_message(err, errlen, ebuf);
		free(s);
		errno = saved;
		return -1;
	}
	*out = s;
	return 0;
}

int
synsend_syn(struct synsend *s, const struct syn_spec *spec, char *err,
    size_t errlen)
{
	s->tcp = libnet_build_tcp(spec->sport, spec->dport, spec->seq, 0,
	    TH_SYN, spec->win, 0, 0, LIBNET_TCP_H, NULL, 0, s->l, s->tcp);
	if (s->tcp == -1)
		goto fail;

	s->ip = libnet_build_ipv4(SYN_IPLEN, 0, spec->ipid, 0, spec->ttl,
	    IPPROTO_TCP, 0, spec->src.s_addr, spec->dst.s_addr, NULL, 0,
	    s->l, s->ip);
	if (s->ip == -1)
		goto fail;

	if (libnet_write(s->l) != SYN_IPLEN)
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
