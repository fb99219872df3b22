"""The monthly report reads the regency's holidays once, not once per handled aspiration."""
from __future__ import annotations

import pytest
from django.utils import timezone

from apps.aspirasi import laporan, layanan
from apps.wilayah import kalender

from ._aspirasi import lapor

pytestmark = pytest.mark.django_db


def test_monthly_report_reads_the_holidays_once(dunia, monkeypatch, django_assert_max_num_queries):
    for i in range(8):
        asp = lapor(dunia, judul=f"Laporan {i}")
        layanan.tindak(dunia.users["camat"], asp, "selesai", "Sudah diperbaiki.")
    hitung = []
    asli = kalender.libur
    monkeypatch.setattr(kalender, "libur", lambda *a, **k: hitung.append(a) or asli(*a, **k))
    hari = timezone.localdate()
    with django_assert_max_num_queries(6):
        baris = laporan.bulanan(dunia.users["admin_kabupaten"], hari.year, hari.month)
    assert sum(b.jumlah for b in baris) == 8 and sum(b.selesai for b in baris) == 8
    assert len(hitung) == 1
