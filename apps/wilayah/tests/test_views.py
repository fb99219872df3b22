"""Stories of officials browsing regions, units and officials within their scope."""
from __future__ import annotations

import json
import random
import re

import pytest
from django.urls import reverse

from apps.wilayah.models import Jabatan, Pejabat, UnitKerja, Wilayah
from apps.wilayah.services import create_pejabat, generate_demo_lingkungan, load_seruyan
from apps.wilayah.services.seruyan import default_units, ensure_units

from .conftest import DESA_A, DESA_B, DESA_C, IRISAN_SERUYAN, KAB, KEC

pytestmark = pytest.mark.django_db


@pytest.fixture
def seruyan(db):
    load_seruyan()
    rng = random.Random(7)
    for kode in Wilayah.objects.filter(level=4).values_list("kode", flat=True):
        generate_demo_lingkungan(desa_kode=kode, rng=rng)
    return {w.kode: w for w in Wilayah.objects.filter(level__lte=4)}


def test_camat_sees_the_tree_of_own_kecamatan_only(irisan, buat_pengguna):
    generate_demo_lingkungan(desa_kode=DESA_A, rng=random.Random(1))
    client, _ = buat_pengguna("camat", KEC)
    html = client.get(reverse("wilayah:daftar")).content.decode()
    assert "Kecamatan Seruyan Hilir" in html and "Pematang Limau" in html and "Kuala Pembuang I" in html
    assert "Gantung Pangayuh" not in html and "Seruyan Tengah" not in html
    dusun = Wilayah.objects.filter(owner_id=DESA_A, tingkat="dusun").count()
    assert f"{dusun} dusun" in html


def test_village_operator_sees_only_own_village(operator_a):
    client, _ = operator_a
    html = client.get(reverse("wilayah:daftar")).content.decode()
    assert "Pematang Limau" in html and "Sungai Perlu" not in html and "Seruyan Hilir" not in html


def test_search_is_case_insensitive_by_name_or_code_prefix(admin_kab):
    client, _ = admin_kab
    html = client.get(reverse("wilayah:daftar"), {"q": "PEMATANG"}).content.decode()
    assert "Pematang Limau" in html and "Sungai Perlu" not in html
    html = client.get(reverse("wilayah:daftar"), {"q": "62.07.02"}).content.decode()
    assert "Seruyan Tengah" in html and "Gantung Pangayuh" in html and "Pematang Limau" not in html
    html = client.get(reverse("wilayah:daftar"), {"tingkat": "kelurahan"}).content.decode()
    assert "Kuala Pembuang I" in html and "Pematang Limau" not in html


def test_flat_list_pages_by_code_without_gaps_or_repeats(seruyan, buat_pengguna):
    client, _ = buat_pengguna("admin_kabupaten", KAB)
    url = reverse("wilayah:daftar")
    seen, params, pages = [], {"tampilan": "daftar"}, 0
    while True:
        resp = client.get(url, params, HTTP_HX_REQUEST="true" if pages else None) if pages else client.get(url, params)
        html = resp.content.decode()
        seen += re.findall(r'<td class="mono small text-nowrap">([\d.]+)</td>', html)
        pages += 1
        nxt = re.search(r"setelah=([\d.%A-F]+)\"", html)
        if not nxt:
            break
        params = {"tampilan": "daftar", "setelah": nxt.group(1).replace("%2E", ".")}
    total = Wilayah.objects.filter(kode__startswith="62.07").count()
    assert len(seen) == len(set(seen)) == total and pages == -(-total // 50)
    assert seen == sorted(seen)


def test_region_page_shows_scope_limited_breadcrumb_and_a_map(seruyan, buat_pengguna):
    client, _ = buat_pengguna("camat", KEC)
    html = client.get(reverse("wilayah:detail", args=[seruyan[DESA_A].pk])).content.decode()
    assert f'href="{reverse("wilayah:detail", args=[seruyan[KEC].pk])}"' in html
    assert "Kabupaten Seruyan</a>" not in html  # the regency is outside a camat's scope
    riwayat = reverse("sinkron:riwayat", args=["wilayah.wilayah", seruyan[DESA_A].pk])
    assert riwayat in html and client.get(riwayat).status_code == 200
    data = json.loads(re.search(r'<script id="peta-data" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert data["wilayah"]["properties"]["kode"] == DESA_A and data["wilayah"]["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert "js/peta.js" in html and "vendor/leaflet/leaflet.js" in html


def test_regency_page_maps_every_kecamatan_with_counts(seruyan, buat_pengguna):
    client, _ = buat_pengguna("bupati", KAB)
    resp = client.get(reverse("wilayah:detail", args=[seruyan[KAB].pk]))
    html = resp.content.decode()
    data = json.loads(re.search(r'<script id="peta-data" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert len(data["anak"]["features"]) == 10
    assert all(f["properties"]["url"].startswith("/wilayah/") for f in data["anak"]["features"])
    assert "<th scope=\"col\" class=\"text-end\">Desa</th>" in html and "RT</th>" in html


def test_a_region_without_boundary_falls_back_to_its_point_or_no_map(irisan, admin_kab):
    client, _ = admin_kab
    html = client.get(reverse("wilayah:detail", args=[irisan[DESA_A].pk])).content.decode()
    assert 'id="peta-data"' not in html  # no boundary and no centroid: no empty map
    Wilayah.objects.filter(kode=DESA_A).update(lat=-3.1, lng=112.4)
    html = client.get(reverse("wilayah:detail", args=[irisan[DESA_A].pk])).content.decode()
    assert '"type": "Point", "coordinates": [112.4, -3.1]' in html


OUT_OF_SCOPE_URLS = [
    ("wilayah:detail", "wilayah"), ("wilayah:lingkungan_panel", "wilayah"), ("wilayah:lingkungan_tambah", "wilayah"),
    ("wilayah:lingkungan_ubah", "lokal"), ("wilayah:lingkungan_hapus", "lokal"), ("wilayah:unit_detail", "unit"),
    ("wilayah:unit_ubah", "unit"), ("wilayah:jabatan_tambah", "unit"), ("wilayah:jabatan_ubah", "jabatan"),
    ("wilayah:pejabat_detail", "pejabat"), ("wilayah:pejabat_ubah", "pejabat"),
]


READ_ONLY = {"wilayah:detail", "wilayah:lingkungan_panel", "wilayah:unit_detail", "wilayah:pejabat_detail"}


@pytest.mark.parametrize(("name", "kind"), OUT_OF_SCOPE_URLS)
def test_objects_of_another_kecamatan_are_not_found(irisan, buat_pengguna, name, kind):
    ensure_units(default_units(IRISAN_SERUYAN))
    generate_demo_lingkungan(desa_kode=DESA_C, rng=random.Random(3))
    kades = Jabatan.objects.get(unit__kode=f"PEMDES-{DESA_C}", nama="Kepala Desa")
    objects = {
        "wilayah": irisan[DESA_C], "lokal": Wilayah.objects.filter(owner_id=DESA_C, level=7).first(),
        "unit": UnitKerja.objects.get(kode=f"PEMDES-{DESA_C}"), "jabatan": kades,
        "pejabat": create_pejabat(user=None, jabatan=kades, nama="Kades C"),
    }
    client, _ = buat_pengguna("camat", KEC)
    url = reverse(name, args=[objects[kind].pk])
    assert client.get(url).status_code == 404
    if name not in READ_ONLY:
        assert client.post(url, {"nama": "x"}).status_code == 404


def test_unit_and_official_lists_filter_and_stay_in_scope(irisan, buat_pengguna):
    ensure_units(default_units(IRISAN_SERUYAN))
    create_pejabat(user=None, jabatan=Jabatan.objects.get(unit__kode=f"PEMDES-{DESA_A}", nama="Kepala Desa"), nama="Bahrun")
    create_pejabat(user=None, jabatan=Jabatan.objects.get(unit__kode=f"PEMDES-{DESA_C}", nama="Kepala Desa"), nama="Yohanes")
    client, _ = buat_pengguna("camat", KEC)
    html = client.get(reverse("wilayah:unit_daftar"), {"jenis": "bpd"}).content.decode()
    assert "Badan Permusyawaratan Desa Pematang Limau" in html and "Pemerintah Desa Pematang" not in html
    assert "Gantung Pangayuh" not in html
    html = client.get(reverse("wilayah:unit_daftar"), {"q": "sungai"}).content.decode()
    assert "Sungai Perlu" in html and "Pematang" not in html
    html = client.get(reverse("wilayah:pejabat_daftar"), {"aktif": "1"}).content.decode()
    assert "Bahrun" in html and "Yohanes" not in html
    unit = UnitKerja.objects.get(kode=f"PEMDES-{DESA_A}")
    html = client.get(reverse("wilayah:unit_detail", args=[unit.pk])).content.decode()
    assert "Kepala Desa" in html and "Bahrun" in html and "kepala unit" in html


# --- Query-count pins: an N+1 must not slip in as data grows -----------------------------------

def test_list_and_detail_pages_use_a_fixed_number_of_queries(seruyan, buat_pengguna, django_assert_max_num_queries):
    ensure_units(default_units(IRISAN_SERUYAN))
    for j in Jabatan.objects.filter(unit__kode=f"KEC-{KEC}")[:5]:
        create_pejabat(user=None, jabatan=j, nama=f"Pejabat {j.nama}", nip="198003152005011002")
    client, _ = buat_pengguna("camat", KEC)
    admin, _ = buat_pengguna("admin_kabupaten", KAB)
    kec_unit = UnitKerja.objects.get(kode=f"KEC-{KEC}")
    pejabat = Pejabat.objects.first()
    # Each page: session, user, 2FA device, memberships, session save, plus its own reads.
    pages = [
        (client, reverse("wilayah:daftar"), {}, 9),
        (admin, reverse("wilayah:daftar"), {}, 9),
        (admin, reverse("wilayah:daftar"), {"tampilan": "daftar"}, 8),
        (client, reverse("wilayah:detail", args=[seruyan[KEC].pk]), {}, 11),
        (admin, reverse("wilayah:detail", args=[seruyan[KAB].pk]), {}, 11),
        (admin, reverse("wilayah:detail", args=[seruyan[DESA_B].pk]), {}, 12),
        (admin, reverse("wilayah:unit_daftar"), {}, 8),
        (client, reverse("wilayah:unit_detail", args=[kec_unit.pk]), {}, 14),  # + delegations, may-delegate
        (admin, reverse("wilayah:pejabat_daftar"), {}, 8),
        (client, reverse("wilayah:pejabat_detail", args=[pejabat.pk]), {}, 11),  # + delegations, may-delegate
    ]
    for c, url, params, limit in pages:
        c.get(url, params)  # warm the session
        with django_assert_max_num_queries(limit, info=url):
            assert c.get(url, params).status_code == 200, url


def test_page_queries_do_not_grow_with_the_number_of_villages(irisan, buat_pengguna):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, _ = buat_pengguna("admin_kabupaten", KAB)
    url = reverse("wilayah:detail", args=[irisan[KEC].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for kode in (DESA_A, DESA_B, "62.07.01.1001"):
        generate_demo_lingkungan(desa_kode=kode, rng=random.Random(5))
    with CaptureQueriesContext(connection) as big:
        client.get(url)
    assert len(big) == len(small)
