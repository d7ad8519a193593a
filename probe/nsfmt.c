/*
 * Each layout here is the one nslookup 9.18.49 printed for the same
 * records, served to it on loopback by dnsmasq and by a responder
 * sending hand-made messages: the tabs, the words for each type, the
 * trailing dots on names inside rdata and their absence on owners.
 */
#include <sys/socket.h>
#include <arpa/inet.h>

#include <stdbool.h>
#include <string.h>

#include "nsfmt.h"
#include "textbuf.h"

/* Names inside rdata end in a dot; the root is "." alone. */
static void
out_fqdn(struct textbuf *o, const char *name)
{
	textbuf_printf(o, "%s%s", name, strcmp(name, ".") == 0 ? "" : ".");
}

/*
 * nslookup's words before the rdata of each type, as it printed them
 * for types 1 to 40.  Type 0 and OPT never reach its printer (BIND
 * refuses the message) and SOA has a layout of its own.
 */
static void
out_label(struct textbuf *o, uint16_t type)
{
	static const char *const words[] = {
		[1] = "internet address = ", [2] = "nameserver = ",
		[3] = "md = ", [4] = "mf = ", [5] = "canonical name = ",
		[7] = "mb = ", [8] = "mg = ", [9] = "mr = ",
		[10] = "rtype_10 = ", [11] = "protocol = ", [12] = "name = ",
		[13] = "hinfo = ", [14] = "minfo = ",
		[15] = "mail exchanger = ", [16] = "text = ", [17] = "rp = ",
		[18] = "afsdb = ", [19] = "x25 address = ",
		[20] = "isdn address = ", [21] = "rt = ", [22] = "nsap = ",
		[23] = "nsap_ptr = ", [24] = "signature = ", [25] = "key = ",
		[26] = "px = ", [27] = "gpos = ",
		[28] = "has AAAA address ", [29] = "loc = ",
		[30] = "next = ", [31] = "rtype_31 = ", [32] = "rtype_32 = ",
		[33] = "service = ", [34] = "rtype_34 = ", [35] = "naptr = ",
		[36] = "kx = ", [37] = "cert = ", [38] = "v6 address = ",
		[39] = "dname = ", [40] = "rtype_40 = ",
	};

	if (type < sizeof(words) / sizeof(words[0]) && words[type] != NULL)
		textbuf_printf(o, "%s", words[type]);
	else
		textbuf_printf(o, "rdata_%u = ", type);
}

static void
out_address(struct textbuf *o, const struct dns_rr *rr)
{
	char text[INET6_ADDRSTRLEN];
	int af = rr->type == DNS_T_A ? AF_INET : AF_INET6;

	if (inet_ntop(af, rr->addr, text, sizeof(text)) != NULL)
		textbuf_printf(o, "%s", text);
}

/* What follows the words: names with their dot, the rest as decoded. */
static void
out_rdata(struct textbuf *o, const struct dns_rr *rr)
{
	switch (rr->opaque ? 0 : rr->type) {
	case DNS_T_A:
	case DNS_T_AAAA:
		out_address(o, rr);
		return;
	case DNS_T_NS:
	case DNS_T_CNAME:
	case DNS_T_PTR:
	case DNS_T_DNAME:
		out_fqdn(o, rr->target);
		return;
	case DNS_T_MX:
		textbuf_printf(o, "%u ", rr->prio);
		out_fqdn(o, rr->target);
		return;
	case DNS_T_SRV:
		textbuf_printf(o, "%u %u %u ", rr->prio, rr->weight, rr->port);
		out_fqdn(o, rr->target);
		return;
	}
	textbuf_printf(o, "%s", rr->text);
}

/*
 * Unlike rdata, origin and mail addr are printed without the dot; each
 * field takes a line of its own, under the owner.
 */
static void
out_soa(struct textbuf *o, const struct dns_rr *rr)
{
	const struct dns_soa *s = &rr->soa;

	textbuf_printf(o, "origin = %s\n\tmail addr = %s\n", rr->target,
	    rr->rname);
	textbuf_printf(o, "\tserial = %u\n\trefresh = %u\n\tretry = %u\n",
	    s->serial, s->refresh, s->retry);
	textbuf_printf(o, "\texpire = %u\n\tminimum = %u", s->expire,
	    s->minimum);
}

static bool
is_soa(const struct dns_rr *rr)
{
	return rr->type == DNS_T_SOA && !rr->opaque;
}

/* The words and the rdata, shared by every layout of a record. */
static void
out_words(struct textbuf *o, const struct dns_rr *rr)
{
	if (is_soa(rr)) {
		out_soa(o, rr);
		return;
	}
	out_label(o, rr->type);
	out_rdata(o, rr);
}

/*
 * An answer shows A and AAAA as Name and Address lines; the other
 * sections show them like any other type.
 */
static void
out_rr(struct textbuf *o, const struct dns_rr *rr, bool answer)
{
	if (answer && (rr->type == DNS_T_A || rr->type == DNS_T_AAAA)) {
		textbuf_printf(o, "Name:\t%s\nAddress: ", rr->name);
		out_rdata(o, rr);
		textbuf_printf(o, "\n");
		return;
	}

	textbuf_printf(o, "%s%s", rr->name, is_soa(rr) ? "\n\t" : "\t");
	out_words(o, rr);
	textbuf_printf(o, "\n");
}

size_t
nsfmt_server(const char *name, const char *addr, uint16_t port, char *buf,
    size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	textbuf_printf(&o, "Server:\t\t%s\nAddress:\t%s#%u\n\n", name, addr,
	    port);
	return o.len;
}

size_t
nsfmt_rr(const struct dns_rr *rr, char *buf, size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	out_rr(&o, rr, true);
	return o.len;
}

size_t
nsfmt_rdata(const struct dns_rr *rr, char *buf, size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	out_words(&o, rr);
	return o.len;
}

size_t
nsfmt_answer(const struct dns_msg *m, char *buf, size_t cap)
{
	struct textbuf o;
	size_t i;

	textbuf_init(&o, buf, cap);
	for (i = 0; i < m->nan; i++)
		out_rr(&o, &m->an[i], true);
	return o.len;
}

size_t
nsfmt_authority(const struct dns_msg *m, char *buf, size_t cap)
{
	struct textbuf o;
	size_t i;

	textbuf_init(&o, buf, cap);
	textbuf_printf(&o, "\nAuthoritative answers can be found from:\n");
	for (i = 0; i < m->nns; i++)
		out_rr(&o, &m->ns[i], false);
	for (i = 0; i < m->nar; i++)
		out_rr(&o, &m->ar[i], false);
	return o.len;
}

/*
 * 9.18.49 ends a lookup no server answered with ";; no servers could
 * be reached" alone, after a line per try; older releases printed
 * ";; connection timed out; no servers could be reached".
 */
size_t
nsfmt_failure(const char *asked, const char *outcome, char *buf,
    size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	if (strcmp(outcome, "No answer") == 0)
		textbuf_printf(&o, "*** Can't find %s: No answer\n", asked);
	else if (strcmp(outcome, "timeout") == 0)
		textbuf_printf(&o, ";; no servers could be reached\n");
	else
		textbuf_printf(&o, "** server can't find %s: %s\n", asked,
		    outcome);
	return o.len;
}

size_t
nsfmt_nonauth(char *buf, size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	textbuf_printf(&o, "Non-authoritative answer:\n");
	return o.len;
}

size_t
nsfmt_comm_error(const char *server, uint16_t port, const char *why,
    char *buf, size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	textbuf_printf(&o, ";; communications error to %s#%u: %s\n", server,
	    port, why);
	return o.len;
}

size_t
nsfmt_conn_failed(const char *server, uint16_t port, const char *name,
    const char *why, char *buf, size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	textbuf_printf(&o, ";; Connection to %s#%u(%s) for %s failed: %s.\n",
	    server, port, server, name, why);
	return o.len;
}

size_t
nsfmt_servfail(const char *server, char *buf, size_t cap)
{
	struct textbuf o;

	textbuf_init(&o, buf, cap);
	textbuf_printf(&o, ";; Got SERVFAIL reply from %s\n", server);
	return o.len;
}
