"""Fixtures every test gets, whichever app or folder it lives in."""
from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _cache_bersih():
    # Rate-limit counters and cached counts live in the cache; each story starts with none.
    cache.clear()
    yield
    cache.clear()
