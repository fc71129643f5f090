-- Participants' planning: sectors get a name and a pictogram (staff manage the list), shifts,
-- who is assigned to them, absence declarations, attendance, and private calendar feeds.
-- Times are Unix seconds (UTC).

ALTER TABLE sector ADD COLUMN name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 40);
-- A key of the pictogram list in src/planning/mod.rs (`PICTOGRAMS`).
ALTER TABLE sector ADD COLUMN pictogram TEXT NOT NULL DEFAULT 'star' CHECK (length(pictogram) <= 20);
ALTER TABLE sector ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

UPDATE sector SET name = 'Cuisine', pictogram = 'cook' WHERE slug = 'cuisine';
UPDATE sector SET name = 'Service en salle', pictogram = 'plate' WHERE slug = 'salle';
UPDATE sector SET name = 'Couture et retouches', pictogram = 'thread' WHERE slug = 'couture';
UPDATE sector SET name = 'Conciergerie', pictogram = 'bell' WHERE slug = 'conciergerie';
UPDATE sector SET name = 'Menuiserie', pictogram = 'hammer' WHERE slug = 'menuiserie';
CREATE UNIQUE INDEX sector_name ON sector (name COLLATE NOCASE);

CREATE TABLE shift (
    id INTEGER PRIMARY KEY,
    sector_slug TEXT NOT NULL REFERENCES sector (slug),
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    places INTEGER NOT NULL CHECK (places BETWEEN 1 AND 30),
    place TEXT NOT NULL DEFAULT '' CHECK (length(place) <= 80),
    note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    created_by INTEGER REFERENCES person (id),
    created_at INTEGER NOT NULL,
    CHECK (ends_at > starts_at AND ends_at - starts_at <= 12 * 3600)
) STRICT;
CREATE INDEX shift_starts ON shift (starts_at);

-- A participant on a shift. `attendance` is set by staff after the shift, or to 'excused' when
-- staff approve an absence; only people still expected (NULL) or who came fill a place.
CREATE TABLE assignment (
    id INTEGER PRIMARY KEY,
    shift_id INTEGER NOT NULL REFERENCES shift (id),
    person_id INTEGER NOT NULL REFERENCES person (id),
    confirmed_at INTEGER,
    attendance TEXT CHECK (attendance IN ('attended', 'excused', 'unexcused')),
    created_at INTEGER NOT NULL,
    UNIQUE (shift_id, person_id)
) STRICT;
CREATE INDEX assignment_person ON assignment (person_id);

-- The rules hold in the database too, whatever writes: an active participant only, never on two
-- overlapping shifts, never more people than places.
CREATE TRIGGER assignment_active_participant BEFORE INSERT ON assignment
WHEN NOT EXISTS (SELECT 1 FROM person WHERE id = NEW.person_id AND role = 'participant' AND active = 1)
BEGIN
    SELECT RAISE(ABORT, 'assignment: not an active participant');
END;

CREATE TRIGGER assignment_no_overlap BEFORE INSERT ON assignment
WHEN EXISTS (
    SELECT 1 FROM assignment a
    JOIN shift s ON s.id = a.shift_id
    JOIN shift n ON n.id = NEW.shift_id
    WHERE a.person_id = NEW.person_id AND s.starts_at < n.ends_at AND n.starts_at < s.ends_at
)
BEGIN
    SELECT RAISE(ABORT, 'assignment: overlapping shift');
END;

CREATE TRIGGER assignment_within_places BEFORE INSERT ON assignment
WHEN (SELECT count(*) FROM assignment WHERE shift_id = NEW.shift_id
        AND (attendance IS NULL OR attendance = 'attended'))
     >= (SELECT places FROM shift WHERE id = NEW.shift_id)
BEGIN
    SELECT RAISE(ABORT, 'assignment: shift full');
END;

CREATE TRIGGER shift_places_cover_assigned BEFORE UPDATE OF places ON shift
WHEN NEW.places < (SELECT count(*) FROM assignment WHERE shift_id = NEW.id
        AND (attendance IS NULL OR attendance = 'attended'))
BEGIN
    SELECT RAISE(ABORT, 'shift: fewer places than people assigned');
END;

-- A participant's declaration that they will miss a shift; staff approve or refuse it.
CREATE TABLE absence (
    id INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES assignment (id) ON DELETE CASCADE,
    reason TEXT NOT NULL CHECK (reason IN ('sick', 'medical', 'family', 'transport', 'paperwork', 'other')),
    details TEXT NOT NULL DEFAULT '' CHECK (length(details) <= 300),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
    -- SHA-256 of the form's idempotency key: a declaration replayed (offline queue, double tap)
    -- finds the first one.
    key_hash TEXT NOT NULL UNIQUE,
    declared_at INTEGER NOT NULL,
    decided_by INTEGER REFERENCES person (id),
    decided_at INTEGER
) STRICT;
-- One open declaration per assignment (a refused one can be followed by a new one).
CREATE UNIQUE INDEX absence_open ON absence (assignment_id) WHERE status IN ('pending', 'approved');
CREATE INDEX absence_status ON absence (status);

-- The private calendar feed of a participant: only the SHA-256 of its token is kept; revoking
-- deletes the row (the old URL then answers 404), re-issuing replaces it.
CREATE TABLE calendar_feed (
    person_id INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
) STRICT;
