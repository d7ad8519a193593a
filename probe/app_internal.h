/*
 * The state of one run of the TCP and check modes, shared by the files
 * of the command layer: app.c (the flow, the handles, the probing) and
 * app_words.c (the TARGET words into addresses and ports).
 */
#ifndef PROBE_APP_INTERNAL_H
#define PROBE_APP_INTERNAL_H

#include <stdint.h>

#include "cli.h"
#include "dnsclient.h"
#include "events.h"
#include "prober.h"
#include "report.h"
#include "report_json.h"
#include "report_nagios.h"
#include "report_prom.h"
#include "resolve.h"
#include "targets.h"

#define HOST_TEXT_MAX	256

struct app {
	struct probe_opts opts;
	struct run_clock clk;
	struct report_text text;
	struct resolv_conf rc;
	int rc_read;
	struct dnsclient *dc;
	struct resolution res;
	struct target_word words[CLI_TARGET_CAP];
	char hosts[CLI_TARGET_CAP][HOST_TEXT_MAX];
	struct target_set set;
	struct capture *cap;
	struct prober_tx tx;
	uint16_t sport;
	int connect_mode;
	int64_t setup_ns;	/* opening the raw sockets and capture */
	int64_t resolve_start, resolve_end, probe_start;
	struct report_json json;
	struct report_prom prom;
	struct report_nagios nagios;
};

/* The last line app_fail wrote. */
extern char app_last_error[512];

/* One line on stderr, "probe: " first; returns status. */
int app_fail(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Holds descriptors 0 to 2 open, on /dev/null where they were closed;
 * an exit status, an error when stdout was closed.
 */
int app_stdio_hold(void);

/* Flushes stdout: rc, or the usage status when output was lost. */
int app_stdio_finish(int rc);

/* The event_fn of a run: hands ev to the chosen reporter. */
void app_emit(const struct event *ev, void *arg);

/* Sets up the reporter -o chose: an exit status. */
int app_output_open(struct app *a);

/*
 * Ends the output of a run whose status is rc, and returns the exit
 * status: rc, or the plugin status of the Nagios format.
 */
int app_output_close(struct app *a, int rc);

/*
 * Resolves every TARGET word, finds the ports of those without one,
 * and builds the targets.  Returns an exit status.
 */
int app_resolve_targets(struct app *a);

#endif
