/*
 * The text of connect mode's lines, in the layout of nping
 * --tcp-connect.  Each function writes at most cap bytes with a NUL and
 * returns the length it wanted, as snprintf does.  Pure: no I/O.
 */
#ifndef PROBE_FORMAT_CONNECT_H
#define PROBE_FORMAT_CONNECT_H

#include <stddef.h>
#include <stdint.h>

#include "events.h"
#include "target.h"

/*
 * "SENT (0.0033s) Starting TCP Handshake > mysql:3306
 * (198.18.78.144:3306)"; a target given as an address shows it once:
 * "SENT (0.0018s) Starting TCP Handshake > 127.0.0.1:3306".
 */
size_t format_connect_start(int64_t t_ns, const struct probe_target *t,
    char *buf, size_t cap);

/*
 * "RCVD (0.0033s) Handshake with mysql:3306 (198.18.78.144:3306)
 * completed" for CONN_OPEN; "RCVD (0.0019s) Possible TCP RST received
 * from 198.18.78.144:3306 --> Connection refused" for CONN_REFUSED and
 * CONN_UNREACHABLE, with the text of error; "" for CONN_TIMEOUT, of
 * which nping prints nothing.
 */
size_t format_connect_done(int64_t t_ns, const struct probe_target *t,
    enum conn_outcome conn, int error, char *buf, size_t cap);

/*
 * "TCP connection attempts: 3 | Successful connections: 2 | Failed: 1
 * (33.33%)"
 */
size_t format_connect_summary(uint64_t attempts, uint64_t successes,
    char *buf, size_t cap);

#endif
