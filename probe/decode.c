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
#define ETHERTYPE_VLAN	0x8100	/* IEEE 802.1Q */

#define ETH_HDR_LEN	14
#define VLAN_TAG_LEN	4
#define SLL_HDR_LEN	16
#define SLL_PROTO_OFF	14
#define SLL2_HDR_LEN	20
#define NULL_HDR_LEN	4

#define IPV4_MIN_HDR	20	/* RFC 791 */
#define IP_OFFMASK	0x1fff	/* fragment offset, in 8-byte units */
#define TCP_MIN_HDR	20	/* RFC 9293, 3.1 */

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
ethertype_payload(uint16_t type, struct span rest, struct span *ip)
{
	if (type == ETHERTYPE_VLAN) {
		if (!get_be16(rest, 2, &type))
			return DECODE_SHORT;
		if (!tail_span(rest, VLAN_TAG_LEN, &rest))
			return DECODE_SHORT;
	}

	if (type != ETHERTYPE_IPV4)
		return DECODE_NOT_IP;
	*ip = rest;
	return DECODE_OK;
}

/* A link header of hdrlen bytes with the ethertype at type_off. */
static enum decode_status
typed_payload(struct span f, size_t hdrlen, size_t type_off, struct span *ip)
{
	uint16_t type;
	struct span rest;

	if (!get_be16(f, type_off, &type) || !tail_span(f, hdrlen, &rest))
		return DECODE_SHORT;
	return ethertype_payload(type, rest, ip);
}

/*
 * DLT_NULL holds the family in the capturing host's byte order and
 * DLT_LOOP in network order; a capture file may come from either kind
 * of host, so both orders are taken for both.
 */
static enum decode_status
null_payload(struct span f, struct span *ip)
{
	uint32_t fam;

	if (!get_be32(f, 0, &fam) || !tail_span(f, NULL_HDR_LEN, ip))
		return DECODE_SHORT;
	if (fam != AF_INET && fam != (uint32_t)AF_INET << 24)
		return DECODE_NOT_IP;
	return DECODE_OK;
}

/* DLT_RAW carries IPv6 too: the version nibble tells which. */
static enum decode_status
raw_payload(struct span f, struct span *ip)
{
	uint8_t b;

	if (!get_u8(f, 0, &b))
		return DECODE_SHORT;
	if (b >> 4 == 6)
		return DECODE_NOT_IP;
	*ip = f;
	return DECODE_OK;
}

static enum decode_status
link_payload(int dlt, struct span f, struct span *ip)
{
	switch (dlt) {
	case DLT_EN10MB:
		return typed_payload(f, ETH_HDR_LEN, ETH_HDR_LEN - 2, ip);
	case DLT_LINUX_SLL:
		return typed_payload(f, SLL_HDR_LEN, SLL_PROTO_OFF, ip);
	case DLT_LINUX_SLL2:
		return typed_payload(f, SLL2_HDR_LEN, 0, ip);
	case DLT_NULL:
	case DLT_LOOP:
		return null_payload(f, ip);
	case DLT_RAW:
		return raw_payload(f, ip);
	case DLT_IPV4:
		*ip = f;
		return DECODE_OK;
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
	uint16_t frag;
	size_t hlen;

	if (!get_u8(f, 0, &vihl) || !get_be16(f, 2, &pkt->iplen) ||
	    !get_be16(f, 4, &pkt->ipid) || !get_be16(f, 6, &frag) ||
	    !get_u8(f, 8, &pkt->ttl) || !get_u8(f, 9, &pkt->proto) ||
	    !get_bytes(f, 12, 4, pkt->src) || !get_bytes(f, 16, 4, pkt->dst))
		return DECODE_SHORT;

	hlen = (size_t)(vihl & 0x0f) * 4;
	if (vihl >> 4 != 4 || hlen < IPV4_MIN_HDR || pkt->iplen < hlen)
		return DECODE_BAD_IP;
	if (!sub_span(f, hlen, pkt->iplen - hlen, payload))
		return DECODE_SHORT;

	if ((frag & IP_OFFMASK) != 0)
		return DECODE_FRAGMENT;
	pkt->family = AF_INET;
	return DECODE_OK;
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

enum decode_status
decode_frame(int dlt, const uint8_t *frame, size_t len,
    struct decoded_pkt *out)
{
	struct span f = { frame, len }, ip, seg;
	struct decoded_pkt pkt;
	enum decode_status st;

	memset(&pkt, 0, sizeof(pkt));
	st = link_payload(dlt, f, &ip);
	if (st == DECODE_OK)
		st = decode_ipv4(ip, &pkt, &seg);
	if (st != DECODE_OK)
		return st;

	if (pkt.proto == IPPROTO_TCP)
		st = decode_tcp(seg, &pkt.tcp);
	else
		st = DECODE_NOT_TCP;
	if (st == DECODE_OK || st == DECODE_NOT_TCP)
		*out = pkt;
	return st;
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
		return "not an IPv4 packet";
	case DECODE_BAD_IP:
		return "bad IPv4 version, header length or total length";
	case DECODE_FRAGMENT:
		return "IPv4 fragment after the first";
	case DECODE_NOT_TCP:
		return "not a TCP segment";
	case DECODE_BAD_TCP:
		return "TCP header does not fit its data offset";
	case DECODE_BAD_LINKTYPE:
		return "unknown link type";
	}
	return "unknown decode status";
}
