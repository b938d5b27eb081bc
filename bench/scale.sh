#!/usr/bin/env bash
# Scale benchmark (DESIGN budget): 1,000 feeds and a 1,000,000-item archive — a briefing in
# < 5 s of herald's own time and < 300 MB. The feeds answer at once from loopback, so the wall
# time is herald's own time (plus the loopback server's). Then the same with an empty archive,
# to show what the archive costs.
#   bash bench/scale.sh [FEEDS] [ITEMS_PER_FEED]      (default 1000 1000; needs /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
FEEDS=${1:-1000}
PER_FEED=${2:-1000}
HERALD=${HERALD:-target/release/herald}
PORT=18090
NOW=2025-09-03T14:42:00Z
LATER=2025-09-03T14:52:00Z
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build --release --quiet --bin herald --example bench_server --example scale_archive
target/release/examples/bench_server "$FEEDS" $PORT 0 synthetic > "$work/server.log" &
server=$!
until grep -q ready "$work/server.log" 2>/dev/null; do sleep 0.1; done

cfg="$work/config.toml"
{
  echo 'timezone = "America/Toronto"'
  echo 'window = "since-last"'
  for s in $(seq 0 19); do
    echo '[[section]]'; echo "title = \"Section $s\""; echo 'max_items = 8'; echo 'feeds = ['
    for i in $(seq $((s * FEEDS / 20)) $(((s + 1) * FEEDS / 20 - 1))); do
      echo "  \"http://127.0.$((i / 250)).$((i % 250 + 2)):$PORT/$i.xml\","
    done
    echo ']'
  done
} > "$cfg"

archive="$work/archive.sqlite"
t0=$(date +%s%3N)
target/release/examples/scale_archive "$archive" "$FEEDS" "$PER_FEED" $PORT $NOW 2> /dev/null
t1=$(date +%s%3N)
items=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from items').fetchone()[0])" "$archive")
echo "archive: $items items, $(du -m "$archive" | cut -f1) MB, built in $(( (t1 - t0) / 1000 )) s"

run() { # label state now
  # A file per run: a second run into the same day's file would fold the morning in.
  runs=$((${runs:-0} + 1))
  out="$work/out-$runs.md"
  /usr/bin/time -f "%e %M" -o "$work/time" $HERALD -q brief --config "$cfg" --state "$2" --now "$3" --output "$out"
  read -r secs kb < "$work/time"
  printf "%-44s %8s s %8s MB  (%s entries)\n" "$1" "$secs" $((kb / 1024)) "$(grep -c '^- \*\*' "$out" || true)"
}
search() { # label
  /usr/bin/time -f "%e %M" -o "$work/time" $HERALD -q search --state "$archive" --limit 10 w123 w4567 > "$work/hits"
  read -r secs kb < "$work/time"
  printf "%-44s %8s s %8s MB  (%s results)\n" "$1" "$secs" $((kb / 1024)) "$(grep -c '^2025' "$work/hits")"
}
# The archive as months of mornings leave it: indexed for search (the first search indexes
# everything queued), then a morning that adds 10,000 items and prunes the oldest day.
search "first search (indexes the whole archive)"
search "second search"
cp "$archive" "$archive.before"
run "archive, first morning (all 200, prunes a day)" "$archive" $NOW
run "archive, second morning (all 304)" "$archive" $LATER
# Developing stories' cost: the same first morning with linking off ([stories] span_days = 0),
# on a copy of the archive as it was before that morning.
cp "$work/config.toml" "$work/config-nostories.toml"
printf '[stories]\nspan_days = 0\n' >> "$work/config-nostories.toml"
cp "$archive.before" "$work/nostories.sqlite"
cp "$archive.before" "$work/stories.sqlite"
cfg_stories="$cfg"
cfg="$work/config-nostories.toml"; run "archive, first morning, stories off" "$work/nostories.sqlite" $NOW
cfg="$cfg_stories"; run "archive, first morning, stories on (again)" "$work/stories.sqlite" $NOW
search "search after the mornings (indexes 10,000)"
run "empty state, first morning" "$work/empty.sqlite" $NOW
run "empty state, second morning" "$work/empty.sqlite" $LATER
