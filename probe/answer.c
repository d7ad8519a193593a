#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer.h"

enum {
	RCODE_NOERROR = 0, RCODE_SERVFAIL = 2, RCODE_NXDOMAIN = 3,
};

/*
 * NOERROR with an empty answer is NODATA.  One that holds only a CNAME
 * is NODATA to RFC 2308, but an answer to the libc: res_search stops
 * at any reply with records, and nslookup prints them.  FORMERR,
 * NOTIMP and REFUSED all end a libc's use of the server alike.
 */
static enum dns_outcome
from_message(const struct dns_msg *m)
{
	switch (m->rcode) {
	case RCODE_NOERROR:
		return m->nan > 0 ? DNS_ANSWER : DNS_NODATA;
	case RCODE_NXDOMAIN:
		return DNS_NXDOMAIN;
	case RCODE_SERVFAIL:
		return DNS_SERVFAIL;
	default:
		return DNS_REFUSED;
	}
}

enum dns_outcome
answer_outcome(const struct dns_exchange *x, struct dns_msg *msg)
{
	struct dns_msg *m = msg;
	enum dns_outcome o;

	switch (x->status) {
	case DNSX_REPLY:
		break;
	case DNSX_UNREACHABLE:
		return DNS_UNREACHABLE;
	case DNSX_BADNAME:
		return DNS_BADREPLY;
	default:
		return DNS_TIMEOUT;
	}

	if (m == NULL && (m = malloc(sizeof(*m))) == NULL)
		return DNS_BADREPLY;
	if (dnsmsg_decode(x->reply, x->len, m) != DNSMSG_OK)
		o = DNS_BADREPLY;
	else
		o = from_message(m);
	if (m != msg)
		free(m);
	return o;
}

/* Names compare as glibc's ns_samebinaryname does: ASCII case aside. */
static int
takes(const struct dns_rr *rr, uint16_t qtype, enum search_libc libc,
    const char *owner)
{
	if (rr->type != qtype || rr->opaque)
		return 0;
	return libc == SEARCH_MUSL || strcasecmp(rr->name, owner) == 0;
}

size_t
answer_addresses(const struct dns_msg *m, uint16_t qtype,
    enum search_libc libc, uint8_t (*addr)[16], size_t cap)
{
	const char *owner = m->qname;
	size_t i, n = 0;

	for (i = 0; i < m->nan; i++) {
		if (m->an[i].type == DNS_T_CNAME)
			owner = m->an[i].target;
		if (!takes(&m->an[i], qtype, libc, owner))
			continue;
		if (n < cap)
			memcpy(addr[n], m->an[i].addr,
			    qtype == DNS_T_AAAA ? 16 : 4);
		n++;
	}
	return n;
}
