-- The coop's activities and their opening hours. The home page shows them; the conciergerie's
-- hours are its drop-off days, the restaurant's its lunch services.

-- Which parts of the demo data were seeded (src/server/demo.rs), so each is seeded once.
CREATE TABLE demo_seed (
    part TEXT PRIMARY KEY NOT NULL,
    seeded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- The activities are part of the app (their texts live in the i18n catalogue, by slug).
CREATE TABLE coop_service (
    slug TEXT PRIMARY KEY NOT NULL CHECK (slug GLOB '[a-z]*' AND length(slug) <= 40),
    position INTEGER NOT NULL UNIQUE
) STRICT;

INSERT INTO coop_service (slug, position) VALUES
    ('conciergerie', 1),
    ('restaurant', 2),
    ('traiteur', 3),
    ('textile', 4),
    ('palettes', 5);

-- Local times (Europe/Paris), "HH:MM"; several ranges a day are allowed (morning, afternoon).
CREATE TABLE opening_hours (
    id INTEGER PRIMARY KEY,
    service_slug TEXT NOT NULL REFERENCES coop_service (slug) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO 8601: 1 = Monday
    opens TEXT NOT NULL CHECK (opens GLOB '[0-2][0-9]:[0-5][0-9]' AND opens < '24:00'),
    closes TEXT NOT NULL CHECK (closes GLOB '[0-2][0-9]:[0-5][0-9]' AND closes <= '24:00'),
    CHECK (opens < closes),
    UNIQUE (service_slug, weekday, opens)
) STRICT;
