-- "Opération ourlets": slot campaigns (hem alterations for a partner's students). Staff create a
-- campaign and generate its slots; students book one place in a slot without an account and keep
-- a private link. Times are Unix seconds (UTC).
--
-- Capacity is the database's decision: `campaign_slot.booked` is kept by the triggers below from
-- the confirmed bookings, and CHECK (booked <= capacity) refuses the statement that would
-- overbook, whatever the code above it does. Writes run in BEGIN IMMEDIATE transactions on the
-- single writer connection.

CREATE TABLE campaign (
    id INTEGER PRIMARY KEY,
    -- The public address: /ourlets/<slug>.
    slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 80 AND slug NOT GLOB '*[^a-z0-9-]*'),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    partner_id INTEGER REFERENCES partner (id),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    place TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
    opens_at INTEGER NOT NULL,
    closes_at INTEGER NOT NULL,
    -- When set, needed to see and book the campaign (compared case-insensitively).
    invite_code TEXT COLLATE NOCASE CHECK (invite_code IS NULL OR length(invite_code) BETWEEN 4 AND 40),
    max_garments INTEGER NOT NULL CHECK (max_garments BETWEEN 1 AND 20),
    -- Closed early by staff (bookings stop; existing ones stay).
    closed_at INTEGER,
    created_at INTEGER NOT NULL,
    CHECK (closes_at > opens_at)
) STRICT;

CREATE TABLE campaign_slot (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign (id),
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 0 AND 200),
    -- Confirmed bookings in this slot, kept by triggers: never above the capacity.
    booked INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
    UNIQUE (campaign_id, starts_at),
    CHECK (ends_at > starts_at)
) STRICT;

CREATE TABLE campaign_booking (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign (id),
    slot_id INTEGER NOT NULL REFERENCES campaign_slot (id),
    -- Read aloud at the counter, e.g. O-7K3Q.
    reference TEXT NOT NULL UNIQUE,
    -- SHA-256 of the private link's token, and of the form's idempotency key: the database
    -- holds neither secret.
    token_hash TEXT NOT NULL UNIQUE,
    idempotency_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    group_name TEXT NOT NULL CHECK (length(group_name) BETWEEN 1 AND 60),
    garments INTEGER NOT NULL CHECK (garments BETWEEN 1 AND 20),
    -- A normalised phone number (06 12 34 56 78) or a lower-case email.
    contact TEXT NOT NULL CHECK (length(contact) BETWEEN 3 AND 254),
    status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
    -- The day sheet: a no-show frees nothing (the slot's day is over).
    attendance TEXT NOT NULL DEFAULT 'expected'
        CHECK (attendance IN ('expected', 'came', 'done', 'no_show')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX campaign_booking_slot ON campaign_booking (slot_id, status);
-- One active booking per contact per campaign.
CREATE UNIQUE INDEX campaign_booking_one_per_contact
    ON campaign_booking (campaign_id, contact) WHERE status = 'confirmed';

-- A booking names a slot of its own campaign, open and with a place left. The messages are the
-- app's error keys.
CREATE TRIGGER campaign_booking_check_insert BEFORE INSERT ON campaign_booking
WHEN NEW.status = 'confirmed'
BEGIN
    SELECT RAISE(ABORT, 'slot_unknown')
    WHERE NOT EXISTS (SELECT 1 FROM campaign_slot WHERE id = NEW.slot_id AND campaign_id = NEW.campaign_id);
    SELECT RAISE(ABORT, 'slot_closed')
    WHERE (SELECT closed FROM campaign_slot WHERE id = NEW.slot_id) = 1;
    SELECT RAISE(ABORT, 'slot_full')
    WHERE (SELECT booked >= capacity FROM campaign_slot WHERE id = NEW.slot_id);
END;

CREATE TRIGGER campaign_booking_count_insert AFTER INSERT ON campaign_booking
WHEN NEW.status = 'confirmed'
BEGIN
    UPDATE campaign_slot SET booked = booked + 1 WHERE id = NEW.slot_id;
END;

-- A move checks the new slot the same way; the old place is given back in the same statement,
-- so a refused move keeps it.
CREATE TRIGGER campaign_booking_check_move BEFORE UPDATE OF slot_id ON campaign_booking
WHEN NEW.status = 'confirmed' AND NEW.slot_id <> OLD.slot_id
BEGIN
    SELECT RAISE(ABORT, 'slot_unknown')
    WHERE NOT EXISTS (SELECT 1 FROM campaign_slot WHERE id = NEW.slot_id AND campaign_id = NEW.campaign_id);
    SELECT RAISE(ABORT, 'slot_closed')
    WHERE (SELECT closed FROM campaign_slot WHERE id = NEW.slot_id) = 1;
    SELECT RAISE(ABORT, 'slot_full')
    WHERE (SELECT booked >= capacity FROM campaign_slot WHERE id = NEW.slot_id);
END;

CREATE TRIGGER campaign_booking_count_update AFTER UPDATE OF slot_id, status ON campaign_booking
WHEN OLD.slot_id <> NEW.slot_id OR OLD.status <> NEW.status
BEGIN
    UPDATE campaign_slot SET booked = booked - 1 WHERE id = OLD.slot_id AND OLD.status = 'confirmed';
    UPDATE campaign_slot SET booked = booked + 1 WHERE id = NEW.slot_id AND NEW.status = 'confirmed';
END;

-- Bookings are cancelled, never deleted.
CREATE TRIGGER campaign_booking_no_delete BEFORE DELETE ON campaign_booking
BEGIN
    SELECT RAISE(ABORT, 'booking_delete');
END;
