-- meldkamer schema, version 5: chain of custody (issue 5, part 2).
-- Evidence items (files and physical objects), their transfers and every
-- access to them. Applied once, in one transaction, after 0004 (the
-- data-breach duty, on its own branch). Version 4 is skipped by a database
-- that never had it; its tables are not referred to here.
--
-- An item is what the custody log is about. A file item points at its
-- `evidence` row (0003: hash, size, name, the file in the content-addressed
-- store); a physical item (a seized laptop, a USB stick) has none, and its
-- location and seal say where it is. The mail intake's evidence rows from
-- before this schema become file items below, so every evidence file has
-- exactly one item.
CREATE TABLE evidence_item (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	seq INTEGER NOT NULL CHECK (seq >= 1), -- item 1, 2, 3... per incident
	kind TEXT NOT NULL CHECK (kind = 'file' OR kind = 'physical'),
	evidence_id INTEGER UNIQUE REFERENCES evidence(id),
	what TEXT NOT NULL CHECK (what <> ''),
	why TEXT NOT NULL CHECK (why <> ''),
	location TEXT,     -- where it is kept: "kluis ICT, kamer 2.14"
	storage TEXT,      -- how: "verzegelde bewijszak", "content-addressed store"
	seal TEXT,         -- seal or bag number
	collected_by TEXT NOT NULL CHECK (collected_by <> ''),
	collected_at INTEGER NOT NULL,
	registered_by TEXT NOT NULL,
	registered_at INTEGER NOT NULL,
	CHECK ((kind = 'file') = (evidence_id IS NOT NULL)),
	UNIQUE (incident_id, seq)
);

INSERT INTO evidence_item (incident_id, seq, kind, evidence_id, what, why, location, storage,
	seal, collected_by, collected_at, registered_by, registered_at)
SELECT e.incident_id,
	(SELECT count(*) FROM evidence p WHERE p.incident_id = e.incident_id AND p.id <= e.id),
	'file', e.id, e.what, e.why, NULL, 'content-addressed store (SHA-256)', NULL,
	e.collected_by, e.collected_at, e.collected_by, e.collected_at
FROM evidence e ORDER BY e.id;

-- A hand-over: from whom to whom, when, why, and the receipt (a form
-- number, a signature reference). log_seq is the logbook entry that
-- records it, in the same transaction.
CREATE TABLE evidence_transfer (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES evidence_item(id),
	from_party TEXT NOT NULL CHECK (from_party <> ''),
	to_party TEXT NOT NULL CHECK (to_party <> ''),
	at INTEGER NOT NULL,
	reason TEXT NOT NULL CHECK (reason <> ''),
	receipt TEXT,
	recorded_by TEXT NOT NULL,
	recorded_at INTEGER NOT NULL,
	log_seq INTEGER NOT NULL
);
CREATE INDEX evidence_transfer_item ON evidence_transfer(item_id, id);

-- Every read of an item's content or record by a person: `evidence show`,
-- `evidence get`, the export. Who, when, why, through what.
CREATE TABLE evidence_access (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES evidence_item(id),
	action TEXT NOT NULL CHECK (action = 'show' OR action = 'get' OR action = 'export'),
	who TEXT NOT NULL CHECK (who <> ''),
	at INTEGER NOT NULL,
	why TEXT NOT NULL CHECK (why <> ''),
	via TEXT NOT NULL,
	log_seq INTEGER NOT NULL
);
CREATE INDEX evidence_access_item ON evidence_access(item_id, id);

-- The custody log is evidence itself: append-only, like the logbook.
CREATE TRIGGER evidence_item_no_update BEFORE UPDATE ON evidence_item
BEGIN
	SELECT RAISE(ABORT, 'evidence items are append-only: they cannot be changed');
END;
CREATE TRIGGER evidence_item_no_delete BEFORE DELETE ON evidence_item
BEGIN
	SELECT RAISE(ABORT, 'evidence items are append-only: they cannot be deleted');
END;
CREATE TRIGGER evidence_transfer_no_update BEFORE UPDATE ON evidence_transfer
BEGIN
	SELECT RAISE(ABORT, 'the custody log is append-only: a transfer cannot be changed');
END;
CREATE TRIGGER evidence_transfer_no_delete BEFORE DELETE ON evidence_transfer
BEGIN
	SELECT RAISE(ABORT, 'the custody log is append-only: a transfer cannot be deleted');
END;
CREATE TRIGGER evidence_access_no_update BEFORE UPDATE ON evidence_access
BEGIN
	SELECT RAISE(ABORT, 'the custody log is append-only: an access cannot be changed');
END;
CREATE TRIGGER evidence_access_no_delete BEFORE DELETE ON evidence_access
BEGIN
	SELECT RAISE(ABORT, 'the custody log is append-only: an access cannot be deleted');
END;
