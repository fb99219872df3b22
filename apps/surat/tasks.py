"""Background work of letters (django-tasks; decision 0008): surat massal."""
from __future__ import annotations

from django_tasks import task


@task()
def jalankan_batch(batch_id: str, rahasia_sekali: str) -> dict:
    """Make and sign a batch's letters. `rahasia_sekali` is the one-time secret that, together
    with the server key (settings.EDESA_TTE_KEY, never in the database), opens the wrapped
    signing key stored on the batch; with the database task backend this argument is stored
    too, which is why it alone (with the blob) is not enough (decision 0009). Progress and
    errors live on the batch row."""
    from .batch import proses

    batch = proses(batch_id, rahasia_sekali)
    return {"status": batch.status, "selesai": batch.selesai_jumlah, "galat": len(batch.galat)}
