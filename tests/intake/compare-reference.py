#!/usr/bin/env python3
"""Holds the C mapping (through tests/intake/veris-dump) against the
independent Python reference (tools/veris-kpi-reference.py): same files
imported, duplicated and rejected, same values per record, same KPIs.

usage: compare-reference.py DUMP sample     the shared VCDB sample (77 if absent)
       compare-reference.py DUMP fixtures   tests/intake/veris/
       compare-reference.py DUMP mutations  every field of a few records
                                            replaced by values of every type

Rejection reasons are compared by file, not by wording."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.environ.get("MK_SOURCE_ROOT", os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))))
REFERENCE = os.path.join(ROOT, "tools", "veris-kpi-reference.py")
NOW = "1767225600"  # 2026-01-01T00:00:00Z
SKIP = 77

FIELDS = ["source_ref", "occurred_at", "occurred_estimated", "detected_at", "contained_at",
          "source", "personal_data", "people_affected", "victim", "industry", "table",
          "category", "incident", "file"]


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("%s failed (%d): %s" % (cmd[0], p.returncode, p.stderr.decode()))
    return json.loads(p.stdout)


def normal(doc):
    doc = dict(doc)
    doc["rejected_files"] = sorted(r["file"] for r in doc["rejected_files"])
    doc["records"] = [{k: r[k] for k in FIELDS} for r in doc.get("records", [])]
    return doc


def compare(dump, folder, label):
    c = run([dump, "--records", "--now", NOW, folder])
    py = run([sys.executable, REFERENCE, "--records", "--now", NOW, folder])
    nc, npy = normal(c), normal(py)
    bad = 0
    for key in sorted(set(nc) | set(npy)):
        if key == "records":
            continue
        if nc.get(key) != npy.get(key):
            print("%s: %s differs:\n  C:      %s\n  Python: %s" % (label, key, nc.get(key), npy.get(key)))
            bad += 1
    by_file = {r["file"]: r for r in npy["records"]}
    for r in nc["records"]:
        if r != by_file.get(r["file"]):
            print("%s: record %s differs:\n  C:      %s\n  Python: %s"
                  % (label, r["file"], r, by_file.get(r["file"])))
            bad += 1
    print("%s: %d files, %d imported, %d duplicates, %d rejected; %s"
          % (label, c["files"], c["imported"], c["duplicates"], c["rejected"],
             "agree" if not bad else "%d differences" % bad))
    return bad


# Values of every JSON type, and strings and numbers the mapping gives a
# meaning to, to put in place of each field.
REPLACEMENTS = [None, True, 0, -1, 1, 13, 29, 31, 1969, 2099, 2100, 1.5, -0.5, 1e300,
                9223372036854775807, "", " ", "x", "Unknown", "unknown", "Days", "Never",
                "Ext - customer", "Int - NIDS", "Prt - audit", "M - Documents", "Personal",
                "Sensitive Personal", "05:45:00 PM", "25:00", "DoS", "Theft", [], ["x"], [{}],
                [1], {}, {"variety": ["Unknown"]}, {"unit": "Days", "value": 2},
                {"unit": "Months", "value": 0.5}, {"year": 2015}]


def paths(v, prefix=()):
    yield prefix
    if isinstance(v, dict):
        for k, x in v.items():
            yield from paths(x, prefix + (k,))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from paths(x, prefix + (i,))


def replaced(root, path, value, delete=False):
    doc = json.loads(json.dumps(root))
    if not path:
        return value
    parent = doc
    for p in path[:-1]:
        parent = parent[p]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return doc


# Targeted variants of one record: every value of the VERIS vocabularies
# the mapping reads, so that each table entry is exercised on both sides.
DISCOVERY = {
    "internal": ["Antivirus", "Break in discovered", "Data loss prevention", "Financial audit",
                 "Fraud detection", "Hids", "Incident response", "Infrastructure monitoring",
                 "It review", "Log review", "Nids", "Offboarding", "Reported by employee",
                 "Security alarm", "Other", "Unknown"],
    "external": ["Actor disclosure", "Audit", "Customer", "Emergency response team",
                 "Found documents", "Fraud detection", "Incident response", "Law enforcement",
                 "Security researcher", "Suspicious traffic", "Unrelated 3rd party", "Other",
                 "Unknown"],
    "partner": ["Antivirus", "Audit", "Incident response", "Monitoring service", "Other",
                "Unknown"],
}
STRINGS_1_2 = ["Ext - actor disclosure", "Ext - fraud detection", "Ext - monitoring service",
               "Ext - customer", "Ext - unrelated party", "Ext - audit", "Ext - unknown",
               "Ext - law enforcement", "Int - antivirus", "Int - incident response",
               "Int - financial audit", "Int - fraud detection", "Int - HIDS", "Int - IT audit",
               "Int - log review", "Int - NIDS", "Int - security alarm", "Int - reported by user",
               "Int - user", "Int - law enforcement", "Int - unknown", "Prt - monitoring service",
               "Prt - unknown", "Unknown", "Other", "EXT - CUSTOMER", "Ext -customer"]
DATA = ["API key", "Bank", "Classified", "Copyrighted", "Credentials", "Digital certificate",
        "Internal", "Medical", "Multi-factor credential", "Payment", "Personal",
        "Sensitive Personal", "Secrets", "Session key", "Source code", "System",
        "Virtual currency", "Other", "Unknown"]
UNITS = ["Seconds", "Minutes", "Hours", "Days", "Weeks", "Months", "Years", "Never", "NA",
         "Unknown", "days", "Fortnights"]
VARIETIES = {
    "hacking": ["DoS", "SQLi", "Use of stolen creds", "Unknown"],
    "malware": ["Ransomware", "Unknown"],
    "social": ["Phishing", "Extortion"],
    "misuse": ["Privilege abuse", "Knowledge abuse", "Embezzlement", "Possession abuse",
               "Unapproved software", "Data mishandling"],
    "physical": ["Theft", "Tampering", "Skimmer", "Destruction", "Snooping", "Surveillance",
                 "Wiretapping", "Assault"],
    "error": ["Loss", "Disposal error", "Misdelivery", "Publishing error", "Gaffe",
              "Misconfiguration", "Programming error", "Data entry error", "Malfunction",
              "Unknown"],
    "environmental": ["Power failure", "Flood", "Leak", "Fire"],
    "unknown": [],
}
ASSETS = ["S - Database", "M - Documents", "U - Laptop", "P - End-user", "N - LAN", "Media"]


def targeted(root):
    def with_(**kw):
        doc = json.loads(json.dumps(root))
        for k, v in kw.items():
            doc[k] = v
        return doc
    for origin, names in DISCOVERY.items():
        for n in names:
            yield with_(discovery_method={origin: {"variety": [n]}})
            yield with_(discovery_method={origin: {"variety": ["Unknown", n]},
                                          "external": {"variety": ["Customer"]}})
    for s in STRINGS_1_2:
        yield with_(discovery_method=s)
    for d in DATA:
        yield with_(attribute={"confidentiality": {"data": [{"variety": d}], "data_total": 7}})
    for u in UNITS:
        for v in (None, 0, 1, 2.5, 0.5, 1e9):
            for c in (None, {"unit": u}, {"unit": u, "value": 3}, {"unit": "Days", "value": 1.25}):
                t = json.loads(json.dumps(root["timeline"]))
                t["discovery"] = {"unit": u} if v is None else {"unit": u, "value": v}
                if c is not None:
                    t["containment"] = c
                yield with_(timeline=t)
    for action, varieties in VARIETIES.items():
        for v in varieties + [None]:
            for a in ASSETS + [None]:
                for attr in ("confidentiality", "availability", None):
                    doc = with_(action={action: {"variety": [v]} if v else {}})
                    if a:
                        doc["asset"] = {"assets": [{"variety": a}]}
                    doc["attribute"] = {attr: {}} if attr else {}
                    yield doc


def mutations(dump):
    seeds = [os.path.join(ROOT, "tests", "intake", "veris", n)
             for n in ("full-record-1.3.json", "veris-1.2.json", "month-only.json")]
    vcdb = os.path.join(os.environ.get("MK_SHARED_DATA", ""), "vcdb")
    for n in ("00000000-0000-0000-0000-000000000000.json", "004a9681-f5bb-4c26-9972-97969fcdf2b0.json",
              "00286a56-178d-410d-98f0-d4e7fbe407d8.json"):
        if os.path.isfile(os.path.join(vcdb, n)):
            seeds.append(os.path.join(vcdb, n))
    tmp = tempfile.mkdtemp(prefix="mk-veris-mut-")
    try:
        count = 0
        for s, seed in enumerate(seeds):
            with open(seed, "rb") as f:
                root = json.load(f)
            for path in paths(root):
                variants = [replaced(root, path, v) for v in REPLACEMENTS]
                if path:
                    variants.append(replaced(root, path, None, delete=True))
                for v in variants:
                    # a fresh incident_id per file, unless the mutation is of the id
                    if isinstance(v, dict) and path[:1] != ("incident_id",):
                        v["incident_id"] = "m%d-%05d" % (s, count)
                    name = os.path.join(tmp, "m%d-%05d.json" % (s, count))
                    with open(name, "w", encoding="utf-8") as f:
                        json.dump(v, f)
                    count += 1
        with open(seeds[0], "rb") as f:
            root = json.load(f)
        for v in targeted(root):
            v["incident_id"] = "t-%05d" % count
            with open(os.path.join(tmp, "t-%05d.json" % count), "w", encoding="utf-8") as f:
                json.dump(v, f)
            count += 1
        return compare(dump, tmp, "mutations")
    finally:
        shutil.rmtree(tmp)


def main():
    dump, mode = sys.argv[1], sys.argv[2]
    if mode == "sample":
        folder = os.path.join(os.environ.get("MK_SHARED_DATA", ""), "vcdb")
        if not os.path.isdir(folder):
            print("skipped: the shared VERIS sample is not at '%s' (set MK_SHARED_DATA)" % folder)
            return SKIP
        return 1 if compare(dump, folder, "sample") else 0
    if mode == "fixtures":
        return 1 if compare(dump, os.path.join(ROOT, "tests", "intake", "veris"), "fixtures") else 0
    if mode == "mutations":
        return 1 if mutations(dump) else 0
    sys.exit("unknown mode %s" % mode)


if __name__ == "__main__":
    sys.exit(main())
