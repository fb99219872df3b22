"""Services of the aspiration area: submission and routing, SLA in working days with holidays,
the handling actions, rating and reopening, moderation and escalation."""
from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.akun.models import Notifikasi
from apps.aspirasi import layanan, moderasi, sla
from apps.aspirasi.models import Aspirasi, AturanSla, Penanganan, TindakanAspirasi
from apps.sinkron.context import acting_as
from apps.wilayah import kalender
from apps.wilayah.models import HariLibur
from tests import world

from ._aspirasi import HTML, JPEG, PNG, SVG, WEBP, lapor

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- SLA

def test_working_days_skip_weekends_and_the_kabupaten_holidays(dunia):
    jumat = datetime.date(2026, 12, 18)
    assert kalender.tambah_hari_kerja(jumat, 3) == datetime.date(2026, 12, 23)
    libur = kalender.libur(world.KAB)
    assert datetime.date(2026, 12, 25) in libur
    # Mon 21, Tue 22, Wed 23, Thu 24, (Fri 25 Natal), Mon 28
    assert kalender.tambah_hari_kerja(jumat, 5, libur) == datetime.date(2026, 12, 28)
    tanggap, selesai = sla.tenggat(jumat, world.KAB, "pengaduan", dunia.kat_kab)
    assert (tanggap, selesai) == (datetime.date(2026, 12, 23), datetime.date(2026, 12, 28))


def test_class_and_category_pick_the_level_and_kabupaten_rows_override_defaults(dunia):
    senin = datetime.date(2026, 11, 2)
    assert sla.kode_penyelesaian("informasi", dunia.kat_kab) == AturanSla.INFORMASI
    dunia.kat_kab.sla = AturanSla.CEK_LAPANGAN
    assert sla.kode_penyelesaian("pengaduan", dunia.kat_kab) == AturanSla.CEK_LAPANGAN
    assert sla.tenggat(senin, world.KAB, "pengaduan", dunia.kat_kab, frozenset())[1] == \
        kalender.tambah_hari_kerja(senin, 60)
    AturanSla.objects.create(kode=AturanSla.TANGGAPAN_PERTAMA, hari_kerja=1, owner_id=world.KAB)
    assert sla.aturan(world.KAB)[AturanSla.TANGGAPAN_PERTAMA] == 1
    assert sla.aturan(world.KAB_LAIN)[AturanSla.TANGGAPAN_PERTAMA] == 3


# ---------------------------------------------------------------- submission and routing

def test_submission_routes_a_regency_matter_to_the_kecamatan_and_notifies_it(dunia):
    asp = lapor(dunia)
    assert re.fullmatch(f"[{layanan.ALFABET}]{{10}}", asp.kode_lacak)
    assert asp.owner_id == world.DESA and asp.kecamatan_kode == world.KEC
    assert (asp.status, asp.terbuka, asp.unit_saat_ini) == ("diterima", True, dunia.kec_unit)
    pen = asp.penanganan.get()
    assert pen.aktif and pen.unit == dunia.kec_unit and pen.tenggat_selesai == asp.tenggat
    assert asp.tindakan.get().jenis == "diterima"
    assert Notifikasi.objects.filter(pengguna=dunia.users["camat"]).exists()


def test_a_village_matter_goes_to_the_village_office(dunia):
    asp = lapor(dunia, kategori=dunia.kat_desa)
    assert asp.unit_saat_ini == dunia.desa_unit


def test_codes_are_unique_and_unambiguous(dunia):
    kode = {layanan.buat_kode() for _ in range(200)}
    assert len(kode) == 200
    assert not any(set(k) & set("01IO") for k in kode)


@pytest.mark.parametrize("ubah,field,pesan", [
    ({"judul": ""}, "judul", "Isi judul"),
    ({"isi": "pendek"}, "isi", "terlalu singkat"),
    ({"nama": ""}, "nama", "Isi nama"),
    ({"lokasi": "99.99"}, "lokasi", "Pilih desa"),
    ({"lokasi": world.DESA_KAB_LAIN}, "kategori", "Pilih kategori"),
    ({"klasifikasi": "gosip"}, "klasifikasi", "Pilih jenis"),
    ({"lat": "1.0"}, "lokasi", "lintang dan bujur"),
    ({"lat": "100", "lng": "112"}, "lokasi", "tidak valid"),
    ({"judul": "x" * 151}, "judul", "paling panjang 150"),
])
def test_bad_input_is_refused_per_field_and_nothing_is_written(dunia, ubah, field, pesan):
    sebelum = TindakanAspirasi.objects.count()
    with pytest.raises(ValidationError) as e:
        lapor(dunia, **ubah)
    assert pesan in " ".join(e.value.message_dict[field])
    assert TindakanAspirasi.objects.count() == sebelum


def test_anonymous_needs_no_name(dunia):
    asp = lapor(dunia, nama="", kontak="", anonim=True)
    assert asp.anonim and asp.pelapor_nama == ""


@pytest.mark.parametrize("data,ok", [(JPEG, True), (PNG, True), (WEBP, True), (HTML, False), (SVG, False)])
def test_photos_are_sniffed(dunia, data, ok):
    berkas = SimpleUploadedFile("foto.jpg", data, content_type="image/jpeg")
    if ok:
        assert lapor(dunia, foto=[berkas]).foto.count() == 1
    else:
        with pytest.raises(ValidationError) as e:
            lapor(dunia, foto=[berkas])
        assert "JPG, PNG atau WebP" in e.value.message_dict["foto"][0]


def test_stored_photos_carry_no_metadata_and_stay_valid_images(dunia):
    """EXIF GPS, owner and device serial could name an anonymous reporter: none of it is stored."""
    from apps.dokumen.tests import _gambar

    asp = lapor(dunia, anonim=True, nama="", kontak="", foto=[SimpleUploadedFile("a.jpg", JPEG),
                SimpleUploadedFile("b.png", PNG), SimpleUploadedFile("c.webp", WEBP)])
    disimpan = {f.jenis_mime: f.berkas.open("rb").read() for f in asp.foto.all()}
    assert set(disimpan) == {"image/jpeg", "image/png", "image/webp"}
    for data in disimpan.values():
        _gambar.tanpa_metadata(data)
    assert _gambar.segmen_jpeg(disimpan["image/jpeg"]) == [0xE0, 0xDB, 0xC0, 0xC4, 0xC4, 0xDA]
    assert _gambar.chunk_png(disimpan["image/png"]) == [b"IHDR", b"IDAT", b"IEND"]
    assert [t for t, _ in _gambar.chunk_webp(disimpan["image/webp"])] == [b"VP8X", b"VP8L"]


def test_a_photo_that_cannot_be_read_is_refused_not_stored(dunia):
    sebelum = Aspirasi.objects.count()
    with pytest.raises(ValidationError) as e:
        lapor(dunia, foto=[SimpleUploadedFile("rusak.jpg", JPEG[:40])])
    assert "rusak.jpg tidak dapat dibaca" in e.value.message_dict["foto"][0]
    assert Aspirasi.objects.count() == sebelum


def test_at_most_three_photos_of_five_megabytes(dunia):
    foto = [SimpleUploadedFile(f"{i}.png", PNG) for i in range(4)]
    with pytest.raises(ValidationError, match="Paling banyak 3"):
        lapor(dunia, foto=foto)
    besar = SimpleUploadedFile("besar.jpg", JPEG + b"\x00" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="5 MB"):
        lapor(dunia, foto=[besar])


def test_an_operator_records_a_walk_in_only_in_their_area(dunia):
    op = dunia.users["operator_desa"]
    with pytest.raises(ValidationError) as e:
        layanan.ajukan(klasifikasi="aspirasi", kategori=dunia.kat_desa, judul="Lampu jalan", isi="Lampu jalan mati "
                       "sejak sebulan.", lokasi=world.DESA, nama="Pak Ali", petugas=op)
    assert "kanal" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        layanan.ajukan(klasifikasi="aspirasi", kategori=dunia.kat_desa, judul="Lampu jalan", isi="Lampu jalan mati "
                       "sejak sebulan.", lokasi=world.DESA_TETANGGA, nama="Pak Ali", petugas=op, kanal="loket")
    assert "di luar wilayah" in e.value.message_dict["lokasi"][0]
    asp = layanan.ajukan(klasifikasi="aspirasi", kategori=dunia.kat_desa, judul="Lampu jalan",
                         isi="Lampu jalan mati sejak sebulan.", lokasi=world.DESA, nama="Pak Ali", petugas=op,
                         kanal="kotak")
    assert asp.kanal == "kotak" and asp.dicatat_oleh == op


# ---------------------------------------------------------------- handling

def test_the_kecamatan_routes_to_the_agency_which_answers_and_finishes(dunia):
    asp = lapor(dunia)
    camat, staf_pd = dunia.users["camat"], dunia.users["staf_pd"]
    layanan.tindak(camat, asp, "verifikasi", "Laporan lengkap.")
    asp.refresh_from_db()
    assert asp.status == "diverifikasi" and asp.ditanggapi_pada is not None
    with pytest.raises(ValidationError) as e:
        layanan.tindak(camat, asp, "teruskan", "", None)
    assert "ke_unit" in e.value.message_dict
    layanan.tindak(camat, asp, "teruskan", "Kewenangan dinas.", dunia.dpmd.pk)
    asp.refresh_from_db()
    assert asp.unit_saat_ini == dunia.dpmd and asp.status == "diteruskan"
    lama, baru = asp.penanganan.order_by("diterima_pada")
    assert (lama.aktif, lama.status, baru.aktif, baru.unit) == (False, "diteruskan", True, dunia.dpmd)
    with pytest.raises(ValidationError, match="unit lain"):
        layanan.tindak(camat, asp, "tanggapan", "Sudah dicek.")
    with pytest.raises(ValidationError) as e:
        layanan.tindak(staf_pd, asp, "selesai", "")
    assert "jawaban" in e.value.message_dict["isi"][0]
    layanan.tindak(staf_pd, asp, "tanggapan", "Tim akan survei minggu ini.")
    layanan.tindak(staf_pd, asp, "selesai", "Jembatan sudah diperbaiki.")
    asp.refresh_from_db()
    assert (asp.status, asp.terbuka) == ("selesai", False) and asp.selesai_pada
    with pytest.raises(ValidationError, match="sudah ditutup"):
        layanan.tindak(staf_pd, asp, "tanggapan", "lagi")


@pytest.mark.parametrize("jenis", ["tolak", "bukan_kewenangan", "tunda", "catatan"])
def test_actions_that_need_a_reason_refuse_without_one(dunia, jenis):
    asp = lapor(dunia)
    with pytest.raises(ValidationError) as e:
        layanan.tindak(dunia.users["camat"], asp, jenis, "  ")
    assert "isi" in e.value.message_dict


def test_internal_note_is_not_public_and_any_viewer_may_add_it(dunia):
    asp = lapor(dunia)
    t = layanan.tindak(dunia.users["bappeda"], asp, "catatan", "Perlu masuk Musrenbang.")
    assert t.publik is False
    with pytest.raises(ValidationError):
        layanan.tindak(dunia.users["bappeda"], asp, "tolak", "bukan urusan")


def test_rating_and_reopening(dunia):
    asp = lapor(dunia, kategori=dunia.kat_desa)
    with pytest.raises(ValidationError, match="setelah laporan selesai"):
        layanan.nilai(asp, 5)
    layanan.tindak(dunia.users["operator_desa"], asp, "selesai", "Sudah ditangani.")
    asp.refresh_from_db()
    for buruk in (0, 6, "x", None):
        with pytest.raises(ValidationError) as e:
            layanan.nilai(asp, buruk)
        assert "1 sampai 5" in e.value.message_dict["nilai"][0]
    layanan.nilai(asp, 4, "Cepat")
    with pytest.raises(ValidationError, match="sudah dinilai"):
        layanan.nilai(asp, 5)
    with pytest.raises(ValidationError) as e:
        layanan.buka_kembali(asp, "")
    assert "alasan" in e.value.message_dict
    layanan.buka_kembali(asp, "Lampu mati lagi.")
    asp.refresh_from_db()
    assert asp.status == "dibuka_kembali" and asp.terbuka and asp.unit_saat_ini == dunia.desa_unit
    assert asp.penanganan.filter(aktif=True).count() == 1


def test_reopening_is_refused_after_thirty_days(dunia):
    asp = lapor(dunia, kategori=dunia.kat_desa)
    layanan.tindak(dunia.users["operator_desa"], asp, "selesai", "Sudah ditangani.")
    asp.refresh_from_db()
    asp.selesai_pada = timezone.now() - datetime.timedelta(days=31)
    with pytest.raises(ValidationError, match="30 hari"):
        layanan.buka_kembali(asp, "Belum beres.")


# ---------------------------------------------------------------- moderation

def test_hide_and_merge(dunia):
    a, b = lapor(dunia), lapor(dunia, judul="Jembatan patah juga")
    camat = dunia.users["camat"]
    with pytest.raises(ValidationError):
        moderasi.sembunyikan(camat, a, "")
    with pytest.raises(ValidationError):
        moderasi.sembunyikan(dunia.users["bupati"], a, "kasar")  # a monitor only views
    moderasi.sembunyikan(camat, a, "Kata-kata kasar")
    a.refresh_from_db()
    assert a.disembunyikan
    with pytest.raises(ValidationError, match="tidak ditemukan"):
        moderasi.gabung(camat, b, "ZZZZZZZZZZ")
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        moderasi.gabung(camat, b, b.kode_lacak)
    moderasi.gabung(camat, b, a.kode_lacak)
    b.refresh_from_db()
    assert (b.duplikat_dari, b.status, b.terbuka) == (a, "digabung", False)
    assert not b.penanganan.filter(aktif=True).exists()


# ---------------------------------------------------------------- escalation

def test_escalation_is_idempotent_and_goes_to_the_bupati_office_later(dunia):
    asp = lapor(dunia)
    pen = asp.penanganan.get()
    with acting_as("sistem:uji"):
        Penanganan.objects.exclude(pk=pen.pk).update(eskalasi=2)  # the world's own rows are not part of this
        Penanganan.objects.filter(pk=pen.pk).update(tenggat_selesai=datetime.date(2026, 11, 2))
        HariLibur.objects.create(tanggal=datetime.date(2026, 11, 4), nama="Libur uji", owner_id=world.KAB)
    assert layanan.eskalasi(datetime.date(2026, 11, 2)) == 0  # on the deadline: not late
    assert layanan.eskalasi(datetime.date(2026, 11, 3)) == 1
    assert layanan.eskalasi(datetime.date(2026, 11, 3)) == 0
    pen.refresh_from_db()
    assert pen.eskalasi == 1
    # 3, (4 holiday), 5, 6 = 3 working days late: still level 1; Monday 9 is the 4th.
    assert layanan.eskalasi(datetime.date(2026, 11, 6)) == 0
    assert layanan.eskalasi(datetime.date(2026, 11, 9)) == 1
    assert layanan.eskalasi(datetime.date(2026, 11, 10)) == 0
    pen.refresh_from_db()
    assert pen.eskalasi == 2
    assert asp.tindakan.filter(jenis="eskalasi", publik=False).count() == 2
    assert Notifikasi.objects.filter(pengguna=dunia.users["bupati"], judul__contains="eskalasi 2").exists()
