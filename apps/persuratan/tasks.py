"""Background work of the e-office (django-tasks; decision 0008): the daily reminder of
overdue dispositions, queued by a scheduler or by `manage.py ingatkan_disposisi`'s caller."""
from __future__ import annotations

from django_tasks import task


@task()
def ingatkan_disposisi_terlambat(tanggal: str | None = None) -> dict:
    """Remind the addressees and disposers of open dispositions past their deadline (each at
    most once a day). `tanggal` (ISO date) is the reference day; today by default."""
    import datetime

    from apps.sinkron.context import acting_as

    from .masuk import ingatkan_terlambat

    hari = datetime.date.fromisoformat(tanggal) if tanggal else None
    with acting_as("sistem:ingatkan_disposisi"):
        return {"diingatkan": ingatkan_terlambat(hari)}
