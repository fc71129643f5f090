# Sourced by bench/run.sh and bench/booking-profile.sh.
# bench_campaign DB [SLUG]: adds a campaign open now with 2,000 slots of 100 places from tomorrow (room
# for every request of a run) and prints its first slot id; bookings are spread over the slots.
bench_campaign() {
  local db=$1 slug=${2:-bench} now
  now=$(date +%s)
  sqlite3 "$db" <<SQL >/dev/null
.timeout 10000
INSERT INTO campaign (slug, title, place, opens_at, closes_at, max_garments, created_at)
  VALUES ('$slug', 'Banc d''essai', 'Atelier', $now - 3600, $now + 30 * 86400, 3, $now);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
INSERT INTO campaign_slot (campaign_id, starts_at, ends_at, capacity)
  SELECT (SELECT id FROM campaign WHERE slug = '$slug'), $now + 86400 + i * 600, $now + 86400 + i * 600 + 600, 100 FROM n;
SQL
  sqlite3 "$db" "SELECT min(s.id) FROM campaign_slot s JOIN campaign c ON c.id = s.campaign_id WHERE c.slug = '$slug'"
}

# bench_bookings DB [SLUG]: how many bookings the bench campaign holds.
bench_bookings() {
  sqlite3 "$1" "SELECT count(*) FROM campaign_booking b JOIN campaign c ON c.id = b.campaign_id WHERE c.slug = '${2:-bench}'"
}
