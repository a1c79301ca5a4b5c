#!/usr/bin/env python3
"""meldkamer benchmark (issue 5, the data-breach duty): the shared VERIS
records replicated to N incidents (default 100 000), each given a breach
record and every other one an AP pre-notification (bench/fill-breach,
through the service), then, each as a whole process with its peak RSS:

  breach register          CSV of every breach to a file
  breach register --format xlsx
  breach register --json
  deadlines                every open clock: each incident with personal
                           data now reads its breach (the AP and subject
                           clocks run from aware_at)

No limit is named for this part; the figures are reported.
usage: bench/breach.py BUILD_DIR [--incidents N] [--keep DIR]
"""
import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from run import peak_rss_alone, replicate, run  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--incidents", type=int, default=100000)
    ap.add_argument("--keep")
    args = ap.parse_args()
    meldkamer = os.path.abspath(os.path.join(args.build, "src/cli/meldkamer"))
    fill = os.path.abspath(os.path.join(args.build, "bench/fill-breach"))
    shared = os.environ.get("MK_SHARED_DATA") or os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
    vcdb = os.path.join(shared, "vcdb")
    if not os.path.isdir(vcdb):
        print("bench: skipped: no shared VERIS data at %s" % vcdb)
        return 0
    work = args.keep or tempfile.mkdtemp(prefix="mk-bench-breach-")
    os.makedirs(work, exist_ok=True)
    records = os.path.join(work, "veris")
    db = os.path.join(work, "bench.db")
    env = dict(os.environ, MELDKAMER_DB=db, MELDKAMER_USER="bench", MELDKAMER_ROLE="fg")
    for f in (db, db + "-wal", db + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    shutil.rmtree(records, ignore_errors=True)
    os.makedirs(records)
    print("machine: %s, %d cores, %s" % (platform.processor() or platform.machine(), os.cpu_count(), platform.platform()))
    replicate(vcdb, records, args.incidents)
    run([meldkamer, "init"], env)
    secs, _, _ = run([meldkamer, "import", "veris", records], env)
    print("imported %d incidents in %.1f s" % (args.incidents, secs))
    before, _, _ = run([meldkamer, "deadlines", "--limit", "1000"], env, repeat=3)
    t0 = time.perf_counter()
    p = subprocess.run([fill, db], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode:
        sys.exit("bench: fill-breach failed: %s" % p.stderr.decode())
    print("%s in %.1f s (one batch through the service)" % (p.stdout.decode().strip(), time.perf_counter() - t0))

    out = os.path.join(work, "register")
    for name, cmd in (
        ("register csv", [meldkamer, "breach", "register", "-o", out + ".csv"]),
        ("register xlsx", [meldkamer, "breach", "register", "--format", "xlsx", "-o", out + ".xlsx"]),
        ("register json", [meldkamer, "breach", "register", "--json"]),
        ("deadlines", [meldkamer, "deadlines", "--limit", "1000"]),
    ):
        secs, _, _ = run(cmd, env, repeat=3)
        rss = peak_rss_alone(cmd, env)
        print("%-14s %9.1f ms  peak RSS %6.1f MB" % (name, secs * 1000, rss))
    print("deadlines before the breaches: %.1f ms" % (before * 1000))
    for ext in ("csv", "xlsx"):
        print("register.%s: %.1f MB" % (ext, os.path.getsize(out + "." + ext) / 1e6))
    print("database: %.0f MB" % (os.path.getsize(db) / 1e6))
    if not args.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
