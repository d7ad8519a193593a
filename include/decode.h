/*
 * Captured frames into parsed packets.  Every field is read through
 * bounded accessors: a frame too short for what its headers claim is
 * reported as such, never read past its end.  Pure: no I/O.
 */
#ifndef PROBE_DECODE_H
#define PROBE_DECODE_H

#include <stddef.h>
#include <stdint.h>

#define TCP_OPT_CAP	40	/* 40 option bytes hold at most 40 NOPs */

/* TCP flag bits as on the wire (RFC 9293, RFC 3168). */
enum {
	TH_FIN_BIT = 0x01, TH_SYN_BIT = 0x02, TH_RST_BIT = 0x04,
	TH_PSH_BIT = 0x08, TH_ACK_BIT = 0x10, TH_URG_BIT = 0x20,
	TH_ECE_BIT = 0x40, TH_CWR_BIT = 0x80,
};

/* Option kinds (RFC 9293, RFC 7323, RFC 2018). */
enum {
	TCPOPT_KIND_EOL = 0, TCPOPT_KIND_NOP = 1, TCPOPT_KIND_MSS = 2,
	TCPOPT_KIND_WSCALE = 3, TCPOPT_KIND_SACKOK = 4,
	TCPOPT_KIND_SACK = 5, TCPOPT_KIND_TIMESTAMP = 8,
};

/* ICMP types (RFC 792) and ICMPv6 types (RFC 4443, 2.1) named here. */
enum {
	ICMP_TYPE_ECHOREPLY = 0, ICMP_TYPE_UNREACH = 3, ICMP_TYPE_QUENCH = 4,
	ICMP_TYPE_REDIRECT = 5, ICMP_TYPE_ECHO = 8, ICMP_TYPE_TIMXCEED = 11,
	ICMP_TYPE_PARAMPROB = 12,
	ICMP6_TYPE_UNREACH = 1, ICMP6_TYPE_TOOBIG = 2, ICMP6_TYPE_TIMXCEED = 3,
	ICMP6_TYPE_PARAMPROB = 4, ICMP6_TYPE_ECHO = 128,
	ICMP6_TYPE_ECHOREPLY = 129,
};

struct tcp_option {
	uint8_t kind;
	uint8_t len;		/* as on the wire; 1 for EOL and NOP */
	uint32_t val[2];	/* mss, wscale, or TSval and TSecr */
};

struct decoded_tcp {
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t win;
	uint8_t hdrlen;		/* data offset in bytes */
	struct tcp_option opt[TCP_OPT_CAP];
	size_t nopt;
	int opt_malformed;	/* options ended in a bad length */
};

/*
 * The start of the datagram an ICMP error quotes (RFC 792; RFC 4443,
 * 2.4 (c)): the header of the packet that caused it and at least the
 * first 8 bytes after that header.  family is 0 when the quote does not
 * hold a whole fixed IP header of the error's own family.
 */
struct decoded_quote {
	int family;		/* AF_INET, AF_INET6, or 0: nothing quoted */
	uint8_t src[16], dst[16];	/* network order */
	uint8_t proto;		/* after any IPv6 extension headers */
	size_t quoted_len;	/* bytes quoted past the IP header(s) */
	int has_tcp_quote;	/* proto TCP, 8 bytes or more of it quoted */
	uint16_t sport, dport;	/* set when has_tcp_quote */
	uint32_t seq;
};

/*
 * ICMP (RFC 792) and ICMPv6 (RFC 4443) messages.  info is the header's
 * second 32-bit word: an echo's identifier and sequence number, a
 * redirect's gateway, a parameter problem's pointer, a next-hop MTU.
 * quote is filled for errors only: for ICMP destination unreachable,
 * source quench, redirect, time exceeded and parameter problem; for
 * ICMPv6 destination unreachable, packet too big, time exceeded and
 * parameter problem.
 */
struct decoded_icmp {
	uint8_t type, code;
	uint32_t info;
	int is_error;		/* one of the types above */
	struct decoded_quote quote;
};

/*
 * For IPv6, ttl holds the hop limit, iplen the payload length plus the
 * 40 bytes of the fixed header, and ipid is 0.
 */
struct decoded_pkt {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t src[16], dst[16];	/* network order; 4 bytes used for v4 */
	uint8_t ttl;
	uint16_t ipid;
	uint32_t iplen;		/* total length from the IP header */
	uint8_t proto;		/* TCP, ICMP or ICMPv6 decoded further */
	struct decoded_tcp tcp;
	struct decoded_icmp icmp;
};

enum decode_status {
	DECODE_OK = 0,
	DECODE_SHORT,		/* ran out of bytes: truncated frame */
	DECODE_NOT_IP,		/* link payload is neither IPv4 nor IPv6 */
	DECODE_BAD_IP,		/* bad version, length or extension headers */
	DECODE_FRAGMENT,	/* a non-first fragment: no TCP header */
	DECODE_NOT_TCP,		/* decoded the IP header; proto says which */
	DECODE_BAD_TCP,		/* data offset below 20 or past the packet */
	DECODE_BAD_LINKTYPE,	/* a link type this decoder does not know */
	DECODE_BAD_ICMP,	/* an ICMP message shorter than its header */
};

/*
 * Decodes one captured frame of link type dlt (DLT_EN10MB, DLT_RAW,
 * DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_NULL/DLT_LOOP, DLT_IPV4, DLT_IPV6)
 * into out: IPv4 or IPv6, then TCP, ICMP over IPv4 or ICMPv6 over IPv6.
 * On any status but DECODE_OK and DECODE_NOT_TCP, out is left untouched.
 */
enum decode_status decode_frame(int dlt, const uint8_t *frame, size_t len,
    struct decoded_pkt *out);

/* ICMP over IPv4 or ICMPv6 over IPv6: pkt->icmp holds it. */
int decode_is_icmp(const struct decoded_pkt *pkt);

const char *decode_strerror(enum decode_status st);

#endif
