/*
 * Frames are read only through the accessors below, each of which checks
 * the offset against the bytes given and reports "too short" instead of
 * reading on.  Checksums are not verified: frames our own host sends
 * are captured before checksum offload fills theirs in.
 */
#include <sys/socket.h>
#include <netinet/in.h>

#include <stdbool.h>
#include <string.h>

#include <pcap/dlt.h>

#include "decode.h"

#define ETHERTYPE_IPV4	0x0800
#define ETHERTYPE_IPV6	0x86dd
#define ETHERTYPE_VLAN	0x8100	/* IEEE 802.1Q */

#define ETH_HDR_LEN	14
#define VLAN_TAG_LEN	4
#define SLL_HDR_LEN	16
#define SLL_PROTO_OFF	14
#define SLL2_HDR_LEN	20
#define NULL_HDR_LEN	4

/*
 * AF_INET6 as each system writes it in a DLT_NULL or DLT_LOOP header:
 * Linux, OpenBSD and NetBSD, FreeBSD, macOS.  AF_INET is 2 on all.
 */
#define NULL_AF_INET		2
#define NULL_AF_INET6_LINUX	10
#define NULL_AF_INET6_BSD	24
#define NULL_AF_INET6_FREEBSD	28
#define NULL_AF_INET6_DARWIN	30

#define IPV4_MIN_HDR	20	/* RFC 791 */
#define IP_OFFMASK	0x1fff	/* fragment offset, in 8-byte units */
#define IPV6_HDR_LEN	40	/* RFC 8200, 3 */
#define IPV6_EXT_MAX	8	/* more extension headers: a bad chain */
#define TCP_MIN_HDR	20	/* RFC 9293, 3.1 */
#define ICMP_HDR_LEN	8	/* RFC 792; RFC 4443, 2.1 */

/* RFC 8200, 4 */
#define NH_HOPOPTS	0
#define NH_ROUTING	43
#define NH_FRAGMENT	44
#define NH_DSTOPTS	60

/* A run of captured bytes that accessors never read beyond. */
struct span {
	const uint8_t *p;
	size_t len;
};

static bool
has(struct span s, size_t off, size_t n)
{
	return off <= s.len && n <= s.len - off;
}

static bool
get_u8(struct span s, size_t off, uint8_t *v)
{
	if (!has(s, off, 1))
		return false;
	*v = s.p[off];
	return true;
}

static bool
get_be16(struct span s, size_t off, uint16_t *v)
{
	if (!has(s, off, 2))
		return false;
	*v = (uint16_t)(s.p[off] << 8 | s.p[off + 1]);
	return true;
}

static bool
get_be32(struct span s, size_t off, uint32_t *v)
{
	if (!has(s, off, 4))
		return false;
	*v = (uint32_t)s.p[off] << 24 | (uint32_t)s.p[off + 1] << 16 |
	    (uint32_t)s.p[off + 2] << 8 | s.p[off + 3];
	return true;
}

static bool
get_bytes(struct span s, size_t off, size_t n, uint8_t *dst)
{
	if (!has(s, off, n))
		return false;
	memcpy(dst, s.p + off, n);
	return true;
}

static bool
sub_span(struct span s, size_t off, size_t n, struct span *out)
{
	if (!has(s, off, n))
		return false;
	out->p = s.p + off;
	out->len = n;
	return true;
}

static bool
tail_span(struct span s, size_t off, struct span *out)
{
	return off <= s.len && sub_span(s, off, s.len - off, out);
}

/* What follows an ethertype field; one 802.1Q tag is stepped over. */
static enum decode_status
ethertype_payload(uint16_t type, struct span rest, struct span *ip,
    int *family)
{
	if (type == ETHERTYPE_VLAN) {
		if (!get_be16(rest, 2, &type))
			return DECODE_SHORT;
		if (!tail_span(rest, VLAN_TAG_LEN, &rest))
			return DECODE_SHORT;
	}

	if (type == ETHERTYPE_IPV4)
		*family = AF_INET;
	else if (type == ETHERTYPE_IPV6)
		*family = AF_INET6;
	else
		return DECODE_NOT_IP;
	*ip = rest;
	return DECODE_OK;
}

/* A link header of hdrlen bytes with the ethertype at type_off. */
static enum decode_status
typed_payload(struct span f, size_t hdrlen, size_t type_off, struct span *ip,
    int *family)
{
	uint16_t type;
	struct span rest;

	if (!get_be16(f, type_off, &type) || !tail_span(f, hdrlen, &rest))
		return DECODE_SHORT;
	return ethertype_payload(type, rest, ip, family);
}

static bool
null_family(uint32_t fam, uint32_t want)
{
	return fam == want || fam == want << 24;
}

static bool
null_inet6(uint32_t fam)
{
	return null_family(fam, NULL_AF_INET6_LINUX) ||
	    null_family(fam, NULL_AF_INET6_BSD) ||
	    null_family(fam, NULL_AF_INET6_FREEBSD) ||
	    null_family(fam, NULL_AF_INET6_DARWIN);
}

/*
 * DLT_NULL holds the family in the capturing host's byte order and
 * DLT_LOOP in network order; a capture file may come from either kind
 * of host and from any system, so both orders and every system's
 * AF_INET6 are taken for both.
 */
static enum decode_status
null_payload(struct span f, struct span *ip, int *family)
{
	uint32_t fam;

	if (!get_be32(f, 0, &fam) || !tail_span(f, NULL_HDR_LEN, ip))
		return DECODE_SHORT;
	if (null_family(fam, NULL_AF_INET))
		*family = AF_INET;
	else if (null_inet6(fam))
		*family = AF_INET6;
	else
		return DECODE_NOT_IP;
	return DECODE_OK;
}

/* DLT_RAW carries both versions: the version nibble tells which. */
static enum decode_status
raw_payload(struct span f, struct span *ip, int *family)
{
	uint8_t b;

	if (!get_u8(f, 0, &b))
		return DECODE_SHORT;
	*family = b >> 4 == 6 ? AF_INET6 : AF_INET;
	*ip = f;
	return DECODE_OK;
}

static enum decode_status
bare_payload(struct span f, int fam, struct span *ip, int *family)
{
	*ip = f;
	*family = fam;
	return DECODE_OK;
}

static enum decode_status
link_payload(int dlt, struct span f, struct span *ip, int *family)
{
	switch (dlt) {
	case DLT_EN10MB:
		return typed_payload(f, ETH_HDR_LEN, ETH_HDR_LEN - 2, ip,
		    family);
	case DLT_LINUX_SLL:
		return typed_payload(f, SLL_HDR_LEN, SLL_PROTO_OFF, ip,
		    family);
	case DLT_LINUX_SLL2:
		return typed_payload(f, SLL2_HDR_LEN, 0, ip, family);
	case DLT_NULL:
	case DLT_LOOP:
		return null_payload(f, ip, family);
	case DLT_RAW:
		return raw_payload(f, ip, family);
	case DLT_IPV4:
		return bare_payload(f, AF_INET, ip, family);
	case DLT_IPV6:
		return bare_payload(f, AF_INET6, ip, family);
	}
	return DECODE_BAD_LINKTYPE;
}

/*
 * RFC 791, 3.1.  The total length is trusted over the frame length:
 * Ethernet pads short frames to 60 bytes.  A frame shorter than the
 * total length was cut by the snapshot length or the wire.
 */
static enum decode_status
decode_ipv4(struct span f, struct decoded_pkt *pkt, struct span *payload)
{
	uint8_t vihl;
	uint16_t total, frag;
	size_t hlen;

	if (!get_u8(f, 0, &vihl) || !get_be16(f, 2, &total) ||
	    !get_be16(f, 4, &pkt->ipid) || !get_be16(f, 6, &frag) ||
	    !get_u8(f, 8, &pkt->ttl) || !get_u8(f, 9, &pkt->proto) ||
	    !get_bytes(f, 12, 4, pkt->src) || !get_bytes(f, 16, 4, pkt->dst))
		return DECODE_SHORT;

	hlen = (size_t)(vihl & 0x0f) * 4;
	if (vihl >> 4 != 4 || hlen < IPV4_MIN_HDR || total < hlen)
		return DECODE_BAD_IP;
	if (!sub_span(f, hlen, total - hlen, payload))
		return DECODE_SHORT;

	if ((frag & IP_OFFMASK) != 0)
		return DECODE_FRAGMENT;
	pkt->iplen = total;
	pkt->family = AF_INET;
	return DECODE_OK;
}

static bool
is_extension(uint8_t nh)
{
	return nh == NH_HOPOPTS || nh == NH_ROUTING || nh == NH_DSTOPTS ||
	    nh == NH_FRAGMENT;
}

/*
 * RFC 8200, 4.3 to 4.6: hop-by-hop, routing and destination options
 * headers give their length in 8-byte units past the first 8; the
 * fragment header is 8 bytes, and only the fragment at offset 0 holds
 * the upper-layer header (4.5).
 */
static enum decode_status
extension_len(struct span ext, uint8_t nh, size_t *len)
{
	uint8_t units;
	uint16_t off;

	if (nh != NH_FRAGMENT) {
		if (!get_u8(ext, 1, &units))
			return DECODE_BAD_IP;
		*len = ((size_t)units + 1) * 8;
		return DECODE_OK;
	}

	if (!get_be16(ext, 2, &off))
		return DECODE_BAD_IP;
	if (off >> 3 != 0)
		return DECODE_FRAGMENT;
	*len = 8;
	return DECODE_OK;
}

/*
 * Steps over the extension headers at the start of *rest: then *nh is
 * the upper-layer protocol and *rest its bytes.  A chain longer than
 * any order RFC 8200, 4.1 allows is taken as bad.
 */
static enum decode_status
skip_extensions(struct span *rest, uint8_t *nh)
{
	enum decode_status st;
	uint8_t next;
	size_t n, len;

	for (n = 0; is_extension(*nh); n++) {
		if (n == IPV6_EXT_MAX)
			return DECODE_BAD_IP;
		st = extension_len(*rest, *nh, &len);
		if (st != DECODE_OK)
			return st;
		if (!get_u8(*rest, 0, &next) || !tail_span(*rest, len, rest))
			return DECODE_BAD_IP;
		*nh = next;
	}
	return DECODE_OK;
}

/*
 * RFC 8200, 3.  As for IPv4, the payload length is trusted over the
 * frame length; extension headers lie within it, so one that does not
 * fit is a bad packet.  A jumbogram (RFC 2675) cannot be captured on
 * the links this prober uses and fails as a bad chain.
 */
static enum decode_status
decode_ipv6(struct span f, struct decoded_pkt *pkt, struct span *payload)
{
	uint8_t ver;
	uint16_t plen;
	struct span rest;
	enum decode_status st;

	if (!get_u8(f, 0, &ver) || !get_be16(f, 4, &plen) ||
	    !get_u8(f, 6, &pkt->proto) || !get_u8(f, 7, &pkt->ttl) ||
	    !get_bytes(f, 8, 16, pkt->src) || !get_bytes(f, 24, 16, pkt->dst))
		return DECODE_SHORT;

	if (ver >> 4 != 6)
		return DECODE_BAD_IP;
	if (!sub_span(f, IPV6_HDR_LEN, plen, &rest))
		return DECODE_SHORT;

	st = skip_extensions(&rest, &pkt->proto);
	if (st != DECODE_OK)
		return st;
	*payload = rest;
	pkt->iplen = (uint32_t)IPV6_HDR_LEN + plen;
	pkt->family = AF_INET6;
	return DECODE_OK;
}

static enum decode_status
decode_ip(int family, struct span f, struct decoded_pkt *pkt,
    struct span *payload)
{
	if (family == AF_INET6)
		return decode_ipv6(f, pkt, payload);
	return decode_ipv4(f, pkt, payload);
}

/* Values only for the kinds we print, and only at their RFC length. */
static void
store_values(struct span o, struct tcp_option *t)
{
	uint8_t shift;
	uint16_t mss;
	uint32_t tsval, tsecr;

	switch (t->kind) {
	case TCPOPT_KIND_MSS:		/* RFC 9293, 3.7.1 */
		if (o.len == 4 && get_be16(o, 2, &mss))
			t->val[0] = mss;
		break;
	case TCPOPT_KIND_WSCALE:	/* RFC 7323, 2.2 */
		if (o.len == 3 && get_u8(o, 2, &shift))
			t->val[0] = shift;
		break;
	case TCPOPT_KIND_TIMESTAMP:	/* RFC 7323, 3.2 */
		if (o.len == 10 && get_be32(o, 2, &tsval) &&
		    get_be32(o, 6, &tsecr)) {
			t->val[0] = tsval;
			t->val[1] = tsecr;
		}
		break;
	}
}

/*
 * RFC 9293, 3.2: EOL and NOP are one byte; every other kind has a length
 * byte counting itself and the kind.  Returns the bytes the option
 * takes, 0 when its length is missing, below 2 or past the header.
 */
static size_t
decode_option(struct span opts, size_t off, struct tcp_option *t)
{
	uint8_t kind, len;
	struct span o;

	if (!get_u8(opts, off, &kind))
		return 0;
	if (kind == TCPOPT_KIND_EOL || kind == TCPOPT_KIND_NOP) {
		t->kind = kind;
		t->len = 1;
		return 1;
	}

	if (!get_u8(opts, off + 1, &len) || len < 2 ||
	    !sub_span(opts, off, len, &o))
		return 0;
	t->kind = kind;
	t->len = len;
	store_values(o, t);
	return len;
}

/* EOL ends the list: what follows it is padding (RFC 9293, 3.1). */
static void
decode_options(struct span opts, struct decoded_tcp *tcp)
{
	size_t off = 0, n;
	struct tcp_option *t;

	while (off < opts.len && tcp->nopt < TCP_OPT_CAP) {
		t = &tcp->opt[tcp->nopt];
		n = decode_option(opts, off, t);
		if (n == 0) {
			tcp->opt_malformed = 1;
			return;
		}
		tcp->nopt++;
		if (t->kind == TCPOPT_KIND_EOL)
			return;
		off += n;
	}
}

/*
 * RFC 9293, 3.1.  seg ends where the IP total length says, and the frame
 * held all of it, so a header that does not fit is a bad packet, not a
 * truncated capture.
 */
static enum decode_status
decode_tcp(struct span seg, struct decoded_tcp *tcp)
{
	uint8_t doff;
	struct span opts;

	if (!get_be16(seg, 0, &tcp->sport) || !get_be16(seg, 2, &tcp->dport) ||
	    !get_be32(seg, 4, &tcp->seq) || !get_be32(seg, 8, &tcp->ack) ||
	    !get_u8(seg, 12, &doff) || !get_u8(seg, 13, &tcp->flags) ||
	    !get_be16(seg, 14, &tcp->win))
		return DECODE_BAD_TCP;

	tcp->hdrlen = (uint8_t)((doff >> 4) * 4);
	if (tcp->hdrlen < TCP_MIN_HDR ||
	    !sub_span(seg, TCP_MIN_HDR, tcp->hdrlen - TCP_MIN_HDR, &opts))
		return DECODE_BAD_TCP;

	decode_options(opts, tcp);
	return DECODE_OK;
}

/*
 * What the quote holds past its IP header(s): of TCP, the ports and the
 * sequence number fill its first 8 bytes (RFC 9293, 3.1).
 */
static void
quote_transport(struct span rest, struct decoded_quote *q)
{
	uint16_t sport, dport;
	uint32_t seq;

	q->quoted_len = rest.len;
	if (q->proto != IPPROTO_TCP || !get_be16(rest, 0, &sport) ||
	    !get_be16(rest, 2, &dport) || !get_be32(rest, 4, &seq))
		return;
	q->sport = sport;
	q->dport = dport;
	q->seq = seq;
	q->has_tcp_quote = 1;
}

/* A quoted fragment after the first quotes no transport header. */
static void
quote_ipv4(struct span f, struct decoded_quote *out)
{
	struct decoded_quote q = { 0 };
	uint8_t vihl;
	uint16_t frag;
	size_t hlen;
	struct span rest;

	if (!get_u8(f, 0, &vihl) || !get_be16(f, 6, &frag) ||
	    !get_u8(f, 9, &q.proto) || !get_bytes(f, 12, 4, q.src) ||
	    !get_bytes(f, 16, 4, q.dst))
		return;
	hlen = (size_t)(vihl & 0x0f) * 4;
	if (vihl >> 4 != 4 || hlen < IPV4_MIN_HDR)
		return;

	q.family = AF_INET;
	if ((frag & IP_OFFMASK) == 0 && tail_span(f, hlen, &rest))
		quote_transport(rest, &q);
	*out = q;
}

/*
 * A quote may end inside the quoted extension headers: proto is then
 * the header the walk stopped at, and no transport header is taken.
 */
static void
quote_ipv6(struct span f, struct decoded_quote *out)
{
	struct decoded_quote q = { 0 };
	uint8_t ver;
	struct span rest;

	if (!get_u8(f, 0, &ver) || !get_u8(f, 6, &q.proto) ||
	    !get_bytes(f, 8, 16, q.src) || !get_bytes(f, 24, 16, q.dst))
		return;
	if (ver >> 4 != 6 || !tail_span(f, IPV6_HDR_LEN, &rest))
		return;

	q.family = AF_INET6;
	if (skip_extensions(&rest, &q.proto) == DECODE_OK)
		quote_transport(rest, &q);
	*out = q;
}

static bool
icmp_is_error(int family, uint8_t type)
{
	if (family == AF_INET6)
		return type >= ICMP6_TYPE_UNREACH &&
		    type <= ICMP6_TYPE_PARAMPROB;
	switch (type) {
	case ICMP_TYPE_UNREACH:
	case ICMP_TYPE_QUENCH:
	case ICMP_TYPE_REDIRECT:
	case ICMP_TYPE_TIMXCEED:
	case ICMP_TYPE_PARAMPROB:
		return true;
	}
	return false;
}

/*
 * RFC 792 and RFC 4443, 2.1: type, code, checksum, then a word whose
 * meaning the type gives; an error's quote follows it.  An ICMPv4
 * error quotes IPv4 and an ICMPv6 error IPv6: any other quote is
 * not one of ours.
 */
static enum decode_status
decode_icmp(int family, struct span msg, struct decoded_icmp *icmp)
{
	struct span quote;

	if (!get_u8(msg, 0, &icmp->type) || !get_u8(msg, 1, &icmp->code) ||
	    !get_be32(msg, 4, &icmp->info))
		return DECODE_BAD_ICMP;

	icmp->is_error = icmp_is_error(family, icmp->type);
	if (!icmp->is_error || !tail_span(msg, ICMP_HDR_LEN, &quote))
		return DECODE_OK;
	if (family == AF_INET6)
		quote_ipv6(quote, &icmp->quote);
	else
		quote_ipv4(quote, &icmp->quote);
	return DECODE_OK;
}

static enum decode_status
decode_transport(struct span seg, struct decoded_pkt *pkt)
{
	if (pkt->proto == IPPROTO_TCP)
		return decode_tcp(seg, &pkt->tcp);
	if (decode_is_icmp(pkt))
		return decode_icmp(pkt->family, seg, &pkt->icmp);
	return DECODE_NOT_TCP;
}

enum decode_status
decode_frame(int dlt, const uint8_t *frame, size_t len,
    struct decoded_pkt *out)
{
	struct span f = { frame, len }, ip, seg;
	struct decoded_pkt pkt;
	enum decode_status st;
	int family;

	memset(&pkt, 0, sizeof(pkt));
	st = link_payload(dlt, f, &ip, &family);
	if (st == DECODE_OK)
		st = decode_ip(family, ip, &pkt, &seg);
	if (st != DECODE_OK)
		return st;

	st = decode_transport(seg, &pkt);
	if (st == DECODE_OK || st == DECODE_NOT_TCP)
		*out = pkt;
	return st;
}

int
decode_is_icmp(const struct decoded_pkt *pkt)
{
	return (pkt->family == AF_INET && pkt->proto == IPPROTO_ICMP) ||
	    (pkt->family == AF_INET6 && pkt->proto == IPPROTO_ICMPV6);
}

const char *
decode_strerror(enum decode_status st)
{
	switch (st) {
	case DECODE_OK:
		return "decoded";
	case DECODE_SHORT:
		return "frame shorter than its headers say";
	case DECODE_NOT_IP:
		return "not an IPv4 or IPv6 packet";
	case DECODE_BAD_IP:
		return "bad IP version, length or extension header";
	case DECODE_FRAGMENT:
		return "IP fragment after the first";
	case DECODE_NOT_TCP:
		return "not TCP, ICMP or ICMPv6";
	case DECODE_BAD_TCP:
		return "TCP header does not fit its data offset";
	case DECODE_BAD_LINKTYPE:
		return "unknown link type";
	case DECODE_BAD_ICMP:
		return "ICMP message shorter than its header";
	}
	return "unknown decode status";
}
