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
		n += w[i].naddr;
	return n;
}

static void
fill_hosts(const struct target_word *w, size_t nw, struct target_set *set)
{
	size_t i, j, h = 0;

	for (i = 0; i < nw; i++) {
		for (j = 0; j < w[i].naddr; j++, h++) {
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
	stats_init(&t->stats);
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
				for (j = 0; j < w[i].naddr; j++)
					fill_target(&set->t[n++], &w[i], j,
					    h++, (uint16_t)port);
		}
	}
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
	set.t = calloc(set.nhosts * opts->nports, sizeof(*set.t));
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

enum route_status
targets_route(struct target_set *set, const struct probe_opts *opts,
    size_t *bad)
{
	struct route r;
	enum route_status st;
	size_t i;

	for (i = 0; i < set->nt; i++) {
		*bad = i;
		if (i >= set->nhosts) {
			memcpy(set->t[i].src, set->t[i % set->nhosts].src, 16);
			continue;
		}
		st = route_lookup(set->t[i].family, set->t[i].dst, &r);
		if (st != ROUTE_OK)
			return st;
		memcpy(set->t[i].src, r.src, 16);
		if (source_override(opts, set->t[i].family, set->t[i].src) < 0)
			return ROUTE_BAD_SOURCE;
	}
	return ROUTE_OK;
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
