-- The key figures' opening balance (src/figures): what happened before the app, entered once by
-- staff, added to "since the start". The app counts from `as_of` on.
CREATE TABLE figures_opening (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    as_of TEXT NOT NULL CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    accompanied INTEGER NOT NULL DEFAULT 0 CHECK (accompanied BETWEEN 0 AND 100000),
    cape INTEGER NOT NULL DEFAULT 0 CHECK (cape BETWEEN 0 AND 100000),
    dynamic_exits INTEGER NOT NULL DEFAULT 0 CHECK (dynamic_exits BETWEEN 0 AND 100000),
    catering_events INTEGER NOT NULL DEFAULT 0 CHECK (catering_events BETWEEN 0 AND 100000),
    restaurant_services INTEGER NOT NULL DEFAULT 0 CHECK (restaurant_services BETWEEN 0 AND 100000),
    client_organisations INTEGER NOT NULL DEFAULT 0
        CHECK (client_organisations BETWEEN 0 AND 100000),
    regular_organisations INTEGER NOT NULL DEFAULT 0
        CHECK (regular_organisations BETWEEN 0 AND client_organisations),
    updated_at INTEGER NOT NULL
) STRICT;
-- Zero until staff enter it; from the day this migration runs.
INSERT INTO figures_opening (id, as_of, updated_at)
VALUES (1, strftime('%Y-%m-%d', 'now'), strftime('%s', 'now'));
