#!/usr/bin/env python3
"""Writes data/openapi.json, the OpenAPI 3.1 document of /api/v1 (served at
GET /api/v1/openapi.json and checked against real answers by
tests/js/lib/openapi.mjs). Edit the API description here and run it:
    python3 tools/gen-openapi.py
The shapes follow src/export/json.c; the paths follow src/http/api-routes.c."""
import json
def ref(n): return {"$ref": "#/components/schemas/" + n}
TIME = {"type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
        "description": "RFC 3339 UTC, or null when unknown"}
TIME_REQ = {"type": "string", "pattern": TIME["pattern"]}
def nstr(): return {"type": ["string", "null"]}
def obj(props, req=None, extra=False, desc=None):
    o = {"type": "object", "properties": props, "required": list(props) if req is None else req,
         "additionalProperties": extra}
    if desc: o["description"] = desc
    return o
LEVEL = {"enum": ["laag", "midden", "hoog", None]}
LEVEL_REQ = {"enum": ["laag", "midden", "hoog"]}
PHASE = {"enum": ["detectie", "initiatie", "analyse", "indammen", "oplossen", "herstel", "remediatie", "afsluiten", "evaluatie"]}
PRIO = {"enum": ["P1", "P2", "P3", "P4", None]}
EVENT = {"enum": ["normaal", "escalatie", "noodsituatie"]}
SOURCE = {"enum": ["onbekend", "ids-ips", "dlp", "fim", "webfilter", "casb", "siem-soc", "gebruiker-partner", "tip", "cti", "pers", "servicedesk", "vertraging"]}
TLP = {"enum": ["clear", "green", "amber", "amber+strict", "red"]}
ROLE = {"enum": ["melder", "servicedesk", "behandelaar", "incidentmanager", "ciso", "fg", "directie", "auditor", "admin"]}
KIND = {"enum": ["note", "action", "decision", "communication", "status", "system"]}
NOTIFY = {"enum": ["X", "(X)", ""]}
HASH = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
KEY = {"type": "string", "pattern": "^MK-[0-9]{4}-[0-9]{4,}$"}
CRITERIA = ["mensen", "apparatuur", "programmatuur", "gegevens", "organisatieprocessen", "omgeving", "diensten", "betrokkenen", "reputatie", "financieel", "herstelwerk", "verspreiding", "keten", "beschikbaarheid"]
CLOCK = {"enum": ["golden-hour", "ap-72h", "subjects-7d", "evaluation", "retention"]}
DSTATE = {"enum": ["n/a", "not-yet", "running", "overdue", "met", "met-late", "ended"]}
STAT = {"type": "object", "required": ["n", "min", "avg", "max"], "additionalProperties": False,
        "properties": {"n": {"type": "integer", "minimum": 0}, "min": {"type": ["integer", "null"]},
                       "avg": {"type": ["integer", "null"]}, "max": {"type": ["integer", "null"]}}}
COUNTS = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}

schemas = {
 "Problem": obj({"type": {"type": "string"}, "status": {"type": "integer"}, "title": {"type": "string"},
                 "detail": {"type": "string"}, "field": {"type": "string"},
                 "current_version": {"type": "integer", "minimum": 1}},
                req=["type", "status", "title"], desc="RFC 9457 problem; field names the input at fault"),
 "IncidentSummary": obj({"key": KEY, "title": nstr(), "phase": PHASE, "priority": PRIO, "event_type": EVENT,
                         "personal_data": {"type": "boolean"}, "confidential": {"type": "boolean"},
                         "reported_at": TIME, "detected_at": TIME, "closed_at": TIME,
                         "version": {"type": "integer", "minimum": 1}}),
 "Incident": obj({
   "key": KEY, "uuid": {"type": "string", "pattern": "^[0-9a-f-]{36}$"}, "title": nstr(), "description": nstr(),
   "reporter": obj({"name": nstr(), "department": nstr(), "phone": nstr(), "email": nstr()}),
   "source": SOURCE,
   "matrix": {"oneOf": [{"type": "null"}, obj({"table": {"enum": ["gebruikers", "beheer"]}, "category": nstr(), "incident": nstr()})]},
   "impact": obj({c: LEVEL for c in CRITERIA}),
   "impact_overall": LEVEL, "people_affected": {"type": ["integer", "null"], "minimum": 0},
   "urgency": LEVEL, "priority": PRIO, "priority_label": {"enum": ["kritiek", "hoog", "midden", "laag", None]},
   "event_type": EVENT, "phase": PHASE, "confidential": {"type": "boolean"}, "tlp": TLP,
   "personal_data": {"type": "boolean"}, "exercise": {"type": "boolean"}, "parent": {"oneOf": [KEY, {"type": "null"}]},
   "supplier": nstr(),
   "times": obj({"occurred_at": TIME, "occurred_estimated": {"type": "boolean"}, "detected_at": TIME,
                 "reported_at": TIME, "management_informed_at": TIME, "subjects_informed_at": TIME,
                 "contained_at": TIME, "resolved_at": TIME, "closed_at": TIME, "ap_notified_at": TIME,
                 "evaluated_at": TIME}),
   "source_ref": nstr(), "victim": nstr(), "industry": nstr(),
   "logbook": obj({"entries": {"type": "integer", "minimum": 0}, "head": HASH}),
   "version": {"type": "integer", "minimum": 1}, "created_at": TIME, "updated_at": TIME}),
 "IncidentPage": obj({"items": {"type": "array", "items": ref("IncidentSummary")},
                      "next": {"type": ["string", "null"], "description": "the next page's URL, or null on the last"}}),
 "Task": obj({"code": {"type": "string"}, "step": {"type": "integer", "minimum": 0, "maximum": 7},
              "title": {"type": "string"}, "owner": {"type": "string"}, "role": ROLE,
              "closing": {"type": "boolean"}, "state": {"enum": ["open", "done", "nvt"]},
              "done_by": nstr(), "done_at": TIME, "note": nstr()}),
 "LogEntry": obj({"seq": {"type": "integer", "minimum": 1}, "at": TIME_REQ, "author": {"type": "string"},
                  "role": ROLE, "kind": KIND, "text": {"type": "string"}, "prev_hash": HASH, "hash": HASH}),
 "ChainStatus": obj({"key": KEY, "intact": {"type": "boolean"}, "entries": {"type": "integer", "minimum": 0},
                     "head": {"type": "string"}, "problem": nstr()}),
 "RegisterChain": obj({"incidents": {"type": "integer", "minimum": 0}, "broken": {"type": "integer", "minimum": 0},
                       "chains": {"type": "array", "items": ref("ChainStatus"), "description": "the logbooks whose chain does not verify (the others are intact)"},
                       "register_problems": {"type": "array", "items": {"type": "string"}}}),
 "Decision": obj({"id": {"type": "integer", "minimum": 1}, "beeldvorming": {"type": "string"},
                  "opties": {"type": "string"}, "besluit": {"type": "string"},
                  "opdracht": obj({"wie": {"type": "string"}, "uiterlijk": TIME}),
                  "controle": obj({"op": TIME, "resultaat": nstr()}),
                  "decided_by": {"type": "string"}, "decided_at": TIME}),
 "Deadline": obj({"clock": CLOCK, "label": {"type": "string"}, "state": DSTATE, "start": TIME,
                  "opens": TIME, "due": TIME, "met_at": TIME}),
 "DueDeadline": {"allOf": [{"$ref": "#/components/schemas/Deadline"}]},
 "DeadlineList": obj({"pending": {"type": "integer", "minimum": 0}, "overdue": {"type": "integer", "minimum": 0},
                      "deadlines": {"type": "array", "items": obj({"clock": CLOCK, "label": {"type": "string"}, "state": DSTATE,
                          "start": TIME, "opens": TIME, "due": TIME, "met_at": TIME, "key": KEY, "title": {"type": "string"}})}}),
 "MatrixRow": obj({"table": {"enum": ["gebruikers", "beheer"]}, "category": {"type": "string"},
                   "incident": {"type": "string"}, "helpdesk": NOTIFY, "ciso": NOTIFY, "directie": NOTIFY}),
 "ImpactCriterion": obj({"criterion": {"enum": CRITERIA}, "label": {"type": "string"},
                         "levels": obj({"laag": {"type": "string"}, "midden": {"type": "string"}, "hoog": {"type": "string"}})}),
 "PriorityCell": obj({"impact": LEVEL_REQ, "urgency": LEVEL_REQ, "priority": {"enum": ["P1", "P2", "P3", "P4"]},
                      "label": {"enum": ["kritiek", "hoog", "midden", "laag"]}}),
 "Kpi": obj({"incidents": {"type": "integer", "minimum": 0}, "exercises_excluded": {"type": "integer", "minimum": 0},
             "with_personal_data": {"type": "integer", "minimum": 0}, "with_citizen_impact": {"type": "integer", "minimum": 0},
             "by_category": COUNTS, "by_priority": COUNTS, "by_phase": COUNTS,
             "detection_lag_s": STAT, "containment_s": STAT, "report_to_resolution_s": STAT}),
 "Me": obj({"name": {"type": "string"}, "display_name": {"type": "string"}, "role": ROLE,
            "lang": {"enum": ["nl", "en"]}, "auth": {"enum": ["token", "session"]}}),
 "Team": {"type": "array", "items": {"type": "string"}, "description": "account names"},
}
del schemas["DueDeadline"]
FIELD_NAMES = ["title", "description", "reporter_name", "reporter_department", "reporter_phone", "reporter_email",
               "source", "tlp", "confidential", "personal_data", "exercise", "parent", "supplier", "occurred_at",
               "occurred_estimated", "detected_at", "reported_at", "management_informed_at", "subjects_informed_at",
               "contained_at", "resolved_at"]
FLAGS = {"confidential", "personal_data", "exercise", "occurred_estimated"}
def field_schema(n):
    if n in FLAGS: return {"type": ["boolean", "null"]}
    return {"type": ["string", "null"]}
schemas["IncidentFields"] = {"type": "object", "additionalProperties": False,
    "properties": {n: field_schema(n) for n in FIELD_NAMES},
    "description": "the fields of `incident new` / `incident edit`: flags as booleans, the rest as strings (times RFC 3339, source and tlp by code name); null clears a field"}
schemas["NewIncident"] = {"allOf": [ref("IncidentFields"), {"required": ["title"]}]}
schemas["Assessment"] = obj({"matrix": obj({"table": {"enum": ["gebruikers", "beheer"]}, "category": {"type": "string"}, "incident": {"type": "string"}}),
    "impact": {"type": "object", "additionalProperties": False, "properties": {c: LEVEL_REQ for c in CRITERIA}},
    "people": {"type": "integer", "minimum": 0, "maximum": 100000000000},
    "urgency": LEVEL_REQ, "event_type": EVENT}, req=[])
schemas["PhaseChange"] = obj({"phase": PHASE, "reason": {"type": "string"}}, req=["phase"])
schemas["Close"] = obj({"reason": {"type": "string"}}, req=[])
schemas["TaskChange"] = obj({"state": {"enum": ["open", "done", "nvt"]}, "note": {"type": "string"}, "reason": {"type": "string"}}, req=["state"])
schemas["NewLogEntry"] = obj({"kind": {"enum": ["note", "action", "decision", "communication"]}, "text": {"type": "string"}}, req=["text"])
schemas["NewDecision"] = obj({"beeldvorming": {"type": "string"}, "opties": {"type": "string"}, "besluit": {"type": "string"},
    "opdracht": obj({"wie": {"type": "string"}, "uiterlijk": TIME_REQ}),
    "controle": obj({"op": TIME_REQ, "resultaat": {"type": "string"}}, req=[])}, req=["beeldvorming", "opties", "besluit", "opdracht"])
schemas["TeamMember"] = obj({"account": {"type": "string"}})
# The chain of custody (src/export/json-custody.c, doc/custody.md).
schemas["EvidenceItem"] = obj({"item": {"type": "integer", "minimum": 1}, "incident": KEY,
    "kind": {"enum": ["file", "physical"]}, "what": {"type": "string"}, "why": {"type": "string"},
    "location": nstr(), "storage": nstr(), "seal": nstr(), "collected_by": {"type": "string"},
    "collected_at": TIME_REQ, "registered_by": {"type": "string"}, "registered_at": TIME_REQ,
    "file": {"oneOf": [{"type": "null"}, obj({"sha256": HASH, "size": {"type": "integer", "minimum": 0},
        "name": nstr(), "media_type": {"type": "string"},
        "archive_path": {"type": "string", "pattern": "^evidence/[0-9a-f]{64}$"}})]}},
    desc="an evidence item: a file in the content-addressed store (file set) or a physical object (file null)")
schemas["CustodyEvent"] = {"oneOf": [
    obj({"type": {"const": "transfer"}, "item": {"type": "integer", "minimum": 1}, "at": TIME_REQ,
         "from": {"type": "string"}, "to": {"type": "string"}, "reason": {"type": "string"}, "receipt": nstr(),
         "recorded_by": {"type": "string"}, "recorded_at": TIME_REQ, "log_seq": {"type": "integer", "minimum": 1}}),
    obj({"type": {"const": "access"}, "item": {"type": "integer", "minimum": 1}, "at": TIME_REQ,
         "action": {"enum": ["show", "get", "export"]}, "who": {"type": "string"}, "why": {"type": "string"},
         "via": {"type": "string"}, "log_seq": {"type": "integer", "minimum": 1}})],
    "description": "one event of the custody log: a hand-over or an access, with the logbook entry that records it"}
schemas["EvidenceCheck"] = obj({"files": {"type": "array", "items": obj({"incident": KEY, "item": {"type": "integer", "minimum": 1},
        "what": {"type": "string"}, "state": {"enum": ["intact", "changed", "missing"]}, "sha256": HASH,
        "actual_sha256": {"oneOf": [HASH, {"type": "null"}]}, "problem": nstr()})},
    "checked": {"type": "integer", "minimum": 0}, "intact": {"type": "integer", "minimum": 0},
    "changed": {"type": "integer", "minimum": 0}, "missing": {"type": "integer", "minimum": 0}, "ok": {"type": "boolean"}})
schemas["NewEvidenceItem"] = obj({"what": {"type": "string"}, "why": {"type": "string"}, "location": {"type": "string"},
    "storage": {"type": "string"}, "seal": {"type": "string"}, "collected_by": {"type": "string"},
    "collected_at": {"type": "string"}}, req=["what", "why"], desc="a physical item (a file is uploaded to /evidence/file)")
schemas["NewTransfer"] = obj({"from": {"type": "string"}, "to": {"type": "string"}, "reason": {"type": "string"},
    "receipt": {"type": "string"}, "at": {"type": "string"}}, req=["from", "to", "reason"])
schemas["EvidenceExport"] = obj({"why": {"type": "string"}}, desc="why the evidence is exported: recorded as an access to every item")

def problem(desc): return {"description": desc, "content": {"application/problem+json": {"schema": ref("Problem")}}}
COMMON = {"401": problem("not logged in (no or a bad bearer token or session)"),
          "403": problem("the role may not do this"),
          "500": problem("the logbook's hash chain does not verify, or another fault"),
          "503": problem("the database is busy or out of memory")}
ONE = {"404": problem("no such incident, or one the caller may not know of")}
BODY = {"400": problem("malformed JSON (line, column and byte named), invalid UTF-8 or too deep"),
        "413": problem("the body is larger than 262144 bytes"),
        "415": problem("not application/json (charset, if given, utf-8)"),
        "422": problem("a member unknown, of the wrong type or refused by the rules (field named); nothing was written"),
        "409": problem("refused by the state of the incident (a phase rule, a task's state, the clock behind the last change)")}
VERSIONED = {"412": problem("If-Match names a version that is no longer current (current_version given)"),
             "428": problem("If-Match is missing")}
def M(*ds):
    r = {}
    for d in ds: r.update(d)
    return r
def ok(schema, desc="OK", status="200", headers=None):
    r = {"description": desc, "content": {"application/json": {"schema": schema}}}
    if headers: r["headers"] = headers
    return {status: r}
ETAG = {"ETag": {"description": "the incident's version, as \"<version>\"", "schema": {"type": "string"}}}
def op(summary, responses, opid, body=None, params=None, public=False, tags=None):
    o = {"summary": summary, "operationId": opid, "responses": {}}
    o["responses"].update(responses)
    if not public:
        o["responses"].update(COMMON)
    else:
        o["security"] = []
    if body:
        o["requestBody"] = {"required": True, "content": {"application/json": {"schema": ref(body)}}}
    if params: o["parameters"] = params
    if tags: o["tags"] = tags
    return o
def q(name, schema, desc, required=False): return {"name": name, "in": "query", "required": required, "schema": schema, "description": desc}
KEYP = {"name": "key", "in": "path", "required": True, "schema": KEY, "description": "the incident key"}
IFM = {"name": "If-Match", "in": "header", "required": True, "schema": {"type": "string"}, "description": "the ETag of the version the change is based on"}
IFM_OPT = dict(IFM, required=False)
LIMIT = q("limit", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 50}, "rows on a page")
arr = lambda n: {"type": "array", "items": ref(n)}
# Closure (doc/closure.md): time, costs, evaluation, hold, report, ical.
AMOUNT = obj({"amount": {"type": "string", "pattern": "^-?[0-9]+[.][0-9]{2}$"}, "cents": {"type": "integer"}},
             desc="euros as an exact decimal string and as integer cents; never a JSON fraction")
ACTIVITY = {"enum": ["analyse", "indammen", "herstel", "communicatie", "overleg", "coordinatie", "forensisch", "documentatie", "evaluatie", "overig"]}
COSTKIND = {"enum": ["forensisch", "hardware", "software", "extern", "juridisch", "overig"]}
DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
GROUP = {"type": "object", "required": ["name", "amount", "cents"], "additionalProperties": False,
         "properties": {"name": {"type": "string"}, "amount": AMOUNT["properties"]["amount"], "cents": {"type": "integer"},
                        "minutes": {"type": "integer", "minimum": 0}}}
schemas.update({
 "Amount": AMOUNT,
 "TimeEntry": obj({"id": {"type": "integer"}, "person": {"type": "string"}, "role": ROLE, "activity": ACTIVITY,
                   "date": DATE, "start": TIME, "minutes": {"type": "integer", "minimum": 1, "maximum": 1440},
                   "note": nstr(), "entered_by": {"type": "string"}, "entered_at": TIME_REQ,
                   "rate": {"oneOf": [ref("Amount"), {"type": "null"}]}, "cost": {"oneOf": [ref("Amount"), {"type": "null"}]}},
                  req=["id", "person", "role", "activity", "date", "start", "minutes", "entered_by", "entered_at", "rate", "cost"],
                  desc="a time entry; rate and cost null when the role has no hourly rate"),
 "NewTimeEntry": obj({"minutes": {"type": "integer", "minimum": 1, "maximum": 1440}, "activity": ACTIVITY,
                      "person": {"type": "string"}, "role": ROLE, "start": {"type": "string"}, "date": DATE,
                      "note": {"type": "string"}}, req=["minutes", "activity"],
                     desc="start (a time) or date (YYYY-MM-DD, Amsterdam), exactly one; person defaults to the caller, role to the caller's"),
 "OtherCost": obj({"id": {"type": "integer"}, "kind": COSTKIND, "description": {"type": "string"},
                   "entered_by": {"type": "string"}, "entered_at": TIME_REQ,
                   "amount": AMOUNT["properties"]["amount"], "cents": {"type": "integer", "minimum": 1}}),
 "NewCost": obj({"kind": COSTKIND, "amount": {"type": "string", "pattern": "^[0-9]+([.,][0-9]{1,2})?$"},
                 "description": {"type": "string", "minLength": 1}},
                desc="amount in euros as a string (\"4840.00\" or \"4840,00\")"),
 "CostReport": obj({"key": KEY, "rounding": {"type": "string"}, "entries": {"type": "integer"}, "minutes": {"type": "integer"},
                    "time": ref("Amount"), "other": ref("Amount"), "total": ref("Amount"),
                    "by_role": {"type": "array", "items": GROUP}, "by_person": {"type": "array", "items": GROUP},
                    "by_activity": {"type": "array", "items": GROUP}, "by_kind": {"type": "array", "items": GROUP},
                    "missing_rates": {"type": "array", "items": ROLE}},
                   desc="per entry minutes x rate / 60 to whole cents, half a cent up; totals are sums of rounded entries"),
 "Evaluation": obj({"key": KEY, "closed_at": TIME,
                    "window": {"oneOf": [obj({"opens": TIME_REQ, "due": TIME_REQ}), {"type": "null"}]},
                    "lessons": nstr(), "process_review": nstr(),
                    "meeting": {"oneOf": [obj({"at": TIME_REQ, "minutes": {"type": "integer"}, "sequence": {"type": "integer", "minimum": 0}}), {"type": "null"}]},
                    "updated_by": nstr(), "updated_at": TIME,
                    "questions": {"type": "array", "items": obj({"code": {"type": "string"}, "vraag": {"type": "string"},
                                                                  "question": {"type": "string"}, "answer": nstr()})},
                    "actions": {"type": "array", "items": obj({"id": {"type": "integer"}, "what": {"type": "string"}, "owner": {"type": "string"},
                                                                "due": TIME_REQ, "done": {"type": "boolean"}, "done_at": TIME, "done_by": nstr(),
                                                                "created_by": {"type": "string"}, "created_at": TIME_REQ},
                                                               req=["id", "what", "owner", "due", "done", "done_at", "created_by", "created_at"])},
                    "legal_hold": {"oneOf": [obj({"reason": {"type": "string"}, "by": {"type": "string"}, "at": TIME_REQ}), {"type": "null"}]}},
                   desc="the evaluation after closure (Bijlage 1 step 7) and the legal hold"),
 "EvaluationChange": obj({"lessons": {"type": "string"}, "process_review": {"type": "string"},
                          "answers": {"type": "object", "additionalProperties": {"type": "string"}}}, req=[],
                         desc="answers by question code (7.3a ... 7.6); an empty string removes one"),
 "MeetingProposal": obj({"at": {"type": "string"}, "minutes": {"type": "integer", "minimum": 15, "maximum": 480}}, req=["at"],
                        desc="between closed_at + 2 weeks and + 6 weeks"),
 "NewAction": obj({"what": {"type": "string", "minLength": 1}, "owner": {"type": "string", "minLength": 1}, "due": {"type": "string"}}),
 "HoldChange": obj({"reason": {"type": "string", "minLength": 1}}),
})
def download(ctype, desc): return {"200": {"description": desc, "content": {ctype: {"schema": {"type": "string"}}}}}
closure_paths = {
 "/incidents/{key}/time": {"parameters": [KEYP],
   "get": op("The time written on the incident, with rate and cost per entry", M(ok(arr("TimeEntry")), ONE), "listTime", tags=["cost"]),
   "post": op("Write time on the incident (time add)", M(ok(ref("TimeEntry"), "written", "201"), ONE, BODY), "addTime", body="NewTimeEntry", tags=["cost"])},
 "/incidents/{key}/cost": {"parameters": [KEYP],
   "get": op("The cost report (report cost --json)", M(ok(ref("CostReport")), ONE), "costReport", tags=["cost"])},
 "/incidents/{key}/costs": {"parameters": [KEYP],
   "post": op("Enter another cost: an invoice, hardware (cost add)", M(ok(ref("OtherCost"), "entered", "201"), ONE, BODY), "addCost", body="NewCost", tags=["cost"])},
 "/incidents/{key}/evaluation": {"parameters": [KEYP],
   "get": op("The evaluation: window, meeting, lessons, questions, actions, legal hold", M(ok(ref("Evaluation")), ONE), "getEvaluation", tags=["evaluation"]),
   "post": op("Write lessons, the process review and answers (after closure)", M(ok(ref("Evaluation")), ONE, BODY), "setEvaluation", body="EvaluationChange", tags=["evaluation"])},
 "/incidents/{key}/evaluation/meeting": {"parameters": [KEYP],
   "post": op("Propose the evaluation meeting, 2 to 6 weeks after closing", M(ok(ref("Evaluation")), ONE, BODY), "proposeMeeting", body="MeetingProposal", tags=["evaluation"])},
 "/incidents/{key}/actions": {"parameters": [KEYP],
   "post": op("Add an improvement action (what, owner, due)", M(ok(ref("Evaluation"), "added", "201"), ONE, BODY), "addAction", body="NewAction", tags=["evaluation"])},
 "/incidents/{key}/actions/{id}/done": {"parameters": [KEYP, {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
   "post": op("Mark an improvement action done", M(ok(ref("Evaluation")), ONE, {"409": problem("done already")}), "actionDone", tags=["evaluation"])},
 "/incidents/{key}/hold": {"parameters": [KEYP],
   "post": op("Place a legal hold (ciso, directie, admin)", M(ok(ref("Evaluation")), ONE, BODY), "placeHold", body="HoldChange", tags=["retention"])},
 "/incidents/{key}/hold/release": {"parameters": [KEYP],
   "post": op("Release the legal hold", M(ok(ref("Evaluation")), ONE, BODY), "releaseHold", body="HoldChange", tags=["retention"])},
 "/incidents/{key}/report": {"parameters": [KEYP],
   "get": op("The incident report: one printable, self-contained HTML page (a download)", M(download("text/html", "the report"), ONE), "report", tags=["export"])},
 "/incidents/{key}/evaluation.ics": {"parameters": [KEYP],
   "get": op("The evaluation meeting as an iCalendar invitation (a download)", M(download("text/calendar", "the invitation"), ONE, {"409": problem("no meeting proposed yet")}), "evaluationIcal", tags=["export"])},
}
paths = {
 "/incidents": {
   "get": op("List incidents newest first, a page at a time (only those the caller may see)",
             M(ok(ref("IncidentPage")), {"422": problem("a bad query parameter")}), "listIncidents",
             params=[LIMIT, q("before", {"type": "integer", "minimum": 1}, "the opaque cursor from `next`"),
                     q("open", {"type": "boolean"}, "only incidents not closed")], tags=["incidents"]),
   "post": op("Register an incident (incident new); detected_at defaults to now",
              M(ok(ref("Incident"), "registered", "201", M(ETAG, {"Location": {"description": "the new incident's URL", "schema": {"type": "string"}}})), BODY),
              "createIncident", body="NewIncident", tags=["incidents"])},
 "/incidents/{key}": {
   "parameters": [KEYP],
   "get": op("One incident's record", M(ok(ref("Incident"), headers=ETAG), ONE), "getIncident", tags=["incidents"]),
   "patch": op("Change fields (incident edit)", M(ok(ref("Incident"), headers=ETAG), ONE, BODY, VERSIONED),
               "editIncident", body="IncidentFields", params=[IFM], tags=["incidents"])},
 "/incidents/{key}/assessment": {"parameters": [KEYP],
   "post": op("Classify: matrix row, impact per criterion, people affected, urgency, event type (incident assess)",
              M(ok(ref("Incident"), headers=ETAG), ONE, BODY, VERSIONED), "assessIncident", body="Assessment", params=[IFM], tags=["incidents"])},
 "/incidents/{key}/phase": {"parameters": [KEYP],
   "post": op("Move to a phase; back or skipping needs a reason (incident phase)",
              M(ok(ref("Incident"), headers=ETAG), ONE, BODY, VERSIONED, {"409": problem("the phase rules refuse it")}),
              "movePhase", body="PhaseChange", params=[IFM], tags=["incidents"])},
 "/incidents/{key}/close": {"parameters": [KEYP],
   "post": op("Close: move to afsluiten (incident close); the body may be empty",
              M(ok(ref("Incident"), headers=ETAG), ONE, BODY, {"412": VERSIONED["412"], "409": problem("the closing tasks are not done")}),
              "closeIncident", params=[IFM_OPT], tags=["incidents"])},
 "/incidents/{key}/tasks": {"parameters": [KEYP],
   "get": op("The Bijlage 1 checklist with each task's state", M(ok(arr("Task")), ONE), "listTasks", tags=["tasks"])},
 "/incidents/{key}/tasks/{code}": {"parameters": [KEYP, {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}, "description": "the task code, e.g. 1.4"}],
   "post": op("Mark a task done (note optional), nvt or open again (reason required)",
              M(ok(ref("Task")), ONE, BODY, {"409": problem("the task's state does not allow it")}), "setTask", body="TaskChange", tags=["tasks"])},
 "/incidents/{key}/log": {"parameters": [KEYP],
   "get": op("The logbook in order", M(ok(arr("LogEntry")), ONE), "listLog", tags=["logbook"]),
   "post": op("Append a note, action, decision or communication", M(ok(ref("LogEntry"), "appended", "201"), ONE, BODY), "addLog", body="NewLogEntry", tags=["logbook"])},
 "/incidents/{key}/log/verify": {"parameters": [KEYP],
   "get": op("The hash chain's status: entries, head, intact or the first bad entry", M(ok(ref("ChainStatus")), ONE), "verifyLog", tags=["logbook"])},
 "/incidents/{key}/decisions": {"parameters": [KEYP],
   "get": op("BOBOC decisions", M(ok(arr("Decision")), ONE), "listDecisions", tags=["decisions"]),
   "post": op("Record a BOBOC decision", M(ok(ref("Decision"), "recorded", "201"), ONE, BODY), "addDecision", body="NewDecision", tags=["decisions"])},
 "/incidents/{key}/deadlines": {"parameters": [KEYP],
   "get": op("Every clock of the incident now", M(ok(arr("Deadline")), ONE), "incidentDeadlines", tags=["deadlines"])},
 "/incidents/{key}/team": {"parameters": [KEYP],
   "get": op("The incident's team (account names)", M(ok(ref("Team")), ONE), "listTeam", tags=["team"]),
   "post": op("Put an account on the team", M(ok(ref("Team"), "added", "201"), ONE, BODY), "addTeam", body="TeamMember", tags=["team"])},
 "/incidents/{key}/team/{account}": {"parameters": [KEYP, {"name": "account", "in": "path", "required": True, "schema": {"type": "string"}}],
   "delete": op("Take an account off the team", M(ok(ref("Team")), ONE), "removeTeam", tags=["team"])},
 "/incidents/{key}/evidence": {"parameters": [KEYP],
   "get": op("The incident's evidence items", M(ok(arr("EvidenceItem")), ONE), "listEvidence", tags=["evidence"]),
   "post": op("Register a physical item (a seized laptop, a USB stick)", M(ok(ref("EvidenceItem"), "registered", "201"), ONE, BODY), "addEvidence", body="NewEvidenceItem", tags=["evidence"])},
 "/incidents/{key}/evidence/file": {"parameters": [KEYP],
   "post": dict(op("Upload an evidence file as the raw body; streamed into the content-addressed store while hashed (SHA-256)",
              M(ok(ref("EvidenceItem"), "stored", "201"), ONE,
                {"400": problem("a query parameter that does not decode (a bad escape, invalid UTF-8, a control character)"),
                 "413": problem("the body is larger than 4294967296 bytes (262144 without credentials)"),
                 "415": problem("not application/octet-stream"),
                 "422": problem("what or why missing, a parameter unknown or refused (field named); nothing was stored")}),
              "uploadEvidence", tags=["evidence"],
              params=[q("what", {"type": "string"}, "what the file is", True), q("why", {"type": "string"}, "why it was collected", True),
                      q("name", {"type": "string"}, "its original file name"), q("media_type", {"type": "string"}, "type/subtype"),
                      q("location", {"type": "string"}, "where it is kept"), q("storage", {"type": "string"}, "how it is kept"),
                      q("seal", {"type": "string"}, "seal number"), q("collected_by", {"type": "string"}, "who collected it"),
                      q("collected_at", {"type": "string"}, "when (RFC 3339)")]),
              requestBody={"required": True, "content": {"application/octet-stream": {"schema": {"type": "string", "contentEncoding": "binary"}}}})},
 "/incidents/{key}/evidence/custody": {"parameters": [KEYP],
   "get": op("The custody log: transfers and accesses in order", M(ok(arr("CustodyEvent")), ONE), "evidenceCustody", tags=["evidence"])},
 "/incidents/{key}/evidence/verify": {"parameters": [KEYP],
   "get": op("Re-hash every stored file of the incident and name those that changed or are missing", M(ok(ref("EvidenceCheck")), ONE), "verifyEvidence", tags=["evidence"])},
 "/incidents/{key}/evidence/export": {"parameters": [KEYP],
   "post": op("The signed evidence archive (tar: manifest.json, manifest.json.sig, evidence/<sha256>), recorded as an access to every item; check it with meldkamer verify",
              M({"200": {"description": "the archive", "content": {"application/x-tar": {"schema": {"type": "string", "contentEncoding": "binary"}}},
                          "headers": {"X-Evidence-Signed-By": {"description": "the signing key's fingerprint", "schema": {"type": "string"}}}}},
                ONE, BODY), "exportEvidence", body="EvidenceExport", tags=["evidence"])},
 "/incidents/{key}/evidence/{item}/transfers": {"parameters": [KEYP, {"name": "item", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}, "description": "the item's number"}],
   "post": op("Record a hand-over of an item", M(ok(ref("CustodyEvent"), "recorded", "201"), ONE, BODY), "addTransfer", body="NewTransfer", tags=["evidence"])},
 "/deadlines": {"get": op("The most urgent running or overdue clocks (meldkamer deadlines --json)", M(ok(ref("DeadlineList")), {"422": problem("a bad limit")}), "deadlines", params=[LIMIT], tags=["deadlines"])},
 "/search": {"get": op("Full-text search in incidents and logbooks; a key finds its incident", M(ok(arr("IncidentSummary")), {"422": problem("q missing, too long or not text")}), "search",
                       params=[q("q", {"type": "string", "maxLength": 200}, "words, all required; a trailing * for a prefix", True), LIMIT], tags=["register"])},
 "/kpi": {"get": op("The KPIs (meldkamer report kpi --json)", ok(ref("Kpi")), "kpi", tags=["register"])},
 "/matrix": {"get": op("The Bijlage 3 notification matrix (meldkamer matrix list --json)", ok(arr("MatrixRow")), "matrix", tags=["tables"])},
 "/impact": {"get": op("The 14 impact criteria of Tabel 1 with their laag/midden/hoog descriptions", ok(arr("ImpactCriterion")), "impact", tags=["tables"])},
 "/priority": {"get": op("The priority matrix: impact x urgency, 9 cells", ok(arr("PriorityCell")), "priority", tags=["tables"])},
 "/chain": {"get": op("Every logbook's chain verified and the register check: the count, the broken chains and the register's problems", ok(ref("RegisterChain")), "chain", tags=["register"])},
 "/me": {"get": op("The caller's account", ok(ref("Me")), "me", tags=["accounts"])},
 "/openapi.json": {"get": op("This document", ok({"type": "object"}), "openapi", public=True, tags=["meta"])},
}
# --- the data-breach duty (src/http/api-breach.c, src/export/json-breach.c) ---
def enum_arr(vals): return {"type": "array", "items": {"enum": vals}}
CATEGORY = ["naw", "telefoon", "email", "inlog", "financieel", "id-kopie", "geslacht-leeftijd", "bsn", "anders"]
SPECIAL = ["religie", "ras-etniciteit", "politiek", "gezondheid", "seksueel", "vakbond", "strafrechtelijk", "genetisch-biometrisch"]
GROUP = ["personeel", "burgers", "patienten", "minderjarigen", "kwetsbaren", "onbekend", "anders"]
NATURE = ["gelezen", "gekopieerd", "gewijzigd", "verwijderd", "gestolen", "onbekend"]
CAUSE = ["verloren-apparaat", "gestolen-apparaat", "hack", "verkeerde-ontvanger", "openbaar", "niet-verwijderd", "papier", "anders"]
RISK = ["geen", "laag", "hoog"]
CHANNEL = ["brief", "email", "telefoon", "persoonlijk", "openbaar"]
EXCEPTION = ["geen-hoog-risico", "versleuteld", "maatregelen", "onevenredig"]
APKIND = ["voorlopig", "aanvulling", "intrekking", "definitief"]
APSTATUS = {"enum": ["niet gemeld", "voorlopig gemeld", "aangevuld", "ingetrokken", "definitief gemeld"]}
NCOUNT = {"type": ["integer", "null"], "minimum": 0}
schemas["ApNotification"] = obj({"id": {"type": "integer", "minimum": 1}, "kind": {"enum": APKIND}, "filed_at": TIME_REQ,
    "reference": {"type": "string", "minLength": 1, "maxLength": 64}, "filed_by": nstr(), "late_reason": nstr(),
    "late": {"type": "boolean", "description": "filed after aware_at + 72 hours"}})
BREACH_PROPS = {"aware_at": TIME, "ended_at": TIME, "summary": nstr(), "nature": enum_arr(NATURE),
    "cause": {"enum": CAUSE + [None]}, "categories": enum_arr(CATEGORY), "bsn": {"type": "boolean"},
    "special_categories": enum_arr(SPECIAL), "records": NCOUNT, "groups": enum_arr(GROUP),
    "subjects_min": NCOUNT, "subjects_max": NCOUNT, "encrypted": {"type": ["boolean", "null"]}, "encryption": nstr(),
    "risk": {"enum": RISK + [None]}, "risk_reasoning": nstr(), "consequences": nstr(), "measures": nstr(),
    "fg_name": nstr(), "fg_consulted_at": TIME,
    "inform": obj({"decision": {"enum": ["ja", "nee", None]}, "exception": {"enum": EXCEPTION + [None]}, "reason": nstr(),
                   "channel": {"enum": CHANNEL + [None]}, "informed_at": TIME, "decided_by": nstr(), "decided_at": TIME}),
    "ap_due": TIME, "subjects_due": TIME, "version": {"type": "integer", "minimum": 1}, "created_at": TIME, "updated_at": TIME}
schemas["BreachRecord"] = obj(BREACH_PROPS, desc="the breach record (core/breach.h); sets are arrays of code names")
schemas["Breach"] = obj(dict(BREACH_PROPS, key=KEY, ap_status=APSTATUS, notifications=arr("ApNotification")),
    desc="the breach of an incident with its AP notifications in filing order")
def nullable(sch): return {"oneOf": [sch, {"type": "null"}]}
schemas["BreachFields"] = {"type": "object", "additionalProperties": False, "properties": {
    "aware_at": nullable({"type": "string"}), "ended_at": nullable({"type": "string"}), "summary": nullable({"type": "string"}),
    "nature": nullable(enum_arr(NATURE)), "cause": {"enum": CAUSE + [None]}, "categories": nullable(enum_arr(CATEGORY)),
    "special_categories": nullable(enum_arr(SPECIAL)), "records": NCOUNT, "groups": nullable(enum_arr(GROUP)),
    "subjects_min": NCOUNT, "subjects_max": NCOUNT, "encrypted": {"type": ["boolean", "null"]},
    "encryption": nullable({"type": "string"}), "risk": {"enum": RISK + [None]}, "risk_reasoning": nullable({"type": "string"}),
    "consequences": nullable({"type": "string"}), "measures": nullable({"type": "string"}),
    "fg_name": nullable({"type": "string"}), "fg_consulted_at": nullable({"type": "string"})},
    "description": "the members to set (breach set); absent ones stay, null clears one; aware_at defaults to the incident's detected_at"}
schemas["NewApNotification"] = obj({"kind": {"enum": APKIND}, "reference": {"type": "string"}, "filed_at": {"type": "string"},
    "late_reason": {"type": "string"}}, req=["kind", "reference"])
schemas["SubjectsDecision"] = obj({"decision": {"oneOf": [{"type": "boolean"}, {"enum": ["ja", "nee"]}]},
    "exception": {"enum": EXCEPTION}, "reason": {"type": "string"}, "channel": {"enum": CHANNEL},
    "informed_at": {"type": "string"}}, req=["decision"])
schemas["BreachRegisterRow"] = obj({"key": KEY, "title": {"type": "string"}, "exercise": {"type": "boolean"},
    "confidential": {"type": "boolean"}, "breach": ref("BreachRecord"), "notifications": {"type": "integer", "minimum": 0},
    "ap_status": APSTATUS, "ap_reference": nstr(), "ap_first_filed_at": TIME})
schemas["BreachRegister"] = obj({"items": arr("BreachRegisterRow")})
schemas["ApDraft"] = obj({"key": KEY, "title": nstr(), "generated_at": TIME_REQ,
    "sections": {"type": "array", "items": obj({"number": {"type": "integer", "minimum": 0, "maximum": 9}, "title": {"type": "string"},
        "questions": {"type": "array", "items": obj({"id": {"type": "string", "pattern": "^[0-9]\\.[0-9]+$"}, "question": {"type": "string"},
            "answer": {"type": "string"}, "filled": {"type": "boolean"}})}})},
    "open_questions": {"type": "integer", "minimum": 0}}, desc="the draft of the AP's Meldformulier datalekken; unfilled answers are 'nog invullen'")
NOBREACH = {"404": problem("no such incident (or one the caller may not know of), or it has no breach record (field breach)")}
BCONFLICT = {"409": problem("refused by the life cycle or the 72-hour rule (field named: kind, reference, late_reason, aware_at, decision, breach)")}
paths["/incidents/{key}/breach"] = {"parameters": [KEYP],
    "get": op("The data breach of the incident with its AP notifications (breach show); the ETag is the incident's version",
              M(ok(ref("Breach"), headers=ETAG), NOBREACH), "getBreach", tags=["breach"]),
    "put": op("Record or change the breach (breach set): the members given; turns personal_data on. With If-Match (the ETag of GET) a change made meanwhile is 412, not overwritten",
              M(ok(ref("Breach"), headers=ETAG), ok(ref("Breach"), "recorded", "201", headers=ETAG), ONE, BODY, BCONFLICT,
                {"412": VERSIONED["412"]}), "setBreach", body="BreachFields", tags=["breach"])}
paths["/incidents/{key}/breach/notifications"] = {"parameters": [KEYP],
    "post": op("Record a notification filed with the AP (breach notify); a first one after 72 hours needs late_reason",
               M(ok(ref("ApNotification"), "recorded", "201"), ONE, BODY, BCONFLICT), "notifyAp", body="NewApNotification", tags=["breach"])}
paths["/incidents/{key}/breach/subjects"] = {"parameters": [KEYP],
    "post": op("Record the decision to inform the data subjects (breach inform)",
               M(ok(ref("Breach")), ONE, BODY, BCONFLICT), "informSubjects", body="SubjectsDecision", tags=["breach"])}
paths["/incidents/{key}/breach/ap-melding"] = {"parameters": [KEYP],
    "get": op("The draft of the AP breach form for the FG (export ap-melding --json)", M(ok(ref("ApDraft")), NOBREACH), "apDraft", tags=["breach"])}
BREG_OK = ok(ref("BreachRegister"))
BREG_OK["200"]["content"]["text/csv"] = {"schema": {"type": "string", "description": "RFC 4180 CSV, CRLF line ends, a heading row; cells beginning with = + - @ tab or CR prefixed with '"}}
BREG_OK["200"]["content"]["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = {"schema": {"type": "string", "format": "binary", "description": "the register as one XLSX sheet (libxlsxwriter), formula cells neutralised as in the CSV"}}
paths["/breaches"] = {"get": op("The breach register (AVG art. 33(5)): every breach the caller may see, notified or not; ?format=csv for RFC 4180 CSV, ?format=xlsx for a spreadsheet, formula cells neutralised in both",
    M(BREG_OK, {"422": problem("format is not json, csv or xlsx"), "413": problem("the CSV is larger than one answer")}), "breachRegister",
    params=[q("format", {"enum": ["json", "csv", "xlsx"]}, "json (default), csv or xlsx")], tags=["breach"])}

# Intake (doc/alerts.md "The API"): the shapes of src/export/json-intake.c.
OBSTYPE = {"enum": ["ip", "domain", "url", "email", "hash", "filename"]}
SEVERITY = {"type": "integer", "minimum": 1, "maximum": 4}
PORT = {"type": ["integer", "null"], "minimum": 0, "maximum": 65535}
schemas["Observable"] = obj({"id": {"type": "integer", "minimum": 1}, "type": OBSTYPE, "value": {"type": "string"},
    "tlp": TLP, "first_seen": TIME, "last_seen": TIME,
    "role": {"type": "string", "description": "on an incident: how it came (sender, url, src-ip, indicator...)"},
    "source": {"enum": ["mail", "alert", "manual"]}, "added_by": nstr(), "added_at": TIME,
    "incidents": {"type": "array", "items": KEY, "description": "other incidents carrying it that the caller may see (the first 20)"},
    "incident_count": {"type": "integer", "minimum": 0, "description": "how many such incidents the caller may see"},
    "alert_group_count": {"type": "integer", "minimum": 0},
    "text": {"type": "string", "description": "the correlation as the CLI says it: 'this ip also appears in MK-2026-0003 and 2 alert groups'"}},
    req=["id", "type", "value", "tlp", "first_seen", "last_seen", "incidents", "incident_count", "alert_group_count", "text"])
schemas["NewObservable"] = obj({"type": OBSTYPE, "value": {"type": "string", "maxLength": 2048},
    "tlp": TLP, "role": {"type": "string", "pattern": "^[a-z0-9-]{1,32}$", "description": "default 'indicator'"}},
    req=["type", "value"], desc="an indicator added by hand (observable add); TLP default amber")
schemas["ObservableSeen"] = obj({"value": {"type": "string"}, "items": {"type": "array", "items": ref("Observable")}})
schemas["AlertGroup"] = obj({"id": {"type": "integer", "minimum": 1}, "kind": {"enum": ["suricata", "wazuh", "generic"]},
    "detection": SOURCE, "signature_id": {"type": "string"}, "signature": {"type": "string"}, "severity": SEVERITY,
    "severity_name": {"enum": ["low", "medium", "high", "critical"]}, "severity_orig": {"type": "string"},
    "src_ip": nstr(), "src_port": PORT, "dst_ip": nstr(), "dst_port": PORT, "proto": nstr(),
    "first_seen": TIME, "last_seen": TIME, "count": {"type": "integer", "minimum": 1},
    "incident": {"oneOf": [KEY, {"type": "null"}], "description": "the incident it was promoted to, named only to who may see it"},
    "promoted": {"type": "boolean", "description": "made an incident (also when the caller may not see which)"}})
schemas["Alert"] = obj({"id": {"type": "integer", "minimum": 1}, "at": TIME, "file": {"type": "string", "description": "the file, or api:ACCOUNT for a posted alert"},
    "line": {"type": "integer", "minimum": 1}, "raw": {"type": "string", "description": "the alert's JSON text as taken"}})
schemas["AlertGroupDetail"] = obj({**schemas["AlertGroup"]["properties"], "alerts": {"type": "array", "items": ref("Alert")}})
schemas["AlertGroupList"] = obj({"items": {"type": "array", "items": ref("AlertGroup")},
    "total": {"type": "integer", "minimum": 0, "description": "groups in all (items holds the first `limit`, newest last_seen first)"}})
ITEM_ERROR = obj({"index": {"type": "integer", "minimum": 0, "description": "JSON body: the item's index in the array"},
                  "line": {"type": "integer", "minimum": 1, "description": "NDJSON body: the line"},
                  "field": {"type": "string"}, "message": {"type": "string"}}, req=["field", "message"])
schemas["AlertIntake"] = obj({"alerts": {"type": "integer", "minimum": 0, "description": "alerts taken"},
    "already": {"type": "integer", "minimum": 0, "description": "alerts taken before (same SHA-256 of the text): not counted again"},
    "skipped": {"type": "integer", "minimum": 0, "description": "events that are no alert (Suricata dns, flow...) and blank lines"},
    "bad": {"type": "integer", "minimum": 0}, "groups_new": {"type": "integer", "minimum": 0},
    "joined": {"type": "integer", "minimum": 0}, "promoted": {"type": "integer", "minimum": 0},
    "groups": {"type": "array", "items": ref("AlertGroup"), "description": "every group the request touched, as it is now"},
    "promotions": {"type": "array", "items": obj({"group": {"type": "integer", "minimum": 1}, "incident": KEY})},
    "errors": {"type": "array", "items": ITEM_ERROR}},
    req=["alerts", "already", "skipped", "bad"], desc="what a POST of alerts did; only the four counts when the details could not be read back after the commit")
schemas["AlertsRefused"] = {"allOf": [ref("Problem")], "type": "object", "properties": {"errors": {"type": "array", "items": ITEM_ERROR}}}
schemas["Promotion"] = obj({"group": {"type": "integer", "minimum": 1}, "incident": KEY})
schemas["Incident"]["properties"]["observables"] = {"type": "array", "items": ref("Observable"),
    "description": "GET only: the indicators with their correlation (as incident show --json)"}
schemas["Problem"]["additionalProperties"] = True
paths.update({
 "/incidents/{key}/observables": {"parameters": [KEYP],
   "get": op("The incident's observables with their seen-before correlation (only incidents the caller may see are named or counted)",
             M(ok(arr("Observable")), ONE), "listObservables", tags=["intake"]),
   "post": op("Add an indicator by hand (observable add); the answer is the incident's observables",
              M(ok(arr("Observable"), "added", "201"), ONE, BODY, {"409": problem("that observable is on the incident in that role already")}),
              "addObservable", body="NewObservable", tags=["intake"])},
 "/observables/seen": {"get": op("Where a value was seen: every observable it normalises to, with the incidents the caller may see and the alert groups",
             M(ok(ref("ObservableSeen")), {"422": problem("value missing, too long or no valid indicator of any type"),
               "400": problem("the query string does not decode (a bad escape, a control character, invalid UTF-8)")}), "observableSeen",
             params=[q("value", {"type": "string", "maxLength": 2048}, "an IP address, domain, URL, e-mail address, hash or file name", True)], tags=["intake"])},
 "/alerts": {
   "post": dict(op("Take alerts (intake alerts): Suricata eve.json, Wazuh or generic alerts, as one JSON object, an array of them or NDJSON lines, in one transaction. Bad items are named and the good ones taken; an alert taken before is counted as already there.",
              M(ok(ref("AlertIntake")),
                {"400": problem("malformed JSON (line, column and byte named), invalid UTF-8 or too deep"),
                 "413": problem("the body is larger than 262144 bytes (send batches)"),
                 "415": problem("neither application/json nor application/x-ndjson"),
                 "422": {"description": "an empty body, a bad window or promote_severity, or no item an alert (errors lists each); nothing was written",
                         "content": {"application/problem+json": {"schema": ref("AlertsRefused")}}}}),
              "postAlerts", params=[q("window", {"type": "string"}, "repeats this close together join one group (default 1h; seconds, or a number with s, m, h or d)"),
                                    q("promote_severity", {"type": "string"}, "groups at or above this severity (low, medium, high, critical or 1-4) become incidents")],
              tags=["intake"]),
              requestBody={"required": True, "content": {
                  "application/json": {"schema": {"oneOf": [{"type": "object"}, {"type": "array", "items": {}}]}},
                  "application/x-ndjson": {"schema": {"type": "string"}}}}),
   "get": op("Alert groups, newest last_seen first (alert list)", M(ok(ref("AlertGroupList")), {"422": problem("a bad limit")}), "listAlertGroups", params=[LIMIT], tags=["intake"])},
 "/alerts/{id}": {"parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}, "description": "the alert group's number"}],
   "get": op("One alert group with its alerts in order of time (the first `limit`)", M(ok(ref("AlertGroupDetail")),
             {"404": problem("no such alert group"), "422": problem("a bad limit")}), "getAlertGroup", params=[LIMIT], tags=["intake"])},
 "/alerts/{id}/promote": {"parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}, "description": "the alert group's number"}],
   "post": op("Make an incident of the group (alert promote); the body may be empty",
              M(ok(ref("Promotion"), "promoted", "201", {"Location": {"description": "the new incident's URL", "schema": {"type": "string"}}}),
                {"404": problem("no such alert group"), "409": problem("the group was promoted already (its incident named)"),
                 "400": BODY["400"], "415": BODY["415"], "422": problem("a member in the body (it takes none)")}),
              "promoteAlertGroup", tags=["intake"])},
})
paths.update(closure_paths)
doc = {"openapi": "3.1.0",
       "info": {"title": "meldkamer API", "version": "1",
                "description": "The JSON API of meldkamer, the incident register of a Dutch municipality (IBD Handreiking Incident- en response management). Same service calls and JSON shapes as the CLI's --json output. Errors are application/problem+json naming the field; writes to one incident carry If-Match with the ETag read."},
       "servers": [{"url": "/api/v1"}],
       "security": [{"bearer": []}, {"session": []}],
       "paths": paths,
       "components": {"schemas": schemas, "securitySchemes": {
           "bearer": {"type": "http", "scheme": "bearer", "description": "an API token (meldkamer token add)"},
           "session": {"type": "apiKey", "in": "cookie", "name": "mk_session", "description": "the web UI's session"}}}}
import os, sys
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "data", "openapi.json")
open(out, "w").write(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
