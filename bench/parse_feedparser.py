#!/usr/bin/env python3
"""Python feedparser's parse throughput on the same files (read into memory first)."""
import sys
import time

import feedparser

files = [open(p, "rb").read() for p in sys.argv[1:]]
total = sum(len(b) for b in files)
start, rounds, entries = time.perf_counter(), 0, 0
while time.perf_counter() - start < 2.0 or rounds < 2:
    for b in files:
        entries += len(feedparser.parse(b).entries)
    rounds += 1
secs = time.perf_counter() - start
print(f"feedparser {total * rounds / secs / 1e6:8.2f} MB/s {len(files) * rounds / secs:8.1f} docs/s "
      f"({rounds} rounds, {entries // rounds} entries per round, feedparser {feedparser.__version__})")
