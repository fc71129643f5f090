-- Catering for companies (src/catering): requests from the public form, a staff-managed list of
-- formulas, and the rules staff set (minimum covers, how far ahead).

CREATE TABLE catering_formula (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 60),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position INTEGER NOT NULL DEFAULT 0
) STRICT;

INSERT INTO catering_formula (name, position) VALUES
    ('Buffet', 1),
    ('Plateaux repas', 2),
    ('Cocktail', 3),
    ('Autre (à préciser dans le message)', 4);

CREATE TABLE catering_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    min_covers INTEGER NOT NULL CHECK (min_covers BETWEEN 1 AND 500),
    lead_days INTEGER NOT NULL CHECK (lead_days BETWEEN 0 AND 90)
) STRICT;

INSERT INTO catering_settings (id, min_covers, lead_days) VALUES (1, 10, 7);

CREATE TABLE catering_request (
    id INTEGER PRIMARY KEY,
    -- Read on the phone, e.g. T-7K3Q.
    reference TEXT NOT NULL UNIQUE,
    -- SHA-256 of the private link's token, which is also the form's idempotency key.
    token_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'requested'
        CHECK (status IN ('requested', 'cancelled', 'declined')),
    organisation TEXT NOT NULL
        CHECK (length(organisation) <= 120 AND (length(organisation) >= 1 OR erased_at IS NOT NULL)),
    siret TEXT CHECK (siret IS NULL OR (length(siret) = 14 AND siret NOT GLOB '*[^0-9]*')),
    contact_name TEXT NOT NULL
        CHECK (length(contact_name) <= 80 AND (length(contact_name) >= 1 OR erased_at IS NOT NULL)),
    email TEXT NOT NULL
        CHECK (length(email) BETWEEN 3 AND 254 OR (email = '' AND erased_at IS NOT NULL)),
    phone TEXT NOT NULL
        CHECK (length(phone) BETWEEN 10 AND 20 OR (phone = '' AND erased_at IS NOT NULL)),
    -- When and where, Paris time.
    event_day TEXT NOT NULL CHECK (event_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    event_time TEXT NOT NULL CHECK (event_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    covers INTEGER NOT NULL CHECK (covers BETWEEN 1 AND 2000),
    formula_id INTEGER NOT NULL REFERENCES catering_formula (id),
    -- NULL: at Blanchemaille; otherwise the address of the event.
    address TEXT CHECK (address IS NULL OR length(address) BETWEEN 1 AND 200),
    budget_cents_per_person INTEGER
        CHECK (budget_cents_per_person IS NULL OR budget_cents_per_person BETWEEN 0 AND 100000),
    vegetarian INTEGER NOT NULL DEFAULT 0 CHECK (vegetarian >= 0 AND vegetarian <= covers),
    vegan INTEGER NOT NULL DEFAULT 0 CHECK (vegan >= 0 AND vegan <= covers),
    no_pork INTEGER NOT NULL DEFAULT 0 CHECK (no_pork >= 0 AND no_pork <= covers),
    gluten_free INTEGER NOT NULL DEFAULT 0 CHECK (gluten_free >= 0 AND gluten_free <= covers),
    -- The 14 EU allergens to avoid, as in lunch_dish (bit i = lunch::ALLERGENS[i]).
    allergens INTEGER NOT NULL DEFAULT 0 CHECK (allergens BETWEEN 0 AND 16383),
    message TEXT NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
    consent_at INTEGER NOT NULL,
    client_key TEXT CHECK (client_key IS NULL OR length(client_key) = 16),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    erased_at INTEGER
) STRICT;
CREATE INDEX catering_request_status ON catering_request (status, event_day);
CREATE INDEX catering_request_client ON catering_request (client_key, created_at);

-- One connection sends 5 requests a day at most (a company sends one; a script sends many).
CREATE TRIGGER catering_request_address_share BEFORE INSERT ON catering_request
WHEN NEW.client_key IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'address_share_catering')
    WHERE (SELECT count(*) FROM catering_request
           WHERE client_key = NEW.client_key AND created_at > NEW.created_at - 86400) >= 5;
END;
