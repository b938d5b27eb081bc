#!/usr/bin/env bash
# Serve benchmark (DESIGN budget): on the 1,000,000-item archive of bench/scale.sh, with two
# editions, 50 concurrent clients: /search p99 < 50 ms, an edition page p99 < 10 ms, < 100 MB.
#   bash bench/serve.sh [SECONDS]     (default 15 s per route; needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}
FEEDS=1000
PER_FEED=1000
HERALD=target/release/herald
PORT=18090
SPORT=18095
work=$(mktemp -d)
trap 'kill $server $serve 2>/dev/null || true; rm -rf "$work"' EXIT
command -v wrk > /dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }

cargo build --release --quiet --bin herald --example bench_server --example scale_archive
target/release/examples/bench_server "$FEEDS" $PORT 0 synthetic > "$work/server.log" &
server=$!
until grep -q ready "$work/server.log" 2>/dev/null; do sleep 0.1; done
cfg="$work/config.toml"
{
  echo 'timezone = "America/Toronto"'; echo 'window = "since-last"'
  for s in $(seq 0 19); do
    echo '[[section]]'; echo "title = \"Section $s\""; echo 'max_items = 8'; echo 'full_text = "never"'; echo 'feeds = ['
    for i in $(seq $((s * FEEDS / 20)) $(((s + 1) * FEEDS / 20 - 1))); do
      echo "  \"http://127.0.$((i / 250)).$((i % 250 + 2)):$PORT/$i.xml\","
    done
    echo ']'
  done
} > "$cfg"
archive="$work/archive.sqlite"
target/release/examples/scale_archive "$archive" "$FEEDS" "$PER_FEED" $PORT 2025-09-03T14:42:00Z 2> /dev/null
$HERALD -q brief --config "$cfg" --state "$archive" --now 2025-09-03T14:42:00Z --output /dev/null
$HERALD -q brief --config "$cfg" --state "$archive" --now 2025-09-04T14:42:00Z --output /dev/null
$HERALD -q search --state "$archive" w123 > /dev/null   # index the archive once
kill $server
$HERALD -q --state "$archive" serve --listen 127.0.0.1:$SPORT &
serve=$!
sleep 2
for path in /2025-09-04 "/search?q=w123+w4567" /; do
  echo "== GET $path (50 connections, ${SECS} s)"
  wrk -t2 -c50 -d"${SECS}s" --latency "http://127.0.0.1:$SPORT$path" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
done
echo "server peak RSS: $(( $(grep VmHWM /proc/$serve/status | awk '{print $2}') / 1024 )) MB"
