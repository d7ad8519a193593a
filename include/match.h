/*
 * Which probe a captured packet belongs to.  A reply is credited to the
 * probe whose sequence number it acknowledges, never to the probe that
 * happens to be waiting (RFC 9293: the SYN-ACK and the RST to a SYN both
 * carry ACK = ISN + 1).  An ICMP or ICMPv6 error is credited to the
 * probe whose SYN it quotes, whoever sent it: a router or a firewall on
 * the way often answers for the target.  Pure: no I/O, no clock.
 */
#ifndef PROBE_MATCH_H
#define PROBE_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"

enum probe_state {
	PROBE_UNSENT,
	PROBE_WAITING,		/* sent, no reply yet, still within the wait */
	PROBE_OPEN,		/* SYN-ACK */
	PROBE_CLOSED,		/* RST */
	PROBE_TIMED_OUT,	/* nothing before the wait ended */
	PROBE_REJECTED,		/* an ICMP error quoting the SYN */
};

struct probe_slot {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t src[16], dst[16];	/* network order; 4 bytes used for v4 */
	uint16_t sport, dport;
	uint32_t seq;		/* initial sequence number of our SYN */
	enum probe_state state;
	int64_t sent_ns;	/* wire time of the SYN, -1 until known */
	int64_t reply_ns;	/* wire time of the first reply, -1 if none */
};

enum match_kind {
	MATCH_FOREIGN,		/* not ours: another flow or process */
	MATCH_OWN_SYN,		/* our SYN as the interface saw it leave */
	MATCH_OWN_OTHER,	/* our kernel's RST to a SYN-ACK, and such */
	MATCH_SYNACK,		/* first SYN-ACK for a waiting probe */
	MATCH_RST,		/* first RST for a waiting probe */
	MATCH_DUPLICATE,	/* a further reply for an answered probe */
	MATCH_LATE,		/* a reply for a probe already timed out */
	MATCH_ICMP,		/* first ICMP error for a waiting probe */
};

struct match_result {
	enum match_kind kind;
	size_t slot;		/* valid for every kind but MATCH_FOREIGN */
};

/*
 * Classifies pkt against the n slots; changes nothing.  MATCH_ICMP,
 * MATCH_DUPLICATE and MATCH_LATE come from the ICMP errors that say the
 * SYN went no further: destination unreachable, time exceeded,
 * parameter problem, and ICMPv6 packet too big.  A redirect or a source
 * quench quoting a probe is MATCH_FOREIGN: the SYN was forwarded all
 * the same (RFC 792), and a quench is to be ignored (RFC 6633).  The
 * caller sets PROBE_REJECTED on MATCH_ICMP.
 */
struct match_result match_packet(const struct decoded_pkt *pkt,
    const struct probe_slot *slots, size_t n);

const char *match_kind_name(enum match_kind kind);

#endif
