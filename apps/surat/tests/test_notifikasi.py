"""In-app notices: the service, the page, the navbar badge (one cheap COUNT)."""
from __future__ import annotations

from django.test import Client
from django.urls import reverse

from apps.akun import notifikasi
from apps.akun.models import Notifikasi

from ._alur import dunia_alur  # noqa: F401


def test_send_count_and_mark_read_only_own(dunia):
    warga, op = dunia.users["warga"], dunia.users["operator_desa"]
    n = notifikasi.kirim(warga, "J" * 300, "pesan", "/layanan/")
    notifikasi.kirim(warga, "Kedua")
    lain = notifikasi.kirim(op, "Milik operator")
    assert len(n.judul) == 200
    assert notifikasi.jumlah_belum_dibaca(warga) == 2
    assert notifikasi.tandai_dibaca(warga, [n.pk, lain.pk]) == 1  # another user's id is ignored
    assert notifikasi.jumlah_belum_dibaca(warga) == 1
    assert Notifikasi.objects.get(pk=lain.pk).dibaca is None
    assert notifikasi.tandai_dibaca(warga) == 1 and notifikasi.jumlah_belum_dibaca(warga) == 0


def test_page_lists_own_and_badge_shows_unread(dunia, django_assert_max_num_queries):
    warga = dunia.users["operator_desa"]
    for i in range(3):
        notifikasi.kirim(warga, f"Surat {i}", tautan="/surat/")
    notifikasi.kirim(dunia.users["kepala_desa"], "Rahasia kades")
    c = Client()
    c.force_login(warga)
    body = c.get(reverse("akun:notifikasi")).content.decode()
    # Not cached yet: the badge loads itself (no query added to the page).
    assert 'hx-get="/akun/notifikasi/jumlah/"' in body
    assert ">3<" in c.get(reverse("akun:notifikasi_jumlah")).content.decode()
    with django_assert_max_num_queries(8):
        body = c.get(reverse("akun:notifikasi")).content.decode()
    assert "Surat 2" in body and "Rahasia kades" not in body
    assert 'id="lencana-notifikasi">3<' in body
    c.post(reverse("akun:notifikasi"))
    body = c.get(reverse("akun:notifikasi")).content.decode()
    assert "lencana-notifikasi" not in body and "notifikasi/jumlah" in body


def test_following_a_notice_marks_it_and_refuses_foreign_redirects(dunia):
    op = dunia.users["operator_desa"]
    n = notifikasi.kirim(op, "Buka ini", tautan="/surat/")
    c = Client()
    c.force_login(op)
    resp = c.post(reverse("akun:notifikasi"), {"id": n.pk, "lanjut": "/surat/"})
    assert resp["Location"] == "/surat/"
    assert Notifikasi.objects.get(pk=n.pk).dibaca is not None
    resp = c.post(reverse("akun:notifikasi"), {"lanjut": "https://jahat.example/"})
    assert resp["Location"] == reverse("akun:notifikasi")


def test_a_notice_whose_work_is_done_is_read_for_everyone(dunia):
    """"Menunggu tanda tangan" went to the Kepala Desa and the Sekdes; once one signs, neither
    bell should still count it. Notices pointing elsewhere stay unread."""
    kades, sekdes = dunia.users["kepala_desa"], dunia.users["sekdes"]
    notifikasi.kirim_banyak([kades.pk, sekdes.pk], "Menunggu tanda tangan", tautan="/surat/x/")
    notifikasi.kirim(kades, "Lain", tautan="/surat/y/")
    assert notifikasi.selesai_untuk("/surat/x/") == 2
    assert notifikasi.jumlah_belum_dibaca(kades) == 1
    assert notifikasi.jumlah_belum_dibaca(sekdes) == 0
    assert notifikasi.selesai_untuk("/surat/x/") == 0
