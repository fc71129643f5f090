-- Partner organisations (companies, schools) whose people use the coop's services: requests and
-- campaigns can name one so staff can group them. Staff manage the list; a partner is never
-- deleted once used, only deactivated.
CREATE TABLE partner (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at INTEGER NOT NULL
) STRICT;
