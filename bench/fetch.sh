#!/usr/bin/env bash
# Fetch benchmark: herald and newsboat side by side on N feeds served on loopback, each
# answered after 200 ms. Then a second morning where every feed answers 304. Last, the case
# real lists look like: 200 feeds on 40 hosts (5 per host), herald with its default limits.
#   bash bench/fetch.sh            (needs: apt-get install newsboat; builds what it runs)
set -euo pipefail
cd "$(dirname "$0")/.."
HERALD=${HERALD:-target/release/herald}
BODY=demo/feeds/npr-top-stories.xml
PORT=18080
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build --release --quiet --bin herald --example bench_server
target/release/examples/bench_server 200 $PORT 200 $BODY > "$work/server.log" &
server=$!
until grep -q ready "$work/server.log" 2>/dev/null; do sleep 0.1; done

ms() { date +%s%3N; }
REPEAT=${REPEAT:-5}
# "median/worst" of a list of milliseconds.
stat_of() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%d/%d", a[int((NR+1)/2)], a[NR]}'; }
# The sample feed's items are from 2025-09-03: pinning the clock there puts all of them in the
# window, so each run also clusters, ranks, summarizes and renders them, as a real morning does.
MORNING1=2025-09-03T14:42:00Z
MORNING2=2025-09-03T14:52:00Z
url() { local i=$1; echo "http://127.0.$((i / 250)).$((i % 250 + 2)):$PORT/$i.xml"; }

# One feed's parse, for the budget 1.5 x (200 ms + parse).
p0=$(ms); for _ in $(seq 20); do $HERALD parse $BODY > /dev/null; done; p1=$(ms)
parse_ms=$(( (p1 - p0) / 20 ))
echo "one feed: herald parse (process start included) = ${parse_ms} ms"

printf "%-6s %-22s %10s %10s %14s\n" N tool first_ms second_ms budget_ms
echo "(herald: median/worst of $REPEAT runs each)"
# ONLY40=1 runs only the 200-feeds-on-40-hosts case (and the bare client beside it).
NS="10 50 200"; [ -n "${ONLY40:-}" ] && NS=""
for N in $NS; do
  for conc in 32 256; do
    cfg="$work/herald-$N-$conc.toml"
    { echo 'timezone = "UTC"'; echo "[fetch]"; echo "concurrency = $conc"; echo '[[section]]'; echo 'title = "All"'; echo 'full_text = "never"'; echo 'max_items = 1000'; echo 'feeds = ['
      for i in $(seq 0 $((N - 1))); do echo "  \"$(url $i)\","; done; echo ']'; } > "$cfg"
    # REPEAT fresh pairs of mornings; the median and the worst of each are printed.
    firsts=(); seconds=()
    for r in $(seq "$REPEAT"); do
      state="$work/state-$N-$conc-$r.sqlite"
      t0=$(ms); $HERALD -q brief --config "$cfg" --state "$state" --output /dev/null --now "$MORNING1"; t1=$(ms)
      $HERALD -q brief --config "$cfg" --state "$state" --output /dev/null --now "$MORNING2"; t2=$(ms)
      firsts+=($((t1 - t0))); seconds+=($((t2 - t1)))
    done
    printf "%-6s %-22s %10s %10s %14s\n" "$N" "herald (conc $conc)" "$(stat_of "${firsts[@]}")" "$(stat_of "${seconds[@]}")" $(( (200 + parse_ms) * 3 / 2 ))
  done
  if command -v newsboat > /dev/null; then
    nb="$work/nb-$N"; mkdir -p "$nb"
    for i in $(seq 0 $((N - 1))); do url $i; done > "$nb/urls"
    printf 'reload-threads 32\n' > "$nb/config"
    t0=$(ms); newsboat -x reload -u "$nb/urls" -c "$nb/cache.db" -C "$nb/config" > /dev/null 2>&1; t1=$(ms)
    newsboat -x reload -u "$nb/urls" -c "$nb/cache.db" -C "$nb/config" > /dev/null 2>&1; t2=$(ms)
    printf "%-6s %-22s %10s %10s %14s\n" "$N" "newsboat (32 threads)" $((t1 - t0)) $((t2 - t1)) -
  fi
done

# 200 feeds on 40 hosts, 5 each, with herald's default limits (no [fetch] table).
kill $server 2>/dev/null || true
wait $server 2>/dev/null || true
target/release/examples/bench_server 200 $PORT 200 $BODY 40 > "$work/server40.log" &
server=$!
until grep -q ready "$work/server40.log" 2>/dev/null; do sleep 0.1; done
url40() { local i=$1; echo "http://127.0.$(( (i % 40) / 250 )).$(( (i % 40) % 250 + 2 )):$PORT/$i.xml"; }
cfg="$work/herald-40hosts.toml"
{ echo 'timezone = "UTC"'; echo '[[section]]'; echo 'title = "All"'; echo 'full_text = "never"'; echo 'max_items = 1000'; echo 'feeds = ['
  for i in $(seq 0 199); do echo "  \"$(url40 $i)\","; done; echo ']'; } > "$cfg"
firsts=(); seconds=()
for r in $(seq "$REPEAT"); do
  state="$work/state-40-$r.sqlite"
  t0=$(ms); $HERALD -q brief --config "$cfg" --state "$state" --output /dev/null --now "$MORNING1"; t1=$(ms)
  $HERALD -q brief --config "$cfg" --state "$state" --output /dev/null --now "$MORNING2"; t2=$(ms)
  firsts+=($((t1 - t0))); seconds+=($((t2 - t1)))
done
echo
echo "200 feeds on 40 hosts (5 per host), default limits:"
printf "%-6s %-22s %10s %10s %14s\n" 200 "herald (defaults)" "$(stat_of "${firsts[@]}")" "$(stat_of "${seconds[@]}")" $(( (200 + parse_ms) * 3 / 2 ))
# The floor: a bare asyncio client that only downloads the same 200 bodies (goal: herald's
# whole first morning within 1.5 x of it).
bare=$(for i in $(seq 0 199); do url40 $i; done | python3 bench/bare_client.py --repeat "$REPEAT")
printf "%-6s %-22s %10s %10s %14s\n" 200 "bare asyncio client" "$bare" - -
herald_median=$(stat_of "${firsts[@]}" | cut -d/ -f1)
echo "herald / bare = $(awk -v h="$herald_median" -v b="$bare" 'BEGIN {printf "%.2f", h / b}') (goal <= 1.5)"
if command -v newsboat > /dev/null; then
  nb="$work/nb-40"; mkdir -p "$nb"
  for i in $(seq 0 199); do url40 $i; done > "$nb/urls"
  printf 'reload-threads 32\n' > "$nb/config"
  t0=$(ms); newsboat -x reload -u "$nb/urls" -c "$nb/cache.db" -C "$nb/config" > /dev/null 2>&1; t1=$(ms)
  newsboat -x reload -u "$nb/urls" -c "$nb/cache.db" -C "$nb/config" > /dev/null 2>&1; t2=$(ms)
  printf "%-6s %-22s %10s %10s %14s\n" 200 "newsboat (32 threads)" $((t1 - t0)) $((t2 - t1)) -
fi
