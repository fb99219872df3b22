"""Attachments of the e-office: the type is read from the file's bytes (never its name), the
size is limited, the file is stored under a random name without extension and always served
as a download (views use `respons_unduh`). Accepted: PDF, JPEG, PNG and office documents
(Word, Excel, PowerPoint in their XML formats, and OpenDocument), macro-enabled ones refused.
The text of a PDF is extracted once, at upload, for the archive search, within a time and
work budget (a crafted PDF of a few kilobytes can otherwise keep pypdf busy for minutes).

Services check and read the uploads with `siapkan` BEFORE their writing transaction (which
holds the journal lock that every write of the installation queues on), then store the
prepared files with `simpan` inside it."""
from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import time
import zipfile
from dataclasses import dataclass
from zlib import error as zlib_error

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse

from .models import BerkasPersuratan

log = logging.getLogger(__name__)

MAKS_BERKAS_PER_INDUK = 20
MAKS_TEKS = 200_000  # characters of PDF text kept for search
MAKS_HALAMAN_TEKS = 60
# Wall-clock budget of one PDF's text extraction (checked between pages), and pypdf's own
# limits per content stream, lower than its defaults: a real page has a few thousand tokens.
TEKS_DETIK = 5.0
BATAS_PYPDF = {"stream_parsing_work_maximum_count": 200_000, "zlib_maximum_output_length": 20_000_000,
               "xform_maximum_invocations_per_extraction": 500}
# The `mimetype` entry of an OpenDocument is a few dozen bytes; never inflate a big one.
MAKS_MIMETYPE = 100

OOXML = {"word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
         "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
         "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")}
ODF = {"application/vnd.oasis.opendocument.text": "odt",
       "application/vnd.oasis.opendocument.spreadsheet": "ods",
       "application/vnd.oasis.opendocument.presentation": "odp"}
JENIS_DITERIMA = "PDF, JPG, PNG, DOCX, XLSX, PPTX, ODT, ODS atau ODP"
EKSTENSI = {"application/pdf": ("pdf",), "image/jpeg": ("jpg", "jpeg"), "image/png": ("png",),
            **{mime: (ext,) for mime, ext in OOXML.values()}, **{mime: (ext,) for mime, ext in ODF.items()}}
MAKRO = "Dokumen berisi makro dan ditolak; simpan ulang tanpa makro (.docx/.xlsx/.pptx/.odt/.ods/.odp)."


def _tolak(pesan: str):
    raise ValidationError({"berkas": pesan})


def _jenis_zip(data: bytes) -> tuple[str, str] | None:
    """The office type of a ZIP by its entries, reading nothing but the central directory and
    (OpenDocument) the tiny `mimetype` entry. Macros are refused however their part is named:
    by the VBA part, by a macro-enabled or VBA content type declared in [Content_Types].xml
    (the part can be renamed, the declaration cannot go), or by OpenDocument Basic/script parts."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.infolist()
            nama = [i.filename for i in info]
            kecil = [n.lower() for n in nama]
            if any(n.endswith("vbaproject.bin") or n.startswith(("basic/", "scripts/")) for n in kecil):
                _tolak(MAKRO)
            if "mimetype" in nama:
                i = z.getinfo("mimetype")
                if i.file_size > MAKS_MIMETYPE or i.compress_size > MAKS_MIMETYPE:
                    return None
                mime = z.read(i).decode("ascii", "replace").strip()
                return (mime, ODF[mime]) if mime in ODF else None
            if "[Content_Types].xml" in nama:
                jenis_isi = z.getinfo("[Content_Types].xml")
                if jenis_isi.file_size > 1_000_000:
                    return None
                deklarasi = z.read(jenis_isi).lower()
                if b"macroenabled" in deklarasi or b"vbaproject" in deklarasi or b"activex" in deklarasi:
                    _tolak(MAKRO)
                for awalan, jenis in OOXML.items():
                    if any(n.startswith(awalan) for n in nama):
                        return jenis
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError,
            ValueError, zlib_error):
        return None
    return None


def jenis_berkas(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) read from the bytes, or None if not an accepted type."""
    if data.startswith(b"%PDF-"):
        return "application/pdf", "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "png"
    if data.startswith(b"PK\x03\x04"):
        return _jenis_zip(data)
    return None


def teks_pdf(data: bytes, *, detik: float | None = None) -> str:
    """The text of a PDF for search (lowercased, whitespace collapsed); empty for a scan
    without a text layer or a file pypdf cannot read. Bounded: at most MAKS_HALAMAN_TEKS
    pages, MAKS_TEKS characters, pypdf's work limits of BATAS_PYPDF per stream and TEKS_DETIK
    seconds (a page over a limit is skipped; past the time the text so far is kept).
    Never raises."""
    batas_waktu = time.monotonic() + (TEKS_DETIK if detik is None else detik)
    try:
        import pypdf

        terapkan = getattr(pypdf, "apply_configuration", None)
        with (terapkan(**BATAS_PYPDF) if terapkan else _tanpa_konfigurasi()):
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                return ""
            bagian, total = [], 0
            for i, halaman in enumerate(reader.pages):
                if i >= MAKS_HALAMAN_TEKS or time.monotonic() > batas_waktu:
                    break
                try:
                    t = halaman.extract_text() or ""
                except Exception:  # noqa: BLE001 (one unreadable or over-limit page: skip it)
                    log.info("Halaman %s PDF dilewati saat membaca teks", i + 1, exc_info=True)
                    continue
                bagian.append(t)
                total += len(t)
                if total > MAKS_TEKS:
                    break
        return re.sub(r"\s+", " ", " ".join(bagian)).strip().lower()[:MAKS_TEKS]
    except Exception:  # noqa: BLE001 (a broken PDF is still a valid attachment; only search misses it)
        log.warning("Teks PDF tidak dapat dibaca", exc_info=True)
        return ""


class _tanpa_konfigurasi:
    """Stand-in for pypdf.apply_configuration on a pypdf without it."""

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def nama_aman(nama: str) -> str:
    """The uploaded file's name as shown (never used as a path)."""
    nama = os.path.basename((nama or "").replace("\\", "/"))
    nama = re.sub(r"[\x00-\x1f\x7f]", "", nama).strip()
    return (nama or "berkas")[:200]


def periksa(berkas) -> tuple[bytes, str, str]:
    """Read and check one upload: (bytes, content type, extension), or a ValidationError in
    Bahasa Indonesia naming the file and why."""
    if berkas is None:
        _tolak("Pilih berkas yang akan diunggah.")
    nama = nama_aman(getattr(berkas, "name", ""))
    ukuran = getattr(berkas, "size", None) or 0
    maks = settings.EDESA_UNGGAH_NASKAH_MAKS
    if ukuran <= 0:
        _tolak(f"Berkas \"{nama}\" kosong.")
    if ukuran > maks:
        _tolak(f"Berkas \"{nama}\" terlalu besar ({ukuran / 1048576:.1f} MB); paling besar {maks / 1048576:.0f} MB.")
    berkas.seek(0)
    data = berkas.read()
    jenis = jenis_berkas(data)
    if jenis is None:
        _tolak(f"Berkas \"{nama}\" bukan {JENIS_DITERIMA} (isi berkas diperiksa, bukan hanya namanya).")
    return data, *jenis


@dataclass(frozen=True)
class Siap:
    """One upload checked, read and indexed outside the writing transaction (see `siapkan`)."""

    data: bytes
    nama: str
    jenis_mime: str
    ekstensi: str
    sha256: str
    teks: str


def siapkan(berkas) -> Siap:
    """Check one upload (type from its bytes, size) and extract its PDF text: the slow part of
    storing an attachment, done BEFORE the writing transaction. A `Siap` passes through."""
    if isinstance(berkas, Siap):
        return berkas
    data, mime, ext = periksa(berkas)
    return Siap(data=data, nama=nama_aman(getattr(berkas, "name", "")), jenis_mime=mime, ekstensi=ext,
                sha256=hashlib.sha256(data).hexdigest(), teks=teks_pdf(data) if mime == "application/pdf" else "")


def siapkan_banyak(berkas) -> list[Siap]:
    """`siapkan` for the uploads of one form (None, one file, or a list); refuses more than
    MAKS_BERKAS_PER_INDUK before reading any."""
    if berkas is None:
        return []
    daftar = [b for b in berkas if b] if isinstance(berkas, (list, tuple)) else [berkas]
    if len(daftar) > MAKS_BERKAS_PER_INDUK:
        _tolak(f"Paling banyak {MAKS_BERKAS_PER_INDUK} lampiran.")
    return [siapkan(b) for b in daftar]


def simpan(*, berkas, pengguna, owner_id: str, naskah=None, surat_masuk=None, tindak_lanjut=None) -> BerkasPersuratan:
    """Store one attachment of exactly one parent: `berkas` prepared by `siapkan` (or an upload,
    checked here). The caller holds the transaction and has checked the user may add to that
    parent."""
    from django.core.files.base import ContentFile

    induk = {"naskah": naskah, "surat_masuk": surat_masuk, "tindak_lanjut": tindak_lanjut}
    if sum(v is not None for v in induk.values()) != 1:
        raise ValueError("Lampiran harus punya tepat satu induk.")
    (field, obj), = ((k, v) for k, v in induk.items() if v is not None)
    if BerkasPersuratan.objects.filter(**{field: obj}).count() >= MAKS_BERKAS_PER_INDUK:
        _tolak(f"Paling banyak {MAKS_BERKAS_PER_INDUK} lampiran.")
    siap = siapkan(berkas)
    b = BerkasPersuratan(owner_id=owner_id, nama_asli=siap.nama, jenis_mime=siap.jenis_mime, ukuran=len(siap.data),
                         sha256=siap.sha256, teks=siap.teks, pengunggah=pengguna, **{field: obj})
    b.berkas.save("x", ContentFile(siap.data), save=False)
    b.save()
    return b


def nama_unduh(b: BerkasPersuratan) -> str:
    """The name a download is saved under: the uploaded name, but always ending in the
    extension of the type read from the bytes ("laporan.pdf.html" holding a PDF is saved as
    "laporan.pdf.html.pdf"), so a polyglot never opens as something else on the user's disk."""
    nama = nama_aman(b.nama_asli)
    ext = EKSTENSI.get(b.jenis_mime)
    if not ext:
        return nama
    if "." in nama and nama.rsplit(".", 1)[1].lower() in ext:
        return nama
    return f"{nama[:190]}.{ext[0]}"


def respons_unduh(b: BerkasPersuratan) -> FileResponse:
    """Always a download with the sniffed type and nosniff: never rendered inline as HTML."""
    resp = FileResponse(b.berkas.open("rb"), as_attachment=True, filename=nama_unduh(b), content_type=b.jenis_mime)
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return resp
