/*
 * The events as JSON Lines, in the format docs/probe-json.md keeps
 * stable.  Each record is built with jansson and written as one whole
 * line, then flushed, so a reader on a pipe sees each probe as it
 * happens and never half a record.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dnsclient.h"
#include "format.h"
#include "report_json.h"
#include "verdict.h"

#define ADDR_TEXT	INET6_ADDRSTRLEN
#define FLAGS_TEXT	16

/*
 * Fifteen significant digits print a microsecond figure made from
 * nanoseconds with its three decimals exactly, where the seventeen of
 * jansson's default show the noise of its binary form.
 */
#define DUMP_FLAGS	(JSON_COMPACT | JSON_REAL_PRECISION(15))

/*
 * A string as JSON.  Names come from the command line and need not be
 * UTF-8, which JSON text must be: then every byte outside ASCII
 * becomes '?', rather than the record being lost.
 */
static json_t *
text(const char *s)
{
	json_t *j = json_string(s);
	char *copy;
	size_t i;

	if (j != NULL)
		return j;
	copy = strdup(s);
	if (copy == NULL)
		return NULL;
	for (i = 0; copy[i] != '\0'; i++)
		if ((unsigned char)copy[i] > 0x7f)
			copy[i] = '?';
	j = json_string(copy);
	free(copy);
	return j;
}

static double
us(int64_t ns)
{
	return (double)ns / 1e3;
}

static json_int_t
epoch_ns(const struct report_json *r, int64_t t_ns)
{
	return (json_int_t)(r->start_real_ns + t_ns);
}

static const char *
family_name(int family)
{
	return family == AF_INET6 ? "ipv6" : "ipv4";
}

static void
addr_text(int family, const uint8_t *addr, char *buf, size_t cap)
{
	if (inet_ntop(family, addr, buf, (socklen_t)cap) == NULL)
		buf[0] = '\0';
}

/* One line a record; a record that could not be built is left out. */
static void
put(const struct report_json *r, json_t *rec)
{
	char *line;

	if (rec == NULL)
		return;
	line = json_dumps(rec, DUMP_FLAGS);
	json_decref(rec);
	if (line == NULL)
		return;
	fprintf(r->out, "%s\n", line);
	fflush(r->out);
	free(line);
}

/* Min, avg and max, or NULL (JSON null) when nothing was timed. */
static json_t *
rtt_object(const struct stats *s)
{
	if (s->nrtt == 0)
		return NULL;
	return json_pack("{s:f, s:f, s:f}", "min", us(s->rtt_min),
	    "avg", us(stats_rtt_avg(s)), "max", us(s->rtt_max));
}

static const char *
outcome_name(enum dns_outcome o)
{
	switch (o) {
	case DNS_ANSWER:	return "answer";
	case DNS_NXDOMAIN:	return "nxdomain";
	case DNS_NODATA:	return "nodata";
	case DNS_SERVFAIL:	return "servfail";
	case DNS_REFUSED:	return "refused";
	case DNS_TIMEOUT:	return "timeout";
	case DNS_UNREACHABLE:	return "unreachable";
	case DNS_BADREPLY:	return "badreply";
	}
	return "unknown";
}

/*
 * The servers by the DNS client's numbers, which count only the
 * servers of its configuration that it could open.
 */
static size_t
dns_servers(const struct resolv_conf *rc, struct dnsclient_config *cfg,
    const char **srv)
{
	size_t i, n = 0;

	dnsclient_config_from(rc, cfg);
	for (i = 0; i < cfg->nservers; i++)
		if (dnsclient_check_server(cfg->server[i]) == DNSSRV_USABLE)
			srv[n++] = cfg->server[i];
	return n;
}

/* No server answered a timeout or an unreachable: nobody to name. */
static const char *
answering_server(const struct dns_result *d, const char **srv, size_t n)
{
	if (d->outcome == DNS_TIMEOUT || d->outcome == DNS_UNREACHABLE ||
	    d->server >= n)
		return NULL;
	return srv[d->server];
}

/*
 * The resolution does not keep the type it asked; its addresses tell
 * it, and a name without one leaves it unknown.
 */
static const char *
qtype_of(const char *first_addr)
{
	if (first_addr == NULL)
		return NULL;
	return strchr(first_addr, ':') != NULL ? "AAAA" : "A";
}

/* "198.18.40.1, 198.18.40.2" into an array of strings. */
static json_t *
address_list(const char *s)
{
	json_t *list = json_array();
	const char *end;
	size_t len;

	while (list != NULL && s != NULL && *s != '\0') {
		end = strstr(s, ", ");
		len = end != NULL ? (size_t)(end - s) : strlen(s);
		json_array_append_new(list, json_stringn(s, len));
		s = end != NULL ? end + 2 : NULL;
	}
	return list;
}

static json_t *
candidates(const struct resolution *res, const struct resolv_conf *rc,
    const char *qtype)
{
	struct dnsclient_config cfg;
	const char *srv[RC_MAXNS];
	const struct dns_result *d;
	json_t *list = json_array();
	size_t i, n;

	n = dns_servers(rc, &cfg, srv);
	for (i = 0; list != NULL && i < res->nasked; i++) {
		d = &res->result[i];
		json_array_append_new(list, json_pack(
		    "{s:o, s:s?, s:s, s:f, s:s?}",
		    "name", text(res->list.cand[res->asked[i]].name),
		    "qtype", qtype, "outcome", outcome_name(d->outcome),
		    "took_us", us(d->took_ns),
		    "server", answering_server(d, srv, n)));
	}
	return list;
}

static json_t *
resolution(const struct event *ev)
{
	const struct resolution *res = ev->res;
	json_t *addrs = address_list(ev->addr_text);
	json_t *answered = NULL;
	const char *qtype = NULL;

	if (res->answered < res->nasked)
		answered = text(res->list.cand[res->asked[res->answered]].name);
	if (json_array_size(addrs) > 0)
		qtype = qtype_of(json_string_value(json_array_get(addrs, 0)));
	return json_pack("{s:s, s:o, s:o?, s:s?, s:o, s:f, s:o}",
	    "type", "resolution", "name", text(ev->name),
	    "answered", answered, "qtype", qtype, "addresses", addrs,
	    "took_us", us(res->took_ns),
	    "candidates", candidates(res, ev->rc, qtype));
}

static json_t *
probe_record(const struct report_json *r, const struct event *ev)
{
	const struct decoded_pkt *p = ev->pkt;
	const struct probe_target *t = ev->target;
	char src[ADDR_TEXT], flags[FLAGS_TEXT];

	addr_text(p->family, p->src, src, sizeof(src));
	format_tcp_flags(p->tcp.flags, flags, sizeof(flags));
	return json_pack("{s:s, s:I, s:o, s:s, s:i, s:s, s:s, s:i, s:I, "
	    "s:i, s:s}",
	    "type", "probe", "time_ns", epoch_ns(r, ev->t_ns),
	    "target", text(t->name), "address", t->addr, "port",
	    (int)t->port, "family", family_name(p->family), "src", src,
	    "sport", (int)p->tcp.sport, "seq", (json_int_t)p->tcp.seq,
	    "ttl", (int)p->ttl, "flags", flags);
}

/* The kinds of reply EV_REPLY carries; NULL for the others. */
static const char *
reply_kind(enum match_kind m)
{
	switch (m) {
	case MATCH_SYNACK:	return "synack";
	case MATCH_RST:		return "rst";
	case MATCH_ICMP:	return "icmp";
	case MATCH_DUPLICATE:	return "duplicate";
	case MATCH_LATE:	return "late";
	case MATCH_FOREIGN:
	case MATCH_OWN_SYN:
	case MATCH_OWN_OTHER:
		break;
	}
	return NULL;
}

/* Only the first reply to a probe settles it and gives it an RTT. */
static int
settles(enum match_kind m)
{
	return m == MATCH_SYNACK || m == MATCH_RST || m == MATCH_ICMP;
}

/* Who sent an ICMP error and what it said; the flags of a TCP reply. */
static void
reply_details(json_t *rec, const struct decoded_pkt *p)
{
	char buf[ADDR_TEXT];

	if (decode_is_icmp(p)) {
		addr_text(p->family, p->src, buf, sizeof(buf));
		json_object_set_new(rec, "from", json_string(buf));
		json_object_set_new(rec, "icmp_type",
		    json_integer(p->icmp.type));
		json_object_set_new(rec, "icmp_code",
		    json_integer(p->icmp.code));
		return;
	}
	format_tcp_flags(p->tcp.flags, buf, sizeof(buf));
	json_object_set_new(rec, "flags", json_string(buf));
}

static json_t *
reply(const struct report_json *r, const struct event *ev)
{
	const char *kind = reply_kind(ev->match);
	const struct probe_target *t = ev->target;
	json_t *rec;

	if (kind == NULL)
		return NULL;
	rec = json_pack("{s:s, s:I, s:o, s:s, s:i, s:s}",
	    "type", "reply", "time_ns", epoch_ns(r, ev->t_ns),
	    "target", text(t->name), "address", t->addr,
	    "port", (int)t->port, "kind", kind);
	if (rec == NULL)
		return NULL;

	if (settles(ev->match))
		json_object_set_new(rec, "rtt_us", json_real(us(ev->rtt_ns)));
	reply_details(rec, ev->pkt);
	return rec;
}

static const char *
conn_outcome_name(enum conn_outcome c)
{
	switch (c) {
	case CONN_OPEN:		return "open";
	case CONN_REFUSED:	return "refused";
	case CONN_UNREACHABLE:	return "unreachable";
	case CONN_TIMEOUT:	return "timeout";
	}
	return "unknown";
}

/* The errno's symbol, the same in every locale: "ECONNREFUSED". */
static const char *
error_name(int error)
{
	return error != 0 ? strerrorname_np(error) : NULL;
}

static json_t *
connect_record(const struct report_json *r, const struct event *ev)
{
	const struct probe_target *t = ev->target;
	int done = ev->kind == EV_CONNECT_DONE;
	const char *error = error_name(ev->conn_errno);
	json_t *rec;

	rec = json_pack("{s:s, s:I, s:s, s:o, s:s, s:i}",
	    "type", "connect", "time_ns", epoch_ns(r, ev->t_ns),
	    "phase", done ? "done" : "start", "target", text(t->name),
	    "address", t->addr, "port", (int)t->port);
	if (rec == NULL || !done)
		return rec;

	json_object_set_new(rec, "outcome",
	    json_string(conn_outcome_name(ev->conn)));
	json_object_set_new(rec, "took_us", json_real(us(ev->rtt_ns)));
	json_object_set_new(rec, "error",
	    error != NULL ? json_string(error) : json_null());
	return rec;
}

static const char *
port_source_name(int source)
{
	switch (source) {
	case PORT_FROM_ENV:	return "env";
	case PORT_FROM_SRV:	return "srv";
	}
	return "option";
}

static const char *
endpoint_verdict(const struct probe_target *t,
    const struct verdict_input *v)
{
	return t->unresolved ? "unresolved" : verdict_name(verdict_of(v));
}

static json_t *
endpoint(const struct probe_target *t)
{
	struct verdict_input v;
	char from[ADDR_TEXT];

	target_verdict_input(t, from, sizeof(from), &v);
	return json_pack("{s:s, s:o, s:s?, s:i, s:s, s:I, s:I, s:I, s:I, "
	    "s:I, s:I, s:o?, s:s?, s:b, s:o?}",
	    "type", "endpoint", "name", text(t->name),
	    "address", t->unresolved ? NULL : t->addr, "port", (int)t->port,
	    "verdict", endpoint_verdict(t, &v),
	    "sent", (json_int_t)t->sent,
	    "answered", (json_int_t)verdict_answered(&v),
	    "open", (json_int_t)t->open, "closed", (json_int_t)t->closed,
	    "rejected", (json_int_t)t->rejected,
	    "lost", (json_int_t)t->lost, "rtt_us", rtt_object(&t->stats),
	    "port_source", t->port != 0 ?
	    port_source_name(t->port_source) : NULL,
	    "unresolved", t->unresolved != 0,
	    "why", t->unresolved ? text(t->why) : NULL);
}

static json_t *
summary_record(const struct event *ev)
{
	const struct stats *s = ev->stats;

	return json_pack("{s:s, s:I, s:I, s:I, s:s, s:b, s:I, s:I, s:I, "
	    "s:I, s:f, s:o?, s:I, s:I, s:{s:I, s:I, s:I}}",
	    "type", "summary",
	    "time_ns", (json_int_t)(ev->start_real_ns + ev->t_ns),
	    "start_ns", (json_int_t)ev->start_real_ns,
	    "duration_ns", (json_int_t)ev->t_ns,
	    "mode", ev->connect_mode ? "connect" : "raw",
	    "check", ev->check_mode != 0,
	    "sent", (json_int_t)s->sent, "rcvd", (json_int_t)s->rcvd,
	    "answered", (json_int_t)s->answered,
	    "lost", (json_int_t)stats_lost(s),
	    "loss_pct", stats_loss_pct(s), "rtt_us", rtt_object(s),
	    "addresses", (json_int_t)ev->naddr,
	    "endpoints", (json_int_t)ev->ntargets,
	    "phases", "resolve_ns", (json_int_t)ev->resolve_ns,
	    "setup_ns", (json_int_t)ev->setup_ns,
	    "probe_ns", (json_int_t)ev->probe_ns);
}

/* An endpoint record a target, then the totals: the last line. */
static void
summary(const struct report_json *r, const struct event *ev)
{
	size_t i;

	for (i = 0; i < ev->ntargets; i++)
		put(r, endpoint(&ev->targets[i]));
	put(r, summary_record(ev));
}

/*
 * resolv.conf warnings, queries one by one and ignored packets are
 * diagnostics: they stay on stderr, and stdout holds records only.
 */
void
report_json_event(const struct event *ev, void *arg)
{
	const struct report_json *r = arg;

	switch (ev->kind) {
	case EV_RESOLVED:	put(r, resolution(ev)); break;
	case EV_SENT:		put(r, probe_record(r, ev)); break;
	case EV_REPLY:		put(r, reply(r, ev)); break;
	case EV_CONNECT_START:
	case EV_CONNECT_DONE:	put(r, connect_record(r, ev)); break;
	case EV_SUMMARY:	summary(r, ev); break;
	case EV_CONFIG_WARNING:
	case EV_QUERY:
	case EV_IGNORED:
		break;
	}
}
