#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answer.h"
#include "resolve.h"
#include "timing.h"
#include "walk.h"

#define RESOLV_CONF_MAX	(64 * 1024)

static void
add_warning(struct resolv_conf *rc, const char *text)
{
	if (rc->nwarn >= RC_WARN_CAP)
		return;
	rc->warn[rc->nwarn].line = 0;
	snprintf(rc->warn[rc->nwarn].text, RC_WARN_MAX, "%s", text);
	rc->nwarn++;
}

/* glibc (res_init.c): no nameserver line means the local host. */
static void
default_server(struct resolv_conf *rc)
{
	if (rc->nns > 0)
		return;
	snprintf(rc->ns[0].addr, RC_ADDR_MAX, "127.0.0.1");
	rc->ns[0].line = 0;
	rc->ns[0].ignored = false;
	rc->nns = 1;
	add_warning(rc, "no nameserver: using 127.0.0.1 as the libc does");
}

/* glibc takes the search domain from the host name when nothing set it. */
static void
default_search(struct resolv_conf *rc)
{
	char host[256];
	const char *dot;

	if (rc->search_source != RC_SEARCH_NONE || rc->nsearch > 0 ||
	    gethostname(host, sizeof(host)) != 0)
		return;
	host[sizeof(host) - 1] = '\0';
	dot = strchr(host, '.');
	if (dot == NULL || dot[1] == '\0' || strlen(dot + 1) >= RC_NAME_MAX)
		return;
	snprintf(rc->search[0], RC_NAME_MAX, "%s", dot + 1);
	rc->nsearch = 1;
	add_warning(rc, "no search line: the domain of the host name is "
	    "searched, as the libc does");
}

enum resolvconf_read_status
resolvconf_read(const char *path, struct resolv_conf *rc)
{
	static char buf[RESOLV_CONF_MAX];
	enum resolvconf_read_status st = RCREAD_OK;
	size_t len = 0;
	FILE *f;

	/* Only the libc's own file may be missing: another is a typo. */
	f = fopen(path, "r");
	if (f == NULL && (errno != ENOENT ||
	    strcmp(path, RESOLV_CONF_PATH) != 0))
		return RCREAD_UNREADABLE;

	if (f != NULL) {
		len = fread(buf, 1, sizeof(buf), f);
		if (ferror(f))
			st = RCREAD_UNREADABLE;
		fclose(f);
		if (st != RCREAD_OK)
			return st;
	} else {
		st = RCREAD_MISSING;
	}

	resolvconf_parse(buf, len, getenv("LOCALDOMAIN"),
	    getenv("RES_OPTIONS"), rc);
	if (len == sizeof(buf))
		add_warning(rc, "file longer than 64 KiB: the rest is ignored");
	default_server(rc);
	default_search(rc);
	return st;
}

void
resolve_take_answer(const struct dns_msg *m, uint16_t qtype,
    enum search_libc libc, struct dns_result *res)
{
	size_t i;

	if (qtype == DNS_T_SRV) {
		for (i = 0; i < m->nan && res->srv_port == 0; i++)
			if (m->an[i].type == DNS_T_SRV)
				res->srv_port = m->an[i].port;
		return;
	}

	res->nfound = answer_addresses(m, qtype, libc, res->addr,
	    DNS_ADDR_CAP);
	res->naddr = res->nfound < DNS_ADDR_CAP ? res->nfound : DNS_ADDR_CAP;
	if (res->nfound == 0)
		res->outcome = DNS_NODATA;
	else if (m->ancount > m->nan)
		res->nfound += m->ancount - m->nan;
}

/*
 * Returns 1 when the walk ends at this name: a reply with records of
 * the type asked ends glibc's res_search even when none of them is
 * usable, and the lookup then fails there.
 */
static int
ask(struct dnsclient *dc, const char *name, uint16_t qtype,
    enum search_libc libc, struct dns_msg *m, struct dns_result *res)
{
	struct dns_exchange x;
	int ends;

	dnsclient_start(dc, name, qtype, &x);
	dnsclient_run(dc);

	res->outcome = answer_outcome(&x, m);
	res->took_ns = x.took_ns;
	res->server = x.server;
	ends = res->outcome == DNS_ANSWER;
	if (ends)
		resolve_take_answer(m, qtype, libc, res);
	dnsclient_exchange_free(&x);
	return ends;
}

enum search_status
resolve_name(const char *name, uint16_t qtype, const struct resolv_conf *rc,
    struct dnsclient *dc, enum search_libc libc, struct resolution *out)
{
	enum search_status st;
	struct dns_result *res;
	struct dns_msg *m;
	int64_t start;
	size_t i;

	memset(out, 0, sizeof(*out));
	st = search_expand(name, rc, libc, &out->list);
	if (st != SEARCH_OK)
		return st;
	m = malloc(sizeof(*m));
	if (m == NULL)
		return SEARCH_NOMEM;

	start = timing_now_ns();
	out->answered = SEARCH_CAND_CAP;
	for (i = 0; i < out->list.ncand && out->nasked < SEARCH_CAND_CAP;) {
		res = &out->result[out->nasked];
		out->asked[out->nasked++] = i;
		if (ask(dc, out->list.cand[i].name, qtype, libc, m, res)) {
			if (res->outcome == DNS_ANSWER)
				out->answered = out->nasked - 1;
			break;
		}
		i = walk_next(&out->list, i, res->outcome, libc);
	}
	if (out->answered == SEARCH_CAND_CAP)
		out->answered = out->nasked;
	out->took_ns = timing_now_ns() - start;
	free(m);
	return SEARCH_OK;
}
