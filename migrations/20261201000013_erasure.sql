-- The right to erasure (src/privacy): the public's name, phone, e-mail, notes and photos can be
-- scrubbed from a request, an order or a booking while its anonymous counts stay for the key
-- figures. `erased_at` says when; the CHECKs below accept empty personal fields only then.
--
-- SQLite cannot change a CHECK in place, so the three tables are rebuilt. sqlx runs a SQLite
-- migration inside a transaction, where `PRAGMA foreign_keys = OFF` has no effect, and with
-- foreign keys on, dropping a parent table deletes its rows first and cascades to the children.
-- So each family is rebuilt whole: the new tables reference each other's new names, the old
-- ones are dropped children first, then the renames make SQLite rewrite the references.

-- Lunch orders and their lines.
DROP VIEW lunch_service_total;

CREATE TABLE lunch_order_new (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES lunch_service (id),
    window_id INTEGER NOT NULL REFERENCES lunch_window (id),
    reference TEXT NOT NULL UNIQUE,
    -- SHA-256 of the private link's token. The token is also the form's idempotency key: a
    -- replayed submission finds this row and answers with the same link.
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(name) <= 60 AND (length(name) >= 1 OR erased_at IS NOT NULL)),
    phone TEXT NOT NULL
        CHECK (length(phone) BETWEEN 10 AND 20 OR (phone = '' AND erased_at IS NOT NULL)),
    status TEXT NOT NULL DEFAULT 'placed'
        CHECK (status IN ('placed', 'ready', 'collected', 'cancelled')),
    total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    client_key TEXT CHECK (client_key IS NULL OR length(client_key) = 16),
    erased_at INTEGER
) STRICT;

CREATE TABLE lunch_order_line_new (
    order_id INTEGER NOT NULL REFERENCES lunch_order_new (id) ON DELETE CASCADE,
    dish_id INTEGER NOT NULL REFERENCES lunch_dish (id),
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, dish_id)
) STRICT;

INSERT INTO lunch_order_new (id, service_id, window_id, reference, token_hash, name, phone,
        status, total_cents, created_at, updated_at, client_key)
    SELECT id, service_id, window_id, reference, token_hash, name, phone, status, total_cents,
        created_at, updated_at, client_key
    FROM lunch_order;
INSERT INTO lunch_order_line_new SELECT order_id, dish_id, quantity, unit_price_cents
    FROM lunch_order_line;
DROP TABLE lunch_order_line;
DROP TABLE lunch_order;
ALTER TABLE lunch_order_new RENAME TO lunch_order;
ALTER TABLE lunch_order_line_new RENAME TO lunch_order_line;

CREATE INDEX lunch_order_service ON lunch_order (service_id, window_id);
CREATE INDEX lunch_order_client ON lunch_order (service_id, client_key, status)
    WHERE status <> 'cancelled';
CREATE TRIGGER lunch_order_address_share BEFORE INSERT ON lunch_order
WHEN NEW.status <> 'cancelled' AND NEW.client_key IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'address_share_lunch')
    WHERE (SELECT count(*) FROM lunch_order
           WHERE service_id = NEW.service_id AND client_key = NEW.client_key
             AND status <> 'cancelled') >= 4;
END;

CREATE VIEW lunch_service_total AS
SELECT s.id AS service_id,
       s.day AS day,
       count(DISTINCT o.id) AS orders,
       coalesce(sum(l.quantity), 0) AS portions,
       count(DISTINCT CASE WHEN o.status = 'collected' THEN o.id END) AS collected,
       coalesce(sum(l.quantity * l.unit_price_cents), 0) AS takings_cents
FROM lunch_service s
LEFT JOIN lunch_order o ON o.service_id = s.id AND o.status <> 'cancelled'
LEFT JOIN lunch_order_line l ON l.order_id = o.id
GROUP BY s.id;

-- Hem-campaign bookings (nothing references them).
CREATE TABLE campaign_booking_new (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign (id),
    slot_id INTEGER NOT NULL REFERENCES campaign_slot (id),
    -- Read aloud at the counter, e.g. O-7K3Q.
    reference TEXT NOT NULL UNIQUE,
    -- SHA-256 of the private link's token (itself derived from the form's idempotency key): the
    -- database holds neither secret.
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(name) <= 80 AND (length(name) >= 1 OR erased_at IS NOT NULL)),
    -- The class: kept after an erasure (garments per class are counted for the school).
    group_name TEXT NOT NULL CHECK (length(group_name) BETWEEN 1 AND 60),
    garments INTEGER NOT NULL CHECK (garments BETWEEN 1 AND 20),
    -- A normalised phone number (06 12 34 56 78) or a lower-case email.
    contact TEXT NOT NULL
        CHECK (length(contact) BETWEEN 3 AND 254 OR (contact = '' AND erased_at IS NOT NULL)),
    status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
    -- The day sheet: a no-show frees nothing (the slot's day is over).
    attendance TEXT NOT NULL DEFAULT 'expected'
        CHECK (attendance IN ('expected', 'came', 'done', 'no_show')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    client_key TEXT CHECK (client_key IS NULL OR length(client_key) = 16),
    erased_at INTEGER
) STRICT;
INSERT INTO campaign_booking_new (id, campaign_id, slot_id, reference, token_hash, name,
        group_name, garments, contact, status, attendance, created_at, updated_at, client_key)
    SELECT id, campaign_id, slot_id, reference, token_hash, name, group_name, garments, contact,
        status, attendance, created_at, updated_at, client_key
    FROM campaign_booking;
DROP TABLE campaign_booking;
ALTER TABLE campaign_booking_new RENAME TO campaign_booking;

CREATE INDEX campaign_booking_slot ON campaign_booking (slot_id, status);
CREATE UNIQUE INDEX campaign_booking_one_per_contact
    ON campaign_booking (campaign_id, contact) WHERE status = 'confirmed' AND erased_at IS NULL;

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

CREATE TRIGGER campaign_booking_no_delete BEFORE DELETE ON campaign_booking
BEGIN
    SELECT RAISE(ABORT, 'booking_delete');
END;

-- Alteration requests, their garments, photos and history.
CREATE TABLE alteration_request_new (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    -- The private tracking link's token, as SHA-256 (accounts::token). The form's idempotency
    -- key is that token: a replayed submission finds its request instead of making another.
    token_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN (
        'requested', 'accepted', 'declined', 'cancelled',
        'dropped_off', 'in_progress', 'ready', 'collected')),
    contact_name TEXT NOT NULL
        CHECK (length(contact_name) <= 80 AND (length(contact_name) >= 1 OR erased_at IS NOT NULL)),
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
    client_key TEXT CHECK (client_key IS NULL OR length(client_key) = 16),
    erased_at INTEGER,
    CHECK (phone IS NOT NULL OR email IS NOT NULL OR erased_at IS NOT NULL)
) STRICT;

CREATE TABLE alteration_item_new (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES alteration_request_new (id) ON DELETE CASCADE,
    service_id INTEGER NOT NULL REFERENCES alteration_service (id),
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 20),
    -- The price list's unit price when sent (NULL: sur devis).
    unit_cents INTEGER,
    note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200)
) STRICT;

CREATE TABLE alteration_photo_new (
    item_id INTEGER PRIMARY KEY REFERENCES alteration_item_new (id) ON DELETE CASCADE,
    jpeg BLOB NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL
) STRICT;

CREATE TABLE alteration_event_new (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES alteration_request_new (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    at INTEGER NOT NULL,
    -- NULL: the person themselves (sent, cancelled).
    actor_id INTEGER REFERENCES person (id)
) STRICT;

INSERT INTO alteration_request_new (id, reference, token_hash, status, contact_name, phone, email,
        consent_at, partner_id, dropoff_date, estimated_cents, has_quote_items, confirmed_cents,
        decline_reason, shelf, created_at, updated_at, client_key)
    SELECT id, reference, token_hash, status, contact_name, phone, email, consent_at, partner_id,
        dropoff_date, estimated_cents, has_quote_items, confirmed_cents, decline_reason, shelf,
        created_at, updated_at, client_key
    FROM alteration_request;
INSERT INTO alteration_item_new SELECT id, request_id, service_id, quantity, unit_cents, note
    FROM alteration_item;
INSERT INTO alteration_photo_new SELECT item_id, jpeg, width, height FROM alteration_photo;
INSERT INTO alteration_event_new SELECT id, request_id, status, at, actor_id FROM alteration_event;
DROP TABLE alteration_photo;
DROP TABLE alteration_event;
DROP TABLE alteration_item;
DROP TABLE alteration_request;
ALTER TABLE alteration_request_new RENAME TO alteration_request;
ALTER TABLE alteration_item_new RENAME TO alteration_item;
ALTER TABLE alteration_photo_new RENAME TO alteration_photo;
ALTER TABLE alteration_event_new RENAME TO alteration_event;

CREATE INDEX alteration_request_status ON alteration_request (status, dropoff_date);
CREATE INDEX alteration_request_day ON alteration_request (dropoff_date);
CREATE INDEX alteration_request_client ON alteration_request (client_key, created_at);
CREATE INDEX alteration_item_request ON alteration_item (request_id);
CREATE INDEX alteration_event_request ON alteration_event (request_id);

CREATE TRIGGER alteration_request_address_share BEFORE INSERT ON alteration_request
WHEN NEW.client_key IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'address_share_alterations')
    WHERE (SELECT count(*) FROM alteration_request
           WHERE client_key = NEW.client_key AND created_at > NEW.created_at - 86400) >= 10;
END;

-- Accounts: when someone last did something (sign-in, session renewal), for the 2-year purge.
ALTER TABLE person ADD COLUMN last_active_at INTEGER;
UPDATE person SET last_active_at = coalesce(
    (SELECT max(renewed_at) FROM session WHERE session.person_id = person.id), created_at);
-- A pseudonymised account (src/privacy): names replaced, contact details gone.
ALTER TABLE person ADD COLUMN erased_at INTEGER;
CREATE TRIGGER person_active_on_sign_in AFTER INSERT ON session
BEGIN
    UPDATE person SET last_active_at = NEW.created_at WHERE id = NEW.person_id;
END;
CREATE TRIGGER person_active_on_renewal AFTER UPDATE OF renewed_at ON session
BEGIN
    UPDATE person SET last_active_at = NEW.renewed_at WHERE id = NEW.person_id;
END;
