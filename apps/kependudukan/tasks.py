"""Background work of the registry (django-tasks; DESIGN.md "Background work", decision 0008)."""
from __future__ import annotations

from django_tasks import task


@task()
def jalankan_impor(impor_id: str) -> dict:
    """Run an import job (ImporPenduduk). Its progress and report live on the job record;
    a refused file or a failure is recorded there too, so the task result is only a summary."""
    from .impor import BerkasDitolak, jalankan

    try:
        hasil = jalankan(impor_id)
    except BerkasDitolak as exc:
        return {"status": "gagal", "pesan": exc.pesan}
    return {"status": "selesai", "ditambah": hasil.ditambah, "diperbarui": hasil.diperbarui, "tetap": hasil.tetap,
            "ditolak": hasil.jumlah_galat}
