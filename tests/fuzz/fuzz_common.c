/*
 * What every fuzz target shares.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

void
fuzz_check_text(const char *buf, size_t cap, size_t want)
{
	size_t len;

	if (cap == 0)
		return;
	len = strnlen(buf, cap);
	if (len == cap)
		abort();	/* no NUL within the buffer */
	if (len != (want < cap ? want : cap - 1))
		abort();	/* the length said is not what was written */
}
