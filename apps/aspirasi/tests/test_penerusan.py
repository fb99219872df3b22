"""Routing offers, and accepts, only the units whose staff can then see and act on the
aspiration: the location's village office and kecamatan, and the regency's agencies and
Bupati's office."""
from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from apps.aspirasi import layanan
from apps.wilayah.models import UnitKerja
from tests import world

from ._aspirasi import lapor

pytestmark = pytest.mark.django_db


def _unit(kode):
    return UnitKerja.objects.get(kode=kode)


def test_routing_choices_are_the_units_that_can_act_on_it(dunia):
    asp = lapor(dunia)
    kode = set(layanan.tujuan_penerusan(asp).values_list("kode", flat=True))
    assert kode == {f"DESA-{world.DESA}", f"KEC-{world.KEC}", f"PD-{world.KAB}-BAPPEDA", f"PD-{world.KAB}-DPMD",
                    f"SETDA-{world.KAB}"}


@pytest.mark.parametrize("tujuan", [f"DESA-{world.DESA_TETANGGA}", f"KEC-{world.KEC_LAIN}",
                                    f"DESA-{world.DESA_KEC_LAIN}", f"PD-{world.KAB_LAIN}-DPMD", f"BPD-{world.DESA}"])
def test_routing_elsewhere_is_refused_with_a_clear_message(dunia, tujuan):
    asp = lapor(dunia)
    with pytest.raises(ValidationError) as e:
        layanan.tindak(dunia.users["camat"], asp, "teruskan", "Ke sana.", _unit(tujuan).pk)
    assert e.value.message_dict["ke_unit"] == [layanan.PESAN_TUJUAN]
    c = Client()
    c.force_login(dunia.users["camat"])
    resp = c.post(reverse("aspirasi:tindak", args=[asp.pk]),
                  {"jenis": "teruskan", "isi": "Ke sana", "ke_unit": str(_unit(tujuan).pk)})
    assert resp.status_code == 200 and _unit(tujuan).nama not in resp.content.decode().split("Teruskan ke unit")[1]
    asp.refresh_from_db()
    assert asp.unit_saat_ini == dunia.kec_unit


@pytest.mark.parametrize("tujuan", [f"SETDA-{world.KAB}", f"PD-{world.KAB}-DPMD", f"DESA-{world.DESA}"])
def test_routing_to_the_allowed_units_works(dunia, tujuan):
    asp = lapor(dunia)
    layanan.tindak(dunia.users["camat"], asp, "teruskan", "Ke sana.", _unit(tujuan).pk)
    asp.refresh_from_db()
    assert asp.unit_saat_ini.kode == tujuan
