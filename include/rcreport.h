/*
 * What a resolv.conf says and what the libc will do with it, for
 * "probe lookup --show-config".
 */
#ifndef PROBE_RCREPORT_H
#define PROBE_RCREPORT_H

#include <stdio.h>

#include "resolvconf.h"

/*
 * Writes the report of rc, read from path, with the environment values
 * that were applied (either may be NULL).
 */
void rcreport_write(FILE *out, const struct resolv_conf *rc,
    const char *path, const char *localdomain, const char *res_options);

#endif
