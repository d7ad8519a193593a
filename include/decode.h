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

struct decoded_pkt {
	int family;		/* AF_INET */
	uint8_t src[16], dst[16];	/* network order; 4 bytes used for v4 */
	uint8_t ttl;
	uint16_t ipid;
	uint16_t iplen;		/* total length from the IP header */
	uint8_t proto;		/* IPPROTO_TCP, others not decoded further */
	struct decoded_tcp tcp;
};

enum decode_status {
	DECODE_OK = 0,
	DECODE_SHORT,		/* ran out of bytes: truncated frame */
	DECODE_NOT_IP,		/* link payload is not IPv4 */
	DECODE_BAD_IP,		/* bad version, header length or total length */
	DECODE_FRAGMENT,	/* a non-first fragment: no TCP header */
	DECODE_NOT_TCP,		/* decoded the IP header; proto says which */
	DECODE_BAD_TCP,		/* data offset below 20 or past the packet */
	DECODE_BAD_LINKTYPE,	/* a link type this decoder does not know */
};

/*
 * Decodes one captured frame of link type dlt (DLT_EN10MB, DLT_RAW,
 * DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_NULL/DLT_LOOP) into out.  On any
 * status but DECODE_OK and DECODE_NOT_TCP, out is left untouched.
 */
enum decode_status decode_frame(int dlt, const uint8_t *frame, size_t len,
    struct decoded_pkt *out);

const char *decode_strerror(enum decode_status st);

#endif
