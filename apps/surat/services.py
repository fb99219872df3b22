"""Writes of the letter core: issuing (number, frozen data, PDF, signature, register) and
cancelling a letter, official copies, new template versions and number formats.

`terbitkan` does everything in one transaction: when the signature fails (wrong passphrase,
BSrE down) the number, the register row and the status change are all rolled back, so the
series stays gapless. The PDF file is written to storage last, just before the commit."""
from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format

from apps.akun import notifikasi
from apps.akun.scope import covers, ensure_allowed, memberships, restrict
from apps.dokumen import qr as dokumen_qr
from apps.dokumen import services as dokumen
from apps.kependudukan.cetak import kop_desa
from apps.kependudukan.privasi import samarkan

from . import alur, placeholder, render
from .isian import periksa_spesifikasi, spesifikasi_gabungan
from .models import FormatNomor, JenisSurat, RiwayatSurat, StatusSurat, Surat, TemplateSurat
from .penomoran import ambil_nomor, periksa_format
from .selectors import kode_kabupaten

log = logging.getLogger(__name__)
BISA_DICETAK = (StatusSurat.DITANDATANGANI, StatusSurat.SELESAI)


def _surat_dalam_cakupan(surat: Surat, pengguna, action: str) -> Surat:
    """The letter row locked for update, if the user may `action` it; else 404."""
    obj = restrict(Surat.objects.select_for_update().filter(pk=surat.pk), pengguna, action).first()
    if obj is None:
        raise Http404("Surat tidak ditemukan.")
    return obj


def _peran_di(pengguna, kode_desa: str) -> set[str]:
    return {m.peran for m in memberships(pengguna) if kode_desa == m.wilayah_id or kode_desa.startswith(m.wilayah_id + ".")}


# ---------------------------------------------------------------- masking for the public page

def samar_nama(nama: str) -> str:
    """"Siti Aminah" -> "S*** A****": the initials only, one star per hidden letter."""
    return " ".join(k[0] + "*" * (len(k) - 1) for k in (nama or "").split())


def samar_nik(nik: str) -> str:
    """"6207011501900001" -> "6207********0001": the regency and the serial, nothing that
    gives the birth date or the kecamatan away."""
    nik = nik or ""
    return nik[:4] + "*" * max(len(nik) - 8, 0) + nik[-4:] if len(nik) >= 12 else samarkan(nik)


def ringkasan(surat: Surat, *, nomor: str, tanggal: datetime.date, berlaku: datetime.date | None) -> list[list[str]]:
    """What the public verification page shows beyond the register's own number and date:
    the type, the masked resident and the validity."""
    p = surat.penduduk
    return [
        ["Jenis surat", surat.jenis.nama], ["Nama", samar_nama(p.nama)], ["NIK", samar_nik(p.nik)],
        ["Berlaku sampai", date_format(berlaku, "j F Y") if berlaku else "Tidak dibatasi"],
    ]


# ---------------------------------------------------------------- issuing

def _bekukan(surat: Surat, *, pengguna, tanggal: datetime.date, nomor: str, berlaku, sekretaris: bool) -> dict:
    """Everything the letter prints, as data: registry values, isian, labels and the layout
    dict. Stored in `surat.data`, so later registry edits never change an issued letter."""
    kop = kop_desa(pengguna, surat.owner_id)
    ttd = render.penandatangan(pengguna, surat.owner_id, kop, sekretaris=sekretaris, pada=tanggal)
    nilai = placeholder.data_penduduk(surat.penduduk, pada=tanggal) | {
        "nomor": nomor, "tanggal_surat": date_format(tanggal, "j F Y"),
        "berlaku_sampai": date_format(berlaku, "j F Y") if berlaku else "", "jenis_surat": surat.jenis.nama,
        "jabatan_penandatangan": ttd["jabatan_pembuka"],
    }
    c = render.cetakan(template=surat.template, jenis=surat.jenis, nilai=nilai, isian=surat.isian, kop=kop, ttd=ttd,
                       tanggal=tanggal, nomor=nomor, berlaku=berlaku, kode_desa=surat.owner_id)
    spek = spesifikasi_gabungan(surat.jenis, surat.template)
    return {
        "penduduk": nilai, "isian": surat.isian, "label_isian": {f["kode"]: f["label"] for f in spek},
        "template_versi": surat.template.versi, "penandatangan": ttd, "cetak": c.data(),
    }


def terbitkan(surat: Surat, *, pengguna, kunci) -> Surat:
    """Number, freeze, render, sign and register a checked letter (status DIPERIKSA), in one
    transaction. The signer is the kepala desa, or the sekdes "atas nama" the kepala desa."""
    with transaction.atomic():
        surat = _surat_dalam_cakupan(surat, pengguna, "tandatangani")
        if surat.status != StatusSurat.DIPERIKSA:
            raise ValidationError({"status": f"Surat berstatus \"{surat.get_status_display()}\"; hanya surat yang "
                                             "sudah diperiksa yang dapat ditandatangani."})
        peran = _peran_di(pengguna, surat.owner_id)
        sekretaris = "kepala_desa" not in peran and "sekdes" in peran and not pengguna.is_superuser
        surat = Surat.objects.select_related("jenis", "template", "penduduk__keluarga").get(pk=surat.pk)
        tanggal = timezone.localdate()
        berlaku = tanggal + datetime.timedelta(days=surat.jenis.masa_berlaku_hari) if surat.jenis.masa_berlaku_hari else None
        nomor, seri, tahun, urut = ambil_nomor(owner_id=surat.owner_id, jenis=surat.jenis, tanggal=tanggal)
        data = _bekukan(surat, pengguna=pengguna, tanggal=tanggal, nomor=nomor, berlaku=berlaku, sekretaris=sekretaris)
        cetak = data["cetak"]

        def gambar(qr_teks: str) -> bytes:
            kode = dokumen_qr.periksa_teks(qr_teks).dokumen_id
            cetak.update(qr=dokumen_qr.svg(qr_teks), kode_dokumen=str(kode or ""))
            return render.pdf(render.dari_data(cetak))

        dok, berkas = dokumen.terbitkan(
            sumber="surat", sumber_id=surat.pk, owner_id=surat.owner_id, nomor=nomor, tanggal=tanggal,
            judul=surat.jenis.nama, penerbit=f"Pemerintah {cetak['kop']['desa']}",
            penandatangan=data["penandatangan"]["nama"], jabatan_penandatangan=data["penandatangan"]["jabatan_teks"],
            ringkasan=ringkasan(surat, nomor=nomor, tanggal=tanggal, berlaku=berlaku),
            data_isi=data | {"nomor": nomor, "tanggal": tanggal.isoformat()}, render=gambar, kunci=kunci,
            alasan=f"Penerbitan {surat.jenis.nama}", lokasi=cetak["kop"]["desa"],
        )
        surat.status = StatusSurat.DITANDATANGANI
        surat.nomor, surat.seri, surat.tahun, surat.nomor_urut = nomor, seri, tahun, urut
        surat.tanggal_surat, surat.berlaku_sampai, surat.data, surat.dokumen = tanggal, berlaku, data, dok
        surat.penandatangan, surat.atas_nama, surat.ditandatangani_pada = pengguna, sekretaris, timezone.now()
        surat.nama_cari = surat.penduduk.nama.lower()[:120]
        surat.berkas.save(f"{surat.pk.hex}.pdf", ContentFile(berkas), save=False)
        surat.save()
        RiwayatSurat.objects.create(surat=surat, langkah="ditandatangani", oleh=pengguna, owner_id=surat.owner_id,
                                    catatan=f"Nomor {nomor}")
        transaction.on_commit(lambda: _beri_tahu(surat))
    return surat


def _beri_tahu(surat: Surat) -> None:
    """The resident hears that the letter is ready, and the signers' "waiting for signature"
    notices are done. A failed notice never undoes a signed letter."""
    try:
        notifikasi.selesai_untuk(surat.get_absolute_url())
        alur.beri_tahu(surat, "Surat Anda sudah ditandatangani",
                       f"{surat.jenis.nama} nomor {surat.nomor} sudah ditandatangani dan dapat diunduh atau diambil.")
    except Exception:  # noqa: BLE001 - a notice is best effort; the letter is already signed
        log.exception("Pemberitahuan surat %s gagal", surat.pk)


def batalkan(surat: Surat, *, pengguna, alasan: str) -> Surat:
    """Cancel an issued letter: it keeps its number (the series stays gapless), the register
    row says DIBATALKAN with the reason, and the public verification page shows it."""
    alasan = " ".join((alasan or "").split())
    if not alasan:
        raise ValidationError({"alasan": "Alasan pembatalan wajib diisi."})
    with transaction.atomic():
        surat = _surat_dalam_cakupan(surat, pengguna, "batal")
        if surat.status not in BISA_DICETAK:
            raise ValidationError({"status": f"Surat berstatus \"{surat.get_status_display()}\"; hanya surat yang "
                                             "sudah ditandatangani yang dapat dibatalkan."})
        surat.status, surat.alasan_batal = StatusSurat.DIBATALKAN, alasan
        surat.save(update_fields=["status", "alasan_batal", "updated_at"])
        if surat.dokumen_id:
            dok = surat.dokumen
            if dok.dibatalkan is None:
                dokumen.batalkan(dok, alasan)
        RiwayatSurat.objects.create(surat=surat, langkah="dibatalkan", oleh=pengguna, owner_id=surat.owner_id,
                                    catatan=alasan)
    return surat


def pdf_salinan(surat: Surat, *, pengguna) -> bytes:
    """An official copy from the archive: the frozen letter rendered again with a SALINAN
    mark and the same QR, its hash recorded so the verification page recognises it."""
    obj = restrict(Surat.objects.select_related("dokumen").filter(pk=surat.pk), pengguna, "view").first()
    if obj is None:
        raise Http404("Surat tidak ditemukan.")
    if obj.status not in BISA_DICETAK or not obj.data.get("cetak") or obj.dokumen_id is None:
        raise ValidationError("Salinan hanya dapat dicetak dari surat yang sudah ditandatangani dan tidak dibatalkan.")
    dok = obj.dokumen
    berkas = render.pdf(render.dari_data(obj.data["cetak"], qr=dokumen_qr.svg(dok.qr) if dok.qr else "",
                                         kode_dokumen=str(dok.pk), tanda=render.SALINAN))
    dokumen.catat_salinan(dok, berkas)
    return berkas


def pdf_pratinjau(surat: Surat, *, pengguna=None) -> bytes:
    """The letter as it would print today, before signing: no number, no QR, marked
    PRATINJAU. Registry data is read live (nothing is frozen yet)."""
    surat = Surat.objects.select_related("jenis", "template", "penduduk__keluarga").get(pk=surat.pk)
    hari = timezone.localdate()
    kop = kop_desa(pengguna, surat.owner_id)
    ttd = {"jabatan": [f"{render.sebutan_kepala(kop)} {render.nama_desa(kop)}"], "nama": "", "nip": ""}
    nilai = placeholder.data_penduduk(surat.penduduk, pada=hari) | {
        "nomor": "", "tanggal_surat": date_format(hari, "j F Y"), "berlaku_sampai": "", "jenis_surat": surat.jenis.nama,
        "jabatan_penandatangan": ttd["jabatan"][0],
    }
    c = render.cetakan(template=surat.template, jenis=surat.jenis, nilai=nilai, isian=surat.isian, kop=kop, ttd=ttd,
                       tanggal=hari, kode_desa=surat.owner_id, tanda=render.PRATINJAU)
    return render.pdf(c)


# ---------------------------------------------------------------- templates and number formats

TEKS_TEMPLATE = ("judul", "pembuka", "isi", "penutup")


def boleh_tulis_template(pengguna, owner_id: str) -> bool:
    return covers(pengguna, "add", TemplateSurat, owner_id) and len(owner_id.split(".")) in (2, 4)


def buat_versi_template(*, pengguna, jenis: JenisSurat, owner_id: str, judul: str, pembuka: str, kolom_data: list,
                        isi: str, penutup: str, isian: list, kertas: str = "a4", mengetahui_camat: bool = False,
                        catatan_versi: str = "") -> TemplateSurat:
    """A new version of a type's template owned by a village (its override) or the kabupaten
    (the default). Never edits a version in place: letters keep the version they were made with."""
    if not boleh_tulis_template(pengguna, owner_id) or kode_kabupaten(owner_id) != jenis.owner_id:
        raise Http404("Template tidak ditemukan.")
    isian = periksa_spesifikasi(isian)
    kode_isian = {f["kode"] for f in jenis.isian or []} | {f["kode"] for f in isian}
    teks = {"judul": judul, "pembuka": pembuka, "isi": isi, "penutup": penutup}
    galat = {k: f"{k.capitalize()} wajib diisi." for k in ("judul", "pembuka", "penutup") if not (teks[k] or "").strip()}
    asing = [k for k in kolom_data if k not in placeholder.KOLOM_DATA]
    if asing:
        galat["kolom_data"] = f"Kolom data tidak dikenal: {', '.join(asing)}."
    if kertas not in ("a4", "f4"):
        galat["kertas"] = "Ukuran kertas harus A4 atau F4."
    if galat:
        raise ValidationError(galat)
    placeholder.periksa(teks, kode_isian)
    with transaction.atomic():
        akhir = (TemplateSurat.objects.select_for_update().filter(jenis=jenis, owner_id=owner_id)
                 .order_by("-versi").first())
        tpl = TemplateSurat.objects.create(
            jenis=jenis, owner_id=owner_id, versi=(akhir.versi + 1) if akhir else 1, judul=judul.strip(),
            pembuka=pembuka.strip(), kolom_data=list(kolom_data), isi=(isi or "").strip(), penutup=penutup.strip(),
            isian=isian, kertas=kertas, mengetahui_camat=mengetahui_camat, catatan_versi=(catatan_versi or "")[:255],
            dibuat_oleh=pengguna,
        )
        ensure_allowed(pengguna, "add", tpl)
    return tpl


def pakai_bawaan(*, pengguna, jenis: JenisSurat, owner_id: str) -> TemplateSurat:
    """Go back to the regency default: a new village version copying it (the history keeps
    every earlier override)."""
    bawaan = TemplateSurat.objects.filter(jenis=jenis, owner_id=jenis.owner_id).order_by("-versi").first()
    if bawaan is None or owner_id == jenis.owner_id:
        raise ValidationError("Tidak ada template bawaan kabupaten untuk disalin.")
    return buat_versi_template(
        pengguna=pengguna, jenis=jenis, owner_id=owner_id, judul=bawaan.judul, pembuka=bawaan.pembuka,
        kolom_data=bawaan.kolom_data, isi=bawaan.isi, penutup=bawaan.penutup, isian=bawaan.isian, kertas=bawaan.kertas,
        mengetahui_camat=bawaan.mengetahui_camat, catatan_versi=f"Memakai bawaan kabupaten v{bawaan.versi}")


def simpan_format_nomor(*, pengguna, owner_id: str, jenis: JenisSurat | None, format: str, seri: str = "umum",
                        digit: int = 3) -> FormatNomor:
    """Set an office's number format (for one type, or its default when `jenis` is None)."""
    if not covers(pengguna, "change", FormatNomor, owner_id):
        raise Http404("Format nomor tidak ditemukan.")
    fmt = periksa_format(format)
    seri = " ".join((seri or "").split()) or "umum"
    galat = {}
    if not 1 <= int(digit or 0) <= 6:
        galat["digit"] = "Jumlah digit nomor urut harus 1 sampai 6."
    if len(seri) > 40:
        galat["seri"] = "Nama seri paling panjang 40 huruf."
    if galat:
        raise ValidationError(galat)
    with transaction.atomic():
        obj = FormatNomor.objects.select_for_update().filter(owner_id=owner_id, jenis=jenis).first()
        if obj is None:
            obj = FormatNomor(owner_id=owner_id, jenis=jenis)
        obj.format, obj.seri, obj.digit = fmt, seri, int(digit)
        obj.save()
        ensure_allowed(pengguna, "change", obj)
    return obj
