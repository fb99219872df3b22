"""Writes of the issued-document register: issue (id, QR, render, sign, record), record an
official copy, cancel. Callers (surat, later persuratan) run these inside their own
transaction, so a failed signature leaves neither a number nor a register row behind."""
from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.sinkron.ids import uuid7

from . import qr, tte
from .models import DokumenTerbit


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def terbitkan(*, sumber: str, sumber_id, owner_id: str, nomor: str, tanggal, judul: str, penerbit: str,
              penandatangan: str, jabatan_penandatangan: str, ringkasan: list[list[str]], data_isi: dict,
              render: Callable[[str], bytes], kunci: tte.Kunci, alasan: str, lokasi: str) -> tuple[DokumenTerbit, bytes]:
    """Issue one document: its id and sealed QR text first (the QR must be inside the PDF
    that gets signed), then `render(qr_teks)` -> unsigned PDF, the signature, and the register
    row with the hash of the signed file. Returns the row and the signed PDF."""
    if sumber not in dict(DokumenTerbit.SUMBER):
        raise ValidationError({"sumber": f"Jenis sumber dokumen tidak dikenal: {sumber}."})
    dokumen_id = uuid7()
    h = qr.hash_isi(data_isi)
    teks = qr.buat_teks(dokumen_id=dokumen_id, nomor=nomor, tanggal=tanggal, hash_isi=h)
    pdf = tte.tandatangani(render(teks), kunci, alasan=alasan, lokasi=lokasi)
    dok = DokumenTerbit.objects.create(
        id=dokumen_id, sumber=sumber, sumber_id=sumber_id, owner_id=owner_id, nomor=nomor, tanggal=tanggal,
        judul=judul[:255], penerbit=penerbit[:255], penandatangan=penandatangan[:255],
        jabatan_penandatangan=jabatan_penandatangan[:255], ringkasan=[[str(a), str(b)] for a, b in ringkasan],
        hash_isi=h, hash_berkas=sha256(pdf), qr=teks, sertifikat_seri=kunci.sertifikat_seri,
    )
    return dok, pdf


@transaction.atomic
def catat_salinan(dokumen: DokumenTerbit, pdf: bytes) -> DokumenTerbit:
    """Record the hash of an official copy (SALINAN) so an upload of it verifies as such.
    Row-locked: two copies printed at once both get recorded."""
    dok = DokumenTerbit.objects.select_for_update().get(pk=dokumen.pk)
    h = sha256(pdf)
    if h != dok.hash_berkas and all(s.get("hash") != h for s in dok.salinan):
        dok.salinan = [*dok.salinan, {"hash": h, "waktu": timezone.now().isoformat(timespec="seconds")}]
        dok.save(update_fields=["salinan", "updated_at"])
    dokumen.salinan = dok.salinan
    return dok


def batalkan(dokumen: DokumenTerbit, alasan: str) -> DokumenTerbit:
    """Mark the document cancelled: the verification page and every check of its file then
    say DIBATALKAN with the reason. The register row and hashes stay (audit)."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Alasan pembatalan wajib diisi."})
    if dokumen.dibatalkan is not None:
        raise ValidationError("Dokumen ini sudah dibatalkan.")
    dokumen.dibatalkan = timezone.now()
    dokumen.alasan_batal = alasan[:255]
    dokumen.save(update_fields=["dibatalkan", "alasan_batal", "updated_at"])
    return dokumen
