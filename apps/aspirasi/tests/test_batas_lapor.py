"""Rate limits of the public pages: sent-back forms do not use up the reports an IP (often a
carrier's NAT, shared by a village) may send; a flood of POSTs and of status lookups is
still stopped."""
from __future__ import annotations

import pytest
from django.urls import reverse

from apps.aspirasi import views_publik
from apps.aspirasi.models import Aspirasi

from ._aspirasi import data_form, lapor

pytestmark = pytest.mark.django_db


def test_invalid_submissions_do_not_use_up_the_limit(dunia, client):
    for _ in range(8):  # forms sent back for a missing name
        assert client.post(reverse("lapor:form"), data_form(dunia, nama="")).status_code == 200
    for i in range(views_publik.BATAS_KIRIM[0]):
        assert client.post(reverse("lapor:form"), data_form(dunia, judul=f"Laporan {i}")).status_code == 200
    assert Aspirasi.objects.filter(judul__startswith="Laporan").count() == views_publik.BATAS_KIRIM[0]
    assert client.post(reverse("lapor:form"), data_form(dunia, judul="Satu lagi")).status_code == 429
    assert not Aspirasi.objects.filter(judul="Satu lagi").exists()


def test_a_flood_of_posts_is_still_stopped(dunia, client):
    for _ in range(views_publik.BATAS_POST[0]):
        client.post(reverse("lapor:form"), data_form(dunia, nama=""))
    assert client.post(reverse("lapor:form"), data_form(dunia)).status_code == 429


def test_status_lookups_are_limited_per_ip(dunia, client):
    asp = lapor(dunia)
    url = reverse("lapor:status", args=[asp.kode_lacak])
    for _ in range(views_publik.BATAS_STATUS[0]):
        assert client.get(reverse("lapor:status", args=["TIDAKADA22"])).status_code == 404
    assert client.get(url).status_code == 429
