#!/usr/bin/env python3
"""meldkamer serve benchmark (issue 3): a database of N incidents (the
shared VERIS records replicated as bench/run.py does, brought in with
`meldkamer import veris`), an API token, the server on 2 threads, then:

  GET  /api/v1/incidents?limit=50   >= 10 000 requests/s, p99 <= 20 ms   (wrk --latency)
  POST /api/v1/incidents            >= 1 000 requests/s                  (wrk + a Lua script)
  GET  /incidenten/KEY (the page)    <= 10 ms server time                 (the access log's ms)
  the server's peak RSS             <= 64 MB                             (VmHWM)

usage: bench/serve.py BUILD_DIR [--incidents N] [--duration S] [--connections C] [--keep DIR]
Needs wrk and ../shared/data/vcdb (or $MK_SHARED_DATA/vcdb); without the
data it says so and stops. Traffic goes to 127.0.0.1 only.
"""
import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import replicate  # noqa: E402  (the same replication as the CLI benchmark)

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def must(cmd, env, **kw):
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    if p.returncode != 0:
        sys.exit("bench: %s failed (%d): %s" % (" ".join(cmd[:4]), p.returncode, p.stderr.decode()[-500:]))
    return p.stdout.decode()


def wrk(url, token, duration, connections, script=None):
    """Runs wrk; returns (requests/s, p99 ms, non-2xx count, its output)."""
    cmd = ["wrk", "-t2", "-c%d" % connections, "-d%ds" % duration, "--latency",
           "-H", "Authorization: Bearer " + token]
    if script:
        cmd += ["-s", script]
    p = subprocess.run(cmd + [url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.decode()
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    if not rate or not p99:
        sys.exit("bench: cannot read wrk's output:\n" + out)
    non2xx = int(bad.group(1)) if bad else 0
    if errors:
        non2xx += sum(int(n) for n in re.findall(r"\d+", errors.group(1)))
    return float(rate.group(1)), float(p99.group(1)) * UNITS[p99.group(2)], non2xx, out


def vm_hwm(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--incidents", type=int, default=100000)
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--keep")
    args = ap.parse_args()

    if not shutil.which("wrk"):
        sys.exit("bench: wrk is not installed (make deps)")
    meldkamer = os.path.abspath(os.path.join(args.build, "src/cli/meldkamer"))
    shared = os.environ.get("MK_SHARED_DATA") or os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
    vcdb = os.path.join(shared, "vcdb")
    if not os.path.isdir(vcdb):
        print("bench: skipped: no shared VERIS data at %s" % vcdb)
        return 0

    work = args.keep or tempfile.mkdtemp(prefix="mk-bench-serve-")
    os.makedirs(work, exist_ok=True)
    records = os.path.join(work, "veris")
    db = os.path.join(work, "serve.db")
    for f in (db, db + "-wal", db + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    shutil.rmtree(records, ignore_errors=True)
    os.makedirs(records)
    env = dict(os.environ, MELDKAMER_DB=db, MELDKAMER_USER="bench", MELDKAMER_ROLE="admin")

    t0 = time.perf_counter()
    replicate(vcdb, records, args.incidents)
    must([meldkamer, "init"], env)
    must([meldkamer, "import", "veris", records], dict(env, MELDKAMER_ROLE="incidentmanager"))
    must([meldkamer, "user", "add", "bench", "--role", "servicedesk", "--password-stdin"], env,
         input=b"correct horse battery staple\n")
    out = must([meldkamer, "token", "add", "bench", "--user", "bench"], env)
    token = re.search(r"[A-Za-z0-9_-]{43}", out).group(0)
    key = json.loads(must([meldkamer, "incident", "list", "--limit", "1", "--json"], env))["incidents"][0]["key"]
    print("database of %d incidents in %.1f s" % (args.incidents, time.perf_counter() - t0))

    log_path = os.path.join(work, "serve.log")
    log = open(log_path, "wb")
    server = subprocess.Popen([meldkamer, "serve", "--listen", "127.0.0.1:0", "--threads", "2"],
                              env=env, stdout=subprocess.PIPE, stderr=log)
    line = server.stdout.readline().decode()
    m = re.search(r"serving (http://\S+)/", line)
    if not m:
        server.kill()
        sys.exit("bench: meldkamer serve did not start: %s" % line)
    url = m.group(1)

    results = []

    def report(name, ok, text):
        print("%-22s %s %s" % (name, text, "ok" if ok else "OVER"))
        results.append((name, ok))

    try:
        rate, p99, bad, _ = wrk(url + "/api/v1/incidents?limit=50", token, args.duration, args.connections)
        report("GET incidents", rate >= 10000 and p99 <= 20 and bad == 0,
               "%8.0f req/s (need >= 10000)  p99 %6.2f ms (need <= 20)  errors %d" % (rate, p99, bad))

        lua = os.path.join(work, "post.lua")
        body = json.dumps({"title": "Bench: phishing-mail gemeld", "description": "wrk",
                           "source": "gebruiker-partner"})
        with open(lua, "w") as f:
            f.write('wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = "application/json"\n'
                    % json.dumps(body))
        rate, p99, bad, _ = wrk(url + "/api/v1/incidents", token, args.duration, args.connections, lua)
        report("POST incidents", rate >= 1000 and bad == 0,
               "%8.0f req/s (need >= 1000)   p99 %6.2f ms  errors %d" % (rate, p99, bad))

        # The incident page as a person sees it: its server time is what
        # the access log says (the handler, not the network).
        log.flush()
        before = os.path.getsize(log_path)
        req = urllib.request.Request(url + "/incidenten/" + key, headers={"Authorization": "Bearer " + token})
        statuses = set()
        for _ in range(51):
            try:
                with urllib.request.urlopen(req) as r:
                    statuses.add(r.status)
                    r.read()
            except urllib.error.HTTPError as e:
                statuses.add(e.code)
        time.sleep(0.2)
        with open(log_path, "rb") as f:
            f.seek(before)
            page = [float(m.group(1)) for m in re.finditer(rb" /incidenten/\S+ \d+ \d+ ([\d.]+)ms", f.read())]
        med = statistics.median(page) if page else float("inf")
        report("incident page", med <= 10 and statuses == {200},
               "%8.2f ms median server time of %d (need <= 10)  status %s" % (med, len(page), sorted(statuses)))

        rss = vm_hwm(server.pid)
        report("server peak RSS", rss <= 64, "%8.1f MB (need <= 64)" % rss)
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=60)
        log.close()
        print("server exit status %d" % code)
    if not args.keep:
        shutil.rmtree(work)
    failed = [n for n, ok in results if not ok]
    print("all within the limits" if not failed else "OVER THE LIMIT: " + ", ".join(failed))
    return 1 if failed or code != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
