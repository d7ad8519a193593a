/*
 * The reporter a run writes through: text by default, else the one -o
 * chose.  Diagnostics on stderr (-v) come from the text reporter in
 * every format, so that standard output holds the format alone.
 */
#include <stdio.h>
#include <string.h>

#include "app_internal.h"
#include "exit_status.h"

char app_last_error[512];

static int
parse_threshold(const char *opt, const char *text,
    struct nagios_threshold *t)
{
	if (text == NULL || nagios_parse_threshold(text, t) == 0)
		return PROBE_EXIT_OK;
	return app_fail(PROBE_EXIT_USAGE, "bad %s threshold \"%s\": give "
	    "milliseconds, a loss in percent, or both, as in 100,20%%", opt,
	    text);
}

int
app_output_open(struct app *a)
{
	int rc;

	a->text.out = stdout;
	a->text.diag = stderr;
	a->text.verbose = a->opts.verbose;
	a->text.quiet = a->opts.quiet;
	a->text.hide_sent = a->opts.hide_sent;
	a->text.check = a->opts.check_mode;
	a->json.out = stdout;
	a->json.start_real_ns = a->clk.real0;
	a->prom.out = stdout;
	a->nagios.out = stdout;

	rc = parse_threshold("-w", a->opts.warn, &a->nagios.warn);
	if (rc == PROBE_EXIT_OK)
		rc = parse_threshold("-c", a->opts.crit, &a->nagios.crit);
	return rc;
}

static int
diagnostic(const struct event *ev)
{
	return ev->kind == EV_QUERY || ev->kind == EV_CONFIG_WARNING ||
	    ev->kind == EV_IGNORED;
}

void
app_emit(const struct event *ev, void *arg)
{
	struct app *a = arg;

	if (a->opts.output == OUTPUT_TEXT || diagnostic(ev))
		report_text_event(ev, &a->text);
	switch (a->opts.output) {
	case OUTPUT_TEXT:
		break;
	case OUTPUT_JSON:
		report_json_event(ev, &a->json);
		break;
	case OUTPUT_PROMETHEUS:
		report_prom_event(ev, &a->prom);
		break;
	case OUTPUT_NAGIOS:
		report_nagios_event(ev, &a->nagios);
		break;
	}
}

/*
 * A plugin that stopped before its summary still prints its one line:
 * a name that did not resolve is CRITICAL, anything else UNKNOWN.
 */
int
app_output_close(struct app *a, int rc)
{
	report_prom_free(&a->prom);
	if (a->opts.output != OUTPUT_NAGIOS)
		return rc;
	if (!a->nagios.done)
		report_nagios_fail(&a->nagios, rc == PROBE_EXIT_UNRESOLVED ?
		    NAGIOS_CRITICAL : NAGIOS_UNKNOWN, app_last_error);
	return report_nagios_status(&a->nagios);
}
