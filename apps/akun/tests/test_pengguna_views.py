"""Stories of user management in the browser: an admin kabupaten manages the people of their
kabupaten; everyone else finds nothing there (404)."""
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.akun import services
from apps.akun.models import Keanggotaan, Pengguna

from .conftest import DESA11, DESA12, DESA21, DESA_LAIN, KAB, KAB_LAIN, KEC1, KEC_LAIN, SANDI

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin(admin_kab) -> Client:
    return login(admin_kab)


@pytest.fixture
def asing(buat_pengguna) -> Pengguna:
    """Someone who only serves the neighbouring kabupaten."""
    return buat_pengguna("asing", "camat", KEC_LAIN, "KEC-62.01.01")


def management_urls(pengguna: Pengguna, keanggotaan: Keanggotaan):
    return [
        ("get", reverse("akun:pengguna_daftar")),
        ("get", reverse("akun:pengguna_baru")),
        ("post", reverse("akun:pengguna_baru")),
        ("get", reverse("akun:pilihan_peran") + "?peran=camat"),
        ("get", reverse("akun:pengguna_detail", args=[pengguna.pk])),
        ("post", reverse("akun:pengguna_peran", args=[pengguna.pk])),
        ("post", reverse("akun:pengguna_status", args=[pengguna.pk])),
        ("post", reverse("akun:pengguna_sandi", args=[pengguna.pk])),
        ("post", reverse("akun:pengguna_otp", args=[pengguna.pk])),
        ("post", reverse("akun:keanggotaan_cabut", args=[keanggotaan.pk])),
    ]


@pytest.mark.parametrize("peran, wilayah", [("operator_desa", DESA11), ("camat", KEC1), ("bupati", KAB),
                                            ("warga", DESA11)])
def test_non_admin_gets_404_on_every_user_management_page(buat_pengguna, peran, wilayah):
    target = buat_pengguna("target", "warga", DESA11)
    someone = buat_pengguna("orang", peran, wilayah)
    client = login(someone)
    for method, url in management_urls(target, Keanggotaan.objects.get(pengguna=target)):
        assert getattr(client, method)(url).status_code == 404, url
    target.refresh_from_db()
    assert target.is_active and Keanggotaan.objects.filter(pengguna=target).exists()


def test_anonymous_is_sent_to_login(operator):
    resp = Client().get(reverse("akun:pengguna_daftar"))
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("akun:masuk"))


def test_admin_finds_nobody_of_another_kabupaten(admin, asing):
    m = Keanggotaan.objects.get(pengguna=asing)
    for method, url in management_urls(asing, m)[4:]:
        assert getattr(admin, method)(url).status_code == 404, url
    assert "asing" not in admin.get(reverse("akun:pengguna_daftar")).content.decode()
    asing.refresh_from_db()
    assert asing.is_active and Keanggotaan.objects.filter(pk=m.pk).exists()


def test_admin_lists_people_of_the_kabupaten_and_role_less_accounts(admin, operator, asing, buat_pengguna):
    buat_pengguna("tanpaperan")
    body = admin.get(reverse("akun:pengguna_daftar")).content.decode()
    assert "Uji operator" in body and "Uji tanpaperan" in body and "Uji asing" not in body
    assert "Operator Desa/Kelurahan · Pematang Limau" in body


def test_admin_of_another_kabupaten_does_not_see_role_less_accounts(buat_pengguna):
    lain = buat_pengguna("adminlain", "admin_kabupaten", KAB_LAIN)
    buat_pengguna("tanpaperan")
    body = login(lain).get(reverse("akun:pengguna_daftar")).content.decode()
    assert "tanpaperan" not in body


def test_superuser_sees_everyone(asing, operator):
    root = Pengguna.objects.create_superuser(username="root", password=SANDI, email="root@uji.go.id")
    body = login(root).get(reverse("akun:pengguna_daftar")).content.decode()
    assert "Uji asing" in body and "Uji operator" in body


def test_admin_searches_and_filters_the_list(admin, buat_pengguna):
    buat_pengguna("siti", "kepala_desa", DESA12, nama="Siti Rahmah")
    buat_pengguna("andi", "operator_desa", DESA21, nama="Andi Saputra")
    url = reverse("akun:pengguna_daftar")
    assert "Siti Rahmah" in admin.get(url, {"q": "rahmah"}).content.decode()
    assert "Andi Saputra" not in admin.get(url, {"q": "rahmah"}).content.decode()
    by_role = admin.get(url, {"peran": "operator_desa"}).content.decode()
    assert "Andi Saputra" in by_role and "Siti Rahmah" not in by_role
    by_place = admin.get(url, {"wilayah": KEC1}).content.decode()
    assert "Siti Rahmah" in by_place and "Andi Saputra" not in by_place
    partial = admin.get(url, {"q": "andi"}, HTTP_HX_REQUEST="true")
    assert partial.templates[0].name == "akun/_pengguna_tabel.html"


def test_user_list_pages_by_key_with_a_fixed_number_of_queries(admin, buat_pengguna):
    url = reverse("akun:pengguna_daftar")
    for i in range(3):
        buat_pengguna(f"warga{i}", "warga", DESA11)
    with CaptureQueriesContext(connection) as few:
        admin.get(url)
    for i in range(3, 30):
        buat_pengguna(f"warga{i}", "warga", DESA11)
    with CaptureQueriesContext(connection) as many:
        first = admin.get(url)
    assert len(many) == len(few)
    nxt = first.context["page"].next_after
    assert nxt and len(first.context["object_list"]) == 25
    second = admin.get(url, {"setelah": nxt})
    names = {p.username for p in first.context["object_list"]} & {p.username for p in second.context["object_list"]}
    assert not names and len(second.context["object_list"]) == 31 - 25
    assert admin.get(url, {"setelah": "bukan-angka"}).status_code == 200


def test_admin_creates_a_user_and_sees_the_generated_password_once(admin):
    resp = admin.post(reverse("akun:pengguna_baru"), {"username": "rina", "nama": "Rina Wati", "email": "",
                                                      "telepon": "0812 3456 7890", "peran": "sekdes",
                                                      "wilayah_kode": DESA11, "wajib": "0"})
    assert resp.status_code == 200 and resp["Cache-Control"] == "no-store"
    sandi = resp.context["kata_sandi"]
    assert sandi and sandi in resp.content.decode()
    rina = Pengguna.objects.get(username="rina")
    assert rina.check_password(sandi) and rina.harus_ganti_sandi and rina.email is None
    assert Keanggotaan.objects.filter(pengguna=rina, peran="sekdes", wilayah_id=DESA11).exists()
    detail = admin.get(reverse("akun:pengguna_detail", args=[rina.pk])).content.decode()
    assert sandi not in detail


def test_create_form_shows_indonesian_errors_and_creates_nothing(admin, operator):
    resp = admin.post(reverse("akun:pengguna_baru"), {"username": "operator", "nama": "X", "password": "123",
                                                      "peran": "camat", "wilayah_kode": KEC1})
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "sudah dipakai" in body
    assert "terlalu pendek" in body
    assert Pengguna.objects.count() == 2


def test_create_form_refuses_a_wrong_level_wilayah_without_creating_the_account(admin):
    resp = admin.post(reverse("akun:pengguna_baru"), {"username": "budi", "nama": "Budi", "peran": "camat",
                                                      "wilayah_kode": DESA11})
    assert "harus terikat pada wilayah tingkat kecamatan" in resp.content.decode()
    assert not Pengguna.objects.filter(username="budi").exists()


def test_admin_of_another_kabupaten_must_give_a_first_role(buat_pengguna):
    lain = login(buat_pengguna("adminlain", "admin_kabupaten", KAB_LAIN))
    resp = lain.post(reverse("akun:pengguna_baru"), {"username": "budi", "nama": "Budi"})
    assert resp.status_code == 200 and not Pengguna.objects.filter(username="budi").exists()
    resp = lain.post(reverse("akun:pengguna_baru"), {"username": "budi", "nama": "Budi", "peran": "operator_desa",
                                                     "wilayah_kode": DESA_LAIN})
    assert resp.context["kata_sandi"]
    assert Keanggotaan.objects.filter(pengguna__username="budi", wilayah_id=DESA_LAIN).exists()


def test_role_picker_offers_only_fitting_wilayah_in_scope(admin, region):
    resp = admin.get(reverse("akun:pilihan_peran"), {"peran": "camat"})
    choices = [c[0] for c in resp.context["peran_form"].fields["wilayah_kode"].widget.choices if c[0]]
    assert choices == [KEC1, "62.07.02"]
    resp = admin.get(reverse("akun:pilihan_peran"), {"peran": "bpd", "wilayah_kode": DESA11})
    units = [c[0] for c in resp.context["peran_form"].fields["unit"].widget.choices if c[0]]
    assert units == [str(region.unit("BPD-62.07.01.2001").pk)]
    assert 'hx-get="/akun/pengguna/pilihan-peran/"' in resp.content.decode()


def test_admin_adds_a_role_with_htmx_and_gets_the_role_card_back(admin, buat_pengguna, region):
    budi = buat_pengguna("budi")
    url = reverse("akun:pengguna_peran", args=[budi.pk])
    resp = admin.post(url, {"peran": "camat", "wilayah_kode": KEC1, "unit": region.unit("KEC-62.07.01").pk},
                      HTTP_HX_REQUEST="true")
    assert resp.status_code == 200
    assert resp.templates[0].name == "akun/_peran_kartu.html"
    assert "Peran Camat di Seruyan Hilir diberikan" in resp.content.decode()
    assert Keanggotaan.objects.filter(pengguna=budi, peran="camat", wilayah_id=KEC1).exists()
    # A unit of another kecamatan is refused, with the reason on the unit field.
    resp = admin.post(url, {"peran": "staf_kecamatan", "wilayah_kode": KEC1, "unit": region.unit("KEC-62.07.02").pk},
                      HTTP_HX_REQUEST="true")
    assert resp.status_code == 200
    assert "bertugas di wilayah 62.07.02, bukan di 62.07.01" in resp.content.decode()
    assert not Keanggotaan.objects.filter(pengguna=budi, peran="staf_kecamatan").exists()


def test_admin_cannot_post_a_role_outside_the_kabupaten(admin, buat_pengguna):
    budi = buat_pengguna("budi")
    resp = admin.post(reverse("akun:pengguna_peran", args=[budi.pk]), {"peran": "operator_desa", "wilayah_kode": DESA_LAIN})
    assert resp.status_code == 200
    assert "Wilayah ini di luar cakupan Anda." in resp.content.decode()
    assert not Keanggotaan.objects.filter(pengguna=budi).exists()


def test_admin_revokes_a_role(admin, operator):
    m = Keanggotaan.objects.get(pengguna=operator)
    resp = admin.post(reverse("akun:keanggotaan_cabut", args=[m.pk]))
    assert resp.status_code == 302
    assert not Keanggotaan.objects.filter(pk=m.pk).exists()


def test_admin_deactivates_an_account_who_then_cannot_log_in(admin, operator):
    resp = admin.post(reverse("akun:pengguna_status", args=[operator.pk]), {"aktif": "0"})
    assert resp.status_code == 302
    operator.refresh_from_db()
    assert not operator.is_active
    login_resp = Client().post(reverse("akun:masuk"), {"username": "operator", "password": SANDI})
    assert login_resp.status_code == 200
    admin.post(reverse("akun:pengguna_status", args=[operator.pk]), {"aktif": "1"})
    operator.refresh_from_db()
    assert operator.is_active


def test_admin_issues_a_new_password_shown_once(admin, operator):
    resp = admin.post(reverse("akun:pengguna_sandi", args=[operator.pk]))
    assert resp.status_code == 200 and resp["Cache-Control"] == "no-store"
    operator.refresh_from_db()
    assert operator.check_password(resp.context["kata_sandi"])


def test_detail_hides_roles_held_outside_the_admins_scope(admin, buat_pengguna):
    ganda = buat_pengguna("ganda", "operator_desa", DESA11)
    services.grant_peran(pengguna=ganda, peran="operator_desa", wilayah_kode=DESA_LAIN)
    resp = admin.get(reverse("akun:pengguna_detail", args=[ganda.pk]))
    body = resp.content.decode()
    assert "Pematang Limau" in body and "Sungai Tendang" not in body
    assert "1 peran lain di luar cakupan Anda" in body
    assert not resp.context["kelola_penuh"]
