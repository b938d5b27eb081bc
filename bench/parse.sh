#!/usr/bin/env bash
# Parse throughput (issue 4): herald vs feed-rs vs Python feedparser, one process each, on the
# demo feeds plus three long AWS blog snapshots. Needs: pip install feedparser.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(ls demo/feeds/*.xml demo/feeds/*.rdf demo/feeds/*.json tests/fixtures/feeds/*.xml | grep -v broken)
cargo build --release --quiet --example parse_bench
target/release/examples/parse_bench $files
python3 bench/parse_feedparser.py $files
