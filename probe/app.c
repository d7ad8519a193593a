/*
 * The command layer: the only place that prints errors and picks exit
 * statuses.  Each step below hands its result to the next; the first
 * that fails ends the run with one line on stderr.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "exit_status.h"
#include "lookup_app.h"
#include "prober.h"
#include "report.h"
#include "resolve.h"
#include "route.h"

#define ERR_MAX		512
#define FILTER_MAX	256

struct app {
	struct probe_opts opts;
	struct run_clock clk;
	struct report_text text;
	struct resolv_conf rc;
	struct resolution res;
	struct in_addr dst;
	struct route route;
	struct capture *cap;
	struct synsend *tx;
};

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
emit(struct app *a, const struct event *ev)
{
	report_text_event(ev, &a->text);
}

static int
read_config(struct app *a)
{
	struct event ev = { .kind = EV_CONFIG_WARNING, .rc = &a->rc };

	if (resolvconf_read(a->opts.resolv_conf, &a->rc) ==
	    RCREAD_UNREADABLE)
		return fail(PROBE_EXIT_USAGE, "cannot read %s: %s; give a "
		    "readable file with --resolv-conf",
		    a->opts.resolv_conf, strerror(errno));

	for (ev.warning = 0; ev.warning < a->rc.nwarn; ev.warning++)
		emit(a, &ev);
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
unresolved(const struct app *a)
{
	const struct resolution *r = &a->res;
	size_t last = r->nasked - 1, nservers;
	enum dns_outcome o = r->result[last].outcome;
	int server_trouble = o != DNS_NXDOMAIN && o != DNS_NODATA;

	nservers = resolvconf_used_servers(&a->rc);
	return fail(PROBE_EXIT_UNRESOLVED, "cannot resolve \"%s\": %zu "
	    "name%s asked, the last (%s) got %s from %s%s; %s%s%s, -v shows "
	    "each query", a->opts.target, r->nasked, r->nasked == 1 ? "" : "s",
	    r->list.cand[r->asked[last]].name, dns_outcome_name(o),
	    a->rc.ns[0].addr, nservers > 1 ? " and the others" : "",
	    advice(o), server_trouble ? " " : "",
	    server_trouble ? a->opts.resolv_conf : "");
}

static int
ask_dns(struct app *a)
{
	struct event ev = { .kind = EV_QUERY, .res = &a->res };
	struct dnsclient_config cfg;
	struct dnsclient *dc;
	enum dnsclient_status dst;
	enum search_status st;

	dnsclient_config_from(&a->rc, &cfg);
	dst = dnsclient_open(&cfg, &dc);
	if (dst != DNSCLIENT_OK)
		return fail(PROBE_EXIT_USAGE, "%s: %s; check its nameserver "
		    "lines", a->opts.resolv_conf, dnsclient_strerror(dst));

	st = resolve_name(a->opts.target, &a->rc, dc, SEARCH_GLIBC, &a->res);
	dnsclient_close(dc);
	if (st != SEARCH_OK)
		return fail(PROBE_EXIT_USAGE, "bad name \"%s\": %s",
		    a->opts.target, search_strerror(st));

	for (ev.step = 0; ev.step < a->res.nasked; ev.step++)
		emit(a, &ev);
	return PROBE_EXIT_OK;
}

static int
resolve_target(struct app *a)
{
	struct event ev = { .kind = EV_RESOLVED, .res = &a->res };
	struct in6_addr a6;
	int rc;

	if (inet_pton(AF_INET, a->opts.target, &a->dst) == 1)
		return PROBE_EXIT_OK;
	if (inet_pton(AF_INET6, a->opts.target, &a6) == 1)
		return fail(PROBE_EXIT_USAGE, "%s: IPv6 targets are not "
		    "supported yet; give an IPv4 address", a->opts.target);

	rc = read_config(a);
	if (rc == PROBE_EXIT_OK)
		rc = ask_dns(a);
	if (rc != PROBE_EXIT_OK)
		return rc;
	if (a->res.answered == a->res.nasked)
		return unresolved(a);

	a->dst = a->res.result[a->res.answered].addr[0];
	ev.name = a->opts.target;
	ev.rc = &a->rc;
	ev.addr = a->dst;
	emit(a, &ev);
	return PROBE_EXIT_OK;
}

static int
privilege_error(const char *what, const char *err)
{
	if (errno == EPERM || errno == EACCES)
		return fail(PROBE_EXIT_USAGE, "cannot open %s: %s; run as "
		    "root or grant the binary CAP_NET_RAW", what, err);
	return fail(PROBE_EXIT_USAGE, "cannot open %s: %s", what, err);
}

static int
open_handles(struct app *a, const struct prober_config *cfg)
{
	char err[ERR_MAX], filter[FILTER_MAX];
	enum route_status rs;

	rs = route_lookup(a->dst, &a->route);
	if (rs != ROUTE_OK)
		return fail(PROBE_EXIT_USAGE, "%s: %s; check the pod's "
		    "routes (ip route)", a->opts.target, route_strerror(rs));

	prober_filter(cfg, filter, sizeof(filter));
	if (synsend_open(&a->tx, err, sizeof(err)) != 0)
		return privilege_error("a raw socket", err);
	if (capture_open(a->route.ifname, filter, &a->cap, err,
	    sizeof(err)) != 0)
		return privilege_error("a capture", err);
	return PROBE_EXIT_OK;
}

static int
probe_target(struct app *a)
{
	struct prober_config cfg = {
		.dst = a->dst, .dport = a->opts.port,
		.count = a->opts.count, .delay_ns = a->opts.delay_ns,
		.wait_ns = a->opts.wait_ns,
	};
	struct prober_result res;
	struct event ev = { .kind = EV_SUMMARY, .naddr = 1 };
	char err[ERR_MAX];
	int rc;

	if (route_lookup(a->dst, &a->route) == ROUTE_OK)
		cfg.src = a->route.src;
	rc = open_handles(a, &cfg);
	if (rc != PROBE_EXIT_OK)
		return rc;

	rc = prober_run(&cfg, a->cap, a->tx, &a->clk,
	    (event_fn)report_text_event, &a->text, &res, err, sizeof(err));
	ev.stats = &res.stats;
	ev.t_ns = run_clock_now(&a->clk);
	emit(a, &ev);
	if (rc != 0)
		return fail(PROBE_EXIT_USAGE, "%s", err);
	return res.open == cfg.count ? PROBE_EXIT_OK : PROBE_EXIT_NOREPLY;
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
	rc = resolve_target(&a);
	if (rc == PROBE_EXIT_OK)
		rc = probe_target(&a);

	capture_close(a.cap);
	synsend_close(a.tx);
	return rc;
}
