"""Encryption of private keys at rest.

Two kinds of key, two locks:
- The regency CA key and the QR seal key are the server's: PKCS#8 PEM encrypted under a key
  derived from `settings.EDESA_TTE_KEY` with HKDF (fast, derived once per process; the server
  key is already high-entropy, so a slow KDF would add nothing but latency). Decrypted keys are
  cached per process by their PEM text: signing a letter must not pay a decryption each time.
- A signing official's key is theirs: PKCS#8 PEM whose password is scrypt(passphrase, salt =
  the certificate's random serial). PKCS#8's own PBKDF2 (2048 rounds) is too cheap against a
  stolen database and an 8-character passphrase; scrypt makes each guess cost ~30 ms and
  64 MiB. Nothing here stores or logs the passphrase.
"""
from __future__ import annotations

import base64
import functools
import hashlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

# scrypt cost: 2**15 * 8 * 128 B = 32 MiB, ~40-60 ms on a small server.
_SCRYPT = {"n": 2**15, "r": 8, "p": 1, "maxmem": 64 * 1024 * 1024, "dklen": 32}


@functools.lru_cache(maxsize=4)
def _sandi_server(kunci_tte: str) -> bytes:
    """The password of server-held PEMs, derived from EDESA_TTE_KEY (cached per process)."""
    kunci = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"edesa-tte-v1", info=b"kunci-server").derive(
        kunci_tte.encode())
    return base64.urlsafe_b64encode(kunci)


def sandi_server() -> bytes:
    return _sandi_server(settings.EDESA_TTE_KEY)


def enkripsi_server(kunci_privat) -> str:
    """PEM of a server-held key (CA, QR seal), encrypted under EDESA_TTE_KEY."""
    return kunci_privat.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.BestAvailableEncryption(sandi_server())).decode()


@functools.lru_cache(maxsize=16)
def _buka_server(pem: str, sandi: bytes):
    return serialization.load_pem_private_key(pem.encode(), sandi)


def buka_server(pem: str):
    """The decrypted server-held key; cached per process (keyed by PEM and server key)."""
    return _buka_server(pem, sandi_server())


def _sandi_pejabat(passphrase: str, garam: str) -> bytes:
    turunan = hashlib.scrypt(passphrase.encode(), salt=f"edesa-tte:{garam}".encode(), **_SCRYPT)
    return base64.urlsafe_b64encode(turunan)


def enkripsi_passphrase(kunci_privat, passphrase: str, garam: str) -> str:
    """PEM of an official's key, openable only with their passphrase (salt: certificate serial)."""
    return kunci_privat.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.BestAvailableEncryption(_sandi_pejabat(passphrase, garam))).decode()


def buka_passphrase(pem: str, passphrase: str, garam: str):
    """The official's key, or ValueError when the passphrase is wrong."""
    return serialization.load_pem_private_key(pem.encode(), _sandi_pejabat(passphrase, garam))
