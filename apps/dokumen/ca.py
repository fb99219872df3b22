"""The regency's certificate authority and the signing officials' certificates.

One active CA per hub (a partial unique constraint makes `otoritas()` safe when two processes
create it at once). The CA key and the QR seal key are encrypted under EDESA_TTE_KEY; an
official's key is generated here and immediately encrypted with their own passphrase, so no
administrator can sign in their name (see docs/decisions/0009-tanda-tangan-elektronik.md).
"""
from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import secrets

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from apps.akun.scope import memberships
from apps.wilayah.models import Pejabat, Wilayah
from apps.wilayah.selectors import pejabat_aktif_q

from . import kunci as kk
from .models import OtoritasSertifikat, SertifikatPenandatangan

log = logging.getLogger(__name__)

CA_TAHUN = 10
SERTIFIKAT_TAHUN = 2
PASSPHRASE_MIN = 8
# Roles whose holders may sign documents (and so may hold a certificate).
PERAN_PENANDATANGAN = ("kepala_desa", "sekdes", "camat", "bupati", "wakil_bupati", "bappeda", "staf_pd",
                       "admin_kabupaten")
OID_DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")


def _nama_kabupaten() -> str:
    w = Wilayah.objects.filter(kode=settings.EDESA_KABUPATEN).only("nama").first()
    nama = w.nama if w else settings.EDESA_KABUPATEN
    return nama if nama.lower().startswith(("kabupaten", "kota")) else f"Kabupaten {nama}"


def _buat_otoritas() -> OtoritasSertifikat:
    kab = _nama_kabupaten()
    nama = f"Otoritas Sertifikat Pemerintah {kab}"
    kunci_ca = ec.generate_private_key(ec.SECP256R1())
    subjek = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"Pemerintah {kab}"),
        x509.NameAttribute(NameOID.COMMON_NAME, nama[:64]),
    ])
    sekarang = timezone.now()
    publik = kunci_ca.public_key()
    cert = (
        x509.CertificateBuilder().subject_name(subjek).issuer_name(subjek).public_key(publik)
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - datetime.timedelta(minutes=5))
        .not_valid_after(sekarang + datetime.timedelta(days=365 * CA_TAHUN))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(publik), critical=False)
        .sign(kunci_ca, hashes.SHA256())
    )
    segel = ed25519.Ed25519PrivateKey.generate()
    return OtoritasSertifikat(
        nama=nama,
        sertifikat_pem=cert.public_bytes(serialization.Encoding.PEM).decode(),
        kunci_pem=kk.enkripsi_server(kunci_ca),
        segel_pem=kk.enkripsi_server(segel),
        segel_publik_pem=segel.public_key().public_bytes(serialization.Encoding.PEM,
                                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
    )


def otoritas() -> OtoritasSertifikat:
    """The active regency CA, created on first use. Idempotent and safe under concurrency:
    the database allows one active row, so a losing creator reads the winner's."""
    ada = OtoritasSertifikat.objects.filter(aktif=True).first()
    if ada is not None:
        return ada
    baru = _buat_otoritas()
    try:
        with transaction.atomic():
            baru.save(force_insert=True)
    except IntegrityError:
        return OtoritasSertifikat.objects.get(aktif=True)
    return baru


@functools.lru_cache(maxsize=8)
def _sertifikat_x509(pem: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem.encode())


@functools.lru_cache(maxsize=64)
def sertifikat_asn1(pem: str) -> asn1_x509.Certificate:
    """A PEM certificate parsed for pyhanko, once per process."""
    return asn1_x509.Certificate.load(_sertifikat_x509(pem).public_bytes(serialization.Encoding.DER))


def sidik_jari(pem: str) -> str:
    return _sertifikat_x509(pem).fingerprint(hashes.SHA256()).hex()


# ---------------------------------------------------------------- signing officials

def boleh_bertanda_tangan(pengguna) -> bool:
    """Whether the user may hold a signing certificate: a role that signs documents, or an
    official seated in a position of the org chart today (a Plt, Plh or delegate signs for
    the position they act for, whatever their role)."""
    if getattr(pengguna, "is_superuser", False):
        return True
    if any(m.peran in PERAN_PENANDATANGAN for m in memberships(pengguna)):
        return True
    from apps.wilayah.selectors import jabatan_dipegang

    return bool(memberships(pengguna)) and bool(jabatan_dipegang(pengguna))


def pejabat_pengguna(pengguna) -> Pejabat | None:
    """The position the user serves in today, if an administrator linked them to one."""
    return (Pejabat.objects.filter(pejabat_aktif_q(), pengguna=pengguna).select_related("jabatan")
            .order_by("status", "-mulai").first())


def sertifikat_aktif(pengguna) -> SertifikatPenandatangan | None:
    """The user's newest certificate that is neither revoked nor expired."""
    return (SertifikatPenandatangan.objects.filter(pengguna=pengguna, dicabut__isnull=True,
                                                   berlaku_sampai__gt=timezone.now())
            .select_related("otoritas").order_by("-dibuat").first())


def periksa_passphrase(passphrase: str) -> None:
    if len(passphrase or "") < PASSPHRASE_MIN:
        raise ValidationError({"passphrase": f"Passphrase minimal {PASSPHRASE_MIN} karakter."})
    if passphrase.strip() != passphrase:
        raise ValidationError({"passphrase": "Passphrase tidak boleh diawali atau diakhiri spasi."})


def _jabatan(pengguna, pejabat: Pejabat | None) -> str:
    if pejabat is not None:
        return pejabat.jabatan.nama
    from apps.akun.roles import PERAN_BY_KODE

    for m in memberships(pengguna):
        if m.peran in PERAN_PENANDATANGAN:
            return PERAN_BY_KODE[m.peran].nama
    return "Penandatangan"


def _sertifikat_pejabat(ca: OtoritasSertifikat, kunci_publik, *, nama: str, jabatan: str, seri: int,
                        mulai: datetime.datetime, sampai: datetime.datetime) -> x509.Certificate:
    ca_cert = _sertifikat_x509(ca.sertifikat_pem)
    subjek = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, ca_cert.subject.get_attributes_for_oid(
            NameOID.ORGANIZATION_NAME)[0].value),
        x509.NameAttribute(NameOID.TITLE, jabatan[:64]),
        x509.NameAttribute(NameOID.COMMON_NAME, nama[:64]),
    ])
    return (
        x509.CertificateBuilder().subject_name(subjek).issuer_name(ca_cert.subject).public_key(kunci_publik)
        .serial_number(seri).not_valid_before(mulai).not_valid_after(sampai)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([OID_DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                       critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci_publik), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()), critical=False)
        .sign(kk.buka_server(ca.kunci_pem), hashes.SHA256())
    )


def _nik_bsre(nik: str) -> str:
    nik = (nik or "").strip()
    if len(nik) != 16 or not nik.isdigit():
        raise ValidationError({"nik_bsre": "NIK yang terdaftar di BSrE harus 16 digit angka."})
    return nik


@sensitive_variables("passphrase")
@transaction.atomic
def terbitkan_sertifikat(*, pengguna, passphrase: str = "", pejabat: Pejabat | None = None, oleh=None,
                         nik_bsre: str = "") -> SertifikatPenandatangan:
    """Issue a certificate to `pengguna`. Local backend: a fresh P-256 key sealed with the
    official's passphrase (checked, never stored). BSrE backend: no local key; the row records
    the NIK the official registered at BSrE, which signs with its own certificate."""
    if not boleh_bertanda_tangan(pengguna):
        raise ValidationError("Akun ini tidak memegang peran penandatangan (kepala desa, sekdes, camat, bupati, ...).")
    if sertifikat_aktif(pengguna) is not None:
        raise ValidationError("Anda sudah memiliki sertifikat aktif. Cabut sertifikat lama sebelum membuat yang baru.")
    bsre = settings.EDESA_TTE_BACKEND == "bsre"
    nik = _nik_bsre(nik_bsre) if bsre else ""
    if not bsre:
        periksa_passphrase(passphrase)
    ca = otoritas()
    pejabat = pejabat or pejabat_pengguna(pengguna)
    nama = (pejabat.nama if pejabat else "") or pengguna.get_full_name()
    mulai = timezone.now() - datetime.timedelta(minutes=5)
    sampai = mulai + datetime.timedelta(days=365 * SERTIFIKAT_TAHUN)
    seri = x509.random_serial_number()
    nomor_seri = format(seri, "x")
    sert = SertifikatPenandatangan(pengguna=pengguna, pejabat=pejabat, otoritas=ca, nama=nama, nomor_seri=nomor_seri,
                                   berlaku_mulai=mulai, berlaku_sampai=sampai, diterbitkan_oleh=oleh, nik_bsre=nik)
    if bsre:
        sert.nomor_seri = f"bsre-{nomor_seri}"
        sert.sidik_jari = hashlib.sha256(secrets.token_bytes(32)).hexdigest()
    else:
        kunci_privat = ec.generate_private_key(ec.SECP256R1())
        cert = _sertifikat_pejabat(ca, kunci_privat.public_key(), nama=nama, jabatan=_jabatan(pengguna, pejabat),
                                   seri=seri, mulai=mulai, sampai=sampai)
        sert.sertifikat_pem = cert.public_bytes(serialization.Encoding.PEM).decode()
        sert.sidik_jari = cert.fingerprint(hashes.SHA256()).hex()
        sert.kunci_pem = kk.enkripsi_passphrase(kunci_privat, passphrase, nomor_seri)
    sert.save(force_insert=True)
    return sert


def cabut_sertifikat(sertifikat: SertifikatPenandatangan, *, alasan: str, oleh) -> SertifikatPenandatangan:
    """Revoke: the key can no longer sign here. Documents signed before stay valid (their
    signing time precedes the revocation)."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Alasan pencabutan wajib diisi."})
    if sertifikat.dicabut is not None:
        raise ValidationError("Sertifikat ini sudah dicabut.")
    sertifikat.dicabut = timezone.now()
    sertifikat.alasan_cabut = alasan[:200]
    sertifikat.save(update_fields=["dicabut", "alasan_cabut"])
    log.info("Sertifikat %s (%s) dicabut oleh %s", sertifikat.nomor_seri, sertifikat.nama,
             getattr(oleh, "username", "sistem"))
    return sertifikat
