"""Stories of the registry pages: who sees which residents, masked or in full, and what is
logged when a full record is read."""
import datetime

import pytest
from django.urls import reverse

from apps.akun.models import Keanggotaan, LogAkses
from apps.kependudukan.models import Penduduk
from apps.sinkron.context import acting_as

from .conftest import DESA_A, DESA_B, DESA_C, KEC1, rt

DAFTAR = reverse("kependudukan:penduduk_daftar")


def detail(p):
    return reverse("kependudukan:penduduk_detail", args=[p.pk])


def masuk(client, user):
    client.force_login(user)
    return client


def test_operator_cannot_see_or_edit_resident_of_another_village(client, pengguna, warga_baru):
    lain = warga_baru(DESA_B, nama="Warga Desa Tetangga")
    masuk(client, pengguna("operator_desa", DESA_A))
    assert client.get(detail(lain)).status_code == 404
    assert client.get(reverse("kependudukan:penduduk_ubah", args=[lain.pk])).status_code == 404
    assert client.post(reverse("kependudukan:penduduk_ubah", args=[lain.pk]), {"nama": "X"}).status_code == 404
    assert "Warga Desa Tetangga" not in client.get(DAFTAR).content.decode()


def test_camat_sees_his_kecamatan_masked_and_nothing_is_logged(client, pengguna, warga_baru):
    a, c = warga_baru(DESA_A, nama="Andi"), warga_baru(DESA_C, nama="Citra", jk=2)
    warga_baru(DESA_B, nama="Bayu")
    masuk(client, pengguna("camat", KEC1))
    body = client.get(DAFTAR).content.decode()
    assert "Andi" in body and "Bayu" in body and "Citra" not in body
    assert a.nik not in body and f"{a.nik[:4]}{'x' * 12}" in body
    page = client.get(detail(a)).content.decode()
    assert a.nik not in page and "disamarkan" in page
    assert client.get(detail(c)).status_code == 404
    assert not LogAkses.objects.exists()
    # A prefix search by number would read a masked NIK digit by digit: it finds nothing.
    assert "Andi" not in client.get(DAFTAR, {"q": a.nik[:10]}).content.decode()


@pytest.mark.parametrize("peran", ["kepala_desa", "operator_desa"])
def test_village_officials_see_full_nik_and_reading_is_logged(client, pengguna, warga_baru, peran):
    p = warga_baru(DESA_A, nama="Rahmat", telepon="081234567890")
    user = pengguna(peran, DESA_A)
    masuk(client, user)
    page = client.get(detail(p)).content.decode()
    assert p.nik in page and "081234567890" in page
    log = LogAkses.objects.get()
    assert (log.pengguna, log.model, log.object_id, log.owner, log.path) == (
        user, "kependudukan.penduduk", str(p.pk), DESA_A, detail(p))
    assert p.nik in client.get(DAFTAR, {"q": p.nik[:8]}).content.decode()


def test_warga_sees_only_his_own_family(client, pengguna, keluarga_baru, warga_baru):
    kk, (kepala, istri, anak) = keluarga_baru(DESA_A)
    tetangga = warga_baru(DESA_A, nama="Tetangga Sebelah")
    user = pengguna("warga", DESA_A)
    with acting_as("sistem:uji"):
        Penduduk.objects.filter(pk=kepala.pk).update(akun=user)
    masuk(client, user)
    body = client.get(DAFTAR).content.decode()
    assert kepala.nama in body and istri.nama in body and anak.nama in body and "Tetangga Sebelah" not in body
    assert client.get(detail(tetangga)).status_code == 404
    assert client.get(detail(istri)).status_code == 200
    own = client.get(detail(kepala)).content.decode()
    assert kepala.nik in own  # his own record in full (UU PDP: subjects may see their data)
    assert istri.nik not in client.get(detail(istri)).content.decode()
    assert client.get(reverse("kependudukan:keluarga_detail", args=[kk.pk])).status_code == 200
    assert client.get(reverse("kependudukan:penduduk_tambah")).status_code == 403


def test_name_search_ignores_case_and_accents(client, pengguna, warga_baru):
    warga_baru(DESA_A, nama="Maria Goretti Élise")
    warga_baru(DESA_A, nama="Budi")
    masuk(client, pengguna("operator_desa", DESA_A))
    body = client.get(DAFTAR, {"q": "ELISE"}).content.decode()
    assert "Maria Goretti" in body and "Budi" not in body


def test_filters_by_sex_age_and_status(client, pengguna, warga_baru):
    warga_baru(DESA_A, nama="Anak Kecil", lahir=datetime.date.today() - datetime.timedelta(days=365 * 5), kawin=1)
    warga_baru(DESA_A, nama="Ibu Tua", jk=2, lahir=datetime.date(1950, 6, 1))
    masuk(client, pengguna("operator_desa", DESA_A))
    body = client.get(DAFTAR, {"umur_max": "10"}).content.decode()
    assert "Anak Kecil" in body and "Ibu Tua" not in body
    body = client.get(DAFTAR, {"jenis_kelamin": "2"}).content.decode()
    assert "Ibu Tua" in body and "Anak Kecil" not in body
    assert "Ibu Tua" not in client.get(DAFTAR, {"status": "2"}).content.decode()


def test_list_pages_by_keyset_with_a_pinned_number_of_queries(client, pengguna, warga_baru,
                                                            django_assert_max_num_queries):
    for i in range(60):
        warga_baru(DESA_A, nama=f"Sama Nama {i % 3}")  # repeated names: the page key needs the id too
    masuk(client, pengguna("operator_desa", DESA_A))
    # session, user, 2FA device, memberships, desa filter, page, region names, cached count, session save (3)
    with django_assert_max_num_queries(11):
        first = client.get(DAFTAR)
    page = first.context["page"]
    assert len(page.items) == 50 and page.next_after
    with django_assert_max_num_queries(10):
        second = client.get(DAFTAR, {"setelah": page.next_after}, HTTP_HX_REQUEST="true")
    rest = second.context["page"].items
    assert len(rest) == 10 and not {p.pk for p in rest} & {p.pk for p in page.items}
    assert "<table" not in second.content.decode()  # HTMX "load more": rows only


def test_operator_registers_resident_after_accepting_the_nik_warning(client, pengguna):
    masuk(client, pengguna("operator_desa", DESA_A))
    url = reverse("kependudukan:penduduk_tambah")
    data = {"nik": "6207011203850077", "nama": "Siti Rahma", "jenis_kelamin": "2", "tanggal_lahir": "1985-03-12",
            "agama": "1", "status_perkawinan": "2", "warganegara": "1", "status_penduduk": "1", "wilayah": rt(DESA_A)}
    resp = client.post(url, data)
    assert resp.status_code == 200 and "Periksa sebelum menyimpan" in resp.content.decode()
    assert "jenis kelamin diisi perempuan" in resp.content.decode()
    assert not Penduduk.objects.exists()
    resp = client.post(url, {**data, "setujui_peringatan": "on"})
    p = Penduduk.objects.get()
    assert resp.status_code == 302 and resp["Location"] == detail(p)


def test_form_shows_indonesian_errors_next_to_the_field(client, pengguna):
    masuk(client, pengguna("operator_desa", DESA_A))
    resp = client.post(reverse("kependudukan:penduduk_tambah"), {
        "nik": "12345", "nama": "", "jenis_kelamin": "1", "tanggal_lahir": "2099-01-01", "agama": "1",
        "status_perkawinan": "1", "warganegara": "1", "status_penduduk": "1", "wilayah": rt(DESA_B)})
    form = resp.context["form"]
    assert "nama" in form.errors and "wilayah" in form.errors  # RT of another village is not a choice
    resp = client.post(reverse("kependudukan:penduduk_tambah"), {
        "nik": "12345", "nama": "Ali", "jenis_kelamin": "1", "tanggal_lahir": "1990-01-01", "agama": "1",
        "status_perkawinan": "1", "warganegara": "1", "status_penduduk": "1", "wilayah": rt(DESA_A)})
    assert "16 angka" in resp.context["form"].errors["nik"][0]


def test_operator_edits_resident_and_the_edit_form_read_is_logged(client, pengguna, warga_baru):
    p = warga_baru(DESA_A, nama="Lama")
    masuk(client, pengguna("operator_desa", DESA_A))
    url = reverse("kependudukan:penduduk_ubah", args=[p.pk])
    form = client.get(url).context["form"]
    assert LogAkses.objects.count() == 1
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(nama="Baru", tanggal_lahir=p.tanggal_lahir.isoformat())
    assert client.post(url, data).status_code == 302
    p.refresh_from_db()
    assert p.nama == "Baru" and p.nama_cari == "baru"


def test_family_pages_show_members_and_mask_no_kk_for_camat(client, pengguna, keluarga_baru):
    kk, anggota = keluarga_baru(DESA_A)
    masuk(client, pengguna("camat", KEC1))
    body = client.get(reverse("kependudukan:keluarga_daftar")).content.decode()
    assert anggota[0].nama in body and kk.no_kk not in body and "3 jiwa" in body
    page = client.get(reverse("kependudukan:keluarga_detail", args=[kk.pk])).content.decode()
    assert all(a.nama in page for a in anggota) and kk.no_kk not in page and "Istri" in page
    assert "Anggota keluarga (3)" in page


def test_family_search_by_head_name_and_no_kk(client, pengguna, keluarga_baru):
    kk, _ = keluarga_baru(DESA_A, nama_kepala="Zainal Arifin")
    keluarga_baru(DESA_A, nama_kepala="Yusuf")
    masuk(client, pengguna("sekdes", DESA_A))
    url = reverse("kependudukan:keluarga_daftar")
    body = client.get(url, {"q": "zainal"}).content.decode()
    assert "Zainal Arifin" in body and "Yusuf" not in body
    assert "Zainal Arifin" in client.get(url, {"q": kk.no_kk}).content.decode()


def test_operator_registers_a_family_with_its_head(client, pengguna, warga_baru):
    kepala = warga_baru(DESA_A, nama="Kepala Baru")
    masuk(client, pengguna("operator_desa", DESA_A))
    resp = client.post(reverse("kependudukan:keluarga_tambah"), {
        "no_kk": "6207010202200001", "wilayah": rt(DESA_A), "alamat": "Jl. Baru", "nik_kepala": kepala.nik})
    assert resp.status_code == 302
    kepala.refresh_from_db()
    assert kepala.shdk == 1 and kepala.keluarga.no_kk == "6207010202200001"


def test_history_link_on_detail_page(client, pengguna, warga_baru):
    p = warga_baru(DESA_A)
    masuk(client, pengguna("kepala_desa", DESA_A))
    assert reverse("sinkron:riwayat", args=["kependudukan.penduduk", p.pk]) in client.get(detail(p)).content.decode()


def test_no_role_no_residents(client, pengguna, warga_baru, django_user_model):
    warga_baru(DESA_A, nama="Tersembunyi")
    user = pengguna("operator_desa", DESA_A)
    Keanggotaan.objects.filter(pengguna=user).update(aktif=False)
    masuk(client, user)
    assert "Tersembunyi" not in client.get(DAFTAR).content.decode()


def _data_warga():
    return {"nik": "6207011203850001", "nama": "Ali Akbar", "jenis_kelamin": "1", "tanggal_lahir": "1985-03-12",
            "agama": "1", "status_perkawinan": "2", "warganegara": "1", "status_penduduk": "1", "wilayah": rt(DESA_A)}


def test_operator_is_told_the_resident_was_registered(client, pengguna):
    masuk(client, pengguna("operator_desa", DESA_A))
    resp = client.post(reverse("kependudukan:penduduk_tambah"), _data_warga(), follow=True)
    assert "Penduduk terdaftar." in resp.content.decode()


def test_service_refusals_land_next_to_the_field_the_operator_filled(client, pengguna, monkeypatch):
    from django.core.exceptions import PermissionDenied, ValidationError

    from apps.kependudukan import services

    masuk(client, pengguna("operator_desa", DESA_A))
    url = reverse("kependudukan:penduduk_tambah")

    def kk_desa_lain(**kwargs):
        raise ValidationError({"keluarga": "Keluarga (KK) ini terdaftar di desa lain."})

    monkeypatch.setattr(services, "create_penduduk", kk_desa_lain)
    form = client.post(url, _data_warga()).context["form"]
    assert form.errors["no_kk"] == ["Keluarga (KK) ini terdaftar di desa lain."]  # the service's `keluarga`

    def di_luar_cakupan(**kwargs):
        raise PermissionDenied

    monkeypatch.setattr(services, "create_penduduk", di_luar_cakupan)
    form = client.post(url, _data_warga()).context["form"]
    assert form.errors["wilayah"] == ["Wilayah ini di luar cakupan Anda."]
    assert not Penduduk.objects.exists()
