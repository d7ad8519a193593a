/*
 * Service variables as kubelet writes them: pkg/kubelet/envvars
 * (FromServices, makeLinkVariables) for their names and values, and
 * getServiceEnvVarMap (pkg/kubelet/kubelet_pods.go) for the services a
 * container gets them for: each service of the pod's own namespace
 * that has a cluster IP (so not a headless or ExternalName one),
 * unless the pod sets enableServiceLinks: false, and "kubernetes" of
 * the namespace "default" always.  They are named by the service name
 * alone, so a target names them only when it names a service of the
 * pod's own namespace.  A value kubelet would not have written was
 * set by something else; it is ignored and the reason kept.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "resolvconf.h"
#include "svcenv.h"
#include "textbuf.h"

#define LABEL_LEN	63	/* RFC 1035 2.3.4 */
#define PORT_NAME_LEN	15	/* an IANA service name, RFC 6335 5.1 */
#define PORT_DIGITS	5

#define NOT_A_NUMBER	"not a port number"
#define NOT_AS_KUBELET	"not the URL kubelet writes (PROTO://ADDR:PORT)"

/* A namespace and cluster domain as parts of a longer name. */
struct ns_ref {
	const char *ns;
	size_t ns_len;
	const char *domain;	/* NULL when the name stops before it */
	size_t domain_len;
};

static const struct {
	const char *var;	/* as kubelet writes it in variable names */
	const char *name;	/* as it writes it in values */
} protocols[] = {
	{ "TCP", "tcp" },
	{ "UDP", "udp" },
	{ "SCTP", "sctp" },
};

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t
without_dot(const char *s, size_t n)
{
	return n > 0 && s[n - 1] == '.' ? n - 1 : n;
}

static int
same_text(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && strncasecmp(a, b, an) == 0;
}

/* Whatever the environment holds may reach a terminal: keep it tame. */
static void
copy_shown(char *dst, size_t cap, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && s[i] != '\0' && i + 1 < cap; i++)
		dst[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	dst[i] = '\0';
}

/*
 * A namespace's name is an RFC 1123 label: letters, digits and dashes,
 * no dash at either end.  DNS ignores case; so does this.
 */
static int
namespace_label(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > LABEL_LEN || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '-')
			return 0;
	return 1;
}

/* A Service's name is an RFC 1035 label: the same, a letter first. */
static int
service_label(const char *s, size_t n)
{
	return namespace_label(s, n) && is_alpha(s[0]);
}

/*
 * A port's name (Kubernetes IsValidPortName, after RFC 6335): at most
 * 15 letters, digits and dashes, one letter at least, no dash at
 * either end or next to another.
 */
static int
port_name_ok(const char *s)
{
	size_t i, n = strlen(s);
	int letter = 0;

	if (n == 0 || n > PORT_NAME_LEN || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '-' && s[i + 1] == '-')
			return 0;
		if (is_alpha(s[i]))
			letter = 1;
		else if (!is_digit(s[i]) && s[i] != '-')
			return 0;
	}
	return letter;
}

/* kubelet's makeEnvVariableName: upper case, dashes to underscores. */
static void
env_part(char *dst, size_t cap, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && i + 1 < cap; i++) {
		if (s[i] == '-')
			dst[i] = '_';
		else if (s[i] >= 'a' && s[i] <= 'z')
			dst[i] = (char)(s[i] - 'a' + 'A');
		else
			dst[i] = s[i];
	}
	dst[i] = '\0';
}

static int
is_address(const char *s)
{
	char bare[SVCENV_HOST_MAX];
	unsigned char a[16];
	size_t n = strlen(s);

	if (n > 2 && s[0] == '[' && s[n - 1] == ']' && n - 2 < sizeof(bare)) {
		memcpy(bare, s + 1, n - 2);
		bare[n - 2] = '\0';
		s = bare;
	}
	return inet_pton(AF_INET, s, a) == 1 || inet_pton(AF_INET6, s, a) == 1;
}

/* "NS", "NS.svc" or "NS.svc.DOMAIN": the forms a pod's search resolves. */
static int
split_namespace(const char *s, size_t n, struct ns_ref *ref)
{
	const char *dot = memchr(s, '.', n);
	size_t rest;

	ref->ns = s;
	ref->ns_len = dot != NULL ? (size_t)(dot - s) : n;
	ref->domain = NULL;
	ref->domain_len = 0;
	if (!namespace_label(s, ref->ns_len))
		return 0;
	if (dot == NULL)
		return 1;

	rest = n - ref->ns_len - 1;
	if (same_text(dot + 1, rest, "svc", 3))
		return 1;
	if (rest <= 4 || strncasecmp(dot + 1, "svc.", 4) != 0)
		return 0;
	ref->domain = dot + 5;
	ref->domain_len = rest - 4;
	return 1;
}

static int
split_pod_domain(const char *d, struct ns_ref *pod)
{
	if (d == NULL || !split_namespace(d, without_dot(d, strlen(d)), pod))
		return 0;
	return pod->domain != NULL;
}

/*
 * kubelet gives "kubernetes" of "default" to every pod, whatever its
 * namespace.  A service of that name in the pod's own namespace takes
 * its variables instead; then the address check finds them stale.
 */
static int
master_service(const char *label, size_t n, const struct ns_ref *ref)
{
	return same_text(label, n, "kubernetes", 10) &&
	    same_text(ref->ns, ref->ns_len, "default", 7);
}

/* Which service a dotted name names, against the pod's own domain. */
static enum svcenv_status
classify_dotted(const char *label, size_t llen, const char *rest,
    size_t rlen, int absolute, const struct ns_ref *pod,
    struct svcenv_result *r)
{
	struct ns_ref ref;

	if (!split_namespace(rest, rlen, &ref))
		return SVCENV_OUTSIDE;
	copy_shown(r->target_ns, sizeof(r->target_ns), ref.ns, ref.ns_len);

	if (absolute && ref.domain == NULL)
		return SVCENV_ABSOLUTE;
	if (ref.domain != NULL && pod != NULL && !same_text(ref.domain,
	    ref.domain_len, pod->domain, pod->domain_len))
		return SVCENV_OUTSIDE;
	if (master_service(label, llen, &ref))
		return SVCENV_OK;
	if (pod == NULL)
		return SVCENV_NO_NAMESPACE;
	if (!same_text(ref.ns, ref.ns_len, pod->ns, pod->ns_len))
		return SVCENV_OTHER_NAMESPACE;
	return SVCENV_OK;
}

/*
 * A name ending in a dot is asked as is (resolv.conf(5)): "db." is the
 * top-level name db, never the service; only the whole service name
 * "db.NS.svc.DOMAIN." is.
 */
static enum svcenv_status
classify(const char *name, const struct ns_ref *pod,
    struct svcenv_result *r)
{
	size_t n = strlen(name), llen;
	const char *dot;
	enum svcenv_status st;
	int absolute;

	if (is_address(name))
		return SVCENV_ADDRESS;
	absolute = n > 0 && name[n - 1] == '.';
	n = without_dot(name, n);
	dot = memchr(name, '.', n);
	llen = dot != NULL ? (size_t)(dot - name) : n;
	if (!service_label(name, llen))
		return SVCENV_NOT_SERVICE;

	if (dot == NULL)
		st = absolute ? SVCENV_ABSOLUTE : SVCENV_OK;
	else
		st = classify_dotted(name, llen, dot + 1, n - llen - 1,
		    absolute, pod, r);
	if (st == SVCENV_OK)
		env_part(r->prefix, sizeof(r->prefix), name, llen);
	return st;
}

static void
record(struct svcenv_result *r, const char *var, const char *value,
    enum svcenv_fate fate, const char *why)
{
	struct svcenv_seen *s;

	if (r->nseen >= SVCENV_SEEN_CAP)
		return;
	s = &r->seen[r->nseen++];
	snprintf(s->var, sizeof(s->var), "%s", var);
	copy_shown(s->value, sizeof(s->value), value != NULL ? value : "",
	    SVCENV_VALUE_MAX);
	s->fate = value == NULL ? SVCENV_NOT_SET : fate;
	s->why = value == NULL ? NULL : why;
}

static const struct svcenv_seen *
find_seen(const struct svcenv_result *r, const char *var)
{
	size_t i;

	for (i = 0; i < r->nseen; i++)
		if (strcmp(r->seen[i].var, var) == 0)
			return &r->seen[i];
	return NULL;
}

/* kubelet writes strconv.Itoa of a port that validation kept in range. */
static const char *
parse_port(const char *v, size_t n, uint16_t *port)
{
	unsigned long num = 0;
	size_t i;

	if (n == 0)
		return "empty";
	for (i = 0; i < n; i++) {
		if (!is_digit(v[i]))
			return NOT_A_NUMBER;
		if (i < PORT_DIGITS + 1)
			num = num * 10 + (unsigned long)(v[i] - '0');
	}
	if (n > PORT_DIGITS || num > 65535)
		return "over 65535";
	if (num == 0)
		return "port 0";
	if (v[0] == '0')
		return "a leading zero, which kubelet never writes";
	*port = (uint16_t)num;
	return NULL;
}

/* v is NULL when var is not set. */
static const char *
note_port(struct svcenv_result *r, const char *var, const char *v,
    enum svcenv_fate fate, uint16_t *port)
{
	const char *why;

	if (v == NULL) {
		record(r, var, NULL, SVCENV_NOT_SET, NULL);
		return "not set";
	}
	why = parse_port(v, strlen(v), port);
	record(r, var, v, why != NULL ? SVCENV_IGNORED : fate, why);
	return why;
}

static void
port_var(char *var, size_t cap, const char *prefix, const char *port_name)
{
	char part[PORT_NAME_LEN + 1];

	if (port_name == NULL) {
		snprintf(var, cap, "%s_SERVICE_PORT", prefix);
		return;
	}
	env_part(part, sizeof(part), port_name, strlen(port_name));
	snprintf(var, cap, "%s_SERVICE_PORT_%s", prefix, part);
}

/*
 * A named port's variable missing while the first port's is set means
 * the service has no port of that name: the report says so.
 */
static enum svcenv_status
read_port(struct svcenv_result *r, const char *port_name,
    svcenv_get_fn get, void *arg)
{
	char var[SVCENV_VAR_MAX];
	const char *v;
	uint16_t port;

	port_var(var, sizeof(var), r->prefix, port_name);
	snprintf(r->port_var, sizeof(r->port_var), "%s", var);
	v = get(var, arg);
	if (note_port(r, var, v, SVCENV_USED, &port) == NULL) {
		r->port = port;
		return SVCENV_OK;
	}
	if (v != NULL)
		return SVCENV_BAD_VALUE;

	if (port_name != NULL) {
		port_var(var, sizeof(var), r->prefix, NULL);
		note_port(r, var, get(var, arg), SVCENV_SHOWN, &port);
	}
	return SVCENV_UNSET;
}

static const char *
parse_host(const char *v, int *family, uint8_t *addr)
{
	if (v[0] == '[')
		return "brackets, which kubelet writes only in URLs";
	if (inet_pton(AF_INET, v, addr) == 1)
		*family = AF_INET;
	else if (inet_pton(AF_INET6, v, addr) == 1)
		*family = AF_INET6;
	else
		return "not an IP address";
	return NULL;
}

static void
read_host(struct svcenv_result *r, svcenv_get_fn get, void *arg)
{
	char var[SVCENV_VAR_MAX];
	const char *v, *why;
	uint8_t addr[16] = { 0 };
	int family = 0;

	snprintf(var, sizeof(var), "%s_SERVICE_HOST", r->prefix);
	v = get(var, arg);
	why = v != NULL ? parse_host(v, &family, addr) : NULL;
	record(r, var, v, why != NULL ? SVCENV_IGNORED : SVCENV_SHOWN, why);
	if (v == NULL || why != NULL)
		return;

	r->host_family = family;
	memcpy(r->host_addr, addr, sizeof(addr));
	copy_shown(r->host, sizeof(r->host), v, sizeof(r->host));
}

static const char *
url_proto(const char *v, size_t n, struct svcenv_url *u)
{
	size_t i;

	for (i = 0; i < sizeof(protocols) / sizeof(protocols[0]); i++) {
		if (strlen(protocols[i].name) == n &&
		    strncmp(v, protocols[i].name, n) == 0) {
			snprintf(u->proto, sizeof(u->proto), "%s",
			    protocols[i].name);
			return NULL;
		}
	}
	return "a protocol other than tcp, udp or sctp";
}

/* net.JoinHostPort: an IPv6 address in brackets, an IPv4 one bare. */
static const char *
url_host(const char *h, struct svcenv_url *u, const char **port)
{
	const char *end = h[0] == '[' ? strchr(h, ']') : strrchr(h, ':');
	int family = h[0] == '[' ? AF_INET6 : AF_INET;
	unsigned char a[16];
	size_t n;

	if (end == NULL)
		return NOT_AS_KUBELET;
	if (family == AF_INET6)
		h++;
	n = (size_t)(end - h);
	if (n >= sizeof(u->host))
		return "not an IP address";
	memcpy(u->host, h, n);
	u->host[n] = '\0';
	if (inet_pton(family, u->host, a) != 1)
		return family == AF_INET6 || strchr(u->host, ':') == NULL ?
		    "not an IP address" : "IPv6 without brackets";

	*port = family == AF_INET6 ? end + 1 : end;
	return **port == ':' ? NULL : NOT_AS_KUBELET;
}

/* An application's own MY_DB_PORT=5432 replaces kubelet's URL. */
static const char *
parse_url(const char *v, struct svcenv_url *u)
{
	const char *sep = strstr(v, "://"), *port = NULL, *why;
	uint16_t num;

	if (sep == NULL)
		return parse_port(v, strlen(v), &num) == NULL ?
		    "a number, where kubelet writes a URL" : NOT_AS_KUBELET;
	why = url_proto(v, (size_t)(sep - v), u);
	if (why == NULL)
		why = url_host(sep + 3, u, &port);
	if (why == NULL)
		why = parse_port(port + 1, strlen(port + 1), &u->port);
	return why;
}

static void
read_url(struct svcenv_result *r, svcenv_get_fn get, void *arg)
{
	char var[SVCENV_VAR_MAX];
	struct svcenv_url u;
	const char *v, *why = NULL;

	snprintf(var, sizeof(var), "%s_PORT", r->prefix);
	v = get(var, arg);
	memset(&u, 0, sizeof(u));
	if (v != NULL)
		why = parse_url(v, &u);
	record(r, var, v, why != NULL ? SVCENV_IGNORED : SVCENV_SHOWN, why);
	if (v == NULL || why != NULL)
		return;

	r->has_url = 1;
	r->url = u;
}

/*
 * kubelet writes {SVC}_PORT_{PORT}_{PROTO} for every port, so a number
 * served over TCP has a _TCP one.  _SERVICE_PORT is the first port
 * whatever its protocol; kube-dns's, for one, is UDP 53.
 */
static enum svcenv_status
read_proto(struct svcenv_result *r, svcenv_get_fn get, void *arg)
{
	char var[SVCENV_VAR_MAX];
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(protocols) / sizeof(protocols[0]); i++) {
		snprintf(var, sizeof(var), "%s_PORT_%u_%s", r->prefix,
		    (unsigned)r->port, protocols[i].var);
		v = get(var, arg);
		record(r, var, v, SVCENV_SHOWN, NULL);
		if (v != NULL) {
			snprintf(r->proto, sizeof(r->proto), "%s",
			    protocols[i].name);
			break;
		}
	}
	if (r->proto[0] == '\0' || strcmp(r->proto, "tcp") == 0)
		return SVCENV_OK;
	r->port = 0;
	return SVCENV_NOT_TCP;
}

static enum svcenv_status
read_service(struct svcenv_result *r, const char *port_name,
    svcenv_get_fn get, void *arg)
{
	enum svcenv_status st;

	st = read_port(r, port_name, get, arg);
	read_host(r, get, arg);
	read_url(r, get, arg);
	if (st == SVCENV_OK)
		st = read_proto(r, get, arg);
	return st;
}

enum svcenv_status
svcenv_lookup(const char *name, const char *port_name,
    const char *pod_domain, svcenv_get_fn get, void *arg,
    struct svcenv_result *out)
{
	struct ns_ref pod;
	int known = split_pod_domain(pod_domain, &pod);
	enum svcenv_status st;

	memset(out, 0, sizeof(*out));
	if (name == NULL)
		name = "";
	copy_shown(out->name, sizeof(out->name), name, strlen(name));
	if (port_name != NULL)
		copy_shown(out->port_name, sizeof(out->port_name), port_name,
		    strlen(port_name));
	if (known)
		copy_shown(out->pod_ns, sizeof(out->pod_ns), pod.ns,
		    pod.ns_len);

	st = classify(name, known ? &pod : NULL, out);
	if (st == SVCENV_OK && port_name != NULL && !port_name_ok(port_name))
		st = SVCENV_BAD_PORT_NAME;
	if (st == SVCENV_OK)
		st = read_service(out, port_name, get, arg);
	out->status = st;
	return st;
}

const char *
svcenv_pod_domain(const struct resolv_conf *rc)
{
	const char *d, *svc, *cluster;
	struct ns_ref pod;

	if (rc->nsearch < 3 || !split_pod_domain(rc->search[0], &pod))
		return NULL;
	d = rc->search[0];
	svc = rc->search[1];
	cluster = rc->search[2];

	if (!same_text(svc, without_dot(svc, strlen(svc)), d + pod.ns_len + 1,
	    without_dot(d, strlen(d)) - pod.ns_len - 1))
		return NULL;
	if (!same_text(cluster, without_dot(cluster, strlen(cluster)),
	    pod.domain, pod.domain_len))
		return NULL;
	return d;
}

static size_t
addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

/* The first of the n addresses of r's family, and how many there are. */
static size_t
same_family(const struct svcenv_result *r, const char *const *addrs,
    size_t n, const char **first, int *match)
{
	uint8_t a[16];
	size_t i, count = 0;

	*first = NULL;
	*match = 0;
	for (i = 0; i < n; i++) {
		if (addrs[i] == NULL ||
		    inet_pton(r->host_family, addrs[i], a) != 1)
			continue;
		if (memcmp(a, r->host_addr, addr_len(r->host_family)) == 0)
			*match = 1;
		if (count++ == 0)
			*first = addrs[i];
	}
	return count;
}

int
svcenv_stale(const struct svcenv_result *r, const char *const *dns_addrs,
    size_t n)
{
	const char *first;
	int match;

	if (r->host_family == 0)
		return 0;
	return same_family(r, dns_addrs, n, &first, &match) > 0 && !match;
}

size_t
svcenv_warning(const struct svcenv_result *r, const char *const *dns_addrs,
    size_t n, char *buf, size_t len)
{
	const char *first;
	struct textbuf o;
	size_t count;
	int match;

	textbuf_init(&o, buf, len);
	if (!svcenv_stale(r, dns_addrs, n))
		return 0;

	count = same_family(r, dns_addrs, n, &first, &match);
	textbuf_printf(&o, "%s_SERVICE_HOST=%s but %s resolves to %s",
	    r->prefix, r->host, r->name, first);
	if (count > 1)
		textbuf_printf(&o, " and %zu more", count - 1);
	textbuf_printf(&o, " now: the service was probably re-created after "
	    "this pod started, so its variables are stale");
	if (r->port != 0)
		textbuf_printf(&o, "; port %u from %s may be stale too",
		    (unsigned)r->port, r->port_var);
	return o.len;
}

static void
say_unset(struct textbuf *o, const struct svcenv_result *r)
{
	char first[SVCENV_VAR_MAX];
	const struct svcenv_seen *s;

	textbuf_printf(o, "%s is not set", r->port_var);
	port_var(first, sizeof(first), r->prefix, NULL);
	s = r->port_name[0] != '\0' ? find_seen(r, first) : NULL;
	if (s != NULL && s->fate != SVCENV_NOT_SET) {
		textbuf_printf(o, " while %s is, so the service has no port "
		    "named %s", first, r->port_name);
		return;
	}
	textbuf_printf(o, ", as when the service was created after this pod "
	    "started, is headless, or the pod has enableServiceLinks: "
	    "false");
}

static void
say_why(struct textbuf *o, const struct svcenv_result *r)
{
	const struct svcenv_seen *s = find_seen(r, r->port_var);

	switch (r->status) {
	case SVCENV_OK:
		break;
	case SVCENV_ADDRESS:
		textbuf_printf(o, "an address has no service variables");
		break;
	case SVCENV_NOT_SERVICE:
		textbuf_printf(o, "it cannot be a service name, so no service "
		    "variables are named for it");
		break;
	case SVCENV_OUTSIDE:
		textbuf_printf(o, "not a service of this cluster (NAME, "
		    "NAME.NAMESPACE or NAME.NAMESPACE.svc.DOMAIN)");
		break;
	case SVCENV_ABSOLUTE:
		textbuf_printf(o, "a name ending in a dot is looked up as is, "
		    "not as a service of this namespace");
		break;
	case SVCENV_NO_NAMESPACE:
		textbuf_printf(o, "this pod's namespace is unknown "
		    "(resolv.conf has no NAMESPACE.svc search domain), so "
		    "variables cannot be told to be %s's", r->target_ns);
		break;
	case SVCENV_OTHER_NAMESPACE:
		textbuf_printf(o, "a pod gets service variables only for its "
		    "own namespace, %s, not %s", r->pod_ns, r->target_ns);
		break;
	case SVCENV_BAD_PORT_NAME:
		textbuf_printf(o, "\"%s\" cannot be a port name (up to 15 "
		    "letters, digits and single dashes)", r->port_name);
		break;
	case SVCENV_UNSET:
		say_unset(o, r);
		break;
	case SVCENV_BAD_VALUE:
		textbuf_printf(o, "%s=\"%s\" is ignored: %s", r->port_var,
		    s != NULL ? s->value : "", s != NULL ? s->why : "");
		break;
	case SVCENV_NOT_TCP:
		textbuf_printf(o, "port %s from %s is served over %s only",
		    s != NULL ? s->value : "", r->port_var, r->proto);
		break;
	}
}

static void
say_how(struct textbuf *o, const struct svcenv_result *r)
{
	int bracket = strchr(r->name, ':') != NULL;

	textbuf_printf(o, "; give the port as %s%s%s:PORT or with -p PORT",
	    bracket ? "[" : "", r->name, bracket ? "]" : "");
	if (r->status != SVCENV_ADDRESS && r->port_name[0] == '\0')
		textbuf_printf(o, ", or name it with --srv NAME");
}

size_t
svcenv_error(const struct svcenv_result *r, char *buf, size_t len)
{
	struct textbuf o;

	textbuf_init(&o, buf, len);
	if (r->status == SVCENV_OK)
		return 0;

	if (r->port_name[0] != '\0')
		textbuf_printf(&o, "no port named %s", r->port_name);
	else
		textbuf_printf(&o, "no port");
	textbuf_printf(&o, " for %s: ", r->name);
	say_why(&o, r);
	say_how(&o, r);
	return o.len;
}

size_t
svcenv_seen_line(const struct svcenv_seen *s, char *buf, size_t len)
{
	struct textbuf o;

	textbuf_init(&o, buf, len);
	switch (s->fate) {
	case SVCENV_NOT_SET:
		textbuf_printf(&o, "%s: not set", s->var);
		break;
	case SVCENV_USED:
		textbuf_printf(&o, "%s=%s: used", s->var, s->value);
		break;
	case SVCENV_SHOWN:
		textbuf_printf(&o, "%s=%s", s->var, s->value);
		break;
	case SVCENV_IGNORED:
		textbuf_printf(&o, "%s=%s: ignored, %s", s->var, s->value,
		    s->why != NULL ? s->why : "not as kubelet writes it");
		break;
	}
	return o.len;
}

const char *
svcenv_strerror(enum svcenv_status st)
{
	switch (st) {
	case SVCENV_OK:			return "no error";
	case SVCENV_ADDRESS:		return "an address";
	case SVCENV_NOT_SERVICE:	return "not a service name";
	case SVCENV_OUTSIDE:		return "outside the cluster";
	case SVCENV_ABSOLUTE:		return "an absolute name";
	case SVCENV_NO_NAMESPACE:	return "pod namespace unknown";
	case SVCENV_OTHER_NAMESPACE:	return "another namespace";
	case SVCENV_BAD_PORT_NAME:	return "not a port name";
	case SVCENV_UNSET:		return "variable not set";
	case SVCENV_BAD_VALUE:		return "variable not a port";
	case SVCENV_NOT_TCP:		return "port not served over TCP";
	}
	return "unknown svcenv status";
}

const char *
svcenv_getenv(const char *var, void *arg)
{
	(void)arg;
	return getenv(var);
}
