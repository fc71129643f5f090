-- Quotes (src/quotes): numbered without gaps per year, versions per request, lines that change
-- only while the quote is a draft, what the client accepted kept as it was.

-- The seller's mentions every quote carries (the coop's legal details, set by staff).
CREATE TABLE seller (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    legal_form TEXT NOT NULL CHECK (length(legal_form) <= 80),
    address TEXT NOT NULL CHECK (length(address) <= 200),
    -- NULL until staff enter it: no quote is sent without it.
    siret TEXT CHECK (siret IS NULL OR (length(siret) = 14 AND siret NOT GLOB '*[^0-9]*')),
    -- "TVA non applicable, art. 293 B du CGI" or the intra-community VAT number.
    vat_note TEXT NOT NULL CHECK (length(vat_note) <= 120),
    -- The late-payment penalty rate, as the law asks it to be written.
    penalty_rate TEXT NOT NULL CHECK (length(penalty_rate) BETWEEN 1 AND 120),
    payment_terms TEXT NOT NULL CHECK (length(payment_terms) BETWEEN 1 AND 300)
) STRICT;

INSERT INTO seller (id, name, legal_form, address, siret, vat_note, penalty_rate, payment_terms)
VALUES (1, 'Centre social Alma — Coop''Manau', 'Association loi 1901',
        'Blanchemaille, 59100 Roubaix', NULL, '',
        'trois fois le taux d''intérêt légal',
        'Paiement à 30 jours à réception de la facture, par virement.');

CREATE TABLE quote (
    id INTEGER PRIMARY KEY,
    -- DEV-2027-0001: `seq` counts the year's quotes from 1, without gaps (quotes are never
    -- deleted: a quote given up is cancelled).
    number TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    catering_request_id INTEGER NOT NULL REFERENCES catering_request (id),
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
    -- link: "Bon pour accord" on the private link; the others recorded by staff.
    answer_channel TEXT CHECK (answer_channel IN ('link', 'purchase_order', 'phone', 'email')),
    answer_name TEXT CHECK (answer_name IS NULL OR length(answer_name) BETWEEN 1 AND 80),
    answer_reason TEXT CHECK (answer_reason IS NULL OR length(answer_reason) <= 300),
    answered_by INTEGER REFERENCES person (id),
    -- What was accepted (lines and totals, JSON), as it was shown.
    accepted_copy TEXT,
    -- An accepted catering quote's event in the planning (the kitchen's shift for it).
    shift_id INTEGER REFERENCES shift (id),
    UNIQUE (year, seq),
    UNIQUE (catering_request_id, version)
) STRICT;
CREATE INDEX quote_status ON quote (status, valid_until);

CREATE TRIGGER quote_no_delete BEFORE DELETE ON quote
BEGIN
    SELECT RAISE(ABORT, 'quote_delete');
END;

CREATE TABLE quote_line (
    id INTEGER PRIMARY KEY,
    quote_id INTEGER NOT NULL REFERENCES quote (id),
    designation TEXT NOT NULL CHECK (length(designation) BETWEEN 1 AND 200),
    -- Hundredths: 250 is 2,5.
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000000),
    unit TEXT NOT NULL CHECK (length(unit) <= 20),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents BETWEEN 0 AND 100000000),
    vat_bp INTEGER NOT NULL CHECK (vat_bp IN (2000, 1000, 550, 210, 0))
) STRICT;
CREATE INDEX quote_line_quote ON quote_line (quote_id);

-- A sent quote is a document: its lines no longer change.
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
