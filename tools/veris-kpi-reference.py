#!/usr/bin/env python3
"""An independent reference for `meldkamer import veris` + `report kpi`.

Implements the rules of doc/veris-mapping.md a second time, in Python with
the standard library only, so that the figures the C importer and the KPI
report give can be checked against a second implementation. It shares no
code with the C side: not the JSON parser (Python's json, not jansson), not
the calendar arithmetic, not the KPI rounding. It does read the matrix rules
from data/veris-map.tsv, the same data the C code compiles in: the rules are
data; the code applying them is what is duplicated. Both sides were written
from the same document, so this catches slips in either implementation, not
a misreading of the document itself.

usage: veris-kpi-reference.py [--records] [--now EPOCH] [VERIS_DIR]

VERIS_DIR defaults to ../shared/data/vcdb next to the source tree. The
folder is read non-recursively; only names ending in .json or .JSON count;
files are taken in byte order of their names and the first file wins for
each incident_id (later ones are duplicates). Prints one JSON document with
the counts and KPIs; --records adds the mapped values of every record.
"""
import json
import math
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

VERIS_FILE_MAX = 1024 * 1024    # limits.h MK_VERIS_FILE_MAX
JSON_DEPTH_MAX = 32             # limits.h MK_JSON_DEPTH_MAX
NAME_MAX = 200                  # limits.h MK_NAME_MAX
INCIDENT_ID_MAX = NAME_MAX - len("veris:")
TIME_MAX = 4102444800           # 2100-01-01T00:00:00Z
DAY = 86400
INT64_MIN, INT64_MAX = -2**63, 2**63 - 1

ACTIONS = ["malware", "hacking", "social", "misuse", "physical", "error",
           "environmental"]
ATTRIBUTES = ["confidentiality", "integrity", "availability"]
PERSONAL = {"Personal", "Medical", "Bank", "Payment", "Credentials"}

UNITS = {
    b"seconds": 1, b"minutes": 60, b"hours": 3600, b"days": 86400,
    b"weeks": 604800, b"months": 2592000, b"years": 31536000,
    b"never": 0, b"na": 0, b"unknown": 0,
}

# discovery_method -> detection source (vocab code names)
INTERNAL = {
    "antivirus": "ids-ips", "break in discovered": "servicedesk",
    "data loss prevention": "dlp", "financial audit": "servicedesk",
    "fraud detection": "siem-soc", "hids": "ids-ips",
    "incident response": "siem-soc", "infrastructure monitoring": "vertraging",
    "it review": "servicedesk", "log review": "siem-soc", "nids": "ids-ips",
    "offboarding": "servicedesk", "reported by employee": "servicedesk",
    "security alarm": "servicedesk",
    "reported by user": "servicedesk", "user": "servicedesk",
    "it audit": "servicedesk", "law enforcement": "cti",
}
EXTERNAL = {
    "actor disclosure": "tip", "audit": "gebruiker-partner",
    "customer": "gebruiker-partner", "emergency response team": "cti",
    "found documents": "tip", "fraud detection": "cti",
    "incident response": "cti", "law enforcement": "cti",
    "security researcher": "tip", "suspicious traffic": "cti",
    "unrelated 3rd party": "tip", "unrelated party": "tip",
    "monitoring service": "siem-soc",
}


class Reject(Exception):
    pass


def ascii_lower(s):
    """Lower case for ASCII letters only (str.lower would fold e.g. the
    Kelvin sign into 'k', which the C code does not)."""
    return s.encode("utf-8", "surrogatepass").lower()


def kind(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, dict):
        return "an object"
    if isinstance(v, list):
        return "an array"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, int):
        return "an integer"
    return "a real number"


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v):
    return is_int(v) or isinstance(v, float)


def get(obj, key, path, want):
    """An optional member of the wanted kind; None when absent or null."""
    v = obj.get(key)
    if v is None:
        return None
    ok = {"an object": isinstance(v, dict), "an array": isinstance(v, list),
          "a string": isinstance(v, str), "an integer": is_int(v)}[want]
    if not ok:
        raise Reject("%s is %s, expected %s" % (path, kind(v), want))
    return v


def get_strings(obj, key, path):
    arr = get(obj, key, path, "an array")
    for i, el in enumerate(arr or []):
        if not isinstance(el, str):
            raise Reject("%s[%d] is %s, expected a string" % (path, i, kind(el)))
    return arr


# ---- parsing --------------------------------------------------------------

def no_duplicates(pairs):
    seen = set()
    for k, _ in pairs:
        if k in seen:
            raise Reject("duplicate object key '%s'" % k)
        seen.add(k)
    return dict(pairs)


def reject_constant(name):
    raise Reject("'%s' is not a JSON value" % name)


def check_values(v):
    """Container depth, refusing what jansson refuses: NUL characters and
    lone surrogates in strings, integers beyond 64 bits, infinities."""
    if isinstance(v, str):
        if "\x00" in v:
            raise Reject("\\u0000 in a string")
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            raise Reject("invalid Unicode escape (lone surrogate)")
        return 0
    if is_int(v):
        if not INT64_MIN <= v <= INT64_MAX:
            raise Reject("too big integer")
        return 0
    if isinstance(v, float):
        if math.isinf(v) or math.isnan(v):
            raise Reject("real number overflow")
        return 0
    if isinstance(v, dict):
        return 1 + max([0] + [max(check_values(k), check_values(x))
                              for k, x in v.items()])
    if isinstance(v, list):
        return 1 + max([0] + [check_values(x) for x in v])
    return 0


def parse(data, name):
    if len(data) > VERIS_FILE_MAX:
        raise Reject("'%s' is too big for a VERIS record: %d bytes, the limit is %d"
                     % (name, len(data), VERIS_FILE_MAX))
    nul = data.find(b"\x00")
    if nul >= 0:
        raise Reject("'%s' contains a NUL byte at byte %d" % (name, nul))
    try:
        text = data.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        raise Reject("'%s' is not valid UTF-8 (at byte %d)" % (name, e.start))
    try:
        root = json.loads(text, object_pairs_hook=no_duplicates,
                          parse_constant=reject_constant)
        depth = check_values(root)
    except Reject as e:
        raise Reject("'%s' is not JSON: %s" % (name, e))
    except RecursionError:
        raise Reject("'%s' is not JSON: too deeply nested" % name)
    except ValueError as e:
        raise Reject("'%s' is not JSON: %s" % (name, e))
    if not isinstance(root, dict):
        raise Reject("'%s' is not a VERIS record: the top level is not a JSON object" % name)
    if depth > JSON_DEPTH_MAX:
        raise Reject("'%s' is nested more than %d levels deep" % (name, JSON_DEPTH_MAX))
    return root


# ---- mapping ---------------------------------------------------------------

def days_in_month(y, m):
    if m == 2:
        return 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28
    return 30 if m in (4, 6, 9, 11) else 31


def epoch(y, m, d):
    """Days since 1970-01-01 of a proleptic Gregorian date, times 86400,
    counted by hand rather than through a calendar library."""
    days = 0
    for yy in range(1970, y):
        days += 366 if days_in_month(yy, 2) == 29 else 365
    for mm in range(1, m):
        days += days_in_month(y, mm)
    return (days + d - 1) * DAY


def time_of_day(s):
    """'05:45:00 PM', '5:45 PM', '17:45:00', '17:45' -> seconds, or None."""
    rest, ampm = s, None
    if len(s) > 3 and s[-3] == " " and s[-2:].upper() in ("AM", "PM"):
        rest, ampm = s[:-3], s[-2:].upper()
    parts = rest.split(":")
    if not 2 <= len(parts) <= 3:
        return None
    for i, p in enumerate(parts):
        if not (p.isascii() and p.isdigit()) or len(p) > 2 or (i > 0 and len(p) != 2):
            return None
    nums = [int(p) for p in parts] + [0] * (3 - len(parts))
    h, mi, se = nums
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm == "PM" else 0)
    if h > 23 or mi > 59 or se > 59:
        return None
    return h * 3600 + mi * 60 + se


def fmt(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def incident_date(timeline, now):
    inc = get(timeline, "incident", "timeline.incident", "an object")
    if inc is None:
        raise Reject("timeline.incident is missing: the incident has no date")
    parts = {}
    for key, lo, hi in (("year", 1970, 2099), ("month", 1, 12), ("day", 1, 31)):
        path = "timeline.incident." + key
        v = get(inc, key, path, "an integer")
        if key == "year" and v is None:
            raise Reject("timeline.incident.year is missing")
        if v is not None and not lo <= v <= hi:
            raise Reject("%s %d lies outside %d..%d" % (path, v, lo, hi))
        parts[key] = v
    tod = get(inc, "time", "timeline.incident.time", "a string")
    y, m, d = parts["year"], parts["month"], parts["day"]
    if m and d:
        if d > days_in_month(y, m):
            raise Reject("timeline.incident %04d-%02d-%02d is not a date" % (y, m, d))
        t, estimated = epoch(y, m, d), False
        if tod is not None:
            secs = time_of_day(tod)
            if secs is None:
                raise Reject("timeline.incident.time '%s' is not a time of day" % tod)
            t += secs
    else:
        t, estimated = epoch(y, m or 1, 1), True
    if now is not None and t > now + DAY:
        raise Reject("timeline.incident (%s) lies more than a day after now" % fmt(t))
    return t, estimated


def duration(timeline, key, start, now, target):
    path = "timeline." + key
    obj = get(timeline, key, path, "an object")
    if obj is None:
        return None
    unit = get(obj, "unit", path + ".unit", "a string")
    value = obj.get("value")
    if value is not None and not is_num(value):
        raise Reject("%s.value is %s, expected a number" % (path, kind(value)))
    if value is not None and value < 0:
        raise Reject("%s.value %s is negative" % (path, value))
    if unit is None:
        return None
    factor = UNITS.get(ascii_lower(unit))
    if factor is None:
        raise Reject("%s.unit '%s' is not a VERIS unit" % (path, unit))
    if factor == 0 or value is None or start is None:
        return None
    if is_int(value):
        d = value * factor                          # exact
    else:
        d = value * float(factor)
        if not d < float(TIME_MAX - start):
            raise Reject("%s (%s %s) puts %s more than a day after now"
                         % (path, value, unit, target))
        d = math.floor(d + 0.5)                     # round half up
    t = start + d
    if t >= TIME_MAX or (now is not None and t > now + DAY):
        raise Reject("%s (%s %s) puts %s more than a day after now" % (path, value, unit, target))
    return t


def source_of(origin, variety):
    if origin == "partner":
        return "siem-soc" if ascii_lower(variety) == b"monitoring service" else "gebruiker-partner"
    table = INTERNAL if origin == "internal" else EXTERNAL
    for name, src in table.items():
        if ascii_lower(variety) == name.encode():
            return src
    return "onbekend"


def discovery(root):
    dm = root.get("discovery_method")
    if dm is None:
        return "onbekend"
    if isinstance(dm, str):
        low = ascii_lower(dm)
        for prefix, origin in ((b"ext - ", "external"), (b"int - ", "internal"),
                               (b"prt - ", "partner")):
            if low.startswith(prefix):
                return source_of(origin, dm.encode("utf-8")[len(prefix):].decode("utf-8"))
        return "onbekend"
    if not isinstance(dm, dict):
        raise Reject("discovery_method is %s, expected an object or a string" % kind(dm))
    found = []
    for origin in ("internal", "external", "partner"):
        obj = get(dm, origin, "discovery_method." + origin, "an object")
        var = get_strings(obj, "variety", "discovery_method.%s.variety" % origin) \
            if obj is not None else None
        found.append((origin, obj, var))
    for origin, obj, var in found:
        if obj is None:
            continue
        if origin == "partner" and not var:
            return "gebruiker-partner"
        for v in var or []:
            s = source_of(origin, v)
            if s != "onbekend":
                return s
    return "onbekend"


def facts(root):
    f = {"action": {}, "assets": [], "attribute": set()}
    action = get(root, "action", "action", "an object")
    for name in ACTIONS if action is not None else []:
        obj = get(action, name, "action." + name, "an object")
        if obj is not None:
            f["action"][name] = get_strings(obj, "variety", "action.%s.variety" % name) or []
    asset = get(root, "asset", "asset", "an object")
    assets = get(asset, "assets", "asset.assets", "an array") if asset is not None else None
    for i, el in enumerate(assets or []):
        if not isinstance(el, dict):
            raise Reject("asset.assets[%d] is %s, expected an object" % (i, kind(el)))
        v = get(el, "variety", "asset.assets[%d].variety" % i, "a string")
        if v is not None:
            f["assets"].append(v)
    attribute = get(root, "attribute", "attribute", "an object")
    for name in ATTRIBUTES if attribute is not None else []:
        if get(attribute, name, "attribute." + name, "an object") is not None:
            f["attribute"].add(name)
    return f


def confidentiality(root):
    attribute = root.get("attribute")           # type checked in facts()
    conf = attribute.get("confidentiality") if attribute else None
    if conf is None:
        return False, None
    personal = False
    data = get(conf, "data", "attribute.confidentiality.data", "an array")
    for i, el in enumerate(data or []):
        path = "attribute.confidentiality.data[%d]" % i
        if not isinstance(el, dict):
            raise Reject("%s is %s, expected an object" % (path, kind(el)))
        v = get(el, "variety", path + ".variety", "a string")
        if v in PERSONAL:
            personal = True
    total = get(conf, "data_total", "attribute.confidentiality.data_total", "an integer")
    if total is not None and total < 0:
        raise Reject("attribute.confidentiality.data_total %d is negative" % total)
    return personal, total


def victim(root):
    v = root.get("victim")
    if v is None:
        return None, None
    if isinstance(v, list):
        for i, el in enumerate(v):
            if not isinstance(el, dict):
                raise Reject("victim[%d] is %s, expected an object" % (i, kind(el)))
            get(el, "victim_id", "victim[%d].victim_id" % i, "a string")
            get(el, "industry", "victim[%d].industry" % i, "a string")
        if not v:
            return None, None
        v = v[0]
    elif not isinstance(v, dict):
        raise Reject("victim is %s, expected an object or an array of objects" % kind(v))
    vid = get(v, "victim_id", "victim.victim_id", "a string")
    ind = get(v, "industry", "victim.industry", "a string")

    def known(s):
        if s is None:
            return None
        s = "".join(" " if ord(c) < 0x20 or ord(c) == 0x7f else c for c in s)
        s = s.strip(" ")
        return None if not s or ascii_lower(s) == b"unknown" else s
    return known(vid), known(ind)


def id_string(root, key, maxlen):
    v = get(root, key, key, "a string")
    if v is None:
        raise Reject("%s is missing" % key)
    for i, c in enumerate(v.encode("utf-8")):
        if c < 0x20 or c == 0x7f:
            raise Reject("%s contains a control character (0x%02x at byte %d)" % (key, c, i))
    if v.strip(" ") == "":
        raise Reject("%s is empty" % key)
    if len(v.encode("utf-8")) > maxlen:
        raise Reject("%s is too long" % key)
    return v


def load_rules(path):
    rules, header = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                assert header == ["action", "variety", "asset", "attribute", "table",
                                  "category", "incident"], header
                continue
            rules.append(dict(zip(header, cells)))
    return rules


def matches(rule, f):
    if rule["action"] not in f["action"]:
        return False
    if rule["variety"] != "*" and rule["variety"] not in f["action"][rule["action"]]:
        return False
    if rule["asset"] != "*" and not any(a.startswith(rule["asset"] + " - ") for a in f["assets"]):
        return False
    if rule["attribute"] != "*" and rule["attribute"] not in f["attribute"]:
        return False
    return True


def map_record(root, rules, now):
    """The values of one record the KPIs need, or Reject."""
    incident_id = id_string(root, "incident_id", INCIDENT_ID_MAX)
    id_string(root, "schema_version", NAME_MAX)
    timeline = get(root, "timeline", "timeline", "an object")
    if timeline is None:
        raise Reject("timeline is missing: the incident has no date")
    occurred, estimated = incident_date(timeline, now)
    detected = duration(timeline, "discovery", occurred, now, "detected_at")
    contained = duration(timeline, "containment", detected, now, "contained_at")
    source = discovery(root)
    f = facts(root)
    personal, people = confidentiality(root)
    vic, industry = victim(root)
    get(root, "summary", "summary", "a string")
    get(root, "reference", "reference", "a string")
    rule = next((r for r in rules if matches(r, f)), None)
    return {
        "source_ref": "veris:" + incident_id,
        "occurred_at": occurred, "occurred_estimated": estimated,
        "detected_at": detected, "contained_at": contained,
        "source": source, "personal_data": personal, "people_affected": people,
        "victim": vic, "industry": industry,
        "table": rule["table"] if rule else None,
        "category": rule["category"] if rule else None,
        "incident": rule["incident"] if rule else None,
    }


# ---- the folder and the KPIs ----------------------------------------------

def stat(values):
    if not values:
        return {"n": 0, "min": 0, "avg": 0, "max": 0}
    n, s = len(values), sum(values)
    return {"n": n, "min": min(values), "avg": (2 * s + n) // (2 * n), "max": max(values)}


def main(argv):
    records = "--records" in argv
    now = int(time.time())
    args = []
    i = 1
    while i < len(argv):
        if argv[i] == "--now":
            now = int(argv[i + 1])
            i += 2
            continue
        if argv[i] != "--records":
            args.append(argv[i])
        i += 1
    folder = args[0] if args else os.path.join(ROOT, "..", "shared", "data", "vcdb")
    rules = load_rules(os.path.join(ROOT, "data", "veris-map.tsv"))

    names = sorted((n for n in os.listdir(os.fsencode(folder))
                    if n.endswith(b".json") or n.endswith(b".JSON")))
    seen = {}
    out = {"files": 0, "imported": 0, "duplicates": 0, "rejected": 0,
           "duplicate_files": [], "rejected_files": []}
    mapped = []
    for raw in names:
        name = os.fsdecode(raw)
        path = os.path.join(os.fsencode(folder), raw)
        if not os.path.isfile(path):
            continue
        out["files"] += 1
        try:
            with open(path, "rb") as fh:
                data = fh.read(VERIS_FILE_MAX + 1)
            rec = map_record(parse(data, name), rules, now)
        except Reject as e:
            out["rejected"] += 1
            out["rejected_files"].append({"file": name, "reason": str(e)})
            continue
        if rec["source_ref"] in seen:
            out["duplicates"] += 1
            out["duplicate_files"].append({"file": name, "source_ref": rec["source_ref"],
                                           "first": seen[rec["source_ref"]]})
            continue
        seen[rec["source_ref"]] = name
        out["imported"] += 1
        rec["file"] = name
        mapped.append(rec)

    by_category = {}
    for r in mapped:
        key = r["category"] or ""
        by_category[key] = by_category.get(key, 0) + 1
    lag = [r["detected_at"] - r["occurred_at"] for r in mapped
           if r["detected_at"] is not None and r["detected_at"] >= r["occurred_at"]]
    cont = [r["contained_at"] - r["detected_at"] for r in mapped
            if r["contained_at"] is not None and r["detected_at"] is not None
            and r["contained_at"] >= r["detected_at"]]
    out["incidents"] = len(mapped)
    out["with_personal_data"] = sum(1 for r in mapped if r["personal_data"])
    out["by_category"] = dict(sorted(by_category.items()))
    out["detection_lag_s"] = stat(lag)
    out["containment_s"] = stat(cont)
    if records:
        out["records"] = mapped
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
