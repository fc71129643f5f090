-- Lunch: the weekly service days (configuration, not code), each dated service with its order
-- cut-off and pickup windows, its menu, and the public's takeaway pre-orders.
-- Instants are Unix seconds (UTC); local times "HH:MM" are Europe/Paris; money is in cents.
-- Capacity is decided by the database: counters with CHECK constraints, moved inside the
-- BEGIN IMMEDIATE transaction that records the order (src/lunch/service.rs).

-- Which weekdays lunch is served and how a new service of that weekday is set up.
CREATE TABLE lunch_day (
    weekday INTEGER PRIMARY KEY CHECK (weekday BETWEEN 1 AND 7), -- ISO 8601: 1 = Monday
    starts TEXT NOT NULL CHECK (starts GLOB '[0-2][0-9]:[0-5][0-9]' AND starts < '24:00'),
    ends TEXT NOT NULL CHECK (ends GLOB '[0-2][0-9]:[0-5][0-9]' AND ends <= '24:00'),
    -- Orders close at this time, the same morning.
    cutoff TEXT NOT NULL CHECK (cutoff GLOB '[0-2][0-9]:[0-5][0-9]' AND cutoff < '24:00'),
    window_minutes INTEGER NOT NULL CHECK (window_minutes BETWEEN 5 AND 120),
    window_capacity INTEGER NOT NULL CHECK (window_capacity BETWEEN 1 AND 200),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    CHECK (starts < ends AND cutoff <= starts)
) STRICT;

INSERT INTO lunch_day (weekday, starts, ends, cutoff, window_minutes, window_capacity) VALUES
    (2, '12:00', '14:00', '10:30', 15, 8),
    (4, '12:00', '14:00', '10:30', 15, 8);

-- One lunch on one date.
CREATE TABLE lunch_service (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL UNIQUE CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    cutoff_at INTEGER NOT NULL,
    open INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1)),
    created_at INTEGER NOT NULL,
    CHECK (starts_at < ends_at AND cutoff_at <= ends_at)
) STRICT;

CREATE TABLE lunch_window (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES lunch_service (id) ON DELETE CASCADE,
    starts_at INTEGER NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 0 AND 200),
    booked INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    open INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1)),
    UNIQUE (service_id, starts_at)
) STRICT;

CREATE TABLE lunch_dish (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES lunch_service (id) ON DELETE CASCADE,
    course TEXT NOT NULL CHECK (course IN ('entree', 'plat', 'dessert', 'boisson')),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 300),
    price_cents INTEGER NOT NULL CHECK (price_cents BETWEEN 0 AND 10000),
    portions INTEGER NOT NULL CHECK (portions BETWEEN 0 AND 500),
    -- Portions promised to pre-orders (cancelled orders give theirs back).
    ordered INTEGER NOT NULL DEFAULT 0 CHECK (ordered >= 0 AND ordered <= portions),
    -- The 14 allergens of EU regulation 1169/2011, one bit each (src/lunch/mod.rs ALLERGENS).
    allergens INTEGER NOT NULL DEFAULT 0 CHECK (allergens BETWEEN 0 AND 16383),
    -- Free labels ("végétarien", "fait maison"), comma-separated.
    labels TEXT NOT NULL DEFAULT '' CHECK (length(labels) <= 200)
) STRICT;
CREATE INDEX lunch_dish_service ON lunch_dish (service_id);

CREATE TABLE lunch_order (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES lunch_service (id),
    window_id INTEGER NOT NULL REFERENCES lunch_window (id),
    reference TEXT NOT NULL UNIQUE,
    -- SHA-256 of the private link's token. The token is also the form's idempotency key: a
    -- replayed submission finds this row and answers with the same link.
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    phone TEXT NOT NULL CHECK (length(phone) BETWEEN 10 AND 20),
    status TEXT NOT NULL DEFAULT 'placed'
        CHECK (status IN ('placed', 'ready', 'collected', 'cancelled')),
    total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX lunch_order_service ON lunch_order (service_id, window_id);

CREATE TABLE lunch_order_line (
    order_id INTEGER NOT NULL REFERENCES lunch_order (id) ON DELETE CASCADE,
    dish_id INTEGER NOT NULL REFERENCES lunch_dish (id),
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, dish_id)
) STRICT;

-- Each service's figures, kept with the orders themselves (the future "restaurant services"
-- key figure reads them): orders and portions not cancelled, collected orders, takings.
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
