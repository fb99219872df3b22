"""Public verification pages and the staff signing pages."""
from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.dokumen import ca, services
from apps.dokumen.models import SertifikatPenandatangan
from apps.sinkron.context import acting_as

from .conftest import PASS, pdf_polos
from .test_qr_layanan import SAMPAH_URL, _ganti_payload


def _q_url(dok):
    return reverse("verifikasi:q") + "?d=" + dok.qr.split("d=", 1)[1]


def test_detail_menampilkan_ringkasan_tersamar(client, terbit, django_assert_max_num_queries):
    dok, _ = terbit
    with django_assert_max_num_queries(2):
        r = client.get(dok.get_absolute_url())
    html = r.content.decode()
    assert r.status_code == 200 and "SAH" in html and dok.nomor in html and "6207********0001" in html
    assert "6207010101900001" not in html and "Siti Aminah" not in html
    assert "sessionid" not in r.cookies and r["Cache-Control"] == "private, no-store"


def test_detail_dibatalkan(client, terbit):
    dok, _ = terbit
    with acting_as("sistem:uji"):
        services.batalkan(dok, "Data pemohon keliru")
    html = client.get(dok.get_absolute_url()).content.decode()
    assert "DIBATALKAN" in html and "Data pemohon keliru" in html and "bi-patch-check" not in html


def test_detail_tidak_ada_404(client, db):
    r = client.get(reverse("verifikasi:detail", args=["0190aaaa-bbbb-7ccc-8ddd-eeeeffff0001"]))
    assert r.status_code == 404 and "tidak ditemukan" in r.content.decode()


def test_q_sah_dan_palsu(client, terbit, django_assert_max_num_queries):
    dok, _ = terbit
    with django_assert_max_num_queries(3):
        r = client.get(_q_url(dok))
    assert r.status_code == 200 and dok.nomor in r.content.decode() and "Segel kode QR sah" in r.content.decode()
    palsu = reverse("verifikasi:q") + "?d=" + _ganti_payload(dok.qr, "470/012", "470/099")
    r = client.get(palsu)
    assert r.status_code == 400 and "Kode QR tidak sah" in r.content.decode()
    for sampah in ("", "?d=", "?d=%ff%fe.%c3", "?d=" + "x" * 5000, "?d=a.b.c"):
        r = client.get(reverse("verifikasi:q") + sampah)
        assert r.status_code == 400 and "Kode QR tidak sah" in r.content.decode()
    for sampah in SAMPAH_URL:
        r = client.get(reverse("verifikasi:q"), {"d": sampah})
        assert r.status_code == 400 and "Kode QR tidak sah" in r.content.decode()


def test_q_sah_tetapi_belum_tersinkron(client, terbit):
    dok, _ = terbit
    url = _q_url(dok)
    dok.delete()
    r = client.get(url)
    assert r.status_code == 200 and "belum tercatat" in r.content.decode()


def test_batas_permintaan_429(client, terbit):
    dok, _ = terbit
    from apps.dokumen.views.verifikasi import BATAS_LIHAT

    for _ in range(BATAS_LIHAT):
        assert client.get(dok.get_absolute_url()).status_code == 200
    r = client.get(dok.get_absolute_url())
    assert r.status_code == 429 and r["Retry-After"] == "60" and "Terlalu banyak" in r.content.decode()
    # another visitor is not affected
    assert client.get(dok.get_absolute_url(), REMOTE_ADDR="10.9.9.9").status_code == 200


def _unggah(client, data: bytes, nama="surat.pdf"):
    return client.post(reverse("verifikasi:berkas"), {"berkas": SimpleUploadedFile(nama, data)})


def test_unggah_asli_diubah_bukan_pdf(client, terbit):
    dok, pdf = terbit
    r = _unggah(client, pdf)
    assert r.status_code == 200 and "ASLI" in r.content.decode() and dok.nomor in r.content.decode()
    b = bytearray(pdf)
    b[b.index(b"/Reason") + 2] ^= 0x03
    assert "BERKAS TELAH DIUBAH" in _unggah(client, bytes(b)).content.decode()
    assert "BUKAN BERKAS PDF" in _unggah(client, b"\x89PNG\r\n\x1a\n....", "foto.png").content.decode()
    assert "TIDAK ADA TANDA TANGAN" in _unggah(client, pdf_polos()).content.decode()


def test_unggah_tanpa_berkas_dan_terlalu_besar(client, db):
    r = client.post(reverse("verifikasi:berkas"), {})
    assert r.status_code == 400 and "Pilih berkas PDF" in r.content.decode()
    besar = b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024)
    assert "TERLALU BESAR" in _unggah(client, besar).content.decode()


def test_unggah_dibatasi(client, db):
    from apps.dokumen.views.verifikasi import BATAS_UNGGAH

    for _ in range(BATAS_UNGGAH):
        _unggah(client, b"bukan pdf")
    assert _unggah(client, b"bukan pdf").status_code == 429


def test_beranda_kode(client, terbit):
    dok, _ = terbit
    assert client.get(reverse("verifikasi:beranda")).status_code == 200
    r = client.get(reverse("verifikasi:beranda"), {"kode": f" {dok.pk} "})
    assert r.status_code == 302 and r["Location"] == dok.get_absolute_url()
    r = client.get(reverse("verifikasi:beranda"), {"kode": dok.qr})
    assert r.status_code == 302 and r["Location"] == dok.get_absolute_url()
    r = client.get(reverse("verifikasi:beranda"), {"kode": "bukan-kode"})
    assert r.status_code == 200 and "tidak dikenali" in r.content.decode()
    for sampah in SAMPAH_URL:
        r = client.get(reverse("verifikasi:beranda"), {"kode": sampah})
        assert r.status_code == 200 and "tidak dikenali" in r.content.decode()


def test_beranda_dibatasi(client, db):
    from apps.dokumen.views.verifikasi import BATAS_LIHAT

    for _ in range(BATAS_LIHAT):
        assert client.get(reverse("verifikasi:beranda"), {"kode": "bukan-kode"}).status_code == 200
    r = client.get(reverse("verifikasi:beranda"), {"kode": "bukan-kode"})
    assert r.status_code == 429 and r["Retry-After"] == "60"
    assert client.get(reverse("verifikasi:beranda"), REMOTE_ADDR="10.9.9.9").status_code == 200


def test_unduh_pem_publik(client, db):
    assert client.get(reverse("verifikasi:ca")).status_code == 404  # no CA yet: nothing to publish
    ca.otoritas()
    for nama, awal in (("verifikasi:ca", "-----BEGIN CERTIFICATE"), ("verifikasi:kunci_publik", "-----BEGIN PUBLIC")):
        r = client.get(reverse(nama))
        assert r.status_code == 200 and r.content.decode().startswith(awal)
        assert r["Content-Disposition"].startswith("attachment") and r["X-Content-Type-Options"] == "nosniff"
    assert b"PRIVATE" not in client.get(reverse("verifikasi:ca")).content


# ---------------------------------------------------------------- staff pages

def _masuk(client, user):
    client.force_login(user)
    return client


def test_tte_saya_membuat_sertifikat(client, kades):
    _masuk(client, kades)
    r = client.get(reverse("tte:saya"))
    assert r.status_code == 200 and "Buat sertifikat" in r.content.decode()
    r = client.post(reverse("tte:saya"), {"passphrase": PASS, "passphrase2": PASS + "x"})
    assert "tidak sama" in r.content.decode() and not SertifikatPenandatangan.objects.exists()
    r = client.post(reverse("tte:saya"), {"passphrase": "pendek", "passphrase2": "pendek"})
    assert "minimal 8" in r.content.decode() and not SertifikatPenandatangan.objects.exists()
    r = client.post(reverse("tte:saya"), {"passphrase": PASS, "passphrase2": PASS})
    assert r.status_code == 302
    sert = SertifikatPenandatangan.objects.get(pengguna=kades)
    html = client.get(reverse("tte:saya")).content.decode()
    assert sert.nomor_seri in html and PASS not in html
    r = client.get(reverse("tte:unduh", args=[sert.pk]))
    assert r.content.decode() == sert.sertifikat_pem and b"PRIVATE" not in r.content


def test_tte_saya_bukan_penandatangan_403(client, dunia):
    _masuk(client, dunia.users["operator_desa"])
    assert client.get(reverse("tte:saya")).status_code == 403
    assert client.get(reverse("tte:daftar")).status_code == 403


def test_tte_perlu_login(client, db):
    r = client.get(reverse("tte:saya"))
    assert r.status_code == 302 and r["Location"].startswith(reverse(settings.LOGIN_URL))


def test_cabut_sendiri_dan_oleh_admin(client, sertifikat, kades, dunia):
    _masuk(client, dunia.users["sekdes"])
    # someone else's certificate: not found
    assert client.post(reverse("tte:cabut", args=[sertifikat.pk]), {"alasan": "x"}).status_code == 404
    assert client.get(reverse("tte:unduh", args=[sertifikat.pk])).status_code == 404
    _masuk(client, dunia.users["admin_kabupaten"])
    r = client.get(reverse("tte:daftar"))
    assert r.status_code == 200 and sertifikat.nama in r.content.decode()
    client.post(reverse("tte:cabut", args=[sertifikat.pk]), {"alasan": ""})
    sertifikat.refresh_from_db()
    assert sertifikat.dicabut is None
    client.post(reverse("tte:cabut", args=[sertifikat.pk]), {"alasan": "Pejabat berganti"})
    sertifikat.refresh_from_db()
    assert sertifikat.dicabut is not None and sertifikat.alasan_cabut == "Pejabat berganti"


def test_halaman_tte_tidak_memuat_passphrase_di_log(client, kades, caplog):
    _masuk(client, kades)
    with caplog.at_level("DEBUG"):
        client.post(reverse("tte:saya"), {"passphrase": PASS, "passphrase2": PASS})
    assert PASS not in caplog.text


def test_public_pages_answer_head_like_get(client, db):
    """Link checkers and `curl -I` send HEAD; the public pages must not answer 405."""
    from apps.dokumen import ca

    ca.otoritas()
    for url in ("/verifikasi/", "/verifikasi/kunci-publik.pem", "/verifikasi/ca.pem"):
        assert client.head(url).status_code == 200, url
