"""Timing helpers the bench modules share (bench/run.py runs only bench_*.py, not this)."""
from __future__ import annotations

import time


def timed(fn, repeat: int = 1, *, before=None) -> list[float]:
    """Seconds each of `repeat` calls of `fn` took; `before`, if given, runs untimed before each."""
    out = []
    for _ in range(repeat):
        if before is not None:
            before()
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def timed_page(client, url: str, repeat: int = 20) -> list[float]:
    """Seconds each of `repeat` GETs of `url` took; each must answer 200."""

    def get():
        resp = client.get(url)
        assert resp.status_code == 200, (url, resp.status_code)

    return timed(get, repeat)
