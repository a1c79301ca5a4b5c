#!/usr/bin/env python3
"""Benchmark of `meldkamer export report` (issue 5, part 3): the printable
report of one incident with a long logbook (default 10 000 entries, written
by bench/fill-chain in one transaction), plus time entries, costs and an
evaluation. Prints the median and best of several runs, the report's size
and the peak RSS of the process.

usage: bench/report.py BUILD_DIR [--entries N] [--runs R]"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--entries", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    mk = os.path.join(a.build, "src", "cli", "meldkamer")
    fill = os.path.join(a.build, "bench", "fill-chain")
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "bench.db")
        env = dict(os.environ, MELDKAMER_DB=db, MELDKAMER_USER="bench", MELDKAMER_ROLE="admin")

        def run(*args, **kw):
            return subprocess.run([mk, *args], env=env, check=True, capture_output=True, text=True, **kw)

        run("init")
        key = run("incident", "new", "--title", "Ransomware op de fileserver").stdout.strip()
        subprocess.run([fill, db, key, str(a.entries)], check=True, capture_output=True)
        # The report's clock after the last entry fill-chain wrote.
        env["MELDKAMER_NOW"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + a.entries + 60))
        run("rate", "set", "behandelaar", "87.50")
        for i in range(20):
            run("time", "add", key, "--minutes", str(30 + i), "--activity", "herstel", "--work-role", "behandelaar",
                "--person", f"Specialist {i % 4}", "--date", time.strftime("%Y-%m-%d"))
        run("cost", "add", key, "--kind", "forensisch", "--amount", "4840", "--description", "Factuur")
        out = os.path.join(d, "rapport.html")
        times = []
        rss = 0
        for _ in range(a.runs):
            t0 = time.perf_counter()
            p = subprocess.run([mk, "export", "report", key, "-o", out], env=env, capture_output=True)
            times.append(time.perf_counter() - t0)
            if p.returncode:
                sys.exit(p.stderr.decode())
            rss = max(rss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        size = os.path.getsize(out)
        print(f"export report, {a.entries} logbook entries, 20 time entries: "
              f"median {statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms "
              f"over {a.runs} runs; report {size / 1e6:.2f} MB; peak RSS {rss / 1024:.1f} MB")


if __name__ == "__main__":
    main()
