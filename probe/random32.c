#include <sys/random.h>

#include "random32.h"
#include "timing.h"

/*
 * getrandom does not fail for four bytes once the pool is ready; the
 * fallback is for a kernel without the call, and is guessable.
 */
uint32_t
random32(void)
{
	uint32_t v;

	if (getrandom(&v, sizeof(v), 0) != sizeof(v))
		v = (uint32_t)timing_now_ns() * 2654435761u;
	return v;
}
