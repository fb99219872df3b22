"""The live notification badge: every page's bell polls its count every 30 s; a poll costs
the request's fixed reads (session, user, 2FA device) plus at most one COUNT, none when the
count is cached; a logged-out poll is an empty 204, never a login page inside the bell."""
from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from apps.akun import notifikasi
from apps.akun.models import Pengguna

pytestmark = pytest.mark.django_db
URL = "/akun/notifikasi/jumlah/"


@pytest.fixture
def pengguna():
    cache.clear()
    return Pengguna.objects.create_user(username="lencana", password="Sandi-Uji-Kuat-2026", nama="Uji Lencana",
                                        email="lencana@uji.local")


def _klien(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_url_is_the_one_base_html_polls():
    assert reverse("akun:notifikasi_jumlah") == URL


def test_every_page_polls_the_badge_every_30_seconds(pengguna):
    c = _klien(pengguna)
    body = c.get(reverse("akun:notifikasi")).content.decode()
    assert 'id="lonceng-jumlah"' in body and f'hx-get="{URL}"' in body
    assert 'hx-trigger="load, every 30s, segarkan"' in body  # count not cached yet: load at once
    assert "js/lencana.js" in body
    notifikasi.kirim(pengguna, "Surat masuk baru")
    notifikasi.jumlah_belum_dibaca(pengguna)  # cached now: rendered in the page, then polled
    body = c.get(reverse("akun:notifikasi")).content.decode()
    assert 'hx-trigger="every 30s, segarkan"' in body and 'id="lencana-notifikasi">1<' in body


def test_a_poll_answers_the_badge_with_one_count_at_most(pengguna, django_assert_max_num_queries):
    c = _klien(pengguna)
    for i in range(3):
        notifikasi.kirim(pengguna, f"Disposisi {i}")
    c.get(URL)
    cache.clear()
    # session, user, 2FA device (middleware), + the COUNT on a cache miss
    with django_assert_max_num_queries(4):
        resp = c.get(URL)
    assert resp.status_code == 200 and resp["X-Lencana"] == "1" and resp["Cache-Control"] == "no-store"
    assert 'id="lencana-notifikasi">3<' in resp.content.decode()
    with django_assert_max_num_queries(3):  # cached: no query of its own
        assert ">3<" in c.get(URL).content.decode()
    notifikasi.kirim(pengguna, "Satu lagi")  # a new notice drops the cached figure
    assert ">4<" in c.get(URL).content.decode()
    notifikasi.tandai_dibaca(pengguna)
    resp = c.get(URL)
    assert resp.status_code == 200 and "lencana-notifikasi" not in resp.content.decode()


def test_polling_does_not_keep_an_idle_session_alive(pengguna):
    """Sessions slide on every request; a poll is not activity, so it must not extend one."""
    from django.contrib.sessions.models import Session

    c = _klien(pengguna)
    c.get(reverse("akun:notifikasi"))
    kunci = c.session.session_key
    Session.objects.filter(pk=kunci).update(expire_date=Session.objects.get(pk=kunci).expire_date
                                            - datetime.timedelta(minutes=90))
    sebelum = Session.objects.get(pk=kunci).expire_date
    for _ in range(3):
        assert c.get(URL).status_code == 200
    assert Session.objects.get(pk=kunci).expire_date == sebelum
    c.get(reverse("akun:notifikasi"))  # a real page view does slide it
    assert Session.objects.get(pk=kunci).expire_date > sebelum


def test_more_than_99_shows_99_plus(pengguna):
    notifikasi.kirim_banyak([pengguna.pk], "x")
    from apps.akun.models import Notifikasi

    Notifikasi.objects.bulk_create([Notifikasi(pengguna=pengguna, judul=f"n{i}") for i in range(120)])
    cache.clear()
    assert ">99+<" in _klien(pengguna).get(URL).content.decode()


def test_a_logged_out_or_deactivated_poll_is_an_empty_204_not_a_login_page(pengguna):
    resp = Client().get(URL)
    assert resp.status_code == 204 and resp.content == b"" and "X-Lencana" not in resp
    c = _klien(pengguna)
    pengguna.is_active = False
    pengguna.save()
    resp = c.get(URL)
    assert resp.status_code == 204 and resp.content == b""
    # Odd input does not break it either.
    assert Client().get(URL, {"x": "\u202e<script>"}).status_code == 204


def test_only_get_is_allowed(pengguna):
    c = _klien(pengguna)
    assert c.post(URL).status_code == 405
    assert c.delete(URL).status_code == 405


def test_another_users_notices_are_not_counted(pengguna):
    lain = Pengguna.objects.create_user(username="lain", password="Sandi-Uji-Kuat-2026", email="lain@uji.local")
    notifikasi.kirim(lain, "Bukan untuk Anda")
    resp = _klien(pengguna).get(URL)
    assert resp.status_code == 200 and "lencana-notifikasi" not in resp.content.decode()
