#include "unit.h"

#include <sys/socket.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "format_connect.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define LINE_CAP	512

/* The text a call wrote and the length it returned. */
#define ASSERT_LINE(call, buf, want) do {				\
	size_t n_ = (call);						\
	ck_assert_str_eq((buf), (want));				\
	ck_assert_uint_eq(n_, strlen(want));				\
} while (0)

struct spec {
	const char *name;
	int family;
	const char *addr;
	uint16_t port;
};

/* Named, and given as an address, in each family. */
static const struct spec DB4 = { "mysql", AF_INET, "198.18.78.144", 3306 };
static const struct spec LIT4 = { "127.0.0.1", AF_INET, "127.0.0.1", 3306 };
static const struct spec DB6 = {
	"mysql", AF_INET6, "fd00:198:18::78:144", 3306
};
static const struct spec LIT6 = { "::1", AF_INET6, "::1", 3306 };
static const struct spec SPELLED6 = { "0:0::0001", AF_INET6, "::1", 3307 };
static const struct spec BARE = { "", AF_INET, "198.18.99.3", 80 };
static const struct spec FQDN = {
	"redis.team-a.svc.cluster.local", AF_INET, "198.18.20.30", 65535
};

static void
make_target(const struct spec *s, struct probe_target *t)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", s->name);
	snprintf(t->addr, sizeof(t->addr), "%s", s->addr);
	t->family = s->family;
	t->port = s->port;
	ck_assert_int_eq(inet_pton(s->family, s->addr, t->dst), 1);
}

static const struct {
	const struct spec *target;
	int64_t t_ns;
	const char *want;
} start_lines[] = {
	{ &DB4, 3300000, "SENT (0.0033s) Starting TCP Handshake > "
	    "mysql:3306 (198.18.78.144:3306)" },
	{ &LIT4, 1800000,
	    "SENT (0.0018s) Starting TCP Handshake > 127.0.0.1:3306" },
	{ &DB6, 1005100000, "SENT (1.0051s) Starting TCP Handshake > "
	    "mysql:3306 ([fd00:198:18::78:144]:3306)" },
	{ &LIT6, 2800000,
	    "SENT (0.0028s) Starting TCP Handshake > [::1]:3306" },
	{ &SPELLED6, 2200000,
	    "SENT (0.0022s) Starting TCP Handshake > [::1]:3307" },
	{ &BARE, 0, "SENT (0.0000s) Starting TCP Handshake > 198.18.99.3:80" },
	{ &FQDN, 24450000, "SENT (0.0245s) Starting TCP Handshake > "
	    "redis.team-a.svc.cluster.local:65535 (198.18.20.30:65535)" },
	{ &LIT4, 24449999,
	    "SENT (0.0244s) Starting TCP Handshake > 127.0.0.1:3306" },
	{ &LIT4, 3600123456789,
	    "SENT (3600.1235s) Starting TCP Handshake > 127.0.0.1:3306" },
	{ &LIT4, 99999950000,
	    "SENT (100.0000s) Starting TCP Handshake > 127.0.0.1:3306" },
	{ &LIT4, -50000,
	    "SENT (-0.0001s) Starting TCP Handshake > 127.0.0.1:3306" },
	{ &LIT4, -49999,
	    "SENT (0.0000s) Starting TCP Handshake > 127.0.0.1:3306" },
};

START_TEST(start_line)
{
	struct probe_target t;
	char buf[LINE_CAP];

	make_target(start_lines[_i].target, &t);
	ASSERT_LINE(format_connect_start(start_lines[_i].t_ns, &t, buf,
	    sizeof(buf)), buf, start_lines[_i].want);
}
END_TEST

static const struct {
	const struct spec *target;
	int64_t t_ns;
	enum conn_outcome conn;
	int error;
	const char *want;
} done_lines[] = {
	{ &DB4, 3300000, CONN_OPEN, 0, "RCVD (0.0033s) Handshake with "
	    "mysql:3306 (198.18.78.144:3306) completed" },
	{ &LIT4, 1800000, CONN_OPEN, 0,
	    "RCVD (0.0018s) Handshake with 127.0.0.1:3306 completed" },
	{ &DB6, 1005200000, CONN_OPEN, 0, "RCVD (1.0052s) Handshake with "
	    "mysql:3306 ([fd00:198:18::78:144]:3306) completed" },
	{ &LIT6, 2800000, CONN_OPEN, 0,
	    "RCVD (0.0028s) Handshake with [::1]:3306 completed" },
	{ &SPELLED6, 2200000, CONN_OPEN, 0,
	    "RCVD (0.0022s) Handshake with [::1]:3307 completed" },
	{ &DB4, 1900000, CONN_REFUSED, ECONNREFUSED,
	    "RCVD (0.0019s) Possible TCP RST received from "
	    "198.18.78.144:3306 --> Connection refused" },
	{ &LIT4, 1700000, CONN_REFUSED, ECONNREFUSED,
	    "RCVD (0.0017s) Possible TCP RST received from "
	    "127.0.0.1:3306 --> Connection refused" },
	{ &DB6, 1600000, CONN_REFUSED, ECONNREFUSED,
	    "RCVD (0.0016s) Possible TCP RST received from "
	    "[fd00:198:18::78:144]:3306 --> Connection refused" },
	{ &LIT6, 1600000, CONN_REFUSED, ECONNREFUSED,
	    "RCVD (0.0016s) Possible TCP RST received from "
	    "[::1]:3306 --> Connection refused" },
	{ &DB4, 1800000, CONN_UNREACHABLE, EHOSTUNREACH,
	    "RCVD (0.0018s) Possible TCP RST received from "
	    "198.18.78.144:3306 --> No route to host" },
	{ &LIT4, 1700000, CONN_UNREACHABLE, ENETUNREACH,
	    "RCVD (0.0017s) Possible TCP RST received from "
	    "127.0.0.1:3306 --> Network is unreachable" },
	{ &LIT6, 1002800000, CONN_UNREACHABLE, EACCES,
	    "RCVD (1.0028s) Possible TCP RST received from "
	    "[::1]:3306 --> Permission denied" },
	{ &DB6, 100000, CONN_UNREACHABLE, EPERM,
	    "RCVD (0.0001s) Possible TCP RST received from "
	    "[fd00:198:18::78:144]:3306 --> Operation not permitted" },
	{ &FQDN, 100000, CONN_UNREACHABLE, EHOSTDOWN,
	    "RCVD (0.0001s) Possible TCP RST received from "
	    "198.18.20.30:65535 --> Host is down" },
	{ &BARE, 100000, CONN_UNREACHABLE, ENETDOWN,
	    "RCVD (0.0001s) Possible TCP RST received from "
	    "198.18.99.3:80 --> Network is down" },
	{ &DB4, 1001800000, CONN_TIMEOUT, ETIMEDOUT, "" },
	{ &LIT4, 1001800000, CONN_TIMEOUT, ETIMEDOUT, "" },
	{ &DB6, 1001800000, CONN_TIMEOUT, ETIMEDOUT, "" },
	{ &LIT6, 1001800000, CONN_TIMEOUT, 0, "" },
};

START_TEST(done_line)
{
	struct probe_target t;
	char buf[LINE_CAP];

	make_target(done_lines[_i].target, &t);
	ASSERT_LINE(format_connect_done(done_lines[_i].t_ns, &t,
	    done_lines[_i].conn, done_lines[_i].error, buf, sizeof(buf)),
	    buf, done_lines[_i].want);
}
END_TEST

/* An error without a text of its own is named as the C library names it. */
START_TEST(other_error_named_by_libc)
{
	char buf[LINE_CAP], want[LINE_CAP];
	struct probe_target t;

	make_target(&LIT4, &t);
	snprintf(want, sizeof(want), "RCVD (0.0001s) Possible TCP RST "
	    "received from 127.0.0.1:3306 --> %s", strerror(EPROTO));
	ASSERT_LINE(format_connect_done(100000, &t, CONN_UNREACHABLE, EPROTO,
	    buf, sizeof(buf)), buf, want);
}
END_TEST

static const struct {
	uint64_t attempts, successes;
	const char *want;
} summary_lines[] = {
	{ 2, 2, "TCP connection attempts: 2 | Successful connections: 2 | "
	    "Failed: 0 (0.00%)" },
	{ 2, 0, "TCP connection attempts: 2 | Successful connections: 0 | "
	    "Failed: 2 (100.00%)" },
	{ 4, 2, "TCP connection attempts: 4 | Successful connections: 2 | "
	    "Failed: 2 (50.00%)" },
	{ 3, 2, "TCP connection attempts: 3 | Successful connections: 2 | "
	    "Failed: 1 (33.33%)" },
	{ 3, 1, "TCP connection attempts: 3 | Successful connections: 1 | "
	    "Failed: 2 (66.67%)" },
	{ 0, 0, "TCP connection attempts: 0 | Successful connections: 0 | "
	    "Failed: 0 (0.00%)" },
	{ 100000, 99999, "TCP connection attempts: 100000 | Successful "
	    "connections: 99999 | Failed: 1 (0.00%)" },
	{ 1, 2, "TCP connection attempts: 1 | Successful connections: 2 | "
	    "Failed: 0 (0.00%)" },
};

START_TEST(summary_line)
{
	char buf[LINE_CAP];

	ASSERT_LINE(format_connect_summary(summary_lines[_i].attempts,
	    summary_lines[_i].successes, buf, sizeof(buf)), buf,
	    summary_lines[_i].want);
}
END_TEST

/* A short buffer gets the first bytes; the length is still the whole. */
START_TEST(short_buffer)
{
	const char *whole = start_lines[0].want;
	struct probe_target t;
	char buf[10];

	make_target(&DB4, &t);
	ck_assert_uint_eq(format_connect_start(3300000, &t, buf, sizeof(buf)),
	    strlen(whole));
	ck_assert_str_eq(buf, "SENT (0.0");
	ck_assert_uint_eq(format_connect_start(3300000, &t, NULL, 0),
	    strlen(whole));
	ck_assert_uint_eq(format_connect_done(0, &t, CONN_TIMEOUT, 0, NULL, 0),
	    0);
	ck_assert_uint_eq(format_connect_summary(2, 2, buf, 1), strlen(
	    summary_lines[0].want));
	ck_assert_str_eq(buf, "");
}
END_TEST

Suite *
format_connect_suite(void)
{
	Suite *s = suite_create("format_connect");
	TCase *tc = tcase_create("lines");

	tcase_add_loop_test(tc, start_line, 0, NITEMS(start_lines));
	tcase_add_loop_test(tc, done_line, 0, NITEMS(done_lines));
	tcase_add_test(tc, other_error_named_by_libc);
	tcase_add_loop_test(tc, summary_line, 0, NITEMS(summary_lines));
	tcase_add_test(tc, short_buffer);
	suite_add_tcase(s, tc);
	return s;
}
