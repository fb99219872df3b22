"""The staff workflow of a letter: request (loket or layanan mandiri) > requirements uploaded >
checked > signed (services.terbitkan) > collected; or rejected on the way.

Every step runs in one transaction: the journal head is locked first (`journal.begin()`), then
the letter row, its status is checked, the row and a RiwayatSurat (actor, note) are written, and
the resident is told (`beri_tahu`: an in-app notice now, an e-mail after commit). A letter the
user may not see is "not found" (Http404), never "forbidden", so nothing leaks; a refusal is a
ValidationError with an Indonesian message keyed by the field at fault."""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from apps.akun import notifikasi
from apps.akun.models import Keanggotaan
from apps.akun.scope import allows, ensure_allowed, has_action, memberships, restrict
from apps.kependudukan.models import Penduduk
from apps.sinkron import journal

from . import isian as isian_mod
from . import selectors
from .models import JenisSurat, LampiranSurat, RiwayatSurat, StatusSurat, Surat

log = logging.getLogger(__name__)

HIDUP = 1
PENDUDUK_TIDAK_DITEMUKAN = "Penduduk tidak ditemukan."
SURAT_TIDAK_DITEMUKAN = "Surat tidak ditemukan."
ALASAN_MIN = 10
KANAL_PERMOHONAN = (Surat.LOKET, Surat.MANDIRI)
MAKS_PINDAIAN_SYARAT = 3  # scans per requirement of one letter
MAKS_PINDAIAN_SURAT = 15  # scans per letter, all requirements together

# Requirement scans: (magic bytes, content type, extension). Nothing else is accepted: no
# HTML, SVG or office files, which a browser could run or which carry macros.
JENIS_BERKAS = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)

# Timeline steps (RiwayatSurat.langkah) written here.
DIAJUKAN, LAMPIRAN, DIPERIKSA, DITOLAK, SELESAI, MASSAL = (
    "diajukan", "lampiran", "diperiksa", "ditolak", "selesai", "dibuat massal")


# ---------------------------------------------------------------- helpers

def _tolak(field: str, pesan: str):
    raise ValidationError({field: pesan})


def _peran(pengguna) -> set[str]:
    return {m.peran for m in memberships(pengguna)}


def _penduduk_terlihat(pengguna, penduduk) -> Penduduk:
    """The resident, if the user may see him (else 404: no hint that the NIK exists)."""
    pk = penduduk.pk if isinstance(penduduk, Penduduk) else penduduk
    p = restrict(Penduduk.objects.filter(pk=pk), pengguna, "view").select_related("akun").first()
    if p is None:
        raise Http404(PENDUDUK_TIDAK_DITEMUKAN)
    return p


def _kunci_surat(surat, pengguna, *actions: str) -> Surat:
    """Locks the letter row (after the journal head) and checks the user holds one of
    `actions` on it; a letter out of the user's scope is not found."""
    pk = surat.pk if isinstance(surat, Surat) else surat
    s = (Surat.objects.select_for_update(of=("self",)).select_related("jenis", "penduduk", "penduduk__akun")
         .filter(pk=pk).first())
    if s is None or not any(allows(pengguna, a, s) for a in actions):
        raise Http404(SURAT_TIDAK_DITEMUKAN)
    return s


def _status(surat: Surat, *boleh: str, tindakan: str) -> None:
    if surat.status not in boleh:
        daftar = " atau ".join(StatusSurat(b).label.lower() for b in boleh)
        _tolak("status", f"Surat ini berstatus {surat.get_status_display().lower()}; {tindakan} hanya untuk "
                         f"surat yang {daftar}.")


def _riwayat(surat: Surat, pengguna, langkah: str, catatan: str = "") -> RiwayatSurat:
    return RiwayatSurat.objects.create(surat=surat, langkah=langkah, oleh=pengguna if _akun(pengguna) else None,
                                       catatan=catatan, owner_id=surat.owner_id)


def _akun(pengguna) -> bool:
    return getattr(pengguna, "is_authenticated", False) and getattr(pengguna, "pk", None) is not None


def _label_syarat(jenis: JenisSurat) -> dict[str, str]:
    return {s["kode"]: s.get("label") or s["kode"] for s in (jenis.syarat or []) if isinstance(s, dict) and s.get("kode")}


# ---------------------------------------------------------------- request

def _periksa_permohonan(pengguna, p: Penduduk, jenis: JenisSurat, kanal: str) -> None:
    if p.status_dasar != HIDUP:
        _tolak("penduduk", f"{p.nama} berstatus {p.get_status_dasar_display().lower()}; surat hanya dibuat untuk "
                           "penduduk yang hidup dan tercatat di desa ini.")
    if not jenis.aktif:
        _tolak("jenis", f"Jenis surat \"{jenis.nama}\" tidak aktif lagi.")
    if kanal == Surat.MANDIRI and not jenis.bisa_mandiri:
        _tolak("jenis", f"\"{jenis.nama}\" tidak dapat diajukan lewat layanan mandiri; silakan datang ke kantor desa.")
    if not (p.owner_id == jenis.owner_id or p.owner_id.startswith(jenis.owner_id + ".")):
        _tolak("jenis", f"Jenis surat \"{jenis.nama}\" tidak berlaku di desa ini.")


def _surat_baru(*, pengguna, penduduk, jenis, isian: dict, kanal: str, status: str, aksi: str = "add") -> Surat:
    """Checks and writes a new letter (caller holds the transaction and the journal head).
    `aksi` is the grant the new row must fall under: "add" for a request, "tandatangani" for
    a batch letter made by its signer."""
    if not has_action(pengguna, Surat, aksi):
        raise Http404(PENDUDUK_TIDAK_DITEMUKAN)
    p = _penduduk_terlihat(pengguna, penduduk)
    jenis = jenis if isinstance(jenis, JenisSurat) else JenisSurat.objects.filter(pk=jenis).first()
    if jenis is None:
        _tolak("jenis", "Jenis surat tidak ditemukan.")
    _periksa_permohonan(pengguna, p, jenis, kanal)
    tpl = selectors.template_berlaku(jenis, p.owner_id)
    bersih = isian_mod.bersihkan_isian(isian_mod.spesifikasi_gabungan(jenis, tpl), isian or {})
    now = timezone.now()
    surat = Surat.objects.create(
        jenis=jenis, template=tpl, penduduk=p, status=status, kanal=kanal,
        pemohon=pengguna if _akun(pengguna) else None, isian=bersih, diajukan_pada=now,
        diperiksa_pada=now if status == StatusSurat.DIPERIKSA else None,
        nama_cari=p.nama_cari or p.nama.lower(), owner_id=p.owner_id,
    )
    ensure_allowed(pengguna, aksi, surat)
    return surat


def buat_permohonan(*, pengguna, penduduk, jenis, isian: dict, kanal: str) -> Surat:
    """A request for a letter (status DIAJUKAN), at the counter (loket) or by the resident
    himself (mandiri). The template version is fixed now, so a later template change does not
    alter a letter already asked for. A resident the user may not see is "not found"; a warga
    may ask only for himself and his own family (the grant's condition, checked on the row)."""
    if kanal not in KANAL_PERMOHONAN:
        _tolak("kanal", "Kanal permohonan harus loket atau layanan mandiri.")
    try:
        with transaction.atomic():
            journal.begin()
            surat = _surat_baru(pengguna=pengguna, penduduk=penduduk, jenis=jenis, isian=isian, kanal=kanal,
                                status=StatusSurat.DIAJUKAN)
            catatan = "Permohonan lewat layanan mandiri." if kanal == Surat.MANDIRI else "Permohonan di loket."
            _riwayat(surat, pengguna, DIAJUKAN, catatan)
            beri_tahu(surat, f"Permohonan {surat.jenis.nama} diterima",
                      "Permohonan Anda sudah kami terima dan akan diperiksa petugas desa.")
            if kanal == Surat.MANDIRI:
                beri_tahu_petugas(surat, PENYIAP, f"Permohonan baru: {surat.jenis.nama}",
                                  f"{surat.penduduk.nama} mengajukan {surat.jenis.nama} lewat layanan mandiri.")
    except PermissionDenied as exc:
        raise Http404(PENDUDUK_TIDAK_DITEMUKAN) from exc
    return surat


def buat_massal(*, pengguna, penduduk, jenis, isian: dict) -> Surat:
    """One letter of a batch (surat massal): made by the signer, checked by definition (he
    chose the residents), so it starts at DIPERIKSA, ready for services.terbitkan."""
    try:
        with transaction.atomic():
            journal.begin()
            surat = _surat_baru(pengguna=pengguna, penduduk=penduduk, jenis=jenis, isian=isian, kanal=Surat.MASSAL,
                                status=StatusSurat.DIPERIKSA, aksi="tandatangani")
            _riwayat(surat, pengguna, MASSAL, "Dibuat sebagai bagian dari surat massal.")
    except PermissionDenied as exc:
        raise Http404(PENDUDUK_TIDAK_DITEMUKAN) from exc
    return surat


# ---------------------------------------------------------------- requirement scans

def jenis_berkas(kepala: bytes) -> tuple[str, str] | None:
    """(content type, extension) from the file's first bytes, or None if not PDF/JPEG/PNG."""
    for magic, mime, ext in JENIS_BERKAS:
        if kepala.startswith(magic):
            return mime, ext
    return None


def _nama_aman(nama: str) -> str:
    """The uploaded file's name as shown (never used as a path): base name, no control chars."""
    nama = os.path.basename((nama or "").replace("\\", "/"))
    nama = re.sub(r"[\x00-\x1f\x7f]", "", nama).strip()
    return (nama or "berkas")[:200]


def _periksa_berkas(berkas) -> tuple[str, str]:
    ukuran = getattr(berkas, "size", None) or 0
    if berkas is None or ukuran <= 0:
        _tolak("berkas", "Berkas kosong; pilih hasil pindaian (PDF, JPG atau PNG).")
    maks = settings.EDESA_UNGGAH_MAKS
    if ukuran > maks:
        _tolak("berkas", f"Berkas terlalu besar ({ukuran / 1048576:.1f} MB); paling besar {maks / 1048576:.0f} MB.")
    berkas.seek(0)
    kepala = berkas.read(16)
    berkas.seek(0)
    jenis = jenis_berkas(kepala)
    if jenis is None:
        _tolak("berkas", "Berkas harus PDF, JPG atau PNG (isi berkas diperiksa, bukan hanya namanya).")
    return jenis


def unggah_lampiran(surat, *, pengguna, syarat: str, berkas) -> LampiranSurat:
    """Attaches one scanned requirement to a request still being prepared (DIAJUKAN). The file
    type is read from its bytes, not its name; it is stored under a random name without
    extension and always served as a download. At most MAKS_PINDAIAN_SYARAT scans per
    requirement and MAKS_PINDAIAN_SURAT per letter (the letter row is locked while counting)."""
    try:
        with transaction.atomic():
            journal.begin()
            s = _kunci_surat(surat, pengguna, "view")
            label = _label_syarat(s.jenis)
            if syarat not in label:
                _tolak("syarat", f"Persyaratan \"{syarat}\" tidak ada pada jenis surat ini; pilih salah satu: "
                                 f"{', '.join(label.values()) or '(tidak ada persyaratan)'}.")
            _status(s, StatusSurat.DIAJUKAN, tindakan="unggah persyaratan")
            _kuota_pindaian(s, syarat, label[syarat])
            mime, ext = _periksa_berkas(berkas)
            lampiran = LampiranSurat(surat=s, syarat=syarat, nama_asli=_nama_aman(getattr(berkas, "name", "")),
                                     jenis_mime=mime, ukuran=berkas.size,
                                     diunggah_oleh=pengguna if _akun(pengguna) else None, owner_id=s.owner_id)
            lampiran.berkas.save(f"berkas.{ext}", berkas, save=False)
            lampiran.save()
            ensure_allowed(pengguna, "add", lampiran)
            _riwayat(s, pengguna, LAMPIRAN, f"{label[syarat]}: {lampiran.nama_asli}")
    except PermissionDenied as exc:
        raise Http404(SURAT_TIDAK_DITEMUKAN) from exc
    return lampiran


def _kuota_pindaian(s: Surat, syarat: str, label: str) -> None:
    ada = list(LampiranSurat.objects.filter(surat=s).values_list("syarat", flat=True))
    if ada.count(syarat) >= MAKS_PINDAIAN_SYARAT:
        _tolak("berkas", f"Persyaratan \"{label}\" sudah memiliki {MAKS_PINDAIAN_SYARAT} pindaian (batas per "
                         "persyaratan). Gabungkan halaman-halamannya dalam satu PDF.")
    if len(ada) >= MAKS_PINDAIAN_SURAT:
        _tolak("berkas", f"Surat ini sudah memiliki {MAKS_PINDAIAN_SURAT} pindaian persyaratan (batas per surat); "
                         f"pindaian \"{label}\" tidak dapat ditambahkan. Gabungkan halaman-halamannya dalam satu PDF.")


# ---------------------------------------------------------------- check, reject, collect

def syarat_kurang(surat: Surat, asli_dilihat: Iterable[str] = ()) -> list[str]:
    """Labels of the requirements with neither a scan nor the original seen at the counter."""
    ada = set(surat.lampiran.values_list("syarat", flat=True)) | set(asli_dilihat)
    return [label for kode, label in _label_syarat(surat.jenis).items() if kode not in ada]


def periksa(surat, *, pengguna, catatan: str = "", asli_dilihat: Iterable[str] = ()) -> Surat:
    """The operator confirms the request is complete: each requirement has a scan, or its
    original was seen at the counter (ticked per requirement). Then it waits for the signer."""
    asli = [a for a in dict.fromkeys(asli_dilihat or ()) if a]
    with transaction.atomic():
        journal.begin()
        s = _kunci_surat(surat, pengguna, "periksa")
        _status(s, StatusSurat.DIAJUKAN, tindakan="pemeriksaan")
        label = _label_syarat(s.jenis)
        asing = [a for a in asli if a not in label]
        if asing:
            _tolak("asli_dilihat", f"Persyaratan tidak dikenal: {', '.join(asing)}.")
        kurang = syarat_kurang(s, asli)
        if kurang:
            _tolak("asli_dilihat", "Persyaratan belum lengkap: " + "; ".join(kurang)
                   + ". Unggah pindaiannya atau centang \"dokumen asli sudah dilihat\".")
        s.status, s.diperiksa_pada, s.asli_dilihat = StatusSurat.DIPERIKSA, timezone.now(), asli
        s.save(update_fields=["status", "diperiksa_pada", "asli_dilihat", "updated_at"])
        notifikasi.selesai_untuk(s.get_absolute_url())  # "a new request" is handled
        teks = catatan.strip()
        if asli:
            teks = (teks + "\n" if teks else "") + "Dokumen asli dilihat: " + ", ".join(label[a] for a in asli) + "."
        _riwayat(s, pengguna, DIPERIKSA, teks)
        beri_tahu(s, f"{s.jenis.nama} sedang diproses",
                  "Persyaratan Anda lengkap. Surat menunggu tanda tangan kepala desa.")
        beri_tahu_petugas(s, PENANDATANGAN, f"Menunggu tanda tangan: {s.jenis.nama}",
                          f"Surat untuk {s.penduduk.nama} sudah diperiksa dan menunggu tanda tangan.")
    return s


def tolak(surat, *, pengguna, alasan: str) -> Surat:
    """Refuses a request (before signing), with a reason the resident reads."""
    alasan = (alasan or "").strip()
    with transaction.atomic():
        journal.begin()
        s = _kunci_surat(surat, pengguna, "periksa", "tandatangani")
        _status(s, StatusSurat.DIAJUKAN, StatusSurat.DIPERIKSA, tindakan="penolakan")
        if len(alasan) < ALASAN_MIN:
            _tolak("alasan", f"Tuliskan alasan penolakan paling sedikit {ALASAN_MIN} huruf, agar pemohon tahu "
                             "apa yang harus diperbaiki.")
        s.status, s.alasan_tolak = StatusSurat.DITOLAK, alasan
        s.save(update_fields=["status", "alasan_tolak", "updated_at"])
        notifikasi.selesai_untuk(s.get_absolute_url())  # nobody else needs to check or sign it
        _riwayat(s, pengguna, DITOLAK, alasan)
        beri_tahu(s, f"Permohonan {s.jenis.nama} ditolak", f"Alasan: {alasan}")
    return s


def _boleh_selesai(pengguna, s: Surat) -> bool:
    if allows(pengguna, "change", s):
        return True
    return "warga" in _peran(pengguna) and allows(pengguna, "view", s)


def tandai_selesai(surat, *, pengguna, catatan: str = "") -> Surat:
    """The signed letter reached the resident: downloaded by him (layanan mandiri) or collected
    at the counter (the operator ticks "sudah diambil"). Again on a finished letter: no-op."""
    with transaction.atomic():
        journal.begin()
        s = _kunci_surat(surat, pengguna, "view")
        if not _boleh_selesai(pengguna, s):
            raise Http404(SURAT_TIDAK_DITEMUKAN)
        if s.status == StatusSurat.SELESAI:
            return s
        _status(s, StatusSurat.DITANDATANGANI, tindakan="penyerahan")
        s.status, s.selesai_pada = StatusSurat.SELESAI, timezone.now()
        s.save(update_fields=["status", "selesai_pada", "updated_at"])
        if not catatan:
            catatan = "Diunduh pemohon lewat layanan mandiri." if "warga" in _peran(pengguna) else "Sudah diambil."
        _riwayat(s, pengguna, SELESAI, catatan)
    return s


# ---------------------------------------------------------------- notices

PENYIAP = ("operator_desa", "sekdes")
PENANDATANGAN = ("kepala_desa", "sekdes")


def _tautan_warga(surat: Surat) -> str:
    for name, args in (("mandiri:surat_detail", [surat.pk]), ("mandiri:beranda", [])):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return ""


def _email_aktif() -> bool:
    return not settings.EMAIL_BACKEND.endswith(".dummy.EmailBackend")


def _kirim_email(alamat: str, judul: str, pesan: str) -> None:
    """After commit, best effort: a mail server down never undoes or fails the step."""
    try:
        send_mail(f"[E-Desa] {judul}", pesan, None, [alamat], fail_silently=False)
    except Exception:  # noqa: BLE001 (any transport error; the step has succeeded already)
        log.warning("Email notifikasi surat gagal dikirim", exc_info=True)


def beri_tahu(surat: Surat, judul: str, pesan: str) -> None:
    """Tells the resident (and the family member who asked through layanan mandiri): an
    in-app notice to their account, and an e-mail after commit when mail is configured."""
    p = surat.penduduk
    penerima = [pk for pk in (p.akun_id, surat.pemohon_id if surat.kanal == Surat.MANDIRI else None) if pk]
    if penerima:
        notifikasi.kirim_banyak(penerima, judul, pesan, _tautan_warga(surat))
    alamat = p.email or (p.akun.email if p.akun_id and p.akun else "")
    if alamat and _email_aktif():
        transaction.on_commit(lambda: _kirim_email(alamat, judul, f"Yth. {p.nama},\n\n{pesan}\n\nPemerintah Desa"))


def beri_tahu_petugas(surat: Surat, peran: tuple[str, ...], judul: str, pesan: str) -> int:
    """Tells the village office's staff holding `peran` (a new request, a letter to sign)."""
    ids = Keanggotaan.objects.filter(peran__in=peran, wilayah_id=surat.owner_id, aktif=True,
                                     pengguna__is_active=True).values_list("pengguna_id", flat=True)
    return notifikasi.kirim_banyak(list(ids), judul, pesan, surat.get_absolute_url())
