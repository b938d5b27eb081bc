#!/usr/bin/env bash
# Fuzz the feed parser, seeded with feedparser's cases and the demo feeds.
#   bash fuzz/run.sh [SECONDS]      (default 600; needs: cargo install cargo-fuzz)
# cargo-fuzz needs nightly-only compiler flags; RUSTC_BOOTSTRAP lets the stable toolchain here
# accept them. Crashes land in fuzz/artifacts/parse_feed/; keep each as a regression test in
# tests/fuzz_regressions.rs once fixed.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
mkdir -p corpus/parse_feed
find ../tests/fixtures/feedparser-dev ../demo/feeds -type f \( -name '*.xml' -o -name '*.rdf' -o -name '*.json' \) \
  -size -200k -exec cp {} corpus/parse_feed/ \;
RUSTC_BOOTSTRAP=1 cargo fuzz run parse_feed corpus/parse_feed -- -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048
