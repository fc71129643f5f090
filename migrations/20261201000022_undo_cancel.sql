-- Undoing a cancellation (minutes after it, while the place is still free) is offered only for
-- what the person cancelled themselves through the private link: a booking cancelled by staff
-- (a burst of made-up bookings) must never come back by the same link.
ALTER TABLE campaign_booking ADD COLUMN self_cancelled_at INTEGER;
