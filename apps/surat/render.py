"""The letter as a PDF (Typst): letterhead, title, number, opening, data table, body, validity,
closing, place and date, the signer on the right, "Mengetahui, Camat" and the QR code on the
left, the document code in the footer.

Everything printed is first gathered into a plain dict (`Cetakan.data()`), frozen into the
letter when it is signed, and handed to Typst as ONE JSON string literal that the template
decodes with `json(bytes(...))`: no registry or typed text is ever part of Typst source, so a
name like `#eval("x")` prints as written. A reprint (SALINAN) renders the frozen dict again."""
from __future__ import annotations

import datetime
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import typst
from django.utils.formats import date_format

from apps.kependudukan.cetak import Kop, kop_desa, teks_typst
from apps.wilayah.models import Pejabat
from apps.wilayah.selectors import pejabat_aktif_q

from . import placeholder
from .isian import spesifikasi_gabungan, tampil_nilai

TEMPLATE = Path(__file__).resolve().parent / "typst" / "surat.typ"
_SUMBER = TEMPLATE.read_text(encoding="utf-8")
# One compiler per process: it keeps the embedded fonts loaded, so a letter compiles in a few
# milliseconds instead of re-reading them on every call.
COMPILER = typst.Compiler(ignore_system_fonts=True)
SALINAN = "SALINAN"
PRATINJAU = "PRATINJAU — BELUM DITANDATANGANI"


@dataclass
class Cetakan:
    """What one letter prints. `qr` is an SVG text, `tanda` a watermark ("" on the original)."""

    kop: dict
    judul: str
    pembuka: str
    baris: list[list[str]]
    isi: list[str]
    penutup: str
    ttd: dict
    nomor: str = ""
    berlaku: str = ""
    kertas: str = "a4"
    mengetahui: dict | None = None
    qr: str = ""
    kode_dokumen: str = ""
    tanda: str = ""
    extra: dict = field(default_factory=dict)

    def data(self) -> dict:
        d = asdict(self)
        d.pop("extra")
        return d


def muatan(c: Cetakan) -> str:
    """The Typst expression that yields the letter's data: one escaped JSON string, decoded."""
    return f"json(bytes({teks_typst(json.dumps(c.data(), ensure_ascii=False))}))"


def sumber(c: Cetakan) -> str:
    return f"{_SUMBER}\n#surat({muatan(c)})\n"


def pdf(c: Cetakan) -> bytes:
    return COMPILER.compile(sumber(c).encode("utf-8"), format="pdf", pdf_tags=False)


def dari_data(data: dict, **ganti) -> Cetakan:
    """A Cetakan from a frozen dict (a letter's `data["cetak"]`), with some fields replaced."""
    nilai = {k: data.get(k) for k in Cetakan.__dataclass_fields__ if k in data and k != "extra"}
    return Cetakan(**(nilai | ganti))


# ---------------------------------------------------------------- signer blocks

def nama_desa(kop) -> str:
    return kop.desa.split(" ", 1)[-1]


def sebutan_kepala(kop) -> str:
    return "Lurah" if kop.desa.startswith("Kelurahan") else "Kepala Desa"


def _sebutan_sekretaris(kop) -> str:
    return "Sekretaris Kelurahan" if kop.desa.startswith("Kelurahan") else "Sekretaris Desa"


def pejabat_pengguna(pengguna, kode_desa: str, pada: datetime.date) -> Pejabat | None:
    """The position the signing user holds in the village office on that day, if recorded."""
    if pengguna is None:
        return None
    return (Pejabat.objects.filter(pejabat_aktif_q(hari=pada), pengguna=pengguna, jabatan__unit__wilayah_id=kode_desa)
            .select_related("jabatan").order_by("-jabatan__is_kepala", "status").first())


def penandatangan(pengguna, kode_desa: str, kop, *, sekretaris: bool, pada: datetime.date) -> dict:
    """The signer block: "Kepala Desa X", or for the village secretary "a.n. Kepala Desa X /
    Sekretaris Desa" (atas nama). Name and NIP from the official's record linked to the
    account, else the account's name. `jabatan_teks` is the one-line form for the register."""
    kepala = f"{sebutan_kepala(kop)} {nama_desa(kop)}"
    pej = pejabat_pengguna(pengguna, kode_desa, pada)
    awalan = f"{pej.status.capitalize()}. " if pej is not None and pej.status in ("plt", "plh") else ""
    if sekretaris:
        jabatan = [f"a.n. {kepala}", f"{awalan}{_sebutan_sekretaris(kop)}"]
        teks, pembuka = f"a.n. {kepala}, {awalan}{_sebutan_sekretaris(kop)}", f"{_sebutan_sekretaris(kop)} {nama_desa(kop)}"
    else:
        jabatan = [f"{awalan}{kepala}"]
        teks = pembuka = f"{awalan}{kepala}"
    nama = pej.nama if pej is not None else (getattr(pengguna, "nama", "") or getattr(pengguna, "username", ""))
    return {"jabatan": jabatan, "nama": nama, "nip": pej.nip_tampil if pej is not None else "",
            "jabatan_teks": teks, "jabatan_pembuka": pembuka}


def mengetahui_camat(kode_desa: str, pada: datetime.date) -> dict:
    """"Mengetahui, Camat Seruyan Hilir" with the serving camat's name (signed by hand)."""
    kode_kec = ".".join(kode_desa.split(".")[:3])
    pej = (Pejabat.objects.filter(pejabat_aktif_q(hari=pada), jabatan__is_kepala=True,
                                  jabatan__unit__wilayah_id=kode_kec, jabatan__unit__jenis="kecamatan")
           .select_related("jabatan__unit__wilayah").order_by("status").first())
    if pej is None:
        from apps.wilayah.models import Wilayah

        nama_kec = Wilayah.objects.filter(kode=kode_kec).values_list("nama", flat=True).first() or kode_kec
        return {"jabatan": [f"Camat {nama_kec}"], "nama": "", "nip": "", "elektronik": False}
    return {"jabatan": [f"Camat {pej.jabatan.unit.wilayah.nama}"], "nama": pej.nama, "nip": pej.nip_tampil,
            "elektronik": False}


# ---------------------------------------------------------------- body

def _paragraf(teks: str) -> list[str]:
    return [" ".join(p.split()) for p in (teks or "").replace("\r\n", "\n").split("\n") if p.strip()]


def badan(template, jenis, nilai: dict[str, str], isian: dict) -> dict:
    """Title, opening, data table, body paragraphs and closing with placeholders filled.
    Isian fields the texts do not mention are added to the data table, so nothing the operator
    filled in is silently left off the letter."""
    spek = spesifikasi_gabungan(jenis, template)
    semua = nilai | placeholder.nilai_isian(spek, isian)
    teks = " ".join((template.judul, template.pembuka, template.isi, template.penutup))
    disebut = set(placeholder.dipakai(teks))
    baris = [[placeholder.LABEL[k], nilai.get(k) or placeholder.KOSONG] for k in template.kolom_data
             if k in placeholder.LABEL]
    baris += [[f["label"], tampil_nilai(f, isian.get(f["kode"]))] for f in spek
              if f["kode"] not in disebut and f"isian_{f['kode']}" not in disebut and isian.get(f["kode"]) not in (None, "")]
    return {
        "judul": placeholder.ganti(template.judul, semua),
        "pembuka": placeholder.ganti(" ".join(template.pembuka.split()), semua),
        "baris": baris,
        "isi": [placeholder.ganti(p, semua) for p in _paragraf(template.isi)],
        "penutup": placeholder.ganti(" ".join(template.penutup.split()), semua),
    }


def cetakan(*, template, jenis, nilai: dict[str, str], isian: dict, kop, ttd: dict, tanggal: datetime.date,
            nomor: str = "", berlaku: datetime.date | None = None, kode_desa: str = "", tanda: str = "") -> Cetakan:
    """Everything but the QR and document code, which exist only once the letter is issued."""
    ttd = {"tempat": nama_desa(kop), "tanggal": date_format(tanggal, "j F Y"), "elektronik": not tanda,
           "jabatan": ttd["jabatan"], "nama": ttd["nama"], "nip": ttd["nip"]}
    return Cetakan(
        kop={"kabupaten": kop.kabupaten, "kecamatan": kop.kecamatan, "desa": kop.desa, "alamat": kop.alamat},
        nomor=nomor, berlaku=date_format(berlaku, "j F Y") if berlaku else "", kertas=template.kertas, ttd=ttd,
        mengetahui=mengetahui_camat(kode_desa, tanggal) if template.mengetahui_camat and kode_desa else None,
        tanda=tanda, **badan(template, jenis, nilai, isian),
    )


# ---------------------------------------------------------------- previews

CONTOH = {
    "nama": "BUDI SANTOSO", "nik": "6207011501900001", "no_kk": "6207010101900001", "tempat_lahir": "Kuala Pembuang",
    "tanggal_lahir": "15 Januari 1990", "ttl": "Kuala Pembuang, 15 Januari 1990", "umur": "36 tahun",
    "jenis_kelamin": "LAKI-LAKI", "agama": "ISLAM", "status_perkawinan": "KAWIN", "pekerjaan": "PETANI/PEKEBUN",
    "pendidikan": "SLTA / SEDERAJAT", "kewarganegaraan": "WNI", "golongan_darah": "O", "shdk": "KEPALA KELUARGA",
    "nama_ayah": "SLAMET", "nama_ibu": "SITI AMINAH", "alamat": "Jl. Contoh No. 1, RT 001, RW 001, Dusun I",
    "rt": "001", "rw": "001", "dusun": "Dusun I",
}


def contoh_isian(spek: list[dict]) -> dict:
    """A sample value for every isian field, for the template editor's preview."""
    nilai = {"tanggal": datetime.date.today().isoformat(), "angka": 1500000}
    return {f["kode"]: (f.get("pilihan") or [""])[0] if f.get("jenis") == "pilihan"
            else nilai.get(f.get("jenis"), f"(contoh {f['label'].lower()})") for f in spek}


def _kop_contoh(kode_kabupaten: str) -> Kop:
    """The regency default is previewed on a made-up village of the regency."""
    from apps.wilayah.models import Wilayah

    nama = Wilayah.objects.filter(kode=kode_kabupaten).values_list("nama", flat=True).first() or kode_kabupaten
    kab = nama if nama.lower().startswith(("kabupaten", "kota")) else f"Kabupaten {nama}"
    return Kop(kabupaten=kab, kecamatan="Kecamatan Contoh", desa="Desa Contoh")


def pratinjau_template(template, *, pengguna, kode_desa: str) -> bytes:
    """The template filled with a sample resident, marked PRATINJAU, for the editor."""
    kop = kop_desa(pengguna, kode_desa) if len(kode_desa.split(".")) == 4 else _kop_contoh(kode_desa)
    hari = datetime.date.today()
    ttd = {"jabatan": [f"{sebutan_kepala(kop)} {nama_desa(kop)}"], "nama": "", "nip": ""}
    nilai = CONTOH | {"nama_desa": nama_desa(kop), "nama_kecamatan": kop.kecamatan.split(" ", 1)[-1],
                      "nama_kabupaten": kop.kabupaten.split(" ", 1)[-1], "jenis_surat": template.jenis.nama,
                      "jabatan_penandatangan": ttd["jabatan"][0], "tanggal_surat": date_format(hari, "j F Y"),
                      "nomor": "470/007/.../2026", "berlaku_sampai": ""}
    c = cetakan(template=template, jenis=template.jenis, nilai=nilai,
                isian=contoh_isian(spesifikasi_gabungan(template.jenis, template)), kop=kop, ttd=ttd, tanggal=hari,
                kode_desa=kode_desa if len(kode_desa.split(".")) == 4 else "", tanda=PRATINJAU)
    return pdf(c)
