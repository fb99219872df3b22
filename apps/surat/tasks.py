"""Background work of letters (django-tasks; decision 0008): surat massal."""
from __future__ import annotations

from django_tasks import task


@task()
def jalankan_batch(batch_id: str, kunci_sekali: str) -> dict:
    """Make and sign a batch's letters. `kunci_sekali` opens the wrapped signing key stored on
    the batch; it travels only as this argument. Progress and errors live on the batch row."""
    from .batch import proses

    batch = proses(batch_id, kunci_sekali)
    return {"status": batch.status, "selesai": batch.selesai_jumlah, "galat": len(batch.galat)}
