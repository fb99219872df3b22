"""Fixed-window request counters in Django's cache, for endpoints that send email or could be
used to probe accounts (password reset). With several web processes the cache must be shared
(CACHE_URL=redis://... or a database cache); a per-process cache only limits per process."""
from __future__ import annotations

import hashlib

from django.core.cache import cache


def _key(scope: str, ident: str) -> str:
    digest = hashlib.sha256(ident.strip().lower().encode()).hexdigest()[:32]
    return f"edesa:batas:{scope}:{digest}"


def reached(scope: str, ident: str, *, limit: int) -> bool:
    """Whether `ident` has already used up `limit` in the current window, without counting
    an attempt (for limits counted only on success, with `hit` after it)."""
    return (cache.get(_key(scope, ident)) or 0) >= limit


def hit(scope: str, ident: str, *, limit: int, window: int) -> bool:
    """Count one attempt by `ident` (an IP, an email); True when it is over `limit` in the
    current `window` seconds. Identifiers are hashed so the cache holds no email addresses."""
    key = _key(scope, ident)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
