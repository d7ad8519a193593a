/*
 * The messages nslookup prints with -debug, as BIND 9.18 lays them out
 * (seen from 9.18.49): each reply's sections between two dashed lines,
 * before the lines nslookup prints without it.  Snprintf-style as
 * nsfmt.h; pure: no I/O.
 */
#ifndef PROBE_NSDEBUG_H
#define PROBE_NSDEBUG_H

#include <stddef.h>

#include "dnsmsg.h"

/*
 * "------------\n    QUESTIONS:\n\tmysql.default.svc.cluster.local,
 * type = A, class = IN\n    ANSWERS:\n    ->  mysql...\n\tinternet
 * address = 198.18.78.144\n\tttl = 0\n    AUTHORITY RECORDS:\n
 * ADDITIONAL RECORDS:\n------------\n": every record kept, by section,
 * each as "    ->  OWNER", its words and rdata, and its ttl.
 */
size_t nsdebug_message(const struct dns_msg *m, char *buf, size_t cap);

/*
 * nslookup asks AAAA for the name the CNAME chain of its A reply ends
 * at, so that question and its reply hold no alias.  Turns m, a reply
 * for the alias, into that one: the question the chain's end, the
 * answer without its CNAME records.
 */
void nsdebug_follow_cnames(struct dns_msg *m);

#endif
