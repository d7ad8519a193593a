/*
 * Connect mode against real sockets on the loopback addresses: a
 * listener for an open port, a socket bound but not listening for a
 * refused one, and a listener whose accept queue is full for silence
 * (the kernel drops a SYN it has no room for).
 */
#include "unit.h"

#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "prober.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define MS		1000000LL
#define MAX_SEEN	1400
#define MAX_TARGETS	4
#define SLOTS		512	/* connprobe's bound on attempts in flight */

/* Loopback RTTs are far below this even on a loaded, sanitised build. */
#define RTT_CEILING	(500 * MS)

struct seen {
	enum event_kind kind;
	int64_t t_ns;
	size_t target;
	enum conn_outcome conn;
	int conn_errno;
	int64_t rtt_ns;
};

struct trail {
	const struct probe_target *base;
	struct seen ev[MAX_SEEN];
	size_t n;
	size_t inflight, max_inflight;
	volatile sig_atomic_t *stop_on_start;	/* set it as a signal would */
};

struct fixture {
	struct probe_target t[MAX_TARGETS];
	size_t nt;
	int fd[2 * MAX_TARGETS];
	size_t nfd;
};

static void
record(const struct event *ev, void *arg)
{
	struct trail *tr = arg;
	struct seen *s;

	ck_assert_uint_lt(tr->n, MAX_SEEN);
	s = &tr->ev[tr->n++];
	s->kind = ev->kind;
	s->t_ns = ev->t_ns;
	s->target = (size_t)(ev->target - tr->base);
	s->conn = ev->conn;
	s->conn_errno = ev->conn_errno;
	s->rtt_ns = ev->rtt_ns;

	if (ev->kind == EV_CONNECT_START && ++tr->inflight > tr->max_inflight)
		tr->max_inflight = tr->inflight;
	if (ev->kind == EV_CONNECT_DONE)
		tr->inflight--;
	if (ev->kind == EV_CONNECT_START && tr->stop_on_start != NULL)
		*tr->stop_on_start = 1;
}

static socklen_t
loopback(int family, uint16_t port, struct sockaddr_storage *ss)
{
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET6) {
		s6->sin6_family = AF_INET6;
		s6->sin6_addr = in6addr_loopback;
		s6->sin6_port = htons(port);
		return sizeof(*s6);
	}
	s4->sin_family = AF_INET;
	s4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s4->sin_port = htons(port);
	return sizeof(*s4);
}

static void
keep_fd(struct fixture *f, int fd)
{
	ck_assert_uint_lt(f->nfd, NITEMS(f->fd));
	f->fd[f->nfd++] = fd;
}

/*
 * A socket on an ephemeral loopback port, listening with backlog
 * unless backlog is negative: bound only, it holds the port so that
 * nothing else answers there, and the kernel refuses SYNs to it.
 */
static uint16_t
bound_port(struct fixture *f, int family, int backlog)
{
	struct sockaddr_storage ss;
	socklen_t len = loopback(family, 0, &ss);
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&ss, len), 0);
	if (backlog >= 0)
		ck_assert_int_eq(listen(fd, backlog), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&ss, &len), 0);
	keep_fd(f, fd);

	return ntohs(family == AF_INET6 ?
	    ((struct sockaddr_in6 *)&ss)->sin6_port :
	    ((struct sockaddr_in *)&ss)->sin_port);
}

/*
 * A listener of backlog 0 holds one connection not yet accepted; with
 * that one in, its queue is full and further SYNs are dropped.
 */
static uint16_t
silent_port(struct fixture *f, int family)
{
	uint16_t port = bound_port(f, family, 0);
	struct sockaddr_storage ss;
	socklen_t len = loopback(family, port, &ss);
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&ss, len), 0);
	keep_fd(f, fd);
	return port;
}

static void
add_target(struct fixture *f, const char *name, int family,
    const char *addr, uint16_t port)
{
	struct probe_target *t;

	ck_assert_uint_lt(f->nt, MAX_TARGETS);
	t = &f->t[f->nt++];
	memset(t, 0xa5, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", name);
	snprintf(t->addr, sizeof(t->addr), "%s", addr);
	t->family = family;
	t->port = port;
	memset(t->dst, 0, sizeof(t->dst));
	ck_assert_int_eq(inet_pton(family, addr, t->dst), 1);
}

static void
add_open(struct fixture *f, int family)
{
	add_target(f, "open", family, family == AF_INET6 ? "::1" :
	    "127.0.0.1", bound_port(f, family, 64));
}

static void
add_refused(struct fixture *f, int family)
{
	add_target(f, family == AF_INET6 ? "::1" : "127.0.0.1", family,
	    family == AF_INET6 ? "::1" : "127.0.0.1", bound_port(f, family,
	    -1));
}

static void
add_silent(struct fixture *f, int family)
{
	add_target(f, "silent", family, family == AF_INET6 ? "::1" :
	    "127.0.0.1", silent_port(f, family));
}

static void
close_fixture(struct fixture *f)
{
	size_t i;

	for (i = 0; i < f->nfd; i++)
		close(f->fd[i]);
}

/* With stop_on_start, the first attempt started sets *stop. */
static void
run(struct fixture *f, unsigned count, int64_t delay_ns, int64_t wait_ns,
    volatile sig_atomic_t *stop, int stop_on_start, struct trail *tr,
    struct prober_result *out)
{
	struct prober_config cfg = {
		.t = f->t, .nt = f->nt, .count = count, .delay_ns = delay_ns,
		.wait_ns = wait_ns, .stop = stop,
	};
	struct run_clock clk;
	char err[256] = "";
	int rc;

	memset(tr, 0, sizeof(*tr));
	tr->base = f->t;
	tr->stop_on_start = stop_on_start ? stop : NULL;
	run_clock_start(&clk);
	rc = connprobe_run(&cfg, &clk, record, tr, out, err, sizeof(err));
	ck_assert_msg(rc == 0, "connprobe_run: %s", err);
}

/*
 * Probe i starts at target i % nt; each attempt ends once, after its
 * start, in a DONE for the same target.
 */
static void
check_order(const struct trail *tr, size_t nt)
{
	size_t starts[MAX_TARGETS] = { 0 }, dones[MAX_TARGETS] = { 0 };
	size_t i, nstart = 0, ndone = 0;

	for (i = 0; i < tr->n; i++) {
		const struct seen *s = &tr->ev[i];

		ck_assert_uint_lt(s->target, nt);
		if (s->kind == EV_CONNECT_START) {
			ck_assert_uint_eq(s->target, nstart % nt);
			nstart++;
			starts[s->target]++;
		} else {
			ck_assert_int_eq(s->kind, EV_CONNECT_DONE);
			ndone++;
			dones[s->target]++;
			ck_assert_uint_le(dones[s->target], starts[s->target]);
		}
	}
	ck_assert_uint_eq(ndone, nstart);
}

/* Every count adds up, per target and in total. */
static void
check_counts(const struct fixture *f, const struct prober_result *out)
{
	unsigned sent = 0, answered = 0;
	size_t i;

	for (i = 0; i < f->nt; i++) {
		const struct probe_target *t = &f->t[i];

		ck_assert_uint_eq(t->open + t->closed + t->rejected + t->lost,
		    t->sent);
		ck_assert_uint_eq(t->stats.sent, t->sent);
		ck_assert_uint_eq(t->stats.answered,
		    t->open + t->closed + t->rejected);
		ck_assert_uint_eq(stats_lost(&t->stats), t->lost);
		sent += t->sent;
		answered += t->open + t->closed + t->rejected;
	}
	ck_assert_uint_eq(out->sent, sent);
	ck_assert_uint_eq(out->open + out->closed + out->rejected + out->lost,
	    sent);
	ck_assert_uint_eq(out->stats.sent, sent);
	ck_assert_uint_eq(out->stats.answered, answered);
}

/* Answers over loopback: an RTT each, small and positive. */
static void
check_answers(const struct trail *tr)
{
	size_t i;

	for (i = 0; i < tr->n; i++) {
		const struct seen *s = &tr->ev[i];

		if (s->kind != EV_CONNECT_DONE)
			continue;
		ck_assert_int_gt(s->rtt_ns, 0);
		ck_assert_int_lt(s->rtt_ns, RTT_CEILING);
	}
}

/* Probe i starts no earlier than i delays after the first. */
static void
check_schedule(const struct trail *tr, int64_t delay_ns)
{
	int64_t first = -1;
	size_t i, k = 0;

	for (i = 0; i < tr->n; i++) {
		if (tr->ev[i].kind != EV_CONNECT_START)
			continue;
		if (first < 0)
			first = tr->ev[i].t_ns;
		ck_assert_int_ge(tr->ev[i].t_ns - first,
		    (int64_t)k * delay_ns - MS);
		k++;
	}
}

/*
 * This host's TCP sockets whose remote port is port: the ends of probes
 * still lingering in FIN_WAIT or TIME_WAIT after the run.
 */
static int
sockets_towards(uint16_t port)
{
	static const char *const tables[] = {
		"/proc/self/net/tcp", "/proc/self/net/tcp6",
	};
	char line[512], remote[64], *colon;
	unsigned rport;
	int n = 0;
	size_t i;
	FILE *fp;

	for (i = 0; i < NITEMS(tables); i++) {
		ck_assert_ptr_nonnull(fp = fopen(tables[i], "r"));
		while (fgets(line, sizeof(line), fp) != NULL) {
			if (sscanf(line, "%*s %*s %63s", remote) != 1 ||
			    (colon = strrchr(remote, ':')) == NULL)
				continue;
			if (sscanf(colon + 1, "%x", &rport) == 1 &&
			    rport == port)
				n++;
		}
		fclose(fp);
	}
	return n;
}

static const struct {
	int family;
	int64_t delay_ns;
} open_refused_cases[] = {
	{ AF_INET, 0 },
	{ AF_INET, 10 * MS },
	{ AF_INET6, 0 },
	{ AF_INET6, 10 * MS },
};

START_TEST(open_and_refused)
{
	int family = open_refused_cases[_i].family;
	int64_t delay = open_refused_cases[_i].delay_ns;
	struct fixture f = { .nt = 0 };
	struct prober_result out;
	struct trail tr;

	add_open(&f, family);
	add_refused(&f, family);
	run(&f, 3, delay, 1000 * MS, NULL, 0, &tr, &out);

	check_order(&tr, f.nt);
	check_counts(&f, &out);
	check_answers(&tr);
	check_schedule(&tr, delay);
	ck_assert_uint_eq(tr.n, 12);
	ck_assert_uint_eq(f.t[0].open, 3);
	ck_assert_int_eq(f.t[0].conn_errno, 0);
	ck_assert_uint_eq(f.t[1].closed, 3);
	ck_assert_int_eq(f.t[1].conn_errno, ECONNREFUSED);
	ck_assert_uint_eq(out.open, 3);
	ck_assert_uint_eq(out.closed, 3);
	ck_assert_uint_eq(out.stats.nrtt, 6);
	ck_assert_int_eq(out.interrupted, 0);
	ck_assert_int_eq(sockets_towards(f.t[0].port), 0);
	close_fixture(&f);
}
END_TEST

/* Both families in one run, and the outcome of each event. */
START_TEST(several_targets)
{
	static const enum conn_outcome want[] = {
		CONN_OPEN, CONN_REFUSED, CONN_OPEN, CONN_REFUSED,
	};
	struct fixture f = { .nt = 0 };
	struct prober_result out;
	struct trail tr;
	size_t i;

	add_open(&f, AF_INET);
	add_refused(&f, AF_INET);
	add_open(&f, AF_INET6);
	add_refused(&f, AF_INET6);
	run(&f, 3, 10 * MS, 1000 * MS, NULL, 0, &tr, &out);

	check_order(&tr, f.nt);
	check_counts(&f, &out);
	check_answers(&tr);
	check_schedule(&tr, 10 * MS);
	ck_assert_uint_eq(tr.n, 24);
	for (i = 0; i < tr.n; i++)
		if (tr.ev[i].kind == EV_CONNECT_DONE) {
			ck_assert_int_eq(tr.ev[i].conn, want[tr.ev[i].target]);
			ck_assert_int_eq(tr.ev[i].conn_errno,
			    want[tr.ev[i].target] == CONN_OPEN ? 0 :
			    ECONNREFUSED);
		}
	ck_assert_uint_eq(out.sent, 12);
	ck_assert_uint_eq(out.open, 6);
	ck_assert_uint_eq(out.closed, 6);
	close_fixture(&f);
}
END_TEST

START_TEST(stop_before_start)
{
	volatile sig_atomic_t stop = 1;
	struct fixture f = { .nt = 0 };
	struct prober_result out;
	struct trail tr;

	add_open(&f, AF_INET);
	add_refused(&f, AF_INET6);
	run(&f, 3, 0, 1000 * MS, &stop, 0, &tr, &out);

	ck_assert_uint_eq(tr.n, 0);
	ck_assert_int_eq(out.interrupted, 1);
	ck_assert_uint_eq(out.sent, 0);
	ck_assert_uint_eq(out.stats.sent, 0);
	ck_assert_uint_eq(f.t[0].sent, 0);
	ck_assert_uint_eq(f.t[1].sent, 0);
	check_counts(&f, &out);
	close_fixture(&f);
}
END_TEST

/* Silence: each attempt waits its full time, then counts as lost. */
START_TEST(timeout)
{
	int family = _i == 0 ? AF_INET : AF_INET6;
	struct fixture f = { .nt = 0 };
	struct prober_result out;
	struct trail tr;
	size_t i;

	add_silent(&f, family);
	run(&f, 2, 0, 200 * MS, NULL, 0, &tr, &out);

	check_order(&tr, f.nt);
	check_counts(&f, &out);
	ck_assert_uint_eq(tr.n, 4);
	for (i = 0; i < tr.n; i++)
		if (tr.ev[i].kind == EV_CONNECT_DONE) {
			ck_assert_int_eq(tr.ev[i].conn, CONN_TIMEOUT);
			ck_assert_int_eq(tr.ev[i].conn_errno, ETIMEDOUT);
			ck_assert_int_ge(tr.ev[i].rtt_ns, 200 * MS);
		}
	ck_assert_uint_eq(f.t[0].lost, 2);
	ck_assert_int_eq(f.t[0].conn_errno, ETIMEDOUT);
	ck_assert_uint_eq(out.stats.answered, 0);
	ck_assert_uint_eq(out.stats.nrtt, 0);
	close_fixture(&f);
}
END_TEST

/*
 * A stop while an attempt waits: nothing more starts, and the attempt
 * ends at once as timed out, long before its wait would.
 */
START_TEST(stop_while_waiting)
{
	volatile sig_atomic_t stop = 0;
	struct fixture f = { .nt = 0 };
	struct prober_result out;
	struct trail tr;

	add_silent(&f, AF_INET);
	run(&f, 3, 0, 5000 * MS, &stop, 1, &tr, &out);

	check_order(&tr, f.nt);
	check_counts(&f, &out);
	ck_assert_uint_eq(tr.n, 2);
	ck_assert_int_eq(tr.ev[1].conn, CONN_TIMEOUT);
	ck_assert_int_lt(tr.ev[1].rtt_ns, 1000 * MS);
	ck_assert_int_eq(out.interrupted, 1);
	ck_assert_uint_eq(out.sent, 1);
	ck_assert_uint_eq(out.lost, 1);
	close_fixture(&f);
}
END_TEST

/* More probes than descriptors allowed at once: they wait their turn. */
START_TEST(more_than_slots)
{
	struct fixture f = { .nt = 0 };
	struct prober_result out;
	struct trail tr;

	add_refused(&f, AF_INET);
	run(&f, 600, 0, 2000 * MS, NULL, 0, &tr, &out);

	check_order(&tr, f.nt);
	check_counts(&f, &out);
	ck_assert_uint_eq(f.t[0].closed, 600);
	ck_assert_uint_le(tr.max_inflight, SLOTS);
	ck_assert_uint_gt(tr.max_inflight, 1);
	close_fixture(&f);
}
END_TEST

Suite *
connprobe_suite(void)
{
	Suite *s = suite_create("connprobe");
	TCase *tc = tcase_create("loopback");

	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, open_and_refused, 0,
	    NITEMS(open_refused_cases));
	tcase_add_test(tc, several_targets);
	tcase_add_test(tc, stop_before_start);
	tcase_add_loop_test(tc, timeout, 0, 2);
	tcase_add_test(tc, stop_while_waiting);
	tcase_add_test(tc, more_than_slots);
	suite_add_tcase(s, tc);
	return s;
}
