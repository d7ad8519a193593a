/*
 * A name to addresses the way the pod's libc would get them: read
 * resolv.conf, expand the name through the search list, ask each
 * candidate in turn and follow the libc's walk rules.
 */
#ifndef PROBE_RESOLVE_H
#define PROBE_RESOLVE_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "dnsclient.h"
#include "dnsmsg.h"
#include "resolvconf.h"
#include "search.h"
#include "walk.h"

#define DNS_ADDR_CAP	32

struct dns_result {
	enum dns_outcome outcome;
	int64_t took_ns;
	uint8_t addr[DNS_ADDR_CAP][16];	/* in answer order */
	size_t naddr;
	/*
	 * The usable A or AAAA records of the answer, of which the first
	 * naddr are kept: more than DNS_ADDR_CAP means the rest were cut.
	 * Usable: owned by the name asked, or by where its CNAMEs lead.
	 * Records past those the decoder reads (DNSMSG_RR_CAP) count as
	 * usable unread, as those of one large set are.
	 */
	size_t nfound;
	uint16_t srv_port;	/* SRV: the first record's port */
	size_t server;		/* index of the server that answered */
};

struct resolution {
	struct search_list list;
	size_t asked[SEARCH_CAND_CAP];	/* candidate indices, in order */
	struct dns_result result[SEARCH_CAND_CAP];	/* per asked */
	size_t nasked;
	size_t answered;	/* index into asked[], nasked if none */
	int64_t took_ns;
};

enum resolvconf_read_status {
	RCREAD_OK,
	RCREAD_MISSING,		/* no file: the libc's defaults are used */
	RCREAD_UNREADABLE,	/* cannot be read, or not there and not
				   RESOLV_CONF_PATH: errno says why */
};

/*
 * Reads and parses path with the environment's overrides.  A missing
 * file, or one without nameservers, gets the libc's default server
 * 127.0.0.1 and a warning in rc.
 */
enum resolvconf_read_status resolvconf_read(const char *path,
    struct resolv_conf *rc);

/*
 * Takes from m, the answer to a query of type qtype, what the libc
 * would: A or AAAA records into res's addresses (the outcome becomes
 * NODATA when none is usable), SRV into the first record's port.
 */
void resolve_take_answer(const struct dns_msg *m, uint16_t qtype,
    enum search_libc libc, struct dns_result *res);

/*
 * Resolves name for qtype: A or AAAA records into addresses, SRV into
 * the first record's port.  Fails only for a name that is not valid
 * (nothing asked); a name that does not resolve comes back with
 * answered == nasked.
 */
enum search_status resolve_name(const char *name, uint16_t qtype,
    const struct resolv_conf *rc, struct dnsclient *dc,
    enum search_libc libc, struct resolution *out);

#endif
