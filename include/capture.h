/*
 * One libpcap handle, opened once before the first probe: immediate
 * mode, nanosecond timestamps, a numeric filter, non-blocking reads.
 */
#ifndef PROBE_CAPTURE_H
#define PROBE_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

struct capture;

typedef void (*capture_fn)(const uint8_t *frame, size_t caplen,
    int64_t sec, int64_t nsec, void *arg);

/*
 * Opens ifname with filter (numeric addresses only: no name may reach
 * the resolver from here).  Returns 0, or -1 with err set.
 */
int capture_open(const char *ifname, const char *filter,
    struct capture **out, char *err, size_t errlen);

int capture_fd(const struct capture *c);
int capture_linktype(const struct capture *c);

/* Hands every frame now buffered to fn: their number, or -1. */
int capture_dispatch(struct capture *c, capture_fn fn, void *arg);

/* Packets the kernel dropped because the ring was full, or 0. */
unsigned capture_drops(struct capture *c);

void capture_close(struct capture *c);

#endif
