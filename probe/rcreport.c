#include <limits.h>

#include "rcreport.h"
#include "search.h"

static const char *
source_word(enum rc_search_source src)
{
	switch (src) {
	case RC_SEARCH_LINE:		return "a search line";
	case RC_SEARCH_DOMAIN:		return "a domain line";
	case RC_SEARCH_LOCALDOMAIN:	return "LOCALDOMAIN";
	case RC_SEARCH_NONE:		break;
	}
	return "the host name";
}

static void
write_servers(FILE *out, const struct resolv_conf *rc)
{
	size_t i;

	if (rc->nns == 0)
		fputs("nameserver  (none)\n", out);
	for (i = 0; i < rc->nns; i++) {
		fprintf(out, "nameserver  %-40s", rc->ns[i].addr);
		if (rc->ns[i].line > 0)
			fprintf(out, " line %d", rc->ns[i].line);
		else
			fputs(" default", out);
		fputs(rc->ns[i].ignored ? ", ignored: past the third\n" :
		    "\n", out);
	}
}

static void
write_search(FILE *out, const struct resolv_conf *rc)
{
	char shown[SEARCH_TEXT_MAX];
	size_t i;

	fputs("search     ", out);
	if (rc->nsearch == 0)
		fputs(" (none)", out);
	for (i = 0; i < rc->nsearch; i++) {
		search_name_text(rc->search[i], shown, sizeof(shown));
		fprintf(out, " %s", shown);
	}
	if (rc->nsearch > 0 && rc->search_line > 0)
		fprintf(out, "  (from %s, line %d)",
		    source_word(rc->search_source), rc->search_line);
	else if (rc->nsearch > 0)
		fprintf(out, "  (from %s)", source_word(rc->search_source));
	fputc('\n', out);
}

static const char *
yes_no(bool b)
{
	return b ? "yes" : "no";
}

static void
write_options(FILE *out, const struct resolv_conf *rc)
{
	fprintf(out, "options     ndots:%d timeout:%d attempts:%d",
	    rc->ndots, rc->timeout, rc->attempts);
	if (resolvconf_wait_s(rc) != rc->timeout)
		fprintf(out, "  (the libc waits %d s)", resolvconf_wait_s(rc));
	fputc('\n', out);
	fprintf(out, "            rotate:%s edns0:%s use-vc:%s trust-ad:%s "
	    "no-tld-query:%s\n", yes_no(rc->rotate), yes_no(rc->edns0),
	    yes_no(rc->use_vc), yes_no(rc->trust_ad),
	    yes_no(rc->no_tld_query));
	fprintf(out, "            single-request:%s "
	    "single-request-reopen:%s\n", yes_no(rc->single_request),
	    yes_no(rc->single_request_reopen));
}

static void
write_env(FILE *out, const char *name, const char *value)
{
	if (value == NULL)
		fprintf(out, "%-11s (unset)\n", name);
	else
		fprintf(out, "%-11s \"%s\"\n", name, value);
}

static void
write_line_warnings(FILE *out, const struct resolv_conf *rc, int line)
{
	size_t i;

	for (i = 0; i < rc->nwarn; i++) {
		if (rc->warn[i].line != line)
			continue;
		if (line > 0)
			fprintf(out, "warning     line %d: %s\n", line,
			    rc->warn[i].text);
		else
			fprintf(out, "warning     %s\n", rc->warn[i].text);
	}
}

/*
 * In the order of the file's lines, whatever order they were found in,
 * then those about no line: the environment's.  Each round takes a
 * higher line, so there are at most as many rounds as warnings.
 */
static void
write_warnings(FILE *out, const struct resolv_conf *rc)
{
	int line = 0, next;
	size_t i;

	for (;;) {
		next = INT_MAX;
		for (i = 0; i < rc->nwarn; i++)
			if (rc->warn[i].line > line && rc->warn[i].line < next)
				next = rc->warn[i].line;
		if (next == INT_MAX)
			break;
		write_line_warnings(out, rc, next);
		line = next;
	}
	write_line_warnings(out, rc, 0);
}

void
rcreport_write(FILE *out, const struct resolv_conf *rc, const char *path,
    const char *localdomain, const char *res_options)
{
	fprintf(out, "file        %s\n", path);
	write_servers(out, rc);
	write_search(out, rc);
	write_options(out, rc);
	write_env(out, "LOCALDOMAIN", localdomain);
	write_env(out, "RES_OPTIONS", res_options);
	write_warnings(out, rc);
}
