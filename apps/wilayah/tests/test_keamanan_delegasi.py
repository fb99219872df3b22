"""Security review of delegation (issue 5): the API does not tell a delegator the name of an
account outside the position's unit, a delegate does not pass the position on, and a holder
with an end date (Plt/Plh) does not delegate beyond their own term."""
from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.sinkron.context import acting_as
from apps.wilayah.models import Delegasi, Pejabat
from apps.wilayah.selectors import jabatan_dipegang
from apps.wilayah.services.delegasi import buat_delegasi

from ._delegasi import akun, buat_desa, hari, klien
from .conftest import DESA_A

pytestmark = pytest.mark.django_db
URL = "/api/v1/delegasi/"


@pytest.fixture
def desa(irisan):
    return buat_desa()


def _data(desa, kepada) -> dict:
    return {"jabatan": str(desa.kades.pk), "kepada": kepada.pk, "mulai": str(hari(0)), "selesai": str(hari(2)),
            "alasan": "Cuti"}


def test_the_api_does_not_name_an_account_outside_the_positions_unit(desa):
    orang_jauh = akun("warga-yang-jauh")  # an account anywhere, no membership here
    orang_jauh.nama = "Nama Rahasia Warga"
    orang_jauh.save(update_fields=["nama"])
    c = klien(desa.kades_akun)  # the holder may delegate
    for kepada in (orang_jauh, desa.tetangga):
        resp = c.post(URL, _data(desa, kepada), content_type="application/json")
        assert resp.status_code == 400 and resp.json() == {"kepada": ["Pengguna tidak ditemukan."]}
        assert str(kepada) not in resp.content.decode()
    assert not Delegasi.objects.exists()
    resp = c.post(URL, _data(desa, desa.sekdes_akun), content_type="application/json")
    assert resp.status_code == 201, resp.content


def test_the_api_refuses_someone_who_may_not_delegate_before_looking_at_the_delegate(desa):
    anggota = akun("anggota-bpd", "bpd", unit=desa.unit)
    orang_jauh = akun("orang-jauh")
    resp = klien(anggota).post(URL, _data(desa, orang_jauh), content_type="application/json")
    assert resp.status_code == 403 and "orang" not in resp.content.decode().lower()
    assert not Delegasi.objects.exists()


def test_a_delegate_does_not_pass_the_position_on(desa):
    wakil = akun("wakil-tanpa-hak", "bpd", unit=desa.unit)
    lain = akun("pegawai-lain", "bpd", unit=desa.unit)
    buat_delegasi(user=desa.kades_akun, jabatan=desa.kades, kepada=wakil, mulai=hari(0), selesai=hari(3),
                  alasan="Cuti")
    assert desa.kades.pk in jabatan_dipegang(wakil)
    with pytest.raises(PermissionDenied):
        buat_delegasi(user=wakil, jabatan=desa.kades, kepada=lain, mulai=hari(4), selesai=hari(6), alasan="Cuti juga")
    assert Delegasi.objects.count() == 1


def test_an_acting_official_does_not_delegate_beyond_their_own_term(desa):
    plh = akun("plh-kades", "bpd", unit=desa.unit)
    with acting_as("sistem:uji"):
        Pejabat.objects.filter(jabatan=desa.kades).update(selesai=hari(-1))  # the Kepala Desa left
        Pejabat.objects.create(nama="Plh Kades", jabatan=desa.kades, pengguna=plh, status="plh", mulai=hari(-1),
                               selesai=hari(3), owner_id=DESA_A)
    with pytest.raises(ValidationError) as e:
        buat_delegasi(user=plh, jabatan=desa.kades, kepada=desa.sekdes_akun, mulai=hari(0), selesai=hari(30),
                      alasan="Perjalanan dinas")
    assert "tidak boleh melewati" in e.value.message_dict["selesai"][0]
    assert not Delegasi.objects.exists()
    d = buat_delegasi(user=plh, jabatan=desa.kades, kepada=desa.sekdes_akun, mulai=hari(0), selesai=hari(3),
                      alasan="Perjalanan dinas")
    assert d.selesai == hari(3)
    # The village's managers still decide freely (they may appoint the official outright).
    Delegasi.objects.all().delete()
    assert buat_delegasi(user=desa.staf, jabatan=desa.kades, kepada=desa.sekdes_akun, mulai=hari(0),
                         selesai=hari(30), alasan="Kekosongan jabatan").selesai == hari(30)
