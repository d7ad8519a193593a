/*
 * Giving up root and every capability once the raw sockets and the
 * capture are open, before any byte from the network is read.
 */
#ifndef PROBE_PRIVDROP_H
#define PROBE_PRIVDROP_H

#include <stddef.h>

/*
 * Switches to user (a name, "nobody" by default) with its own group
 * and no others when running as root, clears every capability and
 * forbids regaining any (no_new_privs).  Returns 0, or -1 with err
 * naming the step that failed: the caller must then stop.
 */
int privdrop(const char *user, char *err, size_t errlen);

/*
 * Makes CAP_NET_RAW effective when it is only permitted, as it is for
 * a binary given the capability with "setcap cap_net_raw+p": such a
 * binary still starts where the capability is not granted at all, and
 * then probes with connect().  Nothing happens when it is not held.
 */
void privdrop_raise_net_raw(void);

#endif
