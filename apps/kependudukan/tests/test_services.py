"""Stories of registering residents and families through the services."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.kependudukan import services
from apps.kependudukan.models import Keluarga, Penduduk
from apps.sinkron.models import Jurnal

from .conftest import DESA_A, DESA_B, rt


def _data(**over):
    data = {"nik": "6207011203850099", "nama": "  Dewi   Sartika ", "jenis_kelamin": 1,
            "tanggal_lahir": datetime.date(1985, 3, 12), "agama": 1, "status_perkawinan": 1, "wilayah": rt(DESA_A)}
    data.update(over)
    return data


def test_operator_registers_a_resident_owned_by_the_desa_of_the_rt(wil, pengguna):
    operator = pengguna("operator_desa", DESA_A)
    p = services.create_penduduk(user=operator, **_data())
    assert p.owner_id == DESA_A and p.wilayah_id == rt(DESA_A)
    assert p.nama == "Dewi Sartika" and p.nama_cari == "dewi sartika"
    assert Jurnal.objects.filter(model="kependudukan.penduduk", object_id=p.pk, op="C").count() == 1


def test_duplicate_nik_is_refused_without_saying_where_it_lives(wil, warga_baru):
    first = warga_baru(DESA_B)
    with pytest.raises(ValidationError) as exc:
        services.create_penduduk(user=None, **_data(nik=first.nik, tanggal_lahir=first.tanggal_lahir))
    message = " ".join(exc.value.message_dict["nik"])
    assert "sudah terdaftar" in message and DESA_B not in message and first.nama not in message


def test_doubtful_nik_needs_the_operator_to_accept_the_warning(wil, pengguna):
    operator = pengguna("operator_desa", DESA_A)
    with pytest.raises(services.PerluKonfirmasi) as exc:
        services.create_penduduk(user=operator, **_data(tanggal_lahir=datetime.date(1985, 3, 13)))
    assert "berbeda dengan tanggal lahir" in exc.value.peringatan[0]
    assert not Penduduk.objects.exists()
    p = services.create_penduduk(user=operator, setujui_peringatan=True, **_data(tanggal_lahir=datetime.date(1985, 3, 13)))
    assert p.pk


def test_malformed_nik_is_refused_even_when_warnings_are_accepted(wil):
    with pytest.raises(ValidationError) as exc:
        services.create_penduduk(user=None, setujui_peringatan=True, **_data(nik="6207013203850099"))
    assert "nik" in exc.value.message_dict


def test_operator_cannot_register_a_resident_in_another_village(wil, pengguna):
    operator = pengguna("operator_desa", DESA_A)
    with pytest.raises(PermissionDenied):
        services.create_penduduk(user=operator, **_data(wilayah=rt(DESA_B), nik="6207011203850098"))
    assert not Penduduk.objects.exists() and not Jurnal.objects.filter(model="kependudukan.penduduk").exists()


def test_kepala_desa_reads_but_does_not_write(wil, pengguna):
    with pytest.raises(PermissionDenied):
        services.create_penduduk(user=pengguna("kepala_desa", DESA_A), **_data())


def test_unknown_or_event_only_fields_are_refused(wil, warga_baru):
    p = warga_baru()
    with pytest.raises(ValidationError) as exc:
        services.update_penduduk(user=None, penduduk=p, status_dasar=2)
    assert "peristiwa" in exc.value.message_dict["status_dasar"][0]
    with pytest.raises(ValidationError) as exc:
        services.update_penduduk(user=None, penduduk=p, wilayah=rt(DESA_B))
    assert "pindah" in exc.value.message_dict["wilayah"][0]


def test_family_gets_its_head_and_only_one(wil, warga_baru):
    kepala = warga_baru(nama="Ahmad")
    kk = services.create_keluarga(user=None, no_kk="6207010101200501", wilayah=rt(DESA_A), kepala=kepala)
    kepala.refresh_from_db()
    assert kk.kepala_id == kepala.pk and kepala.keluarga_id == kk.pk and kepala.shdk == 1
    with pytest.raises(ValidationError) as exc:
        warga_baru(nama="Bambang", keluarga=kk, shdk=1)
    assert "sudah memiliki kepala" in exc.value.message_dict["shdk"][0]
    with pytest.raises(ValidationError) as exc:  # family and SHDK change only through events (peristiwa.py)
        services.update_penduduk(user=None, penduduk=kepala, shdk=4)
    assert "peristiwa" in exc.value.message_dict["shdk"][0]


def test_family_and_relationship_go_together(wil, warga_baru):
    kk = services.create_keluarga(user=None, no_kk="6207010101200502", wilayah=rt(DESA_A))
    with pytest.raises(ValidationError) as exc:
        warga_baru(keluarga=kk)
    assert "shdk" in exc.value.message_dict


def test_duplicate_or_malformed_no_kk_is_refused(wil):
    services.create_keluarga(user=None, no_kk="6207010101200503", wilayah=rt(DESA_A))
    for no_kk, text in (("6207010101200503", "sudah terdaftar"), ("62070101012005", "16 angka")):
        with pytest.raises(ValidationError) as exc:
            services.create_keluarga(user=None, no_kk=no_kk, wilayah=rt(DESA_A))
        assert text in exc.value.message_dict["no_kk"][0]
    assert Keluarga.objects.count() == 1


def test_family_of_another_village_cannot_take_the_resident(wil, warga_baru):
    kk_b = services.create_keluarga(user=None, no_kk="6207010101200504", wilayah=rt(DESA_B))
    with pytest.raises(ValidationError) as exc:
        warga_baru(DESA_A, keluarga=kk_b, shdk=4)
    assert "desa lain" in exc.value.message_dict["keluarga"][0]


def test_temporary_nik_starts_with_zero(wil):
    p = services.create_penduduk(user=None, nik_sementara=True, **_data(nik="0620701200500001"))
    assert p.nik_sementara
    with pytest.raises(ValidationError):
        services.create_penduduk(user=None, nik_sementara=True, **_data(nik="6207011203850097"))


def test_every_bad_field_is_reported_at_once(wil):
    with pytest.raises(ValidationError) as exc:
        services.create_penduduk(user=None, **_data(nik="123", nama=" ", nik_ibu="99",
                                                    tanggal_lahir=datetime.date(2999, 1, 1)))
    assert {"nik", "nama", "nik_ibu", "tanggal_lahir"} <= set(exc.value.message_dict)
