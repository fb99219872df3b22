"""The BSrE adapter against a real HTTP server on 127.0.0.1 that behaves like BSrE's API:
basic auth, multipart upload, an id, then the signed PDF to download."""
from __future__ import annotations

import base64
import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from apps.dokumen import ca, tte

from .conftest import pdf_polos

NIK = "6207010101800001"
BSRE_PASS = "passphrase-bsre-9"
AUTH = "Basic " + base64.b64encode(b"edesa:rahasia-klien").decode()
HASIL = b"%PDF-1.7\n% ditandatangani oleh BSrE palsu\n"


class _Bsre(BaseHTTPRequestHandler):
    lambat = 0.0
    diterima: list = []

    def log_message(self, *args):
        """Silence: the test asserts on our logs only."""

    def _jawab(self, kode: int, isi: bytes, jenis="application/json"):
        self.send_response(kode)
        self.send_header("Content-Type", jenis)
        self.send_header("Content-Length", str(len(isi)))
        self.end_headers()
        self.wfile.write(isi)

    def do_POST(self):  # noqa: N802 (http.server's naming)
        if self.headers.get("Authorization") != AUTH:
            return self._jawab(401, b'{"error": "Unauthorized"}')
        badan = self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(self.lambat)
        type(self).diterima.append(badan)
        if b"%PDF-" not in badan or NIK.encode() not in badan or b"invisible" not in badan:
            return self._jawab(400, b'{"error": "Parameter tidak lengkap"}')
        if BSRE_PASS.encode() not in badan:
            return self._jawab(400, json.dumps({"error": "Passphrase anda salah", "status_code": 2031}).encode())
        return self._jawab(200, b'{"id_dokumen": "abc-123"}')

    def do_GET(self):  # noqa: N802
        if self.headers.get("Authorization") != AUTH:
            return self._jawab(401, b"{}")
        if self.path == "/api/sign/download/abc-123":
            return self._jawab(200, HASIL, "application/pdf")
        return self._jawab(404, b'{"error": "tidak ada"}')


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """Quiet: the timeout test hangs up on purpose, so the late answer hits a closed socket."""


@pytest.fixture
def bsre():
    server = _Server(("127.0.0.1", 0), _Bsre)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    _Bsre.lambat, _Bsre.diterima = 0.0, []
    url = f"http://127.0.0.1:{server.server_address[1]}"
    with override_settings(EDESA_TTE_BACKEND="bsre", EDESA_BSRE_URL=url, EDESA_BSRE_CLIENT_ID="edesa",
                           EDESA_BSRE_CLIENT_SECRET="rahasia-klien", EDESA_BSRE_TIMEOUT=2.0):
        yield url
    server.shutdown()
    server.server_close()


def _kunci(passphrase=BSRE_PASS):
    return tte.Kunci(nama="Kades", sertifikat_seri="bsre-1", backend="bsre", nik=NIK, passphrase=passphrase)


def test_bsre_berhasil_dan_passphrase_tidak_di_log(bsre, caplog):
    with caplog.at_level(logging.DEBUG):
        hasil = tte.tandatangani(pdf_polos(), _kunci(), alasan="x", lokasi="y")
    assert hasil == HASIL and len(_Bsre.diterima) == 1
    assert BSRE_PASS not in caplog.text


def test_bsre_passphrase_salah(bsre, caplog):
    with caplog.at_level(logging.DEBUG), pytest.raises(ValidationError) as e:
        tte.tandatangani(pdf_polos(), _kunci("salah-sekali"), alasan="x", lokasi="y")
    assert e.value.message_dict == {"passphrase": ["Passphrase salah."]}
    assert "salah-sekali" not in caplog.text and "salah-sekali" not in str(e.value)


def test_bsre_kredensial_aplikasi_ditolak(bsre):
    with override_settings(EDESA_BSRE_CLIENT_SECRET="keliru"), pytest.raises(ValidationError, match="Kredensial"):
        tte.tandatangani(pdf_polos(), _kunci(), alasan="x", lokasi="y")


def test_bsre_timeout(bsre, caplog):
    _Bsre.lambat = 1.0
    with override_settings(EDESA_BSRE_TIMEOUT=0.2), caplog.at_level(logging.DEBUG), \
            pytest.raises(ValidationError, match="tidak menjawab dalam 0.2 detik"):
        tte.tandatangani(pdf_polos(), _kunci(), alasan="x", lokasi="y")
    assert BSRE_PASS not in caplog.text


def test_bsre_tidak_terjangkau_dan_belum_dikonfigurasi(db):
    with override_settings(EDESA_BSRE_URL="http://127.0.0.1:9"), pytest.raises(ValidationError, match="terhubung"):
        tte.tandatangani(pdf_polos(), _kunci(), alasan="x", lokasi="y")
    with override_settings(EDESA_BSRE_URL=""), pytest.raises(ValidationError, match="belum dikonfigurasi"):
        tte.tandatangani(pdf_polos(), _kunci(), alasan="x", lokasi="y")


def test_bsre_sertifikat_dan_buka_kunci(bsre, kades):
    with pytest.raises(ValidationError, match="16 digit"):
        ca.terbitkan_sertifikat(pengguna=kades, nik_bsre="123")
    sert = ca.terbitkan_sertifikat(pengguna=kades, nik_bsre=NIK)
    assert sert.nik_bsre == NIK and sert.kunci_pem == "" and sert.sertifikat_pem == ""
    k = tte.buka_kunci(kades, BSRE_PASS)
    assert k.backend == "bsre" and k.nik == NIK and BSRE_PASS not in repr(k)
    assert tte.tandatangani(pdf_polos(), k, alasan="x", lokasi="y") == HASIL
    # A BSrE passphrase is never wrapped for a background batch (decision 0009).
    with pytest.raises(ValidationError, match="tidak tersedia pada mode BSrE"):
        tte.bungkus(k, konteks=b"batch:x")
