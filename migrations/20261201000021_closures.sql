-- Closures staff enter (summer, Christmas): no drop-off day, lunch service or hem slot is
-- offered on them, nor on French public holidays (computed: src/home/calendar.rs).
CREATE TABLE closure (
    id INTEGER PRIMARY KEY,
    first_day TEXT NOT NULL CHECK (first_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    last_day TEXT NOT NULL CHECK (last_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
    created_at INTEGER NOT NULL,
    CHECK (first_day <= last_day)
) STRICT;

CREATE INDEX closure_last_day ON closure (last_day);
