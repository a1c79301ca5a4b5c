#!/usr/bin/env python3
"""meldkamer benchmark (issue 2): the shared VERIS records replicated to
100 000 incidents, then the figures the issue names, each as a whole
process, with its peak RSS:

  import          >= 10 000 incidents/s (checklist and first log entry included;
                  the median of three runs)
  incident list   <= 20 ms   (first page of 50)
  report kpi      <= 500 ms  (all incidents)
  search          <= 50 ms   (one word)
  log verify      <= 1 s     (a 100 000-entry chain)
  peak RSS        <= 64 MB   in each

usage: bench/run.py BUILD_DIR [--incidents N] [--keep DIR]
Needs ../shared/data/vcdb (or $MK_SHARED_DATA/vcdb); without it, says so and stops.
"""
import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid


def run(cmd, env, repeat=1):
    """Runs cmd `repeat` times; returns (median seconds, max peak RSS MB, last stdout)."""
    times, rss, out = [], 0.0, b""
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - t0)
        # ru_maxrss of children is the max over all children so far, in KB;
        # each measured command is the largest child when it runs, so a rise
        # is its own peak, and no rise means it stayed below the earlier max.
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        rss = max(rss, after / 1024.0)
        if p.returncode not in (0, 2):
            sys.exit("bench: %s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr.decode()[-500:]))
        out = p.stdout
    return statistics.median(times), rss, out


def peak_rss_alone(cmd, env):
    """Peak RSS of one run of cmd in a fresh child python, so earlier
    children's maxima do not hide it."""
    code = ("import resource,subprocess,sys;"
            "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    p = subprocess.run([sys.executable, "-c", code] + cmd, env=env, stdout=subprocess.PIPE)
    return int(p.stdout) / 1024.0


def replicate(vcdb, dest, count):
    """Writes `count` VERIS files: the shared records round-robin, each
    copy with a fresh incident_id so that none is a duplicate."""
    records = []
    for name in sorted(os.listdir(vcdb)):
        if name.lower().endswith(".json"):
            with open(os.path.join(vcdb, name), "rb") as f:
                try:
                    records.append(json.loads(f.read()))
                except ValueError:
                    pass
    if not records:
        sys.exit("bench: no VERIS records in %s" % vcdb)
    for i in range(count):
        r = dict(records[i % len(records)])
        r["incident_id"] = str(uuid.UUID(int=i + 1))
        with open(os.path.join(dest, "%06d.json" % i), "w") as f:
            json.dump(r, f)
    return len(records)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--incidents", type=int, default=100000)
    ap.add_argument("--chain", type=int, default=100000)
    ap.add_argument("--keep")
    args = ap.parse_args()

    meldkamer = os.path.abspath(os.path.join(args.build, "src/cli/meldkamer"))
    fill_chain = os.path.abspath(os.path.join(args.build, "bench/fill-chain"))
    shared = os.environ.get("MK_SHARED_DATA") or os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
    vcdb = os.path.join(shared, "vcdb")
    if not os.path.isdir(vcdb):
        print("bench: skipped: no shared VERIS data at %s" % vcdb)
        return 0

    work = args.keep or tempfile.mkdtemp(prefix="mk-bench-")
    os.makedirs(work, exist_ok=True)
    records = os.path.join(work, "veris")
    db = os.path.join(work, "bench.db")
    env = dict(os.environ, MELDKAMER_DB=db, MELDKAMER_USER="bench", MELDKAMER_ROLE="incidentmanager")
    for f in (db, db + "-wal", db + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    shutil.rmtree(records, ignore_errors=True)
    os.makedirs(records)

    print("machine: %s, %d cores, %s" % (platform.processor() or platform.machine(), os.cpu_count(), platform.platform()))
    t0 = time.perf_counter()
    n = replicate(vcdb, records, args.incidents)
    print("prepared %d VERIS files from %d shared records in %.1f s" % (args.incidents, n, time.perf_counter() - t0))

    results = []
    def report(name, secs, rss, limit_s=None, rate=None, limit_rate=None):
        ok = True
        line = "%-14s %9.1f ms" % (name, secs * 1000)
        if rate is not None:
            line += "  %8.0f /s" % rate
            ok &= rate >= limit_rate
            line += " (need >= %d)" % limit_rate
        if limit_s is not None:
            ok &= secs <= limit_s
            line += " (need <= %d ms)" % (limit_s * 1000)
        ok &= rss <= 64
        line += "  peak RSS %5.1f MB %s" % (rss, "ok" if ok else "OVER")
        print(line)
        results.append((name, ok))

    # Import: three runs into fresh databases (the machine's speed varies
    # from minute to minute); the median counts, the others are shown.
    times = []
    for attempt in range(3):
        for f in (db, db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        run([meldkamer, "init"], env)
        secs, _, out = run([meldkamer, "import", "veris", records], env)
        times.append(secs)
    print("import runs: %s s" % ", ".join("%.1f" % t for t in times))
    # Peak RSS of the import itself: measured on a separate, fresh database.
    db2 = os.path.join(work, "bench-rss.db")
    env2 = dict(env, MELDKAMER_DB=db2)
    for f in (db2, db2 + "-wal", db2 + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    subprocess.run([meldkamer, "init"], env=env2, stdout=subprocess.DEVNULL)
    rss = peak_rss_alone([meldkamer, "import", "veris", records], env2)
    os.remove(db2)
    print("import: %s" % out.decode().strip().splitlines()[-1])
    secs = statistics.median(times)
    report("import", secs, rss, rate=args.incidents / secs, limit_rate=10000)

    for name, cmd, limit in (
        ("incident list", [meldkamer, "incident", "list"], 0.020),
        ("report kpi", [meldkamer, "report", "kpi"], 0.500),
        ("search", [meldkamer, "search", "laptop"], 0.050),
    ):
        secs, _, _ = run(cmd, env, repeat=11)
        report(name, secs, peak_rss_alone(cmd, env), limit_s=limit)

    # One incident with a long logbook.
    key = json.loads(subprocess.run([meldkamer, "incident", "list", "--limit", "1", "--json"], env=env,
                                    stdout=subprocess.PIPE).stdout)["incidents"][0]["key"]
    t0 = time.perf_counter()
    subprocess.run([fill_chain, db, key, str(args.chain - 1)], env=env, check=True, stdout=subprocess.DEVNULL)
    print("filled %s to %d logbook entries in %.1f s" % (key, args.chain, time.perf_counter() - t0))
    cmd = [meldkamer, "log", "verify", key]
    secs, _, out = run(cmd, env, repeat=5)
    print("log verify: %s" % out.decode().strip()[:100])
    report("log verify", secs, peak_rss_alone(cmd, env), limit_s=1.0)

    size = os.path.getsize(db) / 1e6
    print("database: %.0f MB for %d incidents" % (size, args.incidents))
    if not args.keep:
        shutil.rmtree(work)
    failed = [n for n, ok in results if not ok]
    print("all within the limits" if not failed else "OVER THE LIMIT: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
