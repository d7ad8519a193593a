#!/usr/bin/env python3
"""Turns the raw outputs of tests/bench/run.sh into figures.

Usage:

    analyze.py --raw DIR --probe BIN --json FILE [--markdown FILE]
               [--rate N] [--dns-delay-ms MS] [--dns-name NAME]
               [--dns-answer ADDRESS]

Reads, in DIR: the JSON Lines that measure.py wrote (rtt-long, rtt-one,
wall, sweep, sweep16k, rss, dns), the outputs they name, the captures
rtt.pcap and sweep.pcap (read back through tcpdump -r -tt --nano -S),
dns-queries, sizes and steps.  Prints the table on stdout, writes every
figure to the JSON file and, when asked, the Markdown page.

Exits 0 when every part had what it needs, 1 when a part's runs are
missing or unusable (a program that ended with another status than the one
expected, or printed no line to measure); the reasons go to stderr and
into the JSON file.
"""

import argparse
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import textwrap

POD_IP = "198.18.212.137"

PKT_RE = re.compile(
    r"^(\d+)\.(\d{9}) IP (\S+)\.(\d+) > (\S+)\.(\d+): "
    r"Flags \[([^\]]*)\], seq (\d+)(?::\d+)?(?:, ack (\d+))?")
LINE_RE = re.compile(
    r"^(SENT|RCVD) \((\d+)\.(\d+)s\) TCP (\S+):(\d+) > (\S+):(\d+) "
    r"(\S+) .*?seq=(\d+)")
RTT_RE = re.compile(
    r"^Max rtt: ([\d.]+)ms \| Min rtt: ([\d.]+)ms \| Avg rtt: ([\d.]+)ms")

RAW_RE = re.compile(
    r"^Raw packets sent: (\d+) .*\| Rcvd: (\d+) .*\| Lost: (\d+)")

# What each labelled command must end with: probe exits 1 when a probe
# met a RST, as every port of a sweep but 3306 does; nping exits 0.
EXPECTED_STATUS = {"probe-sweep": 1, "probe-16k": 1}


class Problems:
    """What kept a part from being measured (items), and what was odd
    but measured all the same (notes)."""

    def __init__(self):
        self.items = []
        self.notes = []

    def add(self, part, text):
        self.items.append("%s: %s" % (part, text))
        print("analyze: %s: %s" % (part, text), file=sys.stderr)

    def note(self, part, text):
        self.notes.append("%s: %s" % (part, text))


# Reading

def load_runs(path):
    """The records of one measure.py file, or [] if there is none."""
    try:
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except OSError:
        return []


def read_text(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def ms_to_ns(text):
    return round(float(text) * 1e6)


def answered_count(text):
    """Replies as the program counts them: Rcvd of its "Raw packets" line."""
    for line in text.splitlines():
        m = RAW_RE.match(line)
        if m:
            return int(m.group(2))
    return None


def parse_output(text):
    """SENT and RCVD lines (time in ns since the program's start) and the
    Max/Min/Avg rtt line of nping's layout, in ns."""
    lines, rtt = [], None
    for line in text.splitlines():
        m = LINE_RE.match(line)
        if m:
            frac = m.group(3).ljust(9, "0")[:9]
            lines.append({
                "kind": m.group(1),
                "t_ns": int(m.group(2)) * 10**9 + int(frac),
                "sport": int(m.group(5)), "dport": int(m.group(7)),
                "flags": m.group(8), "seq": int(m.group(9)),
            })
            continue
        m = RTT_RE.match(line)
        if m:
            rtt = {"max": ms_to_ns(m.group(1)), "min": ms_to_ns(m.group(2)),
                   "avg": ms_to_ns(m.group(3))}
    return lines, rtt


def read_capture(path):
    """The TCP packets of a capture, in order, timestamps in ns."""
    if not os.path.exists(path):
        return None
    done = subprocess.run(
        ["tcpdump", "-r", path, "-n", "-tt", "--nano", "-S"],
        capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None
    packets = []
    for line in done.stdout.splitlines():
        m = PKT_RE.match(line)
        if not m:
            continue
        packets.append({
            "ts": int(m.group(1)) * 10**9 + int(m.group(2)),
            "src": m.group(3), "sport": int(m.group(4)),
            "dst": m.group(5), "dport": int(m.group(6)),
            "flags": m.group(7), "seq": int(m.group(8)),
            "ack": int(m.group(9)) if m.group(9) else None,
        })
    return packets


def capture_probes(packets):
    """Each SYN the pod sent, with the reply that acknowledges it: the
    SYN-ACK or RST whose ack is its seq + 1, to its port.  A reply to a
    SYN sent again with the same port and seq (as nping does) goes to
    the latest one still unanswered.  By source port, in send order."""
    by_port, waiting = {}, {}
    for p in packets:
        if p["src"] == POD_IP and p["flags"] == "S":
            probe = {"seq": p["seq"], "syn_ts": p["ts"], "reply_ts": None,
                     "reply_flags": None, "reply_seq": None}
            by_port.setdefault(p["sport"], []).append(probe)
            waiting.setdefault((p["sport"], p["seq"]), []).append(probe)
            continue
        if p["dst"] != POD_IP or p["ack"] is None:
            continue
        if "S" not in p["flags"] and "R" not in p["flags"]:
            continue
        key = (p["dport"], (p["ack"] - 1) % 2**32)
        if waiting.get(key):
            probe = waiting[key].pop()
            probe.update(reply_ts=p["ts"], reply_flags=p["flags"],
                         reply_seq=p["seq"])
    return by_port


# Statistics

def median(values):
    return statistics.median(values) if values else None


def spread(values):
    return max(values) - min(values) if values else None


def worst(values):
    return max(values) if values else None


def abs_list(values):
    return [abs(v) for v in values]


def usable(runs, part, problems, need_lines=True):
    """Runs that ended as expected and printed something to measure."""
    good = []
    for r in runs:
        want = EXPECTED_STATUS.get(r["label"], 0)
        if r["status"] != want:
            problems.add(part, "%s run %d ended with %d, not %d: %s" % (
                r["label"], r["run"], r["status"], want,
                read_text(r["err"]).strip()[:200]))
            continue
        if need_lines and not parse_output(read_text(r["out"]))[0]:
            problems.add(part, "%s run %d printed no packet line" % (
                r["label"], r["run"]))
            continue
        good.append(r)
    return good


def by_label(runs):
    out = {}
    for r in runs:
        out.setdefault(r["label"], []).append(r)
    return out


# (a) RTT

def rtt_one(raw, problems):
    """One-probe runs: the printed RTT (1 us resolution) of each against
    SYN-ACK minus SYN in the capture."""
    runs = usable(load_runs(os.path.join(raw, "rtt-one.jsonl")), "rtt",
                  problems)
    packets = read_capture(os.path.join(raw, "rtt.pcap"))
    if packets is None:
        problems.add("rtt", "no readable capture")
        return {}
    cap = capture_probes(packets)
    result = {}
    for label, rs in sorted(by_label(runs).items()):
        errors, cap_rtts, printed_rtts, unmatched = [], [], [], 0
        for r in rs:
            _, rtt = parse_output(read_text(r["out"]))
            probes = [p for p in cap.get(r["port"], []) if p["reply_ts"]]
            if rtt is None or len(probes) != 1:
                unmatched += 1
                continue
            c = probes[0]["reply_ts"] - probes[0]["syn_ts"]
            cap_rtts.append(c)
            printed_rtts.append(rtt["avg"])
            errors.append(rtt["avg"] - c)
        if unmatched:
            problems.note("rtt", "%s: %d of %d one-probe runs not matched "
                         "in the capture" % (label, unmatched, len(rs)))
        result[label] = {
            "runs": len(rs), "matched": len(errors),
            "abs_error_median_ns": median(abs_list(errors)),
            "abs_error_worst_ns": worst(abs_list(errors)),
            "error_median_ns": median(errors),
            "capture_rtt_median_ns": median(cap_rtts),
            "printed_rtt_median_ns": median(printed_rtts),
            "errors_ns": errors,
        }
    return result


def rtt_long(raw, problems):
    """One run of N probes per program: the summary line against the same
    probes in the capture; each SENT and RCVD line's time against the
    packet's; each probe's RCVD minus SENT time against the capture."""
    runs = usable(load_runs(os.path.join(raw, "rtt-long.jsonl")), "rtt",
                  problems)
    packets = read_capture(os.path.join(raw, "rtt.pcap"))
    if packets is None:
        return {}
    cap = capture_probes(packets)
    result = {}
    for r in runs:
        lines, rtt = parse_output(read_text(r["out"]))
        probes = cap.get(r["port"], [])
        answered = [p for p in probes if p["reply_ts"]]
        rtts = [p["reply_ts"] - p["syn_ts"] for p in answered]
        if rtt is None or not rtts:
            problems.add("rtt", "%s: no RTT in the long run" % r["label"])
            continue
        sent = [ln for ln in lines if ln["kind"] == "SENT"]
        rcvd = [ln for ln in lines if ln["kind"] == "RCVD"]
        offsets, line_errors = [], []
        by_reply = {p["reply_seq"]: p for p in answered}
        # The i-th SENT line is the i-th SYN; nping repeats its seq, so
        # order is the key, and the seq is checked.
        for ln, p in zip(sent, probes):
            if ln["seq"] == p["seq"]:
                offsets.append(p["syn_ts"] - ln["t_ns"])
        for ln in rcvd:
            p = by_reply.get(ln["seq"])
            if p is None:
                continue
            offsets.append(p["reply_ts"] - ln["t_ns"])
            idx = probes.index(p)
            if idx < len(sent) and sent[idx]["seq"] == p["seq"]:
                printed = ln["t_ns"] - sent[idx]["t_ns"]
                line_errors.append(printed - (p["reply_ts"] - p["syn_ts"]))
        cap_sum = {"max": max(rtts), "min": min(rtts),
                   "avg": round(sum(rtts) / len(rtts))}
        result[r["label"]] = {
            "probes_sent": len(probes), "answered": len(answered),
            "printed": rtt, "capture": cap_sum,
            "error_ns": {k: rtt[k] - cap_sum[k] for k in rtt},
            "capture_rtt_median_ns": median(rtts),
            "line_time_offset_spread_ns": spread(offsets),
            "lines_matched": len(offsets),
            "line_rtt_abs_error_median_ns": median(abs_list(line_errors)),
            "line_rtt_abs_error_worst_ns": worst(abs_list(line_errors)),
        }
    return result


# (b), (c), (d): times

def times(runs):
    """Median, least and most wall time (ns) and median CPU time (us)."""
    walls = [r["wall_ns"] for r in runs]
    cpus = [r["user_us"] + r["sys_us"] for r in runs]
    return {"runs": len(runs), "wall_median_ns": median(walls),
            "wall_min_ns": min(walls), "wall_max_ns": max(walls),
            "cpu_median_us": median(cpus), "cpu_max_us": max(cpus)}


def wall(raw, problems):
    runs = usable(load_runs(os.path.join(raw, "wall.jsonl")), "wall",
                  problems)
    result = {}
    for label, rs in sorted(by_label(runs).items()):
        answered = [r for r in rs if any(
            ln["kind"] == "RCVD" and ln["flags"] == "SA"
            for ln in parse_output(read_text(r["out"]))[0])]
        if len(answered) != len(rs):
            problems.note("wall", "%s: %d of %d runs without a SYN-ACK" % (
                label, len(rs) - len(answered), len(rs)))
        result[label] = times(rs)
    return result


def sweep(raw, rate, problems, cap, name, suffix):
    """Each sweep: time, and from the capture the SYNs' span, the rate
    achieved and how far the last SYN is from its ideal time, the first
    SYN's plus (n - 1) / rate.  Labels in the file are probe and nping;
    suffix tells their expected statuses apart."""
    runs = load_runs(os.path.join(raw, name + ".jsonl"))
    for r in runs:
        r["label"] += suffix
    runs = usable(runs, name, problems)
    if cap is None:
        problems.add(name, "no readable capture")
        return {}
    result = {}
    for label, rs in sorted(by_label(runs).items()):
        per_run = []
        for r in rs:
            probes = cap.get(r["port"], [])
            lines, _ = parse_output(read_text(r["out"]))
            sent = [ln for ln in lines if ln["kind"] == "SENT"]
            if len(probes) < 2 or len(sent) < 2:
                problems.add(name, "%s run %d: %d SYNs captured" % (
                    label, r["run"], len(probes)))
                continue
            n = len(probes)
            if n != len(sent):
                problems.note(name, "%s run %d: %d SENT lines, %d SYNs "
                              "captured" % (label, r["run"], len(sent), n))
            span = probes[-1]["syn_ts"] - probes[0]["syn_ts"]
            ideal = round((n - 1) * 1e9 / rate)
            pspan = sent[-1]["t_ns"] - sent[0]["t_ns"]
            pideal = round((len(sent) - 1) * 1e9 / rate)
            per_run.append({
                "run": r["run"], "syns": n,
                "replies": sum(1 for p in probes if p["reply_ts"]),
                "rcvd_lines": sum(1 for ln in lines if ln["kind"] == "RCVD"),
                "answered": answered_count(read_text(r["out"])),
                "span_ns": span, "rate": (n - 1) * 1e9 / span,
                "drift_ns": span - ideal,
                "printed_rate": (len(sent) - 1) * 1e9 / pspan
                if pspan else None,
                "printed_drift_ns": pspan - pideal,
                "wall_ns": r["wall_ns"],
                "cpu_us": r["user_us"] + r["sys_us"],
            })
        if not per_run:
            continue

        def med(key, rows=per_run):
            return median([x[key] for x in rows if x[key] is not None])

        result[label[:len(label) - len(suffix)]] = {
            "runs": len(per_run), **times(rs),
            "syns_median": med("syns"), "replies_median": med("replies"),
            "rcvd_lines_median": med("rcvd_lines"),
            "answered_median": med("answered"),
            "answered_least": min((x["answered"] for x in per_run
                                   if x["answered"] is not None),
                                  default=None),
            "rate_median": med("rate"), "drift_median_ns": med("drift_ns"),
            "drift_worst_ns": max((x["drift_ns"] for x in per_run),
                                  key=abs),
            "printed_rate_median": med("printed_rate"),
            "printed_drift_median_ns": med("printed_drift_ns"),
            "per_run": per_run,
        }
    return result


def dns(raw, answer, problems):
    runs = usable(load_runs(os.path.join(raw, "dns.jsonl")), "dns",
                  problems, need_lines=False)
    counts = {}
    for line in read_text(os.path.join(raw, "dns-queries")).splitlines():
        words = line.split()
        if len(words) == 2 and words[1].isdigit():
            counts[words[0]] = int(words[1])
    result = {}
    for label, rs in sorted(by_label(runs).items()):
        wrong = [r for r in rs if answer not in read_text(r["out"])]
        if wrong:
            problems.add("dns", "%s: %d runs without %s" % (
                label, len(wrong), answer))
        result[label] = {**times(rs), "queries": counts.get(label)}
    if not result:
        problems.add("dns", "no runs")
    return result


def memory(raw, problems):
    runs = usable(load_runs(os.path.join(raw, "rss.jsonl")), "rss",
                  problems, need_lines=False)
    result = {}
    for label, rs in sorted(by_label(runs).items()):
        rss = [r["time_v_rss_kb"] for r in rs if r.get("time_v_rss_kb")]
        if not rss:
            problems.add("rss", "%s: no RSS from /usr/bin/time" % label)
            continue
        result[label] = {"runs": len(rss), "rss_median_kb": median(rss),
                         "rss_max_kb": max(rss)}
    sizes = {}
    for line in read_text(os.path.join(raw, "sizes")).splitlines():
        words = line.split()
        if len(words) == 2 and words[1].isdigit():
            sizes[words[0]] = int(words[1])
    if "probe" not in sizes:
        problems.add("rss", "no binary sizes")
    result["sizes_bytes"] = sizes
    return result


# The machine

def first_line(argv):
    try:
        done = subprocess.run(argv, capture_output=True, text=True,
                              check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    for line in (done.stdout + done.stderr).splitlines():
        if line.strip():
            return line.strip()
    return None


def machine():
    cpu, mem = None, None
    for line in read_text("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    for line in read_text("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            mem = int(line.split()[1])
    system = None
    for line in read_text("/etc/os-release").splitlines():
        if line.startswith("PRETTY_NAME="):
            system = line.split("=", 1)[1].strip('"')
    return {"nproc": len(os.sched_getaffinity(0)), "cpu_model": cpu,
            "memory_kb": mem, "kernel": os.uname().release,
            "system": system}


def versions(probe):
    root = os.path.dirname(os.path.dirname(os.path.abspath(probe)))
    commit = first_line(["git", "-C", root, "rev-parse", "--short", "HEAD"])
    dirty = first_line(["git", "-C", root, "status", "--porcelain",
                        "--", "probe", "include"])
    if commit and dirty:
        commit += " (sources changed since)"
    try:
        libc = os.confstr("CS_GNU_LIBC_VERSION")
    except (ValueError, OSError):
        libc = None
    return {"probe": first_line([probe, "-V"]), "probe_commit": commit,
            "nping": first_line(["nping", "--version"]),
            "tcpdump": first_line(["tcpdump", "--version"]),
            "libc": libc}


# The table

def fmt(value, unit):
    """A figure in its unit, for people."""
    if value is None:
        return "-"
    if unit == "us":
        return "%.1f us" % (value / 1e3)
    if unit == "+us":
        return "%+.1f us" % (value / 1e3)
    if unit == "ms":
        v = value / 1e6
        return "%.0f ms" % v if v >= 100 else "%.1f ms" % v
    if unit == "+ms":
        return "%+.2f ms" % (value / 1e6)
    if unit == "cpu":
        return "%.1f ms" % (value / 1e3)
    if unit == "rate":
        return "%.0f/s" % value
    if unit == "kb":
        return "%.0f KiB" % value
    if unit == "bytes":
        return "%.0f KiB" % (value / 1024)
    return "%g" % value


def ratio(a, b):
    if a is None or b is None or not b:
        return None
    return a / b


def row(metric, unit, probe, peer, compare=True):
    return {"metric": metric, "unit": unit, "probe": probe, "peer": peer,
            "ratio": ratio(probe, peer) if compare else None}


def get(d, *keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def build_table(res, args):
    """Sections of rows: (title, peer name, rows)."""
    one, lg = res["rtt"]["one_probe"], res["rtt"]["long"]
    w, s, d, m = res["wall"], res["sweep"], res["dns"], res["memory"]
    s16 = res["sweep_16k"]
    sections = []

    def both(section, label, key, peer="nping"):
        return get(section, label, key), get(section, peer, key)

    rows = [
        row("%s one-probe runs: |error|, median"
            % get(one, "probe", "runs"), "us",
            *both(one, "probe", "abs_error_median_ns")),
        row("  worst", "us", *both(one, "probe", "abs_error_worst_ns")),
        row("  error (printed - capture), median", "+us",
            *both(one, "probe", "error_median_ns"), False),
        row("  RTT in the capture, median", "us",
            *both(one, "probe", "capture_rtt_median_ns"), False),
        row("%s probes 10 ms apart: Avg rtt error"
            % get(lg, "probe", "probes_sent"), "+us",
            get(lg, "probe", "error_ns", "avg"),
            get(lg, "nping", "error_ns", "avg"), False),
        row("  Min rtt error", "+us", get(lg, "probe", "error_ns", "min"),
            get(lg, "nping", "error_ns", "min"), False),
        row("  Max rtt error", "+us", get(lg, "probe", "error_ns", "max"),
            get(lg, "nping", "error_ns", "max"), False),
        row("  per probe, from 0.1 ms lines: median", "us",
            *both(lg, "probe", "line_rtt_abs_error_median_ns")),
        row("  per probe, from 0.1 ms lines: worst", "us",
            *both(lg, "probe", "line_rtt_abs_error_worst_ns")),
        row("  printed - packet times, spread", "us",
            *both(lg, "probe", "line_time_offset_spread_ns")),
    ]
    sections.append(("(a) RTT error against tcpdump on the pod's veth",
                     "nping", rows))

    rows = [
        row("by address: wall (nping waits its 1 s)", "ms",
            get(w, "probe", "wall_median_ns"),
            get(w, "nping", "wall_median_ns")),
        row("by address, nping --delay 1ms: wall", "ms",
            get(w, "probe", "wall_median_ns"),
            get(w, "nping-1ms", "wall_median_ns")),
        row("  CPU user+sys", "cpu", get(w, "probe", "cpu_median_us"),
            get(w, "nping-1ms", "cpu_median_us")),
        row("by name, nping --delay 1ms: wall", "ms",
            *both(w, "probe-name", "wall_median_ns", "nping-name")),
        row("  CPU user+sys", "cpu",
            *both(w, "probe-name", "cpu_median_us", "nping-name")),
    ]
    sections.append(("(b) -c 1 to an open port, median of %s runs"
                     % get(w, "probe", "runs"), "nping", rows))

    rows = [
        row("wall time", "ms", *both(s, "probe", "wall_median_ns")),
        row("CPU user+sys", "cpu", *both(s, "probe", "cpu_median_us")),
        row("rate achieved (capture)", "rate",
            *both(s, "probe", "rate_median")),
        row("last SYN - its ideal time (capture)", "+ms",
            *both(s, "probe", "drift_median_ns"), False),
        row("  worst run", "+ms", *both(s, "probe", "drift_worst_ns"),
            False),
        row("last SENT - its ideal time (printed)", "+ms",
            *both(s, "probe", "printed_drift_median_ns"), False),
        row("replies captured", "n", *both(s, "probe", "replies_median")),
        row("replies counted (Rcvd:), least", "n",
            *both(s, "probe", "answered_least")),
    ]
    sections.append(("(c) -p 1-1024 -c 1 --rate %d, median of %s runs" % (
        args.rate, get(s, "probe", "runs")), "nping", rows))
    rows = [
        row("wall time", "ms", *both(s16, "probe", "wall_median_ns")),
        row("CPU user+sys", "cpu", *both(s16, "probe", "cpu_median_us")),
        row("rate achieved (capture)", "rate",
            *both(s16, "probe", "rate_median")),
        row("last SYN - its ideal time (capture)", "+ms",
            *both(s16, "probe", "drift_median_ns"), False),
        row("replies captured", "n", *both(s16, "probe", "replies_median")),
        row("replies counted (Rcvd:), least", "n",
            *both(s16, "probe", "answered_least")),
    ]
    sections.append(("(c') the same over 16384 ports, median of %s runs"
                     % get(s16, "probe", "runs"), "nping", rows))

    rows = [
        row("%s. (no search): wall" % args.dns_name, "ms",
            *both(d, "probe-dot", "wall_median_ns", "getent-dot")),
        row("probe lookup: wall", "ms",
            *both(d, "probe", "wall_median_ns", "getent")),
        row("  queries sent", "n", *both(d, "probe", "queries", "getent")),
        row("probe lookup --parallel: wall", "ms",
            *both(d, "probe-parallel", "wall_median_ns", "getent")),
        row("  queries sent", "n",
            *both(d, "probe-parallel", "queries", "getent")),
    ]
    sections.append(("(d) %s, 5 search domains NXDOMAIN after %d ms, "
                     "median of %s" % (
                         args.dns_name, args.dns_delay_ms,
                         get(d, "probe", "runs")), "getent", rows))

    sizes = m.get("sizes_bytes", {})
    rows = [
        row("peak RSS, -c 1 (nping --delay 1ms)", "kb",
            *both(m, "probe", "rss_median_kb")),
        row("peak RSS, 1024-port sweep", "kb",
            *both(m, "probe-sweep", "rss_median_kb", "nping-sweep")),
        row("binary as built (peer: nping's)", "bytes", sizes.get("probe"),
            sizes.get("nping")),
        row("binary stripped (peer: nping's)", "bytes",
            sizes.get("probe-stripped"), sizes.get("nping")),
    ]
    sections.append(("(e) peak RSS (/usr/bin/time -v, median of %s) and "
                     "size" % get(m, "probe", "runs"), "nping", rows))
    return sections


def text_table(sections, head):
    out = list(head)
    for title, peer, rows in sections:
        out += ["", title,
                "%-42s %11s %11s %11s" % ("", "probe", peer, "probe/peer")]
        for r in rows:
            rt = "%.2f" % r["ratio"] if r["ratio"] is not None else ""
            out.append(("  %-40s %11s %11s %11s" % (
                r["metric"][:40], fmt(r["probe"], r["unit"]),
                fmt(r["peer"], r["unit"]), rt)).rstrip())
    return "\n".join(out)


def cell(text):
    """A table cell: pipes escaped, an indented row marked as one."""
    text = text.replace("|", "\\|")
    return "- " + text.strip() if text.startswith(" ") else text


def markdown(sections, data):
    mc, v = data["machine"], data["versions"]
    wrap = textwrap.TextWrapper(width=72, break_on_hyphens=False)
    item = textwrap.TextWrapper(width=72, subsequent_indent="  ",
                                break_on_hyphens=False)
    out = ["# Benchmarks", ""]
    out += wrap.wrap(
        "Written by `make bench` (tests/bench/run.sh), which also prints "
        "this table and keeps every figure and raw output in "
        "tests/bench/out (bench.json, raw/). Timings, never pass or "
        "fail: run it again on the machine in question, where other "
        "work running at the same time moves them.")
    out += [""]
    for text in (
            "- date: %s" % data["date"],
            "- machine: %s CPUs (%s), %.1f GiB memory, Linux %s, %s" % (
                mc["nproc"], mc["cpu_model"],
                (mc["memory_kb"] or 0) / 2**20, mc["kernel"], mc["system"]),
            "- probe: %s, commit %s" % (v["probe"], v["probe_commit"]),
            "- peers: %s; %s; glibc %s" % (
                v["nping"], v["tcpdump"],
                (v["libc"] or "").replace("glibc ", ""))):
        out += item.wrap(text)
    out += [""]
    out += wrap.wrap("Lower is better for times and sizes: probe/peer "
                     "below 1 means probe is faster or smaller.")
    out += [""]
    for title, peer, rows in sections:
        out += ["## " + title, "", "| | probe | %s | probe/peer |" % (
            "getent ahosts" if peer == "getent" else peer),
                "|---|---:|---:|---:|"]
        for r in rows:
            rt = "%.2f" % r["ratio"] if r["ratio"] is not None else ""
            out.append("| %s | %s | %s | %s |" % (
                cell(r["metric"]), fmt(r["probe"], r["unit"]),
                fmt(r["peer"], r["unit"]), rt))
        out.append("")
    out += ["## How", ""]
    for text in HOW:
        out += item.wrap(text)
    out.append("")
    return "\n".join(out)


HOW = (
    "- Namespaces of its own: a pod and a cluster on one veth "
    "(tests/lib/cluster.sh: dnsmasq, listeners), and a pod and a "
    "scripted DNS server (tests/dns/scripted_dns.py) on another; "
    "addresses in 198.18.0.0/15 only. Each command runs inside the pod, "
    "spawned and waited for by tests/bench/measure.py, the programs in "
    "turn.",
    "- (a) tcpdump --time-stamp-precision=nano on the pod's veth, each "
    "SYN paired with the SYN-ACK that acknowledges it. One-probe runs "
    "(`-c 1`, a source port each) give each program's printed RTT to "
    "1 us. The long run (`--delay 10ms`) compares the Max/Min/Avg line "
    "with the same probes in the capture, and the SENT and RCVD times, "
    "printed to 0.1 ms, with the packets' (rounding alone spreads "
    "them over up to 100 us).",
    "- (b) wall time from spawn to exit, CPU time (user + sys) from "
    "wait4. nping waits one --delay after its last probe even with the "
    "reply in, so it also runs with `--delay 1ms`. By name: `mysql` "
    "through the search list, found at the first domain.",
    "- (c) `-p 1-1024 -c 1 --rate 10000` (and 1-16384), every port but "
    "3306 closed, so each probe gets a RST. Rate = (SYNs - 1) / (last "
    "SYN - first SYN) in the capture; the ideal time of the last SYN is "
    "the first's plus (n - 1) / rate. \"Rcvd:\" is the count each "
    "program prints.",
    "- (d) resolv.conf with five search domains and `options ndots:5`; "
    "the server answers each search-domain candidate NXDOMAIN after the "
    "delay, the name itself at once. Queries counted in the server's "
    "log: glibc asks A alone in a pod without IPv6 (AI_ADDRCONFIG).",
    "- (e) \"Maximum resident set size\" of /usr/bin/time -v; sizes of "
    "bin/probe, of a stripped copy, and of /usr/bin/nping.",
)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", required=True)
    ap.add_argument("--probe", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--markdown", default="")
    ap.add_argument("--rate", type=int, default=10000)
    ap.add_argument("--dns-delay-ms", type=int, default=20)
    ap.add_argument("--dns-name", default="registry.example.com")
    ap.add_argument("--dns-answer", default="198.19.70.1")
    args = ap.parse_args()
    raw = args.raw
    problems = Problems()

    steps = {}
    for line in read_text(os.path.join(raw, "steps")).splitlines():
        words = line.split()
        if len(words) == 2:
            steps[words[0]] = words[1]
    packets = read_capture(os.path.join(raw, "sweep.pcap"))
    sweep_cap = capture_probes(packets) if packets is not None else None
    res = {
        "rtt": {"one_probe": rtt_one(raw, problems),
                "long": rtt_long(raw, problems)},
        "wall": wall(raw, problems),
        "sweep": sweep(raw, args.rate, problems, sweep_cap, "sweep",
                       "-sweep"),
        "sweep_16k": sweep(raw, args.rate, problems, sweep_cap,
                           "sweep16k", "-16k"),
        "dns": dns(raw, args.dns_answer, problems),
        "memory": memory(raw, problems),
    }
    now = datetime.datetime.now(datetime.timezone.utc)
    data = {
        "date": now.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(), "versions": versions(args.probe),
        "parameters": {"rate": args.rate,
                       "dns_delay_ms": args.dns_delay_ms,
                       "dns_name": args.dns_name},
        "steps": steps, "problems": problems.items,
        "notes": problems.notes, "results": res,
    }
    sections = build_table(res, args)
    data["table"] = [{"section": t, "peer": p, "rows": rows}
                     for t, p, rows in sections]
    mc = data["machine"]
    v = data["versions"]
    head = ["probe against its peers, %s" % data["date"],
            "%s CPUs (%s), %.1f GiB, Linux %s" % (
                mc["nproc"], mc["cpu_model"],
                (mc["memory_kb"] or 0) / 2**20, mc["kernel"]),
            "%s, commit %s" % (v["probe"], v["probe_commit"])]
    print(text_table(sections, head))
    if problems.notes:
        print("\nnotes:\n  " + "\n  ".join(problems.notes))
    if problems.items:
        print("\ncould not measure:\n  " + "\n  ".join(problems.items))

    os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
    with open(args.json, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("\nfigures: %s" % args.json)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(markdown(sections, data))
        print("page: %s" % args.markdown)
    failed = [k for k, v in steps.items() if v != "ok"]
    return 1 if problems.items or failed else 0


if __name__ == "__main__":
    sys.exit(main())
