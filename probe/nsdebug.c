/*
 * Each layout here is the one nslookup 9.18.49 printed with -debug for
 * the same replies, from dnsmasq and from a scripted server: the
 * indents, the arrow before each owner and the ttl under each record.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "nsdebug.h"
#include "nsfmt.h"
#include "textbuf.h"

#define DASHES		"------------\n"

/* The words of the longest rdata: SOA's two names and five numbers. */
#define WORDS_MAX	(DNSMSG_TEXT_MAX + 2 * DNSMSG_NAME_MAX + 128)

/* BIND's mnemonics for the classes of RFC 1035, 3.2.4 and RFC 2136. */
static void
put_class(struct textbuf *t, uint16_t rclass)
{
	static const struct {
		uint16_t rclass;
		const char *name;
	} names[] = {
		{ 1, "IN" }, { 3, "CH" }, { 4, "HS" }, { 254, "NONE" },
		{ 255, "ANY" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].rclass == rclass) {
			textbuf_printf(t, "%s", names[i].name);
			return;
		}
	textbuf_printf(t, "CLASS%u", rclass);
}

/* A message without a question shows the heading alone. */
static void
put_question(struct textbuf *t, const struct dns_msg *m)
{
	char type[16];

	textbuf_printf(t, "    QUESTIONS:\n");
	if (m->qname[0] == '\0')
		return;
	dns_type_text(m->qtype, type, sizeof(type));
	textbuf_printf(t, "\t%s, type = %s, class = ", m->qname, type);
	put_class(t, m->qclass);
	textbuf_printf(t, "\n");
}

static void
put_section(struct textbuf *t, const char *heading,
    const struct dns_rr *rr, size_t n)
{
	char words[WORDS_MAX];
	size_t i;

	textbuf_printf(t, "    %s:\n", heading);
	for (i = 0; i < n; i++) {
		nsfmt_rdata(&rr[i], words, sizeof(words));
		textbuf_printf(t, "    ->  %s\n\t%s\n\tttl = %u\n", rr[i].name,
		    words, rr[i].ttl);
	}
}

size_t
nsdebug_message(const struct dns_msg *m, char *buf, size_t cap)
{
	struct textbuf t;

	textbuf_init(&t, buf, cap);
	textbuf_printf(&t, DASHES);
	put_question(&t, m);
	put_section(&t, "ANSWERS", m->an, m->nan);
	put_section(&t, "AUTHORITY RECORDS", m->ns, m->nns);
	put_section(&t, "ADDITIONAL RECORDS", m->ar, m->nar);
	textbuf_printf(&t, DASHES);
	return t.len;
}

/*
 * The CNAME owned by name, if any.  Owners compare without regard to
 * case, as DNS names do (RFC 4343).
 */
static const struct dns_rr *
alias_of(const struct dns_msg *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nan; i++)
		if (m->an[i].type == DNS_T_CNAME &&
		    strcasecmp(m->an[i].name, name) == 0)
			return &m->an[i];
	return NULL;
}

void
nsdebug_follow_cnames(struct dns_msg *m)
{
	const struct dns_rr *cname;
	size_t i, kept = 0, hops;

	/* A chain is at most as long as the answer; a loop ends there. */
	for (hops = 0; hops < m->nan; hops++) {
		cname = alias_of(m, m->qname);
		if (cname == NULL)
			break;
		memcpy(m->qname, cname->target, sizeof(m->qname));
	}

	for (i = 0; i < m->nan; i++)
		if (m->an[i].type != DNS_T_CNAME)
			m->an[kept++] = m->an[i];
	m->nan = kept;
}
