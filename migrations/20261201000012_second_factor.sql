-- A second factor for staff and admins: time-based one-time codes (TOTP, RFC 6238) from an
-- authenticator app, single-use recovery codes, and the sign-ins waiting for a code after a
-- right password. Required for admins' pages (accounts::auth::require_admin). Times are Unix
-- seconds (UTC).

CREATE TABLE second_factor (
    person_id INTEGER PRIMARY KEY NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    -- The shared secret in base32 (20 random bytes). Kept as is: the server computes the codes
    -- from it, as the phone does.
    secret TEXT NOT NULL CHECK (length(secret) BETWEEN 16 AND 64),
    created_at INTEGER NOT NULL,
    -- NULL until the first right code: an unconfirmed secret signs nobody in.
    confirmed_at INTEGER,
    -- The 30-second step of the last accepted code: a code (or an older one) is never accepted
    -- again.
    last_step INTEGER NOT NULL DEFAULT 0,
    -- The recovery codes in clear, only from the confirmation until the one page that shows them
    -- is acknowledged, and never past `codes_shown_until`; the table `recovery_code` keeps their
    -- hashes for good.
    codes_to_show TEXT,
    codes_shown_until INTEGER,
    CHECK ((codes_to_show IS NULL) = (codes_shown_until IS NULL))
) STRICT;

-- Single-use recovery codes (10 per person), as SHA-256: a copy of the database opens nothing.
CREATE TABLE recovery_code (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL CHECK (length(code_hash) = 64),
    PRIMARY KEY (person_id, code_hash)
) STRICT, WITHOUT ROWID;

-- A right password for someone with a confirmed factor: no session yet, only this, for 5
-- minutes and one right code. Its token (in an HttpOnly cookie) is kept as SHA-256.
CREATE TABLE pending_sign_in (
    token_hash TEXT PRIMARY KEY NOT NULL CHECK (length(token_hash) = 64),
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    -- Wrong codes so far: the fifth ends it.
    failures INTEGER NOT NULL DEFAULT 0 CHECK (failures BETWEEN 0 AND 5)
) STRICT;

CREATE INDEX pending_sign_in_person ON pending_sign_in (person_id);
CREATE INDEX pending_sign_in_expiry ON pending_sign_in (expires_at);
