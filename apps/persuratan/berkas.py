"""Attachments of the e-office: the type is read from the file's bytes (never its name), the
size is limited, the file is stored under a random name without extension and always served
as a download (views use `respons_unduh`). Accepted: PDF, JPEG, PNG and office documents
(Word, Excel, PowerPoint in their XML formats, and OpenDocument), macro-enabled ones refused.
The text of a PDF is extracted once, at upload, for the archive search."""
from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse

from .models import BerkasPersuratan

log = logging.getLogger(__name__)

MAKS_BERKAS_PER_INDUK = 20
MAKS_TEKS = 200_000  # characters of PDF text kept for search
MAKS_HALAMAN_TEKS = 60

OOXML = {"word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
         "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
         "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")}
ODF = {"application/vnd.oasis.opendocument.text": "odt",
       "application/vnd.oasis.opendocument.spreadsheet": "ods",
       "application/vnd.oasis.opendocument.presentation": "odp"}
JENIS_DITERIMA = "PDF, JPG, PNG, DOCX, XLSX, PPTX, ODT, ODS atau ODP"


def _tolak(pesan: str):
    raise ValidationError({"berkas": pesan})


def _jenis_zip(data: bytes) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            nama = z.namelist()
            if any(n.lower().endswith("vbaproject.bin") for n in nama):
                _tolak("Dokumen berisi makro (VBA) dan ditolak; simpan ulang tanpa makro (.docx/.xlsx/.pptx).")
            if "mimetype" in nama:
                mime = z.read("mimetype").decode("ascii", "replace").strip()
                return (mime, ODF[mime]) if mime in ODF else None
            if "[Content_Types].xml" in nama:
                for awalan, jenis in OOXML.items():
                    if any(n.startswith(awalan) for n in nama):
                        return jenis
    except zipfile.BadZipFile:
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


def teks_pdf(data: bytes) -> str:
    """The text of a PDF for search (lowercased, whitespace collapsed); empty for a scan
    without a text layer or a file pypdf cannot read. Never raises."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return ""
        bagian, total = [], 0
        for halaman in reader.pages[:MAKS_HALAMAN_TEKS]:
            t = halaman.extract_text() or ""
            bagian.append(t)
            total += len(t)
            if total > MAKS_TEKS:
                break
        return re.sub(r"\s+", " ", " ".join(bagian)).strip().lower()[:MAKS_TEKS]
    except Exception:  # noqa: BLE001 (a broken PDF is still a valid attachment; only search misses it)
        log.warning("Teks PDF tidak dapat dibaca", exc_info=True)
        return ""


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


def simpan(*, berkas, pengguna, owner_id: str, naskah=None, surat_masuk=None, tindak_lanjut=None) -> BerkasPersuratan:
    """Check and store one attachment of exactly one parent. The caller holds the transaction
    and has checked the user may add to that parent."""
    from django.core.files.base import ContentFile

    induk = {"naskah": naskah, "surat_masuk": surat_masuk, "tindak_lanjut": tindak_lanjut}
    if sum(v is not None for v in induk.values()) != 1:
        raise ValueError("Lampiran harus punya tepat satu induk.")
    (field, obj), = ((k, v) for k, v in induk.items() if v is not None)
    if BerkasPersuratan.objects.filter(**{field: obj}).count() >= MAKS_BERKAS_PER_INDUK:
        _tolak(f"Paling banyak {MAKS_BERKAS_PER_INDUK} lampiran.")
    data, mime, _ext = periksa(berkas)
    b = BerkasPersuratan(owner_id=owner_id, nama_asli=nama_aman(berkas.name), jenis_mime=mime, ukuran=len(data),
                         sha256=hashlib.sha256(data).hexdigest(), teks=teks_pdf(data) if mime == "application/pdf" else "",
                         pengunggah=pengguna, **{field: obj})
    b.berkas.save("x", ContentFile(data), save=False)
    b.save()
    return b


def respons_unduh(b: BerkasPersuratan) -> FileResponse:
    """Always a download with the sniffed type and nosniff: never rendered inline as HTML."""
    resp = FileResponse(b.berkas.open("rb"), as_attachment=True, filename=b.nama_asli, content_type=b.jenis_mime)
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return resp
