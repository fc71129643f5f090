-- The conciergerie: its price list, the requests people send from their phone (with the items
-- and optional photos), and each request's history (the timeline on the tracking page).
-- Money in cents; dates of drop-off as 'YYYY-MM-DD' (Paris calendar day); instants in Unix secs.

CREATE TABLE alteration_service (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 80),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 300),
    -- NULL: "sur devis" (priced once staff have seen the garment).
    price_cents INTEGER CHECK (price_cents IS NULL OR price_cents BETWEEN 0 AND 100000),
    turnaround_days INTEGER NOT NULL CHECK (turnaround_days BETWEEN 0 AND 60),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE alteration_request (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    -- The private tracking link's token, as SHA-256 (accounts::token). The form's idempotency
    -- key is that token: a replayed submission finds its request instead of making another.
    token_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN (
        'requested', 'accepted', 'declined', 'cancelled',
        'dropped_off', 'in_progress', 'ready', 'collected')),
    contact_name TEXT NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 80),
    phone TEXT CHECK (phone IS NULL OR length(phone) BETWEEN 10 AND 20),
    email TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
    consent_at INTEGER NOT NULL,
    partner_id INTEGER REFERENCES partner (id),
    dropoff_date TEXT NOT NULL CHECK (dropoff_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- What the price list said when sent; staff confirm the real price when accepting.
    estimated_cents INTEGER NOT NULL CHECK (estimated_cents >= 0),
    has_quote_items INTEGER NOT NULL CHECK (has_quote_items IN (0, 1)),
    confirmed_cents INTEGER CHECK (confirmed_cents IS NULL OR confirmed_cents >= 0),
    decline_reason TEXT CHECK (decline_reason IS NULL OR length(decline_reason) <= 300),
    shelf TEXT CHECK (shelf IS NULL OR length(shelf) <= 20),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (phone IS NOT NULL OR email IS NOT NULL)
) STRICT;
CREATE INDEX alteration_request_status ON alteration_request (status, dropoff_date);
CREATE INDEX alteration_request_day ON alteration_request (dropoff_date);

CREATE TABLE alteration_item (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES alteration_request (id) ON DELETE CASCADE,
    service_id INTEGER NOT NULL REFERENCES alteration_service (id),
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 20),
    -- The price list's unit price when sent (NULL: sur devis).
    unit_cents INTEGER,
    note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200)
) STRICT;
CREATE INDEX alteration_item_request ON alteration_item (request_id);

-- Photos re-encoded by the server (JPEG, resized, no metadata): never the file as sent.
CREATE TABLE alteration_photo (
    item_id INTEGER PRIMARY KEY REFERENCES alteration_item (id) ON DELETE CASCADE,
    jpeg BLOB NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL
) STRICT;

CREATE TABLE alteration_event (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES alteration_request (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    at INTEGER NOT NULL,
    -- NULL: the person themselves (sent, cancelled).
    actor_id INTEGER REFERENCES person (id)
) STRICT;
CREATE INDEX alteration_event_request ON alteration_event (request_id);
