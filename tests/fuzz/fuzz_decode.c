/*
 * Captured frames: the first byte picks one of the link types that
 * decode_frame knows, the rest is the frame.  A frame that decodes is
 * printed as its RCVD line and matched against probes made from its
 * own fields, so that every kind of match can be reached.
 */
#include <sys/socket.h>

#include <stdlib.h>
#include <string.h>

#include <pcap/dlt.h>

#include "decode.h"
#include "format.h"
#include "fuzz.h"
#include "match.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define NSLOTS		4
#define RUN_TIME_NS	123456789LL

static const int link_types[] = {
	DLT_EN10MB, DLT_RAW, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_NULL,
	DLT_LOOP, DLT_IPV4, DLT_IPV6,
};

/* Buffers of these sizes exactly, so a write past one is caught. */
static const size_t line_caps[] = { 0, 1, 8, 40, 160, 1024 };

static void
print_line(const struct decoded_pkt *pkt)
{
	size_t i, want;
	char *buf;

	want = format_packet_line("RCVD", RUN_TIME_NS, pkt, NULL, 0);
	for (i = 0; i < NITEMS(line_caps); i++) {
		buf = malloc(line_caps[i] > 0 ? line_caps[i] : 1);
		if (buf == NULL)
			return;
		if (format_packet_line("RCVD", RUN_TIME_NS, pkt, buf,
		    line_caps[i]) != want)
			abort();
		fuzz_check_text(buf, line_caps[i], want);
		free(buf);
	}
}

static void
slot_from(struct probe_slot *s, int family, const uint8_t *src,
    const uint8_t *dst, uint16_t sport, uint16_t dport, uint32_t seq)
{
	memset(s, 0, sizeof(*s));
	s->family = family;
	memcpy(s->src, src, sizeof(s->src));
	memcpy(s->dst, dst, sizeof(s->dst));
	s->sport = sport;
	s->dport = dport;
	s->seq = seq;
	s->sent_ns = -1;
	s->reply_ns = -1;
}

/*
 * The probe this packet answers, the probe an ICMP error quotes, the
 * probe this packet is, and one of the other family; their states come
 * from the frame so that duplicates and late replies occur too.
 */
static void
match_own(const struct decoded_pkt *pkt, uint8_t pick)
{
	const struct decoded_tcp *t = &pkt->tcp;
	const struct decoded_quote *q = &pkt->icmp.quote;
	struct probe_slot slots[NSLOTS];
	struct match_result r;
	size_t i;

	slot_from(&slots[0], pkt->family, pkt->dst, pkt->src, t->dport,
	    t->sport, t->ack - 1);
	slot_from(&slots[1], q->family, q->src, q->dst, q->sport, q->dport,
	    q->seq);
	slot_from(&slots[2], pkt->family, pkt->src, pkt->dst, t->sport,
	    t->dport, t->seq);
	slot_from(&slots[3], pkt->family == AF_INET ? AF_INET6 : AF_INET,
	    pkt->dst, pkt->src, t->dport, t->sport, t->ack - 1);
	for (i = 0; i < NSLOTS; i++)
		slots[i].state = (enum probe_state)((pick >> i) % 6);

	r = match_packet(pkt, slots, NSLOTS);
	if (r.kind != MATCH_FOREIGN && r.slot >= NSLOTS)
		abort();
	if (match_kind_name(r.kind) == NULL)
		abort();
	r = match_packet(pkt, slots, 0);
	if (r.kind != MATCH_FOREIGN)
		abort();
}

void
fuzz_decode_one(const uint8_t *data, size_t size)
{
	struct decoded_pkt pkt;
	enum decode_status st;
	uint8_t *frame;

	if (size == 0)
		return;

	/* A copy of the exact length: a read past its end is caught. */
	frame = malloc(size - 1 > 0 ? size - 1 : 1);
	if (frame == NULL)
		return;
	memcpy(frame, data + 1, size - 1);
	memset(&pkt, 0, sizeof(pkt));
	st = decode_frame(link_types[data[0] % NITEMS(link_types)], frame,
	    size - 1, &pkt);
	if (decode_strerror(st) == NULL)
		abort();
	if (st == DECODE_OK || st == DECODE_NOT_TCP) {
		print_line(&pkt);
		match_own(&pkt, (uint8_t)(data[0] >> 3));
	}
	free(frame);
}

#ifndef FUZZ_REPLAY
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode_one(data, size);
	return 0;
}
#endif
