"""Life events and family operations (peristiwa.py): every change of status and family, and
every refusal, with the journal and the scope checks."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from apps.kependudukan import peristiwa, services
from apps.kependudukan.models import Keluarga, Penduduk, Peristiwa
from apps.kependudukan.validasi import periksa_nik_sementara
from apps.sinkron.models import Jurnal

from .conftest import DESA_A, DESA_B, DESA_C, rt

pytestmark = pytest.mark.django_db
HARI_INI = timezone.localdate()
KEMARIN = HARI_INI - datetime.timedelta(days=1)


@pytest.fixture
def op(pengguna):
    return pengguna("operator_desa", DESA_A)


def pesan(exc, field):
    return " ".join(exc.value.message_dict[field])


# ---------------------------------------------------------------- lahir

def test_birth_creates_the_baby_in_the_family_with_parents_and_a_temporary_nik(op, keluarga_baru):
    kk, (kepala, istri, _anak) = keluarga_baru()
    ev = peristiwa.catat_lahir(user=op, keluarga=kk, nama="Bayi Fauzi", jenis_kelamin=2, tanggal_lahir=KEMARIN,
                               tempat_lahir="Kuala Pembuang", jam="07:30", tempat_dilahirkan="puskesmas",
                               berat_gram=3100, panjang_cm=49, penolong="bidan", pelapor="Ahmad Fauzi")
    bayi = ev.penduduk
    assert (bayi.keluarga_id, bayi.shdk, bayi.status_dasar, bayi.wilayah_id) == (kk.pk, 4, 1, kk.wilayah_id)
    assert (bayi.nik_ayah, bayi.nama_ayah, bayi.nik_ibu, bayi.nama_ibu) == (kepala.nik, kepala.nama, istri.nik, istri.nama)
    assert bayi.nik_sementara and bayi.nik.startswith("06207012005")
    periksa_nik_sementara(bayi.nik)
    assert bayi.alamat == kk.alamat and bayi.agama == kepala.agama and bayi.status_perkawinan == 1
    assert (ev.jenis, ev.status_sebelum, ev.status_sesudah, ev.keluarga_sesudah_id, ev.owner_id) == (
        Peristiwa.LAHIR, None, 1, kk.pk, DESA_A)
    assert ev.rincian == {"jam": "07:30", "tempat_dilahirkan": "puskesmas", "berat_gram": 3100, "panjang_cm": 49,
                          "penolong": "bidan", "pelapor": "Ahmad Fauzi"}
    assert Jurnal.objects.filter(object_id=ev.pk).exists() and Jurnal.objects.filter(object_id=bayi.pk).exists()
    kedua = peristiwa.catat_lahir(user=op, keluarga=kk, nama="Bayi Kedua", jenis_kelamin=1, tanggal_lahir=HARI_INI)
    assert int(kedua.penduduk.nik) == int(bayi.nik) + 1  # next serial, never a collision


def test_birth_refusals(op, keluarga_baru):
    kk, _ = keluarga_baru()
    besok = timezone.localdate() + datetime.timedelta(days=1)  # now, not at import
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_lahir(user=op, keluarga=kk, nama="X", jenis_kelamin=1, tanggal_lahir=besok, shdk=1,
                              berat_gram=50)
    assert "masa depan" in pesan(exc, "tanggal_lahir")
    assert "kepala" in pesan(exc, "shdk") and "200" in pesan(exc, "berat_gram")
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_lahir(user=op, keluarga=kk, nama="", jenis_kelamin=1, tanggal_lahir=KEMARIN,
                              tanggal_lapor=KEMARIN - datetime.timedelta(days=3))
    assert "sebelum tanggal peristiwa" in pesan(exc, "tanggal_lapor")
    assert not Penduduk.objects.filter(nama="X").exists()


def test_birth_in_another_village_is_refused(pengguna, keluarga_baru):
    kk, _ = keluarga_baru(DESA_B)
    with pytest.raises(PermissionDenied):
        peristiwa.catat_lahir(user=pengguna("operator_desa", DESA_A), keluarga=kk, nama="Bayi", jenis_kelamin=1,
                              tanggal_lahir=KEMARIN)
    with pytest.raises(PermissionDenied):  # the kepala desa reads only
        peristiwa.catat_lahir(user=pengguna("kepala_desa", DESA_B), keluarga=kk, nama="Bayi", jenis_kelamin=1,
                              tanggal_lahir=KEMARIN)
    assert not Peristiwa.objects.exists()


# ---------------------------------------------------------------- mati, pindah, hilang, pergi, kembali

def test_death_of_the_head_leaves_the_family_and_names_a_new_head(op, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    ev = peristiwa.catat_mati(user=op, penduduk=kepala, tanggal=KEMARIN, tempat="Rumah", sebab="Sakit",
                              pelapor="Siti", kepala_baru=istri)
    kepala.refresh_from_db()
    istri.refresh_from_db()
    kk.refresh_from_db()
    assert (kepala.status_dasar, kepala.keluarga_id, kepala.shdk) == (2, None, None)
    assert (ev.status_sebelum, ev.status_sesudah, ev.keluarga_sebelum_id, ev.keluarga_sesudah_id) == (1, 2, kk.pk, None)
    assert (ev.tempat, ev.alasan, ev.rincian["pelapor"], ev.rincian["shdk_sebelum"]) == ("Rumah", "Sakit", "Siti", 1)
    assert kk.kepala_id == istri.pk and istri.shdk == 1
    mutasi = Peristiwa.objects.get(penduduk=istri)
    assert mutasi.jenis == Peristiwa.MUTASI_KK and mutasi.rincian["shdk_sebelum"] == 3
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_mati(user=op, penduduk=kepala, tanggal=KEMARIN)
    assert "sudah tercatat meninggal" in pesan(exc, "penduduk")


def test_death_of_the_head_without_a_successor_leaves_the_family_headless(op, keluarga_baru):
    kk, (kepala, _istri, anak) = keluarga_baru()
    peristiwa.catat_mati(user=op, penduduk=kepala, tanggal=KEMARIN)
    kk.refresh_from_db()
    assert kk.kepala_id is None
    with pytest.raises(ValidationError) as exc:  # only when the head leaves
        peristiwa.catat_mati(user=op, penduduk=anak, tanggal=KEMARIN, kepala_baru=_istri)
    assert "hanya dipilih" in pesan(exc, "kepala_baru")


def test_event_dates_are_checked(op, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_mati(user=op, penduduk=anak, tanggal=HARI_INI + datetime.timedelta(days=2))
    assert "masa depan" in pesan(exc, "tanggal")
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_mati(user=op, penduduk=anak, tanggal=datetime.date(2011, 1, 1))
    assert "sebelum tanggal lahir Rizki Fauzi" in pesan(exc, "tanggal")
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_mati(user=op, penduduk=anak, tanggal=None)
    assert "wajib" in pesan(exc, "tanggal")
    peristiwa.catat_pergi(user=op, penduduk=anak, tanggal=KEMARIN, alamat_tujuan="Sampit")
    with pytest.raises(ValidationError) as exc:  # before his latest event
        peristiwa.catat_kembali(user=op, penduduk=anak, tanggal=KEMARIN - datetime.timedelta(days=10))
    assert "sudah punya peristiwa pergi" in pesan(exc, "tanggal")
    assert Penduduk.objects.get(pk=anak.pk).status_dasar == 6


def test_missing_away_and_back(op, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    peristiwa.catat_hilang(user=op, penduduk=anak, tanggal=KEMARIN, pelapor="Ahmad")
    anak.refresh_from_db()
    assert anak.status_dasar == 4 and anak.keluarga_id == kk.pk  # stays in the family
    for fn in (peristiwa.catat_hilang, peristiwa.catat_pergi):
        with pytest.raises(ValidationError) as exc:
            fn(user=op, penduduk=anak, tanggal=KEMARIN)
        assert "berstatus hilang" in pesan(exc, "penduduk")
    ev = peristiwa.catat_kembali(user=op, penduduk=anak, tanggal=HARI_INI)
    assert (ev.status_sebelum, ev.status_sesudah) == (4, 1)
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_kembali(user=op, penduduk=anak, tanggal=HARI_INI)
    assert "hanya untuk penduduk berstatus hilang atau pergi" in pesan(exc, "penduduk")
    assert peristiwa.tindakan_tersedia(1) == [Peristiwa.MATI, Peristiwa.PINDAH_KELUAR, Peristiwa.HILANG, Peristiwa.PERGI]
    assert peristiwa.tindakan_tersedia(2) == []


def test_moving_out_one_person_and_refusals(op, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_pindah_keluar(user=op, penduduk=anak, tanggal=KEMARIN, alamat_tujuan="",
                                      kode_wilayah_tujuan="62-07")
    assert "wajib" in pesan(exc, "alamat_tujuan") and "Kemendagri" in pesan(exc, "kode_wilayah_tujuan")
    ev = peristiwa.catat_pindah_keluar(user=op, penduduk=anak, tanggal=KEMARIN, alamat_tujuan="Jl. Tjilik Riwut, Palangka Raya",
                                       kode_wilayah_tujuan="62.71.01.1001", alasan="Pendidikan")
    anak.refresh_from_db()
    assert (anak.status_dasar, anak.keluarga_id, anak.owner_id) == (3, None, DESA_A)
    assert (ev.kode_wilayah_lain, ev.alasan, ev.keluarga_sebelum_id) == ("62.71.01.1001", "Pendidikan", kk.pk)
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_mati(user=op, penduduk=anak, tanggal=HARI_INI)
    assert "pindah keluar" in pesan(exc, "penduduk")


def test_a_whole_family_moves_out_at_once(op, keluarga_baru):
    kk, anggota = keluarga_baru()
    evs = peristiwa.catat_pindah_keluarga(user=op, keluarga=kk, tanggal=KEMARIN, alamat_tujuan="Sampit",
                                          kode_wilayah_tujuan="62.02")
    assert len(evs) == 3 and all(e.rincian["sekeluarga"] for e in evs)
    assert evs[-1].penduduk_id == kk.kepala_id
    assert set(Penduduk.objects.filter(pk__in=[a.pk for a in anggota]).values_list("status_dasar", flat=True)) == {3}
    assert not Penduduk.objects.filter(keluarga=kk).exists()
    kk.refresh_from_db()
    assert kk.kepala_id is None
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_pindah_keluarga(user=op, keluarga=kk, tanggal=KEMARIN, alamat_tujuan="Sampit")
    assert "tidak punya anggota" in pesan(exc, "keluarga")


def test_family_move_is_all_or_nothing(op, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    peristiwa.catat_pergi(user=op, penduduk=anak, tanggal=HARI_INI)  # an event later than the move date
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_pindah_keluarga(user=op, keluarga=kk, tanggal=KEMARIN, alamat_tujuan="Sampit")
    assert "Rizki Fauzi" in pesan(exc, "tanggal")
    assert set(Penduduk.objects.filter(keluarga=kk).values_list("status_dasar", flat=True)) == {1, 6}


def test_operator_of_another_village_cannot_record_events(pengguna, keluarga_baru):
    kk, (kepala, _i, _a) = keluarga_baru(DESA_B)
    with pytest.raises(PermissionDenied):
        peristiwa.catat_mati(user=pengguna("operator_desa", DESA_A), penduduk=kepala, tanggal=KEMARIN)
    kepala.refresh_from_db()
    assert kepala.status_dasar == 1 and not Peristiwa.objects.exists()


# ---------------------------------------------------------------- datang

def _datang(**kw):
    data = {"wilayah": rt(DESA_A), "tanggal": KEMARIN, "nik": "6207024101950003", "nama": "Dewi Lestari",
            "tanggal_lahir": datetime.date(1995, 1, 1), "jenis_kelamin": 2, "agama": 1, "status_perkawinan": 1,
            "alamat_asal": "Desa Tumbang Manjul", "kode_wilayah_asal": "62.07.02.2001", "alasan": "Pekerjaan"}
    data.update(kw)
    return data


def test_newcomer_is_registered_with_origin(op, keluarga_baru):
    kk, _ = keluarga_baru()
    ev = peristiwa.catat_datang(user=op, keluarga=kk, shdk=9, setujui_peringatan=True, **_datang())
    p = ev.penduduk
    assert (p.owner_id, p.keluarga_id, p.shdk, p.status_dasar, p.tanggal_terdaftar) == (DESA_A, kk.pk, 9, 1, KEMARIN)
    assert (ev.jenis, ev.alamat_lain, ev.kode_wilayah_lain, ev.status_sebelum) == (
        Peristiwa.DATANG, "Desa Tumbang Manjul", "62.07.02.2001", None)


def test_datang_refusals(op, keluarga_baru):
    kk, _ = keluarga_baru(DESA_B)
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_datang(user=op, **_datang(alamat_asal="", shdk=4))
    assert "wajib" in pesan(exc, "alamat_asal") and "bersama-sama" in pesan(exc, "shdk")


def test_a_resident_who_moved_out_is_handed_over_to_the_new_village(pengguna, keluarga_baru):
    op_b = pengguna("operator_desa", DESA_B)
    _kk, (kepala, istri, anak) = keluarga_baru(DESA_B)
    peristiwa.catat_pindah_keluar(user=op_b, penduduk=anak, tanggal=KEMARIN - datetime.timedelta(days=5),
                                  alamat_tujuan="Pematang Limau", kode_wilayah_tujuan=DESA_A)
    op_a = pengguna("operator_desa", DESA_A)
    kk_a, _ = keluarga_baru(DESA_A)
    ev = peristiwa.catat_datang(user=op_a, keluarga=kk_a, shdk=9, **_datang(
        nik=anak.nik, nama="RIZKI  fauzi", tanggal_lahir=anak.tanggal_lahir, alamat_asal="Sungai Perlu",
        kode_wilayah_asal=""))
    anak.refresh_from_db()
    assert ev.penduduk_id == anak.pk
    assert (anak.owner_id, anak.wilayah_id, anak.keluarga_id, anak.status_dasar) == (DESA_A, rt(DESA_A), kk_a.pk, 1)
    assert (ev.status_sebelum, ev.owner_id, ev.rincian["desa_asal"], ev.rincian["ambil_alih"]) == (3, DESA_A, DESA_B, True)
    # The old village's event stays its own record; both are in the person's history.
    assert list(Peristiwa.objects.filter(penduduk=anak).order_by("tanggal").values_list("owner_id", flat=True)) == [
        DESA_B, DESA_A]


@pytest.mark.parametrize("ubah", [{}, {"nama": "Orang Lain"}])
def test_an_existing_nik_not_moved_out_or_with_other_data_is_refused_without_saying_where(pengguna, keluarga_baru, ubah):
    op_b = pengguna("operator_desa", DESA_B)
    _kk, (kepala, _istri, anak) = keluarga_baru(DESA_C)
    if ubah:
        peristiwa.catat_pindah_keluar(user=None, penduduk=anak, tanggal=KEMARIN, alamat_tujuan="X")
    data = {"nik": anak.nik, "nama": anak.nama, "tanggal_lahir": anak.tanggal_lahir, **ubah}
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_datang(user=op_b, **_datang(**data))
    text = pesan(exc, "nik")
    assert text == peristiwa.NIK_DITOLAK
    assert DESA_C not in text and "Gantung" not in text and anak.nama not in text
    anak.refresh_from_db()
    assert anak.owner_id == DESA_C


def test_datang_answers_the_same_whether_or_not_the_nik_and_name_match(pengguna, keluarga_baru):
    """A future date is refused on `tanggal` alone, for the right and the wrong name alike: the
    form cannot tell anyone that a NIK belongs to a name and birth date."""
    _kk, (_kepala, _istri, anak) = keluarga_baru(DESA_C)
    peristiwa.catat_pindah_keluar(user=None, penduduk=anak, tanggal=KEMARIN, alamat_tujuan="X")
    op_b = pengguna("operator_desa", DESA_B)
    besok = datetime.date.today() + datetime.timedelta(days=3)
    jawaban = []
    for nama in (anak.nama, "Orang Lain"):
        with pytest.raises(ValidationError) as exc:
            peristiwa.catat_datang(user=op_b, **_datang(nik=anak.nik, nama=nama, tanggal_lahir=anak.tanggal_lahir,
                                                        tanggal=besok, wilayah=rt(DESA_B)))
        jawaban.append(exc.value.message_dict)
    assert jawaban[0] == jawaban[1] and set(jawaban[0]) == {"tanggal"}


def test_only_the_named_destination_village_takes_over_a_resident(pengguna, keluarga_baru):
    _kk, (_kepala, _istri, anak) = keluarga_baru(DESA_C)
    peristiwa.catat_pindah_keluar(user=None, penduduk=anak, tanggal=KEMARIN, alamat_tujuan="Pematang Limau",
                                  kode_wilayah_tujuan=DESA_A)
    with pytest.raises(ValidationError) as exc:
        peristiwa.catat_datang(user=pengguna("operator_desa", DESA_B), **_datang(
            nik=anak.nik, nama=anak.nama, tanggal_lahir=anak.tanggal_lahir, wilayah=rt(DESA_B)))
    assert pesan(exc, "nik") == peristiwa.NIK_DITOLAK
    anak.refresh_from_db()
    assert anak.owner_id == DESA_C


# ---------------------------------------------------------------- family operations

def test_move_a_member_to_another_family(op, keluarga_baru):
    kk1, (kepala1, istri1, anak1) = keluarga_baru()
    kk2, (kepala2, _i2, _a2) = keluarga_baru(nama_kepala="Bambang")
    evs = peristiwa.pindah_anggota(user=op, penduduk=anak1, keluarga_tujuan=kk2, shdk=5, tanggal=KEMARIN)
    anak1.refresh_from_db()
    assert (anak1.keluarga_id, anak1.shdk, anak1.wilayah_id) == (kk2.pk, 5, kk2.wilayah_id)
    assert len(evs) == 1 and (evs[0].keluarga_sebelum_id, evs[0].keluarga_sesudah_id) == (kk1.pk, kk2.pk)
    assert evs[0].rincian == {"operasi": "pindah", "shdk_sebelum": 4, "shdk_sesudah": 5}
    with pytest.raises(ValidationError) as exc:
        peristiwa.pindah_anggota(user=op, penduduk=anak1, keluarga_tujuan=kk2, shdk=1, tanggal=KEMARIN)
    assert "sudah menjadi anggota" in pesan(exc, "keluarga_tujuan") and "sudah memiliki kepala" in pesan(exc, "shdk")
    # The head moves: the old family gets a new head in the same operation.
    evs = peristiwa.pindah_anggota(user=op, penduduk=kepala1, keluarga_tujuan=kk2, shdk=9, tanggal=KEMARIN,
                                   kepala_baru=istri1.pk)
    kk1.refresh_from_db()
    assert kk1.kepala_id == istri1.pk and len(evs) == 2


def test_move_to_another_village_family_is_refused(op, pengguna, keluarga_baru):
    _kk1, (_k, _i, anak) = keluarga_baru()
    kk_b, _ = keluarga_baru(DESA_B)
    with pytest.raises(PermissionDenied):
        peristiwa.pindah_anggota(user=op, penduduk=anak, keluarga_tujuan=kk_b, shdk=4, tanggal=KEMARIN)
    with pytest.raises(ValidationError) as exc:
        peristiwa.pindah_anggota(user=None, penduduk=anak, keluarga_tujuan=kk_b, shdk=4, tanggal=KEMARIN)
    assert "desa lain" in pesan(exc, "keluarga_tujuan")


def test_split_a_family(op, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    baru, evs = peristiwa.pecah_kk(user=op, keluarga=kk, pindah={str(anak.pk): 1, istri.pk: 7},
                                   no_kk="6207010101200999", tanggal=KEMARIN)
    assert baru.kepala_id == anak.pk and baru.owner_id == DESA_A and baru.alamat == kk.alamat
    assert dict(Penduduk.objects.filter(keluarga=baru).values_list("nama", "shdk")) == {"Rizki Fauzi": 1, "Siti Aminah": 7}
    assert {e.keluarga_sesudah_id for e in evs} == {baru.pk} and len(evs) == 2
    assert all("6207010101200999" not in str(e.rincian) for e in evs)
    kk.refresh_from_db()
    assert kk.kepala_id == kepala.pk


@pytest.mark.parametrize(("pindah", "no_kk", "field", "teks"), [
    ("kosong", "6207010101200998", "anggota", "Pilih anggota"),
    ("semua", "6207010101200998", "anggota", "Sisakan"),
    ("dua_kepala", "6207010101200998", "anggota", "Tepat satu"),
    ("tanpa_kepala", "6207010101200998", "anggota", "Tepat satu"),
    ("satu", "123", "no_kk", "16 angka"),
])
def test_split_refusals(op, keluarga_baru, pindah, no_kk, field, teks):
    kk, (kepala, istri, anak) = keluarga_baru()
    pindah = {"semua": {kepala.pk: 1, istri.pk: 3, anak.pk: 4}, "dua_kepala": {istri.pk: 1, anak.pk: 1},
              "tanpa_kepala": {anak.pk: 4}, "satu": {anak.pk: 1}, "kosong": {}}[pindah]
    with pytest.raises(ValidationError) as exc:
        peristiwa.pecah_kk(user=op, keluarga=kk, pindah=pindah, no_kk=no_kk, tanggal=KEMARIN)
    assert teks in pesan(exc, field)
    assert Keluarga.objects.count() == 1 and not Peristiwa.objects.exists()


def test_form_a_new_family_from_one_resident(op, keluarga_baru, warga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    baru = peristiwa.bentuk_kk(user=op, penduduk=anak, no_kk="6207010101200997", tanggal=KEMARIN, alamat="Gang Baru")
    anak.refresh_from_db()
    assert (anak.keluarga_id, anak.shdk, anak.alamat, baru.kepala_id) == (baru.pk, 1, "Gang Baru", anak.pk)
    ev = Peristiwa.objects.get(penduduk=anak)
    assert (ev.keluarga_sebelum_id, ev.keluarga_sesudah_id, ev.rincian["operasi"]) == (kk.pk, baru.pk, "bentuk")
    sendiri = warga_baru(nama="Sendiri")
    kk_sendiri = services.create_keluarga(user=op, no_kk="6207010101200996", wilayah=rt(DESA_A), kepala=sendiri)
    with pytest.raises(ValidationError) as exc:
        peristiwa.bentuk_kk(user=op, penduduk=sendiri, no_kk="6207010101200995", tanggal=KEMARIN)
    assert "satu-satunya" in pesan(exc, "penduduk")
    assert kk_sendiri.kepala_id == sendiri.pk
    with pytest.raises(ValidationError) as exc:
        peristiwa.bentuk_kk(user=op, penduduk=istri, no_kk="6207010101200997", tanggal=KEMARIN)
    assert "sudah terdaftar" in pesan(exc, "no_kk")


def test_editing_a_resident_cannot_change_family_or_relationship(op, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    kk2, _ = keluarga_baru(nama_kepala="Lain")
    services.update_penduduk(user=op, penduduk=anak, keluarga=kk, shdk=4, nama="Rizki F.")  # unchanged: fine
    with pytest.raises(ValidationError) as exc:
        services.update_penduduk(user=op, penduduk=anak, keluarga=kk2, shdk=1)
    assert "peristiwa" in pesan(exc, "keluarga") and "peristiwa" in pesan(exc, "shdk")
    anak.refresh_from_db()
    assert (anak.nama, anak.keluarga_id, anak.shdk) == ("Rizki F.", kk.pk, 4)


def test_temporary_nik_is_generated_when_missing(op, wil):
    p = services.create_penduduk(user=op, nik="", nik_sementara=True, nama="Tanpa NIK", jenis_kelamin=1,
                                 tanggal_lahir=datetime.date(2000, 1, 1), agama=1, status_perkawinan=1,
                                 wilayah=rt(DESA_A))
    assert p.nik == "0620701200500001"


def test_a_failed_event_changes_nothing(op, keluarga_baru):
    kk, (kepala, istri, anak) = keluarga_baru()
    n = Jurnal.objects.count()
    with pytest.raises(ValidationError), transaction.atomic():
        peristiwa.catat_mati(user=op, penduduk=kepala, tanggal=KEMARIN, kepala_baru=kepala.pk)
    assert Jurnal.objects.count() == n
    kepala.refresh_from_db()
    assert kepala.status_dasar == 1 and kepala.keluarga_id == kk.pk


def test_the_old_village_no_longer_edits_a_resident_who_moved_out(op, keluarga_baru):
    _kk, (_kepala, _istri, anak) = keluarga_baru()
    peristiwa.catat_pindah_keluar(user=op, penduduk=anak, tanggal=KEMARIN, alamat_tujuan="Sampit")
    with pytest.raises(ValidationError) as exc:
        services.update_penduduk(user=op, penduduk=anak, nama="Nama Lain")
    assert "sudah pindah keluar" in pesan(exc, "nama")
    anak.refresh_from_db()
    assert anak.nama != "Nama Lain"
