/*
 * DNS messages (RFC 1035, 4.1) read into plain structs, and the one
 * kind of message probe writes: a query.  Every byte is read through
 * bounded accessors; a message that claims more than it holds is
 * reported as such, never read past its end.  Pure: no I/O.
 */
#ifndef PROBE_DNSMSG_H
#define PROBE_DNSMSG_H

#include <stddef.h>
#include <stdint.h>

#define DNSMSG_NAME_MAX	256	/* presentation, no trailing dot, with NUL */
#define DNSMSG_RR_CAP	64
#define DNSMSG_TEXT_MAX	512
#define DNSMSG_HDR_LEN	12	/* RFC 1035, 4.1.1 */

enum {
	DNS_T_A = 1, DNS_T_NS = 2, DNS_T_CNAME = 5, DNS_T_SOA = 6,
	DNS_T_PTR = 12, DNS_T_HINFO = 13, DNS_T_MX = 15, DNS_T_TXT = 16,
	DNS_T_AAAA = 28, DNS_T_SRV = 33, DNS_T_DNAME = 39, DNS_T_OPT = 41,
	DNS_T_SPF = 99, DNS_T_ANY = 255,
};

enum {
	DNS_C_IN = 1,
};

/* The numbers of an SOA record (RFC 1035, 3.3.13). */
struct dns_soa {
	uint32_t serial, refresh, retry, expire, minimum;
};

/*
 * One resource record.  Names are in BIND's presentation form without
 * the trailing dot ("." for the root): dots and special characters
 * inside a label escaped with a backslash, other bytes outside
 * 0x21-0x7e as \DDD.  Fields a type does not use are zero or "".
 */
struct dns_rr {
	char name[DNSMSG_NAME_MAX];
	uint16_t type, rclass;
	uint32_t ttl;
	uint8_t addr[16];		/* A: 4 bytes, AAAA: 16 */
	char target[DNSMSG_NAME_MAX];	/* CNAME, NS, PTR, DNAME, MX
					   exchange, SRV target, SOA mname */
	uint16_t prio, weight, port;	/* SRV; MX preference in prio */
	/*
	 * TXT, SPF and HINFO as nslookup shows them: "a" "b"; for SOA
	 * "rname. serial refresh retry expire minimum"; for any other
	 * type, and for A, AAAA and SRV outside class IN, the RFC 3597
	 * form "\# LEN HEX" in BIND's layout.
	 */
	char text[DNSMSG_TEXT_MAX];
	int truncated_text;		/* text did not fit; cut at a whole
					   character or escape */
	int opaque;			/* rdata only in text, RFC 3597 form */
	char rname[DNSMSG_NAME_MAX];	/* SOA mailbox */
	struct dns_soa soa;
};

/*
 * A decoded response.  Large (over 100 KiB): allocate it rather than
 * putting it on a small stack.
 */
struct dns_msg {
	uint16_t id;
	int qr, opcode, aa, tc, rd, ra, ad, cd;
	int rcode;		/* with the EDNS extended bits (RFC 6891) */
	uint16_t qdcount, ancount, nscount, arcount;	/* as claimed */
	char qname[DNSMSG_NAME_MAX];	/* first question; "" if none */
	uint16_t qtype, qclass;
	struct dns_rr an[DNSMSG_RR_CAP];	/* answer, in message order */
	size_t nan;
	struct dns_rr ns[DNSMSG_RR_CAP / 4];	/* authority */
	size_t nns;
	struct dns_rr ar[DNSMSG_RR_CAP / 4];	/* additional, without OPT */
	size_t nar;
	size_t dropped;		/* records past the caps, all sections */
	int edns;		/* an OPT record was in additional */
	uint16_t edns_size;	/* its UDP payload size */
};

enum dnsmsg_status {
	DNSMSG_OK = 0,
	DNSMSG_SHORT,		/* the message ends inside a record */
	DNSMSG_BAD_NAME,	/* bad label type, pointer loop or forward
				   pointer, name over 255 octets, or its
				   escaped form over DNSMSG_NAME_MAX */
	DNSMSG_BAD_RDATA,	/* rdata length wrong for its type */
	DNSMSG_COUNT_LIE,	/* the message ends between records while
				   the header counts more */
	DNSMSG_NOT_RESPONSE,	/* QR is 0 */
};

/*
 * Decodes the message in buf.  On any status but DNSMSG_OK, out is
 * left untouched.  Bytes after the last counted record are ignored.
 */
enum dnsmsg_status dnsmsg_decode(const uint8_t *buf, size_t len,
    struct dns_msg *out);

const char *dnsmsg_strerror(enum dnsmsg_status st);

/*
 * Whether buf holds at least a header with TC set, whether or not the
 * rest decodes: a server may cut a UDP answer inside a record, and
 * RFC 2181, 9 has the client ignore the rest and ask again over TCP.
 */
int dnsmsg_is_truncated(const uint8_t *buf, size_t len);

/*
 * "A", "AAAA", "SRV", ... for the types above; "TYPE65" (RFC 3597, 5)
 * for others, in a buffer of the calling thread that the next such
 * call overwrites.
 */
const char *dns_type_name(uint16_t type);

/* The same into buf, snprintf-style. */
size_t dns_type_text(uint16_t type, char *buf, size_t cap);

/* "srv" -> 33, case-insensitive, also "TYPE33"; 0 ok, -1 unknown. */
int dns_type_from_name(const char *s, uint16_t *type);

/*
 * The rcode names nslookup prints (0 to 16, "RESERVED11" to
 * "RESERVED15" included), "unknown rcode" above.
 */
const char *dns_rcode_name(int rcode);

/*
 * Writes a query for name (presentation form, escapes allowed, a
 * trailing dot optional) of class IN into buf (RFC 1035, 4.1), with RD
 * if rd, and an OPT record offering edns_size bytes (RFC 6891, 6.2.3)
 * unless edns_size is 0.  Returns the length, or -1 for a bad name,
 * an edns_size outside 0 and 512 to 65535, or a cap too small.
 */
int dnsmsg_build_query(uint16_t id, const char *name, uint16_t qtype,
    int rd, int edns_size, uint8_t *buf, size_t cap);

/*
 * "144.78.18.198.in-addr.arpa" (RFC 1035, 3.5) or the nibble form
 * under ip6.arpa (RFC 3596, 2.5) for a numeric address.  0 ok, -1 not
 * an address or cap too small.
 */
int dnsmsg_reverse_name(const char *addr, char *out, size_t cap);

#endif
