/*
 * TARGET words into addresses and ports: literals as they are, names
 * through the search list, and in check mode the port of a bare
 * service name from its environment variables or an SRV record.  A
 * word that cannot be resolved ends a TCP run; in check mode it is an
 * endpoint of its own, reported as unresolved.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app_internal.h"
#include "dnsmsg.h"
#include "exit_status.h"
#include "svcenv.h"

#define ADDRS_TEXT_MAX	(TARGETS_ADDR_CAP * (INET6_ADDRSTRLEN + 2))

static int
read_config(struct app *a)
{
	struct event ev = { .kind = EV_CONFIG_WARNING, .rc = &a->rc };

	if (a->rc_read)
		return PROBE_EXIT_OK;
	if (resolvconf_read(a->opts.resolv_conf, &a->rc) ==
	    RCREAD_UNREADABLE)
		return app_fail(PROBE_EXIT_USAGE, "cannot read %s: %s; give a "
		    "readable file with --resolv-conf",
		    a->opts.resolv_conf, strerror(errno));

	a->rc_read = 1;
	for (ev.warning = 0; ev.warning < a->rc.nwarn; ev.warning++)
		app_emit(&ev, a);
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
	char asked[SEARCH_TEXT_MAX];

	nservers = resolvconf_used_servers(&a->rc);
	search_name_text(r->list.cand[r->asked[last]].name, asked,
	    sizeof(asked));
	return app_fail(PROBE_EXIT_UNRESOLVED, "cannot resolve \"%s\": %zu "
	    "name%s asked, the last (%s) got %s from %s%s; %s%s%s, -v shows "
	    "each query", word, r->nasked, r->nasked == 1 ? "" : "s",
	    asked, dns_outcome_name(o),
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
		return app_fail(PROBE_EXIT_USAGE, "%s: %s; check its "
		    "nameserver lines", a->opts.resolv_conf,
		    dnsclient_strerror(st));
	return PROBE_EXIT_OK;
}

/* In check mode a word that cannot be probed is a result, not an end. */
static int
give_up(struct app *a, struct target_word *w, int status, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static int
give_up(struct app *a, struct target_word *w, int status, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->why, sizeof(w->why), fmt, ap);
	va_end(ap);
	if (a->opts.check_mode) {
		w->unresolved = 1;
		return PROBE_EXIT_OK;
	}
	return app_fail(status, "%s", w->why);
}

static int
ask_dns(struct app *a, const char *name, uint16_t qtype)
{
	struct event ev = { .kind = EV_QUERY, .res = &a->res };
	enum search_status st;
	int rc;

	rc = read_config(a);
	if (rc == PROBE_EXIT_OK)
		rc = open_dns(a);
	if (rc != PROBE_EXIT_OK)
		return rc;

	st = resolve_name(name, qtype, &a->rc, a->dc, SEARCH_GLIBC, &a->res);
	if (st != SEARCH_OK)
		return app_fail(PROBE_EXIT_USAGE, "bad name \"%s\": %s; %s",
		    name, search_strerror(st), search_name_hint);
	for (ev.step = 0; ev.step < a->res.nasked; ev.step++)
		app_emit(&ev, a);
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
	app_emit(&ev, a);
}

static int
not_resolved(struct app *a, struct target_word *w)
{
	const struct resolution *r = &a->res;
	enum dns_outcome o = r->result[r->nasked - 1].outcome;

	if (!a->opts.check_mode)
		return unresolved(a, w->word);
	return give_up(a, w, PROBE_EXIT_UNRESOLVED, "%s, %zu name%s asked",
	    dns_outcome_name(o), r->nasked, r->nasked == 1 ? "" : "s");
}

static int
resolve_name_word(struct app *a, struct target_word *w)
{
	const struct dns_result *r;
	size_t i, n;
	int rc;

	rc = ask_dns(a, w->word, w->family == AF_INET6 ? DNS_T_AAAA :
	    DNS_T_A);
	if (rc != PROBE_EXIT_OK)
		return rc;
	if (a->res.answered == a->res.nasked)
		return not_resolved(a, w);

	r = &a->res.result[a->res.answered];
	n = a->opts.first ? 1 : r->naddr;
	for (i = 0; i < n && i < TARGETS_ADDR_CAP; i++)
		memcpy(w->addr[i], r->addr[i], 16);
	w->naddr = i;
	show_resolved(a, w);
	if (!a->opts.first && r->nfound > w->naddr)
		app_fail(0, "%s has %zu addresses: only the first %zu are "
		    "probed", w->word, r->nfound, w->naddr);
	return PROBE_EXIT_OK;
}

/*
 * "fe80::1%eth0": an address that needs its zone.  Raw probes and the
 * capture carry no zone, so such a target is refused, but with what
 * is wrong in it; a '%' never reaches DNS as part of a name.
 */
static int
zoned_target(struct app *a, struct target_word *w, const char *zone)
{
	char addr[INET6_ADDRSTRLEN];
	unsigned char bytes[16];

	snprintf(addr, sizeof(addr), "%.*s", (int)(zone - w->word),
	    w->word);
	if ((size_t)(zone - w->word) >= sizeof(addr) ||
	    inet_pton(AF_INET6, addr, bytes) != 1)
		return give_up(a, w, PROBE_EXIT_USAGE, "bad target \"%s\": "
		    "only an IPv6 address takes a %%zone; give a host name or "
		    "an address", w->word);
	if (if_nametoindex(zone + 1) == 0)
		return give_up(a, w, PROBE_EXIT_USAGE, "%s: no interface "
		    "\"%s\" here: give one that ip link shows", w->word,
		    zone + 1);
	return give_up(a, w, PROBE_EXIT_USAGE, "%s: addresses with a zone "
	    "are not probed: give a global or unique local address",
	    w->word);
}

/*
 * Words no libc would send to DNS as typed: said so here, rather than
 * asked of every search domain to come back NXDOMAIN.
 */
static int
malformed_target(struct app *a, struct target_word *w)
{
	if (strpbrk(w->word, " \t") != NULL)
		return give_up(a, w, PROBE_EXIT_USAGE, "bad name \"%s\": it "
		    "has a space; %s", w->word, search_name_hint);
	if (w->word[0] == '[')
		return give_up(a, w, PROBE_EXIT_USAGE, "bad target \"%s\": "
		    "%s", w->word, a->opts.check_mode ? "write [IPv6]:PORT, "
		    "with the port" : "write an IPv6 address without [ ]");
	return give_up(a, w, PROBE_EXIT_USAGE, "bad target \"%s\": only "
	    "an IPv6 address has a ':'; %s", w->word, a->opts.check_mode ?
	    "write HOST:PORT or [IPv6]:PORT" : "give the port with -p, as "
	    "in -p 3306 mysql");
}

static int
resolve_host(struct app *a, struct target_word *w)
{
	const char *zone = strchr(w->word, '%');
	struct in_addr v4;

	memset(w->addr, 0, sizeof(w->addr));
	w->naddr = 1;
	if (zone != NULL)
		return zoned_target(a, w, zone);
	if (strpbrk(w->word, " \t[") != NULL ||
	    (strchr(w->word, ':') != NULL &&
	    inet_pton(AF_INET6, w->word, w->addr[0]) != 1))
		return malformed_target(a, w);

	/* As getaddrinfo reads IPv4: 127.1 and 0x7f000001 are addresses. */
	if (inet_aton(w->word, &v4) != 0) {
		memcpy(w->addr[0], &v4, sizeof(v4));
		w->family = AF_INET;
	} else if (inet_pton(AF_INET6, w->word, w->addr[0]) == 1)
		w->family = AF_INET6;
	else {
		w->family = a->opts.family != 0 ? a->opts.family : AF_INET;
		return resolve_name_word(a, w);
	}

	if (a->opts.family != 0 && a->opts.family != w->family)
		return give_up(a, w, PROBE_EXIT_USAGE, "%s is an IPv%d address,"
		    " but -%d was given", w->word, w->family == AF_INET ? 4 : 6,
		    a->opts.family == AF_INET ? 4 : 6);
	return PROBE_EXIT_OK;
}

/* Whether an earlier word named the same service: warned once is enough. */
static int
warned_before(const struct app *a, const struct target_word *w)
{
	const struct target_word *p;

	for (p = a->words; p < w; p++)
		if (p->port_source == PORT_FROM_ENV &&
		    strcmp(p->word, w->word) == 0)
			return 1;
	return 0;
}

/* The variables are fixed at pod start; DNS may have moved on since. */
static void
warn_stale(const struct app *a, const struct target_word *w,
    const struct svcenv_result *env)
{
	char text[TARGETS_ADDR_CAP][INET6_ADDRSTRLEN], line[512];
	const char *addrs[TARGETS_ADDR_CAP];
	size_t i;

	for (i = 0; i < w->naddr; i++) {
		inet_ntop(w->family, w->addr[i], text[i], sizeof(text[i]));
		addrs[i] = text[i];
	}
	if (!svcenv_stale(env, addrs, w->naddr) || warned_before(a, w))
		return;
	svcenv_warning(env, addrs, w->naddr, line, sizeof(line));
	app_fail(0, "%s", line);
}

static int
port_from_srv(struct app *a, struct target_word *w)
{
	char name[HOST_TEXT_MAX + 80];
	int rc;

	snprintf(name, sizeof(name), "_%s._tcp.%s", a->opts.srv_name,
	    w->word);
	rc = ask_dns(a, name, DNS_T_SRV);
	if (rc != PROBE_EXIT_OK)
		return rc;
	if (a->res.answered == a->res.nasked ||
	    a->res.result[a->res.answered].srv_port == 0)
		return give_up(a, w, PROBE_EXIT_USAGE, "no port for %s: no SRV "
		    "record %s through the search list", w->word, name);
	w->port = a->res.result[a->res.answered].srv_port;
	w->port_source = PORT_FROM_SRV;
	return PROBE_EXIT_OK;
}

/*
 * A word without a port: -p, else the service's variables, else its
 * SRV record with --srv, else an error that says how to give one.
 */
static int
find_port(struct app *a, struct target_word *w)
{
	struct svcenv_result env;
	char why[256];
	int rc;

	rc = read_config(a);
	if (rc != PROBE_EXIT_OK || w->unresolved)
		return rc;
	if (svcenv_lookup(w->word, NULL, svcenv_pod_domain(&a->rc),
	    svcenv_getenv, NULL, &env) == SVCENV_OK) {
		w->port = env.port;
		w->port_source = PORT_FROM_ENV;
		warn_stale(a, w, &env);
		return PROBE_EXIT_OK;
	}
	if (a->opts.srv_name != NULL)
		return port_from_srv(a, w);

	svcenv_error(&env, why, sizeof(why));
	return give_up(a, w, PROBE_EXIT_USAGE, "%s", why);
}

static int
resolve_word(struct app *a, size_t i)
{
	struct target_word *w = &a->words[i];
	const char *word = a->opts.targets[i];
	int rc;

	memset(w, 0, sizeof(*w));
	w->word = a->hosts[i];
	if (!a->opts.check_mode)
		snprintf(a->hosts[i], HOST_TEXT_MAX, "%s", word);
	else if (cli_split_target(word, a->hosts[i], HOST_TEXT_MAX,
	    &w->port) != 0)
		return app_fail(PROBE_EXIT_USAGE, "bad target \"%s\"", word);

	rc = resolve_host(a, w);
	if (rc == PROBE_EXIT_OK && w->port == 0 && a->opts.nports == 1 &&
	    a->opts.check_mode)
		w->port = a->opts.ports[0].lo;
	if (rc == PROBE_EXIT_OK && w->port == 0 && a->opts.nports == 0)
		rc = find_port(a, w);
	return rc;
}

int
app_resolve_targets(struct app *a)
{
	size_t i, total;
	int rc = PROBE_EXIT_OK;

	for (i = 0; i < a->opts.ntargets && rc == PROBE_EXIT_OK; i++)
		rc = resolve_word(a, i);
	dnsclient_close(a->dc);
	a->dc = NULL;
	if (rc != PROBE_EXIT_OK)
		return rc;

	if (targets_build(a->words, a->opts.ntargets, &a->opts, &a->set))
		return app_fail(PROBE_EXIT_USAGE, "out of memory for the "
		    "targets");
	total = a->set.nt * a->opts.count;
	if (total > 10000000)
		return app_fail(PROBE_EXIT_USAGE, "too many probes: %zu "
		    "addresses and ports times %u is over 10000000",
		    a->set.nt, a->opts.count);
	return PROBE_EXIT_OK;
}
