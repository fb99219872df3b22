"""Stories of the account services: who can be created, which role fits which wilayah and
unit, and that an admin acts only inside their own kabupaten."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from apps.akun import services
from apps.akun.models import Keanggotaan, Pengguna
from apps.sinkron.models import Jurnal

from .conftest import DESA11, DESA_LAIN, KAB, KAB_LAIN, KEC1, KEC_LAIN, SANDI

pytestmark = pytest.mark.django_db


def errors_of(exc_info) -> dict:
    return exc_info.value.message_dict


# --- create_pengguna ------------------------------------------------------------------------

def test_username_and_email_must_be_unique_whatever_the_case(buat_pengguna):
    buat_pengguna("budi")
    with pytest.raises(ValidationError) as exc:
        services.create_pengguna(username="BUDI", nama="Budi Lain", email="Budi@UJI.go.id", password=SANDI)
    assert "sudah dipakai" in errors_of(exc)["username"][0]
    assert "sudah dipakai" in errors_of(exc)["email"][0]


@pytest.mark.parametrize("username", ["ab", "budi santoso", "budi@desa", "-budi", "x" * 41, ""])
def test_bad_usernames_are_refused(region, username):
    with pytest.raises(ValidationError) as exc:
        services.create_pengguna(username=username, nama="Budi", password=SANDI)
    assert "Nama pengguna 3–40 karakter" in errors_of(exc)["username"][0]


def test_weak_password_is_refused_with_indonesian_reasons(region):
    with pytest.raises(ValidationError) as exc:
        services.create_pengguna(username="budi", nama="Budi", password="1234567")
    text = " ".join(errors_of(exc)["password"])
    assert "terlalu pendek" in text and "angka" in text


def test_every_field_error_is_reported_at_once(region):
    with pytest.raises(ValidationError) as exc:
        services.create_pengguna(username="a b", nama=" ", email="bukan-email", telepon="abc", password="x")
    assert set(errors_of(exc)) == {"username", "nama", "email", "telepon", "password"}
    assert not Pengguna.objects.exists()


def test_non_admin_cannot_create_accounts(operator):
    with pytest.raises(PermissionDenied):
        services.create_pengguna(username="baru", nama="Baru", by=operator)


# --- grant_peran: binding rules --------------------------------------------------------------

@pytest.mark.parametrize("peran, wilayah, fragment", [
    ("camat", DESA11, "harus terikat pada wilayah tingkat kecamatan"),
    ("operator_desa", KEC1, "harus terikat pada wilayah tingkat desa/kelurahan"),
    ("admin_kabupaten", KEC1, "harus terikat pada wilayah tingkat kabupaten/kota"),
    ("warga", KAB, "harus terikat pada wilayah tingkat desa/kelurahan"),
    ("bupati", "62.99", "tidak ditemukan"),
])
def test_role_must_sit_at_its_tingkat(buat_pengguna, peran, wilayah, fragment):
    user = buat_pengguna("budi")
    with pytest.raises(ValidationError) as exc:
        services.grant_peran(pengguna=user, peran=peran, wilayah_kode=wilayah)
    assert fragment in errors_of(exc)["wilayah_kode"][0]


@pytest.mark.parametrize("peran, wilayah, unit, fragment", [
    ("staf_pd", KAB, None, "wajib terikat pada unit Perangkat Daerah"),
    ("bappeda", KAB, "SETDA-62.07", "hanya dapat terikat pada unit Perangkat Daerah"),
    ("camat", KEC1, "KEC-62.07.02", "bertugas di wilayah 62.07.02, bukan di 62.07.01"),
    ("operator_desa", DESA11, "BPD-62.07.01.2001", "hanya dapat terikat pada unit Pemerintah Desa atau Kelurahan"),
    ("bpd", DESA11, "DESA-62.07.01.2001", "hanya dapat terikat pada unit Badan Permusyawaratan Desa"),
    ("staf_pd", KAB, "BAPPEDA-62.01", "bertugas di wilayah 62.01, bukan di 62.07"),
])
def test_unit_must_fit_the_role_and_act_in_its_wilayah(buat_pengguna, region, peran, wilayah, unit, fragment):
    user = buat_pengguna("budi")
    with pytest.raises(ValidationError) as exc:
        services.grant_peran(pengguna=user, peran=peran, wilayah_kode=wilayah, unit=region.unit(unit) if unit else None)
    assert fragment in errors_of(exc)["unit"][0]
    assert not Keanggotaan.objects.filter(pengguna=user).exists()


def test_unknown_role_is_refused(buat_pengguna):
    with pytest.raises(ValidationError) as exc:
        services.grant_peran(pengguna=buat_pengguna("budi"), peran="raja", wilayah_kode=KAB)
    assert errors_of(exc)["peran"] == ["Peran tidak dikenal."]


def test_grant_is_journaled_with_the_wilayah_as_owner(buat_pengguna, region):
    user = buat_pengguna("budi")
    m = services.grant_peran(pengguna=user, peran="camat", wilayah_kode=KEC1, unit=region.unit("KEC-62.07.01"))
    assert m.owner_id == KEC1
    entry = Jurnal.objects.get(model="akun.keanggotaan", object_id=m.pk)
    assert entry.op == "C" and entry.owner == KEC1
    assert "password" not in str(entry.data)


def test_same_role_twice_is_refused_but_a_revoked_one_can_return(admin_kab, buat_pengguna):
    user = buat_pengguna("budi", "kepala_desa", DESA11, "DESA-62.07.01.2001")
    m = Keanggotaan.objects.get(pengguna=user)
    with pytest.raises(ValidationError) as exc:
        services.grant_peran(pengguna=user, peran="kepala_desa", wilayah_kode=DESA11, unit=m.unit, by=admin_kab)
    assert "sudah memegang peran" in errors_of(exc)["peran"][0]
    pk = m.pk
    services.revoke_peran(keanggotaan=m, by=admin_kab)
    assert Jurnal.objects.filter(object_id=pk, op="D").exists()
    services.grant_peran(pengguna=user, peran="kepala_desa", wilayah_kode=DESA11, unit=m.unit, by=admin_kab)


# --- scope -----------------------------------------------------------------------------------

def test_admin_of_a_kabupaten_cannot_grant_a_role_in_another_kabupaten(admin_kab, buat_pengguna):
    user = buat_pengguna("budi")
    with pytest.raises(PermissionDenied):
        services.grant_peran(pengguna=user, peran="operator_desa", wilayah_kode=DESA_LAIN, by=admin_kab)
    with pytest.raises(PermissionDenied):
        services.grant_peran(pengguna=user, peran="admin_kabupaten", wilayah_kode=KAB_LAIN, by=admin_kab)
    assert not Keanggotaan.objects.filter(pengguna=user).exists()
    services.grant_peran(pengguna=user, peran="operator_desa", wilayah_kode=DESA11, by=admin_kab)


def test_admin_cannot_grant_to_someone_held_by_another_kabupaten(admin_kab, buat_pengguna):
    asing = buat_pengguna("asing", "camat", KEC_LAIN)
    with pytest.raises(ValidationError) as exc:
        services.grant_peran(pengguna=asing, peran="operator_desa", wilayah_kode=DESA11, by=admin_kab)
    assert errors_of(exc)["pengguna"] == ["Pengguna tidak ditemukan."]


def test_village_operator_cannot_grant_roles(operator, buat_pengguna):
    user = buat_pengguna("budi")
    with pytest.raises(PermissionDenied):
        services.grant_peran(pengguna=user, peran="warga", wilayah_kode=DESA11, by=operator)


def test_admin_cannot_revoke_their_own_admin_role(admin_kab):
    m = Keanggotaan.objects.get(pengguna=admin_kab)
    with pytest.raises(ValidationError) as exc:
        services.revoke_peran(keanggotaan=m, by=admin_kab)
    assert "Anda sendiri" in exc.value.messages[0]


def test_admin_cannot_revoke_a_role_in_another_kabupaten(admin_kab, buat_pengguna):
    asing = buat_pengguna("asing", "camat", KEC_LAIN)
    with pytest.raises(PermissionDenied):
        services.revoke_peran(keanggotaan=Keanggotaan.objects.get(pengguna=asing), by=admin_kab)


# --- set_active, reset_password ---------------------------------------------------------------

def test_admin_deactivates_and_reactivates_an_account(admin_kab, operator):
    services.set_active(pengguna=operator, aktif=False, by=admin_kab)
    assert not Pengguna.objects.get(pk=operator.pk).is_active
    services.set_active(pengguna=operator, aktif=True, by=admin_kab)
    assert Pengguna.objects.get(pk=operator.pk).is_active


def test_admin_cannot_deactivate_themselves(admin_kab):
    with pytest.raises(ValidationError):
        services.set_active(pengguna=admin_kab, aktif=False, by=admin_kab)


def test_admin_cannot_deactivate_someone_who_also_serves_another_kabupaten(admin_kab, buat_pengguna):
    ganda = buat_pengguna("ganda", "operator_desa", DESA11)
    services.grant_peran(pengguna=ganda, peran="operator_desa", wilayah_kode=DESA_LAIN)
    with pytest.raises(PermissionDenied):
        services.set_active(pengguna=ganda, aktif=False, by=admin_kab)
    with pytest.raises(PermissionDenied):
        services.reset_password(pengguna=ganda, by=admin_kab)


def test_admin_issues_a_new_password_that_must_be_changed(admin_kab, operator):
    sandi = services.reset_password(pengguna=operator, by=admin_kab)
    operator.refresh_from_db()
    assert operator.check_password(sandi) and not operator.check_password(SANDI)
    assert operator.harus_ganti_sandi


def test_the_database_also_refuses_a_duplicate_role_without_unit(buat_pengguna):
    """Two concurrent grants pass the service's check together; the constraint stops the second."""
    user = buat_pengguna("budi", "warga", DESA11)
    with pytest.raises(IntegrityError), transaction.atomic():
        Keanggotaan.objects.create(pengguna=user, peran="warga", wilayah_id=DESA11, owner_id=DESA11)
