"""Stories of keeping units, positions and officials up to date."""
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.wilayah.models import Jabatan, Pejabat, UnitKerja
from apps.wilayah.services import (
    check_nip,
    create_jabatan,
    create_pejabat,
    create_unit_kerja,
    update_pejabat,
    update_unit_kerja,
)
from apps.wilayah.services.seruyan import default_units, ensure_units

from .conftest import DESA_A, DESA_B, IRISAN_SERUYAN, KAB, KEC

pytestmark = pytest.mark.django_db
NIP_CAMAT = "198003152005011002"  # born 15 Mar 1980, appointed Jan 2005, male, serial 002


@pytest.fixture
def units(irisan):
    ensure_units(default_units(IRISAN_SERUYAN))
    return {u.kode: u for u in UnitKerja.objects.all()}


def jab(unit_kode: str, nama: str) -> Jabatan:
    return Jabatan.objects.get(unit__kode=unit_kode, nama=nama)


@pytest.mark.parametrize(("nip", "pesan"), [
    ("12345", "NIP harus 18 angka (sekarang 5 karakter)."),
    ("19801315200501100A", "NIP harus 18 angka"),
    ("198013152005011002", "8 angka pertama NIP (19801315) harus tanggal lahir yang sah"),
    ("198003152005131002", "Angka ke-9 s.d. 14 NIP (200513)"),
    ("198003151975011002", "sesudah tanggal lahir"),
    ("198003152099011002", "tidak di masa depan"),
    ("198003152005013002", "Angka ke-15 NIP (jenis kelamin) harus 1 atau 2."),
])
def test_a_bad_nip_is_explained(nip, pesan):
    with pytest.raises(ValidationError) as exc:
        check_nip(nip)
    assert pesan in exc.value.message_dict["nip"][0]


def test_a_nip_written_with_spaces_is_accepted():
    assert check_nip("19800315 200501 1 002") == NIP_CAMAT
    assert check_nip("  ") == ""


def test_camat_records_the_camat_with_a_valid_nip(units, buat_pengguna):
    _, camat = buat_pengguna("camat", KEC)
    p = create_pejabat(user=camat, jabatan=jab(f"KEC-{KEC}", "Camat"), nama="Drs. Ahmad Yani", nip="19800315 200501 1 002",
                       mulai=datetime.date(2024, 1, 2))
    assert (p.nip, p.owner_id, p.status) == (NIP_CAMAT, KEC, "definitif")


def test_an_asn_position_needs_a_nip_but_a_village_position_does_not(units, operator_a):
    _, operator = operator_a
    with pytest.raises(ValidationError, match="NIP wajib diisi"):
        create_pejabat(user=None, jabatan=jab(f"KEC-{KEC}", "Camat"), nama="Tanpa NIP")
    p = create_pejabat(user=operator, jabatan=jab(f"PEMDES-{DESA_A}", "Kepala Desa"), nama="Bahrun")
    assert p.nip == "" and p.owner_id == DESA_A


def test_acting_officials_need_dates_in_order(units):
    sekcam = jab(f"KEC-{KEC}", "Sekretaris Camat")
    with pytest.raises(ValidationError) as exc:
        create_pejabat(user=None, jabatan=sekcam, nama="Plt Sekcam", nip=NIP_CAMAT, status="plt")
    assert exc.value.message_dict["mulai"] == ["Tanggal mulai wajib untuk Pelaksana Tugas (Plt)."]
    with pytest.raises(ValidationError) as exc:
        create_pejabat(user=None, jabatan=sekcam, nama="Plh Sekcam", nip=NIP_CAMAT, status="plh",
                       mulai=datetime.date(2025, 5, 1), selesai=datetime.date(2025, 4, 1))
    assert exc.value.message_dict["selesai"] == ["Tanggal selesai tidak boleh sebelum tanggal mulai."]


def test_a_head_position_has_one_definitive_holder_at_a_time(units):
    kades = jab(f"PEMDES-{DESA_A}", "Kepala Desa")
    lama = create_pejabat(user=None, jabatan=kades, nama="Kades Lama", mulai=datetime.date(2019, 1, 1))
    with pytest.raises(ValidationError, match="sudah dijabat definitif oleh Kades Lama"):
        create_pejabat(user=None, jabatan=kades, nama="Kades Baru", mulai=datetime.date(2025, 1, 1))
    update_pejabat(user=None, pejabat=lama, data={"selesai": datetime.date(2024, 12, 31)})
    create_pejabat(user=None, jabatan=kades, nama="Kades Baru", mulai=datetime.date(2025, 1, 1))
    # An acting official may serve beside them.
    create_pejabat(user=None, jabatan=kades, nama="Plh Kades", status="plh", mulai=datetime.date(2025, 3, 1))


def test_village_operator_cannot_appoint_officials_in_another_village(units, operator_a):
    _, operator = operator_a
    with pytest.raises(PermissionDenied):
        create_pejabat(user=operator, jabatan=jab(f"PEMDES-{DESA_B}", "Kepala Desa"), nama="Penyusup")
    assert not Pejabat.objects.exists()


def test_admin_adds_a_new_agency_and_checks_apply(units, admin_kab, irisan):
    _, admin = admin_kab
    unit = create_unit_kerja(user=admin, kode="pd-dispar", nama="Dinas Pariwisata", jenis="pd", wilayah=irisan[KAB],
                             singkatan="Dispar")
    assert (unit.kode, unit.owner_id) == ("PD-DISPAR", KAB)
    with pytest.raises(ValidationError, match="Kode unit PD-DISPAR sudah dipakai"):
        create_unit_kerja(user=admin, kode="PD-DISPAR", nama="Lagi", jenis="pd", wilayah=irisan[KAB])
    with pytest.raises(ValidationError, match="harus berada di wilayah tingkat kabupaten, kota"):
        create_unit_kerja(user=admin, kode="PD-X", nama="Salah Tempat", jenis="pd", wilayah=irisan[DESA_A])
    with pytest.raises(ValidationError, match="Kode unit 2-40 karakter"):
        create_unit_kerja(user=admin, kode="PD X!", nama="Kode Aneh", jenis="pd", wilayah=irisan[KAB])
    kepala = create_jabatan(user=admin, unit=unit, nama="Kepala Dinas", is_kepala=True, asn=True)
    with pytest.raises(ValidationError, match="Jabatan Kepala Dinas sudah ada"):
        create_jabatan(user=admin, unit=unit, nama="kepala dinas")
    with pytest.raises(ValidationError, match="sudah mempunyai jabatan kepala unit"):
        create_jabatan(user=admin, unit=unit, nama="Kepala Kedua", is_kepala=True)
    sek = create_jabatan(user=admin, unit=unit, nama="Sekretaris", atasan=kepala)
    from apps.wilayah.services import update_jabatan

    with pytest.raises(ValidationError, match="bawahannya"):
        update_jabatan(user=admin, jabatan=kepala, data={"atasan": sek})


def test_a_unit_cannot_be_its_own_parent(units):
    kec = units[f"KEC-{KEC}"]
    pemdes = units[f"PEMDES-{DESA_A}"]
    with pytest.raises(ValidationError, match="tidak boleh unit ini sendiri atau bawahannya"):
        update_unit_kerja(user=None, unit=kec, data={"induk": pemdes})


def test_village_head_edits_own_office_through_the_form(units, buat_pengguna):
    client, _ = buat_pengguna("kepala_desa", DESA_A)
    unit = units[f"PEMDES-{DESA_A}"]
    url = reverse("wilayah:unit_ubah", args=[unit.pk])
    resp = client.post(url, {"nama": "Pemerintah Desa Pematang Limau", "telepon": "0812", "email": "bukan-email",
                             "aktif": "on"})
    assert resp.status_code == 200 and "Masukkan alamat email dengan format yang benar." in resp.content.decode()
    resp = client.post(url, {"nama": "Pemerintah Desa Pematang Limau", "telepon": "0812", "aktif": "on"})
    assert resp.status_code == 302
    unit.refresh_from_db()
    assert unit.telepon == "0812"
    other = units[f"PEMDES-{DESA_B}"]
    assert client.get(reverse("wilayah:unit_ubah", args=[other.pk])).status_code == 404


def test_pejabat_form_shows_nip_errors_on_the_field(units, buat_pengguna):
    client, _ = buat_pengguna("camat", KEC)
    camat = jab(f"KEC-{KEC}", "Camat")
    url = reverse("wilayah:pejabat_tambah")
    page = client.get(url, {"unit": camat.unit_id, "jabatan": camat.pk})
    assert page.status_code == 200 and "Camat — Kecamatan Seruyan Hilir" in page.content.decode()
    resp = client.post(url, {"jabatan": camat.pk, "nama": "Budi", "nip": "123", "status": "definitif"})
    assert "NIP harus 18 angka (sekarang 3 karakter)." in resp.content.decode()
    resp = client.post(url, {"jabatan": camat.pk, "nama": "Budi", "nip": NIP_CAMAT, "status": "plt"})
    assert "Tanggal mulai wajib untuk Pelaksana Tugas (Plt)." in resp.content.decode()
    resp = client.post(url, {"jabatan": camat.pk, "nama": "Budi", "nip": NIP_CAMAT, "status": "definitif",
                             "mulai": "2024-01-02"})
    p = Pejabat.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("wilayah:pejabat_detail", args=[p.pk])
    # A position of another office is not offered, and posting it is refused.
    kades = jab(f"PEMDES-{DESA_A}", "Kepala Desa")
    resp = client.post(url, {"jabatan": kades.pk, "nama": "Siapa", "status": "definitif"})
    assert "Masukkan pilihan yang valid." in resp.content.decode()
    assert Pejabat.objects.count() == 1


def test_jabatan_form_for_admin(units, admin_kab):
    client, _ = admin_kab
    unit = units["PD-BAPPEDA"]
    url = reverse("wilayah:jabatan_tambah", args=[unit.pk])
    assert client.get(url).status_code == 200
    resp = client.post(url, {"nama": "Sekretaris Badan", "urutan": 9})
    assert "Jabatan Sekretaris Badan sudah ada di unit ini." in resp.content.decode()
    resp = client.post(url, {"nama": "Kepala Bidang Riset dan Inovasi", "urutan": 9, "asn": "on"})
    assert resp.status_code == 302
    baru = Jabatan.objects.get(nama="Kepala Bidang Riset dan Inovasi")
    assert baru.asn and baru.owner_id == KAB
    resp = client.post(reverse("wilayah:jabatan_ubah", args=[baru.pk]), {"nama": "Kabid Riset", "urutan": 9})
    assert resp.status_code == 302


def test_unit_create_page_is_for_admins_only(units, admin_kab, operator_a):
    client, _ = admin_kab
    url = reverse("wilayah:unit_tambah")
    resp = client.post(url, {"kode": "PD-DISPAR", "nama": "Dinas Pariwisata", "jenis": "pd", "wilayah": "62.99"})
    assert "Wilayah 62.99 tidak ditemukan dalam cakupan Anda." in resp.content.decode()
    resp = client.post(url, {"kode": "PD-DISPAR", "nama": "Dinas Pariwisata", "jenis": "pd", "wilayah": KAB})
    assert resp.status_code == 302
    assert operator_a[0].get(url).status_code == 403
