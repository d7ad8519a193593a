/*
 * resolv.conf files: the first byte says whether LOCALDOMAIN and
 * RES_OPTIONS are set, from the file's first and last lines; the rest
 * is the file.  What the parser makes of it is then expanded for a few
 * names, turned into a DNS client's settings and reported as
 * --show-config reports it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dnsclient.h"
#include "fuzz.h"
#include "rcreport.h"
#include "resolvconf.h"
#include "search.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define USE_LOCALDOMAIN	0x01
#define USE_RES_OPTIONS	0x02

static const char *const names[] = {
	"mysql", "registry.example.com", "a.b.c.d.e.f.", "x",
};

/* The bytes of [p, end) up to a newline or NUL, as a C string. */
static char *
line_at(const char *p, const char *end)
{
	size_t n = 0;
	char *s;

	while (p + n < end && p[n] != '\n' && p[n] != '\0')
		n++;
	s = malloc(n + 1);
	if (s != NULL) {
		memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

static char *
last_line(const char *text, size_t len)
{
	const char *p = text + len;

	while (p > text && p[-1] != '\n')
		p--;
	return line_at(p, text + len);
}

static void
check_rc(const struct resolv_conf *rc)
{
	size_t i;

	if (rc->nns > RC_NS_CAP || rc->nsearch > RC_SEARCH_CAP ||
	    rc->nwarn > RC_WARN_CAP || resolvconf_used_servers(rc) > RC_MAXNS)
		abort();
	for (i = 0; i < rc->nns; i++)
		if (memchr(rc->ns[i].addr, '\0', RC_ADDR_MAX) == NULL)
			abort();
	for (i = 0; i < rc->nsearch; i++)
		if (memchr(rc->search[i], '\0', RC_NAME_MAX) == NULL)
			abort();
	for (i = 0; i < rc->nwarn; i++)
		if (memchr(rc->warn[i].text, '\0', RC_WARN_MAX) == NULL)
			abort();
}

static void
expand(const struct resolv_conf *rc)
{
	struct search_list *sl = malloc(sizeof(*sl));
	size_t i, k;

	if (sl == NULL)
		return;
	for (i = 0; i < NITEMS(names); i++) {
		if (search_expand(names[i], rc, SEARCH_GLIBC, sl) ==
		    SEARCH_OK && sl->ncand > SEARCH_CAND_CAP)
			abort();
		if (search_expand(names[i], rc, SEARCH_MUSL, sl) ==
		    SEARCH_OK && sl->ncand > SEARCH_CAND_CAP)
			abort();
		for (k = 0; k < sl->ncand && k < SEARCH_CAND_CAP; k++)
			if (memchr(sl->cand[k].name, '\0', RC_NAME_MAX) ==
			    NULL)
				abort();
	}
	free(sl);
}

static void
use(const struct resolv_conf *rc, const char *ld, const char *ro)
{
	static FILE *null;	/* opened once: a fuzzer runs this often */
	struct dnsclient_config cfg;
	size_t i;

	expand(rc);
	dnsclient_config_from(rc, &cfg);
	for (i = 0; i < cfg.nservers; i++)
		dnsclient_check_text(dnsclient_check_server(cfg.server[i]));

	if (null == NULL)
		null = fopen("/dev/null", "w");
	if (null != NULL)
		rcreport_write(null, rc, "resolv.conf", ld, ro);
}

void
fuzz_resolvconf_one(const uint8_t *data, size_t size)
{
	struct resolv_conf *rc = malloc(sizeof(*rc));
	char *text, *ld = NULL, *ro = NULL;
	size_t len = size > 0 ? size - 1 : 0;

	/* A copy of the exact length: a read past its end is caught. */
	text = malloc(len > 0 ? len : 1);
	if (rc == NULL || text == NULL || size == 0)
		goto done;
	memcpy(text, data + 1, len);
	if (data[0] & USE_LOCALDOMAIN)
		ld = line_at(text, text + len);
	if (data[0] & USE_RES_OPTIONS)
		ro = last_line(text, len);

	resolvconf_parse(text, len, ld, ro, rc);
	check_rc(rc);
	use(rc, ld, ro);
done:
	free(ld);
	free(ro);
	free(text);
	free(rc);
}

#ifndef FUZZ_REPLAY
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_resolvconf_one(data, size);
	return 0;
}
#endif
