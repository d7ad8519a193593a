/*
 * What one DNS exchange means to a libc walking a search list: the
 * reply's rcode and records boiled down to one outcome.  Pure.
 */
#ifndef PROBE_ANSWER_H
#define PROBE_ANSWER_H

#include <stddef.h>
#include <stdint.h>

#include "dnsclient.h"
#include "dnsmsg.h"
#include "walk.h"

/*
 * The outcome of x, whatever the type asked: a libc stops at a reply
 * with records, usable or not.  When msg is not NULL and the reply
 * decoded, msg holds it.
 */
enum dns_outcome answer_outcome(const struct dns_exchange *x,
    struct dns_msg *msg);

/*
 * The addresses libc takes from m, the reply to a question of type
 * qtype (A or AAAA), in answer order: the first cap of them into addr;
 * returns how many there were.  glibc 2.36 (getaddrinfo, nss_dns
 * gaih_getanswer_slice) takes a record only if the question's name
 * owns it or, after a CNAME, that CNAME's target does, whoever owns
 * the CNAME; the others it skips.  musl takes every one.
 */
size_t answer_addresses(const struct dns_msg *m, uint16_t qtype,
    enum search_libc libc, uint8_t (*addr)[16], size_t cap);

#endif
