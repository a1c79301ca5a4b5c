-- meldkamer schema, version 1. Applied once, in one transaction, by
-- store-sqlite.c; later changes come as new numbered files, never edits.
-- Times are INTEGER seconds since 1970-01-01 UTC; NULL means unknown.
-- Vocabulary checks are OR chains, not IN lists: for an IN list of three or
-- more values SQLite builds a temporary b-tree each time it checks a row,
-- which was two thirds of the writer's work in registering an incident.

-- The default tables (matrix, checklist, impact criteria) as versioned
-- text in the format of data/*.tsv. The highest version is in force; an
-- incident keeps the checklist version it was created with.
CREATE TABLE config_table (
	name TEXT NOT NULL CHECK (name = 'matrix' OR name = 'checklist' OR name = 'impact'),
	version INTEGER NOT NULL CHECK (version >= 1),
	body TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	created_by TEXT NOT NULL,
	PRIMARY KEY (name, version)
) WITHOUT ROWID;

-- The last number handed out per registration year: MK-YYYY-NNNN keys are
-- gap-free because the counter moves inside the registering transaction.
CREATE TABLE key_counter (
	year INTEGER PRIMARY KEY,
	last INTEGER NOT NULL CHECK (last >= 1)
);

CREATE TABLE incident (
	id INTEGER PRIMARY KEY,
	uuid TEXT NOT NULL CHECK (length(uuid) = 36),
	key TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL CHECK (title <> ''),
	description TEXT,
	reporter_name TEXT,
	reporter_department TEXT,
	reporter_phone TEXT,
	reporter_email TEXT,
	source TEXT NOT NULL,
	matrix_table TEXT CHECK (matrix_table IN ('gebruikers', 'beheer')),
	matrix_category TEXT,
	matrix_incident TEXT,
	impact_levels TEXT NOT NULL CHECK (length(impact_levels) = 14),
	impact TEXT NOT NULL DEFAULT '' CHECK (impact = '' OR impact = 'laag'
		OR impact = 'midden' OR impact = 'hoog'),
	people_affected INTEGER CHECK (people_affected >= 0),
	urgency TEXT NOT NULL DEFAULT '' CHECK (urgency = '' OR urgency = 'laag'
		OR urgency = 'midden' OR urgency = 'hoog'),
	priority TEXT NOT NULL DEFAULT '' CHECK (priority = '' OR priority = 'P1'
		OR priority = 'P2' OR priority = 'P3' OR priority = 'P4'),
	event_type TEXT NOT NULL CHECK (event_type = 'normaal'
		OR event_type = 'escalatie' OR event_type = 'noodsituatie'),
	phase TEXT NOT NULL CHECK (phase = 'detectie' OR phase = 'initiatie'
		OR phase = 'analyse' OR phase = 'indammen' OR phase = 'oplossen' OR phase = 'herstel'
		OR phase = 'remediatie' OR phase = 'afsluiten' OR phase = 'evaluatie'),
	confidential INTEGER NOT NULL CHECK (confidential IN (0, 1)),
	tlp TEXT NOT NULL,
	personal_data INTEGER NOT NULL CHECK (personal_data IN (0, 1)),
	exercise INTEGER NOT NULL CHECK (exercise IN (0, 1)),
	parent_id INTEGER REFERENCES incident(id),
	supplier TEXT,
	occurred_at INTEGER,
	occurred_estimated INTEGER NOT NULL CHECK (occurred_estimated IN (0, 1)),
	detected_at INTEGER,
	reported_at INTEGER,
	management_informed_at INTEGER,
	subjects_informed_at INTEGER,
	contained_at INTEGER,
	resolved_at INTEGER,
	closed_at INTEGER,
	ap_notified_at INTEGER,
	evaluated_at INTEGER,
	source_ref TEXT UNIQUE,
	victim TEXT,
	industry TEXT,
	checklist_version INTEGER NOT NULL,
	log_count INTEGER NOT NULL CHECK (log_count >= 0),
	log_head TEXT NOT NULL CHECK (length(log_head) = 64),
	version INTEGER NOT NULL CHECK (version >= 1),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX incident_open ON incident(closed_at, id);

-- An incident, once registered, stays: its key leaves no gap and its
-- logbook keeps its owner. (Purging after the retention period will go
-- through a logged, checked path of its own.)
CREATE TRIGGER incident_no_delete BEFORE DELETE ON incident
BEGIN
	SELECT RAISE(ABORT, 'incidents cannot be deleted');
END;

-- The Bijlage 1 checklist per incident: one row per task. Titles and
-- owners come from the incident's checklist version in config_table.
CREATE TABLE task (
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	code TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'open' CHECK (state = 'open' OR state = 'done' OR state = 'nvt'),
	done_by TEXT,
	done_at INTEGER,
	note TEXT,
	PRIMARY KEY (incident_id, code)
) WITHOUT ROWID;

-- The logbook: append-only and hash-chained per incident (doc/logbook.md).
CREATE TABLE logbook (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	seq INTEGER NOT NULL CHECK (seq >= 1),
	at INTEGER NOT NULL,
	author TEXT NOT NULL,
	role TEXT NOT NULL,
	kind TEXT NOT NULL,
	text TEXT NOT NULL,
	prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
	hash TEXT NOT NULL CHECK (length(hash) = 64),
	UNIQUE (incident_id, seq)
);

-- Entries are never updated or deleted, whoever asks: the rule lives in
-- the database so that no code path (or sqlite3 shell user) can bypass it
-- without dropping the trigger, which the hash chain would then expose.
CREATE TRIGGER logbook_no_update BEFORE UPDATE ON logbook
BEGIN
	SELECT RAISE(ABORT, 'logbook entries are append-only: they cannot be changed');
END;
CREATE TRIGGER logbook_no_delete BEFORE DELETE ON logbook
BEGIN
	SELECT RAISE(ABORT, 'logbook entries are append-only: they cannot be deleted');
END;

-- BOBOC decisions; each also wrote a logbook entry (log_seq).
CREATE TABLE decision (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	beeldvorming TEXT NOT NULL,
	opties TEXT NOT NULL,
	besluit TEXT NOT NULL,
	opdracht_wie TEXT NOT NULL,
	opdracht_uiterlijk INTEGER NOT NULL,
	controle_op INTEGER,
	controle_resultaat TEXT,
	decided_by TEXT NOT NULL,
	decided_at INTEGER NOT NULL,
	log_seq INTEGER NOT NULL
);
CREATE INDEX decision_incident ON decision(incident_id);

-- Full-text search over incident text and logbook text. External content:
-- the text lives once, in its table. New rows are indexed by the store at
-- commit, one INSERT ... SELECT per table for every row added in the
-- transaction (sqlite.c, flush_fts): a trigger per row would make FTS5
-- write a segment per statement and slow imports tenfold. Changes and
-- deletions are rare and go through triggers.
-- detail = none: the index keeps which rows hold a word, not where, which
-- is all that word and prefix search needs, at a fraction of the cost.
CREATE VIRTUAL TABLE incident_fts USING fts5(
	title, description, victim,
	content = 'incident', content_rowid = 'id',
	detail = none, columnsize = 0,
	tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER incident_fts_update AFTER UPDATE OF title, description, victim ON incident
BEGIN
	INSERT INTO incident_fts(incident_fts, rowid, title, description, victim)
	VALUES ('delete', old.id, old.title, old.description, old.victim);
	INSERT INTO incident_fts(rowid, title, description, victim)
	VALUES (new.id, new.title, new.description, new.victim);
END;
CREATE TRIGGER incident_fts_delete AFTER DELETE ON incident
BEGIN
	INSERT INTO incident_fts(incident_fts, rowid, title, description, victim)
	VALUES ('delete', old.id, old.title, old.description, old.victim);
END;

CREATE VIRTUAL TABLE logbook_fts USING fts5(
	text,
	content = 'logbook', content_rowid = 'id',
	detail = none, columnsize = 0,
	tokenize = 'unicode61 remove_diacritics 2');
