/*
 * A probe may share its addresses, ports and even its sequence number
 * with earlier probes, so every slot is tried and the most telling one
 * wins: a waiting probe over an answered one over a timed-out one.
 */
#include <sys/socket.h>
#include <netinet/in.h>

#include <stdbool.h>
#include <string.h>

#include "match.h"

#define NO_RANK	99

static size_t
addr_len(int family)
{
	switch (family) {
	case AF_INET:
		return 4;
	case AF_INET6:
		return 16;
	}
	return 0;
}

/* pkt went from a:aport to b:bport. */
static bool
same_flow(const struct decoded_pkt *pkt, const uint8_t *a, uint16_t aport,
    const uint8_t *b, uint16_t bport)
{
	size_t n = addr_len(pkt->family);

	return n != 0 && pkt->proto == IPPROTO_TCP &&
	    pkt->tcp.sport == aport && pkt->tcp.dport == bport &&
	    memcmp(pkt->src, a, n) == 0 && memcmp(pkt->dst, b, n) == 0;
}

/*
 * Leaving us: a SYN with another sequence number on the same ports is
 * some other prober's, not ours; anything else is our kernel's doing.
 */
static enum match_kind
outgoing_kind(const struct decoded_tcp *tcp, const struct probe_slot *s)
{
	bool syn = (tcp->flags & (TH_SYN_BIT | TH_ACK_BIT)) == TH_SYN_BIT;

	if (syn)
		return tcp->seq == s->seq ? MATCH_OWN_SYN : MATCH_FOREIGN;
	return MATCH_OWN_OTHER;
}

/* A reply of kind fresh, as the probe's state makes it. */
static enum match_kind
fate(enum match_kind fresh, const struct probe_slot *s)
{
	switch (s->state) {
	case PROBE_WAITING:
		return fresh;
	case PROBE_OPEN:
	case PROBE_CLOSED:
	case PROBE_REJECTED:
		return MATCH_DUPLICATE;
	case PROBE_TIMED_OUT:
		return MATCH_LATE;
	case PROBE_UNSENT:
		break;
	}
	return MATCH_FOREIGN;
}

/*
 * Coming back: RFC 9293, 3.10.7.3.  Both the SYN-ACK and the RST to our
 * SYN acknowledge ISN + 1, which is what ties them to this probe; the
 * RST bit is looked at before the SYN bit, as a receiver does.  The
 * sum wraps modulo 2^32 like every sequence number.
 */
static enum match_kind
reply_kind(const struct decoded_tcp *tcp, const struct probe_slot *s)
{
	if (!(tcp->flags & TH_ACK_BIT) || tcp->ack != (uint32_t)(s->seq + 1))
		return MATCH_FOREIGN;
	if (tcp->flags & TH_RST_BIT)
		return fate(MATCH_RST, s);
	if (tcp->flags & TH_SYN_BIT)
		return fate(MATCH_SYNACK, s);
	return MATCH_FOREIGN;
}

/*
 * The errors that end a SYN's journey: RFC 792 destination unreachable,
 * time exceeded, parameter problem; RFC 4443 destination unreachable,
 * packet too big, time exceeded, parameter problem.
 */
static bool
icmp_rejects(int family, uint8_t type)
{
	if (family == AF_INET6)
		return type >= ICMP6_TYPE_UNREACH &&
		    type <= ICMP6_TYPE_PARAMPROB;
	return type == ICMP_TYPE_UNREACH || type == ICMP_TYPE_TIMXCEED ||
	    type == ICMP_TYPE_PARAMPROB;
}

/*
 * The quote holds our SYN's addresses, ports and sequence number: the
 * first 8 bytes of the TCP header that RFC 792 and RFC 4443 promise.
 */
static bool
quotes_probe(const struct decoded_quote *q, const struct probe_slot *s)
{
	size_t n = addr_len(s->family);

	return n != 0 && q->has_tcp_quote && q->family == s->family &&
	    memcmp(q->src, s->src, n) == 0 && memcmp(q->dst, s->dst, n) == 0 &&
	    q->sport == s->sport && q->dport == s->dport && q->seq == s->seq;
}

static enum match_kind
icmp_kind(const struct decoded_pkt *pkt, const struct probe_slot *s)
{
	if (!icmp_rejects(pkt->family, pkt->icmp.type) ||
	    !quotes_probe(&pkt->icmp.quote, s))
		return MATCH_FOREIGN;
	return fate(MATCH_ICMP, s);
}

static enum match_kind
slot_kind(const struct decoded_pkt *pkt, const struct probe_slot *s)
{
	if (pkt->family != s->family)
		return MATCH_FOREIGN;
	if (decode_is_icmp(pkt))
		return icmp_kind(pkt, s);
	if (same_flow(pkt, s->src, s->sport, s->dst, s->dport))
		return outgoing_kind(&pkt->tcp, s);
	if (same_flow(pkt, s->dst, s->dport, s->src, s->sport))
		return reply_kind(&pkt->tcp, s);
	return MATCH_FOREIGN;
}

/*
 * Lower is better.  Of probes that sent the same SYN, the copy just
 * captured is that of the one not yet seen leaving.
 */
static int
rank(enum match_kind kind, const struct probe_slot *s)
{
	switch (kind) {
	case MATCH_SYNACK:
	case MATCH_RST:
	case MATCH_ICMP:
		return 0;
	case MATCH_OWN_SYN:
		return s->sent_ns < 0 ? 0 : 1;
	case MATCH_DUPLICATE:
		return 1;
	case MATCH_LATE:
	case MATCH_OWN_OTHER:
		return 2;
	case MATCH_FOREIGN:
		break;
	}
	return NO_RANK;
}

struct match_result
match_packet(const struct decoded_pkt *pkt, const struct probe_slot *slots,
    size_t n)
{
	struct match_result best = { MATCH_FOREIGN, 0 };
	int best_rank = NO_RANK, r;
	enum match_kind kind;
	size_t i;

	for (i = 0; i < n; i++) {
		kind = slot_kind(pkt, &slots[i]);
		r = rank(kind, &slots[i]);
		if (r < best_rank) {
			best.kind = kind;
			best.slot = i;
			best_rank = r;
		}
	}
	return best;
}

const char *
match_kind_name(enum match_kind kind)
{
	switch (kind) {
	case MATCH_FOREIGN:
		return "foreign";
	case MATCH_OWN_SYN:
		return "own-syn";
	case MATCH_OWN_OTHER:
		return "own-other";
	case MATCH_SYNACK:
		return "syn-ack";
	case MATCH_RST:
		return "rst";
	case MATCH_DUPLICATE:
		return "duplicate";
	case MATCH_LATE:
		return "late";
	case MATCH_ICMP:
		return "icmp";
	}
	return "unknown";
}
