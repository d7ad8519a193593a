#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "match.h"
#include "prober.h"
#include "random32.h"
#include "seqindex.h"

#define PORT_LOW	32768	/* Linux's default ephemeral range */
#define PORT_SPAN	28232
#define TCP_HDR		20

/*
 * With --seq every probe has the same number: replies are then looked
 * for among the probes still waiting and this many before them, and a
 * reply to an older one is not recognised, even as late.
 */
#define MATCH_WINDOW	4096
#define FIND_CAP	8	/* probes that drew the same random number */

/* What the loop knows of a probe beyond what the matcher needs. */
struct probe_note {
	size_t target;
	int64_t user_sent;	/* monotonic send time, since run start */
	uint16_t ipid;
	int shown;		/* its SENT line is out */
};

struct run {
	const struct prober_config *cfg;
	const struct run_clock *clk;
	struct capture *cap;
	const struct prober_tx *tx;
	event_fn emit;
	void *arg;

	struct probe_slot *slot;
	struct probe_note *note;
	size_t nslots, nsent;
	size_t oldest;		/* no probe before it still waits */
	int64_t anchor;		/* the schedule: ksent sends after it */
	size_t ksent;
	size_t round;
	int64_t round_start;
	struct seq_index index;	/* probes by sequence number */
	int linktype;
	struct prober_result *res;
};

uint16_t
prober_random_port(void)
{
	return (uint16_t)(PORT_LOW + random32() % PORT_SPAN);
}

/*
 * Our probes leave from sport, the replies and ICMP errors come in;
 * the directions keep one copy of each packet where an interface (the
 * loopback, or "any") shows a packet both leaving and arriving.
 */
void
prober_filter(uint16_t sport, char *buf, size_t cap)
{
	snprintf(buf, cap, "(outbound and tcp src port %u) or "
	    "(inbound and tcp dst port %u) or "
	    "(inbound and (icmp or icmp6))", sport, sport);
}

static void
init_slots(struct run *r)
{
	const struct prober_config *cfg = r->cfg;
	size_t i;

	for (i = 0; i < r->nslots; i++) {
		const struct probe_target *t = &cfg->t[i % cfg->nt];
		struct probe_slot *s = &r->slot[i];

		s->family = t->family;
		memcpy(s->src, t->src, 16);
		memcpy(s->dst, t->dst, 16);
		s->sport = cfg->sport;
		s->dport = t->port;
		s->seq = cfg->seq >= 0 ? (uint32_t)cfg->seq : random32();
		s->state = PROBE_UNSENT;
		s->sent_ns = -1;
		s->reply_ns = -1;
		r->note[i].target = i % cfg->nt;
		r->note[i].ipid = (uint16_t)random32();
	}
}

static uint16_t
packet_len(const struct prober_config *cfg, int family)
{
	return (uint16_t)((family == AF_INET6 ? SYN_IP6LEN : SYN_IPLEN) +
	    cfg->data_len);
}

/* The SYN as built, for a SENT line when the capture missed it. */
static void
built_packet(const struct run *r, size_t i, struct decoded_pkt *p)
{
	const struct probe_slot *s = &r->slot[i];

	memset(p, 0, sizeof(*p));
	p->family = s->family;
	memcpy(p->src, s->src, 16);
	memcpy(p->dst, s->dst, 16);
	p->ttl = r->cfg->ttl;
	p->ipid = s->family == AF_INET ? r->note[i].ipid : 0;
	p->iplen = packet_len(r->cfg, s->family);
	p->proto = IPPROTO_TCP;
	p->tcp.sport = s->sport;
	p->tcp.dport = s->dport;
	p->tcp.seq = s->seq;
	p->tcp.flags = r->cfg->flags;
	p->tcp.win = r->cfg->win;
	p->tcp.hdrlen = TCP_HDR;
}

static void
show_sent(struct run *r, size_t i, const struct decoded_pkt *pkt,
    int64_t t_ns)
{
	struct event ev = {
		.kind = EV_SENT, .t_ns = t_ns, .pkt = pkt,
		.target = &r->cfg->t[r->note[i].target],
	};

	r->note[i].shown = 1;
	r->emit(&ev, r->arg);
}

static void
show_built(struct run *r, size_t i)
{
	struct decoded_pkt pkt;

	if (r->note[i].shown)
		return;
	built_packet(r, i, &pkt);
	show_sent(r, i, &pkt, r->note[i].user_sent);
}

static int
send_probe(struct run *r, char *err, size_t errlen)
{
	size_t i = r->nsent;
	struct probe_slot *s = &r->slot[i];
	struct probe_target *t = &r->cfg->t[r->note[i].target];
	struct synsend *tx = t->family == AF_INET6 ? r->tx->v6 : r->tx->v4;
	struct syn_spec spec = {
		.sport = s->sport, .dport = s->dport, .seq = s->seq,
		.ipid = r->note[i].ipid, .ttl = r->cfg->ttl,
		.win = r->cfg->win, .flags = r->cfg->flags,
		.data_len = r->cfg->data_len,
	};
	uint16_t len = packet_len(r->cfg, t->family);

	memcpy(spec.src, s->src, 16);
	memcpy(spec.dst, s->dst, 16);
	r->note[i].user_sent = run_clock_now(r->clk);
	if (synsend_syn(tx, &spec, err, errlen) != 0)
		return -1;

	s->state = PROBE_WAITING;
	r->nsent++;
	t->sent++;
	stats_sent(&t->stats, len);
	stats_sent(&r->res->stats, len);
	return 0;
}

static void
ignore(struct run *r, int64_t t_ns, const struct decoded_pkt *pkt,
    enum match_kind kind, const char *why)
{
	struct event ev = {
		.kind = EV_IGNORED, .t_ns = t_ns, .pkt = pkt,
		.match = kind, .why = why,
	};

	r->emit(&ev, r->arg);
}

static void
note_rejection(struct probe_target *t, const struct decoded_pkt *pkt)
{
	if (t->rejected++ > 0)
		return;
	t->rejected_family = pkt->family;
	memcpy(t->rejected_from, pkt->src, 16);
	t->rejected_type = pkt->icmp.type;
	t->rejected_code = pkt->icmp.code;
}

/* The first answer of a probe: its fate, its RTT, its target's count. */
static void
settle_probe(struct run *r, struct match_result m, int64_t t_ns,
    const struct decoded_pkt *pkt)
{
	struct probe_slot *s = &r->slot[m.slot];
	struct probe_target *t = &r->cfg->t[r->note[m.slot].target];

	if (s->sent_ns < 0)
		s->sent_ns = r->note[m.slot].user_sent;
	s->reply_ns = t_ns;
	if (m.kind == MATCH_SYNACK) {
		s->state = PROBE_OPEN;
		t->open++;
	} else if (m.kind == MATCH_RST) {
		s->state = PROBE_CLOSED;
		t->closed++;
	} else {
		s->state = PROBE_REJECTED;
		note_rejection(t, pkt);
	}
	stats_reply(&t->stats, pkt->iplen, 1, t_ns - s->sent_ns);
	stats_reply(&r->res->stats, pkt->iplen, 1, t_ns - s->sent_ns);
}

static void
credit_reply(struct run *r, struct match_result m, int64_t t_ns,
    const struct decoded_pkt *pkt)
{
	struct probe_target *t = &r->cfg->t[r->note[m.slot].target];
	struct event ev = {
		.kind = EV_REPLY, .t_ns = t_ns, .pkt = pkt, .match = m.kind,
		.target = t,
	};

	show_built(r, m.slot);
	if (m.kind == MATCH_SYNACK || m.kind == MATCH_RST ||
	    m.kind == MATCH_ICMP) {
		settle_probe(r, m, t_ns, pkt);
		ev.rtt_ns = t_ns - r->slot[m.slot].sent_ns;
	} else {
		stats_reply(&t->stats, pkt->iplen, 0, 0);
		stats_reply(&r->res->stats, pkt->iplen, 0, 0);
	}
	r->emit(&ev, r->arg);
}

/* A probe's slot alone, classified: the matcher's rules for one probe. */
static struct match_result
match_one(const struct run *r, const struct decoded_pkt *pkt, size_t i)
{
	struct match_result m = { MATCH_FOREIGN, 0 };

	if (i >= r->nsent)
		return m;
	m = match_packet(pkt, &r->slot[i], 1);
	m.slot = i;
	return m;
}

/*
 * The sequence numbers a packet can name a probe by: its own (our SYN
 * as captured), what it acknowledges less one (RFC 9293), or the one
 * of the SYN an ICMP error quotes.
 */
static size_t
candidate_seqs(const struct decoded_pkt *pkt, uint32_t *seq)
{
	size_t n = 0;

	if (pkt->proto == IPPROTO_TCP) {
		seq[n++] = pkt->tcp.seq;
		seq[n++] = pkt->tcp.ack - 1;
	} else if (pkt->icmp.quote.has_tcp_quote) {
		seq[n++] = pkt->icmp.quote.seq;
	}
	return n;
}

/*
 * With a sequence number of their own, probes are found through the
 * index; with --seq they share one, and the recent ones are scanned.
 */
static struct match_result
find_probe(const struct run *r, const struct decoded_pkt *pkt)
{
	struct match_result m = { MATCH_FOREIGN, 0 };
	size_t found[FIND_CAP], nf, i, k, lo;
	uint32_t seq[2];

	if (r->cfg->seq >= 0) {
		lo = r->oldest > MATCH_WINDOW ? r->oldest - MATCH_WINDOW : 0;
		m = match_packet(pkt, r->slot + lo, r->nsent - lo);
		m.slot += lo;
		return m;
	}

	for (k = candidate_seqs(pkt, seq); k-- > 0;) {
		nf = seq_index_find(&r->index, r->slot, seq[k], found,
		    FIND_CAP);
		for (i = 0; i < nf; i++) {
			m = match_one(r, pkt, found[i]);
			if (m.kind != MATCH_FOREIGN)
				return m;
		}
	}
	return m;
}

static void
on_frame(const uint8_t *frame, size_t caplen, int64_t sec, int64_t nsec,
    void *arg)
{
	struct run *r = arg;
	int64_t t_ns = run_clock_wire(r->clk, sec, nsec);
	struct decoded_pkt pkt;
	enum decode_status st;
	struct match_result m;

	st = decode_frame(r->linktype, frame, caplen, &pkt);
	if (st != DECODE_OK) {
		ignore(r, t_ns, NULL, MATCH_FOREIGN, decode_strerror(st));
		return;
	}

	m = find_probe(r, &pkt);
	switch (m.kind) {
	case MATCH_OWN_SYN:
		if (!r->note[m.slot].shown) {
			r->slot[m.slot].sent_ns = t_ns;
			show_sent(r, m.slot, &pkt, t_ns);
		}
		break;
	case MATCH_OWN_OTHER:
		ignore(r, t_ns, &pkt, m.kind, "sent by this host's kernel");
		break;
	case MATCH_FOREIGN:
		ignore(r, t_ns, &pkt, m.kind, "not a reply to this run");
		break;
	default:
		credit_reply(r, m, t_ns, &pkt);
		break;
	}
}

static void
time_out(struct run *r, size_t i)
{
	show_built(r, i);
	r->slot[i].state = PROBE_TIMED_OUT;
	r->cfg->t[r->note[i].target].lost++;
}

/*
 * Marks probes whose wait is over.  Every probe waits as long, so they
 * time out in the order they left: the scan starts at the oldest one
 * still open and stops at the first still waiting.  Returns whether any
 * waits, and its end in *earliest.
 */
static int
expire(struct run *r, int64_t now, int64_t *earliest)
{
	int64_t since, end;

	while (r->oldest < r->nsent) {
		struct probe_slot *s = &r->slot[r->oldest];

		if (s->state != PROBE_WAITING) {
			r->oldest++;
			continue;
		}
		since = s->sent_ns >= 0 ? s->sent_ns :
		    r->note[r->oldest].user_sent;
		end = since + r->cfg->wait_ns;
		if (now < end) {
			if (end < *earliest)
				*earliest = end;
			return 1;
		}
		time_out(r, r->oldest++);
	}
	return 0;
}

/*
 * Signals stay blocked but during the wait itself, so that one that
 * comes between a check of the stop flag and the wait still ends it.
 */
static int
read_capture(struct run *r, int64_t wait_ns, char *err, size_t errlen)
{
	struct pollfd pfd = { .fd = capture_fd(r->cap), .events = POLLIN };
	struct timespec ts;
	sigset_t open_mask;

	if (wait_ns < 0)
		wait_ns = 0;
	ts.tv_sec = (time_t)(wait_ns / NS_PER_SEC);
	ts.tv_nsec = (long)(wait_ns % NS_PER_SEC);
	sigemptyset(&open_mask);
	if (ppoll(&pfd, 1, &ts, &open_mask) < 0 && errno != EINTR) {
		snprintf(err, errlen, "waiting for replies: %s",
		    strerror(errno));
		return -1;
	}

	if (capture_dispatch(r->cap, on_frame, r) < 0) {
		snprintf(err, errlen, "reading the capture failed");
		return -1;
	}
	return 0;
}

static int
stopped(const struct run *r)
{
	return r->cfg->stop != NULL && *r->cfg->stop;
}

/*
 * When the next slot is due.  Sends keep to a fixed schedule from an
 * anchor, so the rate does not drift with the time each send takes.
 * In check mode a round starts no sooner than one wait after the one
 * before, so an attempt goes out only once the last has timed out.
 */
static int64_t
due(struct run *r)
{
	const struct prober_config *cfg = r->cfg;
	size_t round = r->nsent / cfg->nt;
	int64_t next = r->anchor + (int64_t)r->ksent * cfg->delay_ns;

	if (cfg->until_answered && round > r->round) {
		if (next < r->round_start + cfg->wait_ns)
			next = r->round_start + cfg->wait_ns;
		r->anchor = next;
		r->ksent = 0;
		r->round = round;
		r->round_start = next;
	}
	return next;
}

/* In check mode a target that answered gets no further attempt. */
static void
skip_answered(struct run *r)
{
	while (r->cfg->until_answered && r->nsent < r->nslots &&
	    target_answered(&r->cfg->t[r->note[r->nsent].target]))
		r->nsent++;
}

static int
take_slot(struct run *r, char *err, size_t errlen)
{
	if (send_probe(r, err, errlen) != 0)
		return -1;
	r->ksent++;
	return 0;
}

static int
loop(struct run *r, char *err, size_t errlen)
{
	int64_t now, wake, next;
	int waiting;

	r->anchor = r->round_start = run_clock_now(r->clk);
	while (!stopped(r)) {
		now = run_clock_now(r->clk);
		skip_answered(r);
		next = r->nsent < r->nslots ? due(r) : INT64_MAX;
		if (now >= next) {
			if (take_slot(r, err, errlen) != 0)
				return -1;
			continue;
		}

		wake = next;
		waiting = expire(r, now, &wake);
		if (r->nsent == r->nslots && !waiting)
			return 0;

		if (read_capture(r, wake - now, err, errlen) != 0)
			return -1;
	}
	r->res->interrupted = 1;
	return 0;
}

/* Probes still waiting when a signal ended the run got no reply. */
static void
close_waiting(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nsent; i++)
		if (r->slot[i].state == PROBE_WAITING)
			time_out(r, i);
}

static void
tally(const struct prober_config *cfg, struct prober_result *out)
{
	size_t i;

	for (i = 0; i < cfg->nt; i++) {
		out->sent += cfg->t[i].sent;
		out->open += cfg->t[i].open;
		out->closed += cfg->t[i].closed;
		out->rejected += cfg->t[i].rejected;
		out->lost += cfg->t[i].lost;
	}
}

int
prober_run(const struct prober_config *cfg, struct capture *cap,
    const struct prober_tx *tx, const struct run_clock *clk,
    event_fn emit, void *arg, struct prober_result *out, char *err,
    size_t errlen)
{
	struct run r = {
		.cfg = cfg, .clk = clk, .cap = cap, .tx = tx,
		.emit = emit, .arg = arg, .res = out,
		.linktype = capture_linktype(cap),
		.nslots = (size_t)cfg->count * cfg->nt,
	};
	int rc = -1;

	memset(out, 0, sizeof(*out));
	stats_init(&out->stats);
	r.slot = calloc(r.nslots, sizeof(*r.slot));
	r.note = calloc(r.nslots, sizeof(*r.note));
	if (r.slot == NULL || r.note == NULL) {
		snprintf(err, errlen, "out of memory for %zu probes",
		    r.nslots);
		goto out;
	}

	init_slots(&r);
	if (seq_index_init(&r.index, r.slot, r.nslots) != 0) {
		snprintf(err, errlen, "out of memory for %zu probes",
		    r.nslots);
		goto out;
	}
	rc = loop(&r, err, errlen);
	close_waiting(&r);
	tally(cfg, out);

out:
	seq_index_free(&r.index);
	free(r.slot);
	free(r.note);
	return rc;
}
