#!/usr/bin/env bash
# Start-up time (process start → /readyz 200) and memory (peak RSS from /usr/bin/time -v, idle RSS after 5 s) of
# the built service, on a fresh embedded PGlite and, when reachable, on a fresh PostgreSQL database.
# Usage: npm run build && bash bench/startup.sh [postgres://…/db]
set -euo pipefail
cd "$(dirname "$0")/.."
port=18080

measure () {
  local label=$1; shift
  local log; log=$(mktemp)
  local started; started=$(date +%s%N)
  env "$@" PORT=$port LOG_LEVEL=warn SCHEDULER=on /usr/bin/time -v node --max-semi-space-size=16 dist/main.js >"$log.out" 2>"$log" &
  local wrapper=$!
  until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.02; done
  local ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  sleep 5
  local pid; pid=$(pgrep -P "$wrapper" node)
  local idle_kb; idle_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$wrapper" || true
  local peak_kb; peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  printf '%-12s ready in %5d ms   idle RSS %4d MB   peak RSS %4d MB (/usr/bin/time -v)\n' "$label" "$ready_ms" $((idle_kb / 1024)) $((peak_kb / 1024))
  rm -f "$log" "$log.out"
}

data=$(mktemp -d)
measure "pglite new" DATA_DIR="$data"
measure "pglite again" DATA_DIR="$data"
rm -rf "$data"
if [ -n "${1:-}" ]; then measure "postgres" DATABASE_URL="$1"; fi
