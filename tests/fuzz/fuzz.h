/*
 * The fuzz targets: each takes one input of any bytes and feeds it to
 * the parsers it is named for, then to what uses their output.  They
 * abort when a parser breaks a promise its header makes, so a fuzzer
 * and the replay of tests/fuzz/regress/ both see it as a crash.
 */
#ifndef PROBE_FUZZ_H
#define PROBE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

void fuzz_decode_one(const uint8_t *data, size_t size);
void fuzz_dnsmsg_one(const uint8_t *data, size_t size);
void fuzz_resolvconf_one(const uint8_t *data, size_t size);
void fuzz_cli_one(const uint8_t *data, size_t size);

/* libFuzzer's entry point, defined once a target unless FUZZ_REPLAY. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Aborts unless the snprintf-like formatter's output in buf, of cap
 * bytes, is the NUL-terminated first part of the want bytes it
 * reported.
 */
void fuzz_check_text(const char *buf, size_t cap, size_t want);

#endif
