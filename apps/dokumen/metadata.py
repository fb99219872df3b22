"""Uploaded photos without their metadata, losslessly and without an image library.

A phone photo carries EXIF (GPS of where it was taken, often the reporter's home; the device's
serial number; the owner's name), XMP, comments and timestamps: enough to identify an anonymous
reporter. `bersihkan` walks the file's structure and drops those blocks, leaving every byte of
the picture itself untouched (no re-encoding, so no quality loss):

- JPEG: APP1..APP15 and COM segments before the first SOS go (APP0/JFIF stays, as do the ICC
  colour profile, Adobe's colour transform, the tables, the frame header and the entropy-coded data);
- PNG: eXIf, tEXt, iTXt, zTXt and tIME chunks go, and anything after IEND;
- WebP: EXIF and "XMP " chunks go, their flags in VP8X are cleared and the RIFF size is rewritten.

A file whose structure cannot be walked raises `GambarRusak` (a ValueError with a message for the
user): it is refused, never stored as it came. Pure: bytes in, bytes out."""
from __future__ import annotations

import struct

JPEG, PNG, WEBP = "image/jpeg", "image/png", "image/webp"

_PNG_TANDA = b"\x89PNG\r\n\x1a\n"
_PNG_BUANG = {b"eXIf", b"tEXt", b"iTXt", b"zTXt", b"tIME"}
_WEBP_BUANG = {b"EXIF", b"XMP "}
_VP8X_EXIF, _VP8X_XMP = 0x08, 0x04
# Start-of-frame markers (baseline, progressive, lossless, arithmetic); not DHT C4, JPG C8, DAC CC.
_JPEG_SOF = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class GambarRusak(ValueError):
    """The file claims an image type but its structure cannot be read."""


def jenis(data: bytes) -> str | None:
    """The image type from the first bytes (never the name), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(_PNG_TANDA):
        return PNG
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    return None


def bersihkan(data: bytes) -> bytes:
    """`data` without its metadata; raises GambarRusak if it is not a readable JPEG/PNG/WebP."""
    j = jenis(data)
    if j == JPEG:
        return _jpeg(data)
    if j == PNG:
        return _png(data)
    if j == WEBP:
        return _webp(data)
    raise GambarRusak("berkas bukan gambar JPG, PNG atau WebP")


def _jpeg(data: bytes) -> bytes:
    rusak = GambarRusak("berkas JPG rusak atau terpotong")
    keluar = [b"\xff\xd8"]
    i, n, ada_sof = 2, len(data), False
    while True:
        if i >= n or data[i] != 0xFF:
            raise rusak
        while i < n and data[i] == 0xFF:  # fill bytes before a marker
            i += 1
        if i >= n:
            raise rusak
        penanda = data[i]
        i += 1
        if penanda == 0x01 or 0xD0 <= penanda <= 0xD7:  # TEM, RSTn: no length
            keluar.append(bytes((0xFF, penanda)))
            continue
        if penanda in (0xD8, 0xD9, 0x00):  # a second SOI, EOI before any scan, or a stuffed byte
            raise rusak
        if i + 2 > n:
            raise rusak
        (panjang,) = struct.unpack(">H", data[i:i + 2])
        if panjang < 2 or i + panjang > n:
            raise rusak
        akhir = i + panjang
        if penanda == 0xDA:  # SOS: the picture itself, and everything after it, as it came
            if not ada_sof:
                raise rusak
            keluar.append(b"\xff\xda" + data[i:])
            return b"".join(keluar)
        ada_sof = ada_sof or penanda in _JPEG_SOF
        if _jpeg_simpan(penanda, data[i + 2:akhir]):
            keluar.append(b"\xff" + bytes((penanda,)) + data[i:akhir])
        i = akhir


def _jpeg_simpan(penanda: int, isi: bytes) -> bool:
    """All but APP1..APP15 and COM; of those, the colour profile (APP2 "ICC_PROFILE") and
    Adobe's colour transform (APP14 "Adobe") stay: they describe how to show the picture, not
    who took it, and without them colours shift or a CMYK JPEG decodes wrongly."""
    if penanda == 0xE2:
        return isi.startswith(b"ICC_PROFILE\x00")
    if penanda == 0xEE:
        return isi.startswith(b"Adobe")
    return not (0xE1 <= penanda <= 0xEF or penanda == 0xFE)


def _png(data: bytes) -> bytes:
    rusak = GambarRusak("berkas PNG rusak atau terpotong")
    keluar = [_PNG_TANDA]
    i, n, pertama = len(_PNG_TANDA), len(data), True
    while True:
        if i + 8 > n:
            raise rusak
        panjang, tipe = struct.unpack(">I4s", data[i:i + 8])
        akhir = i + 12 + panjang  # length, type, data, CRC
        if akhir > n or not tipe.isalpha() or (pertama and tipe != b"IHDR"):
            raise rusak
        pertama = False
        if tipe not in _PNG_BUANG:
            keluar.append(data[i:akhir])
        if tipe == b"IEND":
            return b"".join(keluar)  # anything after IEND is dropped too
        i = akhir


def _webp(data: bytes) -> bytes:
    rusak = GambarRusak("berkas WebP rusak atau terpotong")
    (ukuran,) = struct.unpack("<I", data[4:8])
    if ukuran < 4 or 8 + ukuran > len(data):
        raise rusak
    i, n = 12, 8 + ukuran  # bytes after the RIFF's declared end are dropped
    potongan, ada_gambar = [], False
    while i < n:
        if i + 8 > n:
            raise rusak
        tipe, panjang = struct.unpack("<4sI", data[i:i + 8])
        akhir = i + 8 + panjang + (panjang & 1)  # chunks are padded to an even size
        if i + 8 + panjang > n:
            raise rusak
        if tipe in (b"VP8 ", b"VP8L", b"ANMF"):
            ada_gambar = True
        if tipe not in _WEBP_BUANG:
            potongan.append(bytearray(data[i:min(akhir, n)]).ljust(akhir - i, b"\x00"))
        i = akhir
    if not ada_gambar:
        raise rusak
    if potongan and potongan[0][:4] == b"VP8X":
        if len(potongan[0]) < 18:
            raise rusak
        potongan[0][8] &= ~(_VP8X_EXIF | _VP8X_XMP) & 0xFF
    isi = b"WEBP" + b"".join(bytes(p) for p in potongan)
    return b"RIFF" + struct.pack("<I", len(isi)) + isi
