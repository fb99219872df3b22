"""Stories of a village operator keeping the village's dusun, RW and RT."""
from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.sinkron.models import Jurnal
from apps.wilayah.models import Wilayah
from apps.wilayah.services import create_lingkungan, delete_lingkungan, update_lingkungan

from .conftest import DESA_A, DESA_B, KEC

pytestmark = pytest.mark.django_db


def tambah(user, induk_kode, tingkat, nomor, nama):
    return create_lingkungan(user=user, induk=Wilayah.objects.get(kode=induk_kode), tingkat=tingkat, nomor=nomor,
                             nama=nama)


def test_operator_builds_dusun_rw_rt_in_own_village(operator_a):
    _, user = operator_a
    dusun = tambah(user, DESA_A, "dusun", 1, "Dusun I")
    rw = tambah(user, dusun.kode, "rw", 1, "RW 001")
    rt = tambah(user, rw.kode, "rt", 3, "RT 003")
    assert (dusun.kode, rw.kode, rt.kode) == (f"{DESA_A}.01", f"{DESA_A}.01.001", f"{DESA_A}.01.001.003")
    assert {w.owner_id for w in (dusun, rw, rt)} == {DESA_A}
    assert (dusun.level, rw.level, rt.level) == (5, 6, 7)
    assert Jurnal.objects.filter(model="wilayah.wilayah", op="C", owner=DESA_A).count() == 3


def test_operator_cannot_create_an_rt_in_another_village(operator_a, buat_pengguna):
    admin_client, admin = buat_pengguna("admin_kabupaten", "62.07")
    dusun_b = tambah(admin, DESA_B, "dusun", 1, "Dusun I")
    rw_b = tambah(admin, dusun_b.kode, "rw", 1, "RW 001")
    client, user = operator_a
    # Through the page: the other village's RW is simply not found.
    url = reverse("wilayah:lingkungan_tambah", args=[rw_b.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"nomor": 1, "nama": "RT 001"}).status_code == 404
    # Through the API: the parent is not in scope.
    resp = client.post("/api/v1/wilayah/", {"induk": rw_b.kode, "tingkat": "rt", "nomor": 1, "nama": "RT 001"},
                       content_type="application/json")
    assert resp.status_code == 400 and "induk" in resp.json()
    # Through the service directly: the write is rolled back.
    with pytest.raises(PermissionDenied):
        create_lingkungan(user=user, induk=rw_b, tingkat="rt", nomor=1, nama="RT 001")
    assert not Wilayah.objects.filter(induk_id=rw_b.kode).exists()


def test_village_staff_cannot_create_official_regions(operator_a):
    _, user = operator_a
    with pytest.raises(ValidationError) as exc:
        tambah(user, KEC, "dusun", 1, "Dusun I")
    assert "hanya dapat dibuat di bawah desa/kelurahan" in exc.value.message_dict["tingkat"][0]


@pytest.mark.parametrize(("tingkat", "nomor", "nama", "field", "pesan"), [
    ("rw", 1, "RW 001", "tingkat", "RW hanya dapat dibuat di bawah dusun"),
    ("dusun", 0, "Dusun 0", "nomor", "Nomor Dusun harus antara 1 dan 99."),
    ("dusun", 100, "Dusun C", "nomor", "Nomor Dusun harus antara 1 dan 99."),
    ("dusun", 1, "   ", "nama", "Nama tidak boleh kosong."),
    ("kelurahan", 1, "X", "tingkat", "Tingkat harus dusun, RW atau RT."),
])
def test_bad_input_gets_a_clear_message_and_writes_nothing(operator_a, tingkat, nomor, nama, field, pesan):
    _, user = operator_a
    before = Jurnal.objects.count()
    with pytest.raises(ValidationError) as exc:
        tambah(user, DESA_A, tingkat, nomor, nama)
    assert pesan in exc.value.message_dict[field][0]
    assert Jurnal.objects.count() == before


def test_a_number_is_used_once(operator_a):
    _, user = operator_a
    d1 = tambah(user, DESA_A, "dusun", 1, "Dusun I")
    with pytest.raises(ValidationError, match="Nomor 1 sudah dipakai"):
        tambah(user, DESA_A, "dusun", 1, "Dusun Lagi")
    d2 = tambah(user, DESA_A, "dusun", 2, "Dusun II")
    tambah(user, d1.kode, "rw", 1, "RW 001")
    # RW numbers run across the whole village.
    with pytest.raises(ValidationError, match="RW 001 sudah ada di desa ini"):
        tambah(user, d2.kode, "rw", 1, "RW 001")


def test_rename_keeps_the_code_and_official_names_cannot_be_changed_here(operator_a, admin_kab):
    _, user = operator_a
    dusun = tambah(user, DESA_A, "dusun", 1, "Dusun I")
    update_lingkungan(user=user, wilayah=dusun, nama="Dusun Sungai Baru")
    dusun.refresh_from_db()
    assert (dusun.kode, dusun.nama) == (f"{DESA_A}.01", "Dusun Sungai Baru")
    with pytest.raises(ValidationError, match="hanya berubah melalui impor"):
        update_lingkungan(user=admin_kab[1], wilayah=Wilayah.objects.get(kode=DESA_A), nama="Ganti")


def test_a_unit_with_children_or_residents_cannot_be_deleted(operator_a):
    _, user = operator_a
    dusun = tambah(user, DESA_A, "dusun", 1, "Dusun I")
    rw = tambah(user, dusun.kode, "rw", 1, "RW 001")
    rt = tambah(user, rw.kode, "rt", 1, "RT 001")
    with pytest.raises(ValidationError, match="masih ada 1 RW di bawahnya"):
        delete_lingkungan(user=user, wilayah=dusun)
    penduduk = apps.get_model("kependudukan", "Penduduk")
    penduduk.objects.create(nik="6207014501900001", nama="Siti", jenis_kelamin=2, tanggal_lahir=datetime.date(1990, 1, 5),
                            agama=1, status_perkawinan=1, wilayah_id=rt.kode, owner_id=DESA_A)
    with pytest.raises(ValidationError, match=r"masih dipakai oleh 1 data \(penduduk\)"):
        delete_lingkungan(user=user, wilayah=rt)
    assert Wilayah.objects.filter(pk=rt.pk).exists()


def test_deleting_an_empty_rt_is_journaled(operator_a):
    _, user = operator_a
    dusun = tambah(user, DESA_A, "dusun", 1, "Dusun I")
    rw = tambah(user, dusun.kode, "rw", 1, "RW 001")
    rt = tambah(user, rw.kode, "rt", 1, "RT 001")
    pk = rt.pk
    delete_lingkungan(user=user, wilayah=rt)
    assert not Wilayah.objects.filter(pk=pk).exists()
    assert Jurnal.objects.filter(object_id=pk, op="D").count() == 1


# --- The same stories through the village page (HTMX) ------------------------------------------

def test_operator_adds_a_dusun_from_the_village_page(operator_a, irisan):
    client, _ = operator_a
    desa = irisan[DESA_A]
    page = client.get(reverse("wilayah:detail", args=[desa.pk]))
    assert b"Tambah Dusun" in page.content
    url = reverse("wilayah:lingkungan_tambah", args=[desa.pk])
    form = client.get(url, HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and b'value="Dusun I"' in form.content
    resp = client.post(url, {"nomor": 1, "nama": "Dusun Hulu", "akar": desa.pk}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200
    assert resp["HX-Retarget"] == "#lingkungan"
    assert "Dusun Hulu ditambahkan" in resp.content.decode()
    assert Wilayah.objects.filter(kode=f"{DESA_A}.01", nama="Dusun Hulu").exists()


def test_form_errors_come_back_next_to_the_field(operator_a, irisan):
    client, _ = operator_a
    url = reverse("wilayah:lingkungan_tambah", args=[irisan[DESA_A].pk])
    resp = client.post(url, {"nomor": 1, "nama": "  "}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200 and "HX-Retarget" not in resp
    assert "Bidang ini harus diisi." in resp.content.decode()
    resp = client.post(url, {"nomor": "abc", "nama": "Dusun"}, HTTP_HX_REQUEST="true")
    assert "Masukkan keseluruhan angka bilangan." in resp.content.decode()
    # A rule only the service knows (number taken) also lands on the field.
    client.post(url, {"nomor": 1, "nama": "Dusun I"}, HTTP_HX_REQUEST="true")
    resp = client.post(url, {"nomor": 1, "nama": "Dusun Lain"}, HTTP_HX_REQUEST="true")
    assert "Nomor 1 sudah dipakai" in resp.content.decode() and "HX-Retarget" not in resp


def test_without_javascript_the_forms_are_full_pages_that_redirect(operator_a, irisan):
    client, _ = operator_a
    desa = irisan[DESA_A]
    url = reverse("wilayah:lingkungan_tambah", args=[desa.pk])
    assert b"<html" in client.get(url).content
    resp = client.post(url, {"nomor": 2, "nama": "Dusun II"})
    assert resp.status_code == 302 and resp["Location"] == reverse("wilayah:detail", args=[desa.pk])
    dusun = Wilayah.objects.get(kode=f"{DESA_A}.02")
    resp = client.post(reverse("wilayah:lingkungan_ubah", args=[dusun.pk]), {"nama": "Dusun Dua"})
    assert resp.status_code == 302
    resp = client.post(reverse("wilayah:lingkungan_hapus", args=[dusun.pk]))
    assert resp.status_code == 302 and not Wilayah.objects.filter(pk=dusun.pk).exists()


def test_delete_refusal_is_shown_on_the_page(operator_a, irisan):
    client, user = operator_a
    dusun = tambah(user, DESA_A, "dusun", 1, "Dusun I")
    tambah(user, dusun.kode, "rw", 1, "RW 001")
    resp = client.post(reverse("wilayah:lingkungan_hapus", args=[dusun.pk]), {"akar": irisan[DESA_A].pk},
                       HTTP_HX_REQUEST="true")
    assert "masih ada 1 RW di bawahnya" in resp.content.decode()
    assert Wilayah.objects.filter(pk=dusun.pk).exists()


def test_camat_sees_the_village_but_no_management_buttons(irisan, buat_pengguna):
    client, _ = buat_pengguna("camat", KEC)
    page = client.get(reverse("wilayah:detail", args=[irisan[DESA_A].pk]))
    assert page.status_code == 200 and b"Tambah Dusun" not in page.content
    assert client.get(reverse("wilayah:lingkungan_tambah", args=[irisan[DESA_A].pk])).status_code == 200
    resp = client.post(reverse("wilayah:lingkungan_tambah", args=[irisan[DESA_A].pk]), {"nomor": 1, "nama": "Dusun I"})
    assert resp.status_code == 200 and "di luar cakupan wilayah Anda" in resp.content.decode()
    assert not Wilayah.objects.filter(level=5).exists()
