"""A naskah dinas as a PDF (Typst), laid out per the Tata Naskah Dinas: the unit's letterhead
with the double rule, place and date, the Nomor / Sifat / Lampiran / Hal block, the "Yth."
addressees, the body, the signature block on the right (Plt./Plh./a.n.), the QR code of the
register entry, and the Tembusan list.

Everything printed is gathered into one plain dict and handed to Typst as ONE escaped JSON
string literal (`json(bytes(...))`): a subject like `#eval("x")` prints as written."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import typst
from django.utils import timezone
from django.utils.formats import date_format

from apps.kependudukan.cetak import teks_typst
from apps.wilayah.kode import kode_kabupaten
from apps.wilayah.models import Pejabat, Wilayah
from apps.wilayah.selectors import pejabat_aktif_q

from .models import JenisNaskah, PenerimaNaskah

TEMPLATE = Path(__file__).resolve().parent / "typst" / "naskah.typ"
_SUMBER = TEMPLATE.read_text(encoding="utf-8")
COMPILER = typst.Compiler(ignore_system_fonts=True)
DRAF = "DRAF"
# Up to this many "kepada" addressees are printed under "Yth."; more go to an attached list.
MAKS_YTH = 6
# Types with a centred title instead of the Hal block of a letter.
BERJUDUL = {JenisNaskah.SURAT_EDARAN, JenisNaskah.PENGUMUMAN, JenisNaskah.LAPORAN, JenisNaskah.BERITA_ACARA,
            JenisNaskah.SURAT_KEPUTUSAN}


def _tanpa_sebutan(nama: str) -> str:
    for s in ("Kabupaten ", "Kota ", "Kecamatan ", "Desa ", "Kelurahan "):
        if nama.startswith(s):
            return nama[len(s):]
    return nama


def kop(unit) -> dict:
    """PEMERINTAH KABUPATEN X / the unit's name / its address (one query for the regency)."""
    kab_kode = kode_kabupaten(unit.wilayah_id)
    kab = Wilayah.objects.filter(kode=kab_kode).values_list("nama", "tingkat").first()
    nama_kab, tingkat = kab if kab else (kab_kode, "kabupaten")
    sebutan = "Kota" if tingkat == "kota" else "Kabupaten"
    if not nama_kab.lower().startswith(sebutan.lower()):
        nama_kab = f"{sebutan} {nama_kab}"
    alamat = ", ".join(x for x in (unit.alamat, f"Telp. {unit.telepon}" if unit.telepon else "", unit.email) if x)
    return {"pemerintah": f"PEMERINTAH {nama_kab.upper()}", "unit": unit.nama.upper(), "alamat": alamat}


def tempat(unit) -> str:
    return _tanpa_sebutan(unit.wilayah.nama)


def _paragraf(teks: str) -> list[str]:
    """Paragraphs split on blank lines; single line breaks inside a paragraph are kept."""
    blok = (teks or "").replace("\r\n", "\n").split("\n\n")
    return [b.strip() for b in blok if b.strip()]


def cetakan(n, *, penerima: list[PenerimaNaskah], ttd: dict, nomor: str = "", tanggal: datetime.date | None = None,
            tanda: str = "") -> dict:
    """Everything the naskah prints except the QR and document code (they exist only once it
    is registered)."""
    tanggal = tanggal or timezone.localdate()
    kepada = [str(p) for p in penerima if p.jenis == "kepada"]
    tembusan = [str(p) for p in penerima if p.jenis == "tembusan"]
    berjudul = n.jenis in BERJUDUL
    return {
        "kop": kop(n.unit), "tempat": tempat(n.unit), "tanggal": date_format(tanggal, "j F Y"),
        "nomor": nomor, "sifat": n.get_sifat_display(), "urgensi": n.get_urgensi_display(),
        "lampiran": n.lampiran_keterangan or "-", "hal": n.perihal,
        "judul": n.get_jenis_display().upper() if berjudul else "",
        "kepada": kepada if len(kepada) <= MAKS_YTH else [], "kepada_lampiran": kepada if len(kepada) > MAKS_YTH else [],
        "tembusan": tembusan, "isi": _paragraf(n.isi),
        "ttd": {"jabatan": list(ttd.get("jabatan") or []), "nama": ttd.get("nama", ""), "nip": ttd.get("nip", ""),
                "elektronik": not tanda},
        "qr": "", "kode_dokumen": "", "tanda": tanda,
    }


def sumber(data: dict) -> str:
    muatan = f"json(bytes({teks_typst(json.dumps(data, ensure_ascii=False))}))"
    return f"{_SUMBER}\n#naskah({muatan})\n"


def pdf(data: dict) -> bytes:
    return COMPILER.compile(sumber(data).encode("utf-8"), format="pdf", pdf_tags=False)


def nama_jabatan(j) -> str:
    """A position as printed: "Kepala Desa Pematang Limau" for a head whose title does not name
    its region yet, else the title as recorded ("Camat Seruyan Hilir", "Sekretaris Desa")."""
    nama = j.nama
    if j.is_kepala and j.unit_id:
        wil = _tanpa_sebutan(j.unit.wilayah.nama)
        if wil and wil.lower() not in nama.lower():
            nama = f"{nama} {wil}"
    return nama


def ttd_rencana(jabatan, hari: datetime.date) -> dict:
    """The signature block of a draft: the position and whoever holds it today (no prefix:
    who actually signs is known only at signing)."""
    pej = (Pejabat.objects.filter(pejabat_aktif_q(hari=hari), jabatan=jabatan).order_by("status").first())
    baris = [nama_jabatan(jabatan)]
    if pej is not None and pej.status in ("plt", "plh"):
        baris = [f"{pej.status.capitalize()}. {baris[0]}"]
    return {"jabatan": baris, "nama": pej.nama if pej else "", "nip": pej.nip_tampil if pej else ""}


def pratinjau(n) -> bytes:
    """A draft as it would print today: no number, no QR, marked DRAF."""
    from apps.wilayah.models import Jabatan

    penerima = list(n.penerima.select_related("unit").order_by("jenis", "urutan"))
    jabatan = Jabatan.objects.select_related("unit__wilayah").get(pk=n.jabatan_penandatangan_id)
    hari = timezone.localdate()
    return pdf(cetakan(n, penerima=penerima, ttd=ttd_rencana(jabatan, hari), tanggal=hari, tanda=DRAF))
