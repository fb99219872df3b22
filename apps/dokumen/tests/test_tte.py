"""The CA, certificates, unlocking and real PDF signatures (local backend)."""
from __future__ import annotations

import datetime
import io
import time
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from apps.dokumen import ca, tte
from apps.dokumen.models import OtoritasSertifikat, SertifikatPenandatangan

from .conftest import PASS, pdf_polos


def _status(pdf: bytes):
    sig = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    vc = ValidationContext(trust_roots=[ca.sertifikat_asn1(ca.otoritas().sertifikat_pem)], allow_fetching=False)
    return validate_pdf_signature(sig, vc)


def test_otoritas_idempoten_dan_ca_benar(db):
    a = ca.otoritas()
    b = ca.otoritas()
    assert a.pk == b.pk and OtoritasSertifikat.objects.count() == 1
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(a.sertifikat_pem.encode())
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.key_cert_sign and ku.crl_sign
    assert (cert.not_valid_after_utc - cert.not_valid_before_utc).days >= 3650
    assert "ENCRYPTED" in a.kunci_pem and "ENCRYPTED" in a.segel_pem


def test_hanya_satu_otoritas_aktif_di_database(db):
    ca.otoritas()
    with pytest.raises(Exception):  # noqa: B017 (IntegrityError, any backend)
        OtoritasSertifikat.objects.create(nama="kedua", sertifikat_pem="x", kunci_pem="x", segel_pem="x",
                                          segel_publik_pem="x")


def test_otoritas_kalah_balapan_membaca_pemenang(db, monkeypatch):
    """Two processes both saw no CA; the loser's insert hits the unique constraint and it
    returns the winner's row instead of failing."""
    pemenang = ca.otoritas()
    asli = ca._buat_otoritas
    monkeypatch.setattr(OtoritasSertifikat.objects, "filter", lambda **kw: OtoritasSertifikat.objects.none())
    monkeypatch.setattr(ca, "_buat_otoritas", asli)
    assert ca.otoritas().pk == pemenang.pk
    monkeypatch.undo()
    assert OtoritasSertifikat.objects.count() == 1


def test_sertifikat_diterbitkan_dengan_kunci_terenkripsi(sertifikat, kades):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    cert = x509.load_pem_x509_certificate(sertifikat.sertifikat_pem.encode())
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == sertifikat.nama
    assert cert.subject.get_attributes_for_oid(NameOID.TITLE)
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.digital_signature and ku.content_commitment and not ku.key_cert_sign
    assert 725 <= (cert.not_valid_after_utc - cert.not_valid_before_utc).days <= 731
    assert "ENCRYPTED PRIVATE KEY" in sertifikat.kunci_pem and PASS not in sertifikat.kunci_pem
    assert ca.sertifikat_aktif(kades) == sertifikat


@pytest.mark.parametrize("sandi, pesan", [("pendek", "minimal 8"), (" spasi-di-awal", "spasi"), ("", "minimal 8")])
def test_passphrase_buruk_ditolak(kades, sandi, pesan):
    with pytest.raises(ValidationError) as e:
        ca.terbitkan_sertifikat(pengguna=kades, passphrase=sandi)
    assert pesan in str(e.value) and not SertifikatPenandatangan.objects.exists()


def test_bukan_penandatangan_tidak_dapat_sertifikat(dunia):
    with pytest.raises(ValidationError, match="peran penandatangan"):
        ca.terbitkan_sertifikat(pengguna=dunia.users["operator_desa"], passphrase=PASS)


def test_sertifikat_kedua_ditolak_selama_yang_lama_aktif(sertifikat, kades):
    with pytest.raises(ValidationError, match="sudah memiliki"):
        ca.terbitkan_sertifikat(pengguna=kades, passphrase=PASS)


def test_buka_kunci_tanpa_sertifikat(dunia):
    with pytest.raises(ValidationError, match="belum memiliki sertifikat"):
        tte.buka_kunci(dunia.users["sekdes"], PASS)


def test_passphrase_salah_ditolak_lalu_dijeda(sertifikat, kades):
    for _ in range(tte.GAGAL_MAKS):
        with pytest.raises(ValidationError, match="Passphrase salah"):
            tte.buka_kunci(kades, "bukan-passphrase")
    with pytest.raises(ValidationError, match="Terlalu banyak"):
        tte.buka_kunci(kades, PASS)


def test_sertifikat_dicabut_ditolak(sertifikat, kades, dunia):
    with pytest.raises(ValidationError, match="Alasan"):
        ca.cabut_sertifikat(sertifikat, alasan=" ", oleh=dunia.users["admin_kabupaten"])
    ca.cabut_sertifikat(sertifikat, alasan="Ganti pejabat", oleh=dunia.users["admin_kabupaten"])
    with pytest.raises(ValidationError, match="dicabut"):
        tte.buka_kunci(kades, PASS)
    assert ca.sertifikat_aktif(kades) is None


def test_sertifikat_kedaluwarsa_ditolak(sertifikat, kades):
    SertifikatPenandatangan.objects.filter(pk=sertifikat.pk).update(
        berlaku_sampai=timezone.now() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="kedaluwarsa"):
        tte.buka_kunci(kades, PASS)


def test_pdf_ditandatangani_sah_dan_tepercaya(kunci):
    pdf = tte.tandatangani(pdf_polos(), kunci, alasan="Uji", lokasi="Pematang Limau")
    st = _status(pdf)
    assert st.intact and st.valid and st.trusted
    assert st.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert st.signing_cert.subject.native["common_name"] == kunci.nama


def test_satu_byte_diubah_gagal(kunci):
    pdf = bytearray(tte.tandatangani(pdf_polos(), kunci, alasan="Uji", lokasi="Desa"))
    assert _status(bytes(pdf)).intact
    i = pdf.index(b"/Reason") + 2  # inside the signed byte range: "/Reason" -> "/Rfason"
    pdf[i] ^= 0x03
    st = _status(bytes(pdf))
    assert not st.intact  # the digest of the signed bytes no longer matches


def test_tanda_tangan_ca_lain_tidak_tepercaya(kunci):
    pdf = tte.tandatangani(pdf_polos(), kunci, alasan="Uji", lokasi="Desa")
    OtoritasSertifikat.objects.update(aktif=False)
    ca.otoritas()  # a different root now
    sig = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    vc = ValidationContext(trust_roots=[ca.sertifikat_asn1(ca.otoritas().sertifikat_pem)], allow_fetching=False)
    st = validate_pdf_signature(sig, vc)
    assert st.intact and not st.trusted


def test_bungkus_bolak_balik(kunci):
    blob, sekali = tte.bungkus(kunci, konteks=b"batch:1")
    assert PASS.encode() not in blob and kunci.kunci_der not in blob
    k2 = tte.buka_bungkus(blob, sekali, konteks=b"batch:1")
    assert (k2.nama, k2.sertifikat_seri, k2.kunci_der) == (kunci.nama, kunci.sertifikat_seri, kunci.kunci_der)
    st = _status(tte.tandatangani(pdf_polos(), k2, alasan="Batch", lokasi="Desa"))
    assert st.intact and st.valid and st.trusted


def test_bungkus_kunci_salah_atau_kedaluwarsa(kunci):
    blob, sekali = tte.bungkus(kunci, konteks=b"batch:1")
    _, lain = tte.bungkus(kunci, konteks=b"batch:1")
    with pytest.raises(ValidationError, match="tidak sah"):
        tte.buka_bungkus(blob, lain, konteks=b"batch:1")
    with pytest.raises(ValidationError, match="tidak sah"):
        tte.buka_bungkus(blob, sekali, konteks=b"batch:2")  # bound to its batch
    with pytest.raises(ValidationError, match="tidak sah"):
        tte.buka_bungkus(b"sampah", "bukan-kunci", konteks=b"batch:1")
    with pytest.raises(ValidationError, match="kedaluwarsa"), \
            mock.patch("cryptography.fernet.time.time", return_value=time.time() + tte.BUNGKUS_TTL + 60):
        tte.buka_bungkus(blob, sekali, konteks=b"batch:1")


def test_bungkus_tanpa_kunci_server_tidak_terbuka(kunci):
    """The blob and the one-time secret are both in the database (batch row, task table);
    without the server key (EDESA_TTE_KEY, outside the database) they open nothing."""
    blob, sekali = tte.bungkus(kunci, konteks=b"batch:1")
    with override_settings(EDESA_TTE_KEY="kunci-server-lain"), pytest.raises(ValidationError, match="tidak sah"):
        tte.buka_bungkus(blob, sekali, konteks=b"batch:1")
    # Fernet with the one-time secret itself (the old scheme) does not open it either.
    from cryptography.fernet import Fernet, InvalidToken

    with pytest.raises((InvalidToken, ValueError)):
        Fernet(sekali.encode()).decrypt(blob)
    assert tte.buka_bungkus(blob, sekali, konteks=b"batch:1").kunci_der == kunci.kunci_der


def test_kunci_tidak_bisa_dipickle_dan_repr_tanpa_rahasia(kunci):
    import pickle

    with pytest.raises(TypeError):
        pickle.dumps(kunci)
    assert "kunci_der" not in repr(kunci) and PASS not in repr(kunci)
