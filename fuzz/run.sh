#!/usr/bin/env bash
# Fuzz the feed parser (seeded with feedparser's cases and the demo feeds) or the article
# extractor (seeded with the article pages in the tests and the demo).
#   bash fuzz/run.sh [SECONDS] [parse_feed|extract]   (default 600 parse_feed; needs cargo-fuzz)
# cargo-fuzz needs nightly-only compiler flags; RUSTC_BOOTSTRAP lets the stable toolchain here
# accept them. Crashes land in fuzz/artifacts/parse_feed/; keep each as a regression test in
# tests/fuzz_regressions.rs once fixed.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
target=${2:-parse_feed}
mkdir -p "corpus/$target"
if [ "$target" = extract ]; then
  find ../tests/fixtures/articles ../demo/articles -type f -name '*.html' -exec cp {} corpus/extract/ \;
else
  find ../tests/fixtures/feedparser-dev ../demo/feeds -type f \( -name '*.xml' -o -name '*.rdf' -o -name '*.json' \) \
    -size -200k -exec cp {} corpus/parse_feed/ \;
fi
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$secs" -max_len=131072 -rss_limit_mb=2048 -timeout=10
