"""Deliberations (Musyawarah) of a stage: the office holding it plans it, invites participants,
records attendance and documents; its decisions are that office's `RevisiUsulan` at the
stage. The berita acara is a PDF generated from those decisions and signed by the chair with
TTE (apps.dokumen); delegates with an account approve it, the chair may record wet signatures.
Invited participants from other offices reach the deliberation through `musyawarah_untuk`."""
from __future__ import annotations

import datetime
import os
import uuid

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse
from django.utils import timezone
from django.utils.formats import date_format

from apps.akun.scope import ensure_allowed, memberships, restrict
from apps.dokumen import services as dokumen
from apps.dokumen import tte
from apps.dokumen.models import DokumenTerbit
from apps.kependudukan import cetak
from apps.wilayah.models import Wilayah

from .models import (
    TINGKAT_TAHAP,
    BerkasMusyawarah,
    JenisTahap,
    Kehadiran,
    Musyawarah,
    PesertaMusyawarah,
    RevisiUsulan,
    StatusMusyawarah,
    TahapMusrenbang,
    UnsurPeserta,
)
from .tahap import wajib_terbuka

MAKS_BERKAS = 10 * 1024 * 1024
MAKS_BERKAS_PER_MUSYAWARAH = 30
JENIS = ((b"%PDF-", "application/pdf", "pdf"), (b"\xff\xd8\xff", "image/jpeg", "jpg"),
         (b"\x89PNG\r\n\x1a\n", "image/png", "png"))
PERAN_PENYELENGGARA = {"desa": ("kepala_desa", "sekdes", "operator_desa"), "kecamatan": ("camat", "staf_kecamatan"),
                       "kabupaten": ("admin_kabupaten", "bappeda")}


# ---------------------------------------------------------------- reads

def musyawarah_untuk(user):
    """Deliberations the user may open: those in their scope and those they are invited to."""
    sendiri = restrict(Musyawarah.objects.all(), user, "view")
    if not getattr(user, "is_authenticated", False):
        return sendiri
    return Musyawarah.objects.filter(Q(pk__in=sendiri.values("pk")) | Q(peserta__akun=user)).distinct()


def boleh_kelola(user, m: Musyawarah) -> bool:
    return restrict(Musyawarah.objects.filter(pk=m.pk), user, "change").exists()


def keputusan(m: Musyawarah) -> list[RevisiUsulan]:
    """The decisions of the deliberation: the holding office's records at its stage."""
    return list(RevisiUsulan.objects.filter(tahap_id=m.tahap_id, owner_id=m.owner_id)
                .select_related("usulan", "digabung_ke").order_by("peringkat", "usulan__kode"))


# ---------------------------------------------------------------- writes

def _kantor(user, tahap: TahapMusrenbang) -> str:
    tingkat = TINGKAT_TAHAP[tahap.jenis]
    for m in memberships(user):
        if (m.peran in PERAN_PENYELENGGARA[tingkat] and m.wilayah_id.startswith(tahap.siklus.owner_id)
                and Wilayah.objects.filter(kode=m.wilayah_id, tingkat__in=("desa", "kelurahan", "desa_adat")
                                           if tingkat == "desa" else (tingkat,)).exists()):
            return m.wilayah_id
    raise ValidationError({"tahap": f"Anda tidak bertugas di kantor yang menyelenggarakan "
                                    f"{tahap.get_jenis_display()}."})


def _isi(m: Musyawarah, data: dict) -> None:
    for f in ("judul", "tempat", "pimpinan", "agenda", "notulen", "tautan_daring"):
        if f in data:
            setattr(m, f, (data[f] or "").strip())
    if "waktu" in data:
        m.waktu = data["waktu"]
    if len(m.judul) < 5:
        raise ValidationError({"judul": "Judul musyawarah wajib diisi (minimal 5 karakter)."})
    if not m.tempat:
        raise ValidationError({"tempat": "Tempat musyawarah wajib diisi."})
    if not m.pimpinan:
        raise ValidationError({"pimpinan": "Pimpinan musyawarah wajib diisi."})
    if not m.agenda:
        raise ValidationError({"agenda": "Agenda wajib diisi (satu butir per baris)."})
    if not isinstance(m.waktu, datetime.datetime):
        raise ValidationError({"waktu": "Waktu musyawarah wajib diisi."})
    if m.tautan_daring and not m.tautan_daring.startswith("https://"):
        raise ValidationError({"tautan_daring": "Tautan rapat daring harus diawali https://."})


@transaction.atomic
def buat(user, *, tahap: TahapMusrenbang, **data) -> Musyawarah:
    if tahap is None:
        raise ValidationError({"tahap": "Pilih tahap musyawarah."})
    wajib_terbuka(tahap)
    kantor = _kantor(user, tahap)
    m = Musyawarah(tahap=tahap, wilayah_id=kantor, owner_id=kantor, pimpinan_akun=user)
    _isi(m, data)
    m.save()
    ensure_allowed(user, "add", m)
    return m


def _terkunci(m: Musyawarah) -> None:
    if m.status == StatusMusyawarah.DITANDATANGANI:
        raise ValidationError("Berita acara sudah ditandatangani; musyawarah tidak dapat diubah lagi.")


@transaction.atomic
def ubah(user, m: Musyawarah, **data) -> Musyawarah:
    m = Musyawarah.objects.select_for_update().get(pk=m.pk)
    _terkunci(m)
    _isi(m, data)
    if "status" in data:
        if data["status"] not in (StatusMusyawarah.DIRENCANAKAN, StatusMusyawarah.BERLANGSUNG, StatusMusyawarah.SELESAI):
            raise ValidationError({"status": "Status tidak dikenal."})
        m.status = data["status"]
    m.save()
    ensure_allowed(user, "change", m)
    return m


@transaction.atomic
def tambah_peserta(user, m: Musyawarah, *, nama: str, unsur: str, asal: str = "", akun: str = "",
                   penandatangan: bool = False) -> PesertaMusyawarah:
    _terkunci(m)
    nama = (nama or "").strip()
    if len(nama) < 3:
        raise ValidationError({"nama": "Nama peserta wajib diisi (minimal 3 karakter)."})
    if unsur not in UnsurPeserta.values:
        raise ValidationError({"unsur": "Unsur peserta tidak dikenal."})
    pengguna = None
    if (akun or "").strip():
        pengguna = get_user_model().objects.filter(username=akun.strip(), is_active=True).first()
        if pengguna is None:
            raise ValidationError({"akun": f"Akun \"{akun.strip()}\" tidak ditemukan."})
        if m.peserta.filter(akun=pengguna).exists():
            raise ValidationError({"akun": "Akun ini sudah terdaftar sebagai peserta."})
    p = PesertaMusyawarah.objects.create(musyawarah=m, nama=nama, unsur=unsur, asal=(asal or "").strip()[:160],
                                         akun=pengguna, penandatangan=bool(penandatangan), owner_id=m.owner_id)
    ensure_allowed(user, "add", p)
    return p


@transaction.atomic
def hapus_peserta(user, p: PesertaMusyawarah) -> None:
    _terkunci(p.musyawarah)
    ensure_allowed(user, "delete", p)
    p.delete()


@transaction.atomic
def catat_hadir(user, m: Musyawarah, peserta_id, kehadiran: str) -> PesertaMusyawarah:
    _terkunci(m)
    if kehadiran not in Kehadiran.values:
        raise ValidationError({"kehadiran": "Status kehadiran tidak dikenal."})
    try:
        p = m.peserta.select_for_update().get(pk=peserta_id)
    except (PesertaMusyawarah.DoesNotExist, ValueError, ValidationError):
        raise ValidationError({"peserta": "Peserta tidak terdaftar pada musyawarah ini."}) from None
    p.kehadiran = kehadiran
    p.save(update_fields=["kehadiran", "updated_at"])
    ensure_allowed(user, "change", p)
    return p


def _sniff(data: bytes) -> tuple[str, str] | None:
    for magic, mime, ext in JENIS:
        if data.startswith(magic):
            return mime, ext
    return None


@transaction.atomic
def unggah(user, m: Musyawarah, berkas) -> BerkasMusyawarah:
    """Attach a PDF, JPEG or PNG (type read from its bytes, size limited)."""
    _terkunci(m)
    if berkas is None:
        raise ValidationError({"berkas": "Pilih berkas yang akan diunggah."})
    nama = os.path.basename(getattr(berkas, "name", "") or "berkas")[:200]
    ukuran = getattr(berkas, "size", 0) or 0
    if ukuran <= 0:
        raise ValidationError({"berkas": f"Berkas \"{nama}\" kosong."})
    if ukuran > MAKS_BERKAS:
        raise ValidationError({"berkas": f"Berkas \"{nama}\" terlalu besar ({ukuran / 1048576:.1f} MB); paling "
                                         "besar 10 MB."})
    if m.berkas.count() >= MAKS_BERKAS_PER_MUSYAWARAH:
        raise ValidationError({"berkas": f"Paling banyak {MAKS_BERKAS_PER_MUSYAWARAH} berkas per musyawarah."})
    berkas.seek(0)
    data = berkas.read()
    jenis = _sniff(data)
    if jenis is None:
        raise ValidationError({"berkas": f"Berkas \"{nama}\" bukan PDF, JPG atau PNG (isi berkas diperiksa, bukan "
                                         "hanya namanya)."})
    b = BerkasMusyawarah(musyawarah=m, nama_asli=nama, jenis_mime=jenis[0], ukuran=len(data), owner_id=m.owner_id)
    b.berkas.save(uuid.uuid4().hex, ContentFile(data), save=False)
    b.save()
    ensure_allowed(user, "add", b)
    return b


def respons_unduh(b: BerkasMusyawarah) -> FileResponse:
    """Always a download with the sniffed type and nosniff, never rendered inline."""
    resp = FileResponse(b.berkas.open("rb"), as_attachment=True, filename=b.nama_asli, content_type=b.jenis_mime)
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return resp


@transaction.atomic
def setujui(user, m: Musyawarah) -> PesertaMusyawarah:
    """A participant whose account is linked approves the berita acara."""
    p = m.peserta.select_for_update().filter(akun=user).first()
    if p is None:
        raise ValidationError("Anda tidak terdaftar sebagai peserta musyawarah ini.")
    if p.kehadiran not in (Kehadiran.HADIR, Kehadiran.DARING):
        raise ValidationError("Hanya peserta yang tercatat hadir yang dapat menyetujui berita acara.")
    if m.status == StatusMusyawarah.DITANDATANGANI:
        raise ValidationError("Berita acara sudah ditandatangani pimpinan; persetujuan ditutup.")
    if p.ditandatangani_pada is None:
        p.ditandatangani_pada = timezone.now()
        p.save(update_fields=["ditandatangani_pada", "updated_at"])
    return p


@transaction.atomic
def catat_ttd_basah(user, m: Musyawarah, peserta_id) -> PesertaMusyawarah:
    """The chair records that a delegate signed the paper copy."""
    _terkunci(m)
    try:
        p = m.peserta.select_for_update().get(pk=peserta_id)
    except (PesertaMusyawarah.DoesNotExist, ValueError, ValidationError):
        raise ValidationError({"peserta": "Peserta tidak terdaftar pada musyawarah ini."}) from None
    if p.kehadiran not in (Kehadiran.HADIR, Kehadiran.DARING):
        raise ValidationError({"peserta": "Peserta tidak tercatat hadir."})
    p.ditandatangani_pada = p.ditandatangani_pada or timezone.now()
    p.save(update_fields=["ditandatangani_pada", "updated_at"])
    ensure_allowed(user, "change", p)
    return p


def _dokumen_ba(m: Musyawarah, kode_dokumen: str) -> cetak.Dokumen:
    nama_wil = Wilayah.objects.filter(kode=m.wilayah_id).values_list("nama", flat=True).first() or m.wilayah_id
    baris = []
    for i, r in enumerate(keputusan(m), 1):
        baris.append([i, r.usulan.kode, r.usulan.nama_kegiatan, f"{r.volume.normalize():f} {r.satuan}",
                      f"{r.perkiraan_biaya:,.0f}".replace(",", "."), r.peringkat or "-", r.get_keputusan_display(),
                      r.alasan or "-"])
    baris.append(["", "", "DAFTAR HADIR DAN PERSETUJUAN", "", "", "", "", ""])
    for i, p in enumerate(m.peserta.order_by("unsur", "nama"), 1):
        setuju = (f"Disetujui {date_format(timezone.localtime(p.ditandatangani_pada), 'j M Y H:i')}"
                  if p.ditandatangani_pada else "-")
        baris.append([i, p.get_unsur_display(), p.nama, p.asal, "", "", p.get_kehadiran_display(), setuju])
    agenda = "; ".join(a.strip() for a in m.agenda.splitlines() if a.strip())
    return cetak.Dokumen(
        judul=f"BERITA ACARA {m.tahap.get_jenis_display().upper()}",
        subjudul=f"{nama_wil} · {date_format(timezone.localtime(m.waktu), 'l, j F Y H:i')} · {m.tempat}",
        kolom=[cetak.Kolom("No", "auto", "right", 5), cetak.Kolom("Kode", "auto"), cetak.Kolom("Usulan", "2fr", "left", 36),
               cetak.Kolom("Volume"), cetak.Kolom("Biaya (Rp)", "auto", "right"), cetak.Kolom("Peringkat", "auto", "center"),
               cetak.Kolom("Keputusan"), cetak.Kolom("Alasan", "2fr", "left", 36)],
        baris=baris,
        ttd=cetak.Ttd(tempat=nama_wil, tanggal=date_format(timezone.localdate(), "j F Y"), jabatan="Pimpinan Musyawarah",
                      nama=m.pimpinan),
        catatan=f"Agenda: {agenda}. Notulen: {m.notulen or '-'}. Ditandatangani secara elektronik; kode dokumen "
                f"{kode_dokumen}.",
    )


@transaction.atomic
def tandatangani_ba(user, m: Musyawarah, passphrase: str) -> Musyawarah:
    """Generate the berita acara from the decisions and sign it with the chair's TTE."""
    m = Musyawarah.objects.select_for_update().select_related("tahap").get(pk=m.pk)
    _terkunci(m)
    if m.pimpinan_akun_id and m.pimpinan_akun_id != user.pk:
        raise ValidationError("Berita acara ditandatangani oleh pimpinan musyawarah yang tercatat.")
    if not m.peserta.filter(kehadiran__in=(Kehadiran.HADIR, Kehadiran.DARING)).exists():
        raise ValidationError("Catat kehadiran peserta sebelum menandatangani berita acara.")
    kunci = tte.buka_kunci(user, passphrase)
    hari = timezone.localdate()
    nomor = f"BA/{m.tahap.jenis.upper()}/{m.wilayah_id}/{hari:%Y%m%d}"

    def render(qr_teks: str) -> bytes:
        from apps.dokumen import qr as dokumen_qr

        kode = dokumen_qr.periksa_teks(qr_teks).dokumen_id
        return cetak.pdf(_dokumen_ba(m, str(kode or "")))

    dok, isi = dokumen.terbitkan(
        sumber=DokumenTerbit.BERITA_ACARA, sumber_id=m.pk, owner_id=m.owner_id, nomor=nomor, tanggal=hari,
        judul=f"Berita Acara {m.tahap.get_jenis_display()}", penerbit=m.judul, penandatangan=m.pimpinan,
        jabatan_penandatangan="Pimpinan Musyawarah", ringkasan=[["Musyawarah", m.judul], ["Tempat", m.tempat]],
        data_isi={"musyawarah": str(m.pk), "keputusan": [[str(r.usulan_id), r.keputusan, r.alasan]
                                                          for r in keputusan(m)]},
        render=render, kunci=kunci, alasan="Penandatanganan berita acara musyawarah", lokasi=m.tempat)
    m.dokumen, m.status = dok, StatusMusyawarah.DITANDATANGANI
    m.berkas_ba.save(f"{m.pk.hex}.pdf", ContentFile(isi), save=False)
    m.save()
    ensure_allowed(user, "change", m)
    return m


def tahap_musyawarah(user):
    """The stages at which the user's office may hold a deliberation (open ones)."""
    from . import selectors

    kab = selectors.kabupaten_pengguna(user)
    return TahapMusrenbang.objects.filter(owner_id__in=kab).exclude(jenis=JenisTahap.RKPD).select_related("siklus")


def wajib_kelola(user, m: Musyawarah) -> None:
    if not boleh_kelola(user, m):
        raise PermissionDenied
