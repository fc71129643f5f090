-- The back-to-work pathway of each participant (src/pathway): entry, the characteristics funders
-- count at entry (ticked by staff), contracts, trainings and immersions, the obstacles being
-- worked on (a staff-managed list, ticked: no free text, so no health data), and the exit in the
-- IAE categories. Staff only.

CREATE TABLE pathway (
    person_id INTEGER PRIMARY KEY REFERENCES person (id),
    entry_day TEXT NOT NULL CHECK (entry_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    woman INTEGER NOT NULL DEFAULT 0 CHECK (woman IN (0, 1)),
    under_26 INTEGER NOT NULL DEFAULT 0 CHECK (under_26 IN (0, 1)),
    over_50 INTEGER NOT NULL DEFAULT 0 CHECK (over_50 IN (0, 1)),
    rsa INTEGER NOT NULL DEFAULT 0 CHECK (rsa IN (0, 1)),
    long_term_jobseeker INTEGER NOT NULL DEFAULT 0 CHECK (long_term_jobseeker IN (0, 1)),
    rqth INTEGER NOT NULL DEFAULT 0 CHECK (rqth IN (0, 1)),
    qpv INTEGER NOT NULL DEFAULT 0 CHECK (qpv IN (0, 1)),
    exit_day TEXT CHECK (exit_day IS NULL
        OR exit_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    exit_outcome TEXT CHECK (exit_outcome IN ('cdi', 'cdd_long', 'business_creation',
        'cdd_short', 'subsidised', 'training', 'other_inclusion', 'other')),
    updated_at INTEGER NOT NULL,
    CHECK ((exit_day IS NULL) = (exit_outcome IS NULL)),
    CHECK (exit_day IS NULL OR exit_day >= entry_day),
    CHECK (NOT (under_26 AND over_50))
) STRICT;
CREATE INDEX pathway_period ON pathway (entry_day, exit_day);

CREATE TABLE pathway_contract (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES pathway (person_id),
    -- cape: the CAPE contract with the CAE; cddi: an insertion CDD; other: said in `label`.
    kind TEXT NOT NULL CHECK (kind IN ('cape', 'cddi', 'other')),
    label TEXT NOT NULL DEFAULT '' CHECK (length(label) <= 80),
    start_day TEXT NOT NULL CHECK (start_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    end_day TEXT CHECK (end_day IS NULL
        OR end_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    -- Hours a week, in minutes (26 h = 1560).
    weekly_minutes INTEGER NOT NULL CHECK (weekly_minutes BETWEEN 60 AND 2880),
    created_at INTEGER NOT NULL,
    CHECK (end_day IS NULL OR end_day >= start_day)
) STRICT;
CREATE INDEX pathway_contract_person ON pathway_contract (person_id);

-- Trainings and immersion periods (PMSMP).
CREATE TABLE pathway_step (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES pathway (person_id),
    kind TEXT NOT NULL CHECK (kind IN ('training', 'immersion')),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    organisation TEXT NOT NULL DEFAULT '' CHECK (length(organisation) <= 120),
    start_day TEXT NOT NULL CHECK (start_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    end_day TEXT CHECK (end_day IS NULL
        OR end_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    created_at INTEGER NOT NULL,
    CHECK (end_day IS NULL OR end_day >= start_day)
) STRICT;
CREATE INDEX pathway_step_person ON pathway_step (person_id);

CREATE TABLE obstacle (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 60),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO obstacle (name, position) VALUES
    ('Garde d''enfants', 1),
    ('Français', 2),
    ('Numérique', 3),
    ('Mobilité', 4),
    ('Logement', 5),
    ('Démarches administratives', 6);

CREATE TABLE pathway_obstacle (
    person_id INTEGER NOT NULL REFERENCES pathway (person_id),
    obstacle_id INTEGER NOT NULL REFERENCES obstacle (id),
    PRIMARY KEY (person_id, obstacle_id)
) STRICT;
