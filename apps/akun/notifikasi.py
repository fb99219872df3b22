"""In-app notices (Notifikasi): a resident told their letter is signed, an office told a request
arrived. Local to the node the user logs in to (not synchronised), so they are plain rows.

The navbar badge must not add a query to every page (pages pin their query counts): it reads
the unread count from the cache only; when the cache has none, the badge loads itself with
one small HTMX request, which counts on the (pengguna, dibaca) index and caches the figure.
Every write that changes a count drops the users' cached figures (again after commit)."""
from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import Notifikasi, Pengguna

BATAS_JUDUL = 200
BATAS_TAUTAN = 255
SIMPAN_DETIK = 300


def _kunci(pk) -> str:
    return f"akun:notifikasi:belum:{pk}"


def _lupakan(pengguna_ids) -> None:
    keys = [_kunci(pk) for pk in pengguna_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def kirim(pengguna: Pengguna, judul: str, pesan: str = "", tautan: str = "") -> Notifikasi:
    """One notice to one user. Texts are cut to the columns' sizes rather than refused: a
    notice is a side effect of a step that already succeeded and must never make it fail."""
    n = Notifikasi.objects.create(pengguna=pengguna, judul=judul[:BATAS_JUDUL], pesan=pesan,
                                  tautan=tautan[:BATAS_TAUTAN])
    _lupakan([pengguna.pk])
    return n


def kirim_banyak(pengguna_ids: Iterable[int], judul: str, pesan: str = "", tautan: str = "") -> int:
    """The same notice to several users in one INSERT (an office's staff)."""
    rows = [Notifikasi(pengguna_id=pk, judul=judul[:BATAS_JUDUL], pesan=pesan, tautan=tautan[:BATAS_TAUTAN])
            for pk in dict.fromkeys(pengguna_ids)]
    Notifikasi.objects.bulk_create(rows)
    _lupakan([r.pengguna_id for r in rows])
    return len(rows)


def milik(pengguna) -> QuerySet:
    """A user's notices, newest first; nobody reads another user's."""
    return Notifikasi.objects.filter(pengguna=pengguna).order_by("-dibuat", "-pk")


def jumlah_belum_dibaca(pengguna) -> int:
    """Unread count (one COUNT on the index), kept in the cache for the badge."""
    if not getattr(pengguna, "is_authenticated", False):
        return 0
    n = Notifikasi.objects.filter(pengguna=pengguna, dibaca__isnull=True).count()
    cache.set(_kunci(pengguna.pk), n, SIMPAN_DETIK)
    return n


def jumlah_tersimpan(pengguna) -> int | None:
    """The cached unread count, or None when not known (no database query here)."""
    if not getattr(pengguna, "is_authenticated", False):
        return 0
    return cache.get(_kunci(pengguna.pk))


def tandai_dibaca(pengguna, ids: Iterable[int] | None = None) -> int:
    """Marks the user's unread notices read: the ones named (ids of other users are ignored)
    or all of them. Returns how many changed."""
    qs = Notifikasi.objects.filter(pengguna=pengguna, dibaca__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    n = qs.update(dibaca=timezone.now())
    _lupakan([pengguna.pk])
    return n


def tandai_dibaca_tautan(pengguna, tautan: str) -> int:
    """The user opened the page a notice points at: their unread notices for it are read
    (one UPDATE; the cached badge count is dropped only when something changed)."""
    n = Notifikasi.objects.filter(pengguna=pengguna, tautan=tautan[:BATAS_TAUTAN], dibaca__isnull=True).update(
        dibaca=timezone.now())
    if n:
        _lupakan([pengguna.pk])
    return n


def selesai_untuk(tautan: str) -> int:
    """Marks every unread notice pointing at `tautan` read, for all its recipients: the work it
    asked for is done (a letter signed by one Kepala Desa no longer waits for the others)."""
    qs = Notifikasi.objects.filter(tautan=tautan[:BATAS_TAUTAN], dibaca__isnull=True)
    ids = list(qs.values_list("pengguna_id", flat=True).distinct())
    if not ids:
        return 0
    n = qs.update(dibaca=timezone.now())
    _lupakan(ids)
    return n
