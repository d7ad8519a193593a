/*
 * The command line of "probe lookup" (also "probe nslookup" and probe
 * started as nslookup) and nslookup's interactive command language,
 * parsed into one plain struct.  Nothing here reads a file or prints:
 * each call hands back a status and, on error, one line.
 */
#ifndef PROBE_LOOKUP_CLI_H
#define PROBE_LOOKUP_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"

#define LOOKUP_TEXT_MAX	256	/* name, server, domain, line: with NUL */

enum lookup_libc {
	LOOKUP_GLIBC,
	LOOKUP_MUSL,
};

/*
 * server and domain are arrays, not pointers: a setting made from an
 * interactive line must outlive the line, and the struct can be copied
 * whole.  name and resolv_conf are only ever set from argv.
 */
struct lookup_opts {
	const char *name;		/* NULL: interactive */
	char server[LOOKUP_TEXT_MAX];	/* "": from resolv.conf */
	uint16_t qtype;			/* 0: A and AAAA, as nslookup asks */
	uint16_t port;			/* 53 */
	int timeout_s;			/* -1: from resolv.conf */
	int retry;			/* tries in all, as "attempts"; -1:
					 * from resolv.conf */
	int ndots;			/* -1: from resolv.conf */
	char domain[LOOKUP_TEXT_MAX];	/* "": resolv.conf's search list;
					 * else this domain alone */
	int vc, recurse, search, debug, trace, show_config, parallel;
	enum lookup_libc libc;		/* LOOKUP_GLIBC */
	const char *resolv_conf;	/* "/etc/resolv.conf" */
};

/*
 * Parses argv; argv[0] is the program word ("lookup" or "nslookup").
 * Options come in nslookup's form (-type=mx, -ty=mx, -novc) or the long
 * form (--type mx, --type=mx), mixed with the operands NAME [SERVER] or
 * "-" [SERVER] (interactive).  *o is written only on CLI_RUN.
 */
enum cli_status lookup_cli_parse(int argc, char **argv,
    struct lookup_opts *o, char *err, size_t errlen);

enum lookup_cmd_kind {
	LCMD_EMPTY,		/* blank line or a comment */
	LCMD_LOOKUP,		/* "NAME" or "NAME SERVER" */
	LCMD_SERVER,		/* "server [ADDR]", "lserver [ADDR]" */
	LCMD_SET,		/* a setting, already applied to *o */
	LCMD_SET_ALL,		/* "set all": show lookup_format_settings */
	LCMD_EXIT,
	LCMD_ERROR,		/* err holds one line */
};

struct lookup_cmd {
	enum lookup_cmd_kind kind;
	char arg[LOOKUP_TEXT_MAX];	/* LOOKUP: the name; SERVER: the
					 * address, "" to show the server */
	char server2[LOOKUP_TEXT_MAX];	/* LOOKUP: the server of
					 * "NAME SERVER" for this name
					 * alone, else "" */
};

/*
 * Parses one line typed at the prompt, with or without its line end,
 * at most LOOKUP_TEXT_MAX - 1 bytes before it.  Words are split on
 * spaces, tabs, CR and LF as nslookup splits them; a word that begins
 * with '#' starts a comment to the end of the line.  A "set" line is
 * applied to *o, which is left as it was on LCMD_ERROR.  Server
 * changes are the caller's: it may have to resolve ADDR before it
 * copies it into o->server.
 */
enum lookup_cmd_kind lookup_cmd_parse(const char *line,
    struct lookup_opts *o, struct lookup_cmd *cmd, char *err,
    size_t errlen);

enum lookup_read {
	LREAD_LINE,		/* buf holds the line, its newline dropped */
	LREAD_TOO_LONG,		/* err says so; all of the line was read */
	LREAD_END,		/* no more input */
};

/*
 * Reads one line typed at the prompt from in into buf (cap bytes).  A
 * line that does not fit is read to its end and dropped, with one
 * error, so that its rest is not taken for more lines.
 */
enum lookup_read lookup_read_line(FILE *in, char *buf, size_t cap,
    char *err, size_t errlen);

/*
 * Writes the "set all" listing of o, with server (NULL if none) as the
 * default server, into buf, NUL-terminated when cap > 0.  Returns the
 * length of the whole listing, as snprintf does: at least cap means it
 * was cut.  Fields still -1 print as "default"; the caller may fill in
 * the values resolv.conf gave first.
 */
size_t lookup_format_settings(const struct lookup_opts *o,
    const char *server, char *buf, size_t cap);

/*
 * The option names in table order, then NULL: tests check lookup_usage
 * against them.
 */
const char *lookup_option_name(size_t i);

extern const char lookup_usage[];

#endif
