/*
 * The formatters' shared buffer: each piece is written where the last
 * one ended while there is room, and only counted after.
 */
#include <stdarg.h>
#include <stdio.h>

#include "textbuf.h"

void
textbuf_init(struct textbuf *t, char *buf, size_t cap)
{
	t->buf = buf;
	t->cap = cap;
	t->len = 0;
	if (cap > 0)
		buf[0] = '\0';
}

void
textbuf_printf(struct textbuf *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	if (t->len < t->cap)
		n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
	else
		n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);

	if (n > 0)
		t->len += (size_t)n;
}
