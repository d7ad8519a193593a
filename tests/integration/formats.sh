#!/bin/sh
# make integration, machine formats: runs bin/probe -o json, -o
# prometheus and -o nagios from the pod of a throwaway cluster with every
# fate of a SYN (tests/lib/cluster.sh, tests/lib/fates.sh) and reads what
# it wrote with real readers: each JSON line parsed and validated against
# docs/probe-json.schema.json by python3-jsonschema, the metrics parsed
# by python3-prometheus-client's parser, the plugin line held to the
# Nagios plugin guidelines' form.  Needs root.
#
# Prints "ok NAME" or "FAIL NAME: why" with the captured output for each
# case, then "N passed, N failed"; exits non-zero if any case failed.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
probe=$root/bin/probe
schema=$root/docs/probe-json.schema.json
FATES_SYNACK=$root/tests/tools/synack.py
. "$root/tests/lib/cluster.sh"
. "$root/tests/lib/fates.sh"

# Debian's interpreter, the one its python3-* packages install into:
# another python3 first on PATH may lack them.
PYTHON=${PYTHON:-/usr/bin/python3}

# Far beyond any case's run time: only a hung probe reaches it.
PROBE_LIMIT=60
# A probe's wait where a case expects silence, to keep the run short.
WAIT=200ms

# Pieces of the Nagios lines, as extended regular expressions.
MS='[0-9]+\.[0-9]{3}'
NO_LEVELS='loss=0%;;;0;100$'

# re TEXT: TEXT with the characters special in EREs escaped.
re() {
	printf '%s' "$1" | sed 's/[].[()|*+?{}^$\\]/\\&/g'
}

# write_reader: the Python that reads the output of a case.  Given a
# mode, the schema, the output and expressions, it parses the output and
# fails with one line at the first expression that is not true of it.
# An expression may span lines: each run of white space in it counts as
# one space.
#
# json: every line a JSON object valid against the schema; the
# expressions see recs (the records in order), of(TYPE) (those of a
# type), types (their types joined by spaces), T0 and T1 (nanoseconds
# since the epoch before and after the run).
#
# prom: the text parsed into families, each metric with one HELP and
# one TYPE line before its samples, no sample with a timestamp; the
# expressions see value(SAMPLE, LABEL=VALUE...) (the value of the one
# sample of that name with those labels), samples(SAMPLE) and types (a
# metric name to its type).
write_reader() {
	READER=$CLUSTER_DIR/reader.py
	cat >"$READER" <<'EOF'
import json
import os
import sys


def fail(msg):
    print(msg)
    sys.exit(1)


def schema_error(schema, rec):
    """The first error of rec, told against the schema of its own type:
    against the whole, "not valid under any of the given schemas" says
    too little."""
    import jsonschema

    if not jsonschema.Draft202012Validator(schema).is_valid(rec):
        ref = {"$ref": "#/$defs/%s" % rec.get("type")}
        if ref in schema["oneOf"]:
            schema = dict(schema, oneOf=[ref])
        validator = jsonschema.Draft202012Validator(schema)
        return jsonschema.exceptions.best_match(validator.iter_errors(rec))
    return None


def json_env(schema_path, text):
    with open(schema_path) as f:
        schema = json.load(f)
    if text and not text.endswith("\n"):
        fail("the last line is not ended")
    recs = []
    for n, line in enumerate(text.splitlines(), 1):
        try:
            rec = json.loads(line)
        except ValueError as e:
            fail("line %d is not JSON (%s): %s" % (n, e, line))
        err = schema_error(schema, rec)
        if err is not None:
            fail("line %d breaks the schema at %s: %s: %s"
                 % (n, "/".join(map(str, err.absolute_path)) or "top",
                    err.message, line))
        recs.append(rec)
    return {
        "recs": recs,
        "of": lambda t: [r for r in recs if r["type"] == t],
        "types": " ".join(r["type"] for r in recs),
        "T0": int(os.environ["T0"]),
        "T1": int(os.environ["T1"]),
    }


def declared_once(text):
    seen = {}
    for line in text.splitlines():
        words = line.split(" ")
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            key = (words[1], words[2])
            if key in seen:
                fail("a second %s line for %s" % key)
            seen[key] = True
        elif line and not line.startswith("#"):
            name = line.split("{")[0].split(" ")[0]
            if not any(("TYPE", m) in seen and ("HELP", m) in seen
                       for m in (name, name[:-6])):
                fail("a sample before its HELP and TYPE: %s" % line)


def prom_env(text):
    from prometheus_client.parser import text_string_to_metric_families

    declared_once(text)
    try:
        families = list(text_string_to_metric_families(text))
    except ValueError as e:
        fail("not the text exposition format: %s" % e)
    every = [s for f in families for s in f.samples]
    for s in every:
        if s.timestamp is not None:
            fail("a sample with a timestamp: %s" % (s,))

    def samples(name):
        return [s for s in every if s.name == name]

    def value(name, **labels):
        found = [s for s in samples(name)
                 if all(s.labels.get(k) == v for k, v in labels.items())]
        if len(found) != 1:
            fail("%d samples %s%s" % (len(found), name, labels))
        return found[0].value

    return {
        "samples": samples,
        "value": value,
        "types": {f.name: f.type for f in families},
    }


def main():
    mode, schema_path, out_path = sys.argv[1:4]
    with open(out_path) as f:
        text = f.read()
    env = json_env(schema_path, text) if mode == "json" else prom_env(text)
    for expr in (" ".join(e.split()) for e in sys.argv[4:]):
        try:
            ok = eval(expr, env)
        except Exception as e:
            fail("%s: %r" % (expr, e))
        if not ok:
            fail("not true: %s" % expr)


main()
EOF
}

# now_ns: nanoseconds since the epoch.
now_ns() {
	date +%s%N
}

# probe_run ARG...: runs probe in the pod.  Leaves its command line in
# CMD, its exit status in RC, its output in $OUT and $ERR, and the
# times before and after it in T0 and T1.
probe_run() {
	CMD="ip netns exec $CLUSTER_POD bin/probe $*"
	: >"$OUT"
	: >"$ERR"
	if [ ! -x "$probe" ]; then
		why "$probe is missing; build it with make"
		return
	fi
	T0=$(now_ns)
	cluster_exec "$CLUSTER_POD" timeout "$PROBE_LIMIT" "$probe" "$@" \
		>"$OUT" 2>"$ERR"
	RC=$?
	T1=$(now_ns)
	[ "$RC" -ne 124 ] || why "still running after $PROBE_LIMIT s"
}

# why MESSAGE: records why the current case fails; always fails.
why() {
	WHY=$*
	return 1
}

expect_rc() {
	[ "$RC" = "$1" ] || why "exit status $RC, expected $1"
}

# expect_json EXPR...: stdout is JSON Lines valid against the schema,
# and each Python EXPR is true of its records (see write_reader).
expect_json() {
	msg=$(T0=$T0 T1=$T1 "$PYTHON" "$READER" json "$schema" "$OUT" \
		"$@" 2>&1) || why "$msg"
}

# expect_prom EXPR...: stdout is the Prometheus text format, and each
# Python EXPR is true of its samples (see write_reader).
expect_prom() {
	msg=$("$PYTHON" "$READER" prom "$schema" "$OUT" "$@" 2>&1) ||
		why "$msg"
}

# expect_plugin ERE: stdout is one line, and it matches ERE.
expect_plugin() {
	n=$(awk 'END { print NR }' "$OUT")
	if [ "$n" -ne 1 ]; then
		why "$n stdout lines, a plugin writes 1"
		return
	fi
	grep -Eq -- "$1" "$OUT" || why "the line does not match /$1/"
}

# expect_no_stderr: a clean run says nothing on stderr.
expect_no_stderr() {
	[ ! -s "$ERR" ] || why "stderr: $(head -n 1 "$ERR")"
}

# Record checks shared by the cases, as Python expressions.
ENDS='len(of("summary")) == 1 and recs[-1]["type"] == "summary"'
TIMES='T0 <= recs[-1]["start_ns"] <= recs[-1]["time_ns"] <= T1'
# Wire times are the capture's: allow the two clocks 10 ms apart.
ON_TIME='all(recs[-1]["start_ns"] - 10**7 <= r["time_ns"] <=
	recs[-1]["time_ns"] + 10**7 for r in of("probe") + of("reply"))'
RTT_ORDER='all(r["rtt_us"] is None or
	0 < r["rtt_us"]["min"] <= r["rtt_us"]["avg"] <= r["rtt_us"]["max"]
	for r in of("endpoint") + of("summary"))'

case_json_open() {
	dns=$CLUSTER_DNS_IP
	probe_run -o json --tcp -p 3306 -c 2 --delay 200ms mysql.default &&
		expect_rc 0 &&
		expect_no_stderr &&
		expect_json "$ENDS" "$TIMES" "$ON_TIME" "$RTT_ORDER" \
			'types == "resolution probe reply probe reply endpoint
			summary"' \
			'of("resolution")[0]["name"] == "mysql.default"' \
			'of("resolution")[0]["answered"] ==
			"mysql.default.svc.cluster.local"' \
			'of("resolution")[0]["qtype"] == "A"' \
			"of('resolution')[0]['addresses'] ==
			['$CLUSTER_MYSQL_IP']" \
			'[c["outcome"] for c in
			of("resolution")[0]["candidates"]] ==
			["nxdomain", "answer"]' \
			"[c['server'] for c in
			of('resolution')[0]['candidates']] ==
			['$dns', '$dns']" \
			"all(p['address'] == '$CLUSTER_MYSQL_IP' and
			p['src'] == '$CLUSTER_POD_IP' and p['port'] == 3306 and
			p['flags'] == 'S' and p['family'] == 'ipv4'
			for p in of('probe'))" \
			'all(r["kind"] == "synack" and r["flags"] == "SA" and
			r["rtt_us"] > 0 for r in of("reply"))' \
			'min(r["rtt_us"] for r in of("reply")) ==
			of("endpoint")[0]["rtt_us"]["min"]' \
			'max(r["rtt_us"] for r in of("reply")) ==
			of("endpoint")[0]["rtt_us"]["max"]' \
			'of("endpoint")[0]["verdict"] == "open"' \
			'of("endpoint")[0]["sent"] == 2' \
			'of("endpoint")[0]["open"] == 2' \
			'of("endpoint")[0]["unresolved"] is False' \
			'recs[-1]["sent"] == 2 and recs[-1]["lost"] == 0' \
			'recs[-1]["mode"] == "raw"' \
			'recs[-1]["check"] is False' \
			'recs[-1]["endpoints"] == 1'
}

case_json_closed() {
	probe_run -o json --tcp -p 80 -c 1 closed &&
		expect_rc 1 &&
		expect_json "$ENDS" "$TIMES" "$ON_TIME" "$RTT_ORDER" \
			'[r["kind"] for r in of("reply")] == ["rst"]' \
			'of("reply")[0]["flags"] == "RA"' \
			'of("endpoint")[0]["verdict"] == "closed"' \
			'of("endpoint")[0]["closed"] == 1'
}

# The router answers for the host behind it: the sender is not the
# target.
case_json_rejected() {
	probe_run -o json --tcp -p 80 -c 1 --timeout "$WAIT" policy &&
		expect_rc 1 &&
		expect_json "$ENDS" "$TIMES" "$ON_TIME" \
			'[r["kind"] for r in of("reply")] == ["icmp"]' \
			"of('reply')[0]['from'] == '$FATES_ROUTER_IP'" \
			"of('reply')[0]['address'] == '$FATES_POLICY_IP'" \
			'of("reply")[0]["icmp_type"] == 3' \
			'of("reply")[0]["icmp_code"] == 13' \
			'of("reply")[0]["rtt_us"] > 0' \
			'of("endpoint")[0]["verdict"] == "rejected"'
}

case_json_filtered() {
	probe_run -o json --tcp -p 80 -c 1 --timeout "$WAIT" filtered &&
		expect_rc 1 &&
		expect_json "$ENDS" "$TIMES" \
			'of("reply") == []' \
			'of("endpoint")[0]["verdict"] == "filtered"' \
			'of("endpoint")[0]["lost"] == 1' \
			'of("endpoint")[0]["rtt_us"] is None' \
			'recs[-1]["loss_pct"] == 100' \
			'recs[-1]["rtt_us"] is None'
}

# Each SYN is answered twice; the run may end before the last second
# answer, never before the first.
case_json_duplicate() {
	probe_run -o json --tcp -p "$FATES_SYNACK_PORT" -c 2 --delay 200ms \
		twice &&
		expect_rc 0 &&
		expect_json "$ENDS" "$TIMES" "$ON_TIME" \
			'[r["kind"] for r in of("reply")][:3] ==
			["synack", "duplicate", "synack"]' \
			'all("rtt_us" not in r for r in of("reply")
			if r["kind"] == "duplicate")' \
			'recs[-1]["rcvd"] == len(of("reply"))' \
			'recs[-1]["answered"] == 2'
}

case_json_late() {
	probe_run -o json --tcp -p "$FATES_SYNACK_PORT" -c 2 --delay 1s \
		--timeout "$WAIT" late &&
		expect_rc 1 &&
		expect_json "$ENDS" "$TIMES" \
			'[r["kind"] for r in of("reply")] in (["late"],
			["late", "late"])' \
			'all("rtt_us" not in r for r in of("reply"))' \
			'of("endpoint")[0]["lost"] == 2'
}

case_json_ipv6() {
	probe_run -o json --tcp -6 -p 3306 -c 1 mysql &&
		expect_rc 0 &&
		expect_json "$ENDS" "$TIMES" "$ON_TIME" \
			'of("resolution")[0]["qtype"] == "AAAA"' \
			"of('resolution')[0]['addresses'] ==
			['$CLUSTER_MYSQL_IP6']" \
			'of("probe")[0]["family"] == "ipv6"' \
			"of('probe')[0]['src'] == '$FATES_POD_IP6'" \
			'of("reply")[0]["kind"] == "synack"'
}

case_json_connect() {
	probe_run -o json --tcp-connect -p 3306,80 -c 1 mysql &&
		expect_rc 1 &&
		expect_json "$ENDS" "$TIMES" "$RTT_ORDER" \
			'[r["phase"] for r in of("connect")] ==
			["start", "done", "start", "done"]' \
			'[(r["port"], r["outcome"], r["error"])
			for r in of("connect") if r["phase"] == "done"] ==
			[(3306, "open", None),
			(80, "refused", "ECONNREFUSED")]' \
			'of("probe") == [] and of("reply") == []' \
			'[r["verdict"] for r in of("endpoint")] ==
			["open", "closed"]' \
			'recs[-1]["mode"] == "connect"'
}

case_json_check() {
	probe_run check -o json mysql:3306 nothere:80 &&
		expect_rc 2 &&
		expect_json "$ENDS" "$TIMES" \
			'[r["name"] for r in of("endpoint")] ==
			["mysql", "nothere"]' \
			'of("endpoint")[1]["unresolved"] is True' \
			'of("endpoint")[1]["verdict"] == "unresolved"' \
			'of("endpoint")[1]["address"] is None' \
			'of("endpoint")[1]["why"] != ""' \
			'of("endpoint")[1]["sent"] == 0' \
			'of("endpoint")[0]["verdict"] == "open"' \
			'recs[-1]["check"] is True' \
			'recs[-1]["addresses"] == 1'
}

# Diagnostics go to stderr; stdout stays JSON Lines.
case_json_verbose() {
	probe_run -v -o json --tcp -p 3306 -c 1 mysql &&
		expect_rc 0 &&
		expect_json "$ENDS" 'of("resolution") != []' &&
		{ grep -q '^probe: query ' "$ERR" ||
			why "no query lines on stderr with -v"; }
}

case_prom_two() {
	probe_run -o prometheus -p 3306 -c 2 --delay 100ms mysql closed &&
		expect_rc 1 &&
		expect_no_stderr &&
		expect_prom \
			'types == {"probe_success": "gauge",
			"probe_duration_seconds": "gauge",
			"probe_dns_lookup_time_seconds": "gauge",
			"probe_tcp_rtt_seconds": "gauge",
			"probe_tcp_sent": "counter",
			"probe_tcp_answered": "counter"}' \
			"value('probe_success', target='mysql',
			address='$CLUSTER_MYSQL_IP', port='3306') == 1" \
			"value('probe_success', target='closed',
			address='$CLUSTER_CLOSED_IP', port='3306') == 0" \
			'value("probe_tcp_sent_total", target="mysql") == 2' \
			'value("probe_tcp_sent_total", target="closed") == 2' \
			'value("probe_tcp_answered_total",
			target="mysql") == 2' \
			'value("probe_tcp_answered_total",
			target="closed") == 2' \
			'0 < value("probe_tcp_rtt_seconds", target="mysql",
			stat="min") <= value("probe_tcp_rtt_seconds",
			target="mysql", stat="avg") <=
			value("probe_tcp_rtt_seconds", target="mysql",
			stat="max") < 1' \
			'len(samples("probe_tcp_rtt_seconds")) == 6' \
			'0 < value("probe_dns_lookup_time_seconds",
			target="mysql") < 5' \
			'0 < value("probe_dns_lookup_time_seconds",
			target="closed") < 5' \
			'0.1 < value("probe_duration_seconds") < 10'
}

case_prom_check() {
	probe_run check -o prometheus mysql:3306 nothere:80 &&
		expect_rc 2 &&
		expect_prom \
			'value("probe_success", target="mysql",
			port="3306") == 1' \
			'value("probe_success", target="nothere", address="",
			port="80") == 0' \
			'value("probe_tcp_sent_total", target="nothere") == 0' \
			'"mysql" in [s.labels["target"] for s in
			samples("probe_dns_lookup_time_seconds")]' \
			'len(samples("probe_tcp_rtt_seconds")) == 3'
}

case_nagios_ok() {
	probe_run -o nagios -p 3306 -c 2 --delay 100ms mysql &&
		expect_rc 0 &&
		expect_no_stderr &&
		expect_plugin "^TCP OK - $MS ms response time on mysql:3306\\|\
rtt=${MS}ms;;;0 $NO_LEVELS"
}

case_nagios_closed() {
	a=$(re "$CLUSTER_CLOSED_IP")
	probe_run -o nagios -p 80 -c 1 closed &&
		expect_rc 2 &&
		expect_plugin "^TCP CRITICAL - closed \\($a\\) port 80: closed \
\\(RST\\), 1/1 answered\\|rtt=${MS}ms;;;0 $NO_LEVELS"
}

case_nagios_filtered() {
	a=$(re "$FATES_FILTERED_IP")
	probe_run -o nagios -p 80 -c 1 --timeout "$WAIT" filtered &&
		expect_rc 2 &&
		expect_plugin "^TCP CRITICAL - filtered \\($a\\) port 80: \
filtered \\(no reply to 1 probe\\)\\|rtt=U;;;0 loss=100%;;;0;100$"
}

# The pod's link answers in tens of microseconds: a level of one is
# passed, one of a second is not.
case_nagios_warning() {
	probe_run check -o nagios -w 0.001 -c 1000,50% mysql:3306 &&
		expect_rc 1 &&
		expect_plugin "^TCP WARNING - $MS ms response time on \
mysql:3306\\|rtt=${MS}ms;0.001;1000;0 loss=0%;;50;0;100$"
}

case_nagios_critical() {
	probe_run check -o nagios -w 0.001 -c 0.002 mysql:3306 &&
		expect_rc 2 &&
		expect_plugin "^TCP CRITICAL - $MS ms response time on \
mysql:3306\\|rtt=${MS}ms;0.001;0.002;0 $NO_LEVELS"
}

case_nagios_worst() {
	a=$(re "$CLUSTER_CLOSED_IP")
	probe_run check -o nagios mysql:3306 redis:6379 closed:80 &&
		expect_rc 2 &&
		expect_plugin "^TCP CRITICAL - closed \\($a\\) port 80: closed \
\\(RST\\), 1/1 answered \\(worst of 3 endpoints\\)\\|rtt=${MS}ms;;;0 \
$NO_LEVELS"
}

case_nagios_unresolved() {
	probe_run check -o nagios nothere:80 &&
		expect_rc 2 &&
		expect_plugin '^TCP CRITICAL - nothere:80: unresolved \(.+\)\|'\
'rtt=U;;;0 loss=0%;;;0;100$'
}

# A plugin prints its line even when the run ends before a summary.
case_nagios_no_summary() {
	probe_run -o nagios -p 80 -c 1 nothere &&
		expect_rc 2 &&
		expect_plugin '^TCP CRITICAL - cannot resolve "nothere"'
}

case_nagios_bad_level() {
	probe_run check -o nagios -w 10,200% mysql:3306 &&
		expect_rc 3 &&
		expect_plugin '^TCP UNKNOWN - .*200%'
}

# A usage error is a plugin line too: the monitor reads stdout only.
case_nagios_bad_option() {
	probe_run -o nagios -p 80 --bogus mysql &&
		expect_rc 3 &&
		expect_plugin '^TCP UNKNOWN - unknown option "--bogus"'
}

# run_case NAME FUNCTION: runs one case and reports it.
run_case() {
	WHY=
	RC=
	CMD=
	T0=0
	T1=0
	if "$2"; then
		echo "ok $1"
		passed=$((passed + 1))
		return
	fi
	echo "FAIL $1: $WHY"
	[ -z "$RC" ] || show_output
	failed=$((failed + 1))
}

show_output() {
	echo "    # $CMD"
	echo "    exit status: $RC"
	sed 's/^/    stdout: /' "$OUT"
	sed 's/^/    stderr: /' "$ERR"
}

run_cases() {
	run_case json-open case_json_open
	run_case json-closed case_json_closed
	run_case json-rejected case_json_rejected
	run_case json-filtered case_json_filtered
	run_case json-duplicate case_json_duplicate
	run_case json-late case_json_late
	run_case json-ipv6 case_json_ipv6
	run_case json-connect case_json_connect
	run_case json-check case_json_check
	run_case json-verbose case_json_verbose
	run_case prometheus-two case_prom_two
	run_case prometheus-check case_prom_check
	run_case nagios-ok case_nagios_ok
	run_case nagios-closed case_nagios_closed
	run_case nagios-filtered case_nagios_filtered
	run_case nagios-warning case_nagios_warning
	run_case nagios-critical case_nagios_critical
	run_case nagios-worst case_nagios_worst
	run_case nagios-unresolved case_nagios_unresolved
	run_case nagios-no-summary case_nagios_no_summary
	run_case nagios-bad-level case_nagios_bad_level
	run_case nagios-bad-option case_nagios_bad_option
}

# readers_present: the Python packages that read the formats.
readers_present() {
	"$PYTHON" -c 'import jsonschema, prometheus_client.parser' \
		2>/dev/null && return 0
	echo "FAIL readers: $PYTHON lacks jsonschema or prometheus_client;" \
		"install python3-jsonschema and python3-prometheus-client" \
		"(make deps)"
	return 1
}

main() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "formats: needs root to create network namespaces" \
			"and send raw packets (sudo make integration)" >&2
		exit 1
	fi

	fates_init
	cluster_down_on_exit

	passed=0
	failed=0
	if ! readers_present; then
		failed=1
	elif fates_up; then
		OUT=$CLUSTER_DIR/stdout
		ERR=$CLUSTER_DIR/stderr
		write_reader
		run_cases
	else
		echo "FAIL cluster: could not build the test hosts"
		failed=1
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main
