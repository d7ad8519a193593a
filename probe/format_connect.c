/*
 * nping names a target "name:port (address:port)", and one given as an
 * address "address:port"; a refusal names the address alone.  An IPv6
 * address goes in brackets before its port (RFC 5952, section 6), where
 * nping writes "::1:3306", which reads as an address of its own.
 *
 * The texts of the errors are glibc's, which nping prints through
 * strerror(); they are kept here so that the lines do not change with
 * the C library or the locale.
 */
#include <sys/socket.h>
#include <arpa/inet.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "format_connect.h"

#define NS_PER_TICK	100000	/* the fourth decimal of a second */
#define TICKS_PER_S	10000
#define TIME_MAX	32
#define ENDPOINT_MAX	(TARGET_ADDR_MAX + sizeof("[]:65535"))
#define NAMED_MAX	(TARGET_NAME_MAX + sizeof(":65535 ()") + ENDPOINT_MAX)

static const struct {
	int error;
	const char *text;
} error_texts[] = {
	{ ECONNREFUSED, "Connection refused" },
	{ EHOSTUNREACH, "No route to host" },
	{ ENETUNREACH, "Network is unreachable" },
	{ EACCES, "Permission denied" },
	{ EPERM, "Operation not permitted" },
	{ EHOSTDOWN, "Host is down" },
	{ ENETDOWN, "Network is down" },
};

static size_t
wanted(int n)
{
	return n < 0 ? 0 : (size_t)n;
}

/* Four decimals, halves away from zero: 24450000 ns is "0.0245". */
static void
seconds_text(int64_t ns, char *buf, size_t cap)
{
	uint64_t mag, ticks;

	mag = ns < 0 ? -(uint64_t)ns : (uint64_t)ns;
	ticks = mag / NS_PER_TICK + (mag % NS_PER_TICK >= NS_PER_TICK / 2);

	snprintf(buf, cap, "%s%" PRIu64 ".%04" PRIu64,
	    ns < 0 && ticks > 0 ? "-" : "", ticks / TICKS_PER_S,
	    ticks % TICKS_PER_S);
}

static void
endpoint_text(const struct probe_target *t, char *buf, size_t cap)
{
	int len = (int)sizeof(t->addr);

	if (t->family == AF_INET6)
		snprintf(buf, cap, "[%.*s]:%u", len, t->addr, t->port);
	else
		snprintf(buf, cap, "%.*s:%u", len, t->addr, t->port);
}

/* In any spelling: nping prints "::1:3306" for 0:0::1 too. */
static int
given_as_address(const struct probe_target *t)
{
	char name[TARGET_NAME_MAX];
	uint8_t bytes[16];

	snprintf(name, sizeof(name), "%.*s", (int)sizeof(t->name), t->name);
	return name[0] == '\0' || inet_pton(t->family, name, bytes) == 1;
}

static void
target_text(const struct probe_target *t, char *buf, size_t cap)
{
	char endpoint[ENDPOINT_MAX];

	endpoint_text(t, endpoint, sizeof(endpoint));
	if (given_as_address(t))
		snprintf(buf, cap, "%s", endpoint);
	else
		snprintf(buf, cap, "%.*s:%u (%s)", (int)sizeof(t->name),
		    t->name, t->port, endpoint);
}

static const char *
error_text(int error)
{
	size_t i;

	for (i = 0; i < sizeof(error_texts) / sizeof(error_texts[0]); i++)
		if (error_texts[i].error == error)
			return error_texts[i].text;
	return strerror(error);
}

size_t
format_connect_start(int64_t t_ns, const struct probe_target *t,
    char *buf, size_t cap)
{
	char when[TIME_MAX], who[NAMED_MAX];

	seconds_text(t_ns, when, sizeof(when));
	target_text(t, who, sizeof(who));

	return wanted(snprintf(buf, cap,
	    "SENT (%ss) Starting TCP Handshake > %s", when, who));
}

/*
 * nping words every failed connect() as a possible RST and names the
 * error after it, ICMP errors included.
 */
size_t
format_connect_done(int64_t t_ns, const struct probe_target *t,
    enum conn_outcome conn, int error, char *buf, size_t cap)
{
	char when[TIME_MAX], who[NAMED_MAX];

	seconds_text(t_ns, when, sizeof(when));
	switch (conn) {
	case CONN_OPEN:
		target_text(t, who, sizeof(who));
		return wanted(snprintf(buf, cap,
		    "RCVD (%ss) Handshake with %s completed", when, who));
	case CONN_REFUSED:
	case CONN_UNREACHABLE:
		endpoint_text(t, who, sizeof(who));
		return wanted(snprintf(buf, cap,
		    "RCVD (%ss) Possible TCP RST received from %s --> %s",
		    when, who, error_text(error)));
	case CONN_TIMEOUT:
		break;
	}

	if (cap > 0)
		buf[0] = '\0';
	return 0;
}

/* The share failed is printf's rounding, as nping prints it. */
size_t
format_connect_summary(uint64_t attempts, uint64_t successes, char *buf,
    size_t cap)
{
	uint64_t failed = successes < attempts ? attempts - successes : 0;
	double pct = attempts > 0 ? (double)failed * 100.0 / (double)attempts :
	    0.0;

	return wanted(snprintf(buf, cap, "TCP connection attempts: %" PRIu64
	    " | Successful connections: %" PRIu64 " | Failed: %" PRIu64
	    " (%.2f%%)", attempts, successes, failed, pct));
}
