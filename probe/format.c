/*
 * Every line is built by appending to one bounded buffer that keeps
 * counting past its end, so a short buffer gets the line's first bytes
 * and the caller still learns how long it would have been.
 *
 * Times are printed from integer nanoseconds, rounded to the last
 * printed digit with halves away from zero: 24450000 ns is "0.0245s".
 */
#include <sys/socket.h>
#include <arpa/inet.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "format.h"

#define NS_PER_S	1000000000
#define NS_PER_MS	1000000
#define FINE_BELOW_NS	100000	/* under 0.1 ms, print microseconds */

struct out {
	char *buf;
	size_t cap;
	size_t len;		/* wanted so far; may pass cap */
};

static void
out_init(struct out *o, char *buf, size_t cap)
{
	o->buf = buf;
	o->cap = cap;
	o->len = 0;
	if (cap > 0)
		buf[0] = '\0';
}

static void out_printf(struct out *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
out_printf(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	if (o->len < o->cap)
		n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	else
		n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);

	if (n > 0)
		o->len += (size_t)n;
}

/* ns as a count of unit_ns with ndec (1 to 4) decimals. */
static void
out_fixed(struct out *o, int64_t ns, uint64_t unit_ns, int ndec)
{
	static const uint64_t pow10[] = { 1, 10, 100, 1000, 10000 };
	uint64_t mag, step, q;

	mag = ns < 0 ? -(uint64_t)ns : (uint64_t)ns;
	step = unit_ns / pow10[ndec];
	q = mag / step + (2 * (mag % step) >= step);

	out_printf(o, "%s%" PRIu64 ".%0*" PRIu64, ns < 0 && q > 0 ? "-" : "",
	    q / pow10[ndec], ndec, q % pow10[ndec]);
}

static void
out_flags(struct out *o, uint8_t flags)
{
	static const struct {
		uint8_t bit;
		char letter;
	} order[] = {
		{ TH_SYN_BIT, 'S' }, { TH_FIN_BIT, 'F' }, { TH_RST_BIT, 'R' },
		{ TH_PSH_BIT, 'P' }, { TH_ACK_BIT, 'A' }, { TH_URG_BIT, 'U' },
		{ TH_ECE_BIT, 'E' }, { TH_CWR_BIT, 'C' },
	};
	char letters[sizeof(order) / sizeof(order[0]) + 1];
	size_t i, n = 0;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (flags & order[i].bit)
			letters[n++] = order[i].letter;
	letters[n] = '\0';
	out_printf(o, "%s", letters);
}

/*
 * Named only at the length its RFC gives (RFC 9293, RFC 7323,
 * RFC 2018); anything else shows as its kind number.
 */
static void
out_option(struct out *o, const struct tcp_option *t)
{
	switch (t->kind) {
	case TCPOPT_KIND_EOL:
		out_printf(o, "eol");
		return;
	case TCPOPT_KIND_NOP:
		out_printf(o, "nop");
		return;
	case TCPOPT_KIND_MSS:
		if (t->len != 4)
			break;
		out_printf(o, "mss %" PRIu32, t->val[0]);
		return;
	case TCPOPT_KIND_WSCALE:
		if (t->len != 3)
			break;
		out_printf(o, "wscale %" PRIu32, t->val[0]);
		return;
	case TCPOPT_KIND_SACKOK:
		if (t->len != 2)
			break;
		out_printf(o, "sackOK");
		return;
	case TCPOPT_KIND_SACK:
		if (t->len < 10 || (t->len - 2) % 8 != 0)
			break;
		out_printf(o, "sack %d", (t->len - 2) / 8);
		return;
	case TCPOPT_KIND_TIMESTAMP:
		if (t->len != 10)
			break;
		out_printf(o, "timestamp %" PRIu32 " %" PRIu32, t->val[0],
		    t->val[1]);
		return;
	}
	out_printf(o, "opt-%u", t->kind);
}

static int
has_options(const struct decoded_tcp *tcp)
{
	return tcp->nopt > 0 || tcp->opt_malformed;
}

static void
out_options(struct out *o, const struct decoded_tcp *tcp)
{
	size_t i;

	if (!has_options(tcp))
		return;

	out_printf(o, "<");
	for (i = 0; i < tcp->nopt && i < TCP_OPT_CAP; i++) {
		if (i > 0)
			out_printf(o, ",");
		out_option(o, &tcp->opt[i]);
	}
	if (tcp->opt_malformed)
		out_printf(o, "%smalformed", tcp->nopt > 0 ? "," : "");
	out_printf(o, ">");
}

static void
addr_text(int family, const uint8_t *addr, char *buf, size_t cap)
{
	if (inet_ntop(family, addr, buf, (socklen_t)cap) == NULL)
		snprintf(buf, cap, "?");
}

size_t
format_tcp_flags(uint8_t flags, char *buf, size_t cap)
{
	struct out o;

	out_init(&o, buf, cap);
	out_flags(&o, flags);
	return o.len;
}

size_t
format_tcp_options(const struct decoded_tcp *tcp, char *buf, size_t cap)
{
	struct out o;

	out_init(&o, buf, cap);
	out_options(&o, tcp);
	return o.len;
}

/*
 * nping ends its IP fields with a space and then joins the parts with
 * spaces: hence two spaces before "seq=", and two after the ports when
 * no flag is set.  Its trailing space after a line without options is
 * left out.
 */
size_t
format_tcp_line(const char *tag, int64_t t_ns,
    const struct decoded_pkt *pkt, char *buf, size_t cap)
{
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	const struct decoded_tcp *tcp = &pkt->tcp;
	struct out o;

	addr_text(pkt->family, pkt->src, src, sizeof(src));
	addr_text(pkt->family, pkt->dst, dst, sizeof(dst));
	out_init(&o, buf, cap);

	out_printf(&o, "%s (", tag);
	out_fixed(&o, t_ns, NS_PER_S, 4);
	out_printf(&o, "s) TCP %s:%u > %s:%u ", src, tcp->sport, dst,
	    tcp->dport);
	out_flags(&o, tcp->flags);
	out_printf(&o, " ttl=%u id=%u iplen=%u  seq=%" PRIu32 " win=%u",
	    pkt->ttl, pkt->ipid, pkt->iplen, tcp->seq, tcp->win);

	if (has_options(tcp)) {
		out_printf(&o, " ");
		out_options(&o, tcp);
	}
	return o.len;
}

size_t
format_rtt_line(const struct stats *s, char *buf, size_t cap)
{
	struct out o;

	out_init(&o, buf, cap);
	if (s->nrtt == 0) {
		out_printf(&o, "Max rtt: N/A | Min rtt: N/A | Avg rtt: N/A");
		return o.len;
	}

	out_printf(&o, "Max rtt: ");
	out_fixed(&o, s->rtt_max, NS_PER_MS, 3);
	out_printf(&o, "ms | Min rtt: ");
	out_fixed(&o, s->rtt_min, NS_PER_MS, 3);
	out_printf(&o, "ms | Avg rtt: ");
	out_fixed(&o, stats_rtt_avg(s), NS_PER_MS, 3);
	out_printf(&o, "ms");
	return o.len;
}

/* The loss is printf's rounding of stats_loss_pct, as nping prints it. */
size_t
format_packets_line(const struct stats *s, char *buf, size_t cap)
{
	struct out o;

	out_init(&o, buf, cap);
	out_printf(&o, "Raw packets sent: %" PRIu64 " (%" PRIu64 "B) | "
	    "Rcvd: %" PRIu64 " (%" PRIu64 "B) | Lost: %" PRIu64 " (%.2f%%)",
	    s->sent, s->sent_bytes, s->rcvd, s->rcvd_bytes, stats_lost(s),
	    stats_loss_pct(s));
	return o.len;
}

size_t
format_done_line(unsigned naddr, int64_t elapsed_ns, char *buf, size_t cap)
{
	struct out o;

	out_init(&o, buf, cap);
	out_printf(&o, "Probe done: %u IP %s probed in ", naddr,
	    naddr == 1 ? "address" : "addresses");
	out_fixed(&o, elapsed_ns, NS_PER_S, 2);
	out_printf(&o, " seconds");
	return o.len;
}

/*
 * Lookups on a cluster's own DNS often take tens of microseconds, which
 * one decimal of a millisecond would show as 0.0.
 */
size_t
format_resolution_line(const char *name, const struct search_cand *cand,
    size_t nsearch, const char *addr, int64_t took_ns, char *buf,
    size_t cap)
{
	struct out o;

	out_init(&o, buf, cap);
	out_printf(&o, "%s -> %.*s ", name, (int)sizeof(cand->name),
	    cand->name);
	if (cand->origin == CAND_AS_IS)
		out_printf(&o, "(as given)");
	else
		out_printf(&o, "(search domain %zu of %zu)", cand->domain + 1,
		    nsearch);

	out_printf(&o, " -> %s in ", addr);
	out_fixed(&o, took_ns, NS_PER_MS, took_ns < FINE_BELOW_NS ? 3 : 1);
	out_printf(&o, " ms");
	return o.len;
}
