#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"

/* Enough for IPv4 and TCP with every option, or an ICMP error. */
#define SNAPLEN	256

struct capture {
	pcap_t *p;
	int linktype;
	capture_fn fn;
	void *arg;
};

/*
 * Without immediate mode TPACKET_V3 holds replies back for tens of
 * milliseconds; without nanosecond stamps a loopback RTT of 20 us has
 * nothing left to measure it with.
 */
static int
configure(pcap_t *p)
{
	if (pcap_set_snaplen(p, SNAPLEN) != 0 ||
	    pcap_set_immediate_mode(p, 1) != 0 ||
	    pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO) != 0)
		return -1;
	return pcap_set_promisc(p, 0);
}

static int
set_filter(pcap_t *p, const char *filter)
{
	struct bpf_program prog;
	int rc;

	if (pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) != 0)
		return -1;
	rc = pcap_setfilter(p, &prog);
	pcap_freecode(&prog);
	return rc;
}

int
capture_open(const char *ifname, const char *filter, struct capture **out,
    char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	struct capture *c;

	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	c->p = pcap_create(ifname, ebuf);
	if (c->p == NULL) {
		snprintf(err, errlen, "%s", ebuf);
		free(c);
		return -1;
	}

	if (configure(c->p) != 0 || pcap_activate(c->p) < 0 ||
	    set_filter(c->p, filter) != 0 ||
	    pcap_setnonblock(c->p, 1, ebuf) != 0) {
		snprintf(err, errlen, "%s", pcap_geterr(c->p));
		capture_close(c);
		return -1;
	}

	c->linktype = pcap_datalink(c->p);
	*out = c;
	return 0;
}

int
capture_fd(const struct capture *c)
{
	return pcap_get_selectable_fd(c->p);
}

int
capture_linktype(const struct capture *c)
{
	return c->linktype;
}

/* At nanosecond precision libpcap puts nanoseconds in tv_usec. */
static void
on_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct capture *c = (struct capture *)(void *)user;

	c->fn(bytes, h->caplen, (int64_t)h->ts.tv_sec,
	    (int64_t)h->ts.tv_usec, c->arg);
}

int
capture_dispatch(struct capture *c, capture_fn fn, void *arg)
{
	c->fn = fn;
	c->arg = arg;
	return pcap_dispatch(c->p, -1, on_packet, (u_char *)(void *)c);
}

unsigned
capture_drops(struct capture *c)
{
	struct pcap_stat st;

	if (pcap_stats(c->p, &st) != 0)
		return 0;
	return st.ps_drop;
}

void
capture_close(struct capture *c)
{
	if (c == NULL)
		return;
	pcap_close(c->p);
	free(c);
}
