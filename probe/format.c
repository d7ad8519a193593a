/*
 * Every line is built by appending to one bounded buffer that keeps
 * counting past its end, so a short buffer gets the line's first bytes
 * and the caller still learns how long it would have been.
 *
 * Times are printed from integer nanoseconds, rounded to the last
 * printed digit with halves away from zero: 24450000 ns is "0.0245s".
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "textbuf.h"

#define NS_PER_S	1000000000
#define NS_PER_MS	1000000
#define FINE_BELOW_NS	100000	/* under 0.1 ms, print microseconds */
#define IPV6_HDR_LEN	40	/* RFC 8200, 3 */
#define QUOTE_PORT_MIN	9	/* quoted bytes before nping names a port */
#define ANY_CODE	-1

/* A name for a type and code, or for every code of a type. */
struct icmp_name {
	uint8_t type;
	int code;		/* ANY_CODE: the type's other codes */
	const char *text;
};

/*
 * nping 0.7.93's words, as it prints them when no quoted address or
 * port goes into them; the types it was not seen to print take their
 * RFC names (RFC 792, RFC 950, RFC 1256).
 */
static const struct icmp_name icmp4_words[] = {
	{ 0, ANY_CODE, "Echo reply" },
	{ 3, 0, "Network unreachable" },
	{ 3, 1, "Host unreachable" },
	{ 3, 2, "Protocol unreachable" },
	{ 3, 3, "Port unreachable" },
	{ 3, 4, "Fragmentation required" },
	{ 3, 5, "Source route failed" },
	{ 3, 6, "Destination network unknown" },
	{ 3, 7, "Destination host unknown" },
	{ 3, 8, "Source host isolated" },
	{ 3, 9, "Destination network administratively prohibited" },
	{ 3, 10, "Destination host administratively prohibited" },
	{ 3, 11, "Network unreachable for TOS" },
	{ 3, 12, "Host unreachable for TOS" },
	{ 3, 13, "Communication administratively prohibited by filtering" },
	{ 3, 14, "Host precedence violation" },
	{ 3, 15, "Precedence cutoff in effect" },
	{ 3, ANY_CODE, "Destination unreachable (unknown code)" },
	{ 4, ANY_CODE, "Source quench" },
	{ 5, 0, "Network redirect" },
	{ 5, 1, "Host redirect" },
	{ 5, ANY_CODE, "Redirect (unknown code)" },
	{ 8, ANY_CODE, "Echo request" },
	{ 9, ANY_CODE, "Router advertisement" },
	{ 10, ANY_CODE, "Router solicitation" },
	{ 11, 0, "TTL=0 during transit" },
	{ 11, 1, "TTL=0 during reassembly" },
	{ 11, ANY_CODE, "TTL exceeded (unknown code)" },
	{ 12, 0, "Parameter problem (pointer indicates error)" },
	{ 12, 1, "Parameter problem (option missing)" },
	{ 12, 2, "Parameter problem (bad length)" },
	{ 12, ANY_CODE, "Parameter problem (unknown code)" },
	{ 13, ANY_CODE, "Timestamp request" },
	{ 14, ANY_CODE, "Timestamp reply" },
	{ 15, ANY_CODE, "Information request" },
	{ 16, ANY_CODE, "Information reply" },
	{ 17, ANY_CODE, "Address mask request" },
	{ 18, ANY_CODE, "Address mask reply" },
};

/*
 * nping receives no ICMPv6 error, so these are the RFCs' names: RFC
 * 4443, 3 and 4; RFC 6554, 3 for code 7; RFC 2710, RFC 3810 and
 * RFC 4861, 4 for the informational types.
 */
static const struct icmp_name icmp6_words[] = {
	{ 1, 0, "No route to destination" },
	{ 1, 1, "Communication with destination administratively "
	    "prohibited" },
	{ 1, 2, "Beyond scope of source address" },
	{ 1, 3, "Address unreachable" },
	{ 1, 4, "Port unreachable" },
	{ 1, 5, "Source address failed ingress/egress policy" },
	{ 1, 6, "Reject route to destination" },
	{ 1, 7, "Error in Source Routing Header" },
	{ 1, ANY_CODE, "Destination unreachable (unknown code)" },
	{ 2, ANY_CODE, "Packet too big" },
	{ 3, 0, "Hop limit exceeded in transit" },
	{ 3, 1, "Fragment reassembly time exceeded" },
	{ 3, ANY_CODE, "Time exceeded (unknown code)" },
	{ 4, 0, "Erroneous header field encountered" },
	{ 4, 1, "Unrecognized Next Header type encountered" },
	{ 4, 2, "Unrecognized IPv6 option encountered" },
	{ 4, ANY_CODE, "Parameter problem (unknown code)" },
	{ 128, ANY_CODE, "Echo request" },
	{ 129, ANY_CODE, "Echo reply" },
	{ 130, ANY_CODE, "Multicast listener query" },
	{ 131, ANY_CODE, "Multicast listener report" },
	{ 132, ANY_CODE, "Multicast listener done" },
	{ 133, ANY_CODE, "Router solicitation" },
	{ 134, ANY_CODE, "Router advertisement" },
	{ 135, ANY_CODE, "Neighbor solicitation" },
	{ 136, ANY_CODE, "Neighbor advertisement" },
	{ 137, ANY_CODE, "Redirect" },
	{ 143, ANY_CODE, "Multicast listener report v2" },
};

static const struct icmp_name icmp4_short[] = {
	{ 0, ANY_CODE, "echo reply" },
	{ 3, 0, "net unreachable" },
	{ 3, 1, "host unreachable" },
	{ 3, 2, "protocol unreachable" },
	{ 3, 3, "port unreachable" },
	{ 3, 4, "fragmentation needed" },
	{ 3, 5, "source route failed" },
	{ 3, 6, "net unknown" },
	{ 3, 7, "host unknown" },
	{ 3, 8, "source host isolated" },
	{ 3, 9, "net prohibited" },
	{ 3, 10, "host prohibited" },
	{ 3, 11, "net unreachable for TOS" },
	{ 3, 12, "host unreachable for TOS" },
	{ 3, 13, "admin prohibited" },
	{ 3, 14, "precedence violation" },
	{ 3, 15, "precedence cutoff" },
	{ 3, ANY_CODE, "unreachable" },
	{ 4, ANY_CODE, "source quench" },
	{ 5, ANY_CODE, "redirect" },
	{ 8, ANY_CODE, "echo request" },
	{ 11, 0, "TTL exceeded" },
	{ 11, 1, "reassembly time exceeded" },
	{ 11, ANY_CODE, "time exceeded" },
	{ 12, ANY_CODE, "parameter problem" },
};

static const struct icmp_name icmp6_short[] = {
	{ 1, 0, "no route" },
	{ 1, 1, "admin prohibited" },
	{ 1, 2, "beyond scope" },
	{ 1, 3, "address unreachable" },
	{ 1, 4, "port unreachable" },
	{ 1, 5, "source address policy" },
	{ 1, 6, "reject route" },
	{ 1, 7, "source routing error" },
	{ 1, ANY_CODE, "unreachable" },
	{ 2, ANY_CODE, "packet too big" },
	{ 3, 0, "hop limit exceeded" },
	{ 3, 1, "reassembly time exceeded" },
	{ 3, ANY_CODE, "time exceeded" },
	{ 4, ANY_CODE, "parameter problem" },
	{ 128, ANY_CODE, "echo request" },
	{ 129, ANY_CODE, "echo reply" },
};

/*
 * The destination unreachable codes whose text nping builds around the
 * quoted destination address, as "<before>198.18.9.2<after>".
 */
static const struct {
	uint8_t code;
	const char *before, *after;
} unreach_at[] = {
	{ 0, "Network ", " unreachable" },
	{ 1, "Host ", " unreachable" },
	{ 6, "Destination network ", " unknown" },
	{ 7, "Destination host ", " unknown" },
	{ 9, "Destination network ", " administratively prohibited" },
	{ 10, "Destination host ", " administratively prohibited" },
	{ 11, "Network ", " unreachable for TOS" },
	{ 12, "Host ", " unreachable for TOS" },
};

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* ns as a count of unit_ns with ndec (1 to 4) decimals. */
static void
out_fixed(struct textbuf *o, int64_t ns, uint64_t unit_ns, int ndec)
{
	static const uint64_t pow10[] = { 1, 10, 100, 1000, 10000 };
	uint64_t mag, step, q;

	mag = ns < 0 ? -(uint64_t)ns : (uint64_t)ns;
	step = unit_ns / pow10[ndec];
	q = mag / step + (2 * (mag % step) >= step);

	textbuf_printf(o, "%s%" PRIu64 ".%0*" PRIu64,
	    ns < 0 && q > 0 ? "-" : "", q / pow10[ndec], ndec,
	    q % pow10[ndec]);
}

static void
out_flags(struct textbuf *o, uint8_t flags)
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
	textbuf_printf(o, "%s", letters);
}

/*
 * Named only at the length its RFC gives (RFC 9293, RFC 7323,
 * RFC 2018); anything else shows as its kind number.
 */
static void
out_option(struct textbuf *o, const struct tcp_option *t)
{
	switch (t->kind) {
	case TCPOPT_KIND_EOL:
		textbuf_printf(o, "eol");
		return;
	case TCPOPT_KIND_NOP:
		textbuf_printf(o, "nop");
		return;
	case TCPOPT_KIND_MSS:
		if (t->len != 4)
			break;
		textbuf_printf(o, "mss %" PRIu32, t->val[0]);
		return;
	case TCPOPT_KIND_WSCALE:
		if (t->len != 3)
			break;
		textbuf_printf(o, "wscale %" PRIu32, t->val[0]);
		return;
	case TCPOPT_KIND_SACKOK:
		if (t->len != 2)
			break;
		textbuf_printf(o, "sackOK");
		return;
	case TCPOPT_KIND_SACK:
		if (t->len < 10 || (t->len - 2) % 8 != 0)
			break;
		textbuf_printf(o, "sack %d", (t->len - 2) / 8);
		return;
	case TCPOPT_KIND_TIMESTAMP:
		if (t->len != 10)
			break;
		textbuf_printf(o, "timestamp %" PRIu32 " %" PRIu32, t->val[0],
		    t->val[1]);
		return;
	}
	textbuf_printf(o, "opt-%u", t->kind);
}

static int
has_options(const struct decoded_tcp *tcp)
{
	return tcp->nopt > 0 || tcp->opt_malformed;
}

static void
out_options(struct textbuf *o, const struct decoded_tcp *tcp)
{
	size_t i;

	if (!has_options(tcp))
		return;

	textbuf_printf(o, "<");
	for (i = 0; i < tcp->nopt && i < TCP_OPT_CAP; i++) {
		if (i > 0)
			textbuf_printf(o, ",");
		out_option(o, &tcp->opt[i]);
	}
	if (tcp->opt_malformed)
		textbuf_printf(o, "%smalformed", tcp->nopt > 0 ? "," : "");
	textbuf_printf(o, ">");
}

static void
addr_text(int family, const uint8_t *addr, char *buf, size_t cap)
{
	if (inet_ntop(family, addr, buf, (socklen_t)cap) == NULL)
		snprintf(buf, cap, "?");
}

/* IPv6 addresses in brackets, so that the port stands apart. */
static void
out_endpoint(struct textbuf *o, int family, const uint8_t *addr, uint16_t port)
{
	char text[INET6_ADDRSTRLEN];

	addr_text(family, addr, text, sizeof(text));
	if (family == AF_INET6)
		textbuf_printf(o, "[%s]:%u", text, port);
	else
		textbuf_printf(o, "%s:%u", text, port);
}

/*
 * IPv6 has no identification outside a fragment header, and its TTL is
 * the hop limit (RFC 8200, 3).
 */
static void
out_ip_fields(struct textbuf *o, const struct decoded_pkt *pkt)
{
	uint32_t plen;

	if (pkt->family != AF_INET6) {
		textbuf_printf(o, "ttl=%u id=%u iplen=%" PRIu32, pkt->ttl,
		    pkt->ipid, pkt->iplen);
		return;
	}
	plen = pkt->iplen > IPV6_HDR_LEN ? pkt->iplen - IPV6_HDR_LEN : 0;
	textbuf_printf(o, "hlim=%u plen=%" PRIu32, pkt->ttl, plen);
}

static const char *
icmp_lookup(const struct icmp_name *t, size_t n, uint8_t type, uint8_t code,
    const char *unknown)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].type == type &&
		    (t[i].code == code || t[i].code == ANY_CODE))
			return t[i].text;
	return unknown;
}

/*
 * nping names the quoted destination, protocol or port in these texts;
 * the port only when the quote holds more than the 8 bytes RFC 792
 * asks for, as nping 0.7.93 was seen to do.  Returns 0 when the text
 * takes nothing from the quote.
 */
static int
out_unreach_quoted(struct textbuf *o, uint8_t code,
    const struct decoded_quote *q)
{
	char dst[INET_ADDRSTRLEN];
	size_t i;

	if (code == 2) {
		textbuf_printf(o, "Protocol %u unreachable", q->proto);
		return 1;
	}
	if (code == 3 && q->has_tcp_quote && q->quoted_len >= QUOTE_PORT_MIN) {
		textbuf_printf(o, "Port %u unreachable", q->dport);
		return 1;
	}

	addr_text(AF_INET, q->dst, dst, sizeof(dst));
	for (i = 0; i < NITEMS(unreach_at); i++)
		if (unreach_at[i].code == code) {
			textbuf_printf(o, "%s%s%s", unreach_at[i].before, dst,
			    unreach_at[i].after);
			return 1;
		}
	return 0;
}

static void
out_icmp_text(struct textbuf *o, const struct decoded_pkt *pkt)
{
	const struct decoded_icmp *icmp = &pkt->icmp;

	if (pkt->family == AF_INET && icmp->type == ICMP_TYPE_UNREACH &&
	    icmp->quote.family == AF_INET &&
	    out_unreach_quoted(o, icmp->code, &icmp->quote))
		return;
	textbuf_printf(o, "%s", icmp_description(pkt->family, icmp->type,
	    icmp->code));
}

/*
 * The second header word where nping shows it: the next-hop MTU (RFC
 * 1191), the redirect gateway, the parameter problem pointer (RFC
 * 792), the echo id and sequence number.  nping's closing bracket
 * follows them with no space.
 */
static void
out_icmp4_info(struct textbuf *o, const struct decoded_icmp *icmp)
{
	uint8_t gw[4];
	char text[INET_ADDRSTRLEN];

	switch (icmp->type) {
	case ICMP_TYPE_UNREACH:
		if (icmp->code == 4)
			textbuf_printf(o, "Next-Hop-MTU=%" PRIu32,
			    icmp->info & 0xffff);
		break;
	case ICMP_TYPE_REDIRECT:
		gw[0] = (uint8_t)(icmp->info >> 24);
		gw[1] = (uint8_t)(icmp->info >> 16);
		gw[2] = (uint8_t)(icmp->info >> 8);
		gw[3] = (uint8_t)icmp->info;
		addr_text(AF_INET, gw, text, sizeof(text));
		textbuf_printf(o, "addr=%s", text);
		break;
	case ICMP_TYPE_PARAMPROB:
		textbuf_printf(o, "pointer=%" PRIu32, icmp->info >> 24);
		break;
	case ICMP_TYPE_ECHO:
	case ICMP_TYPE_ECHOREPLY:
		textbuf_printf(o, "id=%" PRIu32 " seq=%" PRIu32,
		    icmp->info >> 16, icmp->info & 0xffff);
		break;
	}
}

/* RFC 4443, 3.2, 3.4 and 4.1: the MTU, the pointer, the echo id. */
static void
out_icmp6_info(struct textbuf *o, const struct decoded_icmp *icmp)
{
	switch (icmp->type) {
	case ICMP6_TYPE_TOOBIG:
		textbuf_printf(o, "mtu=%" PRIu32, icmp->info);
		break;
	case ICMP6_TYPE_PARAMPROB:
		textbuf_printf(o, "pointer=%" PRIu32, icmp->info);
		break;
	case ICMP6_TYPE_ECHO:
	case ICMP6_TYPE_ECHOREPLY:
		textbuf_printf(o, "id=%" PRIu32 " seq=%" PRIu32,
		    icmp->info >> 16, icmp->info & 0xffff);
		break;
	}
}

static void
out_stamp(struct textbuf *o, const char *tag, int64_t t_ns)
{
	textbuf_printf(o, "%s (", tag);
	out_fixed(o, t_ns, NS_PER_S, 4);
	textbuf_printf(o, "s) ");
}

static void
out_rtt(struct textbuf *o, const struct stats *s)
{
	if (s->nrtt == 0) {
		textbuf_printf(o, "Max rtt: N/A | Min rtt: N/A | Avg rtt: N/A");
		return;
	}

	textbuf_printf(o, "Max rtt: ");
	out_fixed(o, s->rtt_max, NS_PER_MS, 3);
	textbuf_printf(o, "ms | Min rtt: ");
	out_fixed(o, s->rtt_min, NS_PER_MS, 3);
	textbuf_printf(o, "ms | Avg rtt: ");
	out_fixed(o, stats_rtt_avg(s), NS_PER_MS, 3);
	textbuf_printf(o, "ms");
}

/*
 * A literal target is named by its address alone, however it was
 * written: "FD00::1" and "fd00::1" are one address.
 */
static int
same_address(const char *a, const char *b)
{
	uint8_t x[16], y[16];
	int family = strchr(b, ':') != NULL ? AF_INET6 : AF_INET;

	if (strcmp(a, b) == 0)
		return 1;
	return inet_pton(family, a, x) == 1 && inet_pton(family, b, y) == 1 &&
	    memcmp(x, y, family == AF_INET6 ? 16 : 4) == 0;
}

static void
out_host(struct textbuf *o, const char *name, const char *addr)
{
	if (name == NULL || same_address(name, addr))
		textbuf_printf(o, "%s", addr);
	else
		textbuf_printf(o, "%s (%s)", name, addr);
}

size_t
format_tcp_flags(uint8_t flags, char *buf, size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	out_flags(&o, flags);
	return o.len;
}

size_t
format_tcp_options(const struct decoded_tcp *tcp, char *buf, size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
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
	const struct decoded_tcp *tcp = &pkt->tcp;
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	out_stamp(&o, tag, t_ns);
	textbuf_printf(&o, "TCP ");
	out_endpoint(&o, pkt->family, pkt->src, tcp->sport);
	textbuf_printf(&o, " > ");
	out_endpoint(&o, pkt->family, pkt->dst, tcp->dport);
	textbuf_printf(&o, " ");
	out_flags(&o, tcp->flags);

	textbuf_printf(&o, " ");
	out_ip_fields(&o, pkt);
	textbuf_printf(&o, "  seq=%" PRIu32 " win=%u", tcp->seq, tcp->win);
	if (has_options(tcp)) {
		textbuf_printf(&o, " ");
		out_options(&o, tcp);
	}
	return o.len;
}

/*
 * As with TCP, nping ends its IP fields with a space; its IPv6 fields
 * end without one.
 */
size_t
format_icmp_line(const char *tag, int64_t t_ns,
    const struct decoded_pkt *pkt, char *buf, size_t cap)
{
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	const struct decoded_icmp *icmp = &pkt->icmp;
	int v6 = pkt->family == AF_INET6;
	struct textbuf o;

	addr_text(pkt->family, pkt->src, src, sizeof(src));
	addr_text(pkt->family, pkt->dst, dst, sizeof(dst));
	textbuf_init(&o, buf, cap);
	out_stamp(&o, tag, t_ns);

	textbuf_printf(&o, "%s [%s > %s ", v6 ? "ICMPv6" : "ICMP", src, dst);
	out_icmp_text(&o, pkt);
	textbuf_printf(&o, " (type=%u/code=%u) ", icmp->type, icmp->code);
	if (v6)
		out_icmp6_info(&o, icmp);
	else
		out_icmp4_info(&o, icmp);

	textbuf_printf(&o, "] %s [", v6 ? "IPv6" : "IP");
	out_ip_fields(&o, pkt);
	textbuf_printf(&o, "%s]", v6 ? "" : " ");
	return o.len;
}

size_t
format_packet_line(const char *tag, int64_t t_ns,
    const struct decoded_pkt *pkt, char *buf, size_t cap)
{
	if (decode_is_icmp(pkt))
		return format_icmp_line(tag, t_ns, pkt, buf, cap);
	return format_tcp_line(tag, t_ns, pkt, buf, cap);
}

const char *
icmp_description(int family, uint8_t type, uint8_t code)
{
	if (family == AF_INET6)
		return icmp_lookup(icmp6_words, NITEMS(icmp6_words), type,
		    code, "Unknown ICMPv6 type");
	return icmp_lookup(icmp4_words, NITEMS(icmp4_words), type, code,
	    "Unknown ICMP type");
}

const char *
icmp_short(int family, uint8_t type, uint8_t code)
{
	if (family == AF_INET6)
		return icmp_lookup(icmp6_short, NITEMS(icmp6_short), type,
		    code, "unknown type");
	return icmp_lookup(icmp4_short, NITEMS(icmp4_short), type, code,
	    "unknown type");
}

size_t
format_rtt_line(const struct stats *s, char *buf, size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	out_rtt(&o, s);
	return o.len;
}

size_t
format_host_stats(const char *name, const char *addr, const struct stats *s,
    char *buf, size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	textbuf_printf(&o, "Statistics for host ");
	out_host(&o, name, addr);
	textbuf_printf(&o, ":\n |  Probes Sent: %" PRIu64 " | Rcvd: %" PRIu64
	    " | Lost: %" PRIu64 "  (%.2f%%)\n |_ ", s->sent, s->answered,
	    stats_lost(s), stats_loss_pct(s));
	out_rtt(&o, s);
	return o.len;
}

static void
out_answered(struct textbuf *o, const struct verdict_input *v)
{
	textbuf_printf(o, ", %u/%u answered", verdict_answered(v), v->sent);
}

/* The mean RTT, when any probe had one. */
static void
out_open(struct textbuf *o, const struct verdict_input *v)
{
	textbuf_printf(o, "open");
	out_answered(o, v);
	if (v->stats == NULL || v->stats->nrtt == 0)
		return;

	textbuf_printf(o, ", rtt ");
	out_fixed(o, stats_rtt_avg(v->stats), NS_PER_MS, 3);
	textbuf_printf(o, " ms");
}

/*
 * connect() hears of an ICMP error only as an errno, which the kernel
 * maps from the type and code (RFC 1122, 4.2.3.9).
 */
static const char *
errno_short(int e)
{
	switch (e) {
	case EHOSTUNREACH:	return "host unreachable";
	case ENETUNREACH:	return "net unreachable";
	case EACCES:
	case EPERM:		return "prohibited";
	case EHOSTDOWN:		return "host down";
	case ENETDOWN:		return "net down";
	default:		return "unreachable";
	}
}

/* A firewall on the way often rejects for the target: name it. */
static void
out_rejection(struct textbuf *o, const struct verdict_input *v)
{
	if (v->rejected_family == 0) {
		textbuf_printf(o, "rejected (connect: %s)",
		    errno_short(v->conn_errno));
		out_answered(o, v);
		return;
	}
	textbuf_printf(o, "rejected (%s %s",
	    v->rejected_family == AF_INET6 ? "ICMPv6" : "ICMP",
	    icmp_short(v->rejected_family, v->rejected_type,
	    v->rejected_code));
	if (v->rejected_from != NULL &&
	    !same_address(v->rejected_from, v->addr))
		textbuf_printf(o, " from %s", v->rejected_from);
	textbuf_printf(o, ")");
	out_answered(o, v);
}

size_t
format_verdict_line(const struct verdict_input *v, char *buf, size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	out_host(&o, v->name, v->addr);
	textbuf_printf(&o, " port %u: ", v->port);

	switch (verdict_of(v)) {
	case VERDICT_OPEN:
		out_open(&o, v);
		break;
	case VERDICT_CLOSED:
		textbuf_printf(&o, "closed (RST)");
		out_answered(&o, v);
		break;
	case VERDICT_REJECTED:
		out_rejection(&o, v);
		break;
	case VERDICT_FILTERED:
		textbuf_printf(&o, "filtered (no reply to %u probe%s)", v->sent,
		    v->sent == 1 ? "" : "s");
		break;
	}
	return o.len;
}

/* The loss is printf's rounding of stats_loss_pct, as nping prints it. */
size_t
format_packets_line(const struct stats *s, char *buf, size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	textbuf_printf(&o, "Raw packets sent: %" PRIu64 " (%" PRIu64 "B) | "
	    "Rcvd: %" PRIu64 " (%" PRIu64 "B) | Lost: %" PRIu64 " (%.2f%%)",
	    s->sent, s->sent_bytes, s->rcvd, s->rcvd_bytes, stats_lost(s),
	    stats_loss_pct(s));
	return o.len;
}

size_t
format_done_line(unsigned naddr, int64_t elapsed_ns, char *buf, size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	textbuf_printf(&o, "Probe done: %u IP %s probed in ", naddr,
	    naddr == 1 ? "address" : "addresses");
	out_fixed(&o, elapsed_ns, NS_PER_S, 2);
	textbuf_printf(&o, " seconds");
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
	char asked[SEARCH_TEXT_MAX];
	struct textbuf o;

	search_name_text(cand->name, asked, sizeof(asked));
	textbuf_init(&o, buf, cap);
	textbuf_printf(&o, "%s -> %s ", name, asked);
	if (cand->origin == CAND_AS_IS)
		textbuf_printf(&o, "(as given)");
	else
		textbuf_printf(&o, "(search domain %zu of %zu)",
		    cand->domain + 1, nsearch);

	textbuf_printf(&o, " -> %s in ", addr);
	out_fixed(&o, took_ns, NS_PER_MS, took_ns < FINE_BELOW_NS ? 3 : 1);
	textbuf_printf(&o, " ms");
	return o.len;
}
