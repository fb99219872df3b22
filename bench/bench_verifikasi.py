"""Signing and verification costs: the public verification page and QR landing (target 30 ms),
pyhanko signing of a typical one-page letter, issuing one document end to end (QR, Typst
render, sign, register row; target 150 ms), the QR SVG (target 10 ms), unlocking a key
(scrypt, once per signing session) and checking an uploaded PDF."""
from __future__ import annotations

import datetime
import itertools
import warnings

import typst
from django.conf import settings
from django.test import Client, override_settings

from apps.akun.models import Keanggotaan, Pengguna
from apps.dokumen import ca, qr, services, tte, verifikasi
from apps.sinkron.context import acting_as
from apps.sinkron.ids import uuid7
from apps.wilayah.models import Wilayah
from bench._util import timed

PASS = "bench-passphrase-1"  # noqa: S105 (bench data)
DESA = "62.07.01.2005"
PARAGRAF = ("Yang bertanda tangan di bawah ini Kepala Desa Pematang Limau, Kecamatan Seruyan Hilir, Kabupaten Seruyan, "
            "menerangkan dengan sebenarnya bahwa penduduk tersebut di atas benar berdomisili di desa kami. ")


def _lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _surat(teks_qr: str) -> bytes:
    """A letter-like page: letterhead, a table of personal data, two paragraphs, the QR."""
    src = f"""#set page(paper: "a4", margin: 2cm)
#set text(size: 11pt)
#align(center)[#text(weight: "bold")[PEMERINTAH KABUPATEN SERUYAN \\ KECAMATAN SERUYAN HILIR \\ DESA PEMATANG LIMAU]]
#line(length: 100%)
#align(center)[#text(weight: "bold")[SURAT KETERANGAN DOMISILI] \\ Nomor: 470/012/PL/XI/2026]
#table(columns: (5cm, 1fr), stroke: none, [Nama], [Siti Aminah], [NIK], [6207010101900001], [Alamat], [RT 001 RW 001])
#par(justify: true)[{PARAGRAF * 3}]
#par(justify: true)[{PARAGRAF * 2}]
#align(right)[Pematang Limau, 20 November 2026 \\ Kepala Desa \\ #image(bytes({_lit(qr.svg(teks_qr))}), format: "svg", width: 2.4cm) \\ Kades Pematang Limau]
"""
    return typst.compile(src.encode(), ignore_system_fonts=True, pdf_tags=False)


def _siapkan():
    for kode, nama, tingkat, level, induk, owner in (
        ("62", "Kalimantan Tengah", "provinsi", 1, None, "62"),
        ("62.07", "Seruyan", "kabupaten", 2, "62", "62.07"),
        ("62.07.01", "Seruyan Hilir", "kecamatan", 3, "62.07", "62.07"),
        (DESA, "Pematang Limau", "desa", 4, "62.07.01", "62.07"),
    ):
        Wilayah.objects.create(kode=kode, nama=nama, tingkat=tingkat, level=level, induk_id=induk, owner_id=owner)
    kades = Pengguna.objects.create_user(username="kades-bench", password=None, nama="Kades Pematang Limau")
    Keanggotaan.objects.create(pengguna=kades, peran="kepala_desa", wilayah_id=DESA, owner_id=DESA)
    ca.terbitkan_sertifikat(pengguna=kades, passphrase=PASS)
    return kades


def run(report):
    with acting_as("sistem:bench"):
        kades = _siapkan()
        report("buka kunci (scrypt + PKCS#8, sekali per sesi tanda tangan)", timed(lambda: tte.buka_kunci(kades, PASS), 10))
        kunci = tte.buka_kunci(kades, PASS)
        teks = qr.buat_teks(dokumen_id=uuid7(), nomor="470/012/PL/XI/2026", tanggal=datetime.date(2026, 11, 20),
                            hash_isi=qr.hash_isi({"nama": "Siti Aminah"}))
        report("QR: svg", timed(lambda: qr.svg(teks), 50), target_s=0.010)
        polos = _surat(teks)
        report(f"render Typst surat 1 halaman ({len(polos) // 1024} KB)", timed(lambda: _surat(teks), 20))
        report("tanda tangan PDF saja (pyhanko, lokal)",
               timed(lambda: tte.tandatangani(polos, kunci, alasan="Surat keterangan", lokasi="Pematang Limau"), 30))
        nomor = itertools.count(1)

        def terbitkan():
            n = next(nomor)
            return services.terbitkan(
                sumber="surat", sumber_id=uuid7(), owner_id=DESA, nomor=f"470/{n:03d}/PL/XI/2026",
                tanggal=datetime.date(2026, 11, 20), judul="Surat Keterangan Domisili",
                penerbit="Pemerintah Desa Pematang Limau", penandatangan="Kades Pematang Limau",
                jabatan_penandatangan="Kepala Desa", ringkasan=[["Nama", "S*** A****"]],
                data_isi={"nama": "Siti Aminah", "n": n}, render=_surat, kunci=kunci, alasan="Surat keterangan",
                lokasi="Pematang Limau")

        report("terbitkan satu surat (QR + render + tanda tangan + catat)", timed(terbitkan, 30), target_s=0.150)
        dok, pdf = terbitkan()
        report("periksa berkas unggahan: asli (hash)", timed(lambda: verifikasi.periksa_berkas(pdf), 20))
        ubah = bytearray(pdf)
        ubah[ubah.index(b"/Reason") + 2] ^= 0x03
        report("periksa berkas unggahan: diubah (validasi pyhanko)",
               timed(lambda: verifikasi.periksa_berkas(bytes(ubah)), 10))

    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    # The rate-limit counter goes to the configured cache (file cache by default), as in production.
    with override_settings(ALLOWED_HOSTS=["testserver"], STORAGES=storages), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: no collectstatic here
        client = Client()
        alamat = (f"10.0.{i // 250}.{i % 250}" for i in itertools.count())  # one visitor each: not rate-limited

        def get(url):
            def f():
                resp = client.get(url, REMOTE_ADDR=next(alamat))
                assert resp.status_code == 200, resp.status_code
            return f

        url_q = "/verifikasi/q/?d=" + dok.qr.split("d=", 1)[1]
        get(dok.get_absolute_url())()
        report("halaman verifikasi GET /verifikasi/<id>/", timed(get(dok.get_absolute_url()), 50), target_s=0.030)
        report("halaman QR GET /verifikasi/q/?d=...", timed(get(url_q), 50), target_s=0.030)
