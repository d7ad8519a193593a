#include "unit.h"

#include <sys/socket.h>
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dnsmsg.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define FILL		0xa5
#define STARTS_CAP	8
#define BIG		2048

/* Wire bytes, big-endian, as RFC 1035, 4.1 lays them out. */
#define U16(v)		((v) >> 8) & 0xff, (v) & 0xff
#define U32(v)		((v) >> 24) & 0xff, ((v) >> 16) & 0xff, \
			((v) >> 8) & 0xff, (v) & 0xff
#define HDR(id, fl, qd, an, ns, ar) \
			U16(id), U16(fl), U16(qd), U16(an), U16(ns), U16(ar)
#define QIN(type)	U16(type), U16(1)
#define RR(type, cl, ttl, rdlen) \
			U16(type), U16(cl), U32(ttl), U16(rdlen)
#define PTR(off)	0xc0 | ((off) >> 8), (off) & 0xff
#define MSG(...)	(const uint8_t[]){ __VA_ARGS__ }, \
			sizeof((const uint8_t[]){ __VA_ARGS__ })

#define N_T		1, 't', 0
#define N_MYSQL		5, 'm', 'y', 's', 'q', 'l', \
			7, 'd', 'e', 'f', 'a', 'u', 'l', 't', \
			3, 's', 'v', 'c', \
			7, 'c', 'l', 'u', 's', 't', 'e', 'r', \
			5, 'l', 'o', 'c', 'a', 'l', 0
#define ESC_LABELS	3, 'a', '.', 'b', 3, 'c', ' ', 'd', \
			9, 'q', '"', '(', 'x', ')', ';', '\\', '@', '$', \
			3, 0x00, 0x7f, 0xff
#define ESC_TEXT	"a\\.b.c\\032d.q\\\"\\(x\\)\\;\\\\\\@\\$." \
			"\\000\\127\\255"
#define BYTES_0_39	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, \
			16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, \
			29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39

#define MYSQL		"mysql.default.svc.cluster.local"
#define HEAD_OK		" dropped=0 edns=0/0"

/* The first record of mysql's A answer, and every byte of it. */
#define MYSQL_A_MSG	HDR(0xbeef, 0x8580, 1, 1, 0, 0), N_MYSQL, QIN(1), \
			PTR(12), RR(1, 1, 600, 4), 198, 18, 78, 144

/*
 * A message that decodes, what it decodes to, and where its records
 * start: cut there it is a count lie, cut anywhere else it is short.
 */
struct ok_case {
	const char *name;
	const uint8_t *msg;
	size_t len;
	const char *head;
	const char *rrs;
	size_t starts[STARTS_CAP];
	size_t end;		/* last record's end; bytes after it ignored */
};

static const struct ok_case ok_cases[] = {
	{ "A, owner compressed", MSG(MYSQL_A_MSG),
	    "id=48879 flags=qr,aa,rd,ra op=0 rcode=0 counts=1/1/0/0 q="
	    MYSQL "/1/1 kept=1/0/0" HEAD_OK,
	    "an " MYSQL " 1 1 600 addr=198.18.78.144\n", { 12, 49 }, 65 },
	{ "AAAA", MSG(HDR(0x0102, 0x8580, 1, 1, 0, 0), N_MYSQL, QIN(28),
	    PTR(12), RR(28, 1, 600, 16), 0xfd, 0x00, 0x01, 0x98, 0x00, 0x18,
	    0, 0, 0, 0, 0, 0, 0x00, 0x78, 0x01, 0x44),
	    "id=258 flags=qr,aa,rd,ra op=0 rcode=0 counts=1/1/0/0 q="
	    MYSQL "/28/1 kept=1/0/0" HEAD_OK,
	    "an " MYSQL " 28 1 600 addr=fd00:198:18::78:144\n", { 12, 49 },
	    77 },
	{ "CNAME chain, pointer into a name", MSG(HDR(3, 0x8180, 1, 2, 0, 0),
	    3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
	    3, 'c', 'o', 'm', 0, QIN(1),
	    PTR(12), RR(5, 1, 300, 6), 3, 'w', 'e', 'b', PTR(16),
	    PTR(45), RR(1, 1, 300, 4), 198, 18, 40, 1),
	    "id=3 flags=qr,rd,ra op=0 rcode=0 counts=1/2/0/0 "
	    "q=www.example.com/1/1 kept=2/0/0" HEAD_OK,
	    "an www.example.com 5 1 300 target=web.example.com\n"
	    "an web.example.com 1 1 300 addr=198.18.40.1\n",
	    { 12, 33, 51 }, 67 },
	{ "SRV, target compressed", MSG(HDR(4, 0x8580, 1, 1, 0, 0),
	    6, '_', 'm', 'y', 's', 'q', 'l', 4, '_', 't', 'c', 'p', N_MYSQL,
	    QIN(33), PTR(12), RR(33, 1, 30, 8), U16(0), U16(100), U16(3306),
	    PTR(24)),
	    "id=4 flags=qr,aa,rd,ra op=0 rcode=0 counts=1/1/0/0 "
	    "q=_mysql._tcp." MYSQL "/33/1 kept=1/0/0" HEAD_OK,
	    "an _mysql._tcp." MYSQL " 33 1 30 target=" MYSQL
	    " pwp=0,100,3306\n", { 12, 61 }, 81 },
	{ "PTR", MSG(HDR(5, 0x8580, 1, 1, 0, 0), 3, '1', '4', '4',
	    2, '7', '8', 2, '1', '8', 3, '1', '9', '8',
	    7, 'i', 'n', '-', 'a', 'd', 'd', 'r', 4, 'a', 'r', 'p', 'a', 0,
	    QIN(12), PTR(12), RR(12, 1, 0, 33), N_MYSQL),
	    "id=5 flags=qr,aa,rd,ra op=0 rcode=0 counts=1/1/0/0 "
	    "q=144.78.18.198.in-addr.arpa/12/1 kept=1/0/0" HEAD_OK,
	    "an 144.78.18.198.in-addr.arpa 12 1 0 target=" MYSQL "\n",
	    { 12, 44 }, 89 },
	{ "TXT, five strings", MSG(HDR(6, 0x8580, 1, 1, 0, 0), N_T, QIN(16),
	    PTR(12), RR(16, 1, 60, 22), 0, 3, 'a', ' ', 'b',
	    3, 'q', '"', '\\', 3, '\t', 0x7f, 0xff,
	    8, 's', 'e', 'm', 'i', ';', 'a', 't', '@'),
	    "id=6 flags=qr,aa,rd,ra op=0 rcode=0 counts=1/1/0/0 q=t/16/1 "
	    "kept=1/0/0" HEAD_OK,
	    "an t 16 1 60 text=\"\" \"a b\" \"q\\\"\\\\\" \"\\009\\127\\255\" "
	    "\"semi;at@\"\n", { 12, 19 }, 53 },
	{ "MX, NS and SOA, glue, OPT", MSG(HDR(7, 0x8180, 1, 1, 2, 3),
	    4, 'a', 'u', 't', 'h', N_T, QIN(15),
	    PTR(12), RR(15, 1, 60, 7), U16(5), 2, 'm', 'x', PTR(17),
	    PTR(17), RR(2, 1, 60, 6), 3, 'n', 's', '1', PTR(17),
	    PTR(17), RR(6, 1, 60, 28), 1, 'm', PTR(17), 1, 'h', PTR(17),
	    U32(1), U32(2), U32(3), U32(4), U32(5),
	    PTR(55), RR(1, 1, 60, 4), 9, 9, 9, 9,
	    PTR(55), RR(28, 1, 60, 16), 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 1,
	    0, RR(41, 1232, 0, 0)),
	    "id=7 flags=qr,rd,ra op=0 rcode=0 counts=1/1/2/3 q=auth.t/15/1 "
	    "kept=1/2/2 dropped=0 edns=1/1232",
	    "an auth.t 15 1 60 target=mx.t pwp=5,0,0\n"
	    "ns t 2 1 60 target=ns1.t\n"
	    "ns t 6 1 60 target=m.t text=h.t. 1 2 3 4 5 rname=h.t "
	    "soa=1,2,3,4,5\n"
	    "ar ns1.t 1 1 60 addr=9.9.9.9\n"
	    "ar ns1.t 28 1 60 addr=::1\n",
	    { 12, 24, 43, 61, 101, 117, 145 }, 156 },
	{ "NXDOMAIN, SOA of the root", MSG(HDR(8, 0x8183, 1, 0, 1, 0),
	    7, 'n', 'o', 't', 'h', 'e', 'r', 'e', 0, QIN(1),
	    0, RR(6, 1, 60, 26), 1, 'm', 0, 1, 'h', 0, U32(2024010101),
	    U32(1800), U32(900), U32(604800), U32(86400)),
	    "id=8 flags=qr,rd,ra op=0 rcode=3 counts=1/0/1/0 q=nothere/1/1 "
	    "kept=0/1/0" HEAD_OK,
	    "ns . 6 1 60 target=m text=h. 2024010101 1800 900 604800 86400 "
	    "rname=h soa=2024010101,1800,900,604800,86400\n",
	    { 12, 25 }, 62 },
	{ "unknown type, RFC 3597", MSG(HDR(9, 0x8400, 1, 3, 0, 0),
	    3, 'u', 'n', 'k', N_T, QIN(65280),
	    PTR(12), RR(65280, 1, 60, 4), 1, 2, 3, 4,
	    PTR(12), RR(65280, 1, 60, 0),
	    PTR(12), RR(65280, 1, 60, 40), BYTES_0_39),
	    "id=9 flags=qr,aa op=0 rcode=0 counts=1/3/0/0 q=unk.t/65280/1 "
	    "kept=3/0/0" HEAD_OK,
	    "an unk.t 65280 1 60 text=\\# 4 01020304 opaque\n"
	    "an unk.t 65280 1 60 text=\\# 0 opaque\n"
	    "an unk.t 65280 1 60 text=\\# 40 000102030405060708090A0B0C0D0E"
	    "0F101112131415161718191A1B 1C1D1E1F2021222324252627 opaque\n",
	    { 12, 23, 39, 51 }, 103 },
	{ "EDNS extended rcode", MSG(HDR(10, 0x8100, 1, 0, 0, 1), N_T, QIN(1),
	    0, RR(41, 4096, 0x01008000, 0)),
	    "id=10 flags=qr,rd op=0 rcode=16 counts=1/0/0/1 q=t/1/1 "
	    "kept=0/0/0 dropped=0 edns=1/4096", "", { 12, 19 }, 30 },
	{ "EDNS with an option", MSG(HDR(11, 0x8180, 1, 0, 0, 1), N_T, QIN(1),
	    0, RR(41, 1232, 0, 12), U16(10), U16(8), 1, 2, 3, 4, 5, 6, 7, 8),
	    "id=11 flags=qr,rd,ra op=0 rcode=0 counts=1/0/0/1 q=t/1/1 "
	    "kept=0/0/0 dropped=0 edns=1/1232", "", { 12, 19 }, 42 },
	{ "two OPT records, the first counts", MSG(HDR(19, 0x8180, 1, 0, 0,
	    2), N_T, QIN(1), 0, RR(41, 1232, 0, 0),
	    0, RR(41, 4096, 0x01000000, 0)),
	    "id=19 flags=qr,rd,ra op=0 rcode=0 counts=1/0/0/2 q=t/1/1 "
	    "kept=0/0/0 dropped=0 edns=1/1232", "", { 12, 19, 30 }, 41 },
	{ "escaped characters", MSG(HDR(12, 0x8400, 1, 2, 0, 0),
	    3, 'e', 's', 'c', N_T, QIN(1),
	    ESC_LABELS, PTR(12), RR(1, 1, 60, 4), 1, 2, 3, 4,
	    PTR(12), RR(5, 1, 60, 24), ESC_LABELS, PTR(16)),
	    "id=12 flags=qr,aa op=0 rcode=0 counts=1/2/0/0 q=esc.t/1/1 "
	    "kept=2/0/0" HEAD_OK,
	    "an " ESC_TEXT ".esc.t 1 1 60 addr=1.2.3.4\n"
	    "an esc.t 5 1 60 target=" ESC_TEXT ".t\n", { 12, 23, 61 }, 97 },
	{ "root names", MSG(HDR(13, 0x8400, 1, 3, 0, 0),
	    4, 'r', 'o', 'o', 't', N_T, QIN(33),
	    PTR(12), RR(33, 1, 60, 7), 0, 0, 0, 0, 0, 0, 0,
	    PTR(12), RR(15, 1, 60, 3), 0, 0, 0,
	    0, RR(2, 1, 60, 1), 0),
	    "id=13 flags=qr,aa op=0 rcode=0 counts=1/3/0/0 q=root.t/33/1 "
	    "kept=3/0/0" HEAD_OK,
	    "an root.t 33 1 60 target=.\n"
	    "an root.t 15 1 60 target=.\n"
	    "an . 2 1 60 target=.\n", { 12, 24, 43, 58 }, 70 },
	{ "HINFO, DNAME, SPF, class CH", MSG(HDR(14, 0x8400, 1, 6, 0, 0),
	    1, 'x', 0, QIN(255),
	    PTR(12), RR(13, 1, 60, 4), 1, 'c', 1, 'o',
	    PTR(12), RR(39, 1, 60, 5), 1, 'd', N_T,
	    PTR(12), RR(99, 1, 60, 4), 3, 's', 'p', 'f',
	    PTR(12), RR(16, 3, 60, 2), 1, 'x',
	    PTR(12), RR(1, 3, 60, 4), 1, 2, 3, 4,
	    PTR(12), RR(33, 3, 60, 2), 0, 1),
	    "id=14 flags=qr,aa op=0 rcode=0 counts=1/6/0/0 q=x/255/1 "
	    "kept=6/0/0" HEAD_OK,
	    "an x 13 1 60 text=\"c\" \"o\"\n"
	    "an x 39 1 60 target=d.t\n"
	    "an x 99 1 60 text=\"spf\"\n"
	    "an x 16 3 60 text=\"x\"\n"
	    "an x 1 3 60 text=\\# 4 01020304 opaque\n"
	    "an x 33 3 60 text=\\# 2 0001 opaque\n",
	    { 12, 19, 35, 52, 68, 82, 98 }, 112 },
	{ "header only", MSG(HDR(15, 0x8001, 0, 0, 0, 0)),
	    "id=15 flags=qr op=0 rcode=1 counts=0/0/0/0 q=/0/0 kept=0/0/0"
	    HEAD_OK, "", { 0 }, 12 },
	{ "every flag, opcode 5", MSG(HDR(16, 0xae35, 0, 0, 0, 0)),
	    "id=16 flags=qr,aa,tc,ad,cd op=5 rcode=5 counts=0/0/0/0 q=/0/0 "
	    "kept=0/0/0" HEAD_OK, "", { 0 }, 12 },
	{ "two questions", MSG(HDR(17, 0x8180, 2, 0, 0, 0), 1, 'a', 0, QIN(1),
	    1, 'b', 0, QIN(28)),
	    "id=17 flags=qr,rd,ra op=0 rcode=0 counts=2/0/0/0 q=a/1/1 "
	    "kept=0/0/0" HEAD_OK, "", { 12, 19 }, 26 },
	{ "bytes after the last record", MSG(MYSQL_A_MSG, 0xde, 0xad, 0xbe),
	    "id=48879 flags=qr,aa,rd,ra op=0 rcode=0 counts=1/1/0/0 q="
	    MYSQL "/1/1 kept=1/0/0" HEAD_OK,
	    "an " MYSQL " 1 1 600 addr=198.18.78.144\n", { 12, 49 }, 65 },
	{ "pointer to a pointer", MSG(HDR(18, 0x8400, 1, 2, 0, 0), N_T,
	    QIN(1), PTR(12), RR(65280, 1, 0, 2), PTR(12),
	    PTR(31), RR(1, 1, 0, 4), 10, 0, 0, 1),
	    "id=18 flags=qr,aa op=0 rcode=0 counts=1/2/0/0 q=t/1/1 "
	    "kept=2/0/0" HEAD_OK,
	    "an t 65280 1 0 text=\\# 2 C00C opaque\n"
	    "an t 1 1 0 addr=10.0.0.1\n", { 12, 19, 33 }, 49 },
};

struct bad_case {
	const char *name;
	const uint8_t *msg;
	size_t len;
	enum dnsmsg_status want;
};

#define Q_T		HDR(1, 0x8000, 1, 1, 0, 0), N_T, QIN(1), PTR(12)

static const struct bad_case bad_cases[] = {
	{ "a query", MSG(HDR(1, 0x0100, 1, 0, 0, 0), N_T, QIN(1)),
	    DNSMSG_NOT_RESPONSE },
	{ "pointer to itself", MSG(HDR(1, 0x8000, 1, 0, 0, 0), PTR(12),
	    QIN(1)), DNSMSG_BAD_NAME },
	{ "forward pointer", MSG(HDR(1, 0x8000, 1, 0, 0, 0), PTR(14), 0,
	    QIN(1)), DNSMSG_BAD_NAME },
	{ "loop through the name's start", MSG(HDR(1, 0x8000, 1, 0, 0, 0),
	    1, 'a', PTR(12), QIN(1)), DNSMSG_BAD_NAME },
	{ "loop of two pointers", MSG(HDR(1, 0x8000, 1, 2, 0, 0), N_T,
	    QIN(1), PTR(12), RR(65280, 1, 0, 2), PTR(33),
	    PTR(31), RR(1, 1, 0, 4), 1, 2, 3, 4), DNSMSG_BAD_NAME },
	{ "label kind 01", MSG(HDR(1, 0x8000, 1, 0, 0, 0), 0x41, 'a', 0,
	    QIN(1)), DNSMSG_BAD_NAME },
	{ "label kind 10", MSG(HDR(1, 0x8000, 1, 0, 0, 0), 0x81, 'a', 0,
	    QIN(1)), DNSMSG_BAD_NAME },
	{ "pointer cut", MSG(HDR(1, 0x8000, 1, 0, 0, 0), 0xc0),
	    DNSMSG_SHORT },
	{ "jumped name runs off the end", MSG(HDR(1, 0x8000, 1, 2, 0, 0),
	    N_T, QIN(1), PTR(12), RR(65280, 1, 0, 1), 0x3f,
	    PTR(31), RR(1, 1, 0, 4), 1, 2, 3, 4), DNSMSG_BAD_NAME },
	{ "jump to a bad label", MSG(HDR(1, 0x8000, 1, 2, 0, 0),
	    N_T, QIN(1), PTR(12), RR(65280, 1, 0, 1), 0x40,
	    PTR(31), RR(1, 1, 0, 4), 1, 2, 3, 4), DNSMSG_BAD_NAME },
	{ "A of 3", MSG(Q_T, RR(1, 1, 0, 3), 1, 2, 3), DNSMSG_BAD_RDATA },
	{ "A of 5", MSG(Q_T, RR(1, 1, 0, 5), 1, 2, 3, 4, 5),
	    DNSMSG_BAD_RDATA },
	{ "AAAA of 4", MSG(Q_T, RR(28, 1, 0, 4), 1, 2, 3, 4),
	    DNSMSG_BAD_RDATA },
	{ "CNAME past its rdata", MSG(Q_T, RR(5, 1, 0, 3), 3, 'w', 'w',
	    'w', 0), DNSMSG_BAD_RDATA },
	{ "CNAME short of its rdata", MSG(Q_T, RR(5, 1, 0, 6), 3, 'w', 'w',
	    'w', 0, 0), DNSMSG_BAD_RDATA },
	{ "CNAME pointer to itself", MSG(Q_T, RR(5, 1, 0, 2), PTR(31)),
	    DNSMSG_BAD_NAME },
	{ "NS of nothing", MSG(Q_T, RR(2, 1, 0, 0)), DNSMSG_BAD_RDATA },
	{ "MX of 1", MSG(Q_T, RR(15, 1, 0, 1), 0), DNSMSG_BAD_RDATA },
	{ "SRV of 5", MSG(Q_T, RR(33, 1, 0, 5), 0, 0, 0, 0, 0),
	    DNSMSG_BAD_RDATA },
	{ "SOA without minimum", MSG(Q_T, RR(6, 1, 0, 18), 0, 0, U32(1),
	    U32(2), U32(3), U32(4)), DNSMSG_BAD_RDATA },
	{ "SOA with a byte more", MSG(Q_T, RR(6, 1, 0, 23), 0, 0, U32(1),
	    U32(2), U32(3), U32(4), U32(5), 9), DNSMSG_BAD_RDATA },
	{ "TXT of nothing", MSG(Q_T, RR(16, 1, 0, 0)), DNSMSG_BAD_RDATA },
	{ "TXT string past its rdata", MSG(Q_T, RR(16, 1, 0, 3), 5, 'a',
	    'b', 'c', 'd', 'e'), DNSMSG_BAD_RDATA },
	{ "HINFO of one string", MSG(Q_T, RR(13, 1, 0, 2), 1, 'c'),
	    DNSMSG_BAD_RDATA },
	{ "HINFO of three strings", MSG(Q_T, RR(13, 1, 0, 6), 1, 'c', 1, 'o',
	    1, 'x'), DNSMSG_BAD_RDATA },
	{ "rdata past the end", MSG(Q_T, RR(1, 1, 0, 4), 1, 2, 3),
	    DNSMSG_SHORT },
	{ "no question", MSG(HDR(1, 0x8000, 1, 0, 0, 0)), DNSMSG_COUNT_LIE },
	{ "one answer of two", MSG(HDR(1, 0x8000, 1, 2, 0, 0), N_T, QIN(1),
	    PTR(12), RR(1, 1, 0, 4), 1, 2, 3, 4), DNSMSG_COUNT_LIE },
	{ "additional 65535", MSG(HDR(1, 0x8000, 1, 0, 0, 0xffff), N_T,
	    QIN(1)), DNSMSG_COUNT_LIE },
};

static char *
dump_rr(const char *sec, const struct dns_rr *rr)
{
	static const uint8_t zero[12];
	char addr[INET6_ADDRSTRLEN];
	const struct dns_soa *s = &rr->soa;
	char *text = NULL;
	size_t size;
	FILE *f = open_memstream(&text, &size);

	fprintf(f, "%s %s %u %u %u", sec, rr->name, rr->type, rr->rclass,
	    rr->ttl);
	if (memcmp(rr->addr + 4, zero, sizeof(zero)) != 0)
		fprintf(f, " addr=%s", inet_ntop(AF_INET6, rr->addr, addr,
		    sizeof(addr)));
	else if (memcmp(rr->addr, zero, 4) != 0)
		fprintf(f, " addr=%s", inet_ntop(AF_INET, rr->addr, addr,
		    sizeof(addr)));
	if (rr->target[0] != '\0')
		fprintf(f, " target=%s", rr->target);
	if (rr->prio != 0 || rr->weight != 0 || rr->port != 0)
		fprintf(f, " pwp=%u,%u,%u", rr->prio, rr->weight, rr->port);
	if (rr->text[0] != '\0')
		fprintf(f, " text=%s", rr->text);
	if (rr->rname[0] != '\0')
		fprintf(f, " rname=%s", rr->rname);
	if (s->serial || s->refresh || s->retry || s->expire || s->minimum)
		fprintf(f, " soa=%u,%u,%u,%u,%u", s->serial, s->refresh,
		    s->retry, s->expire, s->minimum);
	fprintf(f, "%s%s\n", rr->opaque ? " opaque" : "",
	    rr->truncated_text ? " truncated" : "");
	fclose(f);
	return text;
}

static void
dump_section(FILE *f, const char *sec, const struct dns_rr *rr, size_t n)
{
	size_t i;
	char *line;

	for (i = 0; i < n; i++) {
		line = dump_rr(sec, &rr[i]);
		fputs(line, f);
		free(line);
	}
}

static char *
dump_records(const struct dns_msg *m)
{
	char *text = NULL;
	size_t size;
	FILE *f = open_memstream(&text, &size);

	dump_section(f, "an", m->an, m->nan);
	dump_section(f, "ns", m->ns, m->nns);
	dump_section(f, "ar", m->ar, m->nar);
	fclose(f);
	return text;
}

static char *
dump_head(const struct dns_msg *m)
{
	char *text = NULL;
	size_t size;
	FILE *f = open_memstream(&text, &size);

	fprintf(f, "id=%u flags=%s%s%s%s%s%s%s op=%d rcode=%d", m->id,
	    m->qr ? "qr" : "-", m->aa ? ",aa" : "", m->tc ? ",tc" : "",
	    m->rd ? ",rd" : "", m->ra ? ",ra" : "", m->ad ? ",ad" : "",
	    m->cd ? ",cd" : "", m->opcode, m->rcode);
	fprintf(f, " counts=%u/%u/%u/%u q=%s/%u/%u", m->qdcount, m->ancount,
	    m->nscount, m->arcount, m->qname, m->qtype, m->qclass);
	fprintf(f, " kept=%zu/%zu/%zu dropped=%zu edns=%d/%u", m->nan,
	    m->nns, m->nar, m->dropped, m->edns, m->edns_size);
	fclose(f);
	return text;
}

static struct dns_msg *
new_msg(void)
{
	struct dns_msg *m = malloc(sizeof(*m));

	ck_assert_ptr_nonnull(m);
	memset(m, FILL, sizeof(*m));
	return m;
}

static void
assert_untouched(const struct dns_msg *m, const char *name, size_t n)
{
	static struct dns_msg ref;

	memset(&ref, FILL, sizeof(ref));
	ck_assert_msg(memcmp(m, &ref, sizeof(ref)) == 0,
	    "%s cut at %zu: out was written on failure", name, n);
}

/* Decodes a copy of exactly len bytes, so that over-reads are caught. */
static enum dnsmsg_status
decode_copy(const uint8_t *msg, size_t len, struct dns_msg *m)
{
	uint8_t *copy = malloc(len > 0 ? len : 1);
	enum dnsmsg_status st;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, msg, len);
	st = dnsmsg_decode(copy, len, m);
	free(copy);
	return st;
}

static void
assert_dump(const struct dns_msg *m, const char *head, const char *rrs)
{
	char *got_head = dump_head(m), *got_rrs = dump_records(m);

	ck_assert_str_eq(got_head, head);
	ck_assert_str_eq(got_rrs, rrs);
	free(got_head);
	free(got_rrs);
}

START_TEST(decodes)
{
	const struct ok_case *c = &ok_cases[_i];
	struct dns_msg *m = new_msg();

	ck_assert_int_eq(decode_copy(c->msg, c->len, m), DNSMSG_OK);
	assert_dump(m, c->head, c->rrs);
	free(m);
}
END_TEST

static enum dnsmsg_status
status_at(const struct ok_case *c, size_t n)
{
	size_t i;

	if (n < DNSMSG_HDR_LEN)
		return DNSMSG_SHORT;
	if (n >= c->end)
		return DNSMSG_OK;
	for (i = 0; i < STARTS_CAP && c->starts[i] != 0; i++)
		if (c->starts[i] == n)
			return DNSMSG_COUNT_LIE;
	return DNSMSG_SHORT;
}

START_TEST(cut_everywhere)
{
	const struct ok_case *c = &ok_cases[_i];
	struct dns_msg *m = new_msg();
	enum dnsmsg_status want;
	size_t n;

	for (n = 0; n < c->len; n++) {
		want = status_at(c, n);
		ck_assert_msg(decode_copy(c->msg, n, m) == want,
		    "%s cut at %zu: want %s", c->name, n,
		    dnsmsg_strerror(want));
		if (want != DNSMSG_OK)
			assert_untouched(m, c->name, n);
		memset(m, FILL, sizeof(*m));
	}
	free(m);
}
END_TEST

START_TEST(refuses)
{
	const struct bad_case *c = &bad_cases[_i];
	struct dns_msg *m = new_msg();
	enum dnsmsg_status st = decode_copy(c->msg, c->len, m);

	ck_assert_msg(st == c->want, "%s: got %s, want %s", c->name,
	    dnsmsg_strerror(st), dnsmsg_strerror(c->want));
	assert_untouched(m, c->name, c->len);
	free(m);
}
END_TEST

/* A message built here, with room to spare. */
struct wirebuf {
	uint8_t b[BIG];
	size_t len;
};

static void
put(struct wirebuf *w, const uint8_t *p, size_t n)
{
	ck_assert_uint_le(w->len + n, sizeof(w->b));
	memcpy(w->b + w->len, p, n);
	w->len += n;
}

static void
put_u8(struct wirebuf *w, uint8_t v)
{
	put(w, &v, 1);
}

static void
put_label(struct wirebuf *w, size_t n, uint8_t fill)
{
	uint8_t label[255];

	memset(label, fill, n);
	put_u8(w, (uint8_t)n);
	put(w, label, n);
}

#define PUT(w, ...)	put((w), MSG(__VA_ARGS__))

/* A question of labels of these lengths, of 'a's unless fill says. */
static void
put_question(struct wirebuf *w, const size_t *lens, size_t n, uint8_t fill)
{
	size_t i;

	for (i = 0; i < n; i++)
		put_label(w, lens[i], i == 0 ? fill : 'a');
	PUT(w, 0, QIN(1));
}

static const struct {
	size_t lens[6];
	size_t nlabels;
	uint8_t fill;
	enum dnsmsg_status want;
	size_t text_len;
} name_cases[] = {
	{ { 63 }, 1, 'a', DNSMSG_OK, 63 },
	{ { 63, 63, 63, 61 }, 4, 'a', DNSMSG_OK, 253 },
	{ { 63, 63, 63, 62 }, 4, 'a', DNSMSG_BAD_NAME, 0 },
	{ { 63, 63, 63, 63, 63 }, 5, 'a', DNSMSG_BAD_NAME, 0 },
	{ { 63, 2 }, 2, 0, DNSMSG_OK, 255 },
	{ { 63, 3 }, 2, 0, DNSMSG_BAD_NAME, 0 },
	{ { 62, 3 }, 2, '.', DNSMSG_OK, 128 },
};

START_TEST(name_lengths)
{
	struct wirebuf w = { .len = 0 };
	struct dns_msg *m = new_msg();

	PUT(&w, HDR(1, 0x8000, 1, 0, 0, 0));
	put_question(&w, name_cases[_i].lens, name_cases[_i].nlabels,
	    name_cases[_i].fill);

	ck_assert_int_eq(decode_copy(w.b, w.len, m), name_cases[_i].want);
	if (name_cases[_i].want == DNSMSG_OK)
		ck_assert_uint_eq(strlen(m->qname), name_cases[_i].text_len);
	free(m);
}
END_TEST

/* 255 octets in the question; one more label before a pointer to it. */
START_TEST(compressed_name_too_long)
{
	static const size_t lens[] = { 63, 63, 63, 61 };
	struct wirebuf w = { .len = 0 };
	struct dns_msg *m = new_msg();

	PUT(&w, HDR(1, 0x8000, 1, 1, 0, 0));
	put_question(&w, lens, NITEMS(lens), 'a');
	put_label(&w, 1, 'x');
	PUT(&w, PTR(12), RR(1, 1, 0, 4), 1, 2, 3, 4);

	ck_assert_int_eq(decode_copy(w.b, w.len, m), DNSMSG_BAD_NAME);
	assert_untouched(m, "compressed", w.len);
	free(m);
}
END_TEST

/*
 * A chain of pointers stored as opaque rdata, each to the one before,
 * the first to the question; the answer's owner enters at the top.
 */
static void
build_chain(struct wirebuf *w, unsigned hops)
{
	size_t rdata = 12 + 3 + 4 + 12, i, top;

	PUT(w, HDR(1, 0x8000, 1, 2, 0, 0), N_T, QIN(1));
	PUT(w, PTR(12), RR(65280, 1, 0, 2 * (hops - 1)));
	for (i = 0; i + 1 < hops; i++)
		PUT(w, PTR(i == 0 ? 12 : rdata + 2 * (i - 1)));

	top = hops > 1 ? rdata + 2 * (hops - 2) : 12;
	PUT(w, PTR(top), RR(1, 1, 0, 4), 1, 2, 3, 4);
}

static const struct {
	unsigned hops;
	enum dnsmsg_status want;
} hop_cases[] = {
	{ 1, DNSMSG_OK },
	{ 2, DNSMSG_OK },
	{ 128, DNSMSG_OK },
	{ 129, DNSMSG_BAD_NAME },
	{ 600, DNSMSG_BAD_NAME },
};

START_TEST(hop_limit)
{
	struct wirebuf w = { .len = 0 };
	struct dns_msg *m = new_msg();

	build_chain(&w, hop_cases[_i].hops);
	ck_assert_int_eq(decode_copy(w.b, w.len, m), hop_cases[_i].want);
	if (hop_cases[_i].want == DNSMSG_OK) {
		ck_assert_str_eq(m->an[1].name, "t");
		ck_assert_uint_eq(m->an[1].addr[3], 4);
	}
	free(m);
}
END_TEST

/*
 * n A records named "t", addresses 10.0.0.i; the last one's rdata
 * is last_len bytes long, the address and zeros.
 */
static void
put_a_records(struct wirebuf *w, size_t n, uint8_t last_len)
{
	uint8_t rdata[8] = { 10, 0, 0, 0 };
	uint16_t len;
	size_t i;

	for (i = 0; i < n; i++) {
		len = i + 1 == n ? last_len : 4;
		rdata[3] = (uint8_t)i;
		PUT(w, PTR(12), RR(1, 1, 0, len));
		put(w, rdata, len);
	}
}

static void
build_many(struct wirebuf *w, uint16_t an, uint16_t ns, uint16_t ar,
    uint8_t last_len)
{
	PUT(w, HDR(1, 0x8000, 1, an, ns, ar + 1), N_T, QIN(1));
	put_a_records(w, an, 4);
	put_a_records(w, ns, 4);
	put_a_records(w, ar, last_len);
	PUT(w, 0, RR(41, 1232, 0, 0));
}

START_TEST(caps)
{
	struct wirebuf w = { .len = 0 };
	struct dns_msg *m = new_msg();

	build_many(&w, 70, 20, 17, 4);
	ck_assert_int_eq(decode_copy(w.b, w.len, m), DNSMSG_OK);

	ck_assert_uint_eq(m->ancount, 70);
	ck_assert_uint_eq(m->nan, DNSMSG_RR_CAP);
	ck_assert_uint_eq(m->nns, DNSMSG_RR_CAP / 4);
	ck_assert_uint_eq(m->nar, DNSMSG_RR_CAP / 4);
	ck_assert_uint_eq(m->dropped, 6 + 4 + 1);
	ck_assert_uint_eq(m->an[63].addr[3], 63);
	ck_assert_uint_eq(m->ns[15].addr[3], 15);
	ck_assert_int_eq(m->edns, 1);
	free(m);
}
END_TEST

/*
 * Text that does not fit stops before the first piece that would not,
 * never inside an escape, and says so.
 */
static const struct {
	uint8_t fill;
	size_t nstrings;
	size_t want_len;
	size_t at;
	const char *there;
	int truncated;
} long_text_cases[] = {
	{ 'x', 2, 511, 255, "x\" \"xx", 1 },
	{ 0x01, 1, 509, 501, "\\001\\001", 1 },
	{ 'x', 1, 257, 254, "xx\"", 0 },
};

START_TEST(long_text)
{
	struct wirebuf w = { .len = 0 };
	struct dns_msg *m = new_msg();
	size_t n = long_text_cases[_i].nstrings, i, len;
	const char *there = long_text_cases[_i].there;

	PUT(&w, HDR(1, 0x8000, 1, 1, 0, 0), N_T, QIN(16));
	PUT(&w, PTR(12), RR(16, 1, 0, 256 * n));
	for (i = 0; i < n; i++)
		put_label(&w, 255, long_text_cases[_i].fill);
	ck_assert_int_eq(decode_copy(w.b, w.len, m), DNSMSG_OK);

	len = strlen(m->an[0].text);
	ck_assert_uint_eq(len, long_text_cases[_i].want_len);
	ck_assert_mem_eq(m->an[0].text + long_text_cases[_i].at, there,
	    strlen(there));
	ck_assert_int_eq(m->an[0].truncated_text,
	    long_text_cases[_i].truncated);
	free(m);
}
END_TEST

/* Records past the caps are not kept but still checked. */
START_TEST(caps_still_checked)
{
	struct wirebuf w = { .len = 0 };
	struct dns_msg *m = new_msg();

	build_many(&w, 70, 20, 17, 5);
	ck_assert_int_eq(decode_copy(w.b, w.len, m), DNSMSG_BAD_RDATA);
	assert_untouched(m, "caps", w.len);
	free(m);
}
END_TEST

static const uint8_t mysql_query[] = {
	HDR(0xbeef, 0x0100, 1, 0, 0, 0), N_MYSQL, QIN(1),
};

static const uint8_t mysql_query_edns[] = {
	HDR(0xbeef, 0x0000, 1, 0, 0, 1), N_MYSQL, QIN(33),
	0, RR(41, 1232, 0, 0),
};

START_TEST(query_bytes)
{
	uint8_t buf[512];

	ck_assert_int_eq(dnsmsg_build_query(0xbeef, MYSQL, DNS_T_A, 1, 0, buf,
	    sizeof(buf)), sizeof(mysql_query));
	ck_assert_mem_eq(buf, mysql_query, sizeof(mysql_query));

	ck_assert_int_eq(dnsmsg_build_query(0xbeef, MYSQL ".", DNS_T_SRV, 0,
	    1232, buf, sizeof(buf)), sizeof(mysql_query_edns));
	ck_assert_mem_eq(buf, mysql_query_edns, sizeof(mysql_query_edns));
}
END_TEST

START_TEST(query_is_not_a_response)
{
	uint8_t buf[512];
	struct dns_msg *m = new_msg();
	int n;

	n = dnsmsg_build_query(7, "example.com", DNS_T_A, 1, 0, buf,
	    sizeof(buf));
	ck_assert_int_eq(dnsmsg_decode(buf, (size_t)n, m),
	    DNSMSG_NOT_RESPONSE);
	assert_untouched(m, "query", (size_t)n);
	free(m);
}
END_TEST

/* Every cap short of the whole query fails without writing past it. */
START_TEST(query_caps)
{
	size_t cap;
	uint8_t *buf;

	for (cap = 0; cap < sizeof(mysql_query_edns); cap++) {
		buf = malloc(cap > 0 ? cap : 1);
		ck_assert_int_eq(dnsmsg_build_query(0xbeef, MYSQL, DNS_T_SRV,
		    0, 1232, buf, cap), -1);
		free(buf);
	}
}
END_TEST

static const struct {
	const char *in;
	const char *out;
} round_trips[] = {
	{ "example.com", "example.com" },
	{ "example.com.", "example.com" },
	{ ".", "." },
	{ "a\\.b.c", "a\\.b.c" },
	{ "a\\032b", "a\\032b" },
	{ "a b", "a\\032b" },
	{ "x@y$z", "x\\@y\\$z" },
	{ "\\065\\066", "AB" },
	{ "\\\\", "\\\\" },
	{ "\\000\\255", "\\000\\255" },
	{ "Mixed.CASE", "Mixed.CASE" },
	{ "123456789012345678901234567890123456789012345678901234567890123",
	  "123456789012345678901234567890123456789012345678901234567890123" },
};

/* A server's answer echoes the question: flip QR and read it back. */
START_TEST(query_round_trip)
{
	uint8_t buf[512];
	struct dns_msg *m = new_msg();
	int n;

	n = dnsmsg_build_query(0x4242, round_trips[_i].in, DNS_T_AAAA, 1,
	    4096, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	buf[2] |= 0x80;

	ck_assert_int_eq(dnsmsg_decode(buf, (size_t)n, m), DNSMSG_OK);
	ck_assert_str_eq(m->qname, round_trips[_i].out);
	ck_assert_uint_eq(m->id, 0x4242);
	ck_assert_uint_eq(m->qtype, DNS_T_AAAA);
	ck_assert_uint_eq(m->qclass, DNS_C_IN);
	ck_assert_int_eq(m->rd, 1);
	ck_assert_int_eq(m->edns, 1);
	ck_assert_uint_eq(m->edns_size, 4096);
	ck_assert_uint_eq(m->arcount, 1);
	ck_assert_uint_eq(m->nar, 0);
	free(m);
}
END_TEST

static const char *const bad_names[] = {
	"", "..", ".a", "a..b", "a..", "\\", "a\\", "\\25", "\\25x", "\\256",
	"1234567890123456789012345678901234567890123456789012345678901234",
};

START_TEST(query_bad_name)
{
	uint8_t buf[512];

	ck_assert_int_eq(dnsmsg_build_query(1, bad_names[_i], DNS_T_A, 1, 0,
	    buf, sizeof(buf)), -1);
}
END_TEST

/* 127 labels of one octet: 255 octets; one more octet is too many. */
START_TEST(query_name_length)
{
	char name[300];
	uint8_t buf[512];
	size_t i;

	for (i = 0; i < 127; i++)
		memcpy(name + 2 * i, "a.", 2);
	name[2 * 127 - 1] = '\0';
	ck_assert_int_eq(dnsmsg_build_query(1, name, DNS_T_A, 1, 0, buf,
	    sizeof(buf)), 12 + 255 + 4);

	memcpy(name + 2 * 127 - 1, "b", 2);
	ck_assert_int_eq(dnsmsg_build_query(1, name, DNS_T_A, 1, 0, buf,
	    sizeof(buf)), -1);
}
END_TEST

static const struct {
	int size;
	int want;
} edns_sizes[] = {
	{ -1, -1 }, { 1, -1 }, { 511, -1 }, { 512, 32 }, { 65535, 32 },
	{ 65536, -1 },
};

START_TEST(query_edns_size)
{
	uint8_t buf[512];

	ck_assert_int_eq(dnsmsg_build_query(1, "a.b", DNS_T_A, 1,
	    edns_sizes[_i].size, buf, sizeof(buf)), edns_sizes[_i].want);
}
END_TEST

static const struct {
	const char *addr;
	const char *want;
} reverse_cases[] = {
	{ "198.18.78.144", "144.78.18.198.in-addr.arpa" },
	{ "0.0.0.0", "0.0.0.0.in-addr.arpa" },
	{ "2001:db8::1", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	  "8.b.d.0.1.0.0.2.ip6.arpa" },
	{ "fd00:198:18::78:144", "4.4.1.0.8.7.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	  "8.1.0.0.8.9.1.0.0.0.d.f.ip6.arpa" },
	{ "::ffff:1.2.3.4", "4.0.3.0.2.0.1.0.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0."
	  "0.0.0.0.0.0.0.0.ip6.arpa" },
	{ "1.2.3", NULL },
	{ "1.2.3.4.5", NULL },
	{ "256.1.1.1", NULL },
	{ "mysql", NULL },
	{ "fe80::1%eth0", NULL },
	{ "", NULL },
};

START_TEST(reverse)
{
	char out[128];
	const char *want = reverse_cases[_i].want;

	ck_assert_int_eq(dnsmsg_reverse_name(reverse_cases[_i].addr, out,
	    sizeof(out)), want != NULL ? 0 : -1);
	if (want != NULL)
		ck_assert_str_eq(out, want);
}
END_TEST

START_TEST(reverse_cap)
{
	const char *v4 = "144.78.18.198.in-addr.arpa";
	const char *v6 = reverse_cases[2].want;
	char out[128];

	ck_assert_int_eq(dnsmsg_reverse_name("198.18.78.144", out,
	    strlen(v4)), -1);
	ck_assert_int_eq(dnsmsg_reverse_name("198.18.78.144", out,
	    strlen(v4) + 1), 0);
	ck_assert_str_eq(out, v4);
	ck_assert_int_eq(dnsmsg_reverse_name("2001:db8::1", out, strlen(v6)),
	    -1);
	ck_assert_int_eq(dnsmsg_reverse_name("2001:db8::1", out,
	    strlen(v6) + 1), 0);
	ck_assert_str_eq(out, v6);
	ck_assert_int_eq(dnsmsg_reverse_name("2001:db8::1", NULL, 0), -1);
}
END_TEST

static const struct {
	uint16_t type;
	const char *name;
} type_cases[] = {
	{ 1, "A" }, { 2, "NS" }, { 5, "CNAME" }, { 6, "SOA" }, { 12, "PTR" },
	{ 13, "HINFO" }, { 15, "MX" }, { 16, "TXT" }, { 28, "AAAA" },
	{ 33, "SRV" }, { 39, "DNAME" }, { 41, "OPT" }, { 99, "SPF" },
	{ 255, "ANY" }, { 0, "TYPE0" }, { 65, "TYPE65" },
	{ 65535, "TYPE65535" },
};

START_TEST(type_names)
{
	uint16_t type = 0;

	ck_assert_str_eq(dns_type_name(type_cases[_i].type),
	    type_cases[_i].name);
	ck_assert_int_eq(dns_type_from_name(type_cases[_i].name, &type), 0);
	ck_assert_uint_eq(type, type_cases[_i].type);
}
END_TEST

static const struct {
	const char *name;
	int want;
} type_parse_cases[] = {
	{ "srv", 33 }, { "SrV", 33 }, { "aaaa", 28 }, { "type33", 33 },
	{ "TYPE033", 33 }, { "Type1", 1 }, { "TYPE", -1 }, { "TYPE65536", -1 },
	{ "TYPE99999999999999999999", -1 }, { "TYPE-1", -1 },
	{ "TYPE1x", -1 }, { "TYPE 1", -1 }, { "", -1 }, { "bogus", -1 },
	{ "A ", -1 }, { "33", -1 },
};

START_TEST(type_parse)
{
	uint16_t type = 7;
	int want = type_parse_cases[_i].want;

	ck_assert_int_eq(dns_type_from_name(type_parse_cases[_i].name, &type),
	    want < 0 ? -1 : 0);
	ck_assert_uint_eq(type, want < 0 ? 7 : want);
}
END_TEST

START_TEST(type_text)
{
	char buf[8];

	ck_assert_uint_eq(dns_type_text(65280, buf, sizeof(buf)), 9);
	ck_assert_str_eq(buf, "TYPE652");
	ck_assert_uint_eq(dns_type_text(28, buf, 3), 4);
	ck_assert_str_eq(buf, "AA");
	ck_assert_uint_eq(dns_type_text(28, NULL, 0), 4);
}
END_TEST

static const struct {
	int rcode;
	const char *name;
} rcode_cases[] = {
	{ 0, "NOERROR" }, { 1, "FORMERR" }, { 2, "SERVFAIL" },
	{ 3, "NXDOMAIN" }, { 4, "NOTIMP" }, { 5, "REFUSED" },
	{ 6, "YXDOMAIN" }, { 9, "NOTAUTH" }, { 10, "NOTZONE" },
	{ 11, "RESERVED11" }, { 15, "RESERVED15" }, { 16, "BADVERS" },
	{ 17, "unknown rcode" }, { 4095, "unknown rcode" },
	{ -1, "unknown rcode" },
};

START_TEST(rcode_names)
{
	ck_assert_str_eq(dns_rcode_name(rcode_cases[_i].rcode),
	    rcode_cases[_i].name);
}
END_TEST

START_TEST(strerrors)
{
	static const enum dnsmsg_status all[] = {
		DNSMSG_OK, DNSMSG_SHORT, DNSMSG_BAD_NAME, DNSMSG_BAD_RDATA,
		DNSMSG_COUNT_LIE, DNSMSG_NOT_RESPONSE,
	};
	size_t i, j;

	for (i = 0; i < NITEMS(all); i++)
		for (j = 0; j < i; j++)
			ck_assert_str_ne(dnsmsg_strerror(all[i]),
			    dnsmsg_strerror(all[j]));
	ck_assert_str_eq(dnsmsg_strerror(DNSMSG_COUNT_LIE),
	    "header counts more records than the message holds");
}
END_TEST

/* A UDP answer cut inside a record still says it was truncated. */
START_TEST(truncated_flag)
{
	static const uint8_t cut[] = { HDR(1, 0x8380, 1, 1, 0, 0), N_T,
	    QIN(1), PTR(12), RR(1, 1, 0, 4), 1, 2 };
	static const uint8_t whole[] = { MYSQL_A_MSG };
	struct dns_msg *m = new_msg();

	ck_assert_int_eq(dnsmsg_decode(cut, sizeof(cut), m), DNSMSG_SHORT);
	ck_assert_int_eq(dnsmsg_is_truncated(cut, sizeof(cut)), 1);
	ck_assert_int_eq(dnsmsg_is_truncated(cut, DNSMSG_HDR_LEN), 1);
	ck_assert_int_eq(dnsmsg_is_truncated(cut, DNSMSG_HDR_LEN - 1), 0);
	ck_assert_int_eq(dnsmsg_is_truncated(whole, sizeof(whole)), 0);
	free(m);
}
END_TEST

Suite *
dnsmsg_suite(void)
{
	Suite *s = suite_create("dnsmsg");
	TCase *tc = tcase_create("decode");
	TCase *tq = tcase_create("query");
	TCase *tn = tcase_create("names");

	tcase_add_loop_test(tc, decodes, 0, NITEMS(ok_cases));
	tcase_add_loop_test(tc, cut_everywhere, 0, NITEMS(ok_cases));
	tcase_add_loop_test(tc, refuses, 0, NITEMS(bad_cases));
	tcase_add_loop_test(tc, name_lengths, 0, NITEMS(name_cases));
	tcase_add_test(tc, compressed_name_too_long);
	tcase_add_loop_test(tc, hop_limit, 0, NITEMS(hop_cases));
	tcase_add_test(tc, caps);
	tcase_add_loop_test(tc, long_text, 0, NITEMS(long_text_cases));
	tcase_add_test(tc, caps_still_checked);
	tcase_add_test(tc, truncated_flag);
	tcase_add_test(tc, strerrors);
	suite_add_tcase(s, tc);

	tcase_add_test(tq, query_bytes);
	tcase_add_test(tq, query_is_not_a_response);
	tcase_add_test(tq, query_caps);
	tcase_add_loop_test(tq, query_round_trip, 0, NITEMS(round_trips));
	tcase_add_loop_test(tq, query_bad_name, 0, NITEMS(bad_names));
	tcase_add_test(tq, query_name_length);
	tcase_add_loop_test(tq, query_edns_size, 0, NITEMS(edns_sizes));
	suite_add_tcase(s, tq);

	tcase_add_loop_test(tn, reverse, 0, NITEMS(reverse_cases));
	tcase_add_test(tn, reverse_cap);
	tcase_add_loop_test(tn, type_names, 0, NITEMS(type_cases));
	tcase_add_loop_test(tn, type_parse, 0, NITEMS(type_parse_cases));
	tcase_add_test(tn, type_text);
	tcase_add_loop_test(tn, rcode_names, 0, NITEMS(rcode_cases));
	suite_add_tcase(s, tn);
	return s;
}
