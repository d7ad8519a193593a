#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "resolvconf.h"
#include "svcenv.h"

/*
 * Each environment is what kubelet gives a container for the services
 * of its namespace (pkg/kubelet/envvars): the address and the ports,
 * one variable a named port, and the link variables of each port.
 * Seen variables are written "VAR:fate", fate u(sed), s(hown), n(ot
 * set) or i(gnored).
 */
#define ENV_CAP		16
#define POD		"team-a.svc.cluster.local"

struct lookup_case {
	const char *what;
	const char *name;
	const char *port_name;
	const char *pod_domain;
	const char *env[ENV_CAP];	/* "VAR=value", NULL after the last */
	enum svcenv_status st;
	const char *prefix;
	unsigned port;
	const char *proto;
	const char *host;
	const char *seen;		/* NULL: not checked */
};

/* Service my-api: 8080 named grpc (first), 9090 named metrics. */
#define MY_API_ENV \
	"MY_API_SERVICE_HOST=198.18.96.5", "MY_API_SERVICE_PORT=8080", \
	"MY_API_SERVICE_PORT_GRPC=8080", "MY_API_SERVICE_PORT_METRICS=9090", \
	"MY_API_PORT=tcp://198.18.96.5:8080", \
	"MY_API_PORT_8080_TCP=tcp://198.18.96.5:8080", \
	"MY_API_PORT_8080_TCP_PROTO=tcp", "MY_API_PORT_8080_TCP_PORT=8080", \
	"MY_API_PORT_8080_TCP_ADDR=198.18.96.5", \
	"MY_API_PORT_9090_TCP=tcp://198.18.96.5:9090"

/* The variables of the field note, for mysql in the pod's "default". */
#define MYSQL_ENV \
	"MYSQL_PORT=tcp://198.18.115.104:3306", \
	"MYSQL_PORT_3306_TCP=tcp://198.18.115.104:3306", \
	"MYSQL_PORT_3306_TCP_ADDR=198.18.115.104", \
	"MYSQL_PORT_3306_TCP_PORT=3306", "MYSQL_PORT_3306_TCP_PROTO=tcp", \
	"MYSQL_SERVICE_HOST=198.18.115.104", "MYSQL_SERVICE_PORT=3306"

#define KUBERNETES_ENV \
	"KUBERNETES_SERVICE_HOST=198.18.0.1", "KUBERNETES_SERVICE_PORT=443", \
	"KUBERNETES_SERVICE_PORT_HTTPS=443", \
	"KUBERNETES_PORT=tcp://198.18.0.1:443", \
	"KUBERNETES_PORT_443_TCP=tcp://198.18.0.1:443"

/* kube-dns lists UDP 53 first, as most clusters do. */
#define KUBE_DNS_ENV \
	"KUBE_DNS_SERVICE_HOST=198.18.0.10", "KUBE_DNS_SERVICE_PORT=53", \
	"KUBE_DNS_SERVICE_PORT_DNS=53", "KUBE_DNS_SERVICE_PORT_DNS_TCP=53", \
	"KUBE_DNS_PORT=udp://198.18.0.10:53", \
	"KUBE_DNS_PORT_53_UDP=udp://198.18.0.10:53", \
	"KUBE_DNS_PORT_53_TCP=tcp://198.18.0.10:53"

#define MY_API_SEEN "MY_API_SERVICE_PORT:u MY_API_SERVICE_HOST:s " \
	"MY_API_PORT:s MY_API_PORT_8080_TCP:s"
#define L63 "a123456789b123456789c123456789d123456789e123456789f12345678" \
	"9abc"

static const struct lookup_case lookup_cases[] = {
	{ "F11: a bare name takes the first port", "my-api", NULL, POD,
	    { MY_API_ENV }, SVCENV_OK, "MY_API", 8080, "tcp", "198.18.96.5",
	    MY_API_SEEN },
	{ "F11: a named port", "my-api", "grpc", POD, { MY_API_ENV },
	    SVCENV_OK, "MY_API", 8080, "tcp", "198.18.96.5",
	    "MY_API_SERVICE_PORT_GRPC:u MY_API_SERVICE_HOST:s MY_API_PORT:s "
	    "MY_API_PORT_8080_TCP:s" },
	{ "a second named port", "my-api", "metrics", POD, { MY_API_ENV },
	    SVCENV_OK, "MY_API", 9090, "tcp", "198.18.96.5", NULL },
	{ "the port name in upper case", "my-api", "METRICS", POD,
	    { MY_API_ENV }, SVCENV_OK, "MY_API", 9090, "tcp", "198.18.96.5",
	    NULL },
	{ "the name in upper case", "My-Api", NULL, POD, { MY_API_ENV },
	    SVCENV_OK, "MY_API", 8080, "tcp", "198.18.96.5", NULL },
	{ "NAME.NS of the pod's namespace", "my-api.team-a", NULL, POD,
	    { MY_API_ENV }, SVCENV_OK, "MY_API", 8080, "tcp", "198.18.96.5",
	    NULL },
	{ "NAME.NS.svc", "my-api.team-a.svc", NULL, POD, { MY_API_ENV },
	    SVCENV_OK, "MY_API", 8080, "tcp", "198.18.96.5", NULL },
	{ "the whole name", "my-api.team-a.svc.cluster.local", NULL, POD,
	    { MY_API_ENV }, SVCENV_OK, "MY_API", 8080, "tcp", "198.18.96.5",
	    NULL },
	{ "the whole name, absolute", "my-api.Team-A.svc.cluster.local.",
	    NULL, POD, { MY_API_ENV }, SVCENV_OK, "MY_API", 8080, "tcp",
	    "198.18.96.5", NULL },
	{ "the field note: mysql in default", "mysql.default.svc.cluster."
	    "local", NULL, "default.svc.cluster.local", { MYSQL_ENV },
	    SVCENV_OK, "MYSQL", 3306, "tcp", "198.18.115.104",
	    "MYSQL_SERVICE_PORT:u MYSQL_SERVICE_HOST:s MYSQL_PORT:s "
	    "MYSQL_PORT_3306_TCP:s" },
	{ "a bare name when the namespace is unknown", "mysql", NULL, NULL,
	    { MYSQL_ENV }, SVCENV_OK, "MYSQL", 3306, "tcp", "198.18.115.104",
	    NULL },
	{ "a custom cluster domain", "my-api.team-a.svc.corp.example", NULL,
	    "team-a.svc.corp.example", { MY_API_ENV }, SVCENV_OK, "MY_API",
	    8080, "tcp", "198.18.96.5", NULL },

	{ "kubernetes.default from another namespace", "kubernetes.default",
	    NULL, POD, { KUBERNETES_ENV }, SVCENV_OK, "KUBERNETES", 443,
	    "tcp", "198.18.0.1", NULL },
	{ "kubernetes.default.svc, its named port", "kubernetes.default.svc",
	    "https", POD, { KUBERNETES_ENV }, SVCENV_OK, "KUBERNETES", 443,
	    "tcp", "198.18.0.1", NULL },
	{ "kubernetes.default, namespace unknown", "kubernetes.default."
	    "svc.cluster.local", NULL, NULL, { KUBERNETES_ENV }, SVCENV_OK,
	    "KUBERNETES", 443, "tcp", "198.18.0.1", NULL },
	{ "kubernetes of another namespace has no variables",
	    "kubernetes.team-b", NULL, POD, { KUBERNETES_ENV },
	    SVCENV_OTHER_NAMESPACE, "", 0, "", "", "" },

	{ "kube-dns: the first port is UDP, TCP on the same number",
	    "kube-dns", NULL, "kube-system.svc.cluster.local",
	    { KUBE_DNS_ENV }, SVCENV_OK, "KUBE_DNS", 53, "tcp",
	    "198.18.0.10", "KUBE_DNS_SERVICE_PORT:u KUBE_DNS_SERVICE_HOST:s "
	    "KUBE_DNS_PORT:s KUBE_DNS_PORT_53_TCP:s" },
	{ "kube-dns: a port name with a dash", "kube-dns", "dns-tcp",
	    "kube-system.svc.cluster.local", { KUBE_DNS_ENV }, SVCENV_OK,
	    "KUBE_DNS", 53, "tcp", "198.18.0.10", NULL },
	{ "a port served over UDP only is no TCP port", "syslog", NULL, POD,
	    { "SYSLOG_SERVICE_HOST=198.18.96.7", "SYSLOG_SERVICE_PORT=514",
	    "SYSLOG_PORT=udp://198.18.96.7:514",
	    "SYSLOG_PORT_514_UDP=udp://198.18.96.7:514" }, SVCENV_NOT_TCP,
	    "SYSLOG", 0, "udp", "198.18.96.7", "SYSLOG_SERVICE_PORT:u "
	    "SYSLOG_SERVICE_HOST:s SYSLOG_PORT:s SYSLOG_PORT_514_TCP:n "
	    "SYSLOG_PORT_514_UDP:s" },
	{ "SCTP only", "sig", NULL, POD, { "SIG_SERVICE_PORT=3868",
	    "SIG_PORT_3868_SCTP=sctp://198.18.96.8:3868" }, SVCENV_NOT_TCP,
	    "SIG", 0, "sctp", "", NULL },
	{ "set by hand, without the link variables: protocol unknown",
	    "cache", NULL, POD, { "CACHE_SERVICE_PORT=6379" }, SVCENV_OK,
	    "CACHE", 6379, "", "", "CACHE_SERVICE_PORT:u "
	    "CACHE_SERVICE_HOST:n CACHE_PORT:n CACHE_PORT_6379_TCP:n "
	    "CACHE_PORT_6379_UDP:n CACHE_PORT_6379_SCTP:n" },

	{ "F11: IPv6, bare in _SERVICE_HOST", "my-api", NULL, POD,
	    { "MY_API_SERVICE_HOST=fd00:10:96::5",
	    "MY_API_SERVICE_PORT=8080",
	    "MY_API_PORT=tcp://[fd00:10:96::5]:8080",
	    "MY_API_PORT_8080_TCP=tcp://[fd00:10:96::5]:8080" }, SVCENV_OK,
	    "MY_API", 8080, "tcp", "fd00:10:96::5", MY_API_SEEN },
	{ "IPv6 in brackets in _SERVICE_HOST is ignored", "my-api", NULL,
	    POD, { "MY_API_SERVICE_HOST=[fd00:10:96::5]",
	    "MY_API_SERVICE_PORT=8080" }, SVCENV_OK, "MY_API", 8080, "", "",
	    NULL },
	{ "an address that is no address is ignored", "my-api", NULL, POD,
	    { "MY_API_SERVICE_HOST=None", "MY_API_SERVICE_PORT=8080" },
	    SVCENV_OK, "MY_API", 8080, "", "", "MY_API_SERVICE_PORT:u "
	    "MY_API_SERVICE_HOST:i MY_API_PORT:n MY_API_PORT_8080_TCP:n "
	    "MY_API_PORT_8080_UDP:n MY_API_PORT_8080_SCTP:n" },
	{ "F11: {SVC}_PORT is never the port", "my-db", NULL, POD,
	    { "MY_DB_PORT=5432", "MY_DB_SERVICE_PORT=5433",
	    "MY_DB_PORT_5433_TCP=tcp://198.18.96.6:5433" }, SVCENV_OK,
	    "MY_DB", 5433, "tcp", "", "MY_DB_SERVICE_PORT:u "
	    "MY_DB_SERVICE_HOST:n MY_DB_PORT:i MY_DB_PORT_5433_TCP:s" },
	{ "F11: {SVC}_PORT alone gives no port", "my-db", NULL, POD,
	    { "MY_DB_PORT=tcp://198.18.96.6:5432" }, SVCENV_UNSET, "MY_DB",
	    0, "", "", "MY_DB_SERVICE_PORT:n MY_DB_SERVICE_HOST:n "
	    "MY_DB_PORT:s" },

	{ "created after the pod: nothing set", "new-svc", NULL, POD,
	    { MY_API_ENV }, SVCENV_UNSET, "NEW_SVC", 0, "", "",
	    "NEW_SVC_SERVICE_PORT:n NEW_SVC_SERVICE_HOST:n NEW_SVC_PORT:n" },
	{ "no port of that name", "my-api", "http", POD, { MY_API_ENV },
	    SVCENV_UNSET, "MY_API", 0, "", "198.18.96.5",
	    "MY_API_SERVICE_PORT_HTTP:n MY_API_SERVICE_PORT:s "
	    "MY_API_SERVICE_HOST:s MY_API_PORT:s" },
	{ "a named port is never the first port's", "solo", "http", POD,
	    { "SOLO_SERVICE_PORT=80" }, SVCENV_UNSET, "SOLO", 0, "", "",
	    NULL },

	{ "another namespace's service", "my-api.team-b", NULL, POD,
	    { MY_API_ENV }, SVCENV_OTHER_NAMESPACE, "", 0, "", "", "" },
	{ "another namespace's, in full", "my-api.team-b.svc.cluster.local",
	    NULL, POD, { MY_API_ENV }, SVCENV_OTHER_NAMESPACE, "", 0, "", "",
	    "" },
	{ "NAME.NS with the namespace unknown", "my-api.team-a", NULL, NULL,
	    { MY_API_ENV }, SVCENV_NO_NAMESPACE, "", 0, "", "", "" },
	{ "a malformed pod domain is an unknown one", "my-api.team-a", NULL,
	    "team-a.cluster.local", { MY_API_ENV }, SVCENV_NO_NAMESPACE, "",
	    0, "", "", "" },
	{ "another cluster domain", "my-api.team-a.svc.other.local", NULL,
	    POD, { MY_API_ENV }, SVCENV_OUTSIDE, "", 0, "", "", "" },
	{ "a name outside the cluster", "my-api.example.com", NULL, POD,
	    { MY_API_ENV }, SVCENV_OUTSIDE, "", 0, "", "", "" },
	{ "a top-level name", "my-api.", NULL, POD, { MY_API_ENV },
	    SVCENV_ABSOLUTE, "", 0, "", "", "" },
	{ "NAME.NS. is absolute", "my-api.team-a.", NULL, POD,
	    { MY_API_ENV }, SVCENV_ABSOLUTE, "", 0, "", "", "" },
	{ "an IPv4 address", "198.18.96.5", NULL, POD, { MY_API_ENV },
	    SVCENV_ADDRESS, "", 0, "", "", "" },
	{ "an IPv6 address", "fd00:10:96::5", NULL, POD, { MY_API_ENV },
	    SVCENV_ADDRESS, "", 0, "", "", "" },
	{ "an IPv6 address in brackets", "[fd00:10:96::5]", NULL, POD,
	    { MY_API_ENV }, SVCENV_ADDRESS, "", 0, "", "", "" },
	{ "an underscore", "my_api", NULL, POD, { "MY_API_SERVICE_PORT=1" },
	    SVCENV_NOT_SERVICE, "", 0, "", "", "" },
	{ "a digit first", "1api", NULL, POD, { "1API_SERVICE_PORT=1" },
	    SVCENV_NOT_SERVICE, "", 0, "", "", "" },
	{ "a dash last", "api-", NULL, POD, { "API__SERVICE_PORT=1" },
	    SVCENV_NOT_SERVICE, "", 0, "", "", "" },
	{ "a label of 64", L63 "d", NULL, POD, { MY_API_ENV },
	    SVCENV_NOT_SERVICE, "", 0, "", "", "" },
	{ "a label of 63", L63, NULL, POD, { MY_API_ENV }, SVCENV_UNSET,
	    NULL, 0, "", "", NULL },
	{ "an empty name", "", NULL, POD, { MY_API_ENV },
	    SVCENV_NOT_SERVICE, "", 0, "", "", "" },
	{ "an empty label", "my-api..team-a", NULL, POD, { MY_API_ENV },
	    SVCENV_OUTSIDE, "", 0, "", "", "" },

	{ "a port name with an underscore", "my-api", "gr_pc", POD,
	    { MY_API_ENV }, SVCENV_BAD_PORT_NAME, "MY_API", 0, "", "", "" },
	{ "a port name with two dashes", "my-api", "a--b", POD,
	    { MY_API_ENV }, SVCENV_BAD_PORT_NAME, "MY_API", 0, "", "", "" },
	{ "a port name without a letter", "my-api", "8080", POD,
	    { MY_API_ENV }, SVCENV_BAD_PORT_NAME, "MY_API", 0, "", "", "" },
	{ "a port name of 16", "my-api", "abcdefghijklmnop", POD,
	    { MY_API_ENV }, SVCENV_BAD_PORT_NAME, "MY_API", 0, "", "", "" },
	{ "an empty port name", "my-api", "", POD, { MY_API_ENV },
	    SVCENV_BAD_PORT_NAME, "MY_API", 0, "", "", "" },
	{ "a port name of 15", "my-api", "abcdefghijklmno", POD,
	    { "MY_API_SERVICE_PORT_ABCDEFGHIJKLMNO=7" }, SVCENV_OK, "MY_API",
	    7, "", "", NULL },
};

/* Values of _SERVICE_PORT, as kubelet writes them or not. */
struct number_case {
	const char *value;
	unsigned port;		/* 0: ignored */
	const char *why;
};

static const struct number_case number_cases[] = {
	{ "1", 1, NULL },
	{ "80", 80, NULL },
	{ "65535", 65535, NULL },
	{ "0", 0, "port 0" },
	{ "65536", 0, "over 65535" },
	{ "99999", 0, "over 65535" },
	{ "100000", 0, "over 65535" },
	{ "18446744073709551696", 0, "over 65535" },
	{ "080", 0, "a leading zero, which kubelet never writes" },
	{ "00", 0, "port 0" },
	{ "", 0, "empty" },
	{ "80a", 0, "not a port number" },
	{ " 80", 0, "not a port number" },
	{ "80 ", 0, "not a port number" },
	{ "+80", 0, "not a port number" },
	{ "-1", 0, "not a port number" },
	{ "0x50", 0, "not a port number" },
	{ "8.0", 0, "not a port number" },
	{ "tcp://198.18.96.5:80", 0, "not a port number" },
};

/* Values of {SVC}_PORT, read only to be reported. */
struct url_case {
	const char *value;
	const char *want;	/* "proto host port", or the reason */
};

static const struct url_case url_cases[] = {
	{ "tcp://198.18.96.5:8080", "tcp 198.18.96.5 8080" },
	{ "udp://198.18.0.10:53", "udp 198.18.0.10 53" },
	{ "sctp://198.18.0.11:3868", "sctp 198.18.0.11 3868" },
	{ "tcp://[fd00:10:96::5]:443", "tcp fd00:10:96::5 443" },
	{ "8080", "a number, where kubelet writes a URL" },
	{ "tcp://fd00:10:96::5:443", "IPv6 without brackets" },
	{ "tcp://[198.18.96.5]:443", "not an IP address" },
	{ "tcp://db.example:443", "not an IP address" },
	{ "tcp://198.18.96.5", "not the URL kubelet writes "
	    "(PROTO://ADDR:PORT)" },
	{ "tcp://[fd00::5]443", "not the URL kubelet writes "
	    "(PROTO://ADDR:PORT)" },
	{ "tcp://[fd00::5:443", "not the URL kubelet writes "
	    "(PROTO://ADDR:PORT)" },
	{ "http://198.18.96.5:80", "a protocol other than tcp, udp or sctp" },
	{ "TCP://198.18.96.5:80", "a protocol other than tcp, udp or sctp" },
	{ "tcp://198.18.96.5:0", "port 0" },
	{ "tcp://198.18.96.5:", "empty" },
	{ "", "not the URL kubelet writes (PROTO://ADDR:PORT)" },
};

static const char *
table_get(const char *var, void *arg)
{
	const char *const *env = arg;
	size_t i, n = strlen(var);

	for (i = 0; i < ENV_CAP && env[i] != NULL; i++)
		if (strncmp(env[i], var, n) == 0 && env[i][n] == '=')
			return env[i] + n + 1;
	return NULL;
}

static void
seen_text(const struct svcenv_result *r, char *buf, size_t cap)
{
	static const char fates[] = { 'u', 's', 'n', 'i' };
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < r->nseen && o < cap; i++)
		o += (size_t)snprintf(buf + o, cap - o, "%s%s:%c",
		    i > 0 ? " " : "", r->seen[i].var,
		    fates[r->seen[i].fate]);
}

START_TEST(test_svcenv_lookup)
{
	const struct lookup_case *c = &lookup_cases[_i];
	struct svcenv_result r;
	char seen[1024];

	ck_assert_msg(svcenv_lookup(c->name, c->port_name, c->pod_domain,
	    table_get, (void *)c->env, &r) == c->st, "%s: status %s",
	    c->what, svcenv_strerror(r.status));
	ck_assert_int_eq(r.status, c->st);
	if (c->prefix != NULL)
		ck_assert_str_eq(r.prefix, c->prefix);
	ck_assert_msg(r.port == c->port, "%s: port %u", c->what, r.port);
	ck_assert_str_eq(r.proto, c->proto);
	ck_assert_str_eq(r.host, c->host);
	ck_assert_int_eq(r.host_family == 0, c->host[0] == '\0');
	if (c->seen == NULL)
		return;
	seen_text(&r, seen, sizeof(seen));
	ck_assert_msg(strcmp(seen, c->seen) == 0, "%s:\n got \"%s\"\nwant "
	    "\"%s\"", c->what, seen, c->seen);
}
END_TEST

START_TEST(test_svcenv_numbers)
{
	const struct number_case *c = &number_cases[_i];
	const char *env[] = { "DB_SERVICE_PORT=", NULL };
	char var[64];
	struct svcenv_result r;

	snprintf(var, sizeof(var), "DB_SERVICE_PORT=%s", c->value);
	env[0] = var;
	svcenv_lookup("db", NULL, POD, table_get, env, &r);

	ck_assert_uint_eq(r.port, c->port);
	ck_assert_int_eq(r.status, c->port != 0 ? SVCENV_OK :
	    SVCENV_BAD_VALUE);
	ck_assert_int_eq(r.seen[0].fate, c->port != 0 ? SVCENV_USED :
	    SVCENV_IGNORED);
	if (c->why != NULL)
		ck_assert_str_eq(r.seen[0].why, c->why);
}
END_TEST

START_TEST(test_svcenv_urls)
{
	const struct url_case *c = &url_cases[_i];
	const char *env[] = { "DB_SERVICE_PORT=5432", NULL, NULL };
	char var[64], got[128];
	struct svcenv_result r;

	snprintf(var, sizeof(var), "DB_PORT=%s", c->value);
	env[1] = var;
	ck_assert_int_eq(svcenv_lookup("db", NULL, POD, table_get, env, &r),
	    SVCENV_OK);
	ck_assert_uint_eq(r.port, 5432);
	ck_assert_str_eq(r.seen[2].var, "DB_PORT");

	if (r.has_url)
		snprintf(got, sizeof(got), "%s %s %u", r.url.proto, r.url.host,
		    (unsigned)r.url.port);
	else
		snprintf(got, sizeof(got), "%s", r.seen[2].why);
	ck_assert_str_eq(got, c->want);
	ck_assert_int_eq(r.seen[2].fate, r.has_url ? SVCENV_SHOWN :
	    SVCENV_IGNORED);
}
END_TEST

/* What a container gets from kubelet must never reach a terminal raw. */
START_TEST(test_svcenv_shown_tame)
{
	const char *env[] = { "DB_SERVICE_PORT=80\x1b[2J", NULL };
	struct svcenv_result r;
	char line[256];

	svcenv_lookup("db", NULL, POD, table_get, env, &r);
	ck_assert_str_eq(r.seen[0].value, "80?[2J");
	svcenv_seen_line(&r.seen[0], line, sizeof(line));
	ck_assert_str_eq(line, "DB_SERVICE_PORT=80?[2J: ignored, "
	    "not a port number");
}
END_TEST

START_TEST(test_svcenv_long_value)
{
	char value[300], var[320];
	const char *env[] = { NULL, NULL };
	struct svcenv_result r;

	memset(value, '7', sizeof(value) - 1);
	value[sizeof(value) - 1] = '\0';
	snprintf(var, sizeof(var), "DB_SERVICE_PORT=%s", value);
	env[0] = var;
	ck_assert_int_eq(svcenv_lookup("db", NULL, POD, table_get, env, &r),
	    SVCENV_BAD_VALUE);
	ck_assert_uint_eq(strlen(r.seen[0].value), SVCENV_VALUE_MAX - 1);
	ck_assert_str_eq(r.seen[0].why, "over 65535");
}
END_TEST

struct domain_case {
	const char *search;	/* domains separated by spaces */
	const char *want;	/* NULL: none */
};

static const struct domain_case domain_cases[] = {
	{ "team-a.svc.cluster.local svc.cluster.local cluster.local",
	    "team-a.svc.cluster.local" },
	{ "team-a.svc.cluster.local svc.cluster.local cluster.local "
	    "c.proj.internal google.internal", "team-a.svc.cluster.local" },
	{ "default.svc.corp.example svc.corp.example corp.example",
	    "default.svc.corp.example" },
	{ "0ns.svc.cluster.local svc.cluster.local cluster.local",
	    "0ns.svc.cluster.local" },
	{ "team-a.svc.cluster.local. svc.cluster.local. cluster.local.",
	    "team-a.svc.cluster.local." },
	{ "svc.cluster.local cluster.local", NULL },
	{ "team-a.svc.cluster.local svc.cluster.local", NULL },
	{ "team-a.svc.cluster.local svc.other.local cluster.local", NULL },
	{ "team-a.svc.cluster.local svc.cluster.local other.local", NULL },
	{ "corp.example svc.cluster.local cluster.local", NULL },
	{ "-a.svc.cluster.local svc.cluster.local cluster.local", NULL },
	{ "team-a.svc svc cluster.local", NULL },
	{ "", NULL },
};

static void
set_search(struct resolv_conf *rc, const char *list)
{
	char copy[512], *save = NULL, *d;

	snprintf(copy, sizeof(copy), "%s", list);
	for (d = strtok_r(copy, " ", &save); d != NULL;
	    d = strtok_r(NULL, " ", &save))
		snprintf(rc->search[rc->nsearch++], RC_NAME_MAX, "%s", d);
}

START_TEST(test_svcenv_pod_domain)
{
	const struct domain_case *c = &domain_cases[_i];
	struct resolv_conf rc;
	const char *got;

	resolvconf_defaults(&rc);
	set_search(&rc, c->search);
	got = svcenv_pod_domain(&rc);
	if (c->want == NULL)
		ck_assert_msg(got == NULL, "\"%s\": got %s", c->search, got);
	else
		ck_assert_msg(got != NULL && strcmp(got, c->want) == 0,
		    "\"%s\": got %s", c->search, got != NULL ? got : "none");
}
END_TEST

struct stale_case {
	const char *what;
	const char *host;	/* MY_API_SERVICE_HOST, or NULL */
	const char *dns[4];	/* what DNS says now */
	size_t ndns;
	int stale;
	const char *warning;
};

static const struct stale_case stale_cases[] = {
	{ "DNS agrees", "198.18.96.5", { "198.18.96.5" }, 1, 0, "" },
	{ "F11: re-created with a new address", "198.18.96.5",
	    { "198.18.96.9" }, 1, 1, "MY_API_SERVICE_HOST=198.18.96.5 but "
	    "my-api resolves to 198.18.96.9 now: the service was probably "
	    "re-created after this pod started, so its variables are "
	    "stale; port 8080 from MY_API_SERVICE_PORT may be stale too" },
	{ "several other addresses", "198.18.96.5",
	    { "198.18.96.9", "fd00::9", "198.18.96.10" }, 3, 1,
	    "MY_API_SERVICE_HOST=198.18.96.5 but my-api resolves to "
	    "198.18.96.9 and 1 more now: the service was probably "
	    "re-created after this pod started, so its variables are "
	    "stale; port 8080 from MY_API_SERVICE_PORT may be stale too" },
	{ "one of them", "198.18.96.5", { "198.18.96.9", "198.18.96.5" }, 2,
	    0, "" },
	{ "no answer: nothing to compare", "198.18.96.5", { NULL }, 0, 0,
	    "" },
	{ "only the other family: nothing to compare", "198.18.96.5",
	    { "fd00:10:96::5" }, 1, 0, "" },
	{ "IPv6 written another way", "fd00:10:96::5",
	    { "198.18.96.9", "fd00:10:96:0:0::5" }, 2, 0, "" },
	{ "IPv6 re-created", "fd00:10:96::5", { "fd00:10:96::6" }, 1, 1,
	    NULL },
	{ "no host variable", NULL, { "198.18.96.9" }, 1, 0, "" },
	{ "a host variable ignored", "[fd00::5]", { "fd00::6" }, 1, 0, "" },
	{ "garbage from DNS is skipped", "198.18.96.5",
	    { "not-an-address", "198.18.96.5.1" }, 2, 0, "" },
};

START_TEST(test_svcenv_stale)
{
	const struct stale_case *c = &stale_cases[_i];
	const char *env[] = { "MY_API_SERVICE_PORT=8080", NULL, NULL };
	struct svcenv_result r;
	char host[64], warning[512];
	size_t n;

	if (c->host != NULL) {
		snprintf(host, sizeof(host), "MY_API_SERVICE_HOST=%s", c->host);
		env[1] = host;
	}
	svcenv_lookup("my-api", NULL, POD, table_get, env, &r);

	ck_assert_msg(svcenv_stale(&r, c->dns, c->ndns) == c->stale, "%s",
	    c->what);
	n = svcenv_warning(&r, c->dns, c->ndns, warning, sizeof(warning));
	ck_assert_uint_eq(n, strlen(warning));
	ck_assert_int_eq(n > 0, c->stale);
	if (c->warning != NULL)
		ck_assert_str_eq(warning, c->warning);
}
END_TEST

struct error_case {
	const char *name;
	const char *port_name;
	const char *pod_domain;
	const char *env[ENV_CAP];
	const char *want;
};

#define HOW(n) "; give the port as " n ":PORT or with -p PORT"
#define HOW_SRV(n) HOW(n) ", or name it with --srv NAME"

static const struct error_case error_cases[] = {
	{ "new-svc", NULL, POD, { NULL }, "no port for new-svc: "
	    "NEW_SVC_SERVICE_PORT is not set, as when the service was "
	    "created after this pod started, is headless, or the pod has "
	    "enableServiceLinks: false" HOW_SRV("new-svc") },
	{ "my-api", "http", POD, { MY_API_ENV }, "no port named http for "
	    "my-api: MY_API_SERVICE_PORT_HTTP is not set while "
	    "MY_API_SERVICE_PORT is, so the service has no port named http"
	    HOW("my-api") },
	{ "new-svc", "http", POD, { NULL }, "no port named http for "
	    "new-svc: NEW_SVC_SERVICE_PORT_HTTP is not set, as when the "
	    "service was created after this pod started, is headless, or "
	    "the pod has enableServiceLinks: false" HOW("new-svc") },
	{ "my-api", NULL, POD, { "MY_API_SERVICE_PORT=80a" },
	    "no port for my-api: MY_API_SERVICE_PORT=\"80a\" is ignored: "
	    "not a port number" HOW_SRV("my-api") },
	{ "syslog", NULL, POD, { "SYSLOG_SERVICE_PORT=514",
	    "SYSLOG_PORT_514_UDP=udp://198.18.96.7:514" }, "no port for "
	    "syslog: port 514 from SYSLOG_SERVICE_PORT is served over udp "
	    "only" HOW_SRV("syslog") },
	{ "my-api.team-b", NULL, POD, { MY_API_ENV }, "no port for "
	    "my-api.team-b: a pod gets service variables only for its own "
	    "namespace, team-a, not team-b" HOW_SRV("my-api.team-b") },
	{ "my-api.team-b", NULL, NULL, { MY_API_ENV }, "no port for "
	    "my-api.team-b: this pod's namespace is unknown (resolv.conf "
	    "has no NAMESPACE.svc search domain), so variables cannot be "
	    "told to be team-b's" HOW_SRV("my-api.team-b") },
	{ "db.example.com", NULL, POD, { NULL }, "no port for "
	    "db.example.com: not a service of this cluster (NAME, "
	    "NAME.NAMESPACE or NAME.NAMESPACE.svc.DOMAIN)"
	    HOW_SRV("db.example.com") },
	{ "db.", NULL, POD, { NULL }, "no port for db.: a name ending in a "
	    "dot is looked up as is, not as a service of this namespace"
	    HOW_SRV("db.") },
	{ "my_api", NULL, POD, { NULL }, "no port for my_api: it cannot be "
	    "a service name, so no service variables are named for it"
	    HOW_SRV("my_api") },
	{ "my-api", "gr_pc", POD, { MY_API_ENV }, "no port named gr_pc for "
	    "my-api: \"gr_pc\" cannot be a port name (up to 15 letters, "
	    "digits and single dashes)" HOW("my-api") },
	{ "198.18.96.5", NULL, POD, { NULL }, "no port for 198.18.96.5: an "
	    "address has no service variables" HOW("198.18.96.5") },
	{ "fd00::5", NULL, POD, { NULL }, "no port for fd00::5: an address "
	    "has no service variables" HOW("[fd00::5]") },
	{ "my-api", NULL, POD, { MY_API_ENV }, "" },
};

START_TEST(test_svcenv_error)
{
	const struct error_case *c = &error_cases[_i];
	struct svcenv_result r;
	char buf[512], small[16];
	size_t n;

	svcenv_lookup(c->name, c->port_name, c->pod_domain, table_get,
	    (void *)c->env, &r);
	n = svcenv_error(&r, buf, sizeof(buf));
	ck_assert_str_eq(buf, c->want);
	ck_assert_uint_eq(n, strlen(c->want));

	ck_assert_uint_eq(svcenv_error(&r, small, sizeof(small)), n);
	ck_assert_uint_eq(strlen(small), n < sizeof(small) ? n :
	    sizeof(small) - 1);
}
END_TEST

START_TEST(test_svcenv_seen_lines)
{
	const char *env[] = { "DB_SERVICE_PORT=5432", "DB_PORT=5432",
	    "DB_SERVICE_HOST=198.18.96.6", NULL };
	static const char *const want[] = {
		"DB_SERVICE_PORT=5432: used",
		"DB_SERVICE_HOST=198.18.96.6",
		"DB_PORT=5432: ignored, a number, where kubelet writes a URL",
		"DB_PORT_5432_TCP: not set",
	};
	struct svcenv_result r;
	char line[256];
	size_t i;

	svcenv_lookup("db", NULL, POD, table_get, env, &r);
	ck_assert_uint_eq(r.nseen, 6);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		svcenv_seen_line(&r.seen[i], line, sizeof(line));
		ck_assert_str_eq(line, want[i]);
	}
}
END_TEST

START_TEST(test_svcenv_strerror)
{
	ck_assert_str_eq(svcenv_strerror(SVCENV_OK), "no error");
	ck_assert_str_eq(svcenv_strerror(SVCENV_OTHER_NAMESPACE),
	    "another namespace");
	ck_assert_str_eq(svcenv_strerror(SVCENV_NOT_TCP),
	    "port not served over TCP");
	ck_assert_str_eq(svcenv_strerror((enum svcenv_status)99),
	    "unknown svcenv status");
}
END_TEST

#define NCASES(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *
svcenv_suite(void)
{
	Suite *s = suite_create("svcenv");
	TCase *tc = tcase_create("lookup");

	tcase_add_loop_test(tc, test_svcenv_lookup, 0, NCASES(lookup_cases));
	tcase_add_loop_test(tc, test_svcenv_numbers, 0, NCASES(number_cases));
	tcase_add_loop_test(tc, test_svcenv_urls, 0, NCASES(url_cases));
	tcase_add_test(tc, test_svcenv_shown_tame);
	tcase_add_test(tc, test_svcenv_long_value);
	tcase_add_loop_test(tc, test_svcenv_pod_domain, 0,
	    NCASES(domain_cases));
	tcase_add_loop_test(tc, test_svcenv_stale, 0, NCASES(stale_cases));
	tcase_add_loop_test(tc, test_svcenv_error, 0, NCASES(error_cases));
	tcase_add_test(tc, test_svcenv_seen_lines);
	tcase_add_test(tc, test_svcenv_strerror);
	suite_add_tcase(s, tc);
	return s;
}
