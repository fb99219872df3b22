"""A resident who reported while logged in is in the scope of their own aspiration, but the
staff pages and actions (internal notes, staff names) stay closed to them."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from apps.akun.scope import restrict
from apps.aspirasi import layanan
from apps.aspirasi.models import TindakanAspirasi
from apps.sinkron.context import acting_as
from tests import world

from ._aspirasi import JPEG, lapor

pytestmark = pytest.mark.django_db

CATATAN = "Catatan internal: pelapor sering mengadu"


def test_a_resident_is_refused_the_staff_pages_and_keeps_the_public_status(dunia):
    warga = dunia.users["warga"]
    with acting_as("anonim"):
        asp = layanan.ajukan(klasifikasi="pengaduan", kategori=dunia.kat_desa, judul="Lampu jalan mati",
                             isi="Lampu jalan di depan balai desa mati sejak seminggu.", lokasi=world.DESA, nama="Warga", pengguna=warga,
                             foto=[SimpleUploadedFile("a.jpg", JPEG)])
    layanan.tindak(dunia.users["operator_desa"], asp, "catatan", CATATAN)
    c = Client()
    c.force_login(warga)
    for url in (reverse("aspirasi:daftar"), reverse("aspirasi:detail", args=[asp.pk]),
                reverse("aspirasi:foto", args=[asp.foto.get().pk]), reverse("aspirasi:laporan"),
                reverse("aspirasi:libur_daftar"), reverse("aspirasi:kategori_daftar")):
        resp = c.get(url)
        assert resp.status_code in (403, 404), url
        assert CATATAN not in resp.content.decode() and "operator_desa" not in resp.content.decode()
    resp = c.post(reverse("aspirasi:tindak", args=[asp.pk]), {"jenis": "catatan", "isi": "Catatan warga"})
    assert resp.status_code in (403, 404)
    # The API lists the resident's own report, without internal notes, and takes no action from them.
    body = c.get("/api/v1/aspirasi/aspirasi/").content.decode()
    assert asp.kode_lacak in body and CATATAN not in body
    resp = c.post(f"/api/v1/aspirasi/aspirasi/{asp.pk}/tindakan/", {"jenis": "catatan", "isi": "x"},
                  content_type="application/json")
    assert resp.status_code == 403
    # An internal note is out of the resident's scope altogether (history tab, anything scoped).
    catatan = TindakanAspirasi.objects.get(isi=CATATAN)
    assert not restrict(TindakanAspirasi.objects.filter(pk=catatan.pk), warga, "view").exists()
    assert c.get(reverse("sinkron:riwayat", args=["aspirasi.tindakanaspirasi", catatan.pk])).status_code == 404
    # The public status page by code is theirs.
    assert c.get(reverse("lapor:status", args=[asp.kode_lacak])).status_code == 200
    assert TindakanAspirasi.objects.filter(isi="Catatan warga").count() == 0


def test_staff_still_reach_the_staff_pages(dunia):
    asp = lapor(dunia)
    c = Client()
    c.force_login(dunia.users["camat"])
    assert c.get(reverse("aspirasi:daftar")).status_code == 200
    assert c.get(reverse("aspirasi:detail", args=[asp.pk])).status_code == 200
