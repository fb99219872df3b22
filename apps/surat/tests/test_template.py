"""Isian specs and values, the template in force, new versions (never in place), the
editor pages and their scope, and the number format editor."""
import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from apps.akun.models import Pengguna
from apps.surat import selectors, services
from apps.surat.isian import bersihkan_isian, periksa_spesifikasi
from apps.surat.models import FormatNomor, TemplateSurat
from apps.surat.tests._inti import dunia_inti, jenis  # noqa: F401
from tests import world

SPEK = [{"kode": "tgl", "label": "Tanggal acara", "jenis": "tanggal", "wajib": True},
        {"kode": "gaji", "label": "Penghasilan", "jenis": "angka", "wajib": False},
        {"kode": "pilih", "label": "Keperluan", "jenis": "pilihan", "wajib": False, "pilihan": ["Beasiswa", "Berobat"]}]


def test_isian_dibersihkan():
    hasil = bersihkan_isian(SPEK, {"tgl": "17-08-2026", "gaji": "1.500.000", "pilih": "Berobat", "asing": "x"})
    assert hasil == {"tgl": "2026-08-17", "gaji": 1500000, "pilih": "Berobat"}


def test_isian_salah_disebut_per_kolom():
    with pytest.raises(ValidationError) as e:
        bersihkan_isian(SPEK, {"tgl": "31-02-2026", "gaji": "satu juta", "pilih": "Lainnya"})
    g = e.value.message_dict
    assert "Tanggal acara: tanggal tidak valid" in g["tgl"][0]
    assert "Penghasilan: harus berupa angka" in g["gaji"][0]
    assert "pilih salah satu: Beasiswa, Berobat" in g["pilih"][0]


def test_spesifikasi_salah():
    with pytest.raises(ValidationError) as e:
        periksa_spesifikasi([{"kode": "Bad Kode", "label": ""}, {"kode": "x", "label": "X", "jenis": "warna"},
                             {"kode": "x", "label": "Y", "jenis": "pilihan"}])
    teks = " ".join(e.value.message_dict["isian"])
    assert "Baris 1" in teks and "label wajib" in teks and "\"warna\" tidak dikenal" in teks
    assert "dipakai dua kali" in teks and "memerlukan daftar pilihan" in teks


def test_template_berlaku_desa_lalu_kabupaten(dunia):
    j = jenis("domisili")
    assert selectors.template_berlaku(j, world.DESA).owner_id == world.KAB
    tpl = _versi_baru(dunia)
    assert selectors.template_berlaku(j, world.DESA) == tpl
    assert selectors.template_berlaku(j, world.DESA_TETANGGA).owner_id == world.KAB


def _versi_baru(dunia, peran="operator_desa", owner=world.DESA, **kw):
    j = jenis("domisili")
    nilai = {"judul": "SURAT KETERANGAN DOMISILI", "pembuka": "Yang bertanda tangan:", "kolom_data": ["nama", "nik"],
             "isi": "Benar tinggal di [nama_desa] untuk [keperluan].", "penutup": "Demikian.", "isian": []} | kw
    return services.buat_versi_template(pengguna=dunia.users[peran], jenis=j, owner_id=owner, **nilai)


def test_versi_baru_tidak_mengubah_yang_lama(dunia):
    v1 = _versi_baru(dunia)
    v2 = _versi_baru(dunia, isi="Isi baru [nama].")
    v1.refresh_from_db()
    assert (v1.versi, v2.versi) == (1, 2) and v1.isi.startswith("Benar tinggal")
    assert v2.dibuat_oleh == dunia.users["operator_desa"]


def test_placeholder_asing_ditolak(dunia):
    with pytest.raises(ValidationError) as e:
        _versi_baru(dunia, isi="Gaji [gaji_pokok].")
    assert "[gaji_pokok]" in e.value.message_dict["isi"][0]
    with pytest.raises(ValidationError, match="Kolom data tidak dikenal"):
        _versi_baru(dunia, kolom_data=["nama", "password"])
    assert not TemplateSurat.objects.filter(owner_id=world.DESA, jenis__kode="domisili").exists()


def test_desa_lain_dan_peran_baca_404(dunia):
    with pytest.raises(Http404):
        _versi_baru(dunia, owner=world.DESA_TETANGGA)
    with pytest.raises(Http404):
        _versi_baru(dunia, peran="kepala_desa")  # reads templates, does not write them
    with pytest.raises(Http404):
        _versi_baru(dunia, owner=world.KAB)  # a desa operator never writes the regency default
    assert _versi_baru(dunia, peran="admin_kabupaten", owner=world.KAB).versi == 2


def test_pakai_bawaan(dunia):
    _versi_baru(dunia, isi="Milik desa.")
    tpl = services.pakai_bawaan(pengguna=dunia.users["operator_desa"], jenis=jenis("domisili"), owner_id=world.DESA)
    bawaan = TemplateSurat.objects.get(jenis__kode="domisili", owner_id=world.KAB, versi=1)
    assert tpl.versi == 2 and tpl.isi == bawaan.isi and tpl.owner_id == world.DESA


# ---------------------------------------------------------------- pages

def test_daftar_template(client, dunia, django_assert_max_num_queries):
    client.force_login(dunia.users["operator_desa"])
    _versi_baru(dunia)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("surat:template_daftar"))
    assert r.status_code == 200
    teks = r.content.decode()
    assert "Milik desa v1" in teks and "Bawaan kabupaten v1" in teks and "Surat Keterangan Usaha" in teks


def _bawaan(kode="domisili"):
    return TemplateSurat.objects.get(jenis__kode=kode, owner_id=world.KAB, versi=1)


def test_ubah_membuat_versi_dan_galat_di_form(client, dunia):
    client.force_login(dunia.users["operator_desa"])
    j = jenis("domisili")
    url = reverse("surat:template_ubah", args=[_bawaan().pk])
    r = client.get(url)
    assert r.status_code == 200 and "[keperluan]" in r.content.decode()
    data = {"unit": world.DESA, "judul": "SK DOMISILI", "pembuka": "Pembuka", "kolom_data": ["nama", "nik"],
            "isi": "Untuk [gaji].", "penutup": "Demikian.", "isian": "", "kertas": "f4"}
    r = client.post(url, data)
    assert r.status_code == 400 and "Placeholder tidak dikenal: [gaji]" in r.content.decode()
    r = client.post(url, data | {"isian": "gaji|Gaji|angka|ya"})
    assert r.status_code == 302
    tpl = TemplateSurat.objects.get(jenis=j, owner_id=world.DESA)
    assert tpl.kertas == "f4" and tpl.isian[0]["kode"] == "gaji"
    r = client.post(url, data | {"isian": "gaji"})
    assert r.status_code == 400 and "Baris 1" in r.content.decode()


def test_halaman_template_di_luar_cakupan(client, dunia):
    pk = _bawaan().pk
    client.force_login(dunia.users["operator_desa"])
    for nama in ("template_ubah", "template_riwayat"):
        assert client.get(reverse(f"surat:{nama}", args=[pk]) + f"?unit={world.DESA_TETANGGA}").status_code == 404
    assert client.post(reverse("surat:template_bawaan", args=[pk]), {"unit": world.DESA_TETANGGA}).status_code == 404
    tetangga = TemplateSurat.objects.get(owner_id=world.DESA_TETANGGA)  # the neighbour's own override
    assert client.get(reverse("surat:template_pratinjau", args=[tetangga.pk])).status_code == 404
    client.force_login(Pengguna.objects.get(username="op_kab_lain"))
    assert client.get(reverse("surat:template_ubah", args=[pk])).status_code == 404  # another regency's type


def test_pratinjau_form_dan_versi(client, dunia):
    client.force_login(dunia.users["operator_desa"])
    tpl = _bawaan("izin-keramaian")
    url = reverse("surat:template_pratinjau", args=[tpl.pk])
    data = {"judul": "IZIN", "pembuka": "Pembuka", "kolom_data": ["nama"], "isi": "Acara [acara].", "penutup": "Demikian.",
            "kertas": "a4", "mengetahui_camat": "on"}
    r = client.post(url, data)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert client.post(url, data | {"isi": "[rahasia]"}).status_code == 400
    assert client.get(url).status_code == 200
    assert client.get("/surat/template/bukan-uuid/pratinjau/").status_code == 404


def test_riwayat_dan_bawaan(client, dunia):
    client.force_login(dunia.users["operator_desa"])
    j = jenis("domisili")
    milik = _versi_baru(dunia)
    r = client.get(reverse("surat:template_riwayat", args=[milik.pk]))
    assert r.status_code == 200 and "Pakai bawaan kabupaten" in r.content.decode()
    r = client.post(reverse("surat:template_bawaan", args=[milik.pk]), {"unit": world.DESA})
    assert r.status_code == 302 and TemplateSurat.objects.filter(jenis=j, owner_id=world.DESA).count() == 2


def test_format_nomor(client, dunia):
    client.force_login(dunia.users["operator_desa"])
    url = reverse("surat:format_nomor")
    r = client.post(url, {"unit": world.DESA, "format": "[kode]/[nomer]", "seri": "umum", "digit": 3})
    assert r.status_code == 400 and "Token tidak dikenal: [nomer]" in r.content.decode()
    r = client.post(url, {"unit": world.DESA, "jenis": jenis("sktm").pk, "format": "[kode]/[nomor]/SKTM/[tahun]",
                          "seri": "sktm", "digit": 4})
    assert r.status_code == 302
    assert FormatNomor.objects.get(owner_id=world.DESA, jenis=jenis("sktm")).digit == 4
    assert "400/0007/SKTM/" in client.get(url).content.decode()
    r = client.get(reverse("surat:format_contoh"), {"format": "<b>[nomor]</b>", "digit": "2"})
    assert r.content.decode().startswith("Contoh: &lt;b&gt;07")
    assert client.post(url, {"unit": world.DESA_TETANGGA, "format": "[nomor]", "seri": "u", "digit": 3}).status_code == 404
    client.force_login(dunia.users["kepala_desa"])  # reads formats, does not change them
    assert client.post(url, {"unit": world.DESA, "format": "[nomor]", "seri": "u", "digit": 3}).status_code == 404
