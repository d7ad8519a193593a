/*
 * What one DNS exchange means to a libc walking a search list: the
 * reply's rcode and records boiled down to one outcome.  Pure.
 */
#ifndef PROBE_ANSWER_H
#define PROBE_ANSWER_H

#include <stdint.h>

#include "dnsclient.h"
#include "dnsmsg.h"
#include "walk.h"

/*
 * The outcome of x for a question of type qtype.  When msg is not NULL
 * and the reply decoded, msg holds it.
 */
enum dns_outcome answer_outcome(const struct dns_exchange *x,
    uint16_t qtype, struct dns_msg *msg);

#endif
