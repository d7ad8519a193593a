#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "unit.h"

#include "report_json.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define START_NS	INT64_C(1700000000000000000)
#define REC_CAP		8
#define KEY_CAP		32

/* RTTs of 31, 42 and 35 us; of 40 and 50 us; three SYNs unanswered. */
static const struct stats three = { 3, 120, 3, 132, 3, 3, 31000, 42000,
	108000 };
static const struct stats two = { 2, 80, 2, 80, 2, 2, 40000, 50000,
	90000 };
static const struct stats silent = { 3, 120, 0, 0, 0, 0, 0, 0, 0 };
static const struct stats run_total = { 8, 320, 5, 212, 5, 5, 31000,
	50000, 198000 };

/* Everything report_json_event wrote for ev. */
static char *
run(const struct event *ev)
{
	struct report_json r = { .start_real_ns = START_NS };
	char *text = NULL;
	size_t size = 0;

	r.out = open_memstream(&text, &size);
	ck_assert_ptr_nonnull(r.out);
	report_json_event(ev, &r);
	fclose(r.out);
	ck_assert_msg(size == 0 || text[size - 1] == '\n',
	    "output does not end a line: %s", text);
	return text;
}

/* Each line of text parsed into recs; returns how many. */
static size_t
parse(char *text, json_t **recs, size_t cap)
{
	char *line, *save = NULL;
	json_error_t err;
	size_t n = 0;

	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		ck_assert_uint_lt(n, cap);
		recs[n] = json_loads(line, JSON_REJECT_DUPLICATES, &err);
		ck_assert_msg(recs[n] != NULL, "%s: %s", line, err.text);
		ck_assert(json_is_object(recs[n]));
		n++;
	}
	return n;
}

/* The one record that ev makes. */
static json_t *
record(const struct event *ev)
{
	json_t *rec[REC_CAP];
	char *text = run(ev);

	ck_assert_uint_eq(parse(text, rec, REC_CAP), 1);
	free(text);
	return rec[0];
}

static json_t *
key(const json_t *o, const char *name)
{
	json_t *v = json_object_get(o, name);

	ck_assert_msg(v != NULL, "no key \"%s\"", name);
	return v;
}

/* o has the keys of the space-separated list, and no other. */
static void
keys_are(const json_t *o, const char *list)
{
	char copy[512], *k, *save = NULL;
	size_t n = 0;

	snprintf(copy, sizeof(copy), "%s", list);
	for (k = strtok_r(copy, " ", &save); k != NULL;
	    k = strtok_r(NULL, " ", &save), n++)
		key(o, k);
	ck_assert_uint_eq(json_object_size(o), n);
}

/* want NULL: the value is JSON null. */
static void
str_is(const json_t *o, const char *name, const char *want)
{
	json_t *v = key(o, name);

	if (want == NULL) {
		ck_assert_msg(json_is_null(v), "\"%s\" is not null", name);
		return;
	}
	ck_assert_msg(json_is_string(v), "\"%s\" is not a string", name);
	ck_assert_str_eq(json_string_value(v), want);
}

static void
int_is(const json_t *o, const char *name, json_int_t want)
{
	json_t *v = key(o, name);

	ck_assert_msg(json_is_integer(v), "\"%s\" is not an integer", name);
	ck_assert_int_eq(json_integer_value(v), want);
}

static void
real_is(const json_t *o, const char *name, double want)
{
	json_t *v = key(o, name);

	ck_assert_msg(json_is_real(v), "\"%s\" is not a real", name);
	ck_assert_double_eq(json_real_value(v), want);
}

static void
bool_is(const json_t *o, const char *name, int want)
{
	json_t *v = key(o, name);

	ck_assert_msg(json_is_boolean(v), "\"%s\" is not a boolean", name);
	ck_assert_int_eq(json_is_true(v), want);
}

static void
rtt_is(const json_t *o, double min, double avg, double max)
{
	json_t *rtt = key(o, "rtt_us");

	keys_are(rtt, "min avg max");
	real_is(rtt, "min", min);
	real_is(rtt, "avg", avg);
	real_is(rtt, "max", max);
}

static void
target(struct probe_target *t, const char *name, const char *addr,
    uint16_t port)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", name);
	snprintf(t->addr, sizeof(t->addr), "%s", addr);
	t->family = strchr(addr, ':') != NULL ? AF_INET6 : AF_INET;
	inet_pton(t->family, addr, t->dst);
	t->port = port;
	stats_init(&t->stats);
}

static void
servers(struct resolv_conf *rc, const char *const *addr, size_t n)
{
	size_t i;

	resolvconf_defaults(rc);
	for (i = 0; i < n; i++)
		snprintf(rc->ns[i].addr, sizeof(rc->ns[i].addr), "%s",
		    addr[i]);
	rc->nns = n;
}

static void
ask(struct resolution *res, const char *name, enum dns_outcome o,
    int64_t took_ns, size_t server)
{
	size_t i = res->nasked++;

	snprintf(res->list.cand[i].name, sizeof(res->list.cand[i].name),
	    "%s", name);
	res->list.ncand = res->nasked;
	res->asked[i] = i;
	res->result[i].outcome = o;
	res->result[i].took_ns = took_ns;
	res->result[i].server = server;
	res->answered = o == DNS_ANSWER ? i : res->nasked;
}

static const char *const cluster_dns[] = { "198.18.0.10" };

START_TEST(resolution_answered)
{
	static struct resolv_conf rc;
	static struct resolution res;
	struct event ev = {
		.kind = EV_RESOLVED, .name = "mysql.default", .res = &res,
		.rc = &rc, .addr_text = "198.18.78.144",
	};
	json_t *rec, *cand;

	servers(&rc, cluster_dns, NITEMS(cluster_dns));
	memset(&res, 0, sizeof(res));
	ask(&res, "mysql.default.default.svc.cluster.local", DNS_NXDOMAIN,
	    401234, 0);
	ask(&res, "mysql.default.svc.cluster.local", DNS_ANSWER, 300500, 0);
	res.took_ns = 812345;

	rec = record(&ev);
	keys_are(rec, "type name answered qtype addresses took_us "
	    "candidates");
	str_is(rec, "type", "resolution");
	str_is(rec, "name", "mysql.default");
	str_is(rec, "answered", "mysql.default.svc.cluster.local");
	str_is(rec, "qtype", "A");
	ck_assert_uint_eq(json_array_size(key(rec, "addresses")), 1);
	ck_assert_str_eq(json_string_value(json_array_get(
	    key(rec, "addresses"), 0)), "198.18.78.144");
	real_is(rec, "took_us", 812.345);
	ck_assert_uint_eq(json_array_size(key(rec, "candidates")), 2);

	cand = json_array_get(key(rec, "candidates"), 0);
	keys_are(cand, "name qtype outcome took_us server");
	str_is(cand, "name", "mysql.default.default.svc.cluster.local");
	str_is(cand, "qtype", "A");
	str_is(cand, "outcome", "nxdomain");
	real_is(cand, "took_us", 401.234);
	str_is(cand, "server", "198.18.0.10");

	cand = json_array_get(key(rec, "candidates"), 1);
	str_is(cand, "name", "mysql.default.svc.cluster.local");
	str_is(cand, "outcome", "answer");
	real_is(cand, "took_us", 300.5);
	str_is(cand, "server", "198.18.0.10");
	json_decref(rec);
}
END_TEST

/*
 * The DNS client numbers only the servers it could open: the first
 * three the libc uses, less those that are not addresses.
 */
static const char *const mixed_dns[] = {
	"not-an-address", "198.18.0.10", "198.18.0.11", "198.18.0.12",
};

static const struct {
	enum dns_outcome outcome;
	size_t server;
	const char *name;	/* of the outcome */
	const char *want;	/* the server named, or NULL */
} answered_by[] = {
	{ DNS_SERVFAIL, 1, "servfail", "198.18.0.11" },
	{ DNS_REFUSED, 0, "refused", "198.18.0.10" },
	{ DNS_NODATA, 1, "nodata", "198.18.0.11" },
	{ DNS_BADREPLY, 0, "badreply", "198.18.0.10" },
	{ DNS_TIMEOUT, 0, "timeout", NULL },
	{ DNS_UNREACHABLE, 1, "unreachable", NULL },
	{ DNS_NXDOMAIN, 2, "nxdomain", NULL },
	{ DNS_ANSWER, 1, "answer", "198.18.0.11" },
};

START_TEST(resolution_servers)
{
	static struct resolv_conf rc;
	static struct resolution res;
	struct event ev = {
		.kind = EV_RESOLVED, .name = "mysql", .res = &res, .rc = &rc,
		.addr_text = "",
	};
	json_t *rec, *cand;

	servers(&rc, mixed_dns, NITEMS(mixed_dns));
	rc.ns[3].ignored = true;
	memset(&res, 0, sizeof(res));
	ask(&res, "mysql.default.svc.cluster.local", answered_by[_i].outcome,
	    1000, answered_by[_i].server);

	rec = record(&ev);
	cand = json_array_get(key(rec, "candidates"), 0);
	str_is(cand, "outcome", answered_by[_i].name);
	str_is(cand, "server", answered_by[_i].want);
	json_decref(rec);
}
END_TEST

START_TEST(resolution_aaaa)
{
	static struct resolv_conf rc;
	static struct resolution res;
	struct event ev = {
		.kind = EV_RESOLVED, .name = "mysql", .res = &res, .rc = &rc,
		.addr_text = "fd00:198:18::78:144, fd00:198:18::78:145",
	};
	json_t *rec, *addrs;

	servers(&rc, cluster_dns, NITEMS(cluster_dns));
	memset(&res, 0, sizeof(res));
	ask(&res, "mysql.default.svc.cluster.local", DNS_ANSWER, 250000, 0);
	res.took_ns = 250000;

	rec = record(&ev);
	str_is(rec, "qtype", "AAAA");
	str_is(json_array_get(key(rec, "candidates"), 0), "qtype", "AAAA");
	addrs = key(rec, "addresses");
	ck_assert_uint_eq(json_array_size(addrs), 2);
	ck_assert_str_eq(json_string_value(json_array_get(addrs, 0)),
	    "fd00:198:18::78:144");
	ck_assert_str_eq(json_string_value(json_array_get(addrs, 1)),
	    "fd00:198:18::78:145");
	real_is(rec, "took_us", 250.0);
	json_decref(rec);
}
END_TEST

START_TEST(resolution_unanswered)
{
	static struct resolv_conf rc;
	static struct resolution res;
	struct event ev = {
		.kind = EV_RESOLVED, .name = "nothere", .res = &res,
		.rc = &rc, .addr_text = "",
	};
	json_t *rec;

	servers(&rc, cluster_dns, NITEMS(cluster_dns));
	memset(&res, 0, sizeof(res));
	ask(&res, "nothere.default.svc.cluster.local", DNS_NXDOMAIN, 1000,
	    0);
	ask(&res, "nothere", DNS_NXDOMAIN, 2000, 0);
	res.took_ns = 3000;

	rec = record(&ev);
	str_is(rec, "answered", NULL);
	str_is(rec, "qtype", NULL);
	ck_assert_uint_eq(json_array_size(key(rec, "addresses")), 0);
	ck_assert_uint_eq(json_array_size(key(rec, "candidates")), 2);
	str_is(json_array_get(key(rec, "candidates"), 1), "qtype", NULL);
	json_decref(rec);
}
END_TEST

static void
syn(struct decoded_pkt *p, const struct probe_target *t, const char *src)
{
	memset(p, 0, sizeof(*p));
	p->family = t->family;
	inet_pton(t->family, src, p->src);
	memcpy(p->dst, t->dst, 16);
	p->ttl = 64;
	p->proto = IPPROTO_TCP;
	p->tcp.sport = 43849;
	p->tcp.dport = t->port;
	p->tcp.seq = 3443425659u;
	p->tcp.flags = TH_SYN_BIT;
}

/* The exact line, key order and number forms included. */
START_TEST(probe_line)
{
	struct probe_target t;
	struct decoded_pkt p;
	struct event ev = {
		.kind = EV_SENT, .t_ns = 25600000, .pkt = &p, .target = &t,
	};
	char *text;

	target(&t, "mysql", "198.18.78.144", 3306);
	syn(&p, &t, "198.18.212.137");
	text = run(&ev);
	ck_assert_str_eq(text, "{\"type\":\"probe\","
	    "\"time_ns\":1700000000025600000,\"target\":\"mysql\","
	    "\"address\":\"198.18.78.144\",\"port\":3306,"
	    "\"family\":\"ipv4\",\"src\":\"198.18.212.137\","
	    "\"sport\":43849,\"seq\":3443425659,\"ttl\":64,"
	    "\"flags\":\"S\"}\n");
	free(text);
}
END_TEST

START_TEST(probe_ipv6)
{
	struct probe_target t;
	struct decoded_pkt p;
	struct event ev = {
		.kind = EV_SENT, .t_ns = 1, .pkt = &p, .target = &t,
	};
	json_t *rec;

	target(&t, "mysql", "fd00:198:18::78:144", 3306);
	syn(&p, &t, "fd00:198:18::212:137");
	p.tcp.flags = TH_SYN_BIT | TH_ECE_BIT | TH_CWR_BIT;
	rec = record(&ev);
	keys_are(rec, "type time_ns target address port family src sport "
	    "seq ttl flags");
	int_is(rec, "time_ns", START_NS + 1);
	str_is(rec, "address", "fd00:198:18::78:144");
	str_is(rec, "family", "ipv6");
	str_is(rec, "src", "fd00:198:18::212:137");
	str_is(rec, "flags", "SEC");
	json_decref(rec);
}
END_TEST

#define TCP_KEYS	"type time_ns target address port kind flags"
#define ICMP_KEYS	"type time_ns target address port kind from " \
			"icmp_type icmp_code"

static const struct {
	enum match_kind match;
	int icmp;		/* an ICMP error from 198.18.0.1 */
	uint8_t flags;
	int64_t rtt_ns;		/* the event's; -1: no rtt_us key */
	const char *kind, *keys, *flags_text;
} replies[] = {
	{ MATCH_SYNACK, 0, TH_SYN_BIT | TH_ACK_BIT, 36123, "synack",
	    TCP_KEYS " rtt_us", "SA" },
	{ MATCH_RST, 0, TH_RST_BIT | TH_ACK_BIT, 41000, "rst",
	    TCP_KEYS " rtt_us", "RA" },
	{ MATCH_ICMP, 1, 0, 52000, "icmp", ICMP_KEYS " rtt_us", NULL },
	{ MATCH_DUPLICATE, 0, TH_SYN_BIT | TH_ACK_BIT, -1, "duplicate",
	    TCP_KEYS, "SA" },
	{ MATCH_LATE, 0, TH_SYN_BIT | TH_ACK_BIT, -1, "late", TCP_KEYS,
	    "SA" },
	{ MATCH_DUPLICATE, 1, 0, -1, "duplicate", ICMP_KEYS, NULL },
};

START_TEST(reply_kinds)
{
	struct probe_target t;
	struct decoded_pkt p;
	struct event ev = {
		.kind = EV_REPLY, .t_ns = 25700000, .pkt = &p, .target = &t,
		.match = replies[_i].match, .rtt_ns = replies[_i].rtt_ns,
	};
	json_t *rec;

	target(&t, "mysql", "198.18.78.144", 3306);
	syn(&p, &t, "198.18.78.144");
	p.tcp.flags = replies[_i].flags;
	if (replies[_i].icmp) {
		inet_pton(AF_INET, "198.18.0.1", p.src);
		p.proto = IPPROTO_ICMP;
		p.icmp.type = 3;
		p.icmp.code = 13;
		p.icmp.is_error = 1;
	}

	rec = record(&ev);
	keys_are(rec, replies[_i].keys);
	str_is(rec, "type", "reply");
	int_is(rec, "time_ns", START_NS + 25700000);
	str_is(rec, "target", "mysql");
	str_is(rec, "address", "198.18.78.144");
	int_is(rec, "port", 3306);
	str_is(rec, "kind", replies[_i].kind);
	if (replies[_i].rtt_ns >= 0)
		real_is(rec, "rtt_us", (double)replies[_i].rtt_ns / 1e3);
	if (replies[_i].icmp) {
		str_is(rec, "from", "198.18.0.1");
		int_is(rec, "icmp_type", 3);
		int_is(rec, "icmp_code", 13);
	} else {
		str_is(rec, "flags", replies[_i].flags_text);
	}
	json_decref(rec);
}
END_TEST

/* Microseconds print with their three decimals and no binary noise. */
START_TEST(reply_line)
{
	struct probe_target t;
	struct decoded_pkt p;
	struct event ev = {
		.kind = EV_REPLY, .t_ns = 25700000, .pkt = &p, .target = &t,
		.match = MATCH_SYNACK, .rtt_ns = 36123,
	};
	char *text;

	target(&t, "mysql", "198.18.78.144", 3306);
	syn(&p, &t, "198.18.78.144");
	p.tcp.flags = TH_SYN_BIT | TH_ACK_BIT;
	text = run(&ev);
	ck_assert_str_eq(text, "{\"type\":\"reply\","
	    "\"time_ns\":1700000000025700000,\"target\":\"mysql\","
	    "\"address\":\"198.18.78.144\",\"port\":3306,"
	    "\"kind\":\"synack\",\"rtt_us\":36.123,\"flags\":\"SA\"}\n");
	free(text);
}
END_TEST

/* Kinds that are no reply, and the diagnostics: stdout gets nothing. */
static const struct {
	enum event_kind kind;
	enum match_kind match;
} silent_events[] = {
	{ EV_REPLY, MATCH_FOREIGN },
	{ EV_REPLY, MATCH_OWN_SYN },
	{ EV_REPLY, MATCH_OWN_OTHER },
	{ EV_CONFIG_WARNING, MATCH_FOREIGN },
	{ EV_QUERY, MATCH_FOREIGN },
	{ EV_IGNORED, MATCH_FOREIGN },
};

START_TEST(nothing_written)
{
	struct probe_target t;
	struct decoded_pkt p;
	struct event ev = {
		.kind = silent_events[_i].kind, .pkt = &p, .target = &t,
		.match = silent_events[_i].match, .why = "not ours",
	};
	char *text;

	target(&t, "mysql", "198.18.78.144", 3306);
	syn(&p, &t, "198.18.78.144");
	text = run(&ev);
	ck_assert_str_eq(text, "");
	free(text);
}
END_TEST

static const struct {
	enum event_kind kind;
	enum conn_outcome conn;
	int error;
	const char *outcome, *error_name;	/* NULL: JSON null */
} connects[] = {
	{ EV_CONNECT_DONE, CONN_OPEN, 0, "open", NULL },
	{ EV_CONNECT_DONE, CONN_REFUSED, ECONNREFUSED, "refused",
	    "ECONNREFUSED" },
	{ EV_CONNECT_DONE, CONN_UNREACHABLE, EHOSTUNREACH, "unreachable",
	    "EHOSTUNREACH" },
	{ EV_CONNECT_DONE, CONN_TIMEOUT, 0, "timeout", NULL },
	{ EV_CONNECT_DONE, CONN_TIMEOUT, ETIMEDOUT, "timeout", "ETIMEDOUT" },
	{ EV_CONNECT_START, CONN_OPEN, 0, NULL, NULL },
};

START_TEST(connect_phases)
{
	struct probe_target t;
	struct event ev = {
		.kind = connects[_i].kind, .t_ns = 3300000, .target = &t,
		.conn = connects[_i].conn, .conn_errno = connects[_i].error,
		.rtt_ns = 41500,
	};
	json_t *rec;

	target(&t, "mysql", "198.18.78.144", 3306);
	rec = record(&ev);
	str_is(rec, "type", "connect");
	int_is(rec, "time_ns", START_NS + 3300000);
	str_is(rec, "target", "mysql");
	str_is(rec, "address", "198.18.78.144");
	int_is(rec, "port", 3306);
	if (connects[_i].kind == EV_CONNECT_START) {
		keys_are(rec, "type time_ns phase target address port");
		str_is(rec, "phase", "start");
		json_decref(rec);
		return;
	}
	keys_are(rec, "type time_ns phase target address port outcome "
	    "took_us error");
	str_is(rec, "phase", "done");
	str_is(rec, "outcome", connects[_i].outcome);
	real_is(rec, "took_us", 41.5);
	str_is(rec, "error", connects[_i].error_name);
	json_decref(rec);
}
END_TEST

/*
 * An open, a closed, a name that did not resolve and a filtered
 * endpoint: sent 8, answered 5, so 37.5% lost.
 */
static void
four_targets(struct probe_target *t)
{
	target(&t[0], "mysql", "198.18.78.144", 3306);
	t[0].sent = t[0].open = 3;
	t[0].stats = three;

	target(&t[1], "closed", "198.18.99.3", 80);
	t[1].sent = t[1].closed = 2;
	t[1].stats = two;
	t[1].port_source = PORT_FROM_ENV;

	target(&t[2], "nothere", "", 80);
	t[2].unresolved = 1;
	snprintf(t[2].why, sizeof(t[2].why), "NXDOMAIN for every name");
	t[2].port_source = PORT_FROM_SRV;

	target(&t[3], "filtered", "198.18.99.1", 80);
	t[3].sent = t[3].lost = 3;
	t[3].stats = silent;
}

static struct event
summary_event(const struct probe_target *t, size_t n)
{
	struct event ev = {
		.kind = EV_SUMMARY, .t_ns = 2030000000, .stats = &run_total,
		.targets = t, .ntargets = n, .naddr = 3, .check_mode = 1,
		.attempts = 8, .successes = 3, .resolve_ns = 812345,
		.setup_ns = 1500000, .probe_ns = 2000000000,
		.start_real_ns = START_NS,
	};

	return ev;
}

START_TEST(summary_records)
{
	struct probe_target t[4];
	struct event ev;
	json_t *rec[REC_CAP], *phases;
	char *text;
	size_t i;

	four_targets(t);
	ev = summary_event(t, NITEMS(t));
	text = run(&ev);
	ck_assert_uint_eq(parse(text, rec, REC_CAP), 5);
	free(text);

	for (i = 0; i < 4; i++)
		str_is(rec[i], "type", "endpoint");
	keys_are(rec[4], "type time_ns start_ns duration_ns mode check sent "
	    "rcvd answered lost loss_pct rtt_us addresses endpoints phases");
	str_is(rec[4], "type", "summary");
	int_is(rec[4], "time_ns", START_NS + 2030000000);
	int_is(rec[4], "start_ns", START_NS);
	int_is(rec[4], "duration_ns", 2030000000);
	str_is(rec[4], "mode", "raw");
	bool_is(rec[4], "check", 1);
	int_is(rec[4], "sent", 8);
	int_is(rec[4], "rcvd", 5);
	int_is(rec[4], "answered", 5);
	int_is(rec[4], "lost", 3);
	real_is(rec[4], "loss_pct", 37.5);
	rtt_is(rec[4], 31.0, 39.6, 50.0);
	int_is(rec[4], "addresses", 3);
	int_is(rec[4], "endpoints", 4);
	phases = key(rec[4], "phases");
	keys_are(phases, "resolve_ns setup_ns probe_ns");
	int_is(phases, "resolve_ns", 812345);
	int_is(phases, "setup_ns", 1500000);
	int_is(phases, "probe_ns", 2000000000);
	for (i = 0; i < 5; i++)
		json_decref(rec[i]);
}
END_TEST

#define ENDPOINT_KEYS	"type name address port verdict sent answered " \
			"open closed rejected lost rtt_us port_source " \
			"unresolved why"

START_TEST(endpoint_open_line)
{
	struct probe_target t[4];
	struct event ev;
	char *text, *nl;

	four_targets(t);
	ev = summary_event(t, 1);
	text = run(&ev);
	nl = strchr(text, '\n');
	ck_assert_ptr_nonnull(nl);
	nl[1] = '\0';
	ck_assert_str_eq(text, "{\"type\":\"endpoint\",\"name\":\"mysql\","
	    "\"address\":\"198.18.78.144\",\"port\":3306,"
	    "\"verdict\":\"open\",\"sent\":3,\"answered\":3,\"open\":3,"
	    "\"closed\":0,\"rejected\":0,\"lost\":0,"
	    "\"rtt_us\":{\"min\":31.0,\"avg\":36.0,\"max\":42.0},"
	    "\"port_source\":\"option\",\"unresolved\":false,"
	    "\"why\":null}\n");
	free(text);
}
END_TEST

/* No port found anywhere: no source to name either. */
START_TEST(endpoint_without_port)
{
	struct probe_target t[4];
	struct event ev;
	json_t *rec[REC_CAP];
	char *text;

	four_targets(t);
	t[2].port = 0;
	t[2].port_source = PORT_FROM_OPTION;
	ev = summary_event(t + 2, 1);
	text = run(&ev);
	ck_assert_uint_eq(parse(text, rec, REC_CAP), 2);
	free(text);

	int_is(rec[0], "port", 0);
	ck_assert(json_is_null(key(rec[0], "port_source")));
	json_decref(rec[0]);
	json_decref(rec[1]);
}
END_TEST

START_TEST(endpoint_others)
{
	struct probe_target t[4];
	struct event ev;
	json_t *rec[REC_CAP];
	char *text;
	size_t i;

	four_targets(t);
	ev = summary_event(t, NITEMS(t));
	text = run(&ev);
	ck_assert_uint_eq(parse(text, rec, REC_CAP), 5);
	free(text);

	for (i = 0; i < 4; i++)
		keys_are(rec[i], ENDPOINT_KEYS);
	str_is(rec[1], "verdict", "closed");
	int_is(rec[1], "answered", 2);
	int_is(rec[1], "closed", 2);
	rtt_is(rec[1], 40.0, 45.0, 50.0);
	str_is(rec[1], "port_source", "env");

	str_is(rec[2], "name", "nothere");
	str_is(rec[2], "address", NULL);
	int_is(rec[2], "port", 80);
	str_is(rec[2], "verdict", "unresolved");
	int_is(rec[2], "sent", 0);
	ck_assert(json_is_null(key(rec[2], "rtt_us")));
	str_is(rec[2], "port_source", "srv");
	bool_is(rec[2], "unresolved", 1);
	str_is(rec[2], "why", "NXDOMAIN for every name");

	str_is(rec[3], "verdict", "filtered");
	int_is(rec[3], "sent", 3);
	int_is(rec[3], "answered", 0);
	int_is(rec[3], "lost", 3);
	ck_assert(json_is_null(key(rec[3], "rtt_us")));
	for (i = 0; i < 5; i++)
		json_decref(rec[i]);
}
END_TEST

START_TEST(summary_connect_empty)
{
	static const struct stats none = { 0 };
	struct event ev = summary_event(NULL, 0);
	json_t *rec;

	ev.stats = &none;
	ev.connect_mode = 1;
	ev.check_mode = 0;
	rec = record(&ev);
	str_is(rec, "mode", "connect");
	bool_is(rec, "check", 0);
	int_is(rec, "sent", 0);
	real_is(rec, "loss_pct", 0.0);
	ck_assert(json_is_null(key(rec, "rtt_us")));
	int_is(rec, "endpoints", 0);
	json_decref(rec);
}
END_TEST

/* JSON text is UTF-8: other bytes of a name are replaced, not lost. */
static const struct {
	const char *name, *want;
} names[] = {
	{ "caf\xc3\xa9", "caf\xc3\xa9" },
	{ "caf\xe9", "caf?" },
	{ "a\"b\\c", "a\"b\\c" },
};

START_TEST(names_as_utf8)
{
	struct probe_target t;
	struct event ev = summary_event(&t, 1);
	json_t *rec[REC_CAP];
	char *text;

	target(&t, names[_i].name, "198.18.78.144", 3306);
	text = run(&ev);
	ck_assert_uint_eq(parse(text, rec, REC_CAP), 2);
	free(text);
	str_is(rec[0], "name", names[_i].want);
	json_decref(rec[0]);
	json_decref(rec[1]);
}
END_TEST

Suite *
report_json_suite(void)
{
	Suite *s = suite_create("report_json");
	TCase *tc = tcase_create("resolution");

	tcase_add_test(tc, resolution_answered);
	tcase_add_loop_test(tc, resolution_servers, 0, NITEMS(answered_by));
	tcase_add_test(tc, resolution_aaaa);
	tcase_add_test(tc, resolution_unanswered);
	suite_add_tcase(s, tc);

	tc = tcase_create("packets");
	tcase_add_test(tc, probe_line);
	tcase_add_test(tc, probe_ipv6);
	tcase_add_loop_test(tc, reply_kinds, 0, NITEMS(replies));
	tcase_add_test(tc, reply_line);
	tcase_add_loop_test(tc, nothing_written, 0, NITEMS(silent_events));
	tcase_add_loop_test(tc, connect_phases, 0, NITEMS(connects));
	suite_add_tcase(s, tc);

	tc = tcase_create("summary");
	tcase_add_test(tc, summary_records);
	tcase_add_test(tc, endpoint_open_line);
	tcase_add_test(tc, endpoint_others);
	tcase_add_test(tc, endpoint_without_port);
	tcase_add_test(tc, summary_connect_empty);
	tcase_add_loop_test(tc, names_as_utf8, 0, NITEMS(names));
	suite_add_tcase(s, tc);
	return s;
}
