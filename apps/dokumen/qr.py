"""The QR code printed on every issued document.

The QR is not the signature (the PDF carries that); it is a sealed pointer that lets anyone
check a paper copy: `v1|<document id hex>|<nomor>|<YYYY-MM-DD>|<hash_isi>`, signed with the
regency's Ed25519 seal key, encoded as base64url(payload) "." base64url(signature), inside a
URL to the public verification page. A phone opens the page; an auditor without internet
checks the seal with the published public key (`manage.py verifikasi_qr`). A forged or
altered QR (another number, another date) fails the seal check before any database lookup.
"""
from __future__ import annotations

import base64
import binascii
import datetime
import functools
import hashlib
import json
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

import qrcode
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from django.conf import settings
from qrcode.constants import ERROR_CORRECT_M

from . import kunci as kk

VERSI = "v1"
TEKS_MAKS = 2000  # longer input is not ours; refuse before decoding
_MASKER = 0  # a fixed mask pattern: choosing the best of 8 costs 4x the time for a marginal gain
TEPI = 4  # quiet zone (modules) required around a QR code


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(teks: str) -> bytes:
    return base64.urlsafe_b64decode(teks + "=" * (-len(teks) % 4))


def hash_isi(data: dict) -> str:
    """SHA-256 (base64url, 43 characters) of the canonical JSON of the document's content:
    sorted keys, no spaces, UTF-8. Dates and decimals are written as their str()."""
    kanonik = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return _b64(hashlib.sha256(kanonik.encode()).digest())


def _payload(dokumen_id, nomor: str, tanggal, hash_isi_: str) -> str:
    ident = dokumen_id.hex if isinstance(dokumen_id, uuid.UUID) else uuid.UUID(str(dokumen_id)).hex
    tgl = tanggal.isoformat() if isinstance(tanggal, datetime.date) else str(tanggal)
    return "|".join((VERSI, ident, str(nomor), tgl, hash_isi_))


def segel(payload: str, kunci_segel_pem: str | None = None) -> str:
    """`base64url(payload).base64url(signature)` with the active CA's seal key."""
    if kunci_segel_pem is None:
        from .ca import otoritas

        kunci_segel_pem = otoritas().segel_pem
    tanda = kk.buka_server(kunci_segel_pem).sign(payload.encode())
    return f"{_b64(payload.encode())}.{_b64(tanda)}"


def buat_teks(*, dokumen_id, nomor: str, tanggal, hash_isi: str, kunci_segel_pem: str | None = None) -> str:
    """The QR text: a URL of the public verification page carrying the sealed payload."""
    d = segel(_payload(dokumen_id, nomor, tanggal, hash_isi), kunci_segel_pem)
    return f"{settings.EDESA_URL_PUBLIK.rstrip('/')}/verifikasi/q/?d={quote(d, safe='')}"


@dataclass(frozen=True)
class HasilQR:
    sah: bool
    pesan: str
    dokumen_id: uuid.UUID | None = None
    nomor: str = ""
    tanggal: datetime.date | None = None
    hash_isi: str = ""


TIDAK_SAH = "Kode QR tidak sah: bukan kode yang diterbitkan oleh sistem ini, atau isinya telah diubah."


def _ambil_d(teks: str) -> str:
    teks = (teks or "").strip()
    if "?" in teks or "://" in teks:
        try:
            query = urlsplit(teks).query
        except ValueError:  # e.g. "Invalid IPv6 URL" on "http://[::1/?d=..."
            return ""
        return (parse_qs(query).get("d") or [""])[0]
    return teks


@functools.lru_cache(maxsize=8)
def _kunci_publik(pem: str) -> ed25519.Ed25519PublicKey:
    kunci = serialization.load_pem_public_key(pem.encode())
    if not isinstance(kunci, ed25519.Ed25519PublicKey):
        raise ValueError("bukan kunci Ed25519")
    return kunci


def kunci_publik_aktif() -> list[str]:
    """Seal public keys of every CA this hub has had (a rotated CA's QR codes stay checkable)."""
    from .models import OtoritasSertifikat

    return list(OtoritasSertifikat.objects.order_by("-aktif", "-dibuat").values_list("segel_publik_pem", flat=True))


def _seal_sah(payload: bytes, tanda: bytes, kunci_publik_pem: list[str]) -> bool:
    for pem in kunci_publik_pem:
        try:
            _kunci_publik(pem).verify(tanda, payload)
        except (InvalidSignature, ValueError):
            continue
        return True
    return False


def _urai(payload: str) -> HasilQR:
    bagian = payload.split("|")
    if len(bagian) < 5 or bagian[0] != VERSI:
        return HasilQR(False, TIDAK_SAH)
    nomor = "|".join(bagian[2:-2])
    try:
        ident = uuid.UUID(hex=bagian[1])
        tanggal = datetime.date.fromisoformat(bagian[-2])
    except ValueError:
        return HasilQR(False, TIDAK_SAH)
    return HasilQR(True, "Segel kode QR sah.", ident, nomor, tanggal, bagian[-1])


def periksa_teks(teks: str, *, kunci_publik_pem: str | list[str] | None = None) -> HasilQR:
    """Check a QR text (the full URL or only its `d` value) with the seal public key alone:
    no database row of the document is needed. Never raises on garbage."""
    d = _ambil_d(teks)
    if not d or len(d) > TEKS_MAKS or d.count(".") != 1:
        return HasilQR(False, TIDAK_SAH)
    isi, tanda = d.split(".")
    try:
        payload, tanda_b = _unb64(isi), _unb64(tanda)
        payload_teks = payload.decode()
    except (binascii.Error, ValueError):
        return HasilQR(False, TIDAK_SAH)
    if kunci_publik_pem is None:
        kunci_publik_pem = kunci_publik_aktif()
    elif isinstance(kunci_publik_pem, str):
        kunci_publik_pem = [kunci_publik_pem]
    if not _seal_sah(payload, tanda_b, kunci_publik_pem):
        return HasilQR(False, TIDAK_SAH)
    return _urai(payload_teks)


# ---------------------------------------------------------------- drawing

def matriks(teks: str) -> list[list[bool]]:
    q = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=_MASKER)
    q.add_data(teks)
    q.make(fit=True)
    return q.get_matrix()


def svg(teks: str) -> str:
    """The QR as a small SVG: one path of horizontal runs of dark modules (one `M x y h w v1
    h-w z` per run), a white quiet zone, crisp edges. For Typst: `image(bytes(svg), format: "svg")`."""
    m = matriks(teks)
    n = len(m)
    jalur = []
    for y, baris in enumerate(m):
        x = 0
        while x < n:
            if not baris[x]:
                x += 1
                continue
            mulai = x
            while x < n and baris[x]:
                x += 1
            jalur.append(f"M{mulai} {y}h{x - mulai}v1h{mulai - x}z")
    sisi = n + 2 * TEPI
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-{TEPI} -{TEPI} {sisi} {sisi}" '
            f'shape-rendering="crispEdges"><rect x="-{TEPI}" y="-{TEPI}" width="{sisi}" height="{sisi}" fill="#fff"/>'
            f'<path fill="#000" d="{"".join(jalur)}"/></svg>')
