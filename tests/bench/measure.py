#!/usr/bin/env python3
"""Runs commands in turn, several times, and records what each run cost.

Usage:

    measure.py --runs N --dir DIR --out FILE [--warmup K] [--port-base P]
               [--time-v] -- LABEL CMD ARG... [:: LABEL CMD ARG...]...

Each round runs every command once, the order turned by one each round so
that none always goes first.  A run is started with posix_spawn and waited
for with wait4, so its wall time is the child's life as this process sees
it (nanoseconds) and its CPU time comes from the kernel's accounting of
that child alone.  (wait4's peak RSS is not used: a child spawned from
this process starts as a copy of it, and the kernel keeps the larger
figure across exec.)  Its standard output and error go
to DIR/LABEL-RUN.out and .err.

"{port}" in an argument becomes a port of its own for each run (from P
upward), so that the packets of every run can be told apart in a capture.

With --time-v every command runs under /usr/bin/time -v, and the record
also has the "Maximum resident set size" that program reports.

FILE gets one JSON object a line: label, run, argv, port, wall_ns,
user_us, sys_us, time_v_rss_kb (with --time-v),
status (exit code, or 128 + signal), out and err (paths).  Warm-up runs
are made first and not recorded.  Exits 0 when every run could be
started, whatever the commands' statuses; the caller judges those.
"""

import argparse
import json
import os
import re
import sys
import time

TIME_V = "/usr/bin/time"
RSS_RE = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def split_commands(words):
    """["a", "x", "::", "b", "y"] -> [("a", ["x"]), ("b", ["y"])]."""
    commands, current = [], []
    for word in words + ["::"]:
        if word != "::":
            current.append(word)
            continue
        if len(current) < 2:
            raise SystemExit("measure: each command needs a label and argv")
        commands.append((current[0], current[1:]))
        current = []
    return commands


def spawn(argv, out_path, err_path):
    """Runs argv to its end: (wall_ns, status, rusage)."""
    out_fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err_fd = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_DUP2, out_fd, 1),
        (os.POSIX_SPAWN_DUP2, err_fd, 2),
        (os.POSIX_SPAWN_CLOSE, out_fd),
        (os.POSIX_SPAWN_CLOSE, err_fd),
    ]
    try:
        start = time.perf_counter_ns()
        pid = os.posix_spawnp(argv[0], argv, os.environ,
                              file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter_ns() - start
    finally:
        os.close(out_fd)
        os.close(err_fd)
    if os.WIFSIGNALED(status):
        code = 128 + os.WTERMSIG(status)
    else:
        code = os.WEXITSTATUS(status)
    return wall, code, usage


def time_v_rss(path):
    """The peak RSS /usr/bin/time -v wrote to path, or None."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            found = RSS_RE.search(f.read())
    except OSError:
        return None
    return int(found.group(1)) if found else None


def run_once(label, argv, run, port, args):
    """One run of one command: its record."""
    stem = os.path.join(args.dir, "%s-%d" % (label, run))
    argv = [a.replace("{port}", str(port)) for a in argv]
    full = argv
    if args.time_v:
        full = [TIME_V, "-v", "-o", stem + ".time"] + argv
    wall, code, usage = spawn(full, stem + ".out", stem + ".err")
    record = {
        "label": label, "run": run, "argv": argv, "port": port,
        "wall_ns": wall,
        "user_us": round(usage.ru_utime * 1e6),
        "sys_us": round(usage.ru_stime * 1e6),
        "status": code,
        "out": stem + ".out", "err": stem + ".err",
    }
    if args.time_v:
        record["time_v_rss_kb"] = time_v_rss(stem + ".time")
    return record


def main():
    parser = argparse.ArgumentParser(add_help=True)
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--port-base", type=int, default=40000)
    parser.add_argument("--time-v", action="store_true")
    parser.add_argument("commands", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    words = args.commands
    if words and words[0] == "--":
        words = words[1:]
    commands = split_commands(words)
    if not 1 <= args.runs <= 10000:
        raise SystemExit("measure: --runs out of range")
    os.makedirs(args.dir, exist_ok=True)

    port = args.port_base
    records = []
    try:
        for run in range(-args.warmup, args.runs):
            turn = run % len(commands)
            for label, argv in commands[turn:] + commands[:turn]:
                record = run_once(label, argv, run, port, args)
                port += 1
                if run >= 0:
                    records.append(record)
    except OSError as e:
        print("measure: cannot run %s: %s" % (argv[0], e), file=sys.stderr)
        return 1
    with open(args.out, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
