"""Temporary residents (Buku Penduduk Sementara): pages, API, masking, scope and bad input."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.akun.models import LogAkses
from apps.kependudukan import sementara
from apps.kependudukan.models import PendudukSementara
from apps.sinkron.context import acting_as

from .conftest import DESA_A, DESA_B, KEC1, rt

pytestmark = pytest.mark.django_db
HARI_INI = timezone.localdate()
DAFTAR = reverse("kependudukan:sementara_daftar")
API = "/api/v1/penduduk-sementara/"


def _data(**over):
    data = {"nama": "Tamu Pekerja", "jenis_kelamin": 1, "nomor_identitas": "6271011501900001", "datang_dari": "Sampit",
            "maksud": "Bekerja di kebun", "didatangi": "Pak RT 001", "wilayah": rt(DESA_A),
            "tanggal_datang": HARI_INI - datetime.timedelta(days=10)}
    data.update(over)
    return data


@pytest.fixture
def tamu(wil):
    def make(desa=DESA_A, **over):
        with acting_as("sistem:uji"):
            return sementara.create_sementara(user=None, **_data(wilayah=rt(desa), **over))

    return make


def test_service_refusals(wil, pengguna):
    op = pengguna("operator_desa", DESA_A)
    # Today as of now, not as of import: a run that crosses midnight WIB made "tomorrow" today.
    besok = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        sementara.create_sementara(user=op, **_data(nama=" ", tanggal_datang=besok, nomor_identitas="12-34"))
    assert {"nama", "tanggal_datang", "nomor_identitas"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        sementara.create_sementara(user=op, **_data(wilayah=""))
    assert "wilayah" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        sementara.create_sementara(user=op, **_data(wilayah=rt(DESA_B)))
    s = sementara.create_sementara(user=op, **_data())
    with pytest.raises(ValidationError) as exc:
        sementara.catat_pergi(user=op, sementara=s, tanggal_pergi=s.tanggal_datang - datetime.timedelta(days=1))
    assert "sebelum tanggal datang" in exc.value.message_dict["tanggal_pergi"][0]
    sementara.catat_pergi(user=op, sementara=s, tanggal_pergi=HARI_INI)
    with pytest.raises(ValidationError) as exc:
        sementara.catat_pergi(user=op, sementara=s, tanggal_pergi=HARI_INI)
    assert "sudah tercatat pergi" in exc.value.message_dict["tanggal_pergi"][0]
    with pytest.raises(ValidationError) as exc:
        sementara.update_sementara(user=op, sementara=s, wilayah=rt(DESA_B))
    assert "desa lain" in exc.value.message_dict["wilayah"][0]


def test_pages_list_search_create_edit_and_leave(client, pengguna, tamu, django_assert_max_num_queries):
    for i in range(55):
        tamu(nama=f"Tamu {i:02d}")
    tamu(DESA_B, nama="Tamu Desa Tetangga")
    client.force_login(pengguna("operator_desa", DESA_A))
    # session, user, 2FA device, memberships, desa choices, page, region names, cached count, session save (3)
    with django_assert_max_num_queries(11):
        first = client.get(DAFTAR)
    page = first.context["page"]
    assert len(page.items) == 50 and "Tamu Desa Tetangga" not in first.content.decode()
    with django_assert_max_num_queries(10):
        rest = client.get(DAFTAR, {"setelah": page.next_after}, HTTP_HX_REQUEST="true").context["page"].items
    assert len(rest) == 5
    assert [s.nama for s in client.get(DAFTAR, {"q": "tamu 07"}).context["page"].items] == ["Tamu 07"]
    resp = client.post(reverse("kependudukan:sementara_tambah"), {**_data(nama="Baru Datang"), "warganegara": 1})
    s = PendudukSementara.objects.get(nama="Baru Datang")
    assert resp.status_code == 302 and resp["Location"] == reverse("kependudukan:sementara_detail", args=[s.pk])
    resp = client.post(reverse("kependudukan:sementara_tambah"), {**_data(nama="", maksud=""), "warganegara": 1})
    assert resp.status_code == 200 and {"nama", "maksud"} <= set(resp.context["form"].errors)
    ubah = reverse("kependudukan:sementara_ubah", args=[s.pk])
    initial = client.get(ubah).context["form"].initial
    resp = client.post(ubah, {**{k: v for k, v in initial.items() if v is not None}, "maksud": "Berdagang"})
    assert resp.status_code == 302
    pergi = reverse("kependudukan:sementara_pergi", args=[s.pk])
    assert client.post(pergi, {"tanggal_pergi": "2999-01-01"}).status_code == 200
    assert client.post(pergi, {"tanggal_pergi": HARI_INI.isoformat()}).status_code == 302
    s.refresh_from_db()
    assert (s.maksud, s.tanggal_pergi) == ("Berdagang", HARI_INI)
    assert s.nama not in [x.nama for x in client.get(DAFTAR).context["page"].items]  # default: still staying
    assert client.get(DAFTAR, {"status": "pergi"}).context["page"].items[0].nama == "Baru Datang"
    # session, user, 2FA device, memberships, record, view_nik?, access log, region names, change?, session (3)
    with django_assert_max_num_queries(12):
        detail = client.get(reverse("kependudukan:sementara_detail", args=[s.pk])).content.decode()
    assert "Sudah pergi" in detail


def test_identity_number_masked_for_camat_and_full_read_is_logged(client, pengguna, tamu):
    s = tamu()
    client.force_login(pengguna("camat", KEC1))
    assert s.nomor_identitas not in client.get(DAFTAR).content.decode()
    page = client.get(reverse("kependudukan:sementara_detail", args=[s.pk])).content.decode()
    assert s.nomor_identitas not in page and "6271xxxxxxxxxxxx" in page
    assert client.get(reverse("kependudukan:sementara_ubah", args=[s.pk])).status_code == 404
    assert not LogAkses.objects.exists()
    client.force_login(pengguna("operator_desa", DESA_A))
    assert s.nomor_identitas in client.get(reverse("kependudukan:sementara_detail", args=[s.pk])).content.decode()
    assert LogAkses.objects.filter(model="kependudukan.penduduksementara", object_id=str(s.pk)).exists()


def test_other_village_is_404(client, pengguna, tamu):
    s = tamu(DESA_B)
    client.force_login(pengguna("operator_desa", DESA_A))
    for name in ("sementara_detail", "sementara_ubah", "sementara_pergi"):
        assert client.get(reverse(f"kependudukan:{name}", args=[s.pk])).status_code == 404
        assert client.post(reverse(f"kependudukan:{name}", args=[s.pk]), {}).status_code in (404, 405)


def test_api_crud(pengguna, tamu):
    op = APIClient()
    op.force_authenticate(pengguna("operator_desa", DESA_A))
    body = {**_data(), "tanggal_datang": _data()["tanggal_datang"].isoformat()}
    r = op.post(API, body, format="json")
    assert r.status_code == 201 and r.json()["nomor_identitas"] == body["nomor_identitas"]
    pk = r.json()["id"]
    r = op.post(API, {**body, "nama": "", "maksud": ""}, format="json")
    assert r.status_code == 400 and {"nama", "maksud"} <= set(r.json())
    r = op.post(API, {**body, "tanggal_datang": "2999-01-01"}, format="json")
    assert r.status_code == 400 and "masa depan" in r.json()["tanggal_datang"][0]
    r = op.patch(f"{API}{pk}/", {"maksud": "Kuliah"}, format="json")
    assert r.status_code == 200 and r.json()["maksud"] == "Kuliah"
    r = op.post(f"{API}{pk}/pergi/", {"tanggal_pergi": "2000-01-01"}, format="json")
    assert r.status_code == 400 and "sebelum tanggal datang" in r.json()["tanggal_pergi"][0]
    r = op.post(f"{API}{pk}/pergi/", {"tanggal_pergi": HARI_INI.isoformat()}, format="json")
    assert r.status_code == 200 and r.json()["tanggal_pergi"] == HARI_INI.isoformat()
    assert [x["id"] for x in op.get(API, {"status": "semua", "q": "tamu"}).json()["results"]] == [pk]
    camat = APIClient()
    camat.force_authenticate(pengguna("camat", KEC1))
    assert camat.get(f"{API}{pk}/").json()["nomor_identitas"] == "6271" + "x" * 12
    assert camat.patch(f"{API}{pk}/", {"maksud": "X"}, format="json").status_code == 404
    lain = tamu(DESA_B)
    assert op.get(f"{API}{lain.pk}/").status_code == 404
    assert op.delete(f"{API}{lain.pk}/").status_code == 404
    assert op.delete(f"{API}{pk}/").status_code == 204
    assert not PendudukSementara.objects.filter(pk=pk).exists()
