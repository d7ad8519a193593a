/*
 * A target's port from the Kubernetes service environment: the
 * variables kubelet gives every container when it starts, one set for
 * each service of the pod's own namespace that has a cluster IP, plus
 * "kubernetes" of the namespace "default".  For service "my-api" with
 * cluster IP 10.96.0.5 and a first port 8080 named "grpc":
 *
 *	MY_API_SERVICE_HOST=10.96.0.5		cluster IP, IPv6 bare
 *	MY_API_SERVICE_PORT=8080		the first port, any protocol
 *	MY_API_SERVICE_PORT_GRPC=8080		one for each named port
 *	MY_API_PORT=tcp://10.96.0.5:8080	the first port as a URL
 *	MY_API_PORT_8080_TCP=tcp://10.96.0.5:8080	one for each port
 *
 * They are fixed when the pod starts: a service created later has
 * none, and one re-created since has its old address and ports.
 *
 * Pure: variables are read through a getenv-like function the caller
 * passes, so tests give a table and the program the environment.
 */
#ifndef PROBE_SVCENV_H
#define PROBE_SVCENV_H

#include <stddef.h>
#include <stdint.h>

#define SVCENV_NAME_MAX		254	/* a domain name, NUL */
#define SVCENV_LABEL_MAX	64	/* a label (RFC 1035), NUL */
#define SVCENV_VAR_MAX		128	/* a variable's name, NUL */
#define SVCENV_VALUE_MAX	72	/* a value as kept to show, NUL */
#define SVCENV_HOST_MAX		46	/* INET6_ADDRSTRLEN */
#define SVCENV_PROTO_MAX	8	/* "tcp", "udp", "sctp" */
#define SVCENV_SEEN_CAP		8

struct resolv_conf;

/* The value of variable var, or NULL when it is not set. */
typedef const char *(*svcenv_get_fn)(const char *var, void *arg);

enum svcenv_status {
	SVCENV_OK = 0,		/* a port, in port */
	SVCENV_ADDRESS,		/* the target is an address */
	SVCENV_NOT_SERVICE,	/* its first label is no service name */
	SVCENV_OUTSIDE,		/* a name outside the cluster */
	SVCENV_ABSOLUTE,	/* "db." is not service db */
	SVCENV_NO_NAMESPACE,	/* NAME.NS, but the pod's is unknown */
	SVCENV_OTHER_NAMESPACE,	/* NAME.NS of another namespace */
	SVCENV_BAD_PORT_NAME,	/* not a Kubernetes port name */
	SVCENV_UNSET,		/* the port's variable is not set */
	SVCENV_BAD_VALUE,	/* set, but to no port number */
	SVCENV_NOT_TCP,		/* the port is UDP or SCTP only */
};

enum svcenv_fate {
	SVCENV_USED,		/* its value was taken */
	SVCENV_SHOWN,		/* read only to be reported */
	SVCENV_NOT_SET,
	SVCENV_IGNORED,		/* not as kubelet writes it: why says */
};

/* One variable looked at, in the order they were. */
struct svcenv_seen {
	char var[SVCENV_VAR_MAX];
	char value[SVCENV_VALUE_MAX];	/* printable, cut; "" if unset */
	enum svcenv_fate fate;
	const char *why;		/* IGNORED: a static reason */
};

/* {SVC}_PORT, "tcp://10.96.0.5:8080" or "tcp://[fd00::5]:8080". */
struct svcenv_url {
	char proto[SVCENV_PROTO_MAX];
	char host[SVCENV_HOST_MAX];	/* bare */
	uint16_t port;
};

struct svcenv_result {
	enum svcenv_status status;
	char name[SVCENV_NAME_MAX];	/* as given, printable */
	char port_name[SVCENV_LABEL_MAX];	/* as asked, or "" */
	char prefix[SVCENV_LABEL_MAX];	/* "MY_API", or "" if none */
	char pod_ns[SVCENV_LABEL_MAX];	/* the pod's namespace, or "" */
	char target_ns[SVCENV_LABEL_MAX];	/* from NAME.NS, or "" */

	uint16_t port;			/* 0 when none */
	char port_var[SVCENV_VAR_MAX];	/* where it came from, or "" */
	char proto[SVCENV_PROTO_MAX];	/* its protocol, "" if unknown */

	char host[SVCENV_HOST_MAX];	/* {SVC}_SERVICE_HOST, or "" */
	int host_family;		/* AF_INET, AF_INET6, or 0 */
	uint8_t host_addr[16];		/* network order */

	int has_url;
	struct svcenv_url url;

	struct svcenv_seen seen[SVCENV_SEEN_CAP];
	size_t nseen;
};

/*
 * The port of target name (no ":PORT"): the first port, or with
 * port_name the one of that name.  pod_domain is the pod's own
 * "NAMESPACE.svc.CLUSTER-DOMAIN" (svcenv_pod_domain), or NULL when it
 * is not known; then only a bare service name can be matched.  out is
 * always filled in, also on failure, with what was looked at and why.
 */
enum svcenv_status svcenv_lookup(const char *name, const char *port_name,
    const char *pod_domain, svcenv_get_fn get, void *arg,
    struct svcenv_result *out);

/*
 * The pod's "NAMESPACE.svc.CLUSTER-DOMAIN": rc's first search domain
 * when the list begins as kubelet writes it for a pod with the
 * ClusterFirst DNS policy (NS.svc.D svc.D D), else NULL.
 */
const char *svcenv_pod_domain(const struct resolv_conf *rc);

/*
 * Whether the variables are stale: {SVC}_SERVICE_HOST is an address
 * of a family the n addresses (text, as DNS gives them now) have, and
 * none of those is it.  0 when there is nothing to compare.
 */
int svcenv_stale(const struct svcenv_result *r,
    const char *const *dns_addrs, size_t n);

/*
 * The one-line warning when svcenv_stale is true, without a newline;
 * "" otherwise.  Returns the length the whole text needs.
 */
size_t svcenv_warning(const struct svcenv_result *r,
    const char *const *dns_addrs, size_t n, char *buf, size_t len);

/*
 * The one-line error for a result with no port: why, and how to give
 * one.  "" for SVCENV_OK.  Returns the length the whole text needs.
 */
size_t svcenv_error(const struct svcenv_result *r, char *buf, size_t len);

/* "MY_API_SERVICE_PORT=8080: used", one line for -v. */
size_t svcenv_seen_line(const struct svcenv_seen *s, char *buf,
    size_t len);

const char *svcenv_strerror(enum svcenv_status st);

/* An svcenv_get_fn over the process environment; arg is unused. */
const char *svcenv_getenv(const char *var, void *arg);

#endif
