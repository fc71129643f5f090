-- The staff's inbox (src/inbox): who took which item ("Je m'en occupe"). An item is named by
-- its kind and the id of what it is about (a request, a quote, a shift…); a claim on something
-- that no longer needs doing is simply no longer shown.
CREATE TABLE inbox_claim (
    kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    item_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    claimed_at INTEGER NOT NULL,
    PRIMARY KEY (kind, item_id)
) STRICT;
CREATE INDEX inbox_claim_person ON inbox_claim (person_id);
