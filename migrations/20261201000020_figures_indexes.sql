-- The key figures read alteration requests by the day they were collected (src/figures/repo.rs).
CREATE INDEX alteration_event_status_at ON alteration_event (status, at);
