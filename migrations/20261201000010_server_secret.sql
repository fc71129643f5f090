-- The server's signing key (src/server/signing.rs): signed shared links of campaigns and the
-- "known device" cookie of sign-in. One row, 32 random bytes made by the server at its first
-- start (OS randomness, not SQLite's PRNG). Kept in the database so a restart, or a second
-- process on the same file, keeps the links and cookies valid. Deleting the row revokes them all.
CREATE TABLE server_secret (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    secret BLOB NOT NULL CHECK (length(secret) = 32),
    created_at INTEGER NOT NULL
) STRICT;
