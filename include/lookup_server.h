/*
 * A server given to probe lookup by name, as nslookup allows: its
 * addresses, found as nslookup finds them, by the libc's getaddrinfo.
 */
#ifndef PROBE_LOOKUP_SERVER_H
#define PROBE_LOOKUP_SERVER_H

#include <stddef.h>

#include "resolvconf.h"

/*
 * Writes the first cap addresses of name, in getaddrinfo's order, as
 * text into addr and their number into n.  Returns 0, or -1 with why
 * saying what went wrong.
 */
int lookup_server_addresses(const char *name, char (*addr)[RC_ADDR_MAX],
    size_t cap, size_t *n, const char **why);

#endif
