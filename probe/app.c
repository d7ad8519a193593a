/*
 * The command layer of the TCP mode: the only place that prints errors
 * and picks exit statuses.  Each step hands its result to the next; the
 * first that fails ends the run with one line on stderr.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "exit_status.h"
#include "lookup_app.h"
#include "privdrop.h"
#include "prober.h"
#include "report.h"
#include "resolve.h"
#include "targets.h"

#define ERR_MAX		512
#define FILTER_MAX	4096
#define ADDRS_TEXT_MAX	256

struct app {
	struct probe_opts opts;
	struct run_clock clk;
	struct report_text text;
	struct resolv_conf rc;
	int rc_read;
	struct dnsclient *dc;
	struct resolution res;
	struct target_word words[CLI_TARGET_CAP];
	struct target_set set;
	struct capture *cap;
	struct prober_tx tx;
	uint16_t sport;
	int connect_mode;
};

static volatile sig_atomic_t stop_requested;

static int
fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
fail(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("probe: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

static void
emit(const struct event *ev, void *arg)
{
	struct app *a = arg;

	report_text_event(ev, &a->text);
}

static int
read_config(struct app *a)
{
	struct event ev = { .kind = EV_CONFIG_WARNING, .rc = &a->rc };

	if (a->rc_read)
		return PROBE_EXIT_OK;
	if (resolvconf_read(a->opts.resolv_conf, &a->rc) ==
	    RCREAD_UNREADABLE)
		return fail(PROBE_EXIT_USAGE, "cannot read %s: %s; give a "
		    "readable file with --resolv-conf",
		    a->opts.resolv_conf, strerror(errno));

	a->rc_read = 1;
	for (ev.warning = 0; ev.warning < a->rc.nwarn; ev.warning++)
		emit(&ev, a);
	return PROBE_EXIT_OK;
}

static const char *
advice(enum dns_outcome o)
{
	if (o == DNS_NXDOMAIN || o == DNS_NODATA)
		return "check the name and its namespace";
	return "check the nameservers in";
}

static int
unresolved(const struct app *a, const char *word)
{
	const struct resolution *r = &a->res;
	size_t last = r->nasked - 1, nservers;
	enum dns_outcome o = r->result[last].outcome;
	int server_trouble = o != DNS_NXDOMAIN && o != DNS_NODATA;

	nservers = resolvconf_used_servers(&a->rc);
	return fail(PROBE_EXIT_UNRESOLVED, "cannot resolve \"%s\": %zu "
	    "name%s asked, the last (%s) got %s from %s%s; %s%s%s, -v shows "
	    "each query", word, r->nasked, r->nasked == 1 ? "" : "s",
	    r->list.cand[r->asked[last]].name, dns_outcome_name(o),
	    a->rc.ns[0].addr, nservers > 1 ? " and the others" : "",
	    advice(o), server_trouble ? " " : "",
	    server_trouble ? a->opts.resolv_conf : "");
}

static int
open_dns(struct app *a)
{
	struct dnsclient_config cfg;
	enum dnsclient_status st;

	if (a->dc != NULL)
		return PROBE_EXIT_OK;
	dnsclient_config_from(&a->rc, &cfg);
	st = dnsclient_open(&cfg, &a->dc);
	if (st != DNSCLIENT_OK)
		return fail(PROBE_EXIT_USAGE, "%s: %s; check its nameserver "
		    "lines", a->opts.resolv_conf, dnsclient_strerror(st));
	return PROBE_EXIT_OK;
}

static int
ask_dns(struct app *a, struct target_word *w)
{
	struct event ev = { .kind = EV_QUERY, .res = &a->res };
	enum search_status st;

	st = resolve_name(w->word, w->family, &a->rc, a->dc, SEARCH_GLIBC,
	    &a->res);
	if (st != SEARCH_OK)
		return fail(PROBE_EXIT_USAGE, "bad name \"%s\": %s", w->word,
		    search_strerror(st));
	for (ev.step = 0; ev.step < a->res.nasked; ev.step++)
		emit(&ev, a);
	return PROBE_EXIT_OK;
}

static void
show_resolved(struct app *a, const struct target_word *w)
{
	struct event ev = {
		.kind = EV_RESOLVED, .res = &a->res, .name = w->word,
		.rc = &a->rc,
	};
	char text[ADDRS_TEXT_MAX], one[INET6_ADDRSTRLEN];
	size_t i, used = 0;

	text[0] = '\0';
	for (i = 0; i < w->naddr; i++) {
		inet_ntop(w->family, w->addr[i], one, sizeof(one));
		if (used + strlen(one) + 3 >= sizeof(text))
			break;
		used += (size_t)snprintf(text + used, sizeof(text) - used,
		    "%s%s", i > 0 ? ", " : "", one);
	}
	ev.addr_text = text;
	emit(&ev, a);
}

static int
resolve_name_word(struct app *a, struct target_word *w)
{
	const struct dns_result *r;
	size_t i, n;
	int rc;

	rc = read_config(a);
	if (rc == PROBE_EXIT_OK)
		rc = open_dns(a);
	if (rc == PROBE_EXIT_OK)
		rc = ask_dns(a, w);
	if (rc != PROBE_EXIT_OK)
		return rc;
	if (a->res.answered == a->res.nasked)
		return unresolved(a, w->word);

	r = &a->res.result[a->res.answered];
	n = a->opts.first ? 1 : r->naddr;
	for (i = 0; i < n && i < TARGETS_ADDR_CAP; i++)
		memcpy(w->addr[i], r->addr[i], 16);
	w->naddr = i;
	show_resolved(a, w);
	return PROBE_EXIT_OK;
}

static int
resolve_word(struct app *a, struct target_word *w)
{
	memset(w->addr, 0, sizeof(w->addr));
	w->naddr = 1;
	if (inet_pton(AF_INET, w->word, w->addr[0]) == 1)
		w->family = AF_INET;
	else if (inet_pton(AF_INET6, w->word, w->addr[0]) == 1)
		w->family = AF_INET6;
	else {
		w->family = a->opts.family != 0 ? a->opts.family : AF_INET;
		return resolve_name_word(a, w);
	}

	if (a->opts.family != 0 && a->opts.family != w->family)
		return fail(PROBE_EXIT_USAGE, "%s is an IPv%d address, but "
		    "-%d was given", w->word, w->family == AF_INET ? 4 : 6,
		    a->opts.family == AF_INET ? 4 : 6);
	return PROBE_EXIT_OK;
}

static int
resolve_targets(struct app *a)
{
	size_t i, total;
	int rc = PROBE_EXIT_OK;

	for (i = 0; i < a->opts.ntargets && rc == PROBE_EXIT_OK; i++) {
		a->words[i].word = a->opts.targets[i];
		rc = resolve_word(a, &a->words[i]);
	}
	dnsclient_close(a->dc);
	a->dc = NULL;
	if (rc != PROBE_EXIT_OK)
		return rc;

	if (targets_build(a->words, a->opts.ntargets, &a->opts, &a->set))
		return fail(PROBE_EXIT_USAGE, "out of memory for the targets");
	total = a->set.nt * a->opts.count;
	if (total > 10000000)
		return fail(PROBE_EXIT_USAGE, "too many probes: %zu addresses"
		    " and ports times %u is over 10000000", a->set.nt,
		    a->opts.count);
	return PROBE_EXIT_OK;
}

static int
route_targets(struct app *a)
{
	enum route_status st;
	size_t bad;

	st = targets_route(&a->set, &a->opts, &bad);
	if (st == ROUTE_OK)
		return PROBE_EXIT_OK;
	return fail(PROBE_EXIT_USAGE, "%s (%s): %s; check the routes (ip "
	    "route) and -S", a->set.t[bad].name, a->set.t[bad].addr,
	    route_strerror(st));
}

static int
uses_family(const struct target_set *set, int family)
{
	size_t i;

	for (i = 0; i < set->nhosts && i < set->nt; i++)
		if (set->t[i].family == family)
			return 1;
	return 0;
}

static int
raw_failure(struct app *a, const char *what, const char *err)
{
	if (errno == EPERM || errno == EACCES) {
		fail(0, "no %s (%s): using TCP connect() probes, timed in "
		    "user space", what, err);
		a->connect_mode = 1;
		return PROBE_EXIT_OK;
	}
	return fail(PROBE_EXIT_USAGE, "cannot open %s: %s", what, err);
}

/*
 * IPv6 may be off in a pod while IPv4 works: a family that cannot be
 * opened for a reason other than privilege is only an error once a
 * target needs it.
 */
static int
open_senders(struct app *a)
{
	char err[ERR_MAX];

	if (synsend_open(AF_INET, a->opts.iface, &a->tx.v4, err,
	    sizeof(err)) != 0)
		return raw_failure(a, "raw socket", err);
	if (synsend_open(AF_INET6, a->opts.iface, &a->tx.v6, err,
	    sizeof(err)) != 0 && (errno == EPERM || errno == EACCES))
		return raw_failure(a, "raw socket", err);
	return PROBE_EXIT_OK;
}

/*
 * The privileged handles, opened before any name is resolved: the
 * capture listens on every interface (or -e), for the run's source
 * port, so that nothing of the targets need be known yet.
 */
static int
open_handles(struct app *a)
{
	char err[ERR_MAX], filter[FILTER_MAX];
	const char *ifname = a->opts.iface != NULL ? a->opts.iface : "any";
	int rc;

	if (a->opts.tcp_connect) {
		a->connect_mode = 1;
		return PROBE_EXIT_OK;
	}
	rc = open_senders(a);
	if (rc != PROBE_EXIT_OK || a->connect_mode)
		return rc;

	prober_filter(a->sport, filter, sizeof(filter));
	if (capture_open(ifname, filter, &a->cap, err, sizeof(err)) == 0)
		return PROBE_EXIT_OK;
	if (errno == EPERM || errno == EACCES)
		return raw_failure(a, "capture", err);
	return fail(PROBE_EXIT_USAGE, "cannot capture on %s: %s; check -e",
	    ifname, err);
}

static int
drop_privileges(struct app *a)
{
	char err[ERR_MAX];

	if (privdrop(a->opts.user, err, sizeof(err)) != 0)
		return fail(PROBE_EXIT_USAGE, "cannot drop privileges: %s; "
		    "stopping rather than running with them", err);
	return PROBE_EXIT_OK;
}

static int
check_families(struct app *a)
{
	if (a->connect_mode || !uses_family(&a->set, AF_INET6) ||
	    a->tx.v6 != NULL)
		return PROBE_EXIT_OK;
	return fail(PROBE_EXIT_USAGE, "cannot send IPv6 probes: no IPv6 raw "
	    "socket here; probe IPv4 addresses with -4");
}

static void
on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/*
 * SIGINT and SIGTERM end the probing, not the program, so the summary
 * still prints.  The raw loop keeps them blocked but while it waits.
 */
static void
catch_signals(int block)
{
	struct sigaction sa;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (!block)
		return;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static void
summarize(struct app *a, const struct prober_result *res)
{
	struct event ev = {
		.kind = EV_SUMMARY, .stats = &res->stats,
		.targets = a->set.t, .ntargets = a->set.nt,
		.hosts = a->set.hosts, .nhosts = a->set.nhosts,
		.naddr = (unsigned)a->set.nhosts,
		.connect_mode = a->connect_mode,
		.attempts = res->sent, .successes = res->open,
	};

	target_sum_hosts(a->set.t, a->set.nt, a->set.hosts, a->set.nhosts);
	ev.t_ns = run_clock_now(&a->clk);
	emit(&ev, a);
}

static void
make_config(struct app *a, struct prober_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->t = a->set.t;
	cfg->nt = a->set.nt;
	cfg->count = a->opts.count;
	cfg->delay_ns = a->opts.delay_ns;
	cfg->wait_ns = a->opts.wait_ns;
	cfg->ttl = a->opts.ttl;
	cfg->win = a->opts.win;
	cfg->flags = a->opts.flags;
	cfg->seq = a->opts.seq;
	cfg->sport = a->sport;
	cfg->data_len = a->opts.data_len;
	cfg->stop = &stop_requested;
}

static int
run_probes(struct app *a)
{
	struct prober_config cfg;
	struct prober_result res;
	char err[ERR_MAX];
	int rc;

	make_config(a, &cfg);
	catch_signals(!a->connect_mode);
	if (a->connect_mode)
		rc = connprobe_run(&cfg, &a->clk, emit, a, &res, err,
		    sizeof(err));
	else
		rc = prober_run(&cfg, a->cap, &a->tx, &a->clk, emit, a, &res,
		    err, sizeof(err));
	summarize(a, &res);

	if (rc != 0)
		return fail(PROBE_EXIT_USAGE, "%s", err);
	return res.sent > 0 && res.open == res.sent ? PROBE_EXIT_OK :
	    PROBE_EXIT_NOREPLY;
}

static int
parse(struct app *a, int argc, char **argv)
{
	char err[CLI_ERR_MAX];

	switch (cli_parse(argc, argv, &a->opts, err, sizeof(err))) {
	case CLI_RUN:
		return -1;
	case CLI_HELP:
		fputs(cli_usage, stdout);
		return PROBE_EXIT_OK;
	case CLI_VERSION:
		printf("probe %s\n", PROBE_VERSION);
		return PROBE_EXIT_OK;
	case CLI_ERROR:
		break;
	}
	return fail(PROBE_EXIT_USAGE, "%s", err);
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

static void
close_all(struct app *a)
{
	capture_close(a->cap);
	synsend_close(a->tx.v4);
	synsend_close(a->tx.v6);
	targets_free(&a->set);
}

int
probe_main(int argc, char **argv)
{
	static struct app a;
	int rc;

	if (argc > 0 && strcmp(base_name(argv[0]), "nslookup") == 0)
		return lookup_main(argc, argv);
	if (argc > 1 && (strcmp(argv[1], "lookup") == 0 ||
	    strcmp(argv[1], "nslookup") == 0))
		return lookup_main(argc - 1, argv + 1);

	run_clock_start(&a.clk);
	rc = parse(&a, argc, argv);
	if (rc >= 0)
		return rc;

	a.text.out = stdout;
	a.text.diag = stderr;
	a.text.verbose = a.opts.verbose;
	a.text.quiet = a.opts.quiet;
	a.text.hide_sent = a.opts.hide_sent;
	a.sport = a.opts.sport >= 0 ? (uint16_t)a.opts.sport :
	    prober_random_port();
	rc = open_handles(&a);
	if (rc == PROBE_EXIT_OK)
		rc = drop_privileges(&a);
	if (rc == PROBE_EXIT_OK)
		rc = resolve_targets(&a);
	if (rc == PROBE_EXIT_OK)
		rc = route_targets(&a);
	if (rc == PROBE_EXIT_OK)
		rc = check_families(&a);
	if (rc == PROBE_EXIT_OK)
		rc = run_probes(&a);

	close_all(&a);
	return rc;
}
