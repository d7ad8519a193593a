#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "target.h"

/* Merges the counts of b into a, RTTs included. */
static void
add_stats(struct stats *a, const struct stats *b)
{
	if (b->nrtt > 0 && (a->nrtt == 0 || b->rtt_min < a->rtt_min))
		a->rtt_min = b->rtt_min;
	if (b->nrtt > 0 && (a->nrtt == 0 || b->rtt_max > a->rtt_max))
		a->rtt_max = b->rtt_max;
	a->sent += b->sent;
	a->sent_bytes += b->sent_bytes;
	a->rcvd += b->rcvd;
	a->rcvd_bytes += b->rcvd_bytes;
	a->answered += b->answered;
	a->nrtt += b->nrtt;
	a->rtt_sum += b->rtt_sum;
}

int
target_answered(const struct probe_target *t)
{
	return t->open + t->closed + t->rejected > 0;
}

void
target_sum_hosts(const struct probe_target *t, size_t nt,
    struct probe_host *hosts, size_t nhosts)
{
	size_t i, h;

	for (h = 0; h < nhosts; h++)
		stats_init(&hosts[h].stats);
	for (i = 0; i < nt; i++) {
		h = t[i].host;
		if (h >= nhosts)
			continue;
		snprintf(hosts[h].name, sizeof(hosts[h].name), "%s",
		    t[i].name);
		snprintf(hosts[h].addr, sizeof(hosts[h].addr), "%s",
		    t[i].addr);
		add_stats(&hosts[h].stats, &t[i].stats);
	}
}

void
target_verdict_input(const struct probe_target *t, char *from,
    size_t fromlen, struct verdict_input *v)
{
	memset(v, 0, sizeof(*v));
	v->name = t->name;
	v->addr = t->addr;
	v->port = t->port;
	v->sent = t->sent;
	v->open = t->open;
	v->closed = t->closed;
	v->rejected = t->rejected;
	v->stats = &t->stats;
	v->conn_errno = t->conn_errno;
	if (t->rejected == 0 || t->rejected_family == 0)
		return;
	v->rejected_family = t->rejected_family;
	v->rejected_type = t->rejected_type;
	v->rejected_code = t->rejected_code;
	if (inet_ntop(t->rejected_family, t->rejected_from, from,
	    (socklen_t)fromlen) != NULL)
		v->rejected_from = from;
}
