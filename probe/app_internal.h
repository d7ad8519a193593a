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
};

/* One line on stderr, "probe: " first; returns status. */
int app_fail(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The event_fn of a run: hands ev to the chosen reporter. */
void app_emit(const struct event *ev, void *arg);

/*
 * Resolves every TARGET word, finds the ports of those without one,
 * and builds the targets.  Returns an exit status.
 */
int app_resolve_targets(struct app *a);

#endif
