"""Print-ready documents and spreadsheets for registers and reports: a landscape PDF table
(Typst) with the letterhead of the desa, a repeating header and the Kepala Desa's signature
block, the same table as xlsx (openpyxl write-only, rows go to a temporary file, not memory),
and CSV streamed row by row. Generic on purpose: a book, a report or a letter annex describes
itself as a `Dokumen` (columns, rows, letterhead, signer) and picks an output.

Masking is not done here: callers pass rows that are already masked for the reader."""
from __future__ import annotations

import csv
import datetime
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.formats import date_format

from apps.akun.scope import restrict
from apps.wilayah.models import LEVEL_DESA, Pejabat, UnitKerja, Wilayah
from apps.wilayah.selectors import pejabat_aktif_q

TEMPLATE = Path(__file__).resolve().parent / "typst" / "tabel.typ"
KERTAS = {"a4": "A4", "f4": "F4"}
_KONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NAMA_BERKAS = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Kolom:
    judul: str
    lebar: str = "auto"  # a Typst track size: "auto", "1fr", "2.4cm"
    rata: str = "left"  # left, center, right
    lebar_xlsx: float = 14


@dataclass
class Kop:
    """Letterhead lines: PEMERINTAH KABUPATEN ... / KECAMATAN ... / DESA ... / address."""

    kabupaten: str
    kecamatan: str
    desa: str
    alamat: str = ""


@dataclass
class Ttd:
    """Signature block: place and date, the position, the official's name (blank: a dotted
    line to sign over) and NIP."""

    tempat: str
    tanggal: str
    jabatan: str
    nama: str = ""
    nip: str = ""


@dataclass
class Dokumen:
    judul: str
    kolom: list[Kolom]
    baris: Iterable[Sequence]
    subjudul: str = ""
    kop: Kop | None = None
    ttd: Ttd | None = None
    # Grouped header rows: [[(label, colspan, rowspan), ...], ...]; default one row of column titles.
    kepala: list[list[tuple[str, int, int]]] | None = None
    catatan: str = ""
    dicetak: str = field(default_factory=lambda: f"Dicetak dengan E-Desa, {date_format(datetime.date.today(), 'j F Y')}")

    def baris_kepala(self) -> list[list[tuple[str, int, int]]]:
        return self.kepala or [[(k.judul, 1, 1) for k in self.kolom]]


# ---------------------------------------------------------------- letterhead and signer

def _dengan_sebutan(nama: str, sebutan: str) -> str:
    return nama if nama.lower().startswith(sebutan.lower()) else f"{sebutan} {nama}"


def kop_desa(user, kode_desa: str) -> Kop:
    """The letterhead of a desa/kelurahan: its kabupaten, kecamatan and name (one query), and
    the village office's address and phone when recorded (one query)."""
    bagian = kode_desa.split(".")
    kode = [".".join(bagian[:i]) for i in range(2, LEVEL_DESA + 1)]
    w = {x.kode: x for x in Wilayah.objects.filter(kode__in=kode).only("kode", "nama", "tingkat")}
    kab, kec, desa = (w.get(k) for k in kode)
    kantor = (restrict(UnitKerja.objects.filter(wilayah_id=kode_desa, jenis__in=("pemdes", "kelurahan"), aktif=True),
                       user, "view").order_by("jenis", "kode").values("alamat", "telepon", "email").first() or {})
    alamat = ", ".join(x for x in (kantor.get("alamat", ""), f"Telp. {kantor['telepon']}" if kantor.get("telepon") else "",
                                   kantor.get("email", "")) if x)
    sebutan_kab = "Kota" if kab is not None and kab.tingkat == "kota" else "Kabupaten"
    sebutan_desa = desa.get_tingkat_display() if desa is not None else "Desa"
    return Kop(
        kabupaten=_dengan_sebutan(kab.nama if kab else kode[0], sebutan_kab),
        kecamatan=_dengan_sebutan(kec.nama if kec else kode[1], "Kecamatan"),
        desa=_dengan_sebutan(desa.nama if desa else kode_desa, sebutan_desa),
        alamat=alamat,
    )


def ttd_kepala(user, kode_desa: str, *, tanggal: datetime.date | None = None, kop: Kop | None = None) -> Ttd:
    """"Kepala Desa Pematang Limau" and the name of the official serving on `tanggal` (Plt/Plh
    marked), from the village office's head position; a dotted line when none is recorded."""
    tanggal = tanggal or datetime.date.today()
    kop = kop or kop_desa(user, kode_desa)
    pej = (restrict(Pejabat.objects.filter(pejabat_aktif_q(hari=tanggal), jabatan__is_kepala=True,
                                           jabatan__unit__wilayah_id=kode_desa,
                                           jabatan__unit__jenis__in=("pemdes", "kelurahan")), user, "view")
           .select_related("jabatan").order_by("status", "-mulai").first())
    desa_nama = kop.desa.split(" ", 1)[-1]
    if pej is not None:
        jabatan = _dengan_sebutan(desa_nama, pej.jabatan.nama)
        if pej.status in ("plt", "plh"):
            jabatan = f"{pej.status.capitalize()}. {jabatan}"
        return Ttd(tempat=desa_nama, tanggal=date_format(tanggal, "j F Y"), jabatan=jabatan, nama=pej.nama,
                   nip=pej.nip_tampil)
    sebutan = "Lurah" if kop.desa.startswith("Kelurahan") else "Kepala Desa"
    return Ttd(tempat=desa_nama, tanggal=date_format(tanggal, "j F Y"), jabatan=f"{sebutan} {desa_nama}")


# ---------------------------------------------------------------- Typst PDF

def teks_typst(nilai) -> str:
    """A Typst string literal: shown as plain text, never read as markup or code."""
    s = _KONTROL.sub("", "" if nilai is None else str(nilai))
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return f'"{s}"'


def _kamus(d: dict) -> str:
    return "(" + ", ".join(f"{k}: {teks_typst(v)}" for k, v in d.items()) + ")"


def sumber_typst(dok: Dokumen, *, kertas: str = "a4") -> str:
    """The whole Typst source of the document (template and data), self-contained."""
    kepala = "(" + ", ".join(
        "(" + ", ".join(f"({teks_typst(t)}, {cs}, {rs})" for t, cs, rs in r) + ",)" for r in dok.baris_kepala()
    ) + ",)"
    lebar = "(" + ", ".join(k.lebar for k in dok.kolom) + ",)"
    rata = "(" + ", ".join(k.rata for k in dok.kolom) + ",)"
    baris = []
    for r in dok.baris:
        baris.append("(" + ", ".join(teks_typst(v) for v in r) + ",)")
    data = "(" + ",\n".join(baris) + ("," if baris else "") + ")"
    kop = _kamus(vars(dok.kop)) if dok.kop else "none"
    ttd = _kamus(vars(dok.ttd)) if dok.ttd else "none"
    kecil = "7pt" if len(dok.kolom) > 18 else "8pt"
    return (
        TEMPLATE.read_text(encoding="utf-8")
        + f"\n#dokumen(\n  kop: {kop},\n  judul: {teks_typst(dok.judul)},\n  subjudul: {teks_typst(dok.subjudul)},\n"
        f"  kepala: {kepala},\n  lebar: {lebar},\n  rata: {rata},\n  ttd: {ttd},\n"
        f"  kertas: {teks_typst(kertas if kertas in KERTAS else 'a4')},\n  catatan: {teks_typst(dok.catatan)},\n"
        f"  dicetak: {teks_typst(dok.dicetak)},\n  ukuran: {kecil},\n  baris: {data},\n)\n"
    )


def pdf(dok: Dokumen, *, kertas: str = "a4") -> bytes:
    import typst

    # Without PDF tags: a 3,000-row register is 8 times smaller and faster. Only Typst's own
    # embedded fonts (Libertinus Serif): the same output on every node, no system font scan.
    return typst.compile(sumber_typst(dok, kertas=kertas).encode("utf-8"), format="pdf", pdf_tags=False,
                         ignore_system_fonts=True)


# ---------------------------------------------------------------- xlsx and CSV

def tulis_xlsx(dok: Dokumen, tujuan) -> None:
    """The document as one sheet: letterhead and title rows, the header, the rows, the
    signature block. Write-only: each row goes straight to `tujuan` (a path or file)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_NAMA_BERKAS.sub(" ", dok.judul)[:31] or "Data")
    n = len(dok.kolom)
    for i, k in enumerate(dok.kolom, start=1):
        ws.column_dimensions[get_column_letter(i)].width = k.lebar_xlsx
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    tipis = Side(style="thin")
    garis = Border(left=tipis, right=tipis, top=tipis, bottom=tipis)
    tebal, isi = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    tengah = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def sel(nilai, *, font=None, fill=None, border=None, align=None):
        c = WriteOnlyCell(ws, value=nilai)
        if font:
            c.font = font
        if fill:
            c.fill = fill
        if border:
            c.border = border
        if align:
            c.alignment = align
        return c

    baris_ke = 0
    if dok.kop:
        for teks in (f"PEMERINTAH {dok.kop.kabupaten.upper()}", dok.kop.kecamatan.upper(), dok.kop.desa.upper(),
                     dok.kop.alamat):
            if teks:
                ws.append([sel(teks, font=tebal)])
                baris_ke += 1
    ws.append([sel(dok.judul.upper(), font=Font(bold=True, size=12))])
    baris_ke += 1
    if dok.subjudul:
        ws.append([dok.subjudul])
        baris_ke += 1
    ws.append([])
    baris_ke += 1
    # Grouped header: a spanned label is written once and its cells merged.
    kepala = dok.baris_kepala()
    terisi: set[tuple[int, int]] = set()
    gabung = []
    awal = baris_ke + 1
    for r, isi_baris in enumerate(kepala):
        row: dict[int, str] = {}
        col = 0
        for teks, cs, rs in isi_baris:
            while (r, col) in terisi:
                col += 1
            row[col] = teks
            for dr in range(rs):
                for dc in range(cs):
                    terisi.add((r + dr, col + dc))
            if cs > 1 or rs > 1:
                gabung.append((awal + r, col + 1, awal + r + rs - 1, col + cs))
            col += cs
        ws.append([sel(row.get(c, ""), font=tebal, fill=isi, border=garis, align=tengah) for c in range(n)])
    ws.freeze_panes = f"A{awal + len(kepala)}"
    ws.print_title_rows = f"{awal}:{awal + len(kepala) - 1}"
    for r in dok.baris:
        ws.append([aman_xlsx(ws, v) for v in r])
    if dok.catatan:
        ws.append([])
        ws.append([dok.catatan])
    if dok.ttd:
        ws.append([])
        kanan = max(n - 3, 0)
        for teks in (f"{dok.ttd.tempat}, {dok.ttd.tanggal}", dok.ttd.jabatan, "", "", "",
                     dok.ttd.nama or "(.................................)", f"NIP. {dok.ttd.nip}" if dok.ttd.nip else ""):
            ws.append([None] * kanan + [sel(teks, font=tebal if teks == dok.ttd.nama else None)])
    for r1, c1, r2, c2 in gabung:
        ws.merged_cells.add(f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}")
    wb.save(tujuan)


def nama_berkas(*bagian: str, ext: str) -> str:
    return "-".join(_NAMA_BERKAS.sub("-", b).strip("-").lower() for b in bagian if b) + f".{ext}"


def respons_pdf(isi: bytes, nama: str) -> HttpResponse:
    resp = HttpResponse(isi, content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="{nama}"'
    return resp


def respons_xlsx(dok: Dokumen, nama: str) -> FileResponse:
    """The workbook is written to a temporary file on disk and streamed from there."""
    berkas = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    tulis_xlsx(dok, berkas)
    berkas.seek(0)
    return FileResponse(berkas, as_attachment=True, filename=nama,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def aman_csv(nilai):
    """A text cell starting with = + - @ (or a tab/CR) would run as a formula when a CSV is
    opened in a spreadsheet program (CSV injection): such text gets a leading apostrophe."""
    if isinstance(nilai, str) and nilai[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + nilai
    return nilai


def aman_xlsx(ws, nilai):
    """openpyxl stores text starting with = as a formula; such text is written as a string."""
    if isinstance(nilai, str) and nilai[:1] == "=":
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=nilai)
        cell.data_type = "s"
        return cell
    return nilai


class _Gema:
    def write(self, nilai):
        return nilai


def baris_csv(kolom: Sequence[str], baris: Iterable[Sequence]) -> Iterator[str]:
    """CSV lines one by one (BOM first, so Excel reads UTF-8): nothing is held in memory."""
    tulis = csv.writer(_Gema())
    yield "\ufeff" + tulis.writerow(kolom)
    for r in baris:
        yield tulis.writerow(["" if v is None else aman_csv(v) for v in r])


def respons_csv(kolom: Sequence[str], baris: Iterable[Sequence], nama: str) -> StreamingHttpResponse:
    resp = StreamingHttpResponse(baris_csv(kolom, baris), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp
