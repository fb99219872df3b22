"""Moderation by the office where an aspiration landed (or one coordinating its area): hiding
abusive content from the public (kept for staff) and merging duplicates (the duplicate closes
as "digabung" and its tracking page follows the original's progress)."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.akun.scope import restrict
from apps.sinkron import journal

from .models import Aspirasi, JenisTindakan, TindakanAspirasi
from .selectors import TEKS_GABUNG, unit_pengguna


def _boleh(pengguna, asp: Aspirasi, field_: str):
    if not restrict(Aspirasi.objects.filter(pk=asp.pk), pengguna, "change").exists():
        raise ValidationError({field_: "Anda tidak berwenang memoderasi aspirasi ini."})
    unit = next(iter(unit_pengguna(pengguna)), None)
    return unit


def sembunyikan(pengguna, asp: Aspirasi, alasan: str) -> Aspirasi:
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Tuliskan alasan menyembunyikan laporan ini."})
    if len(alasan) > 255:
        raise ValidationError({"alasan": "Alasan paling panjang 255 karakter."})
    unit = _boleh(pengguna, asp, "alasan")
    with transaction.atomic():
        journal.begin()
        asp.disembunyikan, asp.alasan_sembunyi = True, alasan
        asp.save()
        TindakanAspirasi.objects.create(aspirasi=asp, jenis=JenisTindakan.SEMBUNYIKAN, unit=unit, pengguna=pengguna,
                                        isi=alasan, publik=False, waktu=timezone.now(),
                                        owner_id=unit.wilayah_id if unit else asp.owner_id)
    return asp


def gabung(pengguna, asp: Aspirasi, kode_asli: str) -> Aspirasi:
    """Marks `asp` a duplicate of the aspiration with tracking code `kode_asli`. The public action
    names no code: a tracking code is its reporter's bearer secret, and the duplicate's reporter
    must not be able to open (or rate, or reopen) the original with it."""
    from .layanan import normalkan_kode

    asli = restrict(Aspirasi.objects.filter(kode_lacak=normalkan_kode(kode_asli)), pengguna, "view").first()
    if asli is None:
        raise ValidationError({"kode_asli": "Kode lacak laporan asli tidak ditemukan di wilayah Anda."})
    if asli.pk == asp.pk:
        raise ValidationError({"kode_asli": "Laporan tidak dapat digabung dengan dirinya sendiri."})
    if asli.duplikat_dari_id:
        raise ValidationError({"kode_asli": "Laporan asli itu sendiri duplikat; gabungkan ke laporan induknya."})
    if asp.duplikat_dari_id:
        raise ValidationError({"kode_asli": "Laporan ini sudah digabung."})
    unit = _boleh(pengguna, asp, "kode_asli")
    saat = timezone.now()
    with transaction.atomic():
        journal.begin()
        for pen in asp.penanganan.filter(aktif=True):
            pen.aktif, pen.status, pen.selesai_pada = False, "digabung", saat
            pen.save()
        asp.duplikat_dari, asp.status, asp.terbuka, asp.selesai_pada = asli, "digabung", False, saat
        asp.save()
        Aspirasi.objects.filter(pk__in=asp.duplikat.values("pk")).update(duplikat_dari=asli)
        TindakanAspirasi.objects.create(aspirasi=asp, jenis=JenisTindakan.GABUNG, unit=unit, pengguna=pengguna,
                                        isi=TEKS_GABUNG, publik=True, waktu=saat,
                                        owner_id=unit.wilayah_id if unit else asp.owner_id)
    return asp
