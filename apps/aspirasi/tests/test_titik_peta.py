"""A tampered map point on the public form: a visible message, nothing saved; the service
refuses a bad point with a ValidationError, not a crash."""
from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.aspirasi.forms import PESAN_TITIK
from apps.aspirasi.models import Aspirasi

from ._aspirasi import data_form, lapor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("titik", [{"lat": "abc", "lng": "113.1"}, {"lat": "1e5", "lng": "113.1"},
                                   {"lat": "NaN", "lng": "NaN"}, {"lat": "-2.5", "lng": "inf"},
                                   {"lat": "-2.5", "lng": "1234567.5"}])
def test_a_tampered_map_point_gets_a_visible_message(dunia, client, titik):
    resp = client.post(reverse("lapor:form"), data_form(dunia, **titik))
    assert resp.status_code == 200
    assert PESAN_TITIK in resp.content.decode()
    assert not Aspirasi.objects.filter(judul="Jalan berlubang").exists()


@pytest.mark.parametrize("lat", ["abc", "nan", "inf", object()])
def test_the_service_refuses_a_bad_point(dunia, lat):
    with pytest.raises(ValidationError) as e:
        lapor(dunia, lat=lat, lng="113.1")
    assert "Titik peta tidak valid" in e.value.message_dict["lokasi"][0]


def test_a_good_point_is_kept(dunia, client):
    client.post(reverse("lapor:form"), data_form(dunia, lat="-2.512345", lng="112.987654"))
    asp = Aspirasi.objects.get(judul="Jalan berlubang")
    assert float(asp.lat) == pytest.approx(-2.512345)
