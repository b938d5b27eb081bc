#!/usr/bin/env bash
# Peak memory for one 10 MiB feed (goal: under 100 MB), two shapes: 3,600 article-length items,
# and 45,000 tiny items (the worst case for a tree parser: many elements, little text).
#   bash bench/memory.sh      (needs /usr/bin/time, python3; builds what it runs)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin herald
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import random, sys
work = sys.argv[1]
cap = 10 * 1024 * 1024 - 100
def write(name, item):
    parts, size, i = ['<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Big</title>\n'], 0, 0
    while True:
        it = item(i)
        if size + len(it) > cap:
            break
        parts.append(it); size += len(it); i += 1
    parts.append('</channel></rss>')
    open(f"{work}/{name}.xml", "w").write("".join(parts))
random.seed(1)
write("articles", lambda i: '<item><title>Story %d</title><link>https://example.com/%d</link><guid>g%d</guid><pubDate>Wed, 03 Sep 2025 12:00:00 GMT</pubDate><description><![CDATA[<p>%s</p>]]></description></item>\n' % (i, i, i, " ".join("word%d" % random.randint(0, 5000) for _ in range(300))))
write("tiny", lambda i: '<item><title>S%d</title><link>https://e.com/%d</link><guid>g%d</guid><dc:creator>A</dc:creator><category>x</category><category>y</category><pubDate>Wed, 03 Sep 2025 12:00:00 GMT</pubDate><description>d</description></item>\n' % (i, i, i))
PY
printf '%-10s %14s %14s\n' feed "parse_MB" "brief_MB"
for f in articles tiny; do
  printf 'timezone = "UTC"\nwindow = "24h"\n[[section]]\ntitle = "B"\nfull_text = "never"\nfeeds = ["%s.xml"]\n' "$f" > "$work/$f.toml"
  p=$( { /usr/bin/time -f '%M' target/release/herald parse "$work/$f.xml" > /dev/null; } 2>&1 | tail -1)
  b=$( { /usr/bin/time -f '%M' target/release/herald --no-state brief --config "$work/$f.toml" --now 2025-09-03T14:00:00Z --output /dev/null; } 2>&1 | tail -1)
  printf '%-10s %14s %14s\n' "$f" $((p / 1024)) $((b / 1024))
done
