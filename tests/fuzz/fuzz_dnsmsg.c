/*
 * DNS replies: the whole input is the message.  One that decodes is
 * printed as nslookup prints it, and its outcome read as a libc walking
 * a search list reads it, for the types a lookup asks.
 */
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "dnsmsg.h"
#include "fuzz.h"
#include "nsdebug.h"
#include "nsfmt.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))


/* Every string of a record ends inside its array. */
static void
check_rr(const struct dns_rr *rr)
{
	if (memchr(rr->name, '\0', sizeof(rr->name)) == NULL ||
	    memchr(rr->target, '\0', sizeof(rr->target)) == NULL ||
	    memchr(rr->text, '\0', sizeof(rr->text)) == NULL ||
	    memchr(rr->rname, '\0', sizeof(rr->rname)) == NULL)
		abort();
}

static void
check_msg(const struct dns_msg *m)
{
	size_t i;

	if (m->nan > NITEMS(m->an) || m->nns > NITEMS(m->ns) ||
	    m->nar > NITEMS(m->ar) ||
	    memchr(m->qname, '\0', sizeof(m->qname)) == NULL)
		abort();
	for (i = 0; i < m->nan; i++)
		check_rr(&m->an[i]);
	for (i = 0; i < m->nns; i++)
		check_rr(&m->ns[i]);
	for (i = 0; i < m->nar; i++)
		check_rr(&m->ar[i]);
}

/* The text at its full length, then cut short, in exact buffers. */
#define CHECK_FORMAT(fn, arg) do {					\
	size_t want_ = fn(arg, NULL, 0), cap_;				\
	char *b_;							\
	for (cap_ = want_ + 1; ; cap_ /= 2) {				\
		if ((b_ = malloc(cap_ > 0 ? cap_ : 1)) == NULL)		\
			break;						\
		if (fn(arg, b_, cap_) != want_)				\
			abort();					\
		fuzz_check_text(b_, cap_, want_);			\
		free(b_);						\
		if (cap_ == 0)						\
			break;						\
	}								\
} while (0)

static void
print_msg(const struct dns_msg *m)
{
	char line[600];
	size_t i;

	CHECK_FORMAT(nsfmt_answer, m);
	CHECK_FORMAT(nsfmt_authority, m);
	CHECK_FORMAT(nsdebug_message, m);
	for (i = 0; i < m->nan; i++) {
		CHECK_FORMAT(nsfmt_rr, &m->an[i]);
		CHECK_FORMAT(nsfmt_rdata, &m->an[i]);
	}
	for (i = 0; i < m->nns; i++)
		CHECK_FORMAT(nsfmt_rr, &m->ns[i]);
	for (i = 0; i < m->nar; i++)
		CHECK_FORMAT(nsfmt_rr, &m->ar[i]);

	fuzz_check_text(line, sizeof(line), nsfmt_failure(m->qname,
	    dns_rcode_name(m->rcode), line, sizeof(line)));
	if (dns_type_name(m->qtype) == NULL)
		abort();
}

/* Each libc takes at most the records there are, the first few kept. */
static void
take_addresses(const struct dns_msg *m)
{
	uint8_t addr[4][16];

	if (answer_addresses(m, m->qtype, SEARCH_GLIBC, addr, 4) > m->nan ||
	    answer_addresses(m, m->qtype, SEARCH_MUSL, addr, 4) > m->nan)
		abort();
}

/* An answer shown as for the end of its CNAME chain stays whole. */
static void
follow_aliases(struct dns_msg *m)
{
	nsdebug_follow_cnames(m);
	check_msg(m);
	CHECK_FORMAT(nsdebug_message, m);
}

/* As the walk reads a reply, with a message of its own and without. */
static void
read_outcomes(uint8_t *reply, size_t len, struct dns_msg *m)
{
	struct dns_exchange x;
	enum dns_outcome o;

	memset(&x, 0, sizeof(x));
	x.status = DNSX_REPLY;
	x.reply = reply;
	x.len = len;
	o = answer_outcome(&x, m);
	if (o != answer_outcome(&x, NULL) || dns_outcome_name(o) == NULL)
		abort();
}

void
fuzz_dnsmsg_one(const uint8_t *data, size_t size)
{
	struct dns_msg *m = malloc(sizeof(*m));
	uint8_t *reply = malloc(size > 0 ? size : 1);
	enum dnsmsg_status st;

	if (m == NULL || reply == NULL) {
		free(m);
		free(reply);
		return;
	}

	/* A copy of the exact length: a read past its end is caught. */
	memcpy(reply, data, size);
	dnsmsg_is_truncated(reply, size);
	st = dnsmsg_decode(reply, size, m);
	if (dnsmsg_strerror(st) == NULL)
		abort();
	if (st == DNSMSG_OK) {
		check_msg(m);
		print_msg(m);
		take_addresses(m);
		follow_aliases(m);
	}
	read_outcomes(reply, size, m);
	free(reply);
	free(m);
}

#ifndef FUZZ_REPLAY
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_dnsmsg_one(data, size);
	return 0;
}
#endif
