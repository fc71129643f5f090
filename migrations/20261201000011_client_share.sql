-- Anti-automation on the public forms (issue 13). Every public booking, lunch order and
-- alteration request comes without an account, so one script could take a whole campaign or a
-- whole service, each request with a fresh idempotency key and a made-up contact.
--
-- `client_key` is a pseudonym of the address the request came from (server::request::
-- client_key: 16 hex digits of a SHA-256, the address itself is never stored). NULL for rows
-- made before this migration, and when the address is unknown: no share applies to them.
-- The lunch and alteration shares are decided here, by the statement that inserts, like the
-- places themselves: two requests at once cannot both slip under.
--
-- One active booking per contact and campaign stays the partial UNIQUE index
-- `campaign_booking_one_per_contact` (migration 8) on `contact`, which is already the contact's
-- key: a phone in its national form (06 12 34 56 78, from +33 or 0033 too) or a lower-case
-- e-mail (campaigns::parse_contact).

ALTER TABLE campaign_booking ADD COLUMN client_key TEXT
    CHECK (client_key IS NULL OR length(client_key) = 16);
ALTER TABLE lunch_order ADD COLUMN client_key TEXT
    CHECK (client_key IS NULL OR length(client_key) = 16);
ALTER TABLE alteration_request ADD COLUMN client_key TEXT
    CHECK (client_key IS NULL OR length(client_key) = 16);

-- One address holds at most max(40, a quarter of the campaign's places) confirmed bookings.
-- That share is counted in memory by the one process that takes every booking
-- (src/campaigns/share.rs), not here: an index on `client_key` (random values) added a WAL
-- page to every booking of a rush (0.84 -> 0.62 of the raw SQLite ceiling, BENCHMARKS.md).

-- At most 4 orders (not cancelled) per address for one lunch service: a family or a few
-- colleagues, not the whole kitchen.
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

-- At most 10 alteration requests per address in 24 hours, cancelled ones included (sending
-- and cancelling is the same work for the staff who read the queue).
CREATE INDEX alteration_request_client ON alteration_request (client_key, created_at);

CREATE TRIGGER alteration_request_address_share BEFORE INSERT ON alteration_request
WHEN NEW.client_key IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'address_share_alterations')
    WHERE (SELECT count(*) FROM alteration_request
           WHERE client_key = NEW.client_key AND created_at > NEW.created_at - 86400) >= 10;
END;
