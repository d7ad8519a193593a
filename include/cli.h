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

#define CLI_TARGET_CAP	4096
#define CLI_RANGE_CAP	64

struct port_range {
	uint16_t lo, hi;
};

enum output_format {
	OUTPUT_TEXT,
	OUTPUT_JSON,		/* JSON Lines, docs/probe-json.md */
	OUTPUT_PROMETHEUS,	/* text exposition format */
	OUTPUT_NAGIOS,		/* one plugin line, plugin exit statuses */
};

struct probe_opts {
	struct port_range ports[CLI_RANGE_CAP];
	size_t nranges;
	size_t nports;		/* ports in all the ranges */
	unsigned count;
	int64_t delay_ns;	/* between probes */
	int64_t wait_ns;	/* a probe's wait for its reply */
	int family;		/* 0, AF_INET or AF_INET6 */
	int first;		/* only the first address of a name */
	int tcp_connect;	/* connect() probes even with privilege */
	int hide_sent;
	int verbose, quiet;
	int32_t sport;		/* -1: random */
	uint8_t ttl;
	uint16_t win;
	int64_t seq;		/* -1: random per probe */
	uint8_t flags;
	uint16_t data_len;
	const char *iface;	/* NULL: the routed one */
	const char *source_ip;	/* NULL: the kernel's choice */
	const char *raw_option;	/* the first option given that only raw
				   probes honour, as "--ttl"; or NULL */
	const char *targets[CLI_TARGET_CAP];
	size_t ntargets;
	const char *resolv_conf;
	enum output_format output;
	const char *user;	/* to switch to from root: "nobody" */

	int check_mode;		/* probe check: stop at the first answer */
	const char *srv_name;	/* --srv: port from _NAME._tcp.SERVICE */
	const char *warn, *crit;	/* -w and -c of check mode */
	char *file_text;	/* --file's contents, owned: targets point in */
};

/*
 * Parses argv.  Accepts "probe --tcp ..." and "probe tcp ...".  The
 * strings in opts point into argv.
 */
enum cli_status cli_parse(int argc, char **argv, struct probe_opts *opts,
    char *err, size_t errlen);

/* Parses "3306", "3306,6379", "8000-8010" into ranges: 0, or -1. */
int cli_parse_ports(const char *s, struct probe_opts *o);

/* Parses an output format name: 0, or -1. */
int cli_parse_output(const char *s, enum output_format *out);

/* Parses TCP flags, "syn,ack", "SA" or "0x12": 0, or -1. */
int cli_parse_flags(const char *s, uint8_t *flags);

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

/*
 * Parses "probe check" (argv[0] is "check"): TARGET[:PORT] words and
 * the lines of --file, which it reads.  On CLI_RUN the caller frees
 * opts->file_text.
 */
enum cli_status check_cli_parse(int argc, char **argv,
    struct probe_opts *opts, char *err, size_t errlen);

/*
 * Splits "name:port", "[v6]:port", "v6" or "name" into a host (copied
 * into host) and a port (0 when none).  Returns 0, or -1 when malformed.
 */
int cli_split_target(const char *word, char *host, size_t cap,
    uint16_t *port);

/*
 * The first byte of s below 0x20 or 0x7f not in allowed, or -1.  Error
 * lines quote what was typed, and such a byte would move the cursor or
 * end the line.
 */
int cli_control_byte(const char *s, const char *allowed);

/*
 * The error for getopt_long's '?' (unknown option) or ':' (missing
 * value) in c, naming the option as typed and where help is.
 */
enum cli_status cli_bad_option(int c, char **argv, const char *help,
    char *err, size_t errlen);

/* -4 or -6, in c: CLI_ERROR when the other was given before. */
enum cli_status cli_take_family(int c, struct probe_opts *o, char *err,
    size_t errlen);

/* Refuses an argv word (after argv[0]) with a control character. */
enum cli_status cli_check_words(int argc, char **argv, char *err,
    size_t errlen);

extern const char cli_usage[];
extern const char check_usage[];

#endif
