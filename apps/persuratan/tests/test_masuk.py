"""Incoming letters: registering paper letters in the unit's agenda, read tracking, filing, and
the pages (inbox, registration form, detail, downloads) with pinned query counts."""
from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.persuratan import masuk
from apps.persuratan.models import BerkasPersuratan, SeriNomor, StatusMasuk, SuratMasuk

from ._masuk import HTML, PDF, catat, dunia_masuk, elektronik, hari, login, unggahan  # noqa: F401

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- registering paper letters

def test_paper_letters_get_consecutive_agenda_numbers_of_the_unit(dunia):
    a = catat(dunia)
    b = catat(dunia, perihal="Permohonan data")
    c = catat(dunia, unit="bappeda", oleh="analis")
    assert (a.nomor_agenda, b.nomor_agenda, c.nomor_agenda) == (1, 2, 1)
    assert a.owner_id == dunia.unit["setda"].wilayah_id and a.sumber == SuratMasuk.FISIK
    assert a.dicatat_oleh == dunia.u["agendaris"] and a.status == StatusMasuk.BARU
    assert SeriNomor.objects.get(unit=dunia.unit["setda"], seri="masuk").terakhir == 2
    assert "undangan rapat koordinasi" in a.teks_cari


def test_urgency_sets_the_priority_and_a_scan_is_stored_and_searchable(dunia):
    sm = catat(dunia, urgensi="sangat_segera", batas_waktu=hari(3), berkas=[unggahan()])
    assert sm.prioritas == 0
    b = BerkasPersuratan.objects.get(surat_masuk=sm)
    assert b.jenis_mime == "application/pdf" and b.owner_id == sm.owner_id
    assert "scan.pdf" in SuratMasuk.objects.get(pk=sm.pk).teks_cari


@pytest.mark.parametrize("ubah,field,pesan", [
    ({"pengirim": "  "}, "pengirim", "Isi pengirim"),
    ({"nomor_surat": ""}, "nomor_surat", "Isi nomor surat"),
    ({"perihal": ""}, "perihal", "Isi perihal"),
    ({"tanggal_surat": None}, "tanggal_surat", "Isi tanggal surat"),
    ({"tanggal_surat": hari(2)}, "tanggal_surat", "masa depan"),
    ({"diterima": hari(-5)}, "diterima", "sebelum tanggal surat"),
    ({"diterima": hari(3)}, "diterima", "masa depan"),
    ({"batas_waktu": hari(-1)}, "batas_waktu", "masa lalu"),
    ({"urgensi": "kilat"}, "urgensi", "Derajat kecepatan"),
    ({"sifat": "umum"}, "sifat", "Sifat surat"),
    ({"jenis": "memo"}, "jenis", "Jenis naskah"),
])
def test_bad_input_is_refused_per_field_and_nothing_is_written(dunia, ubah, field, pesan):
    with pytest.raises(ValidationError) as exc:
        catat(dunia, **ubah)
    assert pesan in " ".join(exc.value.message_dict[field])
    assert not SuratMasuk.objects.exists() and not SeriNomor.objects.exists()


def test_a_non_member_or_a_bad_scan_writes_nothing(dunia):
    with pytest.raises(ValidationError) as exc:
        catat(dunia, unit="setda", oleh="analis")  # Bappeda staff registering into Setda's agenda
    assert "tidak bekerja di unit ini" in exc.value.message_dict["unit"][0]
    with pytest.raises(ValidationError) as exc:
        catat(dunia, berkas=unggahan(HTML, "x.html", "text/html"))
    assert "bukan PDF" in exc.value.message_dict["berkas"][0]
    assert not SuratMasuk.objects.exists() and not BerkasPersuratan.objects.exists()
    assert not SeriNomor.objects.filter(terakhir__gt=0).exists()


# ---------------------------------------------------------------- reading and filing

def test_first_reading_is_recorded_once(dunia):
    sm = catat(dunia)
    masuk.tandai_dibaca(sm, pengguna=dunia.u["sekda"])
    sm.refresh_from_db()
    pertama = sm.dibaca_pada
    assert sm.status == StatusMasuk.DIBACA and sm.dibaca_oleh == dunia.u["sekda"]
    masuk.tandai_dibaca(sm, pengguna=dunia.u["bupati"])
    sm.refresh_from_db()
    assert sm.dibaca_pada == pertama and sm.dibaca_oleh == dunia.u["sekda"]


def test_reading_by_someone_outside_the_unit_records_nothing(dunia):
    sm = catat(dunia)
    masuk.tandai_dibaca(sm, pengguna=dunia.u["kepala_bappeda"])
    sm.refresh_from_db()
    assert sm.dibaca_pada is None and sm.status == StatusMasuk.BARU


def test_filing_a_letter_and_refusing_it_twice(dunia):
    sm = catat(dunia)
    masuk.selesaikan_surat(sm, pengguna=dunia.u["agendaris"])
    sm.refresh_from_db()
    assert sm.status == StatusMasuk.SELESAI and sm.selesai_pada
    with pytest.raises(ValidationError) as exc:
        masuk.selesaikan_surat(sm, pengguna=dunia.u["agendaris"])
    assert "sudah selesai" in exc.value.message_dict["status"][0]


def test_a_letter_with_open_dispositions_is_not_filed(dunia):
    sm = catat(dunia)
    masuk.disposisikan(pengguna=dunia.u["bupati"], surat_masuk=sm, instruksi="Pelajari", urgensi="biasa",
                       batas_waktu=hari(5), kepada=[dunia.jab["sekda"]])
    with pytest.raises(ValidationError) as exc:
        masuk.selesaikan_surat(sm, pengguna=dunia.u["agendaris"])
    assert "belum selesai" in exc.value.message_dict["status"][0]


# ---------------------------------------------------------------- pages

def test_register_form_shows_errors_and_then_saves_with_a_scan(dunia, client):
    login(client, dunia, "agendaris")
    url = reverse("persuratan:masuk_catat")
    assert client.get(url).status_code == 200
    resp = client.post(url, {"pengirim": "", "nomor_surat": "1", "tanggal_surat": hari(-1).isoformat(), "perihal": "X",
                             "sifat": "biasa", "urgensi": "biasa"})
    assert resp.status_code == 200 and "Isi pengirim surat" in resp.content.decode()
    assert not SuratMasuk.objects.exists()
    resp = client.post(url, {"pengirim": "Polsek", "nomor_surat": "B/1", "tanggal_surat": hari(-1).isoformat(),
                             "perihal": "Pemberitahuan", "sifat": "biasa", "urgensi": "segera",
                             "unit": dunia.unit["setda"].pk, "berkas": [unggahan(), unggahan(PDF, "b.pdf")]})
    sm = SuratMasuk.objects.get()
    assert resp.status_code == 302 and resp["Location"] == sm.get_absolute_url()
    assert sm.lampiran.count() == 2 and sm.prioritas == 1


def test_the_form_refuses_a_unit_the_user_does_not_work_in(dunia, client):
    login(client, dunia, "kades")
    resp = client.post(reverse("persuratan:masuk_catat"), {
        "unit": dunia.unit["bpd"].pk, "pengirim": "Camat", "nomor_surat": "1", "tanggal_surat": hari(-1).isoformat(),
        "perihal": "X", "sifat": "biasa", "urgensi": "biasa"})
    assert resp.status_code == 200 and "tidak bekerja di unit ini" in resp.content.decode()
    assert not SuratMasuk.objects.exists()


def test_a_role_without_registration_rights_gets_403_on_the_form(dunia, client):
    from apps.akun.models import Pengguna

    client.force_login(Pengguna.objects.create_user(username="tamu", password="x-panjang-sekali"))
    assert client.get(reverse("persuratan:masuk_catat")).status_code == 403


def test_inbox_sorts_by_urgency_then_deadline_and_flags_overdue(dunia, client, django_assert_max_num_queries):
    biasa = catat(dunia, perihal="Biasa saja")
    segera = catat(dunia, perihal="Segera A", urgensi="segera", batas_waktu=hari(10))
    segera_dekat = catat(dunia, perihal="Segera B", urgensi="segera", batas_waktu=hari(1))
    kilat = catat(dunia, perihal="Sangat segera", urgensi="sangat_segera")
    lewat = catat(dunia, perihal="Sudah lewat", urgensi="segera", batas_waktu=hari(0))
    SuratMasuk.objects.filter(pk=lewat.pk).update(batas_waktu=hari(-3))
    selesai = catat(dunia, perihal="Sudah arsip")
    masuk.selesaikan_surat(selesai, pengguna=dunia.u["agendaris"])
    items = masuk.kotak_masuk(dunia.u["agendaris"], dunia.unit["setda"])
    assert [i.obj.pk for i in items] == [kilat.pk, lewat.pk, segera_dekat.pk, segera.pk, biasa.pk]
    assert items[1].terlambat_hari == 3
    login(client, dunia, "agendaris")
    client.get(reverse("persuratan:kotak_masuk"))  # the first request of a session also saves the session
    with django_assert_max_num_queries(14):  # 3 for the session (saved on every request), 1 to clear seen notices, 10 for the page
        resp = client.get(reverse("persuratan:kotak_masuk"))
    body = resp.content.decode()
    assert resp.status_code == 200 and "Terlambat 3 hari" in body and "table-danger" in body
    assert "Sudah arsip" not in body
    assert "Sudah arsip" in client.get(reverse("persuratan:kotak_masuk") + "?tab=semua").content.decode()


def test_inbox_query_count_does_not_grow_with_rows(dunia, client, django_assert_max_num_queries):
    for i in range(30):
        catat(dunia, perihal=f"Surat {i}")
    sm = catat(dunia, perihal="Untuk didisposisi")
    masuk.disposisikan(pengguna=dunia.u["bupati"], surat_masuk=sm, instruksi="Tindak lanjuti", urgensi="segera",
                       batas_waktu=hari(3), kepada=[dunia.jab["sekda"], dunia.jab["kepala_bappeda"]])
    login(client, dunia, "sekda")
    client.get(reverse("persuratan:kotak_masuk"))
    with django_assert_max_num_queries(14):
        resp = client.get(reverse("persuratan:kotak_masuk"))
    assert resp.content.decode().count("data-jenis=") == 32  # 31 letters + the disposition to the Sekda


def test_unit_switcher_for_someone_in_two_units(dunia, client):
    from apps.akun.models import Keanggotaan

    kades = dunia.u["kades"]
    Keanggotaan.objects.create(pengguna=kades, peran="bpd", wilayah_id=dunia.unit["bpd"].wilayah_id,
                               unit=dunia.unit["bpd"], owner_id=dunia.unit["bpd"].wilayah_id)
    catat(dunia, unit="bpd", oleh="bpd", perihal="Aspirasi warga")
    catat(dunia, unit="pemdes", oleh="operator", perihal="Surat camat")
    login(client, dunia, "kades")
    body = client.get(reverse("persuratan:kotak_masuk")).content.decode()
    assert 'id="pilih-unit"' in body
    body = client.get(reverse("persuratan:kotak_masuk") + f"?unit={dunia.unit['pemdes'].pk}").content.decode()
    assert "Surat camat" in body and "Aspirasi warga" not in body
    body = client.get(reverse("persuratan:kotak_masuk") + f"?unit={dunia.unit['bpd'].pk}").content.decode()
    assert "Aspirasi warga" in body and "Surat camat" not in body


def test_detail_marks_read_shows_the_naskah_and_links_the_pdf(dunia, client, django_assert_max_num_queries):
    sm = elektronik(dunia, dari="pemdes", ke="setda")
    BerkasPersuratan.objects.create(naskah=sm.naskah, berkas="persuratan/x/lampiran", nama_asli="rab.pdf",
                                    jenis_mime="application/pdf", ukuran=10, sha256="0" * 64,
                                    pengunggah=dunia.u["kades"], owner_id=sm.naskah.owner_id)
    login(client, dunia, "agendaris")
    client.get(sm.get_absolute_url())  # the first reading writes (read time and reader)
    with django_assert_max_num_queries(20):
        resp = client.get(sm.get_absolute_url())
    body = resp.content.decode()
    assert resp.status_code == 200 and "Dengan hormat, bersama ini" in body and "rab.pdf" in body
    assert reverse("persuratan:masuk_pdf", args=[sm.pk]) in body and f"?balas={sm.pk}" in body
    sm.refresh_from_db()
    assert sm.status == StatusMasuk.DIBACA and sm.dibaca_oleh == dunia.u["agendaris"]
    pdf = client.get(reverse("persuratan:masuk_pdf", args=[sm.pk]))
    assert pdf.status_code == 200 and pdf["Content-Disposition"].startswith("attachment")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_detail_query_count_is_flat_with_a_big_tree(dunia, client, django_assert_max_num_queries):
    sm = catat(dunia)
    u, j = dunia.u, dunia.jab
    d1 = masuk.disposisikan(pengguna=u["bupati"], surat_masuk=sm, instruksi="Tangani", urgensi="segera",
                            batas_waktu=hari(9), kepada=[j["sekda"], j["kepala_bappeda"]])
    pd_kb = d1.penerima.get(jabatan=j["kepala_bappeda"])
    d2 = masuk.disposisikan(pengguna=u["kepala_bappeda"], induk=pd_kb, instruksi="Siapkan bahan", urgensi="segera",
                            batas_waktu=hari(7), kepada=[j["kabid"]])
    pd_kabid = d2.penerima.get()
    masuk.disposisikan(pengguna=u["kabid"], induk=pd_kabid, instruksi="Kumpulkan data", urgensi="biasa",
                       batas_waktu=hari(5), kepada=[j["analis"]])
    for i in range(3):
        masuk.tindak_lanjut(pd_kabid, pengguna=u["kabid"], catatan=f"Catatan {i}", berkas=[unggahan()])
    login(client, dunia, "agendaris")
    with django_assert_max_num_queries(22):
        resp = client.get(sm.get_absolute_url())
    body = resp.content.decode()
    assert "Kumpulkan data" in body and "Catatan 2" in body and "Analis Perencanaan" in body
