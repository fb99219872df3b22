"""Village plan services: RPJMDes period rules, lines with APBDes codes and years, RKPDes year
and tracing rules, "ambil dari RPJM Desa", setting by Perdes and read-only after, scope."""
from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.perencanaan import rencana
from apps.perencanaan.models import KegiatanRKPDes, StatusRencana
from apps.sinkron.models import Jurnal

from ._rencana import DESA, DESA_LAIN, data_kegiatan, dunia_rencana, kegiatan_rkp, kegiatan_rpjm, rkp, rpjm  # noqa: F401

pytestmark = pytest.mark.django_db


def _galat(exc_info, field):
    return " ".join(exc_info.value.message_dict[field])


def _kemarin():
    return timezone.localdate() - datetime.timedelta(days=1)


# ---------------------------------------------------------------- RPJMDes

def test_rpjmdes_is_created_as_a_draft_of_the_village_and_journaled(dunia):
    r = rpjm(dunia)
    assert (r.owner_id, r.tahun_mulai, r.tahun_selesai, r.status) == (DESA, 2025, 2030, StatusRencana.DRAF)
    assert r.misi == "Membangun prasarana\nMemberdayakan ekonomi"
    assert Jurnal.objects.filter(object_id=r.pk).exists()
    delapan = rpjm(dunia, tahun_mulai=2031, lama_tahun=8)
    assert delapan.tahun_selesai == 2038


@pytest.mark.parametrize("ubah,field,pesan", [
    ({"lama_tahun": 5}, "lama_tahun", "6 tahun, atau 8 tahun"),
    ({"lama_tahun": "x"}, "lama_tahun", "6 tahun, atau 8 tahun"),
    ({"tahun_mulai": ""}, "tahun_mulai", "Isi tahun mulai"),
    ({"tahun_mulai": 1990}, "tahun_mulai", "antara 2000 dan 2100"),
    ({"visi": "v" * 2001}, "visi", "paling panjang"),
])
def test_rpjmdes_bad_input_is_refused_by_field(dunia, ubah, field, pesan):
    with pytest.raises(ValidationError) as e:
        rpjm(dunia, **ubah)
    assert pesan in _galat(e, field)


def test_rpjmdes_periods_of_a_village_do_not_overlap(dunia):
    rpjm(dunia)
    with pytest.raises(ValidationError) as e:
        rpjm(dunia, tahun_mulai=2028)
    assert "bertumpang tindih" in _galat(e, "tahun_mulai")
    rpjm(dunia, oleh="op_lain", desa=DESA_LAIN, tahun_mulai=2028)  # another village may


def test_only_the_village_government_writes_its_plan(dunia):
    for oleh in ("bpd", "camat", "bappeda", "op_lain"):
        with pytest.raises(PermissionDenied):
            rpjm(dunia, oleh=oleh)
    r = rpjm(dunia)
    with pytest.raises(PermissionDenied):
        rencana.ubah_rpjmdes(dunia.u["op_lain"], r, tahun_mulai=2025, lama_tahun=6)
    with pytest.raises(PermissionDenied):
        kegiatan_rpjm(dunia, r, oleh="bpd")


def test_editing_the_period_keeps_lines_and_rkp_inside(dunia):
    r = rpjm(dunia)
    kegiatan_rpjm(dunia, r, tahun=(2030,))
    with pytest.raises(ValidationError) as e:
        rencana.ubah_rpjmdes(dunia.u["operator"], r, tahun_mulai=2019, lama_tahun=6)
    assert "di luar periode baru 2019–2024" in _galat(e, "tahun_mulai")
    r = rencana.ubah_rpjmdes(dunia.u["operator"], r, tahun_mulai=2025, lama_tahun=8, visi="Baru", misi="")
    assert (r.tahun_selesai, r.visi) == (2032, "Baru")


# ---------------------------------------------------------------- RPJMDes lines

def test_line_takes_the_bidang_name_from_the_apbdes_codes(dunia):
    r = rpjm(dunia)
    k = kegiatan_rpjm(dunia, r, bidang="2.3.12 ", tahun=(2027, 2026, 2027))
    assert k.bidang == "02.03.12" and "Jalan Usaha Tani" in k.nama_bidang
    assert k.tahun_pelaksanaan == [2026, 2027] and k.urutan == 1 and k.owner_id == DESA
    k2 = kegiatan_rpjm(dunia, r, bidang="02.02.02 Penyelenggaraan Posyandu")
    assert k2.bidang == "02.02.02" and k2.urutan == 2


@pytest.mark.parametrize("ubah,field,pesan", [
    ({"bidang": "09.09.09"}, "bidang", "tidak ada dalam daftar kegiatan APBDes"),
    ({"bidang": ""}, "bidang", "Pilih kode"),
    ({"kegiatan": " "}, "kegiatan", "Isi nama kegiatan"),
    ({"lokasi": ""}, "lokasi", "Isi lokasi"),
    ({"volume": "0"}, "volume", "lebih dari 0"),
    ({"volume": "abc"}, "volume", "harus berupa angka"),
    ({"satuan": ""}, "satuan", "Isi satuan"),
    ({"perkiraan_biaya": "-5"}, "perkiraan_biaya", "tidak boleh negatif"),
    ({"perkiraan_biaya": "10.5"}, "perkiraan_biaya", "bilangan bulat"),
    ({"sumber_dana": "kas"}, "sumber_dana", "Pilih sumber dana"),
    ({"pola_pelaksanaan": "sendiri"}, "pola_pelaksanaan", "swakelola"),
    ({"tahun": (2024,)}, "tahun_pelaksanaan", "di luar periode RPJM Desa 2025–2030"),
    ({"tahun": ()}, "tahun_pelaksanaan", "sedikitnya satu tahun"),
    ({"tahun": ("dua",)}, "tahun_pelaksanaan", "angka tahun"),
])
def test_rpjmdes_line_bad_input_is_refused_by_field(dunia, ubah, field, pesan):
    r = rpjm(dunia)
    with pytest.raises(ValidationError) as e:
        kegiatan_rpjm(dunia, r, **ubah)
    assert pesan in _galat(e, field)


def test_a_line_drawn_into_an_rkp_keeps_its_year_and_cannot_be_deleted(dunia):
    r = rpjm(dunia)
    k = kegiatan_rpjm(dunia, r)
    kegiatan_rkp(dunia, rkp(dunia, r), k)
    with pytest.raises(ValidationError) as e:
        rencana.ubah_kegiatan_rpjmdes(dunia.u["operator"], k, tahun_pelaksanaan=[2026], **data_kegiatan())
    assert "RKP Desa tahun 2027" in _galat(e, "tahun_pelaksanaan")
    with pytest.raises(ValidationError) as e:
        rencana.hapus_kegiatan_rpjmdes(dunia.u["operator"], k)
    assert "tidak dapat dihapus" in _galat(e, "kegiatan")
    lain = kegiatan_rpjm(dunia, r, kegiatan="Posyandu")
    rencana.hapus_kegiatan_rpjmdes(dunia.u["operator"], lain)
    assert not r.kegiatan.filter(pk=lain.pk).exists()


# ---------------------------------------------------------------- RKPDes

def test_rkpdes_year_lies_in_the_plan_and_is_unique_per_village(dunia):
    r = rpjm(dunia)
    x = rkp(dunia, r, tahun=2027, tanggal_musdes=_kemarin())
    assert (x.owner_id, x.tahun, x.rpjmdes_id) == (DESA, 2027, r.pk)
    with pytest.raises(ValidationError) as e:
        rkp(dunia, r, tahun=2031)
    assert "di luar periode" in _galat(e, "tahun")
    with pytest.raises(ValidationError) as e:
        rkp(dunia, r, tahun=2027)
    assert "sudah memiliki RKP Desa tahun 2027" in _galat(e, "tahun")
    with pytest.raises(ValidationError) as e:
        rkp(dunia, r, tahun=2028, tanggal_musdes=timezone.localdate() + datetime.timedelta(days=3))
    assert "masa depan" in _galat(e, "tanggal_musdes")
    with pytest.raises(ValidationError) as e:
        rencana.buat_rkpdes(dunia.u["operator"], rpjmdes=None, tahun=2027)
    assert "Pilih RPJM Desa" in _galat(e, "rpjmdes")


def test_rkpdes_of_another_village_plan_is_refused(dunia):
    lain = rpjm(dunia, oleh="op_lain", desa=DESA_LAIN)
    with pytest.raises(PermissionDenied):
        rkp(dunia, lain, oleh="operator")


def test_every_rkp_line_traces_to_a_line_of_the_same_plan_scheduled_that_year(dunia):
    r = rpjm(dunia)
    k = kegiatan_rpjm(dunia, r, tahun=(2026, 2027))
    hanya_2026 = kegiatan_rpjm(dunia, r, kegiatan="Dermaga", tahun=(2026,))
    x = rkp(dunia, r)
    baris = kegiatan_rkp(dunia, x, k)
    assert baris.kegiatan_rpjmdes_id == k.pk and baris.jumlah_penerima == 120 and baris.nama_bidang
    with pytest.raises(ValidationError) as e:
        kegiatan_rkp(dunia, x, hanya_2026)
    assert "dijadwalkan tahun 2027" in _galat(e, "kegiatan_rpjmdes")
    lain = rpjm(dunia, oleh="op_lain", desa=DESA_LAIN)
    k_lain = kegiatan_rpjm(dunia, lain, oleh="op_lain")
    with pytest.raises(ValidationError) as e:
        kegiatan_rkp(dunia, x, k_lain)
    assert "desa ini" in _galat(e, "kegiatan_rpjmdes")
    with pytest.raises(ValidationError) as e:
        kegiatan_rkp(dunia, x, "bukan-uuid")
    assert "kegiatan_rpjmdes" in e.value.message_dict


@pytest.mark.parametrize("ubah,field,pesan", [
    ({"kegiatan_rpjmdes": None}, "kegiatan_rpjmdes", "Pilih kegiatan RPJM Desa"),
    ({"waktu_pelaksanaan": ""}, "waktu_pelaksanaan", "Isi waktu pelaksanaan"),
    ({"pelaksana": ""}, "pelaksana", "Isi pelaksana"),
    ({"jumlah_penerima": -1}, "jumlah_penerima", "bilangan bulat"),
    ({"bidang": "99.1.1"}, "bidang", "tidak ada dalam daftar"),
])
def test_rkp_line_bad_input_is_refused_by_field(dunia, ubah, field, pesan):
    r = rpjm(dunia)
    k = kegiatan_rpjm(dunia, r)
    with pytest.raises(ValidationError) as e:
        kegiatan_rkp(dunia, rkp(dunia, r), k, **ubah)
    assert pesan in _galat(e, field)


def test_ambil_dari_rpjm_copies_the_lines_of_the_year_once(dunia):
    r = rpjm(dunia)
    k = kegiatan_rpjm(dunia, r, tahun=(2026, 2027), perkiraan_biaya="300000000", volume="500")
    kegiatan_rpjm(dunia, r, kegiatan="Posyandu", bidang="02.02.02", tahun=(2027,), perkiraan_biaya="24000000")
    kegiatan_rpjm(dunia, r, kegiatan="Dermaga", tahun=(2029,))
    x = rkp(dunia, r)
    baru = rencana.ambil_dari_rpjm(dunia.u["operator"], x)
    assert len(baru) == 2
    jalan = KegiatanRKPDes.objects.get(rkpdes=x, kegiatan_rpjmdes=k)
    assert (jalan.perkiraan_biaya, jalan.volume, jalan.satuan) == (Decimal(150000000), Decimal(250), "meter")
    assert jalan.waktu_pelaksanaan and jalan.pelaksana == "TPK" and jalan.owner_id == DESA
    with pytest.raises(ValidationError) as e:
        rencana.ambil_dari_rpjm(dunia.u["operator"], x)
    assert "belum masuk RKP Desa" in _galat(e, "kegiatan")
    with pytest.raises(PermissionDenied):
        rencana.ambil_dari_rpjm(dunia.u["camat"], x)


# ---------------------------------------------------------------- setting by Perdes

def test_tetapkan_sets_the_plan_and_makes_it_read_only(dunia):
    r = rpjm(dunia)
    k = kegiatan_rpjm(dunia, r)
    r = rencana.tetapkan(dunia.u["kades"], r, " 3 Tahun 2025 ", _kemarin())
    assert (r.status, r.nomor_perdes, r.tanggal_perdes) == (StatusRencana.DITETAPKAN, "3 Tahun 2025", _kemarin())
    for aksi in (
        lambda: rencana.ubah_rpjmdes(dunia.u["operator"], r, tahun_mulai=2025, lama_tahun=6),
        lambda: kegiatan_rpjm(dunia, r),
        lambda: rencana.ubah_kegiatan_rpjmdes(dunia.u["operator"], k, tahun_pelaksanaan=[2026], **data_kegiatan()),
        lambda: rencana.hapus_kegiatan_rpjmdes(dunia.u["operator"], k),
        lambda: rencana.tetapkan(dunia.u["operator"], r, "4", _kemarin()),
    ):
        with pytest.raises(ValidationError) as e:
            aksi()
        assert "sudah ditetapkan dengan Perdes nomor 3 Tahun 2025" in _galat(e, "status")


def test_tetapkan_bad_input(dunia):
    r = rpjm(dunia)
    with pytest.raises(ValidationError) as e:
        rencana.tetapkan(dunia.u["operator"], r, "", None)
    assert "Isi nomor" in _galat(e, "nomor_perdes") and "Isi tanggal" in _galat(e, "tanggal_perdes")
    assert "belum berisi kegiatan" in _galat(e, "__all__")
    kegiatan_rpjm(dunia, r)
    with pytest.raises(ValidationError) as e:
        rencana.tetapkan(dunia.u["operator"], r, "3", timezone.localdate() + datetime.timedelta(days=1))
    assert "masa depan" in _galat(e, "tanggal_perdes")
    with pytest.raises(PermissionDenied):
        rencana.tetapkan(dunia.u["bpd"], r, "3", _kemarin())


def test_rkpdes_is_set_after_its_rpjmdes_and_is_then_read_only(dunia):
    r = rpjm(dunia)
    k = kegiatan_rpjm(dunia, r)
    x = rkp(dunia, r)
    baris = kegiatan_rkp(dunia, x, k)
    with pytest.raises(ValidationError) as e:
        rencana.tetapkan(dunia.u["operator"], x, "5 Tahun 2026", _kemarin())
    assert "harus ditetapkan dengan Perdes lebih dulu" in _galat(e, "__all__")
    rencana.tetapkan(dunia.u["operator"], r, "3 Tahun 2025", _kemarin())
    x = rencana.tetapkan(dunia.u["operator"], x, "5 Tahun 2026", _kemarin())
    assert x.status == StatusRencana.DITETAPKAN
    for aksi in (
        lambda: kegiatan_rkp(dunia, x, k),
        lambda: rencana.ubah_kegiatan_rkpdes(dunia.u["operator"], baris, kegiatan_rpjmdes=k, waktu_pelaksanaan="1",
                                             pelaksana="TPK", **data_kegiatan()),
        lambda: rencana.hapus_kegiatan_rkpdes(dunia.u["operator"], baris),
        lambda: rencana.ambil_dari_rpjm(dunia.u["operator"], x),
        lambda: rencana.ubah_rkpdes(dunia.u["operator"], x, tahun=2027),
    ):
        with pytest.raises(ValidationError) as e:
            aksi()
        assert "RKP Desa ini sudah ditetapkan" in _galat(e, "status")


def test_matrix_groups_by_bidang_with_totals(dunia):
    r = rpjm(dunia)
    kegiatan_rpjm(dunia, r, perkiraan_biaya="300000000")
    kegiatan_rpjm(dunia, r, bidang="02.02.02", kegiatan="Posyandu", perkiraan_biaya="24000000", sumber_dana="add")
    kegiatan_rpjm(dunia, r, bidang="04.06.02", kegiatan="Pelatihan BUMDes", perkiraan_biaya="15000000")
    m = rencana.matriks(r.kegiatan.all())
    assert [g.kode for g in m.kelompok] == ["02", "04"]
    assert m.kelompok[0].jumlah == 324_000_000 and [k.kegiatan for k in m.kelompok[0].baris][0] == "Posyandu"
    assert m.jumlah == 339_000_000
    assert dict(m.per_sumber)["Dana Desa (DD)"] == 315_000_000


def test_demo_plans_are_set_and_drawn_once(dunia):
    from apps.perencanaan import demo_rencana

    demo_rencana.siapkan({"operator": dunia.u["operator"], "kades": dunia.u["kades"]})
    demo_rencana.siapkan({"operator": dunia.u["operator"], "kades": dunia.u["kades"]})
    r = rencana.rpjmdes_desa(dunia.u["operator"], DESA).get()
    assert r.status == StatusRencana.DITETAPKAN and r.kegiatan.count() == 12
    x = r.rkpdes.get()
    assert (x.tahun, x.status) == (2027, StatusRencana.DRAF)
    assert x.kegiatan.count() == r.kegiatan.filter(pk__in=[k.pk for k in rencana.kegiatan_rpjm_untuk(x)]).count() > 5
