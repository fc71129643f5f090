#!/usr/bin/env bash
# `make bench`: the size and speed figures of BENCHMARKS.md, measured on the release build.
# Rewrites the part of BENCHMARKS.md between the bench markers; the rest of the file is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/campaign.sh

need() { # command apt-package
  command -v "$1" >/dev/null && return
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "$1 is missing: sudo apt-get install $2" >&2; exit 1
  fi
}
need wrk wrk
need brotli brotli
need sqlite3 sqlite3

PORT=${BENCH_PORT:-3200}
DURATION=${BENCH_DURATION:-30s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
work=$(mktemp -d)
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

sizes() { # file -> "raw gzip brotli"
  printf '%s %s %s' "$(wc -c <"$1")" "$(gzip -9 -c "$1" | wc -c)" "$(brotli -q 11 -c "$1" | wc -c)"
}
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }

pkg=target/site/pkg
wasm=$(ls "$pkg"/*.wasm | head -n1)
js=$(ls "$pkg"/*.js | head -n1)
css=$(ls "$pkg"/*.css | head -n1)
read -r wasm_raw wasm_gz wasm_br <<<"$(sizes "$wasm")"
read -r js_raw js_gz js_br <<<"$(sizes "$js")"
read -r css_raw css_gz css_br <<<"$(sizes "$css")"

# TRUST_PROXY: bench/booking.lua plays one address per booking through X-Forwarded-For.
DATABASE_URL="sqlite://$work/bench.db" DEMO=true TRUST_PROXY=true SITE_ADDR="127.0.0.1:$PORT" SITE_ROOT=target/site RUST_LOG=warn \
  ./target/release/coop-manau &
server_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

curl -s "http://127.0.0.1:$PORT/" -o "$work/home.html"
html_raw=$(wc -c <"$work/home.html")
html_br=$(curl -s -H 'Accept-Encoding: br' "http://127.0.0.1:$PORT/" | wc -c)
# The page's own small script (server/enhance.js, cached a year): as served, brotli.
enhance=$(grep -o '/enhance\.[0-9a-f]*\.js' "$work/home.html" | head -n1)
enhance_raw=$(curl -s "http://127.0.0.1:$PORT$enhance" | wc -c)
enhance_br=$(curl -s -H 'Accept-Encoding: br' "http://127.0.0.1:$PORT$enhance" | wc -c)
first_load_br=$((html_br + wasm_br + js_br + css_br + enhance_br))

rss_idle=$(awk '/VmRSS/ { print $2 }' "/proc/$server_pid/status")
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT/" >"$work/wrk.txt"
rss_peak=$(awk '/VmHWM/ { print $2 }' "/proc/$server_pid/status")
cat "$work/wrk.txt"
rps=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.txt")
p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk.txt")
p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")
errors=$(awk '/Non-2xx|Socket errors/ { print }' "$work/wrk.txt")

# --- Booking under a rush (Opération ourlets) ---
# The raw SQLite ceiling on this disk: one-row inserts, each its own durable transaction
# (WAL, synchronous=FULL, as the app), measured with the sqlite3 shell in the same folder.
CEILING_ROWS=${BENCH_CEILING_ROWS:-5000}
BOOKING_DURATION=${BENCH_BOOKING_DURATION:-15s}
{
  echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
  echo "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT;"
  for i in $(seq "$CEILING_ROWS"); do echo "INSERT INTO t (v) VALUES ('row $i');"; done
} >"$work/ceiling.sql"
t0=$(date +%s.%N)
sqlite3 "$work/ceiling.db" <"$work/ceiling.sql" >/dev/null
t1=$(date +%s.%N)
ceiling=$(awk -v n="$CEILING_ROWS" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
[ "$(sqlite3 "$work/ceiling.db" 'SELECT count(*) FROM t')" = "$CEILING_ROWS" ]

db="$work/bench.db"
first_slot=$(bench_campaign "$db")
wrk -t2 -c"$CONNECTIONS" -d"$BOOKING_DURATION" --latency -s bench/booking.lua \
  "http://127.0.0.1:$PORT/api/book_campaign_slot" -- "$first_slot" 2000 >"$work/booking.txt"
cat "$work/booking.txt"
bookings=$(bench_bookings "$db")
overbooked=$(sqlite3 "$db" "SELECT count(*) FROM campaign_slot s WHERE s.booked > s.capacity OR s.booked <>
  (SELECT count(*) FROM campaign_booking b WHERE b.slot_id = s.id AND b.status = 'confirmed')")
booking_secs=$(awk '/requests in/ { sub(/s,?$/, "", $4); print $4 }' "$work/booking.txt")
booking_rate=$(awk -v n="$bookings" -v s="$booking_secs" 'BEGIN { printf "%.0f", n / s }')
booking_p50=$(awk '$1 == "50%" { print $2 }' "$work/booking.txt")
booking_p99=$(awk '$1 == "99%" { print $2 }' "$work/booking.txt")
not_booked=$(awk '/^not booked:/ { print $3 }' "$work/booking.txt")
booking_errors=$(awk '/Non-2xx|Socket errors/ { print }' "$work/booking.txt")
ratio=$(awk -v a="$booking_rate" -v b="$ceiling" 'BEGIN { printf "%.2f", a / b }')

# --- The same rush while backups run (coop-manau backup, every 2 s, as a timer would) ---
second_slot=$(bench_campaign "$db" bench-backup)
( while :; do
    DATABASE_URL="sqlite://$db" SITE_ROOT=target/site RUST_LOG=warn \
      ./target/release/coop-manau backup --to "$work/backups" --keep 2 >/dev/null 2>>"$work/backup-errors.txt" \
      && echo ok >>"$work/backups-made.txt"
    sleep 2
  done ) &
backup_loop=$!
wrk -t2 -c"$CONNECTIONS" -d"$BOOKING_DURATION" --latency -s bench/booking.lua \
  "http://127.0.0.1:$PORT/api/book_campaign_slot" -- "$second_slot" 2000 bench-backup k >"$work/booking-backup.txt"
kill "$backup_loop" 2>/dev/null || true
wait "$backup_loop" 2>/dev/null || true
cat "$work/booking-backup.txt"
backups_made=$(wc -l <"$work/backups-made.txt" 2>/dev/null || echo 0)
backup_failures=$(wc -l <"$work/backup-errors.txt" 2>/dev/null || echo 0)
during_bookings=$(bench_bookings "$db" bench-backup)
during_secs=$(awk '/requests in/ { sub(/s,?$/, "", $4); print $4 }' "$work/booking-backup.txt")
during_rate=$(awk -v n="$during_bookings" -v s="$during_secs" 'BEGIN { printf "%.0f", n / s }')
during_p99=$(awk '$1 == "99%" { print $2 }' "$work/booking-backup.txt")
during_max=$(awk '$1 == "Latency" { print $4 }' "$work/booking-backup.txt")
during_errors=$(awk '/Non-2xx|Socket errors/ { print }' "$work/booking-backup.txt")
during_not_booked=$(awk '/^not booked:/ { print $3 }' "$work/booking-backup.txt")

machine="$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(free -g | awk '/Mem:/ { print $2 }') GiB, $(. /etc/os-release; echo "$PRETTY_NAME")"
{
  echo "<!-- bench:start (written by \`make bench\`, do not edit by hand) -->"
  echo "## Latest figures"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $machine, release build, by \`make bench\`."
  echo
  echo "### What the first page loads (home page)"
  echo
  echo "| file | raw | gzip -9 | brotli -q 11 |"
  echo "|---|---|---|---|"
  echo "| WASM \`$(basename "$wasm")\` | $(kb "$wasm_raw") | $(kb "$wasm_gz") | $(kb "$wasm_br") |"
  echo "| JS \`$(basename "$js")\` | $(kb "$js_raw") | $(kb "$js_gz") | $(kb "$js_br") |"
  echo "| CSS \`$(basename "$css")\` | $(kb "$css_raw") | $(kb "$css_gz") | $(kb "$css_br") |"
  echo "| page script \`${enhance#/}\` (as served, brotli) | $(kb "$enhance_raw") | | $(kb "$enhance_br") |"
  echo "| home HTML (as served, brotli) | $(kb "$html_raw") | | $(kb "$html_br") |"
  echo
  echo "First load, brotli, all of the above: **$(kb "$first_load_br")** (budget ≤ 100 KB)."
  echo
  echo "### Home page under load"
  echo
  echo "\`wrk -t2 -c$CONNECTIONS -d$DURATION --latency\` on loopback, server and load generator on the same machine:"
  echo
  echo "| requests/s | p50 | p99 | server memory idle → peak |"
  echo "|---|---|---|---|"
  echo "| $rps | $p50 | $p99 | $((rss_idle / 1024)) MB → $((rss_peak / 1024)) MB |"
  echo
  echo "Goals: ≥ 5,000 req/s, p99 ≤ 20 ms. ${errors:-No socket errors, no non-2xx answers.}"
  echo
  echo "### Booking under a rush (Opération ourlets)"
  echo
  echo "\`wrk -t2 -c$CONNECTIONS -d$BOOKING_DURATION\` posting \`/api/book_campaign_slot\` (bench/booking.lua: each request a new"
  echo "student, contact and idempotency key, spread over 2,000 slots of 100 places), release server,"
  echo "\`synchronous=FULL\`, WAL. The ceiling is raw SQLite on the same disk in the same run: $CEILING_ROWS"
  echo "one-row inserts, each its own durable transaction (sqlite3 shell, WAL, \`synchronous=FULL\`)."
  echo
  echo "| bookings/s | p50 | p99 | raw SQLite ceiling (inserts/s) | ratio | overbooked slots | not booked / errors |"
  echo "|---|---|---|---|---|---|---|"
  echo "| $booking_rate | $booking_p50 | $booking_p99 | $ceiling | $ratio | $overbooked | ${not_booked:-?} |"
  echo
  echo "Goal: ≥ 0.8 × the ceiling, 0 overbooked, 0 errors. ${booking_errors:-No socket errors, no non-2xx answers.}"
  echo
  echo "### The same rush while backups run"
  echo
  echo "The same wrk run on a second campaign while \`coop-manau backup --to DIR --keep 2\` copies the"
  echo "database every 2 s (\`VACUUM INTO\` on a read connection, fsync, integrity and foreign-key checks)."
  echo
  echo "| bookings/s | p99 | slowest | backups made / failed | not booked / errors |"
  echo "|---|---|---|---|---|"
  echo "| $during_rate | $during_p99 | $during_max | $backups_made / $backup_failures | ${during_not_booked:-?} |"
  echo
  echo "Goal: no booking waits more than 1 s, 0 errors, every backup checked. ${during_errors:-No socket errors, no non-2xx answers.}"
  echo "<!-- bench:end -->"
} >"$work/figures.md"

if [ -f BENCHMARKS.md ] && grep -q '<!-- bench:start' BENCHMARKS.md; then
  awk -v figures="$work/figures.md" '
    /<!-- bench:start/ { while ((getline line < figures) > 0) print line; skip = 1; next }
    /<!-- bench:end -->/ { skip = 0; next }
    !skip { print }' BENCHMARKS.md >"$work/BENCHMARKS.md"
  mv "$work/BENCHMARKS.md" BENCHMARKS.md
else
  { echo "# Benchmarks"; echo; cat "$work/figures.md"; } >BENCHMARKS.md
fi
cat "$work/figures.md"
