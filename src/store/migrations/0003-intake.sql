-- meldkamer schema, version 3: intake (issue 4). Observables shared across
-- incidents, alert groups with their alerts, and evidence files. Applied
-- once, in one transaction, after 0002. Vocabulary checks are OR chains
-- (see 0001).

-- An indicator, normalised by core/observable.c, once per type and value:
-- the row is shared by every incident and alert that carries it, which is
-- what makes the seen-before correlation a lookup.
CREATE TABLE observable (
	id INTEGER PRIMARY KEY,
	type TEXT NOT NULL CHECK (type = 'ip' OR type = 'domain' OR type = 'url' OR
		type = 'email' OR type = 'hash' OR type = 'filename'),
	value TEXT NOT NULL CHECK (value <> '' AND length(CAST(value AS BLOB)) <= 2048),
	tlp TEXT NOT NULL CHECK (tlp = 'clear' OR tlp = 'green' OR tlp = 'amber' OR
		tlp = 'amber+strict' OR tlp = 'red'),
	first_seen INTEGER NOT NULL,
	last_seen INTEGER NOT NULL CHECK (last_seen >= first_seen),
	UNIQUE (type, value)
);
-- `observable seen` and the search look a value up without its type.
CREATE INDEX observable_value ON observable(value);

-- Which incident carries which observable, in which role, since when.
CREATE TABLE incident_observable (
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	observable_id INTEGER NOT NULL REFERENCES observable(id),
	role TEXT NOT NULL CHECK (length(role) BETWEEN 1 AND 32),
	added_at INTEGER NOT NULL,
	added_by TEXT NOT NULL,
	source TEXT NOT NULL CHECK (source = 'mail' OR source = 'alert' OR source = 'manual'),
	seq INTEGER NOT NULL, -- order of adding within the incident
	PRIMARY KEY (incident_id, observable_id, role)
) WITHOUT ROWID;
CREATE INDEX incident_observable_obs ON incident_observable(observable_id, incident_id);

-- Repeated alerts of one signature between the same endpoints, collapsed
-- (core/alert.h, mk_alert_joins). gkey is the collapse key as one text
-- (source kind, source name, signature id and text, src ip, dst ip, dst
-- port, proto) so that finding the open group is one index probe.
CREATE TABLE alert_group (
	id INTEGER PRIMARY KEY,
	gkey TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind = 'suricata' OR kind = 'wazuh' OR kind = 'generic'),
	source_name TEXT,
	detection TEXT NOT NULL CHECK (detection <> ''),
	signature_id TEXT NOT NULL,
	signature TEXT NOT NULL,
	severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
	severity_orig TEXT NOT NULL,
	src_ip TEXT, src_port INTEGER CHECK (src_port BETWEEN 0 AND 65535),
	dst_ip TEXT, dst_port INTEGER CHECK (dst_port BETWEEN 0 AND 65535),
	proto TEXT,
	first_seen INTEGER NOT NULL,
	last_seen INTEGER NOT NULL CHECK (last_seen >= first_seen),
	count INTEGER NOT NULL CHECK (count >= 1),
	incident_id INTEGER REFERENCES incident(id)
);
CREATE INDEX alert_group_key ON alert_group(gkey, last_seen);
CREATE INDEX alert_group_src ON alert_group(src_ip);
CREATE INDEX alert_group_dst ON alert_group(dst_ip);

-- Each alert as it came, byte for byte (the JSON line), with its origin.
CREATE TABLE alert (
	id INTEGER PRIMARY KEY,
	group_id INTEGER NOT NULL REFERENCES alert_group(id),
	at INTEGER NOT NULL,
	raw TEXT NOT NULL,
	file TEXT NOT NULL,
	line INTEGER NOT NULL CHECK (line >= 1)
);
CREATE INDEX alert_group_at ON alert(group_id, at);

-- Evidence (Bijlage 1 step 3.2-3.5): the file itself sits in the
-- content-addressed store, named by its SHA-256; the row says what it is,
-- why it was collected, by whom and when. Originals are never altered, so
-- the rows are append-only like the logbook.
CREATE TABLE evidence (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	what TEXT NOT NULL CHECK (what <> ''),
	why TEXT NOT NULL CHECK (why <> ''),
	sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
	size INTEGER NOT NULL CHECK (size >= 0),
	media_type TEXT NOT NULL CHECK (media_type LIKE '%_/_%'),
	name TEXT,
	stored_path TEXT NOT NULL,
	collected_by TEXT NOT NULL,
	collected_at INTEGER NOT NULL
);
CREATE INDEX evidence_incident ON evidence(incident_id);
CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
BEGIN
	SELECT RAISE(ABORT, 'evidence records are append-only: they cannot be changed');
END;
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
BEGIN
	SELECT RAISE(ABORT, 'evidence records are append-only: they cannot be deleted');
END;
