"""Surat massal: one letter type for many residents, signed in the background.

The signer types the passphrase once: `mulai` unlocks the key and wraps it (tte.bungkus) under
a key derived from the server key (EDESA_TTE_KEY, never in the database) and a one-time
secret; the blob stays on the BatchSurat row, the secret travels as the task's argument. With
the database task backend both sit in the database, and still a copy of it opens nothing. The
worker (`proses`) re-checks the signer's certificate before every letter, makes and signs
each letter in its own transaction (a refused resident is a line in `galat`, not a crash),
records progress every few letters, and wipes the blob when it ends, however it ends. Batches
that never ran within the wrap's lifetime are swept (`sapu_basi`). No batches in BSrE mode: a
BSrE passphrase is never kept for later (decision 0009)."""
from __future__ import annotations

import datetime
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from apps.akun.scope import covers, has_action, memberships
from apps.dokumen import tte
from apps.kependudukan import selectors as kependudukan
from apps.kependudukan.models import Penduduk
from apps.kependudukan.privasi import samarkan
from apps.sinkron.context import acting_as, user_label
from apps.wilayah.models import subtree_q

from . import alur, isian, selectors, services
from .models import BatchSurat, JenisSurat, RiwayatSurat, Surat

log = logging.getLogger(__name__)

MAKS_PENERIMA = 5000
LAPOR_SETIAP = 10  # progress is written every N letters (and at the end)
HIDUP = 1
_NIK = re.compile(r"\d{16}")


def desa_penandatangan(pengguna) -> list[str]:
    """The villages where the user may sign letters (a batch belongs to one of them)."""
    return sorted({m.wilayah_id for m in memberships(pengguna)
                   if len(m.wilayah_id.split(".")) == 4 and covers(pengguna, "tandatangani", Surat, m.wilayah_id)})


def baca_nik(teks: str) -> list[str]:
    """NIKs from pasted text or an uploaded list: every 16-digit run, in order, once each."""
    return list(dict.fromkeys(_NIK.findall(teks or "")))


def pilih_penerima(pengguna, desa: str, *, sumber: str, wilayah: str = "", jenis_kelamin: int | None = None,
                   umur_min: int | None = None, umur_max: int | None = None,
                   nik: Iterable[str] = ()) -> tuple[list, list[dict]]:
    """(resident ids, galat) for a batch in `desa`: everyone alive in a dusun/RW/RT, or by sex
    and age, or by a list of NIKs (a NIK not found in the village is a galat line, masked)."""
    qs = kependudukan.penduduk_terlihat(pengguna).filter(owner_id=desa, status_dasar=HIDUP)
    galat: list[dict] = []
    if sumber == "wilayah":
        if not wilayah or not (wilayah == desa or wilayah.startswith(desa + ".")):
            raise ValidationError({"wilayah": "Pilih dusun/RW/RT di desa Anda."})
        qs = qs.filter(subtree_q("wilayah_id", wilayah))
    elif sumber == "saring":
        if umur_min is not None and umur_max is not None and umur_min > umur_max:
            raise ValidationError({"umur_max": "Umur paling tua harus sama atau lebih dari umur paling muda."})
        qs = kependudukan.cari_penduduk(qs, user=pengguna, desa=desa, jenis_kelamin=jenis_kelamin,
                                        umur_min=umur_min, umur_max=umur_max)
    elif sumber == "nik":
        daftar = list(nik)
        if not daftar:
            raise ValidationError({"daftar_nik": "Tuliskan atau unggah paling sedikit satu NIK (16 angka)."})
        if len(daftar) > MAKS_PENERIMA:
            raise ValidationError({"daftar_nik": f"Paling banyak {MAKS_PENERIMA} NIK dalam satu surat massal."})
        ada = dict(qs.filter(nik__in=daftar).values_list("nik", "pk"))
        galat = [{"penduduk": samarkan(n), "alasan": "NIK tidak ditemukan di antara penduduk hidup desa ini."}
                 for n in daftar if n not in ada]
        return [ada[n] for n in daftar if n in ada], galat
    else:
        raise ValidationError({"sumber": "Pilih cara memilih penerima."})
    ids = list(qs.order_by("wilayah_id", "nama_cari", "pk").values_list("pk", flat=True)[: MAKS_PENERIMA + 1])
    if len(ids) > MAKS_PENERIMA:
        raise ValidationError({"sumber": f"Lebih dari {MAKS_PENERIMA} penerima; persempit pilihan Anda."})
    return ids, galat


BASI = "Surat massal tidak sempat diproses dalam {jam} jam; kunci tanda tangannya telah dihapus. " \
       "Buat surat massal baru."


def sapu_basi() -> int:
    """Wipes the wrapped key of batches still waiting or running past the wrap's lifetime
    (tte.BUNGKUS_TTL: the blob no longer opens anyway) and marks them failed. Called at every
    `mulai` and at the start of every run; answers how many were swept."""
    batas = timezone.now() - datetime.timedelta(seconds=tte.BUNGKUS_TTL)
    return BatchSurat.objects.filter(status__in=(BatchSurat.MENUNGGU, BatchSurat.BERJALAN), dibuat__lt=batas).update(
        kunci_terbungkus=None, status=BatchSurat.GAGAL, selesai=timezone.now(),
        pesan=BASI.format(jam=tte.BUNGKUS_TTL // 3600))


def _konteks(batch_id) -> bytes:
    return f"batch:{batch_id}".encode()


@sensitive_variables("passphrase", "kunci", "rahasia")
def mulai(*, pengguna, desa: str, jenis: JenisSurat, isian_data: dict, penduduk_ids: list, passphrase: str,
          galat: list[dict] | None = None) -> BatchSurat:
    """Checks the batch, unlocks and wraps the signer's key, records the batch and enqueues
    it. A wrong passphrase is refused here, before anything is written."""
    if not has_action(pengguna, BatchSurat, "add") or desa not in desa_penandatangan(pengguna):
        raise Http404("Desa tidak ditemukan.")
    if settings.EDESA_TTE_BACKEND == "bsre":
        raise ValidationError(tte.BSRE_TANPA_BATCH, code="bsre_batch")
    sapu_basi()
    if not penduduk_ids:
        raise ValidationError({"sumber": "Tidak ada penduduk yang cocok dengan pilihan ini."})
    if not jenis.aktif or not (desa.startswith(jenis.owner_id + ".")):
        raise ValidationError({"jenis": "Jenis surat ini tidak tersedia di desa Anda."})
    tpl = selectors.template_berlaku(jenis, desa)
    bersih = isian.bersihkan_isian(isian.spesifikasi_gabungan(jenis, tpl), isian_data)
    try:
        kunci = tte.buka_kunci(pengguna, passphrase)
    except ValidationError as exc:
        raise ValidationError({"passphrase": exc.messages}) from exc
    batch = BatchSurat(owner_id=desa, jenis=jenis, pengguna=pengguna, isian=bersih,
                       penduduk_ids=[str(p) for p in penduduk_ids], total=len(penduduk_ids), galat=list(galat or []))
    batch.kunci_terbungkus, rahasia = tte.bungkus(kunci, konteks=_konteks(batch.pk))
    del kunci
    batch.save(force_insert=True)
    from .tasks import jalankan_batch

    transaction.on_commit(lambda: jalankan_batch.enqueue(str(batch.pk), rahasia))
    return batch


def _catatan(batch: BatchSurat) -> str:
    return f"Surat massal {batch.pk}"


def _satu(batch: BatchSurat, pengguna, pid, kunci) -> Surat:
    """One resident's letter: made and signed in one transaction (a refusal undoes both)."""
    with transaction.atomic():
        s = alur.buat_massal(pengguna=pengguna, penduduk=pid, jenis=batch.jenis, isian=batch.isian)
        RiwayatSurat.objects.filter(surat=s, langkah=alur.MASSAL).update(catatan=_catatan(batch))
        return services.terbitkan(s, pengguna=pengguna, kunci=kunci)


def _simpan_progres(batch: BatchSurat, **extra) -> None:
    BatchSurat.objects.filter(pk=batch.pk).update(selesai_jumlah=batch.selesai_jumlah, galat=batch.galat, **extra)


@sensitive_variables("rahasia_sekali", "kunci")
def proses(batch_id, rahasia_sekali: str) -> BatchSurat:
    """The worker: open the wrapped key, make and sign every letter (the signer's certificate
    re-checked before each), wipe the key."""
    sapu_basi()
    batch = BatchSurat.objects.select_related("jenis", "pengguna").get(pk=batch_id)
    if batch.status in (BatchSurat.SELESAI, BatchSurat.GAGAL):
        return batch
    try:
        if batch.kunci_terbungkus is None:
            raise ValidationError("Kunci tanda tangan batch ini sudah dihapus; buat surat massal baru.")
        kunci = tte.buka_bungkus(bytes(batch.kunci_terbungkus), rahasia_sekali, konteks=_konteks(batch.pk))
        batch.status, batch.mulai = BatchSurat.BERJALAN, timezone.now()
        BatchSurat.objects.filter(pk=batch.pk).update(status=batch.status, mulai=batch.mulai)
        pengguna = batch.pengguna
        nama = dict(Penduduk.objects.filter(pk__in=batch.penduduk_ids).values_list("pk", "nama"))
        nama = {str(k): v for k, v in nama.items()}
        selesai = _sudah_selesai(batch)
        with acting_as(user_label(pengguna)):
            for i, pid in enumerate(batch.penduduk_ids, start=1):
                if pid in selesai:
                    continue
                _sertifikat_masih_berlaku(batch, kunci)
                try:
                    _satu(batch, pengguna, pid, kunci)
                    batch.selesai_jumlah += 1
                except (ValidationError, Http404, PermissionDenied) as exc:
                    batch.galat.append({"penduduk": nama.get(pid, "(tidak ditemukan)"), "alasan": _pesan(exc)})
                if i % LAPOR_SETIAP == 0:
                    _simpan_progres(batch)
        batch.status, batch.pesan = BatchSurat.SELESAI, f"{batch.selesai_jumlah} surat ditandatangani."
    except ValidationError as exc:
        batch.status, batch.pesan = BatchSurat.GAGAL, " ".join(exc.messages)
    except Exception:
        log.exception("Surat massal %s gagal", batch.pk)
        batch.status, batch.pesan = BatchSurat.GAGAL, "Terjadi kesalahan saat memproses; surat yang sudah " \
                                                      "ditandatangani tetap sah."
    finally:
        batch.kunci_terbungkus, batch.selesai = None, timezone.now()
        _simpan_progres(batch, status=batch.status, pesan=batch.pesan, kunci_terbungkus=None, selesai=batch.selesai)
    return batch


def _sertifikat_masih_berlaku(batch: BatchSurat, kunci) -> None:
    """Stops the whole batch (not only this letter) when the signer's certificate was revoked
    or expired while it ran: no further letter may carry that signature."""
    try:
        tte.pastikan_berlaku(kunci)
    except ValidationError as exc:
        raise ValidationError(f"Surat massal dihentikan setelah {batch.selesai_jumlah} surat: "
                              f"{' '.join(exc.messages)} Surat yang sudah ditandatangani sebelumnya tetap tercatat.",
                              code=exc.code) from None


def _sudah_selesai(batch: BatchSurat) -> set[str]:
    """Residents already served by this batch (a re-run after a crash skips them)."""
    return {str(p) for p in surat_batch(batch).values_list("penduduk_id", flat=True)}


def _pesan(exc) -> str:
    if isinstance(exc, Http404):
        return "Penduduk di luar cakupan desa atau tidak ditemukan."
    if isinstance(exc, PermissionDenied):
        return "Di luar wewenang penanda tangan."
    return " ".join(exc.messages)


def surat_batch(batch: BatchSurat):
    """The letters a batch made (its timeline step names the batch)."""
    return Surat.objects.filter(owner_id=batch.owner_id, kanal=Surat.MASSAL, riwayat__langkah=alur.MASSAL,
                                riwayat__catatan=_catatan(batch))


# ---------------------------------------------------------------- one ZIP of all letters

class _Pipa:
    """A write-only sink zipfile writes into; the stream takes what accumulated."""

    def __init__(self):
        self.buf = bytearray()

    def write(self, b) -> int:
        self.buf += b
        return len(b)

    def flush(self) -> None:
        """Nothing to flush: `ambil` hands the bytes on."""

    def ambil(self) -> bytes:
        out = bytes(self.buf)
        self.buf.clear()
        return out


def zip_surat(daftar: Iterable[Surat]) -> Iterator[bytes]:
    """The signed PDFs as one ZIP, streamed (stored, not compressed: PDFs are compressed)."""
    pipa = _Pipa()
    with zipfile.ZipFile(pipa, "w", compression=zipfile.ZIP_STORED) as z:
        for s in daftar:
            if not s.berkas:
                continue
            nama = f"{(s.nomor or s.pk.hex).replace('/', '-')}.pdf"
            info = zipfile.ZipInfo(nama, date_time=datetime.datetime.now().timetuple()[:6])
            with s.berkas.open("rb") as src, z.open(info, "w", force_zip64=True) as dst:
                for chunk in iter(lambda src=src: src.read(65536), b""):
                    dst.write(chunk)
                    yield pipa.ambil()
            yield pipa.ambil()
    yield pipa.ambil()
