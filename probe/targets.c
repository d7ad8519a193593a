#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "targets.h"

static size_t
count_hosts(const struct target_word *w, size_t nw)
{
	size_t i, n = 0;

	for (i = 0; i < nw; i++)
		n += w[i].unresolved ? 1 : w[i].naddr;
	return n;
}

static size_t
count_targets(const struct target_word *w, size_t nw, size_t nports)
{
	size_t i, n = 0;

	for (i = 0; i < nw; i++)
		n += w[i].unresolved ? 1 : w[i].port != 0 ? w[i].naddr :
		    w[i].naddr * nports;
	return n;
}

static void
fill_hosts(const struct target_word *w, size_t nw, struct target_set *set)
{
	size_t i, j, h = 0;

	for (i = 0; i < nw; i++) {
		for (j = 0; j < w[i].naddr && !w[i].unresolved; j++, h++) {
			snprintf(set->hosts[h].name,
			    sizeof(set->hosts[h].name), "%s", w[i].word);
			inet_ntop(w[i].family, w[i].addr[j],
			    set->hosts[h].addr, sizeof(set->hosts[h].addr));
		}
	}
}

static void
fill_target(struct probe_target *t, const struct target_word *w,
    size_t j, size_t host, uint16_t port)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", w->word);
	t->family = w->family;
	memcpy(t->dst, w->addr[j], 16);
	inet_ntop(w->family, w->addr[j], t->addr, sizeof(t->addr));
	t->port = port;
	t->host = host;
	t->port_source = w->port_source;
	stats_init(&t->stats);
}

/* A word that could not be probed, kept for its result line. */
static void
fill_unresolved(struct probe_target *t, const struct target_word *w,
    size_t host)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", w->word);
	t->port = w->port;
	t->host = host;
	t->unresolved = 1;
	t->port_source = w->port_source;
	snprintf(t->why, sizeof(t->why), "%s", w->why);
	stats_init(&t->stats);
}

/* Words with a port of their own go once, after the shared ports. */
static void
fill_own_ports(const struct target_word *w, size_t nw,
    struct target_set *set, size_t *n, size_t *h)
{
	size_t i, j;

	for (i = 0; i < nw; i++) {
		if (w[i].unresolved)
			continue;
		for (j = 0; j < w[i].naddr; j++, (*h)++)
			if (w[i].port != 0)
				fill_target(&set->t[(*n)++], &w[i], j, *h,
				    w[i].port);
	}
}

/* nping's order: the ports outside, the hosts inside. */
static void
fill_targets(const struct target_word *w, size_t nw,
    const struct probe_opts *opts, struct target_set *set)
{
	size_t r, i, j, h, n = 0;
	uint32_t port;

	for (r = 0; r < opts->nranges; r++) {
		for (port = opts->ports[r].lo; port <= opts->ports[r].hi;
		    port++) {
			h = 0;
			for (i = 0; i < nw; i++)
				for (j = 0; j < w[i].naddr &&
				    !w[i].unresolved; j++, h++)
					if (w[i].port == 0)
						fill_target(&set->t[n++],
						    &w[i], j, h,
						    (uint16_t)port);
		}
	}
	h = 0;
	fill_own_ports(w, nw, set, &n, &h);
	set->nprobed = n;
	for (i = 0; i < nw; i++)
		if (w[i].unresolved)
			fill_unresolved(&set->t[n++], &w[i], h++);
	set->nt = n;
}

int
targets_build(const struct target_word *w, size_t nw,
    const struct probe_opts *opts, struct target_set *out)
{
	struct target_set set;

	memset(&set, 0, sizeof(set));
	set.nhosts = count_hosts(w, nw);
	set.hosts = calloc(set.nhosts, sizeof(*set.hosts));
	set.t = calloc(count_targets(w, nw, opts->nports) + 1,
	    sizeof(*set.t));
	if (set.hosts == NULL || set.t == NULL) {
		targets_free(&set);
		return -1;
	}

	fill_hosts(w, nw, &set);
	fill_targets(w, nw, opts, &set);
	*out = set;
	return 0;
}

static int
source_override(const struct probe_opts *opts, int family, uint8_t *src)
{
	if (opts->source_ip == NULL)
		return 0;
	return inet_pton(family, opts->source_ip, src) == 1 ? 1 : -1;
}

/* Routes the first target of each host; the others share its source. */
static enum route_status
route_hosts(struct target_set *set, const struct probe_opts *opts,
    uint8_t (*src)[16], int *routed, size_t *bad)
{
	struct probe_target *t;
	struct route r;
	enum route_status st;
	size_t i;

	for (i = 0; i < set->nprobed; i++) {
		t = &set->t[i];
		*bad = i;
		if (!routed[t->host]) {
			st = route_lookup(t->family, t->dst, &r);
			if (st != ROUTE_OK)
				return st;
			memcpy(src[t->host], r.src, 16);
			if (source_override(opts, t->family, src[t->host]) < 0)
				return ROUTE_BAD_SOURCE;
			routed[t->host] = 1;
		}
		memcpy(t->src, src[t->host], 16);
	}
	return ROUTE_OK;
}

enum route_status
targets_route(struct target_set *set, const struct probe_opts *opts,
    size_t *bad)
{
	uint8_t (*src)[16] = calloc(set->nhosts + 1, sizeof(*src));
	int *routed = calloc(set->nhosts + 1, sizeof(*routed));
	enum route_status st = ROUTE_SYSTEM;

	*bad = 0;
	if (src != NULL && routed != NULL)
		st = route_hosts(set, opts, src, routed, bad);
	free(src);
	free(routed);
	return st;
}

void
targets_free(struct target_set *set)
{
	free(set->t);
	free(set->hosts);
	set->t = NULL;
	set->hosts = NULL;
	set->nt = set->nhosts = 0;
}
