#!/usr/bin/env python3
"""meldkamer benchmark (issue 4): alert intake speed. The shared Suricata
eve.json lines (../shared/data/alerts/suricata_eve.jsonl, all event types)
replicated to N lines, each copy shifted by a day so that copies form
groups of their own as real traffic of many days would, then taken in by
one `meldkamer intake alerts` process into a fresh database. Reports lines
per second (target: at least 50 000 eve.json lines/s) and peak RSS; then
the same file a second time, where every alert is recognised as already
there by the SHA-256 of its line (doc/alerts.md), and its lines per second.

usage: bench/intake.py BUILD_DIR [--lines N] [--keep DIR]
Needs ../shared/data/alerts (or $MK_SHARED_DATA/alerts).
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta


def shifted(line, days):
    """The line with its timestamp moved by `days` (text, offset kept)."""
    if days == 0:
        return line
    d = json.loads(line)
    ts = d.get("timestamp")
    if ts:
        fmt = "%Y-%m-%dT%H:%M:%S.%f%z" if "." in ts else "%Y-%m-%dT%H:%M:%S%z"
        try:
            t = datetime.strptime(ts, fmt)
            d["timestamp"] = (t + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.%f%z")
        except ValueError:
            t = datetime.strptime(ts.split(".")[0], "%Y-%m-%dT%H:%M:%S")
            d["timestamp"] = (t + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S")
    return json.dumps(d, separators=(",", ":"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--lines", type=int, default=200000)
    ap.add_argument("--keep")
    args = ap.parse_args()
    data = os.environ.get("MK_SHARED_DATA") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")
    src = os.path.join(data, "alerts", "suricata_eve.jsonl")
    if not os.path.exists(src):
        sys.exit("bench: no shared alerts at %s" % src)
    binary = os.path.join(args.build, "src", "cli", "meldkamer")
    base = [l.rstrip("\n") for l in open(src, encoding="utf-8") if l.strip()]
    work = args.keep or tempfile.mkdtemp(prefix="mk-bench-intake-")
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "eve.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        n = 0
        copy = 0
        while n < args.lines:
            for line in base:
                if n == args.lines:
                    break
                f.write(shifted(line, copy) + "\n")
                n += 1
            copy += 1
    env = dict(os.environ, MELDKAMER_DB=os.path.join(work, "bench.db"), MELDKAMER_USER="bench")
    subprocess.run([binary, "init"], env=env, check=True, stdout=subprocess.DEVNULL)
    # CPU time too: on a shared machine the wall clock says as much about
    # the neighbours as about meldkamer.
    def cpu():
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    def take():
        t0, c0 = time.perf_counter(), cpu()
        p = subprocess.run([binary, "intake", "alerts", "--json", path], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        secs = time.perf_counter() - t0
        take.cpu = cpu() - c0
        if p.returncode not in (0, 2):
            sys.exit("bench: intake failed (%d): %s" % (p.returncode, p.stderr.decode()[-500:]))
        return json.loads(p.stdout)["files"][0], secs
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    res, secs = take()
    rss = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024.0
    print("alert intake: %d lines (%d alerts, %d skipped, %d bad) in %.3f s = %.0f lines/s "
          "(target >= 50000; CPU %.3f s = %.0f lines per CPU second), %d groups, peak RSS %.1f MB"
          % (args.lines, res["alerts"], res["skipped"], res["bad"], secs, args.lines / secs,
             take.cpu, args.lines / take.cpu, res["groups_new"], rss))
    if "already" not in res:
        return  # a meldkamer from before schema 0007: nothing is recognised
    again, secs = take()
    print("the same file again: %d alerts already there, %d taken, in %.3f s = %.0f lines/s "
          "(CPU %.3f s)" % (again["already"], again["alerts"], secs, args.lines / secs, take.cpu))
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
