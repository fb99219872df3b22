"""Reads over the journal: an object's history as a list of readable changes."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db import models

from apps.akun.scope import covers

from .models import Jurnal

MASK = "••••••"
_HIDDEN = {"created_at", "updated_at"}


@dataclass
class Perubahan:
    label: str
    lama: str
    baru: str


@dataclass
class EntriRiwayat:
    entry: Jurnal
    pelaku: str
    perubahan: list[Perubahan] = field(default_factory=list)


def _display(model: type[models.Model], attname: str, value) -> str:
    if value is None or value == "":
        return "—"
    try:
        f = model._meta.get_field(attname[:-3] if attname.endswith("_id") else attname)
    except Exception:
        return str(value)
    if getattr(f, "choices", None):
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return str(value)


def _label(model, attname: str) -> str:
    try:
        f = model._meta.get_field(attname[:-3] if attname.endswith("_id") else attname)
        return str(f.verbose_name)
    except Exception:
        return attname


def pelaku_label(actor: str) -> str:
    # "pengguna:12:budi" -> "budi"; "sistem:import_wilayah" -> "sistem (import_wilayah)"
    kind, _, rest = actor.partition(":")
    if kind == "pengguna":
        return rest.partition(":")[2] or rest
    if kind == "sistem" and rest:
        return f"sistem ({rest})"
    return actor


def boleh_lihat_penuh(user, entry: Jurnal) -> bool:
    """Whether `user` may read an entry's sensitive fields in full: the model's "view_nik"
    grant over the entry's owner (models without that grant, e.g. an aspiration's reporter,
    are masked for every role)."""
    model = model_jurnal(entry.model)
    if model is None or not getattr(model, "sensitive_fields", ()):
        return True
    return covers(user, "view_nik", model, entry.owner)


def model_jurnal(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def snapshot_tampil(entry: Jurnal, *, mask: bool) -> dict:
    """An entry's snapshot as shown to people: sensitive fields masked when `mask`."""
    data = entry.data
    if not mask:
        return data
    model = model_jurnal(entry.model)
    sensitive = set(getattr(model, "sensitive_fields", ())) if model else set()
    return {k: (MASK if k in sensitive and v not in (None, "") else v) for k, v in data.items()}


def riwayat(model: type[models.Model], object_id, *, mask: bool, limit: int = 200) -> list[EntriRiwayat]:
    """Entries for one object, newest first, each with the fields it changed."""
    entries = list(
        Jurnal.objects.filter(model=model._meta.label_lower, object_id=object_id).order_by("seq")[:limit]
    )
    sensitive = set(getattr(model, "sensitive_fields", ()))
    # Columns people never edit (search keys, ids) are noise in a history.
    internal = {f.attname for f in model._meta.concrete_fields if not f.editable}
    out, prev = [], {}
    for e in entries:
        snap = e.data
        changes = []
        keys = snap.keys() if e.op != "D" else []
        for key in keys:
            if key in _HIDDEN or key == "id" or key in internal:
                continue
            old, new = prev.get(key), snap.get(key)
            if e.op == "U" and old == new:
                continue
            if e.op == "C" and new in (None, ""):
                continue
            hidden = mask and key in sensitive
            changes.append(Perubahan(
                label=_label(model, key),
                lama="" if e.op == "C" else (MASK if hidden and old else _display(model, key, old)),
                baru=MASK if hidden and new else _display(model, key, new),
            ))
        out.append(EntriRiwayat(entry=e, pelaku=pelaku_label(e.actor), perubahan=changes))
        prev = snap
    out.reverse()
    return out
