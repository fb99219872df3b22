"""Pages of life events and family operations: forms through the services, refusals on the
form, scope (404), the timeline, the event list, and pinned query counts."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.kependudukan import peristiwa
from apps.kependudukan.models import Keluarga, Penduduk, Peristiwa

from .conftest import DESA_A, DESA_B, KEC1, rt

pytestmark = pytest.mark.django_db
HARI_INI = timezone.localdate()
KEMARIN = HARI_INI - datetime.timedelta(days=1)


@pytest.fixture
def op(client, pengguna):
    user = pengguna("operator_desa", DESA_A)
    client.force_login(user)
    return user


def url(name, obj):
    return reverse(f"kependudukan:{name}", args=[obj.pk])


def test_record_a_death_through_the_page_with_a_new_head(client, op, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    page = client.get(url("penduduk_detail", kepala)).content.decode()
    assert "Catat peristiwa" in page and url("peristiwa_mati", kepala) in page
    assert url("peristiwa_kembali", kepala) not in page  # not for the living
    form = client.get(url("peristiwa_mati", kepala)).content.decode()
    assert "Kepala keluarga baru" in form and "Siti Aminah" in form
    resp = client.post(url("peristiwa_mati", kepala), {"tanggal": KEMARIN.isoformat(), "tempat": "Rumah",
                                                        "sebab": "Sakit", "kepala_baru": str(istri.pk)})
    assert resp.status_code == 302 and resp["Location"] == url("penduduk_detail", kepala)
    kepala.refresh_from_db()
    kk.refresh_from_db()
    assert kepala.status_dasar == 2 and kepala.keluarga_id is None and kk.kepala_id == istri.pk
    page = client.get(url("penduduk_detail", kepala)).content.decode()
    assert "Kematian tercatat" in page and "Meninggal di Rumah; sebab: Sakit" in page
    assert "Catat peristiwa" not in page  # nothing follows a death
    kk_page = client.get(url("keluarga_detail", kk)).content.decode()
    assert "Riwayat anggota keluarga" in kk_page and "Menjadi kepala keluarga" in kk_page


def test_bad_event_input_is_shown_on_the_form_and_changes_nothing(client, op, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    besok = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()  # now, not at import
    resp = client.post(url("peristiwa_mati", anak), {"tanggal": besok})
    assert resp.status_code == 200 and "tidak boleh di masa depan" in resp.content.decode()
    resp = client.post(url("peristiwa_pindah", anak), {"tanggal": KEMARIN.isoformat(), "alamat_tujuan": ""})
    assert "alamat_tujuan" in resp.context["form"].errors
    resp = client.post(url("peristiwa_kembali", anak), {"tanggal": KEMARIN.isoformat()})
    body = resp.content.decode()
    assert resp.status_code == 200 and "tidak berlaku untuk penduduk berstatus hidup" in body
    assert client.get(url("peristiwa_kembali", anak)).status_code == 200
    anak.refresh_from_db()
    assert anak.status_dasar == 1 and not Peristiwa.objects.exists()


@pytest.mark.parametrize("name", ["peristiwa_mati", "peristiwa_pindah", "peristiwa_hilang", "peristiwa_pergi",
                                  "peristiwa_kembali", "pindah_anggota", "bentuk_kk"])
def test_event_forms_are_404_outside_the_scope_and_for_readers(client, pengguna, keluarga_baru, name):
    _kk, (kepala, _i, _a) = keluarga_baru(DESA_B)
    client.force_login(pengguna("operator_desa", DESA_A))
    assert client.get(url(name, kepala)).status_code == 404
    assert client.post(url(name, kepala), {"tanggal": KEMARIN.isoformat()}).status_code == 404
    client.force_login(pengguna("camat", KEC1))  # reads, never writes
    assert client.get(url(name, kepala)).status_code == 404


@pytest.mark.parametrize("name", ["peristiwa_lahir", "pecah_kk", "pindah_sekeluarga"])
def test_family_forms_are_404_outside_the_scope(client, pengguna, keluarga_baru, name):
    kk, _ = keluarga_baru(DESA_B)
    client.force_login(pengguna("operator_desa", DESA_A))
    assert client.get(url(name, kk)).status_code == 404
    assert client.post(url(name, kk), {"nama": "X"}).status_code == 404


def test_register_a_birth_from_the_family_page(client, op, keluarga_baru):
    kk, (kepala, istri, _anak) = keluarga_baru()
    assert url("peristiwa_lahir", kk) in client.get(url("keluarga_detail", kk)).content.decode()
    resp = client.post(url("peristiwa_lahir", kk), {
        "nama": "Nur Aisyah", "jenis_kelamin": "2", "tanggal_lahir": KEMARIN.isoformat(), "jam": "06:15",
        "tempat_lahir": "Kuala Pembuang", "tempat_dilahirkan": "puskesmas", "penolong": "bidan", "berat_gram": "3200",
        "panjang_cm": "50", "shdk": "4", "pelapor": "Ahmad Fauzi"})
    bayi = Penduduk.objects.get(nama="Nur Aisyah")
    assert resp.status_code == 302 and resp["Location"] == url("penduduk_detail", bayi)
    assert bayi.nik_sementara and bayi.keluarga_id == kk.pk and bayi.nama_ibu == istri.nama
    page = client.get(resp["Location"]).content.decode()
    assert "NIK sementara" in page and "Lahir di Kuala Pembuang, 3200 gram" in page
    ev = Peristiwa.objects.get(penduduk=bayi)
    detail = client.get(url("peristiwa_detail", ev)).content.decode()
    assert "Puskesmas" in detail and "Bidan/perawat" in detail and "06:15" in detail


def test_bad_birth_input_stays_on_the_form(client, op, keluarga_baru):
    kk, _ = keluarga_baru()
    resp = client.post(url("peristiwa_lahir", kk), {"nama": "", "jenis_kelamin": "3", "tanggal_lahir": "2999-01-01",
                                                     "shdk": "4", "berat_gram": "abc"})
    assert resp.status_code == 200
    form = resp.context["form"]
    assert {"nama", "jenis_kelamin", "berat_gram"} <= set(form.errors)
    resp = client.post(url("peristiwa_lahir", kk), {"nama": "Bayi", "jenis_kelamin": "1", "shdk": "4",
                                                     "tanggal_lahir": "2999-01-01"})
    assert "masa depan" in resp.content.decode()
    assert not Penduduk.objects.filter(nama="Bayi").exists()


def test_move_a_whole_family_out(client, op, keluarga_baru):
    kk, anggota = keluarga_baru()
    resp = client.post(url("pindah_sekeluarga", kk), {"tanggal": KEMARIN.isoformat(), "alamat_tujuan": "Kota Sampit",
                                                      "kode_wilayah_tujuan": "62.02", "alasan": "Pekerjaan"})
    assert resp.status_code == 302
    assert set(Penduduk.objects.filter(pk__in=[a.pk for a in anggota]).values_list("status_dasar", flat=True)) == {3}
    page = client.get(url("keluarga_detail", kk)).content.decode()
    assert "Pindah keluar sekeluarga ke Kota Sampit" in page
    # Nothing left to move: the form says so instead of offering to save.
    assert "tidak berlaku untuk KK ini" in client.get(url("pindah_sekeluarga", kk)).content.decode()


def test_move_a_member_split_and_form_a_family_through_the_pages(client, op, keluarga_baru):
    kk1, (kepala1, istri1, anak1) = keluarga_baru()
    kk2, _ = keluarga_baru(nama_kepala="Bambang")
    resp = client.post(url("pindah_anggota", anak1), {"tanggal": KEMARIN.isoformat(), "no_kk": "1234", "shdk": "4"})
    assert "tidak ditemukan di desa Anda" in resp.content.decode()
    resp = client.post(url("pindah_anggota", anak1), {"tanggal": KEMARIN.isoformat(), "no_kk": kk2.no_kk, "shdk": "5"})
    assert resp.status_code == 302
    anak1.refresh_from_db()
    assert anak1.keluarga_id == kk2.pk
    form = client.get(url("pecah_kk", kk1)).content.decode()
    assert f"anggota_{istri1.pk}" in form
    resp = client.post(url("pecah_kk", kk1), {"tanggal": KEMARIN.isoformat(), "no_kk": "6207010101200901",
                                              f"anggota_{istri1.pk}": "1", f"anggota_{kepala1.pk}": "1"})
    assert "Tepat satu" in resp.content.decode() or "Sisakan" in resp.content.decode()
    resp = client.post(url("pecah_kk", kk1), {"tanggal": KEMARIN.isoformat(), "no_kk": "6207010101200901",
                                              f"anggota_{istri1.pk}": "1"})
    baru = Keluarga.objects.get(no_kk="6207010101200901")
    assert resp.status_code == 302 and resp["Location"] == url("keluarga_detail", baru)
    assert baru.kepala_id == istri1.pk
    resp = client.post(url("bentuk_kk", anak1), {"tanggal": KEMARIN.isoformat(), "no_kk": "6207010101200902"})
    assert resp.status_code == 302
    anak1.refresh_from_db()
    assert anak1.shdk == 1 and anak1.keluarga.no_kk == "6207010101200902"


def test_newcomer_page_registers_and_refuses_a_foreign_nik(client, op, pengguna, keluarga_baru):
    _kk, (kepala_b, _i, _a) = keluarga_baru(DESA_B)
    data = {"tanggal": KEMARIN.isoformat(), "alamat_asal": "Kuala Kapuas", "nik": "6203014107950001",
            "nama": "Maria Ulfa", "jenis_kelamin": "2", "tanggal_lahir": "1995-07-01", "agama": "1",
            "status_perkawinan": "1", "wilayah": rt(DESA_A), "warganegara": "1", "status_penduduk": "1"}
    resp = client.post(reverse("kependudukan:peristiwa_datang"), data)
    assert resp.status_code == 200 and "Periksa sebelum menyimpan" in resp.content.decode()  # NIK from elsewhere
    resp = client.post(reverse("kependudukan:peristiwa_datang"), {**data, "setujui_peringatan": "on"})
    p = Penduduk.objects.get(nama="Maria Ulfa")
    assert resp.status_code == 302 and p.owner_id == DESA_A
    resp = client.post(reverse("kependudukan:peristiwa_datang"), {
        **data, "nik": kepala_b.nik, "nama": kepala_b.nama, "tanggal_lahir": kepala_b.tanggal_lahir.isoformat()})
    body = resp.content.decode()
    assert peristiwa.NIK_DITOLAK.split(".")[0] in body and "Sungai Perlu" not in body


def test_editing_a_resident_keeps_family_and_relationship(client, op, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    kk2, _ = keluarga_baru(nama_kepala="Lain")
    form = client.get(url("penduduk_ubah", anak)).context["form"]
    assert form.fields["no_kk"].disabled and form.fields["shdk"].disabled
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(no_kk=kk2.no_kk, shdk="1", nama="Rizki Baru", tanggal_lahir=anak.tanggal_lahir.isoformat())
    resp = client.post(url("penduduk_ubah", anak), data)
    assert resp.status_code == 302, resp.context["form"].errors
    anak.refresh_from_db()
    assert (anak.nama, anak.keluarga_id, anak.shdk) == ("Rizki Baru", kk.pk, 4)


def test_event_list_filters_pages_by_keyset_with_pinned_queries(client, op, keluarga_baru, django_assert_max_num_queries):
    kk, (kepala, istri, anak) = keluarga_baru()
    for i in range(55):
        peristiwa.catat_lahir(user=op, keluarga=kk, nama=f"Bayi {i}", jenis_kelamin=1,
                              tanggal_lahir=HARI_INI - datetime.timedelta(days=i))
    peristiwa.catat_mati(user=op, penduduk=anak, tanggal=HARI_INI)
    lain, _ = keluarga_baru(DESA_B)
    peristiwa.catat_lahir(user=None, keluarga=lain, nama="Bayi Tetangga", jenis_kelamin=1, tanggal_lahir=HARI_INI)
    daftar = reverse("kependudukan:peristiwa_daftar")
    # session, user, 2FA device, memberships, desa choices, page, region names, session save (3)
    with django_assert_max_num_queries(10):
        first = client.get(daftar)
    page = first.context["page"]
    body = first.content.decode()
    assert len(page.items) == 50 and page.next_after and "Bayi Tetangga" not in body
    with django_assert_max_num_queries(10):
        second = client.get(daftar, {"setelah": page.next_after}, HTTP_HX_REQUEST="true")
    rest = second.context["page"].items
    assert len(rest) == 6 and not {e.pk for e in rest} & {e.pk for e in page.items}
    assert "<table" not in second.content.decode()
    assert [e.jenis for e in client.get(daftar, {"jenis": "2"}).context["page"].items] == [Peristiwa.MATI]
    bulan = client.get(daftar, {"bulan": HARI_INI.strftime("%Y-%m")}).context["page"].items
    assert bulan and all(e.tanggal.month == HARI_INI.month for e in bulan)
    for rusak in ({"setelah": "abc|def"}, {"bulan": "2026-13"}, {"jenis": "x"}, {"setelah": "2026-01-01|zz"}):
        assert client.get(daftar, rusak).status_code == 200


def test_detail_pages_have_pinned_query_counts(client, op, keluarga_baru, django_assert_max_num_queries):
    kk, (kepala, istri, anak) = keluarga_baru()
    ev = peristiwa.catat_pergi(user=op, penduduk=anak, tanggal=KEMARIN)
    peristiwa.catat_kembali(user=op, penduduk=anak, tanggal=HARI_INI)
    client.get(url("penduduk_detail", anak))  # warm the session
    # Pinned at the count measured with the timeline: one query for the events, none per event.
    with django_assert_max_num_queries(16):
        client.get(url("penduduk_detail", anak))
    with django_assert_max_num_queries(16):
        client.get(url("keluarga_detail", kk))
    # session, user, 2FA device, memberships, event, region names, person visible?, session save (3)
    with django_assert_max_num_queries(10):
        resp = client.get(url("peristiwa_detail", ev))
    assert "Pergi" in resp.content.decode()


def test_warga_sees_only_his_own_events(client, pengguna, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    peristiwa.catat_pergi(user=None, penduduk=anak, tanggal=KEMARIN)
    ev_kepala = peristiwa.catat_hilang(user=None, penduduk=kepala, tanggal=KEMARIN)
    warga = pengguna("warga", DESA_A)
    Penduduk.objects.filter(pk=kepala.pk).update(akun=warga)
    client.force_login(warga)
    items = client.get(reverse("kependudukan:peristiwa_daftar")).context["page"].items
    assert [e.pk for e in items] == [ev_kepala.pk]
