"""Is this file genuine? The answer for an uploaded PDF, in order of certainty:
1. its SHA-256 is a registered original (ASLI) or official copy (SALINAN RESMI): the
   register names the document, and says when it was cancelled;
2. otherwise, if it carries a PDF signature, pyhanko validates it against our CA: intact and
   trusted but unknown to the register (e.g. a re-saved file) is "tidak terdaftar"; a broken
   signature or bytes added after signing is "BERKAS TELAH DIUBAH";
3. anything else (not a PDF, no signature, too large, unreadable) gets a plain message.
Untrusted input: this never raises, whatever bytes arrive."""
from __future__ import annotations

import functools
import hashlib
import io
import logging
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509

from .luar_loop import jalankan
from .models import DokumenTerbit, OtoritasSertifikat

log = logging.getLogger(__name__)

UKURAN_MAKS = 10 * 1024 * 1024

ASLI, SALINAN, TIDAK_TERDAFTAR, DIUBAH, TANPA_TTD, ASING, BUKAN_PDF, TERLALU_BESAR, RUSAK = (
    "asli", "salinan", "tidak_terdaftar", "diubah", "tanpa_ttd", "asing", "bukan_pdf", "terlalu_besar", "rusak")
BAIK = (ASLI, SALINAN)


@dataclass
class HasilVerifikasi:
    status: str
    judul: str
    pesan: str
    dokumen: DokumenTerbit | None = None
    penandatangan: str = ""
    waktu_tanda_tangan: str = ""

    @property
    def sah(self) -> bool:
        """Genuine and not cancelled: the only answer a reader may rely on."""
        return self.status in BAIK and (self.dokumen is None or self.dokumen.dibatalkan is None)

    @property
    def warna(self) -> str:
        if self.sah:
            return "success"
        return "warning" if self.status in (TIDAK_TERDAFTAR, TANPA_TTD) else "danger"


def _dari_register(dok: DokumenTerbit, status: str) -> HasilVerifikasi:
    judul = "ASLI" if status == ASLI else "SALINAN RESMI"
    pesan = (f"Berkas ini sama persis dengan {'dokumen asli' if status == ASLI else 'salinan resmi'} "
             f"nomor {dok.nomor} yang diterbitkan oleh {dok.penerbit}.")
    if dok.dibatalkan is not None:
        judul = f"{judul}, TETAPI DIBATALKAN"
        pesan += f" Dokumen ini telah DIBATALKAN: {dok.alasan_batal}. Jangan digunakan."
    return HasilVerifikasi(status, judul, pesan, dokumen=dok)


def cari_hash(h: str) -> HasilVerifikasi | None:
    dok = DokumenTerbit.objects.filter(hash_berkas=h).first()
    if dok is not None:
        return _dari_register(dok, ASLI)
    # Copies are few; their hashes live in a JSON list (a text match on a 64-hex digest).
    for dok in DokumenTerbit.objects.filter(salinan__icontains=h):
        if any(s.get("hash") == h for s in dok.salinan):
            return _dari_register(dok, SALINAN)
    return None


@functools.lru_cache(maxsize=4)
def _akar(pems: tuple[str, ...]) -> list[asn1_x509.Certificate]:
    from .ca import sertifikat_asn1

    return [sertifikat_asn1(p) for p in pems]


def akar_tepercaya() -> list[asn1_x509.Certificate]:
    return _akar(tuple(OtoritasSertifikat.objects.order_by("-dibuat").values_list("sertifikat_pem", flat=True)))


def _periksa_tanda_tangan(data: bytes) -> HasilVerifikasi:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    tanda = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    if not tanda:
        return HasilVerifikasi(TANPA_TTD, "TIDAK ADA TANDA TANGAN ELEKTRONIK",
                               "Berkas PDF ini tidak memuat tanda tangan elektronik dan tidak terdaftar. "
                               "Keasliannya tidak dapat dipastikan.")
    konteks = ValidationContext(trust_roots=akar_tepercaya(), allow_fetching=False, revocation_mode="soft-fail")
    status = jalankan(validate_pdf_signature, tanda[-1], konteks)
    nama = status.signing_cert.subject.native.get("common_name", "") if status.signing_cert else ""
    waktu = status.signer_reported_dt.isoformat(timespec="minutes") if status.signer_reported_dt else ""
    if not status.intact or not status.valid or status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return HasilVerifikasi(DIUBAH, "BERKAS TELAH DIUBAH",
                               "Tanda tangan elektronik pada berkas ini tidak cocok lagi dengan isinya: berkas telah "
                               "diubah setelah ditandatangani. Jangan digunakan.", penandatangan=nama,
                               waktu_tanda_tangan=waktu)
    if not status.trusted:
        return HasilVerifikasi(ASING, "BUKAN DARI SISTEM INI",
                               "Berkas ini utuh, tetapi ditandatangani dengan sertifikat yang tidak diterbitkan oleh "
                               "otoritas sertifikat kabupaten ini.", penandatangan=nama, waktu_tanda_tangan=waktu)
    return HasilVerifikasi(TIDAK_TERDAFTAR, "TIDAK TERDAFTAR",
                           "Tanda tangan elektronik pada berkas ini utuh dan berasal dari otoritas sertifikat "
                           "kabupaten ini, tetapi berkasnya tidak sama dengan dokumen yang terdaftar. Minta berkas "
                           "asli kepada penerbit.", penandatangan=nama, waktu_tanda_tangan=waktu)


def periksa_berkas(data: bytes) -> HasilVerifikasi:
    """The verdict on an uploaded file (see the module docstring). Never raises."""
    if len(data) > UKURAN_MAKS:
        return HasilVerifikasi(TERLALU_BESAR, "BERKAS TERLALU BESAR",
                               f"Ukuran berkas melebihi {UKURAN_MAKS // (1024 * 1024)} MB. Unggah berkas PDF asli "
                               "yang Anda terima.")
    if not data:
        return HasilVerifikasi(BUKAN_PDF, "BERKAS KOSONG", "Berkas yang diunggah kosong. Pilih berkas PDF.")
    hasil = cari_hash(hashlib.sha256(data).hexdigest())
    if hasil is not None:
        return hasil
    if data[:1024].lstrip()[:5] != b"%PDF-":
        return HasilVerifikasi(BUKAN_PDF, "BUKAN BERKAS PDF",
                               "Berkas ini bukan PDF. Unggah berkas PDF dokumen yang ingin diperiksa, bukan foto "
                               "atau hasil pindai; untuk kertas, pindai kode QR-nya.")
    try:
        return _periksa_tanda_tangan(data)
    except Exception:  # noqa: BLE001 (a third-party parser on untrusted bytes: any failure means "unreadable")
        log.info("PDF tidak dapat dibaca saat verifikasi", exc_info=True)
        return HasilVerifikasi(RUSAK, "BERKAS TIDAK DAPAT DIBACA",
                               "Berkas PDF ini rusak atau tidak dapat dibaca, sehingga tanda tangannya tidak dapat "
                               "diperiksa.")
