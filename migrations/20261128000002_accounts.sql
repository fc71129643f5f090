-- People who sign in (staff and participants), their sessions and invitations, and the audit
-- log of staff decisions. Times are Unix seconds (UTC).

-- The coop's work sectors (the planning issue adds pictograms and shifts).
CREATE TABLE sector (
    slug TEXT PRIMARY KEY NOT NULL CHECK (slug GLOB '[a-z]*' AND length(slug) <= 40),
    position INTEGER NOT NULL UNIQUE
) STRICT;

INSERT INTO sector (slug, position) VALUES
    ('cuisine', 1),
    ('salle', 2),
    ('couture', 3),
    ('conciergerie', 4),
    ('menuiserie', 5);

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'participant')),
    first_name TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 60),
    last_name TEXT NOT NULL CHECK (length(last_name) BETWEEN 1 AND 60),
    -- Staff sign in with their email; participants may have none.
    email TEXT UNIQUE COLLATE NOCASE CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
    -- Participants may sign in with their phone number: one account per number.
    phone TEXT UNIQUE CHECK (phone IS NULL OR length(phone) BETWEEN 10 AND 20),
    password_hash TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at INTEGER NOT NULL,
    CHECK (role = 'participant' OR email IS NOT NULL)
) STRICT;

CREATE TABLE person_sector (
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    sector_slug TEXT NOT NULL REFERENCES sector (slug),
    PRIMARY KEY (person_id, sector_slug)
) STRICT;

-- Server-side sessions: the cookie holds a random token, the table only its SHA-256.
-- Sliding: `expires_at` moves forward by `lifetime_secs` as the session is used.
CREATE TABLE session (
    token_hash TEXT PRIMARY KEY NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    renewed_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    lifetime_secs INTEGER NOT NULL CHECK (lifetime_secs > 0)
) STRICT;
CREATE INDEX session_person ON session (person_id);
CREATE INDEX session_expiry ON session (expires_at);

-- Single-use sign-in links handed to a person (printed card with a QR code).
CREATE TABLE invitation (
    token_hash TEXT PRIMARY KEY NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES person (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
) STRICT;
CREATE INDEX invitation_person ON invitation (person_id);

-- Every staff decision: who, when, what, on which object. Append-only.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_id INTEGER REFERENCES person (id),
    action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 60),
    object_type TEXT NOT NULL CHECK (length(object_type) BETWEEN 1 AND 40),
    object_id TEXT NOT NULL CHECK (length(object_id) BETWEEN 1 AND 80),
    detail TEXT CHECK (detail IS NULL OR length(detail) <= 500)
) STRICT;
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
