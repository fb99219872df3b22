"""The one way the wilayah services save a user's write: in a transaction that also checks
the saved record lies in the user's scope (a write outside it is rolled back)."""
from __future__ import annotations

from django.db import transaction

from apps.akun.scope import ensure_allowed


def insert(obj, user):
    with transaction.atomic():
        obj.save(force_insert=True)
        ensure_allowed(user, "add", obj)
    return obj


def update(obj, user, fields: list[str]):
    with transaction.atomic():
        obj.save(update_fields=[*fields, "updated_at"])
        ensure_allowed(user, "change", obj)
    return obj
