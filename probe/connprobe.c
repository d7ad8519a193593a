/*
 * Connect mode, for hosts where no raw socket can be opened: each probe
 * is a non-blocking connect() on a socket of its own, timed on the
 * run's monotonic clock from just before the call to the moment the
 * kernel reports how it ended.  Attempts start on the same schedule as
 * raw probes and may overlap; one ppoll() watches them all and sleeps
 * until one ends, the next is due or the oldest wait is over.
 *
 * What counts.  Every attempt started is sent.  A completed handshake,
 * a refusal and an unreachable error are answers, as raw mode counts
 * SYN-ACKs, RSTs and ICMP errors; only silence is lost.  Handshakes and
 * refusals give round-trip times, where nping's connect mode times
 * handshakes only: a RST comes one round trip after the SYN as a
 * SYN-ACK does, so a closed port shows the same times in both modes.
 * An unreachable error gives none: an ICMP error that comes while
 * connect() still holds the socket is only noted, and the attempt ends
 * on the error to the SYN retransmitted a second later (seen on IPv6
 * loopback), so its time is the retransmission timer's; and when
 * connect() itself fails, nothing left the host at all.
 *
 * A stop request starts nothing more; the answers already in are
 * collected, and the attempts still waiting are closed as timed out,
 * their wait cut short, as they are when the run fails.  Every attempt
 * started thus ends in exactly one EV_CONNECT_DONE, and sent = open +
 * closed + rejected + lost.
 */
#include <sys/socket.h>
#include <netinet/in.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "prober.h"

/*
 * Attempts in flight, each holding a descriptor: far below the usual
 * limit of 1024, and enough for a probe a millisecond waiting 0.5 s.
 */
#define CONN_SLOTS	512

/* What a SYN without options would be: connect() never sees packets. */
#define CONN_NOMINAL_LEN	40

struct attempt {
	struct probe_target *t;
	int64_t t0;		/* run clock just before connect() */
};

struct conn_run {
	const struct prober_config *cfg;
	const struct run_clock *clk;
	event_fn emit;
	void *arg;
	struct prober_result *out;

	/* In flight, oldest first: the first wait to end is at[0]'s. */
	struct attempt at[CONN_SLOTS];
	struct pollfd pfd[CONN_SLOTS];
	size_t n;

	uint64_t started, total;
	uint64_t round;		/* of the last attempt started */
};

static void
reset_counts(const struct prober_config *cfg, struct prober_result *out)
{
	size_t i;

	for (i = 0; i < cfg->nt; i++) {
		struct probe_target *t = &cfg->t[i];

		stats_init(&t->stats);
		t->sent = t->open = t->closed = t->rejected = t->lost = 0;
		t->conn_errno = 0;
	}
	memset(out, 0, sizeof(*out));
	stats_init(&out->stats);
}

static int
stopped(const struct conn_run *r)
{
	return r->cfg->stop != NULL && *r->cfg->stop;
}

/*
 * What the kernel's answer means.  ETIMEDOUT is the kernel giving up
 * its SYN retries within a long wait.  An error not named here is still
 * an answer from the path that is neither a handshake nor a refusal, so
 * it is kept with the unreachable ones, its errno reported.
 */
static enum conn_outcome
classify(int error)
{
	switch (error) {
	case 0:
		return CONN_OPEN;
	case ECONNREFUSED:
		return CONN_REFUSED;
	case ETIMEDOUT:
		return CONN_TIMEOUT;
	default:
		return CONN_UNREACHABLE;
	}
}

/* Errors connect() itself may return that say how the attempt ended. */
static int
is_outcome(int error)
{
	switch (error) {
	case ECONNREFUSED:
	case EHOSTUNREACH:
	case ENETUNREACH:
	case EACCES:
	case EPERM:
	case EHOSTDOWN:
	case ENETDOWN:
		return 1;
	default:
		return 0;
	}
}

static socklen_t
target_sockaddr(const struct probe_target *t, struct sockaddr_storage *ss)
{
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	if (t->family == AF_INET6) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(t->port);
		memcpy(&s6->sin6_addr, t->dst, sizeof(s6->sin6_addr));
		return sizeof(*s6);
	}

	s4->sin_family = AF_INET;
	s4->sin_port = htons(t->port);
	memcpy(&s4->sin_addr, t->dst, sizeof(s4->sin_addr));
	return sizeof(*s4);
}

/*
 * An open port is closed with a RST rather than a FIN: closing first
 * would leave each probe's port in TIME_WAIT for a minute, and a long
 * run at a short delay would use up the ephemeral ports towards its
 * target.  If the option cannot be set, the close is an ordinary one.
 */
static void
close_attempt(int fd, enum conn_outcome conn)
{
	struct linger abort_close = { .l_onoff = 1, .l_linger = 0 };

	if (conn == CONN_OPEN)
		(void)setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_close,
		    sizeof(abort_close));
	close(fd);
}

static void
count_sent(struct conn_run *r, struct probe_target *t)
{
	r->started++;
	t->sent++;
	r->out->sent++;
	stats_sent(&t->stats, CONN_NOMINAL_LEN);
	stats_sent(&r->out->stats, CONN_NOMINAL_LEN);
}

static void
count_outcome(struct conn_run *r, struct probe_target *t,
    enum conn_outcome conn, int error, int64_t rtt_ns)
{
	unsigned *tally[][2] = {
		[CONN_OPEN] = { &t->open, &r->out->open },
		[CONN_REFUSED] = { &t->closed, &r->out->closed },
		[CONN_UNREACHABLE] = { &t->rejected, &r->out->rejected },
		[CONN_TIMEOUT] = { &t->lost, &r->out->lost },
	};

	(*tally[conn][0])++;
	(*tally[conn][1])++;
	if (conn != CONN_OPEN && t->conn_errno == 0)
		t->conn_errno = error;

	if (conn == CONN_TIMEOUT)
		return;
	if (conn == CONN_UNREACHABLE)
		rtt_ns = -1;
	stats_reply(&t->stats, CONN_NOMINAL_LEN, 1, rtt_ns);
	stats_reply(&r->out->stats, CONN_NOMINAL_LEN, 1, rtt_ns);
}

static void
emit_start(struct conn_run *r, const struct probe_target *t, int64_t t0)
{
	struct event ev = {
		.kind = EV_CONNECT_START, .t_ns = t0, .target = t,
	};

	r->emit(&ev, r->arg);
}

/*
 * The event's rtt_ns is the time from connect() to the end whatever the
 * outcome, for a timeout how long it waited.
 */
static void
end_attempt(struct conn_run *r, const struct attempt *a, int64_t now,
    int error)
{
	enum conn_outcome conn = classify(error);
	struct event ev = {
		.kind = EV_CONNECT_DONE, .t_ns = now, .target = a->t,
		.conn = conn, .conn_errno = error, .rtt_ns = now - a->t0,
	};

	count_outcome(r, a->t, conn, error, ev.rtt_ns);
	r->emit(&ev, r->arg);
}

static int
open_socket(const struct probe_target *t, char *err, size_t errlen)
{
	int fd;

	fd = socket(t->family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    IPPROTO_TCP);
	if (fd == -1)
		snprintf(err, errlen, "cannot open a TCP socket: %s",
		    strerror(errno));
	return fd;
}

/*
 * Starts the next probe.  connect() almost always leaves it in flight;
 * when the call itself says how it ended, the attempt ends here.
 */
static int
start_attempt(struct conn_run *r, char *err, size_t errlen)
{
	struct attempt a = { .t = &r->cfg->t[r->started % r->cfg->nt] };
	struct sockaddr_storage ss;
	socklen_t sslen = target_sockaddr(a.t, &ss);
	int fd, error;

	if ((fd = open_socket(a.t, err, errlen)) == -1)
		return -1;

	a.t0 = run_clock_now(r->clk);
	error = connect(fd, (struct sockaddr *)&ss, sslen) == 0 ? 0 : errno;
	if (error != 0 && error != EINPROGRESS && !is_outcome(error)) {
		snprintf(err, errlen, "connect to %s port %u: %s", a.t->addr,
		    a.t->port, strerror(error));
		close(fd);
		return -1;
	}

	r->round = r->started / r->cfg->nt;
	count_sent(r, a.t);
	emit_start(r, a.t, a.t0);
	if (error == EINPROGRESS) {
		r->at[r->n] = a;
		r->pfd[r->n] = (struct pollfd){ .fd = fd, .events = POLLOUT };
		r->n++;
		return 0;
	}

	close_attempt(fd, classify(error));
	end_attempt(r, &a, run_clock_now(r->clk), error);
	return 0;
}

/*
 * Whether attempt i is over, with its error: SO_ERROR once poll() says
 * the connect() ended, else a timeout if its wait is over or give_up is
 * set.  Returns -1 when the outcome cannot be read; it counts as a
 * timeout.
 */
static int
attempt_over(struct conn_run *r, size_t i, int64_t now, int give_up,
    int *error, char *err, size_t errlen)
{
	socklen_t len = sizeof(*error);

	*error = ETIMEDOUT;
	if (r->pfd[i].revents == 0)
		return give_up || now - r->at[i].t0 >= r->cfg->wait_ns;

	if (getsockopt(r->pfd[i].fd, SOL_SOCKET, SO_ERROR, error,
	    &len) == -1) {
		snprintf(err, errlen, "reading a connection's state: %s",
		    strerror(errno));
		return -1;
	}
	return 1;
}

/*
 * Ends the attempts that are over and keeps the others in their order.
 * All are timed at now, read once after the wait: the closest known
 * moment to their ends.
 */
static int
collect(struct conn_run *r, int64_t now, int give_up, char *err,
    size_t errlen)
{
	size_t i, kept = 0;
	int error, over, rc = 0;

	for (i = 0; i < r->n; i++) {
		over = attempt_over(r, i, now, give_up, &error, err, errlen);
		if (over == 0) {
			r->at[kept] = r->at[i];
			r->pfd[kept++] = r->pfd[i];
			continue;
		}

		if (over < 0)
			rc = -1;
		close_attempt(r->pfd[i].fd, classify(error));
		end_attempt(r, &r->at[i], now, error);
	}
	r->n = kept;
	return rc;
}

/*
 * Sleeps until an attempt ends or sleep_ns is over, then ends what is
 * over.  Signals the caller blocks are let in during the sleep only,
 * so a stop requested just before it still cuts it short.
 */
static int
wait_once(struct conn_run *r, int64_t sleep_ns, int give_up, char *err,
    size_t errlen)
{
	struct timespec ts;
	sigset_t during;
	size_t i;

	if (sleep_ns < 0)
		sleep_ns = 0;
	ts.tv_sec = (time_t)(sleep_ns / NS_PER_SEC);
	ts.tv_nsec = (long)(sleep_ns % NS_PER_SEC);
	sigemptyset(&during);

	if (ppoll(r->pfd, r->n, &ts, &during) == -1) {
		if (errno != EINTR) {
			snprintf(err, errlen, "waiting for connections: %s",
			    strerror(errno));
			return -1;
		}
		/* POSIX leaves revents unspecified after an error. */
		for (i = 0; i < r->n; i++)
			r->pfd[i].revents = 0;
	}
	return collect(r, run_clock_now(r->clk), give_up, err, errlen);
}

/* In check mode an endpoint that answered gets no further attempt. */
static void
skip_answered(struct conn_run *r)
{
	while (r->cfg->until_answered && r->started < r->total &&
	    target_answered(&r->cfg->t[r->started % r->cfg->nt]))
		r->started++;
}

/*
 * In check mode a round starts once the one before is over, so that an
 * endpoint gets its next attempt only when the last has timed out.
 */
static int
round_open(const struct conn_run *r)
{
	return !r->cfg->until_answered || r->n == 0 ||
	    r->started / r->cfg->nt == r->round;
}

static int
may_start(const struct conn_run *r)
{
	return r->started < r->total && r->n < CONN_SLOTS && round_open(r);
}

/* The next start if one may happen, else the oldest wait's end. */
static int64_t
next_wake(const struct conn_run *r, int64_t next_start)
{
	int64_t wake = INT64_MAX, end;

	if (may_start(r))
		wake = next_start;
	if (r->n > 0) {
		end = r->at[0].t0 + r->cfg->wait_ns;
		if (end < wake)
			wake = end;
	}
	return wake;
}

/*
 * Each turn starts a probe, at most total of them, or sleeps until an
 * attempt ends, a start is due or a wait ends; every attempt ends by
 * its wait, so the loop ends too.
 */
static int
loop(struct conn_run *r, char *err, size_t errlen)
{
	int64_t next = run_clock_now(r->clk), now;

	for (skip_answered(r); r->started < r->total || r->n > 0;
	    skip_answered(r)) {
		if (stopped(r)) {
			r->out->interrupted = 1;
			return 0;
		}

		now = run_clock_now(r->clk);
		if (may_start(r) && now >= next) {
			/* Not a burst to catch up after a round's wait. */
			if (next < now - r->cfg->delay_ns)
				next = now;
			if (start_attempt(r, err, errlen) != 0)
				return -1;
			next += r->cfg->delay_ns;
			continue;
		}

		if (wait_once(r, next_wake(r, next) - now, 0, err,
		    errlen) != 0)
			return -1;
	}
	return 0;
}

int
connprobe_run(const struct prober_config *cfg,
    const struct run_clock *clk, event_fn emit, void *arg,
    struct prober_result *out, char *err, size_t errlen)
{
	struct conn_run r = {
		.cfg = cfg, .clk = clk, .emit = emit, .arg = arg, .out = out,
		.total = (uint64_t)cfg->count * cfg->nt,
	};
	int rc;

	reset_counts(cfg, out);
	rc = loop(&r, err, errlen);

	if (r.n > 0 && wait_once(&r, 0, 1, err, errlen) != 0)
		rc = -1;
	return rc;
}
