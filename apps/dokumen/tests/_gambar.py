"""Real minimal images (1x1) carrying identifying metadata, built byte by byte, and a structure
walk to check what was stored: shared by the upload tests of aspirations and Musrenbang."""
from __future__ import annotations

import base64
import struct
import zlib

GPS = b"GPS-6.5432S-112.3456E"
PEMILIK = b"Budi Pelapor Anonim"
SERIAL = b"SN-R58M1234XYZ"


def _tiff() -> bytes:
    """A big-endian TIFF with IFD0 (Artist, serial, GPSInfo) and a GPS IFD (latitude 'S')."""
    ifd0_at, gps_at = 8, 8 + 2 + 3 * 12 + 4
    teks_at = gps_at + 2 + 12 + 4
    artis = PEMILIK + b"\x00"
    serial = SERIAL + b"\x00"
    ifd0 = struct.pack(">H", 3)
    ifd0 += struct.pack(">HHII", 0x013B, 2, len(artis), teks_at)                 # Artist
    ifd0 += struct.pack(">HHII", 0xA431, 2, len(serial), teks_at + len(artis))   # BodySerialNumber
    ifd0 += struct.pack(">HHII", 0x8825, 4, 1, gps_at) + b"\x00\x00\x00\x00"     # GPSInfo
    gps = struct.pack(">H", 1) + struct.pack(">HHI", 0x0001, 2, 2) + b"S\x00\x00\x00" + b"\x00\x00\x00\x00"
    return b"MM\x00\x2a" + struct.pack(">I", ifd0_at) + ifd0 + gps + artis + serial + GPS


EXIF = b"Exif\x00\x00" + _tiff()
XMP = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><dc:creator>" + PEMILIK + b"</dc:creator></x:xmpmeta>"


def _seg(penanda: int, isi: bytes) -> bytes:
    return bytes((0xFF, penanda)) + struct.pack(">H", len(isi) + 2) + isi


def jpeg(exif: bool = True) -> bytes:
    """A decodable 1x1 grey baseline JPEG (DC 0, EOB), with EXIF, XMP and a comment if asked."""
    jfif = _seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    meta = _seg(0xE1, EXIF) + _seg(0xE1, XMP) + _seg(0xFE, b"Pemilik: " + PEMILIK) if exif else b""
    dqt = _seg(0xDB, b"\x00" + b"\x01" * 64)
    sof = _seg(0xC0, b"\x08\x00\x01\x00\x01\x01\x01\x11\x00")
    dht = _seg(0xC4, b"\x00" + b"\x01" + b"\x00" * 15 + b"\x00") + _seg(0xC4, b"\x10" + b"\x01" + b"\x00" * 15 + b"\x00")
    sos = _seg(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    return b"\xff\xd8" + jfif + meta + dqt + sof + dht + sos + b"\x3f" + b"\xff\xd9"


def _chunk(tipe: bytes, isi: bytes) -> bytes:
    return struct.pack(">I", len(isi)) + tipe + isi + struct.pack(">I", zlib.crc32(tipe + isi))


def png(exif: bool = True) -> bytes:
    ihdr = _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    meta = (_chunk(b"eXIf", EXIF[6:]) + _chunk(b"tEXt", b"Author\x00" + PEMILIK)
            + _chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + XMP) + _chunk(b"tIME", b"\x07\xea\x01\x02\x03\x04\x05")
            if exif else b"")
    return b"\x89PNG\r\n\x1a\n" + ihdr + meta + _chunk(b"IDAT", zlib.compress(b"\x00\x80")) + _chunk(b"IEND", b"")


# The 1x1 lossless bitstream of Modernizr's WebP test.
_VP8L = base64.b64decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")[12:]


def _pad(isi: bytes) -> bytes:
    if len(isi) % 2:
        isi += b"\x00"
    return isi


def webp(exif: bool = True) -> bytes:
    flags = 0x08 | 0x04 if exif else 0
    vp8x = b"VP8X" + struct.pack("<I", 10) + bytes((flags, 0, 0, 0)) + b"\x00\x00\x00" + b"\x00\x00\x00"
    meta = (b"EXIF" + struct.pack("<I", len(EXIF[6:])) + _pad(EXIF[6:])
            + b"XMP " + struct.pack("<I", len(XMP)) + _pad(XMP)) if exif else b""
    isi = b"WEBP" + vp8x + _VP8L + meta
    return b"RIFF" + struct.pack("<I", len(isi)) + isi


# ---------------------------------------------------------------- structure walks (independent of the code under test)

def segmen_jpeg(data: bytes) -> list[int]:
    """The markers before SOS; asserts the walk ends at SOS and the file at EOI."""
    assert data[:2] == b"\xff\xd8"
    i, penanda = 2, []
    while True:
        assert data[i] == 0xFF, i
        m = data[i + 1]
        penanda.append(m)
        if m == 0xDA:
            assert data.endswith(b"\xff\xd9")
            return penanda
        i += 2 + struct.unpack(">H", data[i + 2:i + 4])[0]


def chunk_png(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    i, tipe = 8, []
    while i < len(data):
        n, t = struct.unpack(">I4s", data[i:i + 8])
        assert struct.unpack(">I", data[i + 8 + n:i + 12 + n])[0] == zlib.crc32(t + data[i + 8:i + 8 + n])
        tipe.append(t)
        i += 12 + n
    assert i == len(data) and tipe[0] == b"IHDR" and tipe[-1] == b"IEND"
    return tipe


def chunk_webp(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    assert struct.unpack("<I", data[4:8])[0] == len(data) - 8
    i, hasil = 12, []
    while i < len(data):
        t, n = struct.unpack("<4sI", data[i:i + 8])
        hasil.append((t, data[i + 8:i + 8 + n]))
        i += 8 + n + (n & 1)
    assert i == len(data)
    return hasil


def tanpa_metadata(data: bytes) -> None:
    """No EXIF/XMP marker nor any of the identifying values is left."""
    for jejak in (b"Exif", b"MM\x00\x2a", b"xmpmeta", b"eXIf", b"tEXt", b"iTXt", b"EXIF", b"XMP ", GPS, PEMILIK, SERIAL):
        assert jejak not in data, jejak
