#!/usr/bin/env bash
# Can photo bombs take the service down? (issue 13) Release server on a fresh demo database;
# BENCH_REQUESTS (8) concurrent alteration requests carrying BENCH_PHOTOS (5) bombs each: PNGs of
# BENCH_BOMB (10000x10000) black pixels, ~0.3 MB sent, 300 MB once decoded. Then one normal
# request with a phone-sized photo (4000 x 3000 JPEG of noise, ~3-4 MB), which must go through.
# Prints each answer's status and time, the server's peak memory (VmHWM) and CPU time.
# Goals: peak ≤ 300 MB, every answer ≤ 1 s, the normal request accepted.
#
# SERVER_BIN is the server binary: target/release/coop-manau by default, built by
# `cargo leptos build --release` (or, to serve the API without the WASM bundle,
# `cargo build --release --features ssr --bin coop-manau`).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${SERVER_BIN:-target/release/coop-manau}
if [ ! -x "$BIN" ]; then
  echo "photo-bomb: no server binary at $BIN." >&2
  echo "Build it with \`cargo leptos build --release\` (or \`cargo build --release --features ssr --bin coop-manau\`)," >&2
  echo "or set SERVER_BIN to one." >&2
  exit 1
fi
PORT=${BENCH_PORT:-3202}
REQUESTS=${BENCH_REQUESTS:-8}
PHOTOS=${BENCH_PHOTOS:-5}
BOMB=${BENCH_BOMB:-10000x10000}
RSS_CEILING_MB=300
TIME_CEILING_S=1
work=$(mktemp -d)
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

# Pillow makes the phone photo; without it on the machine, a venv under target/ (once).
py=python3
if ! python3 -c 'import PIL' 2>/dev/null; then
  venv=target/bench-venv
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -c 'import PIL' 2>/dev/null || "$venv/bin/pip" install --quiet pillow
  py=$venv/bin/python
fi
client() { "$py" bench/photo-bomb.py "$@"; }
client make "$work" "$BOMB"

DATABASE_URL="sqlite://$work/bench.db" DEMO=true SITE_ADDR="127.0.0.1:$PORT" \
  SITE_ROOT=${SITE_ROOT:-target/site} RUST_LOG=warn "$BIN" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
if ! curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; then
  echo "photo-bomb: the server did not start:" >&2; tail -n 20 "$work/server.log" >&2; exit 1
fi

kb_of() { awk -v k="$1" '$1 == k ":" { print $2 }' "/proc/$server_pid/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
hz=$(getconf CLK_TCK)
rss_idle=$(kb_of VmRSS)
ticks0=$(cpu_ticks)
client burst "$PORT" "$work" "$REQUESTS" "$PHOTOS" >"$work/burst.txt"
ticks1=$(cpu_ticks)
peak_burst=$(kb_of VmHWM)
read -r normal_status normal_secs normal_bytes normal_stored < <(client normal "$PORT" "$work" "$work/bench.db")
peak_all=$(kb_of VmHWM)

statuses=$(awk '{ n[$1]++ } END { for (s in n) { printf "%s%d × %s", sep, n[s], s; sep = ", " } }' "$work/burst.txt")
max_secs=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { printf "%.3f", m }' "$work/burst.txt")
bomb_bytes=$(wc -c <"$work/bomb.png")
verdict() { [ "$1" = 1 ] && echo "ok" || echo "OVER"; }
rss_ok=$(awk -v p="$peak_burst" -v c="$RSS_CEILING_MB" 'BEGIN { print (p / 1024 <= c) }')
time_ok=$(awk -v m="$max_secs" -v c="$TIME_CEILING_S" 'BEGIN { print (m <= c) }')
accepted=$([ "$normal_stored" != none ] && echo "yes, stored as $normal_stored" || echo "NO")

echo "photo bomb: $REQUESTS concurrent requests × $PHOTOS PNGs of $BOMB px ($((bomb_bytes / 1000)) KB each), $BIN"
echo "answers: $statuses"
sort -n -k2 "$work/burst.txt" | awk '{ printf "  %s in %.0f ms\n", $1, $2 * 1000 }'
echo "slowest answer: ${max_secs} s (ceiling ${TIME_CEILING_S} s): $(verdict "$time_ok")"
echo "server memory: idle $((rss_idle / 1024)) MB, peak during the burst $((peak_burst / 1024)) MB (ceiling ${RSS_CEILING_MB} MB): $(verdict "$rss_ok")"
awk -v t="$((ticks1 - ticks0))" -v hz="$hz" 'BEGIN { printf "server CPU for the burst: %.2f s\n", t / hz }'
echo "normal request (4000 × 3000 JPEG, $((normal_bytes / 1000)) KB): $normal_status in ${normal_secs} s, accepted: $accepted; peak memory after it $((peak_all / 1024)) MB"
[ "$rss_ok" = 1 ] && [ "$time_ok" = 1 ] && [ "$normal_stored" != none ]
