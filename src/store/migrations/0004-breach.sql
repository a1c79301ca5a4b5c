-- meldkamer schema, version 4: the data-breach duty (issue 5, part 1).
-- The breach record of an incident with personal data, the AP
-- notifications (append-only) and the decision to inform the data
-- subjects. Applied once, in one transaction, after 0003. The
-- vocabularies are checked by core/breach.c before a write; the sets
-- (categories, groups, nature) are comma-separated code names.

-- At most one breach per incident (AVG art. 33(5): every breach is in the
-- register, notified or not).
CREATE TABLE breach (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL UNIQUE REFERENCES incident(id),
	aware_at INTEGER NOT NULL,
	ended_at INTEGER,
	summary TEXT,
	nature TEXT NOT NULL DEFAULT '',
	cause TEXT,
	categories TEXT NOT NULL DEFAULT '',
	special TEXT NOT NULL DEFAULT '',
	records INTEGER CHECK (records >= 0),
	groups TEXT NOT NULL DEFAULT '',
	subjects_min INTEGER CHECK (subjects_min >= 0),
	subjects_max INTEGER CHECK (subjects_max >= 0),
	encrypted INTEGER CHECK (encrypted IN (0, 1)),
	encryption TEXT,
	risk TEXT CHECK (risk = 'geen' OR risk = 'laag' OR risk = 'hoog'),
	risk_reasoning TEXT,
	consequences TEXT,
	measures TEXT,
	fg_name TEXT,
	fg_consulted_at INTEGER,
	inform INTEGER CHECK (inform IN (0, 1)),
	inform_exception TEXT,
	inform_reason TEXT,
	inform_channel TEXT,
	informed_at INTEGER,
	inform_by TEXT,
	inform_decided_at INTEGER,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	CHECK (subjects_min IS NULL OR subjects_max IS NULL OR subjects_min <= subjects_max)
);

-- Each submission to the AP is a row of its own, never changed or
-- removed: the life cycle (voorlopig, aanvulling, intrekking, definitief)
-- is the sequence of rows, checked by core/breach.c.
CREATE TABLE ap_notification (
	id INTEGER PRIMARY KEY,
	breach_id INTEGER NOT NULL REFERENCES breach(id),
	kind TEXT NOT NULL CHECK (kind = 'voorlopig' OR kind = 'aanvulling' OR
		kind = 'intrekking' OR kind = 'definitief'),
	filed_at INTEGER NOT NULL,
	reference TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 64),
	filed_by TEXT NOT NULL,
	late_reason TEXT,
	log_seq INTEGER NOT NULL
);
CREATE INDEX ap_notification_breach ON ap_notification(breach_id, id);
CREATE TRIGGER ap_notification_no_update BEFORE UPDATE ON ap_notification
BEGIN
	SELECT RAISE(ABORT, 'AP notifications are append-only: they cannot be changed');
END;
CREATE TRIGGER ap_notification_no_delete BEFORE DELETE ON ap_notification
BEGIN
	SELECT RAISE(ABORT, 'AP notifications are append-only: they cannot be deleted');
END;
-- The register keeps every breach: a breach row is never removed.
CREATE TRIGGER breach_no_delete BEFORE DELETE ON breach
BEGIN
	SELECT RAISE(ABORT, 'breaches stay in the register (AVG art. 33(5)): they cannot be deleted');
END;
