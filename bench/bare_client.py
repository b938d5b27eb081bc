#!/usr/bin/env python3
"""The floor herald's fetch is compared with: a bare asyncio client (standard library only,
HTTP/1.1 over raw streams) that downloads the given URLs all at once and does nothing else.
Prints the wall time in milliseconds, the median of --repeat runs.

  python3 bench/bare_client.py --repeat 5 URL...   (or URLs one per line on stdin)
"""
import argparse, asyncio, statistics, sys, time
from urllib.parse import urlsplit


async def get(url):
    u = urlsplit(url)
    reader, writer = await asyncio.open_connection(u.hostname, u.port or 80)
    writer.write(f"GET {u.path or '/'} HTTP/1.1\r\nHost: {u.netloc}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    body = await reader.read()
    writer.close()
    return len(body)


async def all_of(urls):
    sizes = await asyncio.gather(*(get(u) for u in urls))
    assert all(s > 0 for s in sizes)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("urls", nargs="*")
    a = ap.parse_args()
    urls = a.urls or [l.strip() for l in sys.stdin if l.strip()]
    times = []
    for _ in range(a.repeat):
        t = time.perf_counter()
        asyncio.run(all_of(urls))
        times.append((time.perf_counter() - t) * 1000)
    print(f"{statistics.median(times):.0f}")


main()
