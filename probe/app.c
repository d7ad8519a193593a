/*
 * The command layer of the TCP mode: the only place that prints errors
 * and picks exit statuses.  Each step hands its result to the next; the
 * first that fails ends the run with one line on stderr.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app_internal.h"
#include "exit_status.h"
#include "lookup_app.h"
#include "privdrop.h"

#define ERR_MAX		512
#define FILTER_MAX	4096


static volatile sig_atomic_t stop_requested;

/*
 * The line is kept as well, for a format that must say why a run ended
 * in its own words (a Nagios plugin line).
 */
int
app_fail(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app_last_error, sizeof(app_last_error), fmt, ap);
	va_end(ap);
	fprintf(stderr, "probe: %s\n", app_last_error);
	return status;
}

static int
route_targets(struct app *a)
{
	enum route_status st;
	size_t bad;

	st = targets_route(&a->set, &a->opts, &bad);
	if (st == ROUTE_OK)
		return PROBE_EXIT_OK;
	return app_fail(PROBE_EXIT_USAGE, "%s (%s): %s; check the routes (ip "
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
	if ((errno == EPERM || errno == EACCES) &&
	    a->opts.raw_option != NULL)
		return app_fail(PROBE_EXIT_USAGE, "no %s (%s), and %s needs "
		    "one: grant CAP_NET_RAW or drop %s", what, err,
		    a->opts.raw_option, a->opts.raw_option);
	if (errno == EPERM || errno == EACCES) {
		app_fail(0, "no %s (%s): using TCP connect() probes, timed in "
		    "user space", what, err);
		a->connect_mode = 1;
		return PROBE_EXIT_OK;
	}
	return app_fail(PROBE_EXIT_USAGE, "cannot open %s: %s", what, err);
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

	if (a->opts.iface != NULL && if_nametoindex(a->opts.iface) == 0)
		return app_fail(PROBE_EXIT_USAGE, "-e %s: no such interface "
		    "here: give one that ip link shows", a->opts.iface);
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
	return app_fail(PROBE_EXIT_USAGE, "cannot capture on %s: %s; check -e",
	    ifname, err);
}

static int
drop_privileges(struct app *a)
{
	char err[ERR_MAX];

	if (privdrop(a->opts.user, err, sizeof(err)) != 0)
		return app_fail(PROBE_EXIT_USAGE, "cannot drop privileges: %s; "
		    "stopping rather than running with them", err);
	return PROBE_EXIT_OK;
}

static int
check_families(struct app *a)
{
	if (a->connect_mode || !uses_family(&a->set, AF_INET6) ||
	    a->tx.v6 != NULL)
		return PROBE_EXIT_OK;
	return app_fail(PROBE_EXIT_USAGE, "cannot send IPv6 probes: no IPv6 "
	    "raw socket here; probe IPv4 addresses with -4");
}

static void
on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/*
 * A signal the parent set to be ignored stays ignored, as a shell
 * wants for its background jobs: the run ignores it from start to end,
 * not only until the probing starts.
 */
static void
catch_signal(int sig, const struct sigaction *sa)
{
	struct sigaction old;

	if (sigaction(sig, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
		sigaction(sig, sa, NULL);
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
	catch_signal(SIGINT, &sa);
	catch_signal(SIGTERM, &sa);
	if (!block)
		return;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

/*
 * Each endpoint left unprobed holds a host of its own, for its line:
 * it is not counted among the addresses probed.
 */
static void
summarize(struct app *a, const struct prober_result *res)
{
	struct event ev = {
		.kind = EV_SUMMARY, .stats = &res->stats,
		.targets = a->set.t, .ntargets = a->set.nt,
		.hosts = a->set.hosts, .nhosts = a->set.nhosts,
		.naddr = (unsigned)(a->set.nhosts -
		    (a->set.nt - a->set.nprobed)),
		.connect_mode = a->connect_mode,
		.check_mode = a->opts.check_mode,
		.attempts = res->sent, .successes = res->open,
		.resolve_ns = a->resolve_end - a->resolve_start,
		.setup_ns = a->setup_ns,
		.start_real_ns = a->clk.real0,
	};

	target_sum_hosts(a->set.t, a->set.nt, a->set.hosts, a->set.nhosts);
	ev.t_ns = run_clock_now(&a->clk);
	ev.probe_ns = ev.t_ns - a->probe_start;
	app_emit(&ev, a);
}

static void
make_config(struct app *a, struct prober_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->t = a->set.t;
	cfg->nt = a->set.nprobed;
	cfg->until_answered = a->opts.check_mode;
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

/*
 * Every probe answered with a SYN-ACK is success; in check mode, every
 * endpoint open (its later attempts were never sent), and an endpoint
 * that could not be resolved outranks one that did not answer.
 */
static int
exit_status(const struct app *a, const struct prober_result *res)
{
	size_t i;

	if (!a->opts.check_mode)
		return res->sent > 0 && res->open == res->sent ?
		    PROBE_EXIT_OK : PROBE_EXIT_NOREPLY;
	if (a->set.nprobed < a->set.nt)
		return PROBE_EXIT_UNRESOLVED;
	for (i = 0; i < a->set.nt; i++)
		if (a->set.t[i].open == 0)
			return PROBE_EXIT_NOREPLY;
	return PROBE_EXIT_OK;
}

/* Replies lost in a full capture ring would pass for filtered ports. */
static void
warn_drops(struct app *a)
{
	unsigned drops;

	if (a->cap == NULL)
		return;
	drops = capture_drops(a->cap);
	if (drops > 0)
		app_fail(0, "the capture dropped %u packets: some replies may "
		    "be missing and their probes shown filtered; lower --rate",
		    drops);
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
	memset(&res, 0, sizeof(res));
	stats_init(&res.stats);
	rc = 0;
	a->probe_start = run_clock_now(&a->clk);
	if (cfg.nt == 0)
		rc = 0;
	else if (a->connect_mode)
		rc = connprobe_run(&cfg, &a->clk, app_emit, a, &res, err,
		    sizeof(err));
	else
		rc = prober_run(&cfg, a->cap, &a->tx, &a->clk, app_emit, a,
		    &res, err, sizeof(err));
	summarize(a, &res);
	warn_drops(a);

	if (rc != 0)
		return app_fail(PROBE_EXIT_USAGE, "%s", err);
	return exit_status(a, &res);
}

/* Whether argv asks for -o nagios, in any of getopt's spellings. */
static int
asks_nagios(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-onagios") == 0 ||
		    strcmp(argv[i], "--output=nagios") == 0)
			return 1;
		if (i + 1 < argc && strcmp(argv[i + 1], "nagios") == 0 &&
		    (strcmp(argv[i], "-o") == 0 ||
		    strcmp(argv[i], "--output") == 0))
			return 1;
	}
	return 0;
}

/*
 * A plugin's monitor shows its first line of stdout, not stderr: with
 * -o nagios, a usage error is also an UNKNOWN line there.
 */
static int
usage_error(int argc, char **argv, const char *err)
{
	struct report_nagios r = { .out = stdout };

	if (asks_nagios(argc, argv))
		report_nagios_fail(&r, NAGIOS_UNKNOWN, err);
	return app_fail(PROBE_EXIT_USAGE, "%s", err);
}

static int
parse(struct app *a, int argc, char **argv)
{
	int check = argc > 1 && strcmp(argv[1], "check") == 0;
	char err[CLI_ERR_MAX];
	enum cli_status st;

	st = cli_check_words(argc, argv, err, sizeof(err));
	if (st != CLI_RUN)
		return usage_error(argc, argv, err);
	if (check)
		st = check_cli_parse(argc - 1, argv + 1, &a->opts, err,
		    sizeof(err));
	else
		st = cli_parse(argc, argv, &a->opts, err, sizeof(err));

	switch (st) {
	case CLI_RUN:
		return -1;
	case CLI_HELP:
		fputs(check ? check_usage : cli_usage, stdout);
		return PROBE_EXIT_OK;
	case CLI_VERSION:
		printf("probe %s\n", PROBE_VERSION);
		return PROBE_EXIT_OK;
	case CLI_ERROR:
		break;
	}
	return usage_error(argc, argv, err);
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

/* The steps of a run, each only when the ones before succeeded. */
static int
run(struct app *a)
{
	int rc;

	a->setup_ns = run_clock_now(&a->clk);
	rc = open_handles(a);
	a->setup_ns = run_clock_now(&a->clk) - a->setup_ns;
	if (rc == PROBE_EXIT_OK)
		rc = drop_privileges(a);

	a->resolve_start = run_clock_now(&a->clk);
	if (rc == PROBE_EXIT_OK)
		rc = app_resolve_targets(a);
	a->resolve_end = run_clock_now(&a->clk);

	if (rc == PROBE_EXIT_OK)
		rc = route_targets(a);
	if (rc == PROBE_EXIT_OK)
		rc = check_families(a);
	if (rc == PROBE_EXIT_OK)
		rc = run_probes(a);
	return rc;
}

static int
tcp_main(int argc, char **argv)
{
	static struct app a;
	int rc;

	run_clock_start(&a.clk);
	rc = parse(&a, argc, argv);
	if (rc >= 0)
		return rc;

	rc = app_output_open(&a);
	if (rc != PROBE_EXIT_OK)
		return app_output_close(&a, rc);
	a.sport = a.opts.sport >= 0 ? (uint16_t)a.opts.sport :
	    prober_random_port();
	privdrop_raise_net_raw();
	rc = app_output_close(&a, run(&a));

	close_all(&a);
	free(a.opts.file_text);
	return rc;
}

int
probe_main(int argc, char **argv)
{
	int rc = app_stdio_hold();

	if (rc != PROBE_EXIT_OK)
		return rc;
	if (argc > 0 && strcmp(base_name(argv[0]), "nslookup") == 0)
		rc = lookup_main(argc, argv);
	else if (argc > 1 && (strcmp(argv[1], "lookup") == 0 ||
	    strcmp(argv[1], "nslookup") == 0))
		rc = lookup_main(argc - 1, argv + 1);
	else
		rc = tcp_main(argc, argv);
	return app_stdio_finish(rc);
}
