"""Double taps and colleagues acting at once: the state is read under the aspiration's row
lock, so an action that another request has already made is refused instead of repeated.
(Simulated sequentially: the other request commits between the page being drawn, or the
service being entered, and the lock.)"""
from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from apps.aspirasi import layanan
from apps.aspirasi.models import Aspirasi, Penanganan, TindakanAspirasi

from ._aspirasi import lapor

pytestmark = pytest.mark.django_db


def _sisipkan(monkeypatch, aksi):
    """Runs `aksi` (the other request) the first time the service reads the clock, i.e.
    after the caller loaded the aspiration and before the service writes."""
    asli = layanan.timezone.now
    sudah = []

    def now():
        if not sudah:
            sudah.append(1)
            aksi()
        return asli()

    monkeypatch.setattr(layanan.timezone, "now", now)


def test_a_double_tap_on_route_routes_once(dunia, monkeypatch):
    asp = lapor(dunia)
    camat = dunia.users["camat"]
    tap_1, tap_2 = Aspirasi.objects.get(pk=asp.pk), Aspirasi.objects.get(pk=asp.pk)
    _sisipkan(monkeypatch, lambda: layanan.tindak(camat, tap_1, "teruskan", "Ke dinas.", dunia.dpmd.pk))
    with pytest.raises(ValidationError) as e:
        layanan.tindak(camat, tap_2, "teruskan", "Ke dinas.", dunia.dpmd.pk)
    assert "ditangani unit lain" in str(e.value)
    assert Penanganan.objects.filter(aspirasi=asp, aktif=True).count() == 1
    assert TindakanAspirasi.objects.filter(aspirasi=asp, jenis="teruskan").count() == 1


def test_an_action_on_an_aspiration_closed_meanwhile_is_refused(dunia, monkeypatch):
    asp = lapor(dunia)
    camat = dunia.users["camat"]
    basi = Aspirasi.objects.get(pk=asp.pk)
    _sisipkan(monkeypatch, lambda: layanan.tindak(camat, Aspirasi.objects.get(pk=asp.pk), "tolak", "Bukan laporan."))
    with pytest.raises(ValidationError):
        layanan.tindak(camat, basi, "selesai", "Sudah diperbaiki.")
    asp.refresh_from_db()
    assert asp.status == "ditolak"
    with pytest.raises(ValidationError):  # and sequentially, the same again
        layanan.tindak(camat, basi, "tolak", "Bukan laporan.")
    assert TindakanAspirasi.objects.filter(aspirasi=asp, jenis__in=("tolak", "selesai")).count() == 1


def _selesai(dunia):
    asp = lapor(dunia, kategori=dunia.kat_desa)
    layanan.tindak(dunia.users["operator_desa"], asp, "selesai", "Sudah diperbaiki.")
    return asp


def test_rating_twice_is_refused_even_from_a_stale_page(dunia):
    asp = _selesai(dunia)
    tap_1, tap_2 = Aspirasi.objects.get(pk=asp.pk), Aspirasi.objects.get(pk=asp.pk)
    layanan.nilai(tap_1, 5, "Bagus")
    with pytest.raises(ValidationError) as e:
        layanan.nilai(tap_2, 1, "Buruk")
    assert "sudah dinilai" in str(e.value)
    asp.refresh_from_db()
    assert asp.nilai == 5 and TindakanAspirasi.objects.filter(aspirasi=asp, jenis="nilai").count() == 1


def test_reopening_twice_opens_one_handling(dunia):
    asp = _selesai(dunia)
    tap_1, tap_2 = Aspirasi.objects.get(pk=asp.pk), Aspirasi.objects.get(pk=asp.pk)
    layanan.buka_kembali(tap_1, "Rusak lagi")
    with pytest.raises(ValidationError):
        layanan.buka_kembali(tap_2, "Rusak lagi")
    assert Penanganan.objects.filter(aspirasi=asp, aktif=True).count() == 1
    assert TindakanAspirasi.objects.filter(aspirasi=asp, jenis="buka_kembali").count() == 1
