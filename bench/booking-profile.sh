#!/usr/bin/env bash
# The booking run alone, with what it costs the server: the figures of BENCHMARKS.md's "what
# moved it" table. Release server on a fresh demo database, the bench campaign, then
# `wrk -t2 -c64` posting bookings (bench/booking.lua) for BENCH_BOOKING_DURATION (10s).
# Prints bookings/s, the server's CPU time per booking (/proc/PID/stat), the bytes it wrote per
# booking (/proc/PID/io) and wrk's own CPU time. PERF=1 also records a profile to perf.data.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/campaign.sh

PORT=${BENCH_PORT:-3201}
DURATION=${BENCH_BOOKING_DURATION:-10s}
work=$(mktemp -d)
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

# TRUST_PROXY: bench/booking.lua plays one address per booking through X-Forwarded-For.
DATABASE_URL="sqlite://$work/bench.db" DEMO=true TRUST_PROXY=true SITE_ADDR="127.0.0.1:$PORT" SITE_ROOT=target/site RUST_LOG=warn \
  ./target/release/coop-manau &
server_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
first_slot=$(bench_campaign "$work/bench.db")

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
written() { awk '/^wchar/ { print $2 }' "/proc/$server_pid/io"; }
ticks0=$(cpu_ticks); bytes0=$(written)
if [ "${PERF:-0}" = 1 ]; then
  perf record -F 499 -g -p "$server_pid" -o perf.data -- sleep "${DURATION%s}" >/dev/null 2>&1 &
  perf_pid=$!
fi
/usr/bin/time -f "wrk CPU: %U s user, %S s system" \
  wrk -t2 -c64 -d"$DURATION" --latency -s bench/booking.lua \
  "http://127.0.0.1:$PORT/api/book_campaign_slot" -- "$first_slot" 2000 |
  grep -E "Requests/sec|not booked|50%|99%"
ticks1=$(cpu_ticks); bytes1=$(written)
[ -n "${perf_pid:-}" ] && wait "$perf_pid"
bookings=$(bench_bookings "$work/bench.db")
hz=$(getconf CLK_TCK)
awk -v n="$bookings" -v t="$((ticks1 - ticks0))" -v hz="$hz" -v b="$((bytes1 - bytes0))" 'BEGIN {
  printf "bookings: %d\nserver CPU per booking: %.0f µs\nwritten per booking: %.1f KB\n",
    n, t / hz / n * 1e6, b / n / 1000 }'
