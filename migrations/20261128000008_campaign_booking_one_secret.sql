-- A booking's private link is derived from the form's idempotency key (see
-- campaigns::service::link_token), so the link's hash already identifies a replayed form: the
-- second hash and its UNIQUE index went. Under a rush every random index costs a page write per
-- booking (the bench measured ~30 KB written per booking before this change).
-- SQLite cannot drop a UNIQUE column: the table is rebuilt, its indexes and triggers with it.
CREATE TABLE campaign_booking_new (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign (id),
    slot_id INTEGER NOT NULL REFERENCES campaign_slot (id),
    -- Read aloud at the counter, e.g. O-7K3Q.
    reference TEXT NOT NULL UNIQUE,
    -- SHA-256 of the private link's token (itself derived from the form's idempotency key): the
    -- database holds neither secret.
    token_hash TEXT NOT NULL UNIQUE,
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
INSERT INTO campaign_booking_new (id, campaign_id, slot_id, reference, token_hash, name,
        group_name, garments, contact, status, attendance, created_at, updated_at)
    SELECT id, campaign_id, slot_id, reference, token_hash, name, group_name, garments, contact,
        status, attendance, created_at, updated_at
    FROM campaign_booking;
-- Drops the old table's indexes and triggers too (no trigger fires on DROP TABLE).
DROP TABLE campaign_booking;
ALTER TABLE campaign_booking_new RENAME TO campaign_booking;

CREATE INDEX campaign_booking_slot ON campaign_booking (slot_id, status);
-- One active booking per contact per campaign.
CREATE UNIQUE INDEX campaign_booking_one_per_contact
    ON campaign_booking (campaign_id, contact) WHERE status = 'confirmed';

-- The triggers of migration 5, unchanged.
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
