"""The later stages: the kecamatan's list, merging, re-ranking and sending; the Forum PD's
accept/reject with reasons; the kabupaten's list and the RKPD; refusals for closed stages,
other offices and bad input; the stage pages and their query counts."""
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.akun.models import Notifikasi
from apps.perencanaan import berjenjang
from apps.perencanaan.models import DaftarUsulan, Keputusan, ModeTahap, RevisiUsulan, TahapMusrenbang

from . import _tahap

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return _tahap.build()


def _kec(s):
    return s.tahap["kecamatan"]


def test_kecamatan_sees_only_its_villages_with_previous_figures(s):
    k = berjenjang.wajib_kantor(s.users["camat"], _kec(s))
    baris = berjenjang.daftar_kerja(_kec(s), k)
    assert {b.usulan.kode for b in baris} == {"U28-A1", "U28-A2", "U28-B1", "U28-B2"}
    assert all(b.sebelum is not None and b.ini is None for b in baris)
    assert {b.usulan.kode for b in berjenjang.daftar_kerja(_kec(s), k, desa=_tahap.DESA)} == {"U28-A1", "U28-A2"}
    assert {b.usulan.kode for b in berjenjang.daftar_kerja(_kec(s), k, pd=str(s.bappeda.pk))} == {"U28-B2"}


def test_page_of_the_list_sorts_counts_and_filters_in_the_database(s):
    k = berjenjang.wajib_kantor(s.users["camat"], _kec(s))
    h = berjenjang.halaman_kerja(_kec(s), k, per=3)
    assert h.ringkasan == {"jumlah": 4, "diteruskan": 4, "masuk_pagu": 0, "total": 670_000_000}
    assert [b.usulan.kode for b in h.baris] == ["U28-A1", "U28-A2", "U28-B1"] and h.ada_berikut
    assert [b.usulan.kode for b in berjenjang.halaman_kerja(_kec(s), k, hal=2, per=3).baris] == ["U28-B2"]
    # This stage's records: a rejection leaves the forwarded count and total; ranks lead the order;
    # the revised cost counts, not the village's.
    berjenjang.putuskan(s.users["camat"], tahap=_kec(s), usulan=s.usulan["U28-A1"], keputusan="ditolak",
                        alasan="Sudah dianggarkan provinsi tahun ini")
    berjenjang.putuskan(s.users["camat"], tahap=_kec(s), usulan=s.usulan["U28-B2"], perkiraan_biaya=10_000_000,
                        nilai={"urgensi": 5})
    berjenjang.hitung_ulang(s.users["camat"], _kec(s))
    h = berjenjang.halaman_kerja(_kec(s), k)
    assert h.ringkasan["diteruskan"] == 3 and h.ringkasan["total"] == 80_000_000 + 250_000_000 + 10_000_000
    assert h.baris[0].usulan.kode == "U28-B2" and not h.ada_berikut
    assert [b.usulan.kode for b in berjenjang.halaman_kerja(_kec(s), k, pd=str(s.bappeda.pk)).baris] == ["U28-B2"]
    assert berjenjang.halaman_kerja(_kec(s), k, pd="bukan-uuid").ringkasan["jumlah"] == 0
    assert [b.usulan.kode for b in berjenjang.halaman_kerja(_kec(s), k, desa=_tahap.DESA_TETANGGA).baris] == [
        "U28-B2", "U28-B1"]


def test_village_not_sent_is_not_before_the_kecamatan():
    s = _tahap.build(kirim_desa=False)
    k = berjenjang.wajib_kantor(s.users["camat"], _kec(s))
    assert berjenjang.daftar_kerja(_kec(s), k) == []
    with pytest.raises(ValidationError, match="tidak diteruskan"):
        berjenjang.putuskan(s.users["camat"], tahap=_kec(s), usulan=s.usulan["U28-A1"], nilai={"urgensi": 4})


def test_score_revise_and_rank(s):
    camat = s.users["camat"]
    r = berjenjang.putuskan(camat, tahap=_kec(s), usulan=s.usulan["U28-A2"], nilai={"urgensi": 5, "manfaat": 4},
                            perkiraan_biaya=70_000_000)
    assert r.owner_id == _tahap.KEC and r.perkiraan_biaya == 70_000_000 and r.peringkat == 1 and r.masuk_pagu
    # The village's own record is untouched.
    assert RevisiUsulan.objects.get(usulan=s.usulan["U28-A2"], tahap=s.tahap["desa"]).perkiraan_biaya == 80_000_000


@pytest.mark.parametrize("data,field", [
    ({"nilai": {"urgensi": 9}}, "nilai"),
    ({"nilai": {"tidak_ada": 3}}, "nilai"),
    ({"volume": "abc"}, "volume"),
    ({"perkiraan_biaya": -5}, "perkiraan_biaya"),
    ({"keputusan": "ditolak", "alasan": "x"}, "alasan"),
    ({"keputusan": "entah"}, "keputusan"),
    ({"satuan": "  "}, "satuan"),
])
def test_bad_input_names_the_field(s, data, field):
    with pytest.raises(ValidationError) as e:
        berjenjang.putuskan(s.users["camat"], tahap=_kec(s), usulan=s.usulan["U28-A1"], **data)
    assert field in e.value.message_dict


def test_kecamatan_cannot_act_on_another_kecamatans_villages(s):
    with pytest.raises(ValidationError, match="tidak bertugas"):
        berjenjang.putuskan(s.users["camat"], tahap=_kec(s), usulan=s.usulan["U28-C1"], nilai={"urgensi": 3})


def test_closed_stage_refuses_every_write(s):
    TahapMusrenbang.objects.filter(pk=_kec(s).pk).update(mode=ModeTahap.TUTUP)
    t = TahapMusrenbang.objects.get(pk=_kec(s).pk)
    camat = s.users["camat"]
    for fn in (lambda: berjenjang.putuskan(camat, tahap=t, usulan=s.usulan["U28-A1"], nilai={"urgensi": 3}),
               lambda: berjenjang.gabungkan(camat, tahap=t, usulan=s.usulan["U28-B1"], tujuan=s.usulan["U28-A1"]),
               lambda: berjenjang.kirim_tahap(camat, t),
               lambda: berjenjang.hitung_ulang(camat, t)):
        with pytest.raises(ValidationError, match="ditutup"):
            fn()


def test_merge_duplicates(s):
    camat = s.users["camat"]
    r = berjenjang.gabungkan(camat, tahap=_kec(s), usulan=s.usulan["U28-B1"], tujuan=s.usulan["U28-A1"])
    assert r.keputusan == Keputusan.DIGABUNG and r.digabung_ke_id == s.usulan["U28-A1"].pk and r.peringkat is None
    assert "U28-A1" in r.alasan
    k = berjenjang.wajib_kantor(camat, _kec(s))
    survivor = next(b for b in berjenjang.daftar_kerja(_kec(s), k) if b.usulan.kode == "U28-A1")
    assert [u.kode for u in survivor.gabungan] == ["U28-B1"]
    # Merging into a merged one is refused, as is merging into itself or outside the list.
    with pytest.raises(ValidationError) as e:
        berjenjang.gabungkan(camat, tahap=_kec(s), usulan=s.usulan["U28-A2"], tujuan=s.usulan["U28-B1"])
    assert "digabung_ke" in e.value.message_dict
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        berjenjang.gabungkan(camat, tahap=_kec(s), usulan=s.usulan["U28-A1"], tujuan=s.usulan["U28-A1"])
    with pytest.raises(ValidationError, match="tidak ada dalam daftar"):
        berjenjang.gabungkan(camat, tahap=_kec(s), usulan=s.usulan["U28-A2"], tujuan=s.usulan["U28-C1"])
    with pytest.raises(ValidationError, match="Pilih usulan tujuan"):
        berjenjang.gabungkan(camat, tahap=_kec(s), usulan=s.usulan["U28-A2"], tujuan=None)


def _sampai_forum(s):
    camat = s.users["camat"]
    berjenjang.putuskan(camat, tahap=_kec(s), usulan=s.usulan["U28-A2"], keputusan="ditolak",
                        alasan="Sudah dibangun program provinsi tahun ini")
    berjenjang.putuskan(camat, tahap=_kec(s), usulan=s.usulan["U28-A1"], perangkat_daerah=s.dpmd)
    daftar = berjenjang.kirim_tahap(camat, _kec(s), "Hasil musrenbang kecamatan")
    return daftar


def test_send_list_counts_and_notifies(s):
    daftar = _sampai_forum(s)
    assert daftar.status == "dikirim" and daftar.wilayah_id == _tahap.KEC and daftar.jumlah_usulan == 3
    assert daftar.total_biaya == 300_000_000 + 250_000_000 + 40_000_000
    assert RevisiUsulan.objects.filter(tahap=_kec(s), owner_id=_tahap.KEC).count() == 4
    assert Notifikasi.objects.filter(pengguna=s.users["staf_pd"]).exists()
    # A second send updates the same list.
    assert berjenjang.kirim_tahap(s.users["camat"], _kec(s)).pk == daftar.pk
    assert DaftarUsulan.objects.filter(tahap=_kec(s), wilayah_id=_tahap.KEC).count() == 1


def test_forum_pd_decides_only_on_its_own_proposals_with_reason(s):
    _sampai_forum(s)
    forum, pd = s.tahap["forum_pd"], s.users["staf_pd"]
    k = berjenjang.wajib_kantor(pd, forum)
    assert k.unit_pd == s.dpmd.pk
    assert {b.usulan.kode for b in berjenjang.daftar_kerja(forum, k)} == {"U28-A1", "U28-B1"}
    with pytest.raises(ValidationError) as e:
        berjenjang.putuskan(pd, tahap=forum, usulan=s.usulan["U28-A1"], keputusan="ditolak", alasan="")
    assert "alasan" in e.value.message_dict
    r = berjenjang.putuskan(pd, tahap=forum, usulan=s.usulan["U28-A1"], keputusan="ditolak",
                            alasan="Bukan kewenangan kabupaten, dialihkan ke dana desa")
    assert r.keputusan == "ditolak" and r.unit_id == s.dpmd.pk
    r2 = berjenjang.putuskan(pd, tahap=forum, usulan=s.usulan["U28-B1"], program="Program pembangunan jalan desa")
    assert r2.program == "Program pembangunan jalan desa"
    # The proposal mapped to Bappeda is not DPMD's.
    with pytest.raises(ValidationError) as e:
        berjenjang.putuskan(pd, tahap=forum, usulan=s.usulan["U28-B1"], keputusan="diusulkan", alasan="ok")
    assert "alasan" in e.value.message_dict
    with pytest.raises(ValidationError, match="tidak diteruskan"):
        berjenjang.putuskan(pd, tahap=forum, usulan=s.usulan["U28-B2"], keputusan="diusulkan",
                            alasan="Sesuai renstra perangkat daerah")
    # An agency does not send the forum's list; Bappeda does, for every agency.
    with pytest.raises(ValidationError, match="Bappeda"):
        berjenjang.kirim_tahap(pd, forum)
    daftar = berjenjang.kirim_tahap(s.users["bappeda"], forum)
    assert daftar.wilayah_id == _tahap.KAB and daftar.jumlah_usulan == 2  # B1 and B2; A1 rejected
    b2 = RevisiUsulan.objects.get(tahap=forum, usulan=s.usulan["U28-B2"])
    assert b2.unit_id == s.bappeda.pk


def test_kabupaten_and_rkpd(s):
    _sampai_forum(s)
    berjenjang.kirim_tahap(s.users["bappeda"], s.tahap["forum_pd"])
    kab, admin = s.tahap["kabupaten"], s.users["admin_kabupaten"]
    k = berjenjang.wajib_kantor(admin, kab)
    assert {b.usulan.kode for b in berjenjang.daftar_kerja(kab, k)} == {"U28-A1", "U28-B1", "U28-B2"}
    berjenjang.putuskan(admin, tahap=kab, usulan=s.usulan["U28-B2"], perkiraan_biaya=35_000_000)
    berjenjang.kirim_tahap(admin, kab)
    rkpd = s.tahap["rkpd"]
    with pytest.raises(ValidationError) as e:
        berjenjang.tetapkan_rkpd(s.users["bappeda"], rkpd, nomor="", tanggal=datetime.date(2026, 1, 1))
    assert "nomor_penetapan" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        berjenjang.tetapkan_rkpd(s.users["bappeda"], rkpd, nomor="12 Tahun 2026", tanggal=None)
    assert "tanggal_penetapan" in e.value.message_dict
    with pytest.raises(ValidationError, match="Penetapan daftar RKPD"):
        berjenjang.tetapkan_rkpd(s.users["bappeda"], kab, nomor="12 Tahun 2026", tanggal=datetime.date(2026, 1, 1))
    t = berjenjang.tetapkan_rkpd(s.users["bappeda"], rkpd, nomor="12 Tahun 2026", tanggal=datetime.date(2026, 1, 1))
    assert t.mode == ModeTahap.TUTUP and t.nomor_penetapan == "12 Tahun 2026"
    assert RevisiUsulan.objects.filter(tahap=rkpd).count() == 3
    assert RevisiUsulan.objects.get(tahap=rkpd, usulan=s.usulan["U28-B2"]).perkiraan_biaya == 35_000_000
    # Locked: nothing more is written.
    with pytest.raises(ValidationError, match="ditutup"):
        berjenjang.putuskan(s.users["bappeda"], tahap=t, usulan=s.usulan["U28-B1"], alasan="Perubahan akhir")


def test_camat_has_no_office_at_kabupaten_stage(s):
    with pytest.raises(ValidationError, match="tidak bertugas"):
        berjenjang.kirim_tahap(s.users["camat"], s.tahap["kabupaten"])
    assert berjenjang.kantor_pengguna(s.users["operator_desa"], _kec(s)) is None


# ---------------------------------------------------------------- pages

def _masuk(user):
    c = Client()
    c.force_login(user)
    return c


def test_stage_page_lists_decides_and_merges(s):
    c = _masuk(s.users["camat"])
    url = reverse("perencanaan:tahap_kerja", args=[_kec(s).pk])
    resp = c.get(url)
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "U28-A1" in body and "U28-C1" not in body
    resp = c.post(url, {"usulan": s.usulan["U28-A2"].pk, "keputusan": "ditolak", "alasan": "pendek",
                        "nilai_urgensi": "3"}, follow=True)
    assert "minimal 10 karakter" in resp.content.decode()
    resp = c.post(url, {"usulan": s.usulan["U28-A2"].pk, "keputusan": "ditolak",
                        "alasan": "Sudah ada program provinsi", "nilai_urgensi": "3"}, follow=True)
    assert "disimpan: Ditolak" in resp.content.decode()
    resp = c.post(url, {"aksi": "gabung", "usulan": "U28-B1", "tujuan": "U28-B1"})
    assert resp.status_code == 200 and "dirinya sendiri" in resp.content.decode()
    # Another kecamatan's proposal, or a code that does not exist: named, nothing merged.
    for tujuan in ("U28-C1", "U28-XX"):
        resp = c.post(url, {"aksi": "gabung", "usulan": "U28-B1", "tujuan": tujuan})
        assert resp.status_code == 200 and "tidak ada dalam daftar kantor Anda" in resp.content.decode()
    resp = c.post(url, {"aksi": "gabung", "usulan": "u28-b1 ", "tujuan": "U28-A1"}, follow=True)
    assert "Gabungan dari: U28-B1" in resp.content.decode()
    # Another kecamatan's proposal posted by hand: refused.
    resp = c.post(url, {"usulan": s.usulan["U28-C1"].pk, "keputusan": "diusulkan"}, follow=True)
    assert "tidak ada dalam daftar" in resp.content.decode()
    resp = c.post(reverse("perencanaan:tahap_kirim", args=[_kec(s).pk]), {"catatan": ""}, follow=True)
    assert "dikirim ke tahap berikutnya" in resp.content.decode()


def test_stage_page_refuses_others(s):
    assert _masuk(s.users["operator_desa"]).get(reverse("perencanaan:tahap_kerja", args=[_kec(s).pk])).status_code == 403
    other = TahapMusrenbang.objects.exclude(owner_id=_tahap.KAB).first()
    assert _masuk(s.users["camat"]).get(reverse("perencanaan:tahap_kerja", args=[other.pk])).status_code == 404


def test_revisi_ubah_form(s):
    r = berjenjang.putuskan(s.users["camat"], tahap=_kec(s), usulan=s.usulan["U28-A1"], nilai={"urgensi": 3})
    c = _masuk(s.users["camat"])
    url = reverse("perencanaan:revisi_ubah", args=[r.pk])
    assert c.get(url).status_code == 200
    resp = c.post(url, {"keputusan": "ditunda", "alasan": "x", "volume": "100", "satuan": "meter"})
    assert resp.status_code == 200 and "minimal 10 karakter" in resp.content.decode()
    resp = c.post(url, {"keputusan": "ditunda", "alasan": "Menunggu hasil kajian teknis", "volume": "90"})
    assert resp.status_code == 302
    assert RevisiUsulan.objects.get(pk=r.pk).volume == 90
    # Another kecamatan's camat-equivalent cannot reach it: bappeda has no change grant on it.
    assert _masuk(s.users["staf_pd"]).get(url).status_code == 404


def test_stage_page_query_count_is_flat(s):
    c = _masuk(s.users["camat"])
    url = reverse("perencanaan:tahap_kerja", args=[_kec(s).pk])
    c.get(url)
    with CaptureQueriesContext(connection) as q1:
        c.get(url)
    from apps.perencanaan.tests._tahap import _usulan

    for i in range(10):
        _usulan(s, f"U28-X{i}", _tahap.DESA, f"Usulan tambahan {i}", 1_000_000)
    with CaptureQueriesContext(connection) as q2:
        assert c.get(url).status_code == 200
    assert len(q2) == len(q1) <= 20


def test_api_revisi(s):
    c = _masuk(s.users["camat"])
    resp = c.post("/api/v1/perencanaan/revisi/", {"usulan": str(s.usulan["U28-A1"].pk), "tahap": str(_kec(s).pk),
                                                  "nilai": {"urgensi": 9}}, content_type="application/json")
    assert resp.status_code == 400 and "nilai" in resp.json()
    resp = c.post("/api/v1/perencanaan/revisi/", {"usulan": str(s.usulan["U28-A1"].pk), "tahap": str(_kec(s).pk),
                                                  "nilai": {"urgensi": 4}}, content_type="application/json")
    assert resp.status_code == 201, resp.content
    pk = resp.json()["id"]
    resp = c.patch(f"/api/v1/perencanaan/revisi/{pk}/", {"keputusan": "ditolak", "alasan": "x"},
                   content_type="application/json")
    assert resp.status_code == 400 and "alasan" in resp.json()
    resp = c.post("/api/v1/perencanaan/revisi/", {"usulan": str(s.usulan["U28-C1"].pk), "tahap": str(_kec(s).pk)},
                  content_type="application/json")
    assert resp.status_code == 400
    assert c.get("/api/v1/perencanaan/daftar/").status_code == 200


def test_permission_denied_is_not_raised_for_own_writes(s):
    try:
        berjenjang.hitung_ulang(s.users["camat"], _kec(s))
    except PermissionDenied:  # pragma: no cover
        pytest.fail("menghitung ulang daftar sendiri tidak boleh ditolak")
