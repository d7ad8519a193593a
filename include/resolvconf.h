/*
 * resolv.conf as the libc reads it (glibc 2.36 rules, resolv.conf(5)):
 * the parser never fails on odd input, it records a warning with the
 * line number and goes on, as the libc does.
 */
#ifndef PROBE_RESOLVCONF_H
#define PROBE_RESOLVCONF_H

#include <stdbool.h>
#include <stddef.h>

#define RESOLV_CONF_PATH	"/etc/resolv.conf"	/* the libc's */
#define RC_MAXNS	3	/* nameservers the libc uses (MAXNS) */
#define RC_NS_CAP	16	/* nameserver lines kept for reporting */
#define RC_SEARCH_CAP	32	/* search domains kept */
#define RC_NAME_MAX	254	/* a domain name in text, with its NUL */
#define RC_ADDR_MAX	64	/* an address in text, zone included */
#define RC_WARN_CAP	64
#define RC_WARN_MAX	160

struct rc_nameserver {
	char addr[RC_ADDR_MAX];	/* as written, "fe80::1%eth0" kept whole */
	int line;
	bool ignored;		/* past the third: the libc never asks it */
};

struct rc_warning {
	int line;		/* 0 when the warning is not about a line */
	char text[RC_WARN_MAX];
};

enum rc_search_source {
	RC_SEARCH_NONE,		/* nothing set it */
	RC_SEARCH_LINE,		/* a "search" line */
	RC_SEARCH_DOMAIN,	/* a "domain" line */
	RC_SEARCH_LOCALDOMAIN,	/* the LOCALDOMAIN environment variable */
};

struct resolv_conf {
	struct rc_nameserver ns[RC_NS_CAP];
	size_t nns;

	char search[RC_SEARCH_CAP][RC_NAME_MAX];
	size_t nsearch;
	enum rc_search_source search_source;
	int search_line;	/* line that set the list, 0 if none */

	int ndots;		/* default 1, clamped to 15 */
	int timeout;		/* seconds, default 5, clamped to 30; as
				   read: resolvconf_wait_s for the wait */
	int attempts;		/* default 2, clamped to 5 */
	bool rotate, edns0, use_vc, single_request, single_request_reopen;
	bool trust_ad, no_tld_query;

	struct rc_warning warn[RC_WARN_CAP];
	size_t nwarn;
};

/* Fills rc with the libc's defaults: no servers, no search, ndots:1. */
void resolvconf_defaults(struct resolv_conf *rc);

/*
 * Parses the text of a resolv.conf (len bytes, need not end in a NUL or
 * a newline), then applies the environment overrides the way glibc does:
 * localdomain (LOCALDOMAIN) replaces the search list, res_options
 * (RES_OPTIONS) is read as one more "options" line.  Either may be NULL.
 */
void resolvconf_parse(const char *text, size_t len,
    const char *localdomain, const char *res_options,
    struct resolv_conf *rc);

/*
 * Seconds the libc waits for a reply to one send: the timeout, but at
 * least 1, as glibc's send_dg has it.
 */
int resolvconf_wait_s(const struct resolv_conf *rc);

/* Number of nameservers the libc will use: at most RC_MAXNS. */
size_t resolvconf_used_servers(const struct resolv_conf *rc);

#endif
