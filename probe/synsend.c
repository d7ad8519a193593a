#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnet.h>

#include "synsend.h"

struct synsend {
	libnet_t *l;
	libnet_ptag_t tcp, ip;	/* reused: each SYN rewrites the headers */
};

int
synsend_open(struct synsend **out, char *err, size_t errlen)
{
	char ebuf[LIBNET_ERRBUF_SIZE];
	struct synsend *s;
	int saved;

	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}

	errno = 0;
	s->l = libnet_init(LIBNET_RAW4, NULL, ebuf);
	if (s->l == NULL) {
		saved = errno;
		snprintf(err, errlen, "%s", ebuf);
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
	snprintf(err, errlen, "%s", libnet_geterror(s->l));
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
