/*
 * Messages are read through a cursor that never passes the end it was
 * given: the end of the message, or of the rdata being read.  A name
 * may jump back into the message from anywhere (RFC 1035, 4.1.4).
 *
 * A message is read twice: the first pass only checks it, so that the
 * caller's struct is written only for a message that decodes whole,
 * without a second copy of that large struct on the stack.
 *
 * Text follows BIND 9.18's nslookup, as seen from it: names escape
 * . " ( ) ; \ @ $ with a backslash and bytes outside 0x21-0x7e as \DDD;
 * character strings are quoted, escaping " and \ and bytes outside
 * 0x20-0x7e; rdata in RFC 3597 form is upper-case hex in words of 28
 * bytes ("\# 40 0001...1A1B 1C1D...2627").
 */
#include <sys/socket.h>
#include <arpa/inet.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dnsmsg.h"

#define NAME_WIRE_MAX	255	/* RFC 1035, 2.3.4 */
#define LABEL_MAX	63	/* RFC 1035, 2.3.4 */
#define LABEL_KIND	0xc0	/* top bits of a length octet */
#define LABEL_PTR	0xc0	/* RFC 1035, 4.1.4 */
#define PTR_HIGH	0x3f
/*
 * A name of 255 octets has at most 127 labels: one jump before each
 * and one to the root is all a compressor can need.
 */
#define HOP_MAX		128
#define HEX_WORD	28	/* bytes per word in BIND's \# form */
#define SECTIONS	3	/* answer, authority, additional */

/* RFC 1035, 4.1.1; AD and CD from RFC 4035, 3.2. */
#define F_QR		0x8000
#define F_AA		0x0400
#define F_TC		0x0200
#define F_RD		0x0100
#define F_RA		0x0080
#define F_AD		0x0020
#define F_CD		0x0010
#define OPCODE_SHIFT	11
#define OPCODE_MASK	0x0f
#define RCODE_MASK	0x0f
#define EXT_RCODE_SHIFT	24	/* RFC 6891, 6.1.3: top octet of the TTL */

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

struct cursor {
	const uint8_t *msg;	/* the whole message, for pointers */
	size_t len;
	size_t off;		/* next byte to read */
	size_t end;		/* reads stop here: len, or the rdata's end */
};

/* Text built in a fixed buffer: a piece goes in whole or not at all. */
struct text {
	char *buf;
	size_t cap;
	size_t len;
	bool full;		/* a piece did not fit; nothing more goes in */
};

/* Where one section's records go; cap 0 while only checking. */
struct section {
	struct dns_rr *rr;
	size_t cap;
	size_t n;
};

/* Everything of a message but its kept records. */
struct parts {
	uint16_t id, flags;
	uint16_t count[1 + SECTIONS];
	char qname[DNSMSG_NAME_MAX];
	uint16_t qtype, qclass;
	struct section sec[SECTIONS];
	size_t dropped;
	bool edns;
	uint16_t edns_size;
	uint8_t ext_rcode;
};

typedef enum dnsmsg_status (*rdata_reader)(struct cursor *, struct dns_rr *);

static bool
take(struct cursor *c, size_t n, const uint8_t **p)
{
	if (c->off > c->end || n > c->end - c->off)
		return false;
	*p = c->msg + c->off;
	c->off += n;
	return true;
}

static bool
get_u8(struct cursor *c, uint8_t *v)
{
	const uint8_t *p;

	if (!take(c, 1, &p))
		return false;
	*v = p[0];
	return true;
}

static bool
get_be16(struct cursor *c, uint16_t *v)
{
	const uint8_t *p;

	if (!take(c, 2, &p))
		return false;
	*v = (uint16_t)(p[0] << 8 | p[1]);
	return true;
}

static bool
get_be32(struct cursor *c, uint32_t *v)
{
	const uint8_t *p;

	if (!take(c, 4, &p))
		return false;
	*v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
	return true;
}

static bool
at_end(const struct cursor *c)
{
	return c->off >= c->end;
}

static void
text_init(struct text *t, char *buf, size_t cap)
{
	t->buf = buf;
	t->cap = cap;
	t->len = 0;
	t->full = false;
	buf[0] = '\0';
}

static void
text_put(struct text *t, const char *s, size_t n)
{
	if (t->full || n >= t->cap - t->len) {
		t->full = true;
		return;
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

static void text_printf(struct text *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* Pieces put this way are short: a number, an escape, a hex pair. */
static void
text_printf(struct text *t, const char *fmt, ...)
{
	char piece[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(piece, sizeof(piece), fmt, ap);
	va_end(ap);

	if (n > 0 && (size_t)n < sizeof(piece))
		text_put(t, piece, (size_t)n);
}

/* A name with its trailing dot, as rdata shows it: "." stays ".". */
static void
text_fqdn(struct text *t, const char *name)
{
	text_put(t, name, strlen(name));
	if (strcmp(name, ".") != 0)
		text_put(t, ".", 1);
}

static void
put_label_byte(struct text *t, uint8_t b)
{
	static const char special[] = ".\"();\\@$";
	char c = (char)b;

	if (b != 0 && memchr(special, b, sizeof(special) - 1) != NULL) {
		text_put(t, "\\", 1);
		text_put(t, &c, 1);
	} else if (b > 0x20 && b < 0x7f)
		text_put(t, &c, 1);
	else
		text_printf(t, "\\%03u", b);
}

/* Inside quotes a space is itself; " and \ need a backslash. */
static void
put_string_byte(struct text *t, uint8_t b)
{
	char c = (char)b;

	if (b == '"' || b == '\\') {
		text_put(t, "\\", 1);
		text_put(t, &c, 1);
	} else if (b >= 0x20 && b < 0x7f)
		text_put(t, &c, 1);
	else
		text_printf(t, "\\%03u", b);
}

static void
put_label(struct text *t, const uint8_t *p, size_t n)
{
	size_t i;

	if (t->len > 0)
		text_put(t, ".", 1);
	for (i = 0; i < n; i++)
		put_label_byte(t, p[i]);
}

/*
 * Follows a compression pointer at pos.  Each target must lie before
 * the pointer and before every earlier target, so no chain of
 * pointers can come back to where it was (the rule BIND keeps too).
 */
static enum dnsmsg_status
jump(struct cursor *at, uint8_t high, size_t pos, size_t *limit,
    unsigned *hops)
{
	uint8_t low;
	size_t target;

	if (!get_u8(at, &low))
		return DNSMSG_SHORT;

	target = (size_t)(high & PTR_HIGH) << 8 | low;
	if (target >= pos || target >= *limit || ++*hops > HOP_MAX)
		return DNSMSG_BAD_NAME;
	*limit = target;
	at->off = target;
	at->end = at->len;
	return DNSMSG_OK;
}

/*
 * One label at the cursor, its length octet already read.  A length
 * octet over 63 has a top bit set: 11 is a pointer, read elsewhere;
 * 01 is the extended label RFC 6891 retired, 10 never had a meaning.
 */
static enum dnsmsg_status
label(struct cursor *at, uint8_t n, size_t *wire, struct text *t)
{
	const uint8_t *p;

	if ((n & LABEL_KIND) != 0)
		return DNSMSG_BAD_NAME;
	if (!take(at, n, &p))
		return DNSMSG_SHORT;

	*wire += 1 + (size_t)n;
	if (*wire > NAME_WIRE_MAX)
		return DNSMSG_BAD_NAME;
	put_label(t, p, n);
	return DNSMSG_OK;
}

/*
 * Reads the name at c into out and moves c past the octets it takes
 * in place.  SHORT says those ran past c->end; past a jump, running
 * out of message is a bad name instead, as the octets are not cut
 * but missing.
 */
static enum dnsmsg_status
read_name(struct cursor *c, char *out, size_t cap)
{
	struct cursor at = *c;
	struct text t;
	size_t wire = 1, limit = c->len, pos, after = 0;
	unsigned hops = 0;
	enum dnsmsg_status st = DNSMSG_OK;
	uint8_t n;

	text_init(&t, out, cap);
	for (;;) {
		pos = at.off;
		if (!get_u8(&at, &n))
			st = DNSMSG_SHORT;
		else if (n == 0)
			break;
		else if ((n & LABEL_KIND) == LABEL_PTR) {
			if (hops == 0)
				after = pos + 2;
			st = jump(&at, n, pos, &limit, &hops);
		} else
			st = label(&at, n, &wire, &t);
		if (st != DNSMSG_OK)
			return hops > 0 && st == DNSMSG_SHORT ?
			    DNSMSG_BAD_NAME : st;
	}

	c->off = hops > 0 ? after : at.off;
	if (t.len == 0)
		text_put(&t, ".", 1);
	return t.full ? DNSMSG_BAD_NAME : DNSMSG_OK;
}

static enum dnsmsg_status
read_addr(struct cursor *rd, struct dns_rr *rr, size_t n)
{
	const uint8_t *p;

	if (!take(rd, n, &p))
		return DNSMSG_BAD_RDATA;
	memcpy(rr->addr, p, n);
	return DNSMSG_OK;
}

/* RFC 1035, 3.4.1 */
static enum dnsmsg_status
read_a(struct cursor *rd, struct dns_rr *rr)
{
	return read_addr(rd, rr, 4);
}

/* RFC 3596, 2.2 */
static enum dnsmsg_status
read_aaaa(struct cursor *rd, struct dns_rr *rr)
{
	return read_addr(rd, rr, 16);
}

/* A name inside rdata that runs past the rdata is the rdata's fault. */
static enum dnsmsg_status
rdata_name(struct cursor *rd, char *out)
{
	enum dnsmsg_status st;

	st = read_name(rd, out, DNSMSG_NAME_MAX);
	return st == DNSMSG_SHORT ? DNSMSG_BAD_RDATA : st;
}

/* NS, CNAME, PTR (RFC 1035, 3.3) and DNAME (RFC 6672, 2.1). */
static enum dnsmsg_status
read_target(struct cursor *rd, struct dns_rr *rr)
{
	return rdata_name(rd, rr->target);
}

/* RFC 1035, 3.3.9 */
static enum dnsmsg_status
read_mx(struct cursor *rd, struct dns_rr *rr)
{
	if (!get_be16(rd, &rr->prio))
		return DNSMSG_BAD_RDATA;
	return rdata_name(rd, rr->target);
}

/*
 * RFC 2782 asks senders not to compress the target, but RFC 3597, 4
 * has receivers take it compressed all the same.
 */
static enum dnsmsg_status
read_srv(struct cursor *rd, struct dns_rr *rr)
{
	if (!get_be16(rd, &rr->prio) || !get_be16(rd, &rr->weight) ||
	    !get_be16(rd, &rr->port))
		return DNSMSG_BAD_RDATA;
	return rdata_name(rd, rr->target);
}

static void
soa_text(struct dns_rr *rr)
{
	struct text t;
	const struct dns_soa *s = &rr->soa;

	text_init(&t, rr->text, sizeof(rr->text));
	text_fqdn(&t, rr->rname);
	text_printf(&t, " %u %u %u %u %u", s->serial, s->refresh, s->retry,
	    s->expire, s->minimum);
	rr->truncated_text = t.full;
}

/* RFC 1035, 3.3.13 */
static enum dnsmsg_status
read_soa(struct cursor *rd, struct dns_rr *rr)
{
	struct dns_soa *s = &rr->soa;
	enum dnsmsg_status st;

	if ((st = rdata_name(rd, rr->target)) != DNSMSG_OK ||
	    (st = rdata_name(rd, rr->rname)) != DNSMSG_OK)
		return st;

	if (!get_be32(rd, &s->serial) || !get_be32(rd, &s->refresh) ||
	    !get_be32(rd, &s->retry) || !get_be32(rd, &s->expire) ||
	    !get_be32(rd, &s->minimum))
		return DNSMSG_BAD_RDATA;
	soa_text(rr);
	return DNSMSG_OK;
}

/* <character-string>s (RFC 1035, 3.3) to the end of the rdata. */
static enum dnsmsg_status
read_strings(struct cursor *rd, struct dns_rr *rr, size_t *count)
{
	struct text t;
	const uint8_t *p;
	uint8_t n;
	size_t i;

	text_init(&t, rr->text, sizeof(rr->text));
	for (*count = 0; !at_end(rd); ++*count) {
		if (!get_u8(rd, &n) || !take(rd, n, &p))
			return DNSMSG_BAD_RDATA;

		if (*count > 0)
			text_put(&t, " ", 1);
		text_put(&t, "\"", 1);
		for (i = 0; i < n; i++)
			put_string_byte(&t, p[i]);
		text_put(&t, "\"", 1);
	}
	rr->truncated_text = t.full;
	return DNSMSG_OK;
}

/* TXT (RFC 1035, 3.3.14) and SPF (RFC 4408, 3.1.1): one or more. */
static enum dnsmsg_status
read_txt(struct cursor *rd, struct dns_rr *rr)
{
	enum dnsmsg_status st;
	size_t count;

	st = read_strings(rd, rr, &count);
	if (st == DNSMSG_OK && count == 0)
		return DNSMSG_BAD_RDATA;
	return st;
}

/* RFC 1035, 3.3.2: exactly CPU and OS. */
static enum dnsmsg_status
read_hinfo(struct cursor *rd, struct dns_rr *rr)
{
	enum dnsmsg_status st;
	size_t count;

	st = read_strings(rd, rr, &count);
	if (st == DNSMSG_OK && count != 2)
		return DNSMSG_BAD_RDATA;
	return st;
}

/* RFC 3597, 5, with BIND's words of hex. */
static enum dnsmsg_status
read_opaque(struct cursor *rd, struct dns_rr *rr)
{
	struct text t;
	const uint8_t *p;
	size_t n = rd->end - rd->off, i;

	if (!take(rd, n, &p))
		return DNSMSG_BAD_RDATA;

	text_init(&t, rr->text, sizeof(rr->text));
	text_printf(&t, "\\# %zu", n);
	for (i = 0; i < n; i++)
		text_printf(&t, i % HEX_WORD == 0 ? " %02X" : "%02X", p[i]);
	rr->truncated_text = t.full;
	rr->opaque = 1;
	return DNSMSG_OK;
}

/*
 * The rdata layouts read here.  A, AAAA and SRV are laid out for class
 * IN only; in another class they are of unknown type (RFC 3597, 2).
 */
static rdata_reader
reader_for(uint16_t type, uint16_t rclass)
{
	static const struct {
		uint16_t type;
		bool in_only;
		rdata_reader read;
	} kinds[] = {
		{ DNS_T_A, true, read_a },
		{ DNS_T_NS, false, read_target },
		{ DNS_T_CNAME, false, read_target },
		{ DNS_T_SOA, false, read_soa },
		{ DNS_T_PTR, false, read_target },
		{ DNS_T_HINFO, false, read_hinfo },
		{ DNS_T_MX, false, read_mx },
		{ DNS_T_TXT, false, read_txt },
		{ DNS_T_AAAA, true, read_aaaa },
		{ DNS_T_SRV, true, read_srv },
		{ DNS_T_DNAME, false, read_target },
		{ DNS_T_SPF, false, read_txt },
	};
	size_t i;

	for (i = 0; i < NITEMS(kinds); i++)
		if (kinds[i].type == type)
			return !kinds[i].in_only || rclass == DNS_C_IN ?
			    kinds[i].read : read_opaque;
	return read_opaque;
}

/* The rdata must be filled exactly by what its type holds. */
static enum dnsmsg_status
read_rdata(struct cursor *rd, struct dns_rr *rr)
{
	enum dnsmsg_status st;

	st = reader_for(rr->type, rr->rclass)(rd, rr);
	if (st == DNSMSG_OK && rd->off != rd->end)
		return DNSMSG_BAD_RDATA;
	return st;
}

/* RFC 1035, 4.1.3 */
static enum dnsmsg_status
read_rr(struct cursor *c, struct dns_rr *rr)
{
	struct cursor rd;
	uint16_t rdlen;
	enum dnsmsg_status st;

	memset(rr, 0, sizeof(*rr));
	if ((st = read_name(c, rr->name, sizeof(rr->name))) != DNSMSG_OK)
		return st;

	if (!get_be16(c, &rr->type) || !get_be16(c, &rr->rclass) ||
	    !get_be32(c, &rr->ttl) || !get_be16(c, &rdlen) ||
	    rdlen > c->end - c->off)
		return DNSMSG_SHORT;

	rd = *c;
	rd.end = c->off + rdlen;
	c->off = rd.end;
	return read_rdata(&rd, rr);
}

/* RFC 1035, 4.1.2: only the first question is kept. */
static enum dnsmsg_status
read_question(struct cursor *c, struct parts *p, bool first)
{
	char scratch[DNSMSG_NAME_MAX];
	uint16_t qtype, qclass;
	enum dnsmsg_status st;

	st = read_name(c, first ? p->qname : scratch, DNSMSG_NAME_MAX);
	if (st != DNSMSG_OK)
		return st;
	if (!get_be16(c, &qtype) || !get_be16(c, &qclass))
		return DNSMSG_SHORT;

	if (first) {
		p->qtype = qtype;
		p->qclass = qclass;
	}
	return DNSMSG_OK;
}

/*
 * RFC 6891, 6.1.2 and 6.1.3: the class is the payload size, the top
 * octet of the TTL extends the rcode.  Only the first OPT counts.
 */
static void
note_opt(struct parts *p, const struct dns_rr *rr)
{
	if (p->edns)
		return;
	p->edns = true;
	p->edns_size = rr->rclass;
	p->ext_rcode = (uint8_t)(rr->ttl >> EXT_RCODE_SHIFT);
}

static void
keep(struct parts *p, int sec, const struct dns_rr *rr)
{
	struct section *s = &p->sec[sec];

	if (sec == SECTIONS - 1 && rr->type == DNS_T_OPT)
		note_opt(p, rr);
	else if (s->n < s->cap)
		s->rr[s->n++] = *rr;
	else
		p->dropped++;
}

static enum dnsmsg_status
read_header(struct cursor *c, struct parts *p)
{
	size_t i;

	if (!get_be16(c, &p->id) || !get_be16(c, &p->flags))
		return DNSMSG_SHORT;
	for (i = 0; i < NITEMS(p->count); i++)
		if (!get_be16(c, &p->count[i]))
			return DNSMSG_SHORT;

	return (p->flags & F_QR) ? DNSMSG_OK : DNSMSG_NOT_RESPONSE;
}

/*
 * A message that ends where a counted record would begin is a count
 * the bytes do not hold; one that ends inside a record is cut short.
 */
static enum dnsmsg_status
read_message(struct cursor *c, struct parts *p, struct dns_rr *scratch)
{
	enum dnsmsg_status st;
	size_t i;
	int sec;

	if ((st = read_header(c, p)) != DNSMSG_OK)
		return st;

	for (i = 0; i < p->count[0]; i++) {
		if (at_end(c))
			return DNSMSG_COUNT_LIE;
		if ((st = read_question(c, p, i == 0)) != DNSMSG_OK)
			return st;
	}

	for (sec = 0; sec < SECTIONS; sec++)
		for (i = 0; i < p->count[1 + sec]; i++) {
			if (at_end(c))
				return DNSMSG_COUNT_LIE;
			if ((st = read_rr(c, scratch)) != DNSMSG_OK)
				return st;
			keep(p, sec, scratch);
		}
	return DNSMSG_OK;
}

static void
parts_init(struct parts *p, struct dns_msg *m)
{
	memset(p, 0, sizeof(*p));
	if (m == NULL)
		return;
	p->sec[0] = (struct section){ m->an, NITEMS(m->an), 0 };
	p->sec[1] = (struct section){ m->ns, NITEMS(m->ns), 0 };
	p->sec[2] = (struct section){ m->ar, NITEMS(m->ar), 0 };
}

static void
fill_msg(struct dns_msg *m, const struct parts *p)
{
	m->id = p->id;
	m->qr = (p->flags & F_QR) != 0;
	m->opcode = (p->flags >> OPCODE_SHIFT) & OPCODE_MASK;
	m->aa = (p->flags & F_AA) != 0;
	m->tc = (p->flags & F_TC) != 0;
	m->rd = (p->flags & F_RD) != 0;
	m->ra = (p->flags & F_RA) != 0;
	m->ad = (p->flags & F_AD) != 0;
	m->cd = (p->flags & F_CD) != 0;
	m->rcode = p->ext_rcode << 4 | (p->flags & RCODE_MASK);

	m->qdcount = p->count[0];
	m->ancount = p->count[1];
	m->nscount = p->count[2];
	m->arcount = p->count[3];
	memcpy(m->qname, p->qname, sizeof(m->qname));
	m->qtype = p->qtype;
	m->qclass = p->qclass;

	m->nan = p->sec[0].n;
	m->nns = p->sec[1].n;
	m->nar = p->sec[2].n;
	m->dropped = p->dropped;
	m->edns = p->edns;
	m->edns_size = p->edns_size;
}

enum dnsmsg_status
dnsmsg_decode(const uint8_t *buf, size_t len, struct dns_msg *out)
{
	struct cursor c = { buf, len, 0, len };
	struct parts p;
	struct dns_rr scratch;
	enum dnsmsg_status st;

	parts_init(&p, NULL);
	if ((st = read_message(&c, &p, &scratch)) != DNSMSG_OK)
		return st;

	memset(out, 0, sizeof(*out));
	parts_init(&p, out);
	c.off = 0;
	st = read_message(&c, &p, &scratch);
	fill_msg(out, &p);
	return st;
}

const char *
dnsmsg_strerror(enum dnsmsg_status st)
{
	switch (st) {
	case DNSMSG_OK:
		return "no error";
	case DNSMSG_SHORT:
		return "message cut inside a record";
	case DNSMSG_BAD_NAME:
		return "malformed domain name";
	case DNSMSG_BAD_RDATA:
		return "record data of the wrong length for its type";
	case DNSMSG_COUNT_LIE:
		return "header counts more records than the message holds";
	case DNSMSG_NOT_RESPONSE:
		return "not a response";
	}
	return "unknown decoding status";
}

int
dnsmsg_is_truncated(const uint8_t *buf, size_t len)
{
	struct cursor c = { buf, len, 2, len };
	uint16_t flags;

	if (len < DNSMSG_HDR_LEN || !get_be16(&c, &flags))
		return 0;
	return (flags & F_TC) != 0;
}

static const struct {
	uint16_t type;
	const char *name;
} type_names[] = {
	{ DNS_T_A, "A" }, { DNS_T_NS, "NS" }, { DNS_T_CNAME, "CNAME" },
	{ DNS_T_SOA, "SOA" }, { DNS_T_PTR, "PTR" },
	{ DNS_T_HINFO, "HINFO" }, { DNS_T_MX, "MX" }, { DNS_T_TXT, "TXT" },
	{ DNS_T_AAAA, "AAAA" }, { DNS_T_SRV, "SRV" },
	{ DNS_T_DNAME, "DNAME" }, { DNS_T_OPT, "OPT" },
	{ DNS_T_SPF, "SPF" }, { DNS_T_ANY, "ANY" },
};

static const char *
known_type(uint16_t type)
{
	size_t i;

	for (i = 0; i < NITEMS(type_names); i++)
		if (type_names[i].type == type)
			return type_names[i].name;
	return NULL;
}

size_t
dns_type_text(uint16_t type, char *buf, size_t cap)
{
	const char *name = known_type(type);
	int n;

	if (name != NULL)
		n = snprintf(buf, cap, "%s", name);
	else
		n = snprintf(buf, cap, "TYPE%u", type);
	return n > 0 ? (size_t)n : 0;
}

const char *
dns_type_name(uint16_t type)
{
	static _Thread_local char buf[sizeof("TYPE65535")];
	const char *name = known_type(type);

	if (name != NULL)
		return name;
	dns_type_text(type, buf, sizeof(buf));
	return buf;
}

/* RFC 3597, 5: "TYPE" and the number in decimal. */
static int
generic_type(const char *s, uint16_t *type)
{
	unsigned long v = 0;

	if (strncasecmp(s, "TYPE", 4) != 0 || s[4] == '\0')
		return -1;
	for (s += 4; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > UINT16_MAX)
			return -1;
	}
	*type = (uint16_t)v;
	return 0;
}

int
dns_type_from_name(const char *s, uint16_t *type)
{
	size_t i;

	for (i = 0; i < NITEMS(type_names); i++)
		if (strcasecmp(s, type_names[i].name) == 0) {
			*type = type_names[i].type;
			return 0;
		}
	return generic_type(s, type);
}

/* As nslookup names them (RFC 1035, 4.1.1; RFC 2136, 2.2; RFC 6891). */
const char *
dns_rcode_name(int rcode)
{
	static const char *const names[] = {
		"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",
		"REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH",
		"NOTZONE", "RESERVED11", "RESERVED12", "RESERVED13",
		"RESERVED14", "RESERVED15", "BADVERS",
	};

	if (rcode < 0 || (size_t)rcode >= NITEMS(names))
		return "unknown rcode";
	return names[rcode];
}

/* Bytes written into a fixed buffer; running over is noted, not done. */
struct wire {
	uint8_t *buf;
	size_t cap;
	size_t len;
	bool over;
};

static void
put_bytes(struct wire *w, const uint8_t *p, size_t n)
{
	if (w->over || n > w->cap - w->len) {
		w->over = true;
		return;
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

static void
put_be16(struct wire *w, uint16_t v)
{
	const uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	put_bytes(w, b, sizeof(b));
}

/* RFC 1035, 5.1: \DDD is a byte in decimal, \X is X itself. */
static int
unescape(const char **sp, uint8_t *b)
{
	const char *s = *sp + 1;
	unsigned v = 0;
	int i;

	if (*s == '\0')
		return -1;
	if (*s < '0' || *s > '9') {
		*b = (uint8_t)*s;
		*sp = s + 1;
		return 0;
	}

	for (i = 0; i < 3; i++, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (unsigned)(*s - '0');
	}
	if (v > UINT8_MAX)
		return -1;
	*b = (uint8_t)v;
	*sp = s;
	return 0;
}

/* One label up to an unescaped dot or the end, at most 63 octets. */
static int
parse_label(const char **sp, uint8_t *label, size_t *n)
{
	const char *s = *sp;
	uint8_t b;

	*n = 0;
	while (*s != '\0' && *s != '.') {
		if (*s != '\\')
			b = (uint8_t)*s++;
		else if (unescape(&s, &b) == -1)
			return -1;
		if (*n == LABEL_MAX)
			return -1;
		label[(*n)++] = b;
	}
	*sp = s;
	return 0;
}

/*
 * A presentation name to wire form (RFC 1035, 3.1).  Empty labels are
 * refused, so "", "a..b" and "a.." are bad; one trailing dot is not.
 */
static int
encode_name(const char *s, uint8_t *out, size_t *len)
{
	uint8_t label[LABEL_MAX];
	size_t n;

	*len = 0;
	if (*s == '\0')
		return -1;
	if (strcmp(s, ".") == 0)
		s++;
	while (*s != '\0') {
		if (parse_label(&s, label, &n) == -1 || n == 0 ||
		    *len + 1 + n + 1 > NAME_WIRE_MAX)
			return -1;

		out[(*len)++] = (uint8_t)n;
		memcpy(out + *len, label, n);
		*len += n;
		if (*s == '.')
			s++;
	}
	out[(*len)++] = 0;
	return 0;
}

/* RFC 6891, 6.1.2: root owner, size as class, TTL 0, no options. */
static void
put_opt(struct wire *w, uint16_t size)
{
	static const uint8_t root = 0;

	put_bytes(w, &root, 1);
	put_be16(w, DNS_T_OPT);
	put_be16(w, size);
	put_be16(w, 0);
	put_be16(w, 0);
	put_be16(w, 0);
}

int
dnsmsg_build_query(uint16_t id, const char *name, uint16_t qtype, int rd,
    int edns_size, uint8_t *buf, size_t cap)
{
	struct wire w = { buf, cap, 0, false };
	uint8_t qname[NAME_WIRE_MAX];
	size_t qlen;

	if (encode_name(name, qname, &qlen) == -1 ||
	    (edns_size != 0 && (edns_size < 512 || edns_size > UINT16_MAX)))
		return -1;

	put_be16(&w, id);
	put_be16(&w, rd ? F_RD : 0);
	put_be16(&w, 1);
	put_be16(&w, 0);
	put_be16(&w, 0);
	put_be16(&w, edns_size != 0);

	put_bytes(&w, qname, qlen);
	put_be16(&w, qtype);
	put_be16(&w, DNS_C_IN);
	if (edns_size != 0)
		put_opt(&w, (uint16_t)edns_size);
	return w.over ? -1 : (int)w.len;
}

static int
reverse_v4(const uint8_t *a, char *out, size_t cap)
{
	int n;

	n = snprintf(out, cap, "%u.%u.%u.%u.in-addr.arpa", a[3], a[2], a[1],
	    a[0]);
	return n > 0 && (size_t)n < cap ? 0 : -1;
}

/* RFC 3596, 2.5: every nibble, lowest first, in lower-case hex. */
static int
reverse_v6(const uint8_t *a, char *out, size_t cap)
{
	static const char hex[] = "0123456789abcdef";
	char name[sizeof("x.") * 32 + sizeof("ip6.arpa")];
	size_t len = 0;
	int i;

	for (i = 15; i >= 0; i--) {
		name[len++] = hex[a[i] & 0x0f];
		name[len++] = '.';
		name[len++] = hex[a[i] >> 4];
		name[len++] = '.';
	}
	memcpy(name + len, "ip6.arpa", sizeof("ip6.arpa"));

	len += sizeof("ip6.arpa") - 1;
	if (len >= cap)
		return -1;
	memcpy(out, name, len + 1);
	return 0;
}

int
dnsmsg_reverse_name(const char *addr, char *out, size_t cap)
{
	uint8_t a[16];

	if (inet_pton(AF_INET, addr, a) == 1)
		return reverse_v4(a, out, cap);
	if (inet_pton(AF_INET6, addr, a) == 1)
		return reverse_v6(a, out, cap);
	return -1;
}
