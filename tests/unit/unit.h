/* Shared by the unit test files: each defines one NAME_suite(). */
#ifndef PROBE_UNIT_H
#define PROBE_UNIT_H

#include <check.h>

#define SUITE(name) Suite *name##_suite(void);
#include "suites.inc"
#undef SUITE

#endif
