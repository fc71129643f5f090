-- Made-to-order work (src/made_to_order): requests from the public form with their photos, the
-- quotes they get (quotes now belong to a catering request or a made-to-order one), and the job
-- an accepted quote becomes. Client organisations (src/partners): the partner list becomes the
-- one list of every organisation the coop works for.

-- Client organisations: a type, an optional SIRET, the people to talk to, and the rule that
-- makes one "regular".
ALTER TABLE partner ADD COLUMN kind TEXT NOT NULL DEFAULT 'company'
    CHECK (kind IN ('company', 'association', 'school', 'public_body'));
ALTER TABLE partner ADD COLUMN siret TEXT
    CHECK (siret IS NULL OR (length(siret) = 14 AND siret NOT GLOB '*[^0-9]*'));
CREATE UNIQUE INDEX partner_siret ON partner (siret) WHERE siret IS NOT NULL;

CREATE TABLE partner_contact (
    id INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES partner (id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    role TEXT NOT NULL DEFAULT '' CHECK (length(role) <= 80),
    email TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    phone TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 20),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX partner_contact_partner ON partner_contact (partner_id);

CREATE TABLE partner_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    -- "Regular": at least this many orders over the last 12 months.
    regular_orders INTEGER NOT NULL CHECK (regular_orders BETWEEN 1 AND 100)
) STRICT;
INSERT INTO partner_settings (id, regular_orders) VALUES (1, 2);

-- A catering request names its organisation in the list (found by SIRET or name, or added).
ALTER TABLE catering_request ADD COLUMN partner_id INTEGER REFERENCES partner (id);
INSERT OR IGNORE INTO partner (name, created_at)
    SELECT organisation, min(created_at) FROM catering_request
    WHERE organisation <> '' GROUP BY organisation COLLATE NOCASE;
UPDATE catering_request
    SET partner_id = (SELECT id FROM partner WHERE partner.name = catering_request.organisation)
    WHERE organisation <> '';
CREATE INDEX catering_request_partner ON catering_request (partner_id);

CREATE TABLE made_to_order_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    -- The wished date must be at least this many days ahead.
    lead_days INTEGER NOT NULL CHECK (lead_days BETWEEN 0 AND 180)
) STRICT;
INSERT INTO made_to_order_settings (id, lead_days) VALUES (1, 14);

CREATE TABLE made_to_order_request (
    id INTEGER PRIMARY KEY,
    -- Read on the phone, e.g. S-7K3Q.
    reference TEXT NOT NULL UNIQUE,
    -- SHA-256 of the private link's token, which is also the form's idempotency key.
    token_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'requested'
        CHECK (status IN ('requested', 'cancelled', 'declined')),
    kind TEXT NOT NULL CHECK (kind IN ('prototype', 'mini_series', 'embroidery', 'pallet')),
    -- Empty for a person asking for themself.
    organisation TEXT NOT NULL DEFAULT '' CHECK (length(organisation) <= 120),
    siret TEXT CHECK (siret IS NULL OR (length(siret) = 14 AND siret NOT GLOB '*[^0-9]*')),
    partner_id INTEGER REFERENCES partner (id),
    contact_name TEXT NOT NULL
        CHECK (length(contact_name) <= 80 AND (length(contact_name) >= 1 OR erased_at IS NOT NULL)),
    email TEXT NOT NULL
        CHECK (length(email) BETWEEN 3 AND 254 OR (email = '' AND erased_at IS NOT NULL)),
    phone TEXT NOT NULL
        CHECK (length(phone) BETWEEN 10 AND 20 OR (phone = '' AND erased_at IS NOT NULL)),
    description TEXT NOT NULL
        CHECK (length(description) <= 2000 AND (length(description) >= 1 OR erased_at IS NOT NULL)),
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
    -- YYYY-MM-DD, Paris; NULL: no date wished.
    wished_day TEXT CHECK (wished_day IS NULL
        OR wished_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    budget_cents INTEGER CHECK (budget_cents IS NULL OR budget_cents BETWEEN 0 AND 100000000),
    consent_at INTEGER NOT NULL,
    client_key TEXT CHECK (client_key IS NULL OR length(client_key) = 16),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    erased_at INTEGER
) STRICT;
CREATE INDEX made_to_order_request_status ON made_to_order_request (status, created_at);
CREATE INDEX made_to_order_request_client ON made_to_order_request (client_key, created_at);
CREATE INDEX made_to_order_request_partner ON made_to_order_request (partner_id);

-- One connection sends 5 requests a day at most.
CREATE TRIGGER made_to_order_request_address_share BEFORE INSERT ON made_to_order_request
WHEN NEW.client_key IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'address_share_made_to_order')
    WHERE (SELECT count(*) FROM made_to_order_request
           WHERE client_key = NEW.client_key AND created_at > NEW.created_at - 86400) >= 5;
END;

-- Photos re-encoded as the alterations' are (src/alterations/photo.rs): no EXIF, bounded size.
CREATE TABLE made_to_order_photo (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES made_to_order_request (id),
    jpeg BLOB NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL
) STRICT;
CREATE INDEX made_to_order_photo_request ON made_to_order_photo (request_id);

-- Quotes now belong to exactly one request, of either kind. Rebuilt whole (a column loses its
-- NOT NULL), lines with it, children first: sqlx runs this in a transaction where foreign keys
-- stay on (see migration 13).
CREATE TABLE quote_new (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    catering_request_id INTEGER REFERENCES catering_request (id),
    made_to_order_request_id INTEGER REFERENCES made_to_order_request (id),
    version INTEGER NOT NULL CHECK (version >= 1),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
        ('draft', 'sent', 'accepted', 'declined', 'expired', 'cancelled', 'superseded')),
    valid_until TEXT NOT NULL CHECK (valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    deposit_cents INTEGER NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0),
    payment_terms TEXT NOT NULL CHECK (length(payment_terms) BETWEEN 1 AND 300),
    created_by INTEGER REFERENCES person (id),
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    answered_at INTEGER,
    answer_channel TEXT CHECK (answer_channel IN ('link', 'purchase_order', 'phone', 'email')),
    answer_name TEXT CHECK (answer_name IS NULL OR length(answer_name) BETWEEN 1 AND 80),
    answer_reason TEXT CHECK (answer_reason IS NULL OR length(answer_reason) <= 300),
    answered_by INTEGER REFERENCES person (id),
    accepted_copy TEXT,
    shift_id INTEGER REFERENCES shift (id),
    CHECK ((catering_request_id IS NULL) <> (made_to_order_request_id IS NULL)),
    UNIQUE (year, seq),
    UNIQUE (catering_request_id, version),
    UNIQUE (made_to_order_request_id, version)
) STRICT;
INSERT INTO quote_new (id, number, year, seq, catering_request_id, version, status, valid_until,
        discount_bp, deposit_cents, payment_terms, created_by, created_at, sent_at, answered_at,
        answer_channel, answer_name, answer_reason, answered_by, accepted_copy, shift_id)
    SELECT id, number, year, seq, catering_request_id, version, status, valid_until,
        discount_bp, deposit_cents, payment_terms, created_by, created_at, sent_at, answered_at,
        answer_channel, answer_name, answer_reason, answered_by, accepted_copy, shift_id
    FROM quote;

CREATE TABLE quote_line_new (
    id INTEGER PRIMARY KEY,
    quote_id INTEGER NOT NULL REFERENCES quote_new (id),
    designation TEXT NOT NULL CHECK (length(designation) BETWEEN 1 AND 200),
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000000),
    unit TEXT NOT NULL CHECK (length(unit) <= 20),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents BETWEEN 0 AND 100000000),
    vat_bp INTEGER NOT NULL CHECK (vat_bp IN (2000, 1000, 550, 210, 0))
) STRICT;
INSERT INTO quote_line_new SELECT id, quote_id, designation, quantity, unit, unit_price_cents, vat_bp
    FROM quote_line;

DROP TABLE quote_line;
DROP TABLE quote;
-- Renaming rewrites quote_line_new's reference to "quote".
ALTER TABLE quote_new RENAME TO quote;
ALTER TABLE quote_line_new RENAME TO quote_line;

CREATE INDEX quote_status ON quote (status, valid_until);
CREATE INDEX quote_made_to_order ON quote (made_to_order_request_id);
CREATE INDEX quote_line_quote ON quote_line (quote_id);

CREATE TRIGGER quote_no_delete BEFORE DELETE ON quote
BEGIN
    SELECT RAISE(ABORT, 'quote_delete');
END;
CREATE TRIGGER quote_line_insert_draft BEFORE INSERT ON quote_line
WHEN (SELECT status FROM quote WHERE id = NEW.quote_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'quote_not_draft');
END;
CREATE TRIGGER quote_line_update_draft BEFORE UPDATE ON quote_line
WHEN (SELECT status FROM quote WHERE id = OLD.quote_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'quote_not_draft');
END;
CREATE TRIGGER quote_line_delete_draft BEFORE DELETE ON quote_line
WHEN (SELECT status FROM quote WHERE id = OLD.quote_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'quote_not_draft');
END;

-- An accepted made-to-order quote becomes a job the workshop takes through its steps.
CREATE TABLE made_to_order_job (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL UNIQUE REFERENCES made_to_order_request (id),
    quote_id INTEGER NOT NULL UNIQUE REFERENCES quote (id),
    status TEXT NOT NULL DEFAULT 'to_start'
        CHECK (status IN ('to_start', 'in_production', 'ready', 'delivered')),
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    ready_at INTEGER,
    delivered_at INTEGER
) STRICT;
CREATE INDEX made_to_order_job_status ON made_to_order_job (status);
