"""Photos lose their EXIF/XMP/text metadata (GPS, owner, serial) without re-encoding; a file
whose structure cannot be walked is refused, never passed through."""
from __future__ import annotations

import struct

import pytest

from apps.dokumen import metadata

from . import _gambar as g


def test_jpeg_keeps_jfif_tables_frame_and_scan_and_loses_app1_to_app15_and_comments():
    asli = g.jpeg()
    bersih = metadata.bersihkan(asli)
    assert g.segmen_jpeg(bersih) == [0xE0, 0xDB, 0xC0, 0xC4, 0xC4, 0xDA]
    assert bersih == g.jpeg(exif=False)  # every other byte as it was
    g.tanpa_metadata(bersih)


def test_jpeg_keeps_its_colour_profile_and_adobe_transform_but_not_other_app2_or_app14():
    asli = g.jpeg(exif=False)
    icc = g._seg(0xE2, b"ICC_PROFILE\x00\x01\x01" + b"\x00" * 16)
    adobe = g._seg(0xEE, b"Adobe\x00\x64\x00\x00\x00\x00\x01")
    lain = g._seg(0xE2, b"MPF\x00serial-123") + g._seg(0xEE, b"Catatan pemilik")
    dengan = asli[:2] + icc + adobe + lain + asli[2:]
    bersih = metadata.bersihkan(dengan)
    assert bersih == asli[:2] + icc + adobe + asli[2:]
    assert b"serial-123" not in bersih and b"Catatan pemilik" not in bersih


def test_png_loses_exif_text_and_time_chunks_and_anything_after_iend():
    bersih = metadata.bersihkan(g.png() + b"ekor rahasia")
    assert g.chunk_png(bersih) == [b"IHDR", b"IDAT", b"IEND"]
    assert bersih == g.png(exif=False)
    g.tanpa_metadata(bersih)


def test_webp_loses_exif_and_xmp_chunks_their_vp8x_flags_and_gets_its_riff_size_fixed():
    bersih = metadata.bersihkan(g.webp())
    chunk = g.chunk_webp(bersih)
    assert [t for t, _ in chunk] == [b"VP8X", b"VP8L"]
    assert chunk[0][1][0] & 0x0C == 0
    assert bersih == g.webp(exif=False)
    g.tanpa_metadata(bersih)


def test_a_clean_photo_comes_back_unchanged():
    for f in (g.jpeg, g.png, g.webp):
        assert metadata.bersihkan(f(exif=False)) == f(exif=False)


@pytest.mark.parametrize("data", [
    b"\xff\xd8\xff\xe0" + b"\x00" * 64,                      # APP0 with a zero length
    g.jpeg()[:40],                                            # cut inside the EXIF segment
    g.jpeg().replace(b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00", b""),  # a scan without a frame
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,                     # no IHDR
    g.png()[:-12],                                            # no IEND
    b"RIFF\x20\x00\x00\x00WEBPVP8 " + b"\x00" * 32,          # RIFF size beyond the file
    b"RIFF" + struct.pack("<I", 22) + b"WEBP" + b"EXIF" + struct.pack("<I", 6) + b"Exif\x00\x00",  # no picture
    b"<html>",
])
def test_a_file_that_cannot_be_walked_is_refused(data):
    with pytest.raises(metadata.GambarRusak):
        metadata.bersihkan(data)
