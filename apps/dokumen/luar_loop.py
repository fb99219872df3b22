"""pyhanko's synchronous API runs its async core with `asyncio.run()`, which refuses to start
inside a thread whose event loop is already running (an ASGI worker, or a test process where
Playwright's sync API keeps one). There the work moves to a short-lived thread of its own;
everywhere else it runs in place, at no cost."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def jalankan(fn: Callable[..., T], *args, **kwargs) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pyhanko") as ex:
        return ex.submit(fn, *args, **kwargs).result()
