#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "decode.h"
#include "match.h"
#include "prober.h"

#define SYN_TTL		64
#define SYN_WIN		1480	/* what nping sends, so captures compare */
#define PORT_LOW	32768	/* Linux's default ephemeral range */
#define PORT_SPAN	28232

/* What the loop knows of a probe beyond what the matcher needs. */
struct probe_note {
	int64_t user_sent;	/* monotonic send time, since run start */
	uint16_t ipid;
	int shown;		/* its SENT line is out */
};

struct run {
	const struct prober_config *cfg;
	const struct run_clock *clk;
	struct capture *cap;
	struct synsend *tx;
	event_fn emit;
	void *arg;

	struct probe_slot *slot;
	struct probe_note *note;
	unsigned nsent;
	int linktype;
	struct stats stats;
};

static uint32_t
random32(void)
{
	uint32_t v;

	if (getrandom(&v, sizeof(v), 0) != sizeof(v))
		v = (uint32_t)timing_now_ns() * 2654435761u;
	return v;
}

void
prober_filter(const struct prober_config *cfg, char *buf, size_t cap)
{
	char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &cfg->src, src, sizeof(src));
	inet_ntop(AF_INET, &cfg->dst, dst, sizeof(dst));
	snprintf(buf, cap, "tcp and host %s and host %s and port %u",
	    src, dst, cfg->dport);
}

static void
init_slots(struct run *r)
{
	uint16_t sport = (uint16_t)(PORT_LOW + random32() % PORT_SPAN);
	unsigned i;

	for (i = 0; i < r->cfg->count; i++) {
		struct probe_slot *s = &r->slot[i];

		s->family = AF_INET;
		memcpy(s->src, &r->cfg->src, 4);
		memcpy(s->dst, &r->cfg->dst, 4);
		s->sport = sport;
		s->dport = r->cfg->dport;
		s->seq = random32();
		s->state = PROBE_UNSENT;
		s->sent_ns = -1;
		s->reply_ns = -1;
		r->note[i].ipid = (uint16_t)random32();
	}
}

/* The SYN as built, for a SENT line when the capture missed it. */
static void
built_packet(const struct run *r, unsigned i, struct decoded_pkt *p)
{
	const struct probe_slot *s = &r->slot[i];

	memset(p, 0, sizeof(*p));
	p->family = AF_INET;
	memcpy(p->src, s->src, 4);
	memcpy(p->dst, s->dst, 4);
	p->ttl = SYN_TTL;
	p->ipid = r->note[i].ipid;
	p->iplen = SYN_IPLEN;
	p->proto = IPPROTO_TCP;
	p->tcp.sport = s->sport;
	p->tcp.dport = s->dport;
	p->tcp.seq = s->seq;
	p->tcp.flags = TH_SYN_BIT;
	p->tcp.win = SYN_WIN;
	p->tcp.hdrlen = 20;
}

static void
show_sent(struct run *r, unsigned i, const struct decoded_pkt *pkt,
    int64_t t_ns)
{
	struct event ev = { .kind = EV_SENT, .t_ns = t_ns, .pkt = pkt };

	r->note[i].shown = 1;
	r->emit(&ev, r->arg);
}

static void
show_built(struct run *r, unsigned i)
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
	unsigned i = r->nsent;
	struct probe_slot *s = &r->slot[i];
	struct syn_spec spec = {
		.src = r->cfg->src, .dst = r->cfg->dst,
		.sport = s->sport, .dport = s->dport, .seq = s->seq,
		.ipid = r->note[i].ipid, .ttl = SYN_TTL, .win = SYN_WIN,
	};

	r->note[i].user_sent = run_clock_now(r->clk);
	if (synsend_syn(r->tx, &spec, err, errlen) != 0)
		return -1;

	s->state = PROBE_WAITING;
	r->nsent++;
	stats_sent(&r->stats, SYN_IPLEN);
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
credit_reply(struct run *r, struct match_result m, int64_t t_ns,
    const struct decoded_pkt *pkt)
{
	struct probe_slot *s = &r->slot[m.slot];
	struct event ev = {
		.kind = EV_REPLY, .t_ns = t_ns, .pkt = pkt, .match = m.kind,
	};

	show_built(r, (unsigned)m.slot);
	if (m.kind == MATCH_SYNACK || m.kind == MATCH_RST) {
		if (s->sent_ns < 0)
			s->sent_ns = r->note[m.slot].user_sent;
		s->state = m.kind == MATCH_SYNACK ? PROBE_OPEN : PROBE_CLOSED;
		s->reply_ns = t_ns;
		stats_reply(&r->stats, pkt->iplen, 1, t_ns - s->sent_ns);
	} else {
		stats_reply(&r->stats, pkt->iplen, 0, 0);
	}
	r->emit(&ev, r->arg);
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

	m = match_packet(&pkt, r->slot, r->nsent);
	switch (m.kind) {
	case MATCH_OWN_SYN:
		if (!r->note[m.slot].shown) {
			r->slot[m.slot].sent_ns = t_ns;
			show_sent(r, (unsigned)m.slot, &pkt, t_ns);
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

/* Marks probes whose wait is over; returns how many still wait. */
static unsigned
expire(struct run *r, int64_t now, int64_t *earliest)
{
	unsigned i, waiting = 0;
	int64_t since, end;

	for (i = 0; i < r->nsent; i++) {
		struct probe_slot *s = &r->slot[i];

		if (s->state != PROBE_WAITING)
			continue;
		since = s->sent_ns >= 0 ? s->sent_ns : r->note[i].user_sent;
		end = since + r->cfg->wait_ns;
		if (now >= end) {
			show_built(r, i);
			s->state = PROBE_TIMED_OUT;
			continue;
		}
		if (waiting++ == 0 || end < *earliest)
			*earliest = end;
	}
	return waiting;
}

static int
read_capture(struct run *r, int64_t wait_ns, char *err, size_t errlen)
{
	struct pollfd pfd = { .fd = capture_fd(r->cap), .events = POLLIN };
	struct timespec ts;

	if (wait_ns < 0)
		wait_ns = 0;
	ts.tv_sec = (time_t)(wait_ns / NS_PER_SEC);
	ts.tv_nsec = (long)(wait_ns % NS_PER_SEC);
	if (ppoll(&pfd, 1, &ts, NULL) < 0 && errno != EINTR) {
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
loop(struct run *r, char *err, size_t errlen)
{
	int64_t start = run_clock_now(r->clk), next = start, now, wake;
	unsigned waiting;

	for (;;) {
		now = run_clock_now(r->clk);
		if (r->nsent < r->cfg->count && now >= next) {
			if (send_probe(r, err, errlen) != 0)
				return -1;
			next = start + (int64_t)r->nsent * r->cfg->delay_ns;
			continue;
		}

		wake = next;
		waiting = expire(r, now, &wake);
		if (r->nsent == r->cfg->count && waiting == 0)
			return 0;
		if (r->nsent < r->cfg->count && next < wake)
			wake = next;

		if (read_capture(r, wake - now, err, errlen) != 0)
			return -1;
	}
}

static void
tally(const struct run *r, struct prober_result *out)
{
	unsigned i;

	memset(out, 0, sizeof(*out));
	out->stats = r->stats;
	for (i = 0; i < r->nsent; i++) {
		if (r->slot[i].state == PROBE_OPEN)
			out->open++;
		else if (r->slot[i].state == PROBE_CLOSED)
			out->closed++;
		else
			out->lost++;
	}
}

int
prober_run(const struct prober_config *cfg, struct capture *cap,
    struct synsend *tx, const struct run_clock *clk, event_fn emit,
    void *arg, struct prober_result *out, char *err, size_t errlen)
{
	struct run r = {
		.cfg = cfg, .clk = clk, .cap = cap, .tx = tx,
		.emit = emit, .arg = arg,
		.linktype = capture_linktype(cap),
	};
	int rc = -1;

	r.slot = calloc(cfg->count, sizeof(*r.slot));
	r.note = calloc(cfg->count, sizeof(*r.note));
	if (r.slot == NULL || r.note == NULL) {
		snprintf(err, errlen, "out of memory for %u probes",
		    cfg->count);
		goto out;
	}

	stats_init(&r.stats);
	init_slots(&r);
	rc = loop(&r, err, errlen);
	tally(&r, out);

out:
	free(r.slot);
	free(r.note);
	return rc;
}
