"""Hand-edited GET parameters of the report and holiday pages fall back to the current
month/year instead of a server error."""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["bulan=9999-12", "bulan=1-1", "bulan=1-1&format=xlsx", "bulan=9999-12&format=xlsx",
                                   "bulan=0-0", "bulan=2026-13", "bulan=abc", "bulan=-1-5", "bulan=2026-05"])
def test_monthly_report_with_a_bad_month_is_not_a_server_error(dunia, query):
    c = Client(raise_request_exception=False)
    c.force_login(dunia.users["camat"])
    assert c.get(reverse("aspirasi:laporan") + "?" + query).status_code == 200


@pytest.mark.parametrize("tahun", ["0", "-1", "99999", "1999", "2101", "abc", "2026"])
def test_holiday_page_with_a_bad_year_is_not_a_server_error(dunia, tahun):
    c = Client(raise_request_exception=False)
    c.force_login(dunia.users["admin_kabupaten"])
    assert c.get(reverse("aspirasi:libur_daftar"), {"tahun": tahun}).status_code == 200
