/*
 * A server given to probe lookup by name, as nslookup allows: its
 * address, found as the libc finds any address, through resolv.conf.
 */
#ifndef PROBE_LOOKUP_SERVER_H
#define PROBE_LOOKUP_SERVER_H

#include <stddef.h>

#include "resolvconf.h"
#include "search.h"

/*
 * Writes the first address of name (A records, else AAAA) as text into
 * addr.  Returns 0, or -1 with why naming what went wrong: the outcome
 * of the last name asked, or why nothing could be asked.
 */
int lookup_server_address(const char *name, const struct resolv_conf *rc,
    enum search_libc libc, char *addr, size_t cap, const char **why);

#endif
