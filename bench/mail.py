#!/usr/bin/env python3
"""meldkamer mail intake benchmark (issue 4, "Speed"):

  intake mail      >= 300 messages/s (the shared phishing mails, each made
                   unique by an added header, into a fresh database;
                   observables, evidence file and classification included;
                   the median of three runs)
  big attachment   peak RSS <= 64 MB for one message carrying an attachment
                   of --attachment-mb MB (default 25), base64 encoded

usage: bench/mail.py BUILD_DIR [--messages N] [--attachment-mb MB] [--keep DIR]
Needs ../shared/data/phishing (or $MK_SHARED_DATA/phishing) for the rate;
the big message is made here. Not a test: run it on a quiet machine.
"""
import argparse
import base64
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def peak_rss_alone(cmd, env):
    """Peak RSS (MB) and status of one run of cmd in a fresh child python,
    so earlier children's maxima do not hide it."""
    code = ("import resource,subprocess,sys;"
            "p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode)")
    p = subprocess.run([sys.executable, "-c", code] + cmd, env=env, stdout=subprocess.PIPE)
    kb, rc = p.stdout.split()
    return int(kb) / 1024.0, int(rc)


def replicate(src, dest, count):
    files = sorted(f for f in os.listdir(src) if f.endswith(".eml"))
    os.makedirs(dest)
    for i in range(count):
        data = open(os.path.join(src, files[i % len(files)]), "rb").read()
        with open(os.path.join(dest, "m%06d.eml" % i), "wb") as f:
            f.write(b"X-Bench: %d\r\n" % i + data)


def big_message(path, mb):
    """A forward carrying one attachment of mb MB of pseudo-random bytes,
    base64 in 76-column CRLF lines, written a piece at a time."""
    chunk = os.urandom(3 * 1024 * 19)  # a multiple of 57 bytes: whole lines
    with open(path, "wb") as f:
        f.write(b"From: Medewerker <medewerker@gemeente.example>\r\n"
                b"To: phishing@gemeente.example\r\nSubject: FW: grote bijlage\r\n"
                b"MIME-Version: 1.0\r\n"
                b'Content-Type: multipart/mixed; boundary="big"\r\n\r\n'
                b"--big\r\nContent-Type: text/plain\r\n\r\nZie https://big.example/x\r\n"
                b'--big\r\nContent-Type: application/octet-stream; name="groot.bin"\r\n'
                b'Content-Disposition: attachment; filename="groot.bin"\r\n'
                b"Content-Transfer-Encoding: base64\r\n\r\n")
        left = mb * 1024 * 1024
        while left > 0:
            piece = chunk[:min(left, len(chunk))]
            left -= len(piece)
            f.write(base64.encodebytes(piece).replace(b"\n", b"\r\n"))
        f.write(b"--big--\r\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--messages", type=int, default=3000)
    ap.add_argument("--attachment-mb", type=int, default=25)
    ap.add_argument("--keep")
    a = ap.parse_args()
    mk = os.path.join(a.build, "src", "cli", "meldkamer")
    data = os.environ.get("MK_SHARED_DATA") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")
    work = a.keep or tempfile.mkdtemp(prefix="mk-mail-bench-")
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, MELDKAMER_USER="bench")
    failed = False
    try:
        phishing = os.path.join(data, "phishing")
        if os.path.isdir(phishing):
            msgs = os.path.join(work, "msgs")
            shutil.rmtree(msgs, ignore_errors=True)
            replicate(phishing, msgs, a.messages)
            times, rss = [], 0.0
            for run in range(3):
                db = os.path.join(work, "rate%d.db" % run)
                for p in (db, db + "-wal", db + "-shm"):
                    if os.path.exists(p):
                        os.remove(p)
                shutil.rmtree(db + ".evidence", ignore_errors=True)
                subprocess.run([mk, "init", "--db", db], env=env, check=True,
                               stdout=subprocess.DEVNULL)
                t0 = time.perf_counter()
                r, rc = peak_rss_alone([mk, "intake", "mail", "--db", db, msgs], env)
                times.append(time.perf_counter() - t0)
                rss = max(rss, r)
                if rc not in (0, 2):
                    sys.exit("bench: intake mail failed (%d)" % rc)
            rate = a.messages / statistics.median(times)
            ok = rate >= 300
            failed |= not ok
            print("intake mail     %7.0f messages/s (%d messages, median of 3)  peak RSS %5.1f MB  %s"
                  % (rate, a.messages, rss, "ok" if ok else "BELOW 300/s"))
        else:
            print("intake mail     skipped: no phishing sample at %s" % phishing)

        big = os.path.join(work, "big.eml")
        big_message(big, a.attachment_mb)
        db = os.path.join(work, "big.db")
        subprocess.run([mk, "init", "--db", db], env=env, check=True, stdout=subprocess.DEVNULL)
        t0 = time.perf_counter()
        rss, rc = peak_rss_alone([mk, "intake", "mail", "--db", db, big], env)
        secs = time.perf_counter() - t0
        ok = rss <= 64 and rc == 0
        failed |= not ok
        print("big attachment  %7.2f s (%d MB attachment, %.1f MB message)  peak RSS %5.1f MB  %s"
              % (secs, a.attachment_mb, os.path.getsize(big) / 1048576.0, rss,
                 "ok" if ok else ("FAILED (%d)" % rc if rc else "ABOVE 64 MB")))
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
