/*
 * Command lines: the input split at its NULs is the words after the
 * program's name, given to probe's parser and to probe lookup's.  Then
 * each of its lines is typed at the lookup prompt, one after the other
 * on the same settings, and the settings are listed as "set all" does.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fuzz.h"
#include "lookup_cli.h"

#define WORDS_CAP	(CLI_TARGET_CAP * 2)

/* What a parser says on error is one line, and nothing that moves it. */
static void
check_err(const char *err, size_t cap, int one_line)
{
	const unsigned char *p;
	size_t len = strnlen(err, cap);

	if (len == cap || len == 0)
		abort();
	for (p = (const unsigned char *)err; one_line && *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			abort();
}

/* Splits text (len bytes and a NUL) at its NULs after argv[0]. */
static int
split_words(char *text, size_t len, const char *prog, char **argv)
{
	int argc = 0;
	size_t i = 0;

	argv[argc++] = (char *)prog;
	while (i <= len && argc < WORDS_CAP) {
		argv[argc++] = text + i;
		i += strlen(text + i) + 1;
	}
	argv[argc] = NULL;
	return argc;
}

/*
 * probe's parser quotes the words it refuses as they are: only the
 * bounds of its message are checked here.
 */
static void
parse_probe(char *text, size_t len)
{
	char *argv[WORDS_CAP + 1], err[CLI_ERR_MAX];
	struct probe_opts o;
	int argc = split_words(text, len, "probe", argv);

	if (cli_parse(argc, argv, &o, err, sizeof(err)) == CLI_ERROR)
		check_err(err, sizeof(err), 0);
}

static void
parse_lookup(char *text, size_t len, struct lookup_opts *o)
{
	char *argv[WORDS_CAP + 1], err[CLI_ERR_MAX];
	int argc = split_words(text, len, "lookup", argv);

	if (lookup_cli_parse(argc, argv, o, err, sizeof(err)) == CLI_ERROR)
		check_err(err, sizeof(err), 1);
}

static void
type_lines(const char *text, size_t len, struct lookup_opts *o)
{
	struct lookup_cmd cmd;
	char err[CLI_ERR_MAX], *line;
	size_t start = 0, end;

	while (start < len) {
		for (end = start; end < len && text[end] != '\n'; end++)
			continue;
		line = malloc(end - start + 1);
		if (line == NULL)
			return;
		memcpy(line, text + start, end - start);
		line[end - start] = '\0';
		if (lookup_cmd_parse(line, o, &cmd, err, sizeof(err)) ==
		    LCMD_ERROR)
			check_err(err, sizeof(err), 1);
		free(line);
		start = end + 1;
	}
}

static void
list_settings(const struct lookup_opts *o)
{
	size_t want = lookup_format_settings(o, "198.18.0.10", NULL, 0);
	char *buf = malloc(want + 1);

	if (buf == NULL)
		return;
	if (lookup_format_settings(o, "198.18.0.10", buf, want + 1) != want)
		abort();
	fuzz_check_text(buf, want + 1, want);
	free(buf);
}

void
fuzz_cli_one(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct lookup_opts o;
	char *argv[] = { (char *)"lookup", NULL };
	char err[CLI_ERR_MAX];

	if (text == NULL)
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	parse_probe(text, size);
	parse_lookup(text, size, &o);

	if (lookup_cli_parse(1, argv, &o, err, sizeof(err)) != CLI_RUN)
		abort();
	type_lines(text, size, &o);
	list_settings(&o);
	free(text);
}

#ifndef FUZZ_REPLAY
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_cli_one(data, size);
	return 0;
}
#endif
