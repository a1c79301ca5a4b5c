-- meldkamer schema 0006: time and cost, evaluation, legal hold, retention
-- purge (issue 5, part 3; doc/closure.md). Applied once, in one
-- transaction, after 0005.
-- Money is in euro cents, integers only: a cost report that is meant for
-- recovery from an offender must add up to the cent on every machine.

-- Hourly rates per role, editable by admin. Append-only history: the row
-- with the highest id per role is the rate in force, the older ones show
-- what a report made earlier was based on.
CREATE TABLE hourly_rate (
	id INTEGER PRIMARY KEY,
	role TEXT NOT NULL CHECK (role = 'melder' OR role = 'servicedesk' OR
		role = 'behandelaar' OR role = 'incidentmanager' OR role = 'ciso' OR
		role = 'fg' OR role = 'directie' OR role = 'auditor' OR role = 'admin'),
	cents INTEGER NOT NULL CHECK (cents >= 0 AND cents <= 10000000),
	set_by TEXT NOT NULL,
	set_at INTEGER NOT NULL
);
CREATE INDEX hourly_rate_role ON hourly_rate(role, id);
CREATE TRIGGER hourly_rate_no_update BEFORE UPDATE ON hourly_rate
BEGIN
	SELECT RAISE(ABORT, 'hourly rates are a history: set a new rate instead');
END;

-- Time written on an incident (Bijlage 1 step 7.1: "verzamel alle
-- tijdschrijfregels"). worked_on is the Amsterdam date; started_at is known
-- when the person gave a start time.
CREATE TABLE time_entry (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	person TEXT NOT NULL CHECK (person <> ''),
	role TEXT NOT NULL,
	activity TEXT NOT NULL CHECK (activity = 'analyse' OR activity = 'indammen' OR
		activity = 'herstel' OR activity = 'communicatie' OR activity = 'overleg' OR
		activity = 'coordinatie' OR activity = 'forensisch' OR
		activity = 'documentatie' OR activity = 'evaluatie' OR activity = 'overig'),
	worked_on TEXT NOT NULL CHECK (worked_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	started_at INTEGER,
	minutes INTEGER NOT NULL CHECK (minutes >= 1 AND minutes <= 1440),
	note TEXT,
	entered_by TEXT NOT NULL,
	entered_at INTEGER NOT NULL,
	log_seq INTEGER NOT NULL
);
CREATE INDEX time_entry_incident ON time_entry(incident_id);

-- Other costs entered as amounts: an external forensics invoice, hardware.
CREATE TABLE other_cost (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	kind TEXT NOT NULL CHECK (kind = 'forensisch' OR kind = 'hardware' OR
		kind = 'software' OR kind = 'extern' OR kind = 'juridisch' OR kind = 'overig'),
	description TEXT NOT NULL CHECK (description <> ''),
	cents INTEGER NOT NULL CHECK (cents >= 1 AND cents <= 100000000000),
	entered_by TEXT NOT NULL,
	entered_at INTEGER NOT NULL,
	log_seq INTEGER NOT NULL
);
CREATE INDEX other_cost_incident ON other_cost(incident_id);

-- The evaluation after closure (Bijlage 1 step 7): lessons learned, the
-- review of how the process went, the proposed meeting.
CREATE TABLE evaluation (
	incident_id INTEGER PRIMARY KEY REFERENCES incident(id),
	lessons TEXT,
	process_review TEXT,
	meeting_at INTEGER,
	meeting_minutes INTEGER CHECK (meeting_minutes IS NULL OR
		(meeting_minutes >= 15 AND meeting_minutes <= 480)),
	-- the iCalendar SEQUENCE: one more each time the meeting moves
	meeting_sequence INTEGER NOT NULL DEFAULT 0,
	updated_by TEXT NOT NULL,
	updated_at INTEGER NOT NULL
);

-- The answers to the step 7 questions (data/evaluation.tsv), by code.
CREATE TABLE evaluation_answer (
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	code TEXT NOT NULL,
	answer TEXT NOT NULL,
	PRIMARY KEY (incident_id, code)
) WITHOUT ROWID;

-- Improvement actions (step 7.5: "plan oplossingsprojecten").
CREATE TABLE improvement_action (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	what TEXT NOT NULL CHECK (what <> ''),
	owner TEXT NOT NULL CHECK (owner <> ''),
	due_at INTEGER NOT NULL,
	done_at INTEGER,
	done_by TEXT,
	created_by TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX improvement_action_incident ON improvement_action(incident_id);

-- Legal hold: while a row is here the incident is never purged. Placing
-- and releasing are logbook entries of the incident.
CREATE TABLE legal_hold (
	incident_id INTEGER PRIMARY KEY REFERENCES incident(id),
	reason TEXT NOT NULL CHECK (reason <> ''),
	held_by TEXT NOT NULL,
	held_at INTEGER NOT NULL
);

-- The purge audit: installation-level, so it outlives the incidents it
-- names. One row per purge (who, when, the rule, the counts) and one per
-- purged key. Append-only, like the logbook.
CREATE TABLE purge_log (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	actor TEXT NOT NULL,
	before_years INTEGER NOT NULL CHECK (before_years >= 3),
	incidents INTEGER NOT NULL,
	logbook_entries INTEGER NOT NULL,
	evidence_items INTEGER NOT NULL,
	other_rows INTEGER NOT NULL
);
CREATE TABLE purged_incident (
	key TEXT PRIMARY KEY,
	purge_id INTEGER NOT NULL REFERENCES purge_log(id),
	uuid TEXT NOT NULL,
	closed_at INTEGER NOT NULL,
	log_head TEXT NOT NULL,
	log_count INTEGER NOT NULL
);
CREATE TRIGGER purge_log_no_update BEFORE UPDATE ON purge_log
BEGIN
	SELECT RAISE(ABORT, 'the purge log is append-only: it cannot be changed');
END;
CREATE TRIGGER purge_log_no_delete BEFORE DELETE ON purge_log
BEGIN
	SELECT RAISE(ABORT, 'the purge log is append-only: it cannot be deleted');
END;
CREATE TRIGGER purged_incident_no_update BEFORE UPDATE ON purged_incident
BEGIN
	SELECT RAISE(ABORT, 'the purge log is append-only: it cannot be changed');
END;
CREATE TRIGGER purged_incident_no_delete BEFORE DELETE ON purged_incident
BEGIN
	SELECT RAISE(ABORT, 'the purge log is append-only: it cannot be deleted');
END;

-- The one way to delete an incident's append-only rows: a purge pass. The
-- purge (store: mk_store_purge) inserts a row per incident it purges,
-- deletes, and removes the rows again, all inside one transaction, so
-- outside that transaction the table is always empty. The append-only
-- triggers let a DELETE through only for an incident that has a pass. A
-- pass cannot be made for an incident under legal hold, nor for one that
-- is not closed, so even a hand-made pass cannot purge those.
-- No foreign key: the pass outlives its incident's row for the rest of
-- the purge statement list (the triggers check the incident instead).
CREATE TABLE purge_pass (
	incident_id INTEGER PRIMARY KEY
);
-- One trigger in the TABLE_no_OPERATION form the store's guard check
-- knows (mk_store_guards_check): each statement refuses one case.
CREATE TRIGGER purge_pass_no_insert BEFORE INSERT ON purge_pass
BEGIN
	SELECT RAISE(ABORT, 'an incident under legal hold is never purged')
	WHERE EXISTS (SELECT 1 FROM legal_hold WHERE incident_id = new.incident_id);
	SELECT RAISE(ABORT, 'only a closed incident can be purged')
	WHERE (SELECT closed_at FROM incident WHERE id = new.incident_id) IS NULL;
END;
CREATE TRIGGER legal_hold_no_delete_in_purge BEFORE DELETE ON legal_hold
WHEN EXISTS (SELECT 1 FROM purge_pass WHERE incident_id = old.incident_id)
BEGIN
	SELECT RAISE(ABORT, 'a legal hold cannot be released during a purge');
END;

DROP TRIGGER logbook_no_delete;
CREATE TRIGGER logbook_no_delete BEFORE DELETE ON logbook
WHEN NOT EXISTS (SELECT 1 FROM purge_pass WHERE incident_id = old.incident_id)
BEGIN
	SELECT RAISE(ABORT, 'logbook entries are append-only: they cannot be deleted');
END;
DROP TRIGGER incident_no_delete;
CREATE TRIGGER incident_no_delete BEFORE DELETE ON incident
WHEN NOT EXISTS (SELECT 1 FROM purge_pass WHERE incident_id = old.id)
BEGIN
	SELECT RAISE(ABORT, 'incidents cannot be deleted');
END;
DROP TRIGGER evidence_no_delete;
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
WHEN NOT EXISTS (SELECT 1 FROM purge_pass WHERE incident_id = old.incident_id)
BEGIN
	SELECT RAISE(ABORT, 'evidence records are append-only: they cannot be deleted');
END;
-- Purged logbook text leaves the search index with its rows.
CREATE TRIGGER logbook_fts_purge AFTER DELETE ON logbook
BEGIN
	INSERT INTO logbook_fts(logbook_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- The data-breach record (0004) goes with its incident in a purge: the
-- purge log keeps the key and the counts. Outside a purge both stay
-- undeletable (AVG art. 33(5): the register of breaches).
DROP TRIGGER breach_no_delete;
CREATE TRIGGER breach_no_delete BEFORE DELETE ON breach
WHEN NOT EXISTS (SELECT 1 FROM purge_pass WHERE incident_id = old.incident_id)
BEGIN
	SELECT RAISE(ABORT, 'breaches stay in the register (AVG art. 33(5)): they cannot be deleted');
END;
DROP TRIGGER ap_notification_no_delete;
CREATE TRIGGER ap_notification_no_delete BEFORE DELETE ON ap_notification
WHEN NOT EXISTS (SELECT 1 FROM purge_pass p JOIN breach b ON b.incident_id = p.incident_id
		 WHERE b.id = old.breach_id)
BEGIN
	SELECT RAISE(ABORT, 'AP notifications are append-only: they cannot be deleted');
END;

-- The chain of custody (0005) goes with its incident in a purge too.
DROP TRIGGER evidence_item_no_delete;
CREATE TRIGGER evidence_item_no_delete BEFORE DELETE ON evidence_item
WHEN NOT EXISTS (SELECT 1 FROM purge_pass WHERE incident_id = old.incident_id)
BEGIN
	SELECT RAISE(ABORT, 'evidence items are append-only: they cannot be deleted');
END;
DROP TRIGGER evidence_transfer_no_delete;
CREATE TRIGGER evidence_transfer_no_delete BEFORE DELETE ON evidence_transfer
WHEN NOT EXISTS (SELECT 1 FROM purge_pass p JOIN evidence_item i ON i.incident_id = p.incident_id
		 WHERE i.id = old.item_id)
BEGIN
	SELECT RAISE(ABORT, 'the custody log is append-only: a transfer cannot be deleted');
END;
DROP TRIGGER evidence_access_no_delete;
CREATE TRIGGER evidence_access_no_delete BEFORE DELETE ON evidence_access
WHEN NOT EXISTS (SELECT 1 FROM purge_pass p JOIN evidence_item i ON i.incident_id = p.incident_id
		 WHERE i.id = old.item_id)
BEGIN
	SELECT RAISE(ABORT, 'the custody log is append-only: an access cannot be deleted');
END;
