"""Electronic signatures on PDFs, behind one interface for both backends.

`buka_kunci` turns a user and their passphrase into a `Kunci` (unlocked key material held in
memory only), `tandatangani` puts a real PDF signature (CMS/PAdES, pyhanko) on a PDF:
- "lokal": the official's own key, certified by the regency CA (uncertified TTE, PP 71/2019);
- "bsre": BSrE's signing API signs with the official's certified key; we pass NIK and
  passphrase through and keep neither.
`bungkus`/`buka_bungkus` carry an unlocked local `Kunci` to a background batch under a key
derived from the server key and a one-time secret, so the passphrase is typed once per batch,
never written anywhere in clear, and a database copy alone cannot open it (decision 0009).
"""
from __future__ import annotations

import base64
import functools
import io
import json
import logging
import secrets
from dataclasses import dataclass, field

import httpx
from asn1crypto import keys as asn1_keys
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.debug import sensitive_variables
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore

from apps.akun.ratelimit import hit

from . import ca
from . import kunci as kk
from .luar_loop import jalankan
from .models import SertifikatPenandatangan

log = logging.getLogger(__name__)

NAMA_FIELD = "TTE"
GAGAL_MAKS, GAGAL_JENDELA = 5, 300  # wrong passphrases per user before a 5-minute pause
BUNGKUS_TTL = 6 * 3600  # a wrapped key opens for a batch started within 6 hours


@dataclass(eq=False)
class Kunci:
    """Unlocked signing material of one official, in memory only (never pickled, logged or
    saved). `repr` shows who, never the secret parts."""

    nama: str
    sertifikat_seri: str
    backend: str = "lokal"
    jabatan: str = ""
    kunci_der: bytes = field(default=b"", repr=False)
    sertifikat_pem: str = field(default="", repr=False)
    ca_pem: str = field(default="", repr=False)
    nik: str = field(default="", repr=False)
    passphrase: str = field(default="", repr=False)

    def __reduce__(self):
        raise TypeError("Kunci tanda tangan tidak boleh diserialisasi; gunakan tte.bungkus().")

    @functools.cached_property
    def penanda(self) -> signers.SimpleSigner:
        """pyhanko's signer, built once per Kunci (a batch reuses it for every letter)."""
        sert = ca.sertifikat_asn1(self.sertifikat_pem)
        akar = ca.sertifikat_asn1(self.ca_pem)
        return signers.SimpleSigner(signing_cert=sert, signing_key=asn1_keys.PrivateKeyInfo.load(self.kunci_der),
                                    cert_registry=SimpleCertificateStore.from_certs([akar]))


# ---------------------------------------------------------------- unlocking

def _kunci_terkunci(pengguna) -> str:
    return f"edesa:tte-terkunci:{pengguna.pk}"


def _catat_gagal(pengguna) -> None:
    if hit("tte-passphrase", str(pengguna.pk), limit=GAGAL_MAKS - 1, window=GAGAL_JENDELA):
        cache.set(_kunci_terkunci(pengguna), 1, timeout=GAGAL_JENDELA)


def _sertifikat_terbaru(pengguna) -> SertifikatPenandatangan:
    sert = (SertifikatPenandatangan.objects.filter(pengguna=pengguna).select_related("otoritas")
            .order_by("-dibuat").first())
    if sert is None:
        raise ValidationError("Anda belum memiliki sertifikat tanda tangan elektronik. Buat dahulu di menu "
                              "\"Tanda Tangan Elektronik Saya\".", code="tanpa_sertifikat")
    if sert.dicabut is not None:
        raise ValidationError(f"Sertifikat tanda tangan elektronik Anda telah dicabut ({sert.alasan_cabut}). "
                              "Buat sertifikat baru di menu \"Tanda Tangan Elektronik Saya\".", code="dicabut")
    if sert.berlaku_sampai <= timezone.now():
        raise ValidationError("Sertifikat tanda tangan elektronik Anda kedaluwarsa sejak "
                              f"{date_format(timezone.localtime(sert.berlaku_sampai), 'j F Y')}. Buat sertifikat baru.",
                              code="kedaluwarsa")
    return sert


@sensitive_variables("passphrase", "privat", "der", "turunan")
def buka_kunci(pengguna, passphrase: str) -> Kunci:
    """The user's signing key, unlocked with their passphrase. Wrong passphrases are counted
    per user: after five, unlocking pauses for five minutes (the scrypt cost is the other
    half of the brute-force defence)."""
    sert = _sertifikat_terbaru(pengguna)
    if not passphrase:
        raise ValidationError({"passphrase": "Passphrase wajib diisi."})
    if cache.get(_kunci_terkunci(pengguna)):
        raise ValidationError("Terlalu banyak passphrase salah. Coba lagi dalam 5 menit.", code="terkunci")
    if settings.EDESA_TTE_BACKEND == "bsre":
        if not sert.nik_bsre:
            raise ValidationError("Sertifikat Anda belum mencatat NIK yang terdaftar di BSrE.", code="tanpa_nik")
        return Kunci(nama=sert.nama, sertifikat_seri=sert.nomor_seri, backend="bsre", nik=sert.nik_bsre,
                     passphrase=passphrase)
    try:
        privat = kk.buka_passphrase(sert.kunci_pem, passphrase, sert.nomor_seri)
    except (ValueError, TypeError):
        _catat_gagal(pengguna)
        raise ValidationError({"passphrase": "Passphrase salah."}) from None
    der = privat.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                               serialization.NoEncryption())
    jabatan = sert.pejabat.jabatan.nama if sert.pejabat_id and sert.pejabat else ""
    return Kunci(nama=sert.nama, sertifikat_seri=sert.nomor_seri, backend="lokal", jabatan=jabatan, kunci_der=der,
                 sertifikat_pem=sert.sertifikat_pem, ca_pem=sert.otoritas.sertifikat_pem)


# ---------------------------------------------------------------- signing

def _tandatangani_lokal(pdf: bytes, kunci: Kunci, *, alasan: str, lokasi: str) -> bytes:
    meta = signers.PdfSignatureMetadata(field_name=NAMA_FIELD, md_algorithm="sha256", reason=alasan or None,
                                        location=lokasi or None, name=kunci.nama,
                                        subfilter=SigSeedSubFilter.PADES)
    keluar = io.BytesIO()
    jalankan(signers.sign_pdf, IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False), meta, kunci.penanda,
             output=keluar)
    return keluar.getvalue()


class KlienBsre:
    """Adapter for BSrE's signing API (Balai Besar Sertifikasi Elektronik, BSSN):
    `POST /api/sign/pdf` (multipart: file, nik, passphrase, tampilan=invisible) with the
    application's HTTP basic credentials, answering an id; then `GET /api/sign/download/{id}`
    for the signed PDF. Errors become Indonesian messages; the passphrase goes only into the
    request body, never into a log, an exception or the URL."""

    def __init__(self, *, url: str | None = None, client_id: str | None = None, client_secret: str | None = None,
                 timeout: float | None = None):
        self.url = (url if url is not None else settings.EDESA_BSRE_URL).rstrip("/")
        self.auth = (client_id if client_id is not None else settings.EDESA_BSRE_CLIENT_ID,
                     client_secret if client_secret is not None else settings.EDESA_BSRE_CLIENT_SECRET)
        self.timeout = timeout if timeout is not None else settings.EDESA_BSRE_TIMEOUT

    def tandatangani(self, pdf: bytes, *, nik: str, passphrase: str) -> bytes:
        if not self.url:
            raise ValidationError("Layanan BSrE belum dikonfigurasi (EDESA_BSRE_URL kosong).", code="bsre_konfigurasi")
        with httpx.Client(base_url=self.url, auth=self.auth, timeout=self.timeout) as klien:
            jawab = self._kirim(klien, "post", "/api/sign/pdf",
                                files={"file": ("dokumen.pdf", pdf, "application/pdf")},
                                data={"nik": nik, "passphrase": passphrase, "tampilan": "invisible"})
            ident = self._id_dokumen(jawab)
            hasil = self._kirim(klien, "get", f"/api/sign/download/{ident}")
        if not hasil.content.startswith(b"%PDF-"):
            raise ValidationError("BSrE mengirim berkas yang bukan PDF.", code="bsre_jawaban")
        return hasil.content

    def _kirim(self, klien: httpx.Client, metode: str, jalur: str, **kw) -> httpx.Response:
        try:
            jawab = getattr(klien, metode)(jalur, **kw)
        except httpx.TimeoutException:
            log.warning("BSrE tidak menjawab: %s %s", metode.upper(), jalur)
            raise ValidationError(f"Layanan BSrE tidak menjawab dalam {self.timeout:g} detik. Coba lagi nanti.",
                                  code="bsre_timeout") from None
        except httpx.HTTPError as exc:
            log.warning("BSrE tidak dapat dihubungi: %s %s (%s)", metode.upper(), jalur, type(exc).__name__)
            raise ValidationError("Tidak dapat terhubung ke layanan BSrE. Periksa jaringan lalu coba lagi.",
                                  code="bsre_koneksi") from None
        if jawab.status_code >= 400:
            raise self._galat(jawab)
        return jawab

    @staticmethod
    def _pesan(jawab: httpx.Response) -> str:
        try:
            isi = jawab.json()
        except ValueError:
            return jawab.text[:200]
        if isinstance(isi, dict):
            return str(isi.get("error") or isi.get("message") or isi.get("pesan") or "")[:200]
        return ""

    def _galat(self, jawab: httpx.Response) -> ValidationError:
        kode, pesan = jawab.status_code, self._pesan(jawab)
        log.warning("BSrE menolak permintaan: HTTP %s", kode)
        if kode in (401, 403) and "passphrase" not in pesan.lower():
            return ValidationError("Kredensial aplikasi ke BSrE ditolak (periksa EDESA_BSRE_CLIENT_ID/SECRET).",
                                   code="bsre_kredensial")
        if "passphrase" in pesan.lower():
            return ValidationError({"passphrase": "Passphrase salah."})
        if kode >= 500:
            return ValidationError(f"Layanan BSrE sedang bermasalah (HTTP {kode}). Coba lagi nanti.", code="bsre_server")
        return ValidationError(f"BSrE menolak penandatanganan (HTTP {kode}){': ' + pesan if pesan else ''}.",
                               code="bsre_ditolak")

    @staticmethod
    def _id_dokumen(jawab: httpx.Response) -> str:
        try:
            isi = jawab.json()
        except ValueError:
            isi = {}
        ident = str(isi.get("id_dokumen") or isi.get("id") or "") if isinstance(isi, dict) else ""
        if not ident or not ident.replace("-", "").isalnum():
            raise ValidationError("Jawaban BSrE tidak memuat id dokumen.", code="bsre_jawaban")
        return ident


def tandatangani(pdf: bytes, kunci: Kunci, *, alasan: str, lokasi: str) -> bytes:
    """The PDF with a real embedded signature from the official's key (or BSrE)."""
    if kunci.backend == "bsre":
        return KlienBsre().tandatangani(pdf, nik=kunci.nik, passphrase=kunci.passphrase)
    return _tandatangani_lokal(pdf, kunci, alasan=alasan, lokasi=lokasi)


# ---------------------------------------------------------------- batch key wrapping

BUNGKUS_INFO = b"edesa-batch"
BSRE_TANPA_BATCH = ("Surat massal tidak tersedia pada mode BSrE: passphrase BSrE tidak boleh disimpan untuk "
                    "proses latar belakang. Tandatangani surat satu per satu atau beberapa sekaligus dari "
                    "antrian \"Menunggu TTD\".")


@sensitive_variables("rahasia_sekali")
def _fernet_bungkus(rahasia_sekali: str, konteks: bytes) -> Fernet:
    """Fernet key = HKDF-SHA256(ikm=EDESA_TTE_KEY, salt=one-time secret, info="edesa-batch|" + context).
    The server key never sits in the database, so a copy of the database (the blob on the
    batch row and the one-time secret in the task table) cannot open the blob."""
    try:
        garam = base64.urlsafe_b64decode(rahasia_sekali.encode())
    except (ValueError, TypeError, AttributeError):
        raise ValidationError("Kunci tanda tangan untuk batch ini tidak sah.", code="bungkus") from None
    if len(garam) != 32:
        raise ValidationError("Kunci tanda tangan untuk batch ini tidak sah.", code="bungkus")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=garam, info=BUNGKUS_INFO + b"|" + bytes(konteks))
    return Fernet(base64.urlsafe_b64encode(hkdf.derive(settings.EDESA_TTE_KEY.encode())))


@sensitive_variables("kunci", "isi", "rahasia_sekali")
def bungkus(kunci: Kunci, *, konteks: bytes) -> tuple[bytes, str]:
    """Wrap an unlocked local key for a background batch: (encrypted blob, one-time secret).
    The blob's key is derived from the server key (settings.EDESA_TTE_KEY, never in the
    database) and the one-time secret, bound to `konteks` (the batch id): the blob may sit
    on the batch row and the secret in the task arguments, yet both together do not open it
    without the server key. The blob opens for BUNGKUS_TTL seconds only. A BSrE passphrase is
    never wrapped (refused)."""
    if kunci.backend != "lokal":
        raise ValidationError(BSRE_TANPA_BATCH, code="bsre_batch")
    isi = {
        "nama": kunci.nama, "seri": kunci.sertifikat_seri, "backend": kunci.backend, "jabatan": kunci.jabatan,
        "kunci": base64.b64encode(kunci.kunci_der).decode(), "sertifikat": kunci.sertifikat_pem, "ca": kunci.ca_pem,
    }
    rahasia_sekali = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    return _fernet_bungkus(rahasia_sekali, konteks).encrypt(json.dumps(isi).encode()), rahasia_sekali


@sensitive_variables("rahasia_sekali", "isi")
def buka_bungkus(blob: bytes, rahasia_sekali: str, *, konteks: bytes, ttl: int = BUNGKUS_TTL) -> Kunci:
    """The key `bungkus` wrapped, if the server key, the one-time secret and the context match
    and the blob is younger than `ttl` seconds."""
    try:
        isi = json.loads(_fernet_bungkus(rahasia_sekali, konteks).decrypt(bytes(blob), ttl=ttl))
    except (InvalidToken, ValidationError, ValueError, TypeError):
        raise ValidationError("Kunci tanda tangan untuk batch ini tidak sah atau sudah kedaluwarsa. "
                              "Masukkan passphrase lagi.", code="bungkus") from None
    if isi.get("backend") != "lokal":
        raise ValidationError(BSRE_TANPA_BATCH, code="bsre_batch")
    return Kunci(nama=isi["nama"], sertifikat_seri=isi["seri"], backend="lokal", jabatan=isi["jabatan"],
                 kunci_der=base64.b64decode(isi["kunci"]), sertifikat_pem=isi["sertifikat"], ca_pem=isi["ca"])


def pastikan_berlaku(kunci: Kunci) -> None:
    """Refuses (ValidationError) when the certificate behind `kunci` has been revoked or has
    expired since the key was unlocked; a long batch checks it before every letter."""
    sert = SertifikatPenandatangan.objects.filter(nomor_seri=kunci.sertifikat_seri).only(
        "dicabut", "alasan_cabut", "berlaku_sampai").first()
    if sert is None:
        raise ValidationError("Sertifikat tanda tangan elektronik penanda tangan tidak ditemukan.", code="tanpa_sertifikat")
    if sert.dicabut is not None:
        raise ValidationError(f"Sertifikat tanda tangan elektronik penanda tangan telah dicabut ({sert.alasan_cabut}).",
                              code="dicabut")
    if sert.berlaku_sampai <= timezone.now():
        raise ValidationError("Sertifikat tanda tangan elektronik penanda tangan kedaluwarsa sejak "
                              f"{date_format(timezone.localtime(sert.berlaku_sampai), 'j F Y')}.", code="kedaluwarsa")
