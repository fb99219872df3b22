"""Photos of an aspiration: the type is read from the bytes (JPEG, PNG or WebP, never the
name), at most `MAKS_FOTO` of `MAKS_UKURAN` each, stripped of their metadata (EXIF GPS, owner,
device serial: enough to identify an anonymous reporter; see apps.dokumen.metadata), stored under
a random name and re-served only as that image type with nosniff (views use `respons_foto`)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404

from apps.dokumen import metadata

MAKS_FOTO = 3
MAKS_UKURAN = 5 * 1024 * 1024


@dataclass
class FotoSiap:
    data: bytes
    jenis_mime: str
    ekstensi: str


EKSTENSI = {metadata.JPEG: "jpg", metadata.PNG: "png", metadata.WEBP: "webp"}


def jenis_foto(data: bytes) -> tuple[str, str] | None:
    mime = metadata.jenis(data)
    return (mime, EKSTENSI[mime]) if mime else None


def siapkan(berkas: list) -> list[FotoSiap]:
    """Reads and checks the uploads (before any writing transaction)."""
    berkas = [b for b in (berkas or []) if b]
    if len(berkas) > MAKS_FOTO:
        raise ValidationError({"foto": f"Paling banyak {MAKS_FOTO} foto."})
    hasil = []
    for b in berkas:
        if getattr(b, "size", 0) > MAKS_UKURAN:
            raise ValidationError({"foto": f"Foto {getattr(b, 'name', '')} lebih dari 5 MB."})
        data = b.read(MAKS_UKURAN + 1)
        if len(data) > MAKS_UKURAN:
            raise ValidationError({"foto": f"Foto {getattr(b, 'name', '')} lebih dari 5 MB."})
        jenis = jenis_foto(data)
        if jenis is None:
            raise ValidationError({"foto": "Foto harus berupa gambar JPG, PNG atau WebP."})
        try:
            data = metadata.bersihkan(data)
        except metadata.GambarRusak as exc:
            raise ValidationError({"foto": f"Foto {getattr(b, 'name', '')} tidak dapat dibaca ({exc}); "
                                           "kirim ulang foto aslinya."}) from exc
        hasil.append(FotoSiap(data, *jenis))
    return hasil


def berkas_django(f: FotoSiap) -> ContentFile:
    return ContentFile(f.data, name=f"{uuid.uuid4().hex}.{f.ekstensi}")


def respons_foto(foto) -> FileResponse:
    """The photo as its sniffed image type, inline, never interpreted as anything else."""
    try:
        berkas = foto.berkas.open("rb")
    except OSError as exc:  # the row is there but the file never reached this node
        raise Http404("Foto tidak ditemukan.") from exc
    resp = FileResponse(berkas, content_type=foto.jenis_mime)
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Content-Security-Policy"] = "default-src 'none'; sandbox"
    resp["Cache-Control"] = "private, max-age=3600"
    return resp
