"""Correction requests (permohonan perbaikan data): a resident says what is wrong in their
family's registry data, optionally with a photo of the proof; the village office answers.

The office corrects the registry itself through the population pages and life events; this
record is the conversation about it, with a state machine of four states."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from apps.akun import notifikasi
from apps.akun.models import Pengguna
from apps.akun.scope import ensure_allowed, restrict
from apps.kependudukan.models import Penduduk
from apps.sinkron import journal

from .alur import jenis_berkas
from .models import PermohonanPerbaikan

BARU, DIPROSES, SELESAI, DITOLAK = (PermohonanPerbaikan.BARU, PermohonanPerbaikan.DIPROSES,
                                    PermohonanPerbaikan.SELESAI, PermohonanPerbaikan.DITOLAK)
# From each status, where an answer may take it. SELESAI and DITOLAK are final: a resident who
# disagrees sends a new request.
LANGKAH = {BARU: (DIPROSES, SELESAI, DITOLAK), DIPROSES: (SELESAI, DITOLAK), SELESAI: (), DITOLAK: ()}
ISI_MIN, ISI_MAKS, TANGGAPAN_MIN = 10, 2000, 5
# Open requests (baru/diproses) one resident may have at once.
KUOTA_TERBUKA = 5
PESAN_KUOTA = (f"Anda masih memiliki {KUOTA_TERBUKA} permohonan perbaikan data yang belum selesai ditanggapi. "
               "Tunggu tanggapan kantor desa sebelum mengirim permohonan baru.")
TIDAK_DITEMUKAN = "Permohonan perbaikan tidak ditemukan."

# What a resident may ask to correct; "lainnya" covers the rest.
DATA = [
    ("nama", "Nama"),
    ("nik", "NIK"),
    ("kelahiran", "Tempat/tanggal lahir"),
    ("alamat", "Alamat/RT/RW"),
    ("pekerjaan", "Pekerjaan"),
    ("pendidikan", "Pendidikan"),
    ("perkawinan", "Status perkawinan"),
    ("agama", "Agama"),
    ("keluarga", "Anggota keluarga/hubungan dalam keluarga"),
    ("lainnya", "Lainnya"),
]
_LABEL_DATA = dict(DATA)


def _periksa_foto(foto) -> str:
    """The proof's content type, read from its first bytes; refuses anything else or too big."""
    ukuran = getattr(foto, "size", 0) or 0
    if ukuran <= 0:
        raise ValidationError({"foto": "Berkas foto kosong; ambil ulang fotonya."})
    maks = settings.EDESA_UNGGAH_MAKS
    if ukuran > maks:
        raise ValidationError({"foto": f"Foto terlalu besar ({ukuran / 1048576:.1f} MB); paling besar "
                                       f"{maks / 1048576:.0f} MB."})
    foto.seek(0)
    jenis = jenis_berkas(foto.read(16))
    foto.seek(0)
    if jenis is None:
        raise ValidationError({"foto": "Foto harus berupa gambar JPG atau PNG, atau PDF (isi berkas diperiksa, "
                                       "bukan hanya namanya)."})
    return jenis[0]


def ajukan(*, pengguna, penduduk, data: str, isi: str, foto=None) -> PermohonanPerbaikan:
    """A resident asks to correct `penduduk`'s data (themselves or a family member). A resident
    outside the user's view is not found (404), so nothing tells whether they exist. At most
    `KUOTA_TERBUKA` requests of one user may be open at a time."""
    p = restrict(Penduduk.objects.filter(pk=getattr(penduduk, "pk", penduduk)), pengguna, "view").first()
    if p is None:
        raise Http404("Penduduk tidak ditemukan.")
    if data not in _LABEL_DATA:
        raise ValidationError({"data": "Pilih data yang perlu diperbaiki dari daftar."})
    isi = (isi or "").strip()
    if len(isi) < ISI_MIN:
        raise ValidationError({"isi": f"Jelaskan apa yang salah dan data yang benar, paling sedikit {ISI_MIN} huruf."})
    if len(isi) > ISI_MAKS:
        raise ValidationError({"isi": f"Penjelasan terlalu panjang ({len(isi)} huruf); paling banyak {ISI_MAKS}."})
    mime = _periksa_foto(foto) if foto else ""
    try:
        with transaction.atomic():
            # One resident's requests one at a time, so two at once cannot both pass the quota.
            Pengguna.objects.select_for_update().filter(pk=pengguna.pk).exists()
            if PermohonanPerbaikan.objects.filter(pemohon=pengguna, status__in=(BARU, DIPROSES)).count() >= KUOTA_TERBUKA:
                raise ValidationError(PESAN_KUOTA)
            journal.begin()
            obj = PermohonanPerbaikan(penduduk=p, pemohon=pengguna, judul=f"{_LABEL_DATA[data]} — {p.nama}"[:120],
                                      isi=isi, foto_mime=mime, owner_id=p.owner_id)
            if foto:
                obj.foto.save("bukti", foto, save=False)
            obj.save()
            ensure_allowed(pengguna, "add", obj)
    except PermissionDenied as exc:
        raise Http404("Penduduk tidak ditemukan.") from exc
    return obj


def tanggapi(perbaikan, *, pengguna, status: str, tanggapan: str) -> PermohonanPerbaikan:
    """The office answers: in progress, done or refused, with a text the resident reads. The
    resident gets an in-app notice."""
    tanggapan = (tanggapan or "").strip()
    with transaction.atomic():
        journal.begin()
        pk = getattr(perbaikan, "pk", perbaikan)
        obj = (restrict(PermohonanPerbaikan.objects.select_for_update(of=("self",)), pengguna, "change")
               .select_related("penduduk").filter(pk=pk).first())
        if obj is None:
            raise Http404(TIDAK_DITEMUKAN)
        boleh = LANGKAH[obj.status]
        if not boleh:
            raise ValidationError({"status": f"Permohonan ini sudah {obj.get_status_display().lower()}; "
                                             "tidak dapat ditanggapi lagi."})
        if status not in boleh:
            label = dict(PermohonanPerbaikan.STATUS)
            raise ValidationError({"status": "Pilih status: " + ", ".join(label[s].lower() for s in boleh) + "."})
        if len(tanggapan) < TANGGAPAN_MIN:
            raise ValidationError({"tanggapan": "Tulis tanggapan untuk warga (apa yang sudah/akan dilakukan, atau "
                                                "alasan penolakan)."})
        obj.status, obj.tanggapan = status, tanggapan
        obj.ditangani_oleh, obj.ditangani_pada = pengguna, timezone.now()
        obj.save(update_fields=["status", "tanggapan", "ditangani_oleh", "ditangani_pada", "updated_at"])
        notifikasi.kirim(obj.pemohon, f"Permohonan perbaikan data: {obj.get_status_display().lower()}",
                         tanggapan, reverse("mandiri:perbaikan"))
    return obj
