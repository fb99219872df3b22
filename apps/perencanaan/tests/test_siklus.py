"""Cycle administration: default stages and criteria, the stage schedule kept in order,
opening/closing by hand, criteria weights, ceilings one by one and from CSV/XLSX (row errors),
and the pages (Bappeda only; a village or another regency: 404)."""
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.perencanaan import siklus as layanan
from apps.perencanaan.models import KriteriaPenilaian, PaguIndikatif, SiklusMusrenbang
from apps.perencanaan.tahap import status_tahap
from apps.sinkron.context import acting_as

from ._usulan import DESA, KAB, dunia_usulan, klien, siklus, tahap_desa, xlsx  # noqa: F401

pytestmark = pytest.mark.django_db


def _buat(dunia, tahun=2028, peran="bappeda", **kw):
    with acting_as("sistem:uji"):
        return layanan.buat_siklus(dunia.users[peran], tahun_rencana=tahun, **kw)


def test_new_cycle_has_five_stages_in_the_year_before_with_default_criteria(dunia):
    s = _buat(dunia, pagu_desa_bawaan="300000000")
    tahap = list(s.tahap.order_by("urutan"))
    assert [t.jenis for t in tahap] == ["desa", "kecamatan", "forum_pd", "kabupaten", "rkpd"]
    assert tahap[0].mulai == datetime.date(2027, 1, 2) and tahap[0].selesai == datetime.date(2027, 1, 31)
    assert tahap[-1].selesai == datetime.date(2027, 5, 31)
    assert all(a.selesai < b.mulai for a, b in zip(tahap, tahap[1:], strict=False))
    assert tahap[0].usulan_warga and not tahap[1].usulan_warga
    bobot = {k.kode: k.bobot for k in KriteriaPenilaian.objects.filter(tahap=tahap[0])}
    assert bobot == {"urgensi": 3, "penerima_manfaat": 2, "tingkat_kebutuhan": 2, "efisiensi_biaya": 1}
    assert not KriteriaPenilaian.objects.filter(tahap=tahap[-1]).exists()
    assert KriteriaPenilaian.objects.filter(tahap__siklus=s).count() == 16
    assert s.owner_id == KAB and s.nama == "Musrenbang RKPD 2028" and s.pagu_desa_bawaan == 300_000_000


@pytest.mark.parametrize("tahun, pesan", [("dua ribu", "harus berupa tahun"), (1999, "antara 2020"),
                                          (2027, "sudah ada")])
def test_new_cycle_bad_year(dunia, tahun, pesan):
    with pytest.raises(ValidationError) as e:
        _buat(dunia, tahun=tahun)
    assert pesan in str(e.value.message_dict["tahun_rencana"])


def test_new_cycle_bad_default_ceiling_and_wrong_role(dunia):
    with pytest.raises(ValidationError) as e:
        _buat(dunia, pagu_desa_bawaan="-5")
    assert "Pagu desa bawaan" in str(e.value.message_dict["pagu_desa_bawaan"])
    with pytest.raises(ValidationError) as e:
        _buat(dunia, pagu_kecamatan_bawaan="banyak")
    assert "harus berupa angka" in str(e.value.message_dict["pagu_kecamatan_bawaan"])
    for peran in ("operator_desa", "camat", "bupati"):
        with pytest.raises(ValidationError, match="Hanya Bappeda"):
            _buat(dunia, peran=peran)


def test_stage_dates_must_stay_in_order(dunia):
    s = _buat(dunia)
    desa, kec, forum = (s.tahap.get(jenis=j) for j in ("desa", "kecamatan", "forum_pd"))
    u = dunia.users["bappeda"]
    with acting_as("sistem:uji"):
        with pytest.raises(ValidationError) as e:
            layanan.ubah_tahap(u, kec, mulai=datetime.date(2027, 2, 10), selesai=datetime.date(2027, 2, 1))
        assert "sebelum tanggal mulai" in str(e.value.message_dict["selesai"])
        with pytest.raises(ValidationError) as e:
            layanan.ubah_tahap(u, kec, mulai=datetime.date(2026, 12, 1), selesai=datetime.date(2027, 2, 20))
        assert "mendahului tahap sebelumnya" in str(e.value.message_dict["mulai"])
        with pytest.raises(ValidationError) as e:
            layanan.ubah_tahap(u, kec, mulai=datetime.date(2027, 2, 1), selesai=datetime.date(2027, 4, 1))
        assert "melewati tahap sesudahnya" in str(e.value.message_dict["selesai"])
        with pytest.raises(ValidationError) as e:
            layanan.ubah_tahap(u, forum, mulai=datetime.date(2027, 2, 21), selesai=datetime.date(2027, 3, 10),
                               usulan_warga=True)
        assert "tahap desa" in str(e.value.message_dict["usulan_warga"])
        with pytest.raises(ValidationError):
            layanan.ubah_tahap(u, desa, mulai=None, selesai=datetime.date(2027, 1, 31))
        t = layanan.ubah_tahap(u, desa, mulai=datetime.date(2027, 1, 5), selesai=datetime.date(2027, 1, 25),
                               usulan_warga=False)
    t.refresh_from_db()
    assert t.mulai == datetime.date(2027, 1, 5) and not t.usulan_warga


def test_open_and_close_by_hand_and_back_to_schedule(dunia):
    t = tahap_desa()
    u = dunia.users["admin_kabupaten"]
    with acting_as("sistem:uji"):
        layanan.atur_mode(u, t, "tutup")
        assert status_tahap(t).kode == "tutup"
        layanan.atur_mode(u, t, "buka")
        assert status_tahap(t, datetime.date(2030, 1, 1)).terbuka
        layanan.atur_mode(u, t, "jadwal")
        assert status_tahap(t, datetime.date(2030, 1, 1)).kode == "tutup"
        with pytest.raises(ValidationError) as e:
            layanan.atur_mode(u, t, "kadang")
        assert "mode" in e.value.message_dict
        with pytest.raises(PermissionDenied):
            layanan.atur_mode(dunia.users["camat"], t, "tutup")


@pytest.mark.parametrize("bobot, pesan", [("0", "antara 1 dan 10"), ("11", "antara 1 dan 10"), ("x", "harus berupa")])
def test_criteria_weight_is_1_to_10(dunia, bobot, pesan):
    with acting_as("sistem:uji"), pytest.raises(ValidationError) as e:
        layanan.simpan_kriteria(dunia.users["bappeda"], tahap=tahap_desa(), kode="baru", nama="Baru", bobot=bobot)
    assert pesan in str(e.value.message_dict["bobot"])


def test_criteria_code_name_and_duplicates(dunia):
    u, t = dunia.users["bappeda"], tahap_desa()
    with acting_as("sistem:uji"):
        with pytest.raises(ValidationError) as e:
            layanan.simpan_kriteria(u, tahap=t, kode="ada spasi", nama="X", bobot=2)
        assert "kode" in e.value.message_dict
        with pytest.raises(ValidationError) as e:
            layanan.simpan_kriteria(u, tahap=t, kode="baru", nama=" ", bobot=2)
        assert "nama" in e.value.message_dict
        with pytest.raises(ValidationError) as e:
            layanan.simpan_kriteria(u, tahap=t, kode="urgensi", nama="Lagi", bobot=2)
        assert "sudah dipakai" in str(e.value.message_dict["kode"])
        k = layanan.simpan_kriteria(u, tahap=t, kode="Gender", nama="Kesetaraan gender", bobot="1.5")
        assert k.kode == "gender" and k.bobot == Decimal("1.5")
        k = layanan.simpan_kriteria(u, tahap=t, kriteria=k, kode="gender", nama="Gender & disabilitas", bobot=2)
        layanan.hapus_kriteria(u, k)
        assert not KriteriaPenilaian.objects.filter(kode="gender").exists()
        layanan.atur_mode(u, t, "tutup")
        with pytest.raises(ValidationError, match="sudah ditutup"):
            layanan.simpan_kriteria(u, tahap=t, kode="lain", nama="Lain", bobot=2)


def test_ceiling_one_by_one(dunia):
    u, s = dunia.users["bappeda"], siklus()
    with acting_as("sistem:uji"):
        p = layanan.simpan_pagu(u, siklus=s, wilayah=DESA, jumlah="750000000", keterangan="SE Bupati")
        assert p.jumlah == 750_000_000 and PaguIndikatif.objects.filter(siklus=s, wilayah_id=DESA).count() == 1
        for kode in ("62.01.01.2001", "99", f"{DESA}.01"):
            with pytest.raises(ValidationError) as e:
                layanan.simpan_pagu(u, siklus=s, wilayah=kode, jumlah=1)
            assert "wilayah" in e.value.message_dict
        with pytest.raises(ValidationError) as e:
            layanan.simpan_pagu(u, siklus=s, wilayah=DESA, jumlah="-1")
        assert "jumlah" in e.value.message_dict


def test_ceiling_import_csv_and_xlsx(dunia):
    u, s = dunia.users["bappeda"], siklus()
    csv = b"kode;jumlah;keterangan\n62.07.01.2005;400000000;SE 1\n62.07.01;2000000000;\n"
    with acting_as("sistem:uji"):
        assert layanan.impor_pagu(u, siklus=s, berkas=SimpleUploadedFile("pagu.csv", csv)) == 2
        berkas = SimpleUploadedFile("pagu.xlsx", xlsx([["kode", "jumlah"], ["62.07.01.2006", 350000000]]))
        assert layanan.impor_pagu(u, siklus=s, berkas=berkas) == 1
    pagu = dict(PaguIndikatif.objects.filter(siklus=s).values_list("wilayah_id", "jumlah"))
    assert {k: pagu[k] for k in (DESA, "62.07.01", "62.07.01.2006")} == {
        DESA: 400_000_000, "62.07.01": 2_000_000_000, "62.07.01.2006": 350_000_000}


def test_ceiling_import_reports_every_bad_row_and_writes_nothing(dunia):
    u, s = dunia.users["bappeda"], siklus()
    PaguIndikatif.objects.filter(siklus=s).delete()
    csv = (b"kode,jumlah\n62.07.01.2005,100\n62.01.01.2001,5\n62.07.01.2006,lima\n62.07.01.2005,7\n")
    with acting_as("sistem:uji"), pytest.raises(ValidationError) as e:
        layanan.impor_pagu(u, siklus=s, berkas=SimpleUploadedFile("pagu.csv", csv))
    pesan = e.value.message_dict["berkas"]
    assert any(p.startswith("Baris 3:") and "tidak ada di kabupaten" in p for p in pesan)
    assert any(p.startswith("Baris 4:") and "harus berupa angka" in p for p in pesan)
    assert any(p.startswith("Baris 5:") and "lebih dari sekali" in p for p in pesan)
    assert not PaguIndikatif.objects.filter(siklus=s).exists()
    for data, pesan in ((b"", "tidak berisi"), (b"\xff\xfe\x00bad", "bukan CSV"), (b"PK\x03\x04rusak", "Excel")):
        with acting_as("sistem:uji"), pytest.raises(ValidationError) as e:
            layanan.impor_pagu(u, siklus=s, berkas=SimpleUploadedFile("x.csv", data or b"\n"))
        assert pesan in str(e.value.message_dict["berkas"])


# ---------------------------------------------------------------- pages

def test_pages_for_bappeda(dunia):
    c = klien(dunia, "bappeda")
    s = siklus()
    assert c.get(reverse("perencanaan:siklus_daftar")).status_code == 200
    r = c.get(reverse("perencanaan:siklus_detail", args=[s.pk]))
    assert r.status_code == 200 and "Sedang berlangsung" in r.content.decode()
    r = c.post(reverse("perencanaan:siklus_baru"), {"tahun_rencana": 2029, "pagu_desa_bawaan": 0,
                                                    "pagu_kecamatan_bawaan": 0})
    baru = SiklusMusrenbang.objects.get(tahun_rencana=2029)
    assert r.status_code == 302 and r["Location"] == baru.get_absolute_url()
    r = c.post(reverse("perencanaan:siklus_baru"), {"tahun_rencana": 2029, "pagu_desa_bawaan": 0,
                                                    "pagu_kecamatan_bawaan": 0})
    assert r.status_code == 200 and "sudah ada" in r.content.decode()
    t = tahap_desa()
    r = c.post(reverse("perencanaan:tahap_tutup", args=[t.pk]))
    t.refresh_from_db()
    assert r.status_code == 302 and t.mode == "tutup"
    assert c.get(reverse("perencanaan:tahap_tutup", args=[t.pk])).status_code == 405
    c.post(reverse("perencanaan:tahap_buka", args=[t.pk]), {"mode": "jadwal"})
    t.refresh_from_db()
    assert t.mode == "jadwal"
    r = c.post(reverse("perencanaan:tahap_ubah", args=[t.pk]), {"mulai": "2026-03-01", "selesai": "2026-02-01"})
    assert r.status_code == 200 and "sebelum tanggal mulai" in r.content.decode()
    r = c.post(reverse("perencanaan:kriteria_baru", args=[t.pk]), {"kode": "x", "nama": "X", "bobot": "12"})
    assert r.status_code == 200 and "antara 1 dan 10" in r.content.decode()
    k = t.kriteria.get(kode="urgensi")
    r = c.post(reverse("perencanaan:kriteria_ubah", args=[k.pk]), {"kode": "urgensi", "nama": "Urgensi", "bobot": "4"})
    k.refresh_from_db()
    assert r.status_code == 302 and k.bobot == 4
    r = c.post(reverse("perencanaan:pagu_daftar", args=[s.pk]), {"wilayah": "62.07.01.2006", "jumlah": "123"})
    assert r.status_code == 302
    assert "123" in c.get(reverse("perencanaan:pagu_daftar", args=[s.pk])).content.decode()
    r = c.post(reverse("perencanaan:pagu_impor", args=[s.pk]),
               {"berkas": SimpleUploadedFile("p.csv", b"kode,jumlah\n62.07.99.9999,5\n")})
    assert r.status_code == 200 and "Baris 2:" in r.content.decode()


def test_a_village_user_cannot_reach_cycle_pages(dunia):
    c = klien(dunia, "operator_desa")
    s = siklus()
    assert c.get(reverse("perencanaan:siklus_detail", args=[s.pk])).status_code == 404
    assert c.post(reverse("perencanaan:tahap_tutup", args=[tahap_desa().pk])).status_code == 404
    assert c.get(reverse("perencanaan:siklus_baru")).status_code == 403
    assert str(s.pk) not in c.get(reverse("perencanaan:siklus_daftar")).content.decode()


def test_cycle_api_is_read_only_and_names_stages_by_kind(dunia):
    c = klien(dunia, "bappeda")
    r = c.get("/api/v1/perencanaan/siklus/")
    assert r.status_code == 200
    data = r.json()
    rows = data["results"] if isinstance(data, dict) else data
    assert rows[0]["tahun_rencana"] == 2027 and rows[0]["tahap"][0]["jenis"] == "desa"
    assert rows[0]["tahap"][0]["status"] == "buka"
    assert c.post("/api/v1/perencanaan/siklus/", {}).status_code == 405
