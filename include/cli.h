/*
 * Command line into one plain struct.  The parser reads no files and
 * prints nothing: it hands back a status and, on error, one line.
 */
#ifndef PROBE_CLI_H
#define PROBE_CLI_H

#include <stddef.h>
#include <stdint.h>

#define CLI_ERR_MAX	256

enum cli_status {
	CLI_RUN,		/* options are good: run */
	CLI_HELP,		/* -h: print usage to stdout, exit 0 */
	CLI_VERSION,		/* -V: print the version, exit 0 */
	CLI_ERROR,		/* err holds one line */
};

struct probe_opts {
	uint16_t port;
	unsigned count;
	int64_t delay_ns;	/* between probes */
	int64_t wait_ns;	/* for a reply after the last probe */
	int verbose;
	const char *target;
	const char *resolv_conf;
};

/*
 * Parses argv.  Accepts "probe --tcp ..." and "probe tcp ...".  The
 * strings in opts point into argv.
 */
enum cli_status cli_parse(int argc, char **argv, struct probe_opts *opts,
    char *err, size_t errlen);

/*
 * Parses a duration: a decimal number with an optional unit us, ms, s
 * or m (seconds when there is none), between min_ns and max_ns.
 * Returns 0 and sets *ns, or -1.
 */
int cli_parse_duration(const char *s, int64_t min_ns, int64_t max_ns,
    int64_t *ns);

/* Parses a whole decimal number between min and max: 0, or -1. */
int cli_parse_number(const char *s, unsigned long min, unsigned long max,
    unsigned long *out);

extern const char cli_usage[];

#endif
