"""The placeholders a letter template may use, written `[kode]`, and how each is filled.

Three kinds:
- registry fields of the letter's subject (the resident), read from kependudukan's models,
  code lists printed as their labels (agama 1 -> "ISLAM");
- letter fields (nomor, tanggal_surat, berlaku_sampai, jenis_surat, nama_desa ...);
- an isian field, written with its code, `[keperluan]`, or prefixed, `[isian_keperluan]`
  (the long form never clashes with a registry field); allowed when the letter type or the
  template declares that field.

Substitution is plain text replacement: nothing the operator or the resident typed is ever
evaluated as a Django or Typst template; the result goes to Typst as a string literal."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.formats import date_format

from .isian import tampil_nilai

POLA = re.compile(r"\[([a-z][a-z0-9_]*)\]")
KOSONG = "-"  # printed for an empty value, as on paper forms


@dataclass(frozen=True)
class Placeholder:
    kode: str
    label: str
    sumber: str  # how it is filled, shown beside the editor


PENDUDUK = [
    Placeholder("nama", "Nama", "Nama lengkap penduduk, huruf besar seperti di KK."),
    Placeholder("nik", "NIK", "Nomor Induk Kependudukan."),
    Placeholder("no_kk", "No. KK", "Nomor Kartu Keluarga penduduk."),
    Placeholder("tempat_lahir", "Tempat lahir", "Tempat lahir."),
    Placeholder("tanggal_lahir", "Tanggal lahir", "Tanggal lahir, mis. 15 Januari 1990."),
    Placeholder("ttl", "Tempat/tanggal lahir", "Tempat lahir, tanggal lahir."),
    Placeholder("umur", "Umur", "Umur dalam tahun pada tanggal surat."),
    Placeholder("jenis_kelamin", "Jenis kelamin", "LAKI-LAKI / PEREMPUAN."),
    Placeholder("agama", "Agama", "Agama (label kode Dukcapil)."),
    Placeholder("status_perkawinan", "Status perkawinan", "BELUM KAWIN / KAWIN / CERAI HIDUP / CERAI MATI."),
    Placeholder("pekerjaan", "Pekerjaan", "Pekerjaan (label kode Dukcapil)."),
    Placeholder("pendidikan", "Pendidikan", "Pendidikan terakhir dalam KK."),
    Placeholder("kewarganegaraan", "Kewarganegaraan", "WNI / WNA."),
    Placeholder("golongan_darah", "Golongan darah", "Golongan darah."),
    Placeholder("shdk", "Hubungan dalam keluarga", "Status hubungan dalam keluarga (SHDK)."),
    Placeholder("nama_ayah", "Nama ayah", "Nama ayah."),
    Placeholder("nama_ibu", "Nama ibu", "Nama ibu."),
    Placeholder("alamat", "Alamat", "Alamat lengkap: jalan, RT/RW, dusun, desa."),
    Placeholder("rt", "RT", "Nomor RT."),
    Placeholder("rw", "RW", "Nomor RW."),
    Placeholder("dusun", "Dusun", "Nama dusun/lingkungan."),
]
SURAT = [
    Placeholder("nomor", "Nomor surat", "Nomor surat, diisi saat ditandatangani."),
    Placeholder("tanggal_surat", "Tanggal surat", "Tanggal penandatanganan."),
    Placeholder("berlaku_sampai", "Berlaku sampai", "Tanggal surat + masa berlaku jenis surat."),
    Placeholder("jenis_surat", "Jenis surat", "Nama jenis surat."),
    Placeholder("jabatan_penandatangan", "Jabatan penandatangan", "Mis. Kepala Desa Pematang Limau."),
    Placeholder("nama_desa", "Nama desa", "Nama desa/kelurahan penerbit."),
    Placeholder("nama_kecamatan", "Nama kecamatan", "Nama kecamatan."),
    Placeholder("nama_kabupaten", "Nama kabupaten", "Nama kabupaten."),
]
DAFTAR = PENDUDUK + SURAT
LABEL = {p.kode: p.label for p in DAFTAR}
# Registry fields that may appear in the data table of a letter (kolom_data).
KOLOM_DATA = [p.kode for p in PENDUDUK]


def dipakai(teks: str) -> list[str]:
    return POLA.findall(teks or "")


def periksa(teks_per_bagian: dict[str, str], kode_isian: set[str]) -> None:
    """Every `[kode]` in the template's texts must be a known placeholder or one of the letter's
    isian fields: the error names the placeholder and the part it is in."""
    galat = {}
    for bagian, teks in teks_per_bagian.items():
        asing = [k for k in dipakai(teks) if k not in LABEL and k not in kode_isian
                 and k.removeprefix("isian_") not in kode_isian]
        if asing:
            galat[bagian] = (f"Placeholder tidak dikenal: {', '.join('[' + k + ']' for k in dict.fromkeys(asing))}. "
                             "Lihat daftar placeholder di samping editor.")
    if galat:
        raise ValidationError(galat)


def ganti(teks: str, nilai: dict[str, str]) -> str:
    """`[kode]` -> its value, once, left to right; an unknown code stays as written (a template
    checked on save has none). The values are not scanned again, so a resident named
    "[nik]" prints literally."""
    return POLA.sub(lambda m: (str(nilai[m.group(1)]) or KOSONG) if m.group(1) in nilai else m.group(0), teks or "")


# ---------------------------------------------------------------- filling

def _umur(lahir: datetime.date | None, pada: datetime.date) -> str:
    if not lahir:
        return ""
    tahun = pada.year - lahir.year - ((pada.month, pada.day) < (lahir.month, lahir.day))
    return f"{tahun} tahun"


def _tanggal(d: datetime.date | None) -> str:
    return date_format(d, "j F Y") if d else ""


def _lingkungan(wilayah_kode: str, nama: dict[str, str]) -> tuple[str, str, str]:
    """(rt, rw, dusun) from the RT's code "62.07.01.2005.01.001.002" and the names of its parents."""
    bagian = wilayah_kode.split(".")
    rt = bagian[6] if len(bagian) > 6 else ""
    rw = bagian[5] if len(bagian) > 5 else ""
    dusun = nama.get(".".join(bagian[:5]), "") if len(bagian) > 4 else ""
    return rt, rw, dusun


_SEBUTAN = ("kabupaten ", "kota ", "kecamatan ", "desa ", "kelurahan ")


def _tanpa_sebutan(nama: str) -> str:
    """"Kabupaten Seruyan" -> "Seruyan": templates write the title themselves."""
    for s in _SEBUTAN:
        if nama.lower().startswith(s):
            return nama[len(s):]
    return nama


def data_penduduk(penduduk, *, pada: datetime.date | None = None) -> dict[str, str]:
    """The registry placeholders of a resident as printed text, plus the place names (two
    queries: the family, the wilayah names from RT up to kabupaten)."""
    from apps.wilayah.models import Wilayah

    pada = pada or datetime.date.today()
    p = penduduk
    kode = p.wilayah_id.split(".")
    rantai = [".".join(kode[:i]) for i in range(2, len(kode) + 1)]
    nama = dict(Wilayah.objects.filter(kode__in=rantai).values_list("kode", "nama"))
    rt, rw, dusun = _lingkungan(p.wilayah_id, nama)
    desa, kec, kab = (_tanpa_sebutan(nama.get(".".join(kode[:n]), "")) for n in (4, 3, 2))
    no_kk = p.keluarga.no_kk if p.keluarga_id else ""
    jalan = p.alamat or (p.keluarga.alamat if p.keluarga_id else "")
    alamat = ", ".join(x for x in (jalan, f"RT {rt}" if rt else "", f"RW {rw}" if rw else "", dusun, desa) if x)
    return {
        "nama": p.nama.upper(),
        "nik": p.nik,
        "no_kk": no_kk,
        "tempat_lahir": p.tempat_lahir,
        "tanggal_lahir": _tanggal(p.tanggal_lahir),
        "ttl": ", ".join(x for x in (p.tempat_lahir, _tanggal(p.tanggal_lahir)) if x),
        "umur": _umur(p.tanggal_lahir, pada),
        "jenis_kelamin": p.get_jenis_kelamin_display(),
        "agama": p.get_agama_display(),
        "status_perkawinan": p.get_status_perkawinan_display(),
        "pekerjaan": p.get_pekerjaan_display() or "",
        "pendidikan": p.get_pendidikan_kk_display() or "",
        "kewarganegaraan": p.get_warganegara_display(),
        "golongan_darah": p.get_golongan_darah_display() or "",
        "shdk": p.get_shdk_display() or "",
        "nama_ayah": p.nama_ayah,
        "nama_ibu": p.nama_ibu,
        "alamat": alamat,
        "rt": rt,
        "rw": rw,
        "dusun": dusun,
        "nama_desa": desa,
        "nama_kecamatan": kec,
        "nama_kabupaten": kab,
    }


def nilai_isian(spesifikasi: list[dict], isian: dict) -> dict[str, str]:
    """The isian values as printed, by code and by `isian_` + code."""
    hasil = {f["kode"]: tampil_nilai(f, isian.get(f["kode"])) for f in spesifikasi}
    return hasil | {f"isian_{k}": v for k, v in hasil.items()}
