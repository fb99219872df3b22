"""Who is acting right now, for the journal: set once per request (middleware) or per
management command, read by every journal write on the same thread or task."""
from __future__ import annotations

import contextvars
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    label: str  # "pengguna:12:budi" or "sistem:import_wilayah"
    request_id: str = ""


@dataclass(frozen=True)
class _Binding:
    label: str
    request_id: str
    request: Any = None  # resolved lazily: DRF authenticates tokens after middleware runs


_current: contextvars.ContextVar[_Binding] = contextvars.ContextVar(
    "edesa_actor", default=_Binding("sistem", "")  # noqa: B039 (frozen dataclass: immutable)
)


def current_actor() -> Actor:
    binding = _current.get()
    if binding.request is not None:
        return Actor(user_label(getattr(binding.request, "user", None)), binding.request_id)
    return Actor(binding.label, binding.request_id)


@contextmanager
def acting_as(label: str, request_id: str | None = None, request: Any = None) -> Iterator[Actor]:
    binding = _Binding(label, request_id or uuid.uuid4().hex[:16], request)
    token = _current.set(binding)
    try:
        yield Actor(binding.label, binding.request_id)
    finally:
        _current.reset(token)


def user_label(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonim"
    return f"pengguna:{user.pk}:{user.get_username()}"
