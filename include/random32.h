/*
 * Numbers an attacker on the path should not guess: sequence numbers,
 * IP ids, source ports and DNS query ids.
 */
#ifndef PROBE_RANDOM32_H
#define PROBE_RANDOM32_H

#include <stdint.h>

/* 32 bits from the kernel's generator. */
uint32_t random32(void);

#endif
