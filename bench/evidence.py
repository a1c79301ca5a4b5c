#!/usr/bin/env python3
"""The chain of custody's speed figures (issue 5, doc/custody.md):

  * evidence hashing: `meldkamer evidence verify` re-hashing a 1 GiB stored
    file (read + SHA-256), and `evidence add` copying it into the store
    while hashing (read + SHA-256 + write + fsync): MB/s;
  * the export of an incident with 10 000 logbook entries and 1 GiB of
    evidence: seconds and peak RSS (/usr/bin/time -v), and `meldkamer
    verify` of that archive without a database;
  * memory flat: the same peak RSS with 64 MiB and with 1 GiB of evidence.

usage: python3 bench/evidence.py BUILD_DIR [--size-mib N] [--entries N]
Needs about 4 GB free in $TMPDIR; removes everything it made."""
import argparse, os, re, shutil, subprocess, sys, tempfile, time

def run(cmd, env, timed=False):
    if timed:
        cmd = ["/usr/bin/time", "-v"] + cmd
    t0 = time.monotonic()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    dt = time.monotonic() - t0
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {p.returncode}\n{p.stdout}{p.stderr}")
    rss = None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    if m:
        rss = int(m.group(1)) / 1024
    return dt, rss, p.stdout

def make_file(path, mib):
    # Incompressible, and written in 1 MiB blocks: one random block, each
    # copy changed in its first bytes so no two are alike.
    block = bytearray(os.urandom(1 << 20))
    with open(path, "wb") as f:
        for i in range(mib):
            block[0:8] = i.to_bytes(8, "little")
            f.write(block)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--size-mib", type=int, default=1024)
    ap.add_argument("--entries", type=int, default=10000)
    a = ap.parse_args()
    mk = os.path.join(a.build, "src", "cli", "meldkamer")
    fill = os.path.join(a.build, "bench", "fill-chain")
    work = tempfile.mkdtemp(prefix="mk-bench-evidence-")
    db = os.path.join(work, "mk.db")
    now = int(time.time())
    env = dict(os.environ, MELDKAMER_DB=db, MELDKAMER_USER="bench", MELDKAMER_ROLE="incidentmanager",
               MELDKAMER_NOW=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now)))
    try:
        cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
        sha_ni = "sha_ni" in open("/proc/cpuinfo").read()
        print(f"machine: {cpu}, {os.cpu_count()} cores, SHA-NI {'yes' if sha_ni else 'no'}")
        run([mk, "init"], env)
        run([mk, "incident", "new", "--title", "Benchmark bewijs"], env)
        key = "MK-%s-0001" % time.strftime("%Y", time.gmtime(now))
        # 10 000 entries, dated a second apart from now on; later commands
        # run after the last of them.
        run([fill, db, key, str(a.entries)], env)
        env["MELDKAMER_NOW"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + a.entries + 60))

        small = os.path.join(work, "small.bin")
        make_file(small, 64)
        big = os.path.join(work, "big.bin")
        make_file(big, a.size_mib)
        size_mb = a.size_mib * 1.048576

        # What the disk allows: the same size written and fsynced, no hash.
        t0 = time.monotonic()
        with open(big, "rb") as src, open(os.path.join(work, "copy.bin"), "wb") as dst:
            while True:
                chunk = src.read(1 << 20)
                if not chunk:
                    break
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        dt = time.monotonic() - t0
        os.unlink(os.path.join(work, "copy.bin"))
        print(f"baseline: plain copy of {a.size_mib} MiB with fsync, no hash: {dt:.2f} s = {size_mb / dt:.0f} MB/s")

        dt, rss_add, _ = run([mk, "evidence", "add", key, big, "--what", "Schijfimage", "--why", "Benchmark"], env, True)
        print(f"evidence add {a.size_mib} MiB (copy + SHA-256 + fsync): {dt:.2f} s = {size_mb / dt:.0f} MB/s, peak RSS {rss_add:.1f} MiB")
        dt, rss_v, _ = run([mk, "evidence", "verify", key], env, True)
        print(f"evidence verify {a.size_mib} MiB (read + SHA-256): {dt:.2f} s = {size_mb / dt:.0f} MB/s, peak RSS {rss_v:.1f} MiB")

        out = os.path.join(work, "e.tar")
        dt, rss_x, _ = run([mk, "export", "evidence", key, "-o", out, "--why", "Benchmark"], env, True)
        print(f"export evidence, {a.entries} logbook entries + {a.size_mib} MiB: {dt:.2f} s, peak RSS {rss_x:.1f} MiB, archive {os.path.getsize(out) / 1e6:.0f} MB")
        dt, rss_y, _ = run([mk, "verify", out], {k: v for k, v in env.items() if k != "MELDKAMER_DB"}, True)
        print(f"verify ARCHIVE (no database): {dt:.2f} s, peak RSS {rss_y:.1f} MiB")

        # Flat memory: the same with 64 MiB of evidence in a fresh incident
        # with the same logbook.
        run([mk, "incident", "new", "--title", "Klein"], env)
        key2 = "MK-%s-0002" % time.strftime("%Y", time.gmtime(now))
        fill_env = dict(env)
        run([fill, db, key2, str(a.entries)], fill_env)
        env["MELDKAMER_NOW"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + 2 * a.entries + 120))
        _, rss_add_s, _ = run([mk, "evidence", "add", key2, small, "--what", "Klein", "--why", "Benchmark"], env, True)
        out2 = os.path.join(work, "s.tar")
        _, rss_x_s, _ = run([mk, "export", "evidence", key2, "-o", out2, "--why", "Benchmark"], env, True)
        print(f"peak RSS with 64 MiB of evidence: add {rss_add_s:.1f} MiB, export {rss_x_s:.1f} MiB "
              f"(with {a.size_mib} MiB: {rss_add:.1f} and {rss_x:.1f})")
    finally:
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
