/*
 * Text appended to one bounded buffer that keeps counting past its end,
 * so that a short buffer gets the first bytes and the caller still
 * learns the whole length, as snprintf tells it.  Pure: no I/O.
 */
#ifndef PROBE_TEXTBUF_H
#define PROBE_TEXTBUF_H

#include <stddef.h>

struct textbuf {
	char *buf;
	size_t cap;
	size_t len;		/* wanted so far; may pass cap */
};

/* Starts empty; buf may be NULL when cap is 0. */
void textbuf_init(struct textbuf *t, char *buf, size_t cap);

void textbuf_printf(struct textbuf *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
