-- meldkamer schema, version 2: accounts for the web application, their
-- sessions and API tokens, login throttling, the account audit trail,
-- incident teams and the account that reported an incident. Applied once,
-- in one transaction, after 0001 (a version-1 database is upgraded by the
-- first write open, e.g. 'meldkamer init').

-- A person who logs in. Accounts are disabled, never deleted: logbook
-- entries, audit rows and teams keep naming them.
CREATE TABLE account (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
	display_name TEXT NOT NULL CHECK (display_name <> ''),
	role TEXT NOT NULL CHECK (role IN ('melder', 'servicedesk', 'behandelaar',
		'incidentmanager', 'ciso', 'fg', 'directie', 'auditor', 'admin')),
	-- argon2id in libsodium's crypto_pwhash_str format ("$argon2id$v=19$...")
	password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	lang TEXT NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl', 'en')),
	created_at INTEGER NOT NULL
);
CREATE TRIGGER account_no_delete BEFORE DELETE ON account
BEGIN
	SELECT RAISE(ABORT, 'accounts cannot be deleted: disable them');
END;

-- A web login. Only the SHA-256 of the cookie token is kept, so a copy of
-- the database lets no one in. The CSRF token goes into forms; it is only
-- of use together with the cookie, so it is kept as it is.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
	account_id INTEGER NOT NULL REFERENCES account(id),
	csrf TEXT NOT NULL CHECK (length(csrf) = 43),
	created_at INTEGER NOT NULL,
	last_used_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_account ON session(account_id);

-- A bearer token for the JSON API, named so that it can be revoked.
CREATE TABLE api_token (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
	token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
	account_id INTEGER NOT NULL REFERENCES account(id),
	created_at INTEGER NOT NULL,
	revoked_at INTEGER
);
CREATE INDEX api_token_account ON api_token(account_id);

-- Failed logins, for throttling per account name (which need not exist:
-- guessing names is throttled too) and per client address. Rows older
-- than the throttling window are removed as logins come in.
CREATE TABLE login_failure (
	account_name TEXT NOT NULL,
	address TEXT NOT NULL,
	at INTEGER NOT NULL
);
CREATE INDEX login_failure_account ON login_failure(account_name, at);
CREATE INDEX login_failure_address ON login_failure(address, at);
CREATE INDEX login_failure_at ON login_failure(at);

-- Every change to an account or its tokens: who, when, what. Append-only,
-- like the logbook.
CREATE TABLE account_audit (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	actor TEXT NOT NULL,
	account_name TEXT NOT NULL,
	what TEXT NOT NULL
);
CREATE INDEX account_audit_account ON account_audit(account_name, id);
CREATE TRIGGER account_audit_no_update BEFORE UPDATE ON account_audit
BEGIN
	SELECT RAISE(ABORT, 'the account audit is append-only: rows cannot be changed');
END;
CREATE TRIGGER account_audit_no_delete BEFORE DELETE ON account_audit
BEGIN
	SELECT RAISE(ABORT, 'the account audit is append-only: rows cannot be deleted');
END;

-- The people on an incident's team: they see it even when it is
-- confidential (DESIGN.md "Who uses it"). Changes are logged in the
-- incident's logbook.
CREATE TABLE incident_team (
	incident_id INTEGER NOT NULL REFERENCES incident(id),
	account_id INTEGER NOT NULL REFERENCES account(id),
	PRIMARY KEY (incident_id, account_id)
) WITHOUT ROWID;
CREATE INDEX incident_team_account ON incident_team(account_id, incident_id);

-- The login name of whoever reported the incident through the web as a
-- melder (they see their own reports); NULL for the CLI, imports and
-- registrations by staff on someone's behalf.
ALTER TABLE incident ADD COLUMN reporter_account TEXT REFERENCES account(name);
CREATE INDEX incident_reporter_account ON incident(reporter_account, id)
	WHERE reporter_account IS NOT NULL;
