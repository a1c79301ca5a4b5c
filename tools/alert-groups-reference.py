#!/usr/bin/env python3
"""Independent reference for the alert intake data test (tests/data).

Reads Suricata eve.json and Wazuh alerts.json lines with Python's own JSON
and time parsing and applies the rules of doc/alerts.md, written from the
documentation rather than from src/intake/alerts.c:

- Suricata: event_type "alert" is an alert, anything else is skipped;
  severity 1 -> high (3), 2 -> medium (2), 3 and above -> low (1).
- Wazuh: rule.level 0-6 low, 7-11 medium, 12-14 high, 15 critical; rule
  86601 with a Suricata EVE event in full_log is that Suricata alert.
- A time without an offset is UTC.
- Collapse key: source kind, src ip, dst ip, dst port, proto, signature id.
  An alert joins the most recently seen group of its key whose span
  [first - window, last + window] holds its time; otherwise it starts one.

Prints one JSON object: per file the alerts taken, events skipped, bad
lines, groups formed, and every group (signature, count, first, last).
Usage: alert-groups-reference.py [--window SECONDS] FILE...
"""
import ipaddress
import json
import sys
from datetime import datetime, timezone


def parse_time(s):
    for fmt in ("%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S%z"):
        try:
            return int(datetime.strptime(s, fmt).timestamp())
        except ValueError:
            pass
    for fmt in ("%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S"):
        try:
            return int(datetime.strptime(s, fmt).replace(tzinfo=timezone.utc).timestamp())
        except ValueError:
            pass
    raise ValueError("bad time " + s)


def ip_port(s):
    """An address, or "ip:port" as Wazuh's snort decoder writes it."""
    if s is None or s == "":
        return "", None
    try:
        return str(ipaddress.ip_address(s)), None
    except ValueError:
        host, _, port = s.rpartition(":")
        return str(ipaddress.ip_address(host)), int(port)


def suricata(d):
    if d["event_type"] != "alert":
        return None
    a = d["alert"]
    sev = a["severity"]
    return {
        "kind": "suricata",
        "at": parse_time(d["timestamp"]),
        "sid": str(a["signature_id"]),
        "signature": a["signature"],
        "severity": 3 if sev == 1 else 2 if sev == 2 else 1,
        "src": ip_port(d.get("src_ip"))[0],
        "dst": ip_port(d.get("dest_ip"))[0],
        "dport": d.get("dest_port"),
        "proto": d.get("proto", ""),
    }


def wazuh(d):
    r = d["rule"]
    fl = d.get("full_log", "")
    if str(r["id"]) == "86601" and fl.startswith("{"):
        try:
            inner = json.loads(fl)
        except ValueError:
            inner = None
        if inner and "event_type" in inner:
            s = suricata(inner)
            if s:
                return s
    lvl = r["level"]
    data = d.get("data", {})
    src, sport = ip_port(data.get("srcip"))
    dst, dport = ip_port(data.get("dstip"))
    if "dstport" in data:
        dport = int(data["dstport"])
    return {
        "kind": "wazuh",
        "at": parse_time(d["timestamp"]),
        "sid": str(r["id"]),
        "signature": r["description"],
        "severity": 1 if lvl <= 6 else 2 if lvl <= 11 else 3 if lvl <= 14 else 4,
        "src": src,
        "dst": dst,
        "dport": dport,
        "proto": data.get("protocol", ""),
    }


def main(argv):
    window = 3600
    if len(argv) > 2 and argv[1] == "--window":
        window = int(argv[2])
        argv = argv[2:]
    groups = []  # every group, in order of creation (ids 1..n)
    files = []
    for path in argv[1:]:
        taken = skipped = bad = new = 0
        with open(path, "rb") as f:
            for raw in f:
                line = raw.rstrip(b"\n").rstrip(b"\r")
                if not line.strip():
                    skipped += 1
                    continue
                try:
                    d = json.loads(line.decode("utf-8"))
                    a = suricata(d) if "event_type" in d else wazuh(d)
                except (ValueError, KeyError, TypeError):
                    bad += 1
                    continue
                if a is None:
                    skipped += 1
                    continue
                taken += 1
                key = (a["kind"], a["src"], a["dst"], a["dport"], a["proto"], a["sid"])
                best = None
                for g in groups:
                    if g["key"] == key and g["first"] - window <= a["at"] <= g["last"] + window:
                        if best is None or g["last"] > best["last"] or (
                                g["last"] == best["last"] and g["id"] > best["id"]):
                            best = g
                if best:
                    best["count"] += 1
                    best["first"] = min(best["first"], a["at"])
                    best["last"] = max(best["last"], a["at"])
                    best["severity"] = max(best["severity"], a["severity"])
                else:
                    new += 1
                    groups.append({"id": len(groups) + 1, "key": key, "signature": a["signature"],
                                   "severity": a["severity"], "count": 1, "first": a["at"],
                                   "last": a["at"]})
        files.append({"file": path, "alerts": taken, "skipped": skipped, "bad": bad,
                      "groups_new": new})

    def iso(t):
        return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    out = {"files": files, "groups": [
        {"id": g["id"], "signature": g["signature"], "severity": g["severity"],
         "count": g["count"], "first_seen": iso(g["first"]), "last_seen": iso(g["last"])}
        for g in groups]}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv)
