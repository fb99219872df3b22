"""Dispositions: the head disposes, addressees cascade further, follow up with attachments and
close; the tree each sender sees; deadlines; who may act; overdue reminders once a day."""
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404
from django.urls import reverse

from apps.akun.models import Notifikasi
from apps.persuratan import masuk
from apps.persuratan.models import (
    BerkasPersuratan,
    Disposisi,
    PenerimaDisposisi,
    StatusDisposisi,
    StatusMasuk,
    TindakLanjut,
)
from apps.wilayah.models import Delegasi

from ._masuk import catat, dunia_masuk, hari, login, unggahan  # noqa: F401

pytestmark = pytest.mark.django_db


def dispo(d, *, oleh="bupati", kepada=("sekda", "kepala_bappeda"), sm=None, induk=None, batas=5, **kw):
    kw.setdefault("instruksi", "Pelajari dan siapkan bahan rapat")
    kw.setdefault("urgensi", "segera")
    return masuk.disposisikan(pengguna=d.u[oleh], kepada=[d.jab[k] for k in kepada], surat_masuk=sm, induk=induk,
                              batas_waktu=hari(batas) if batas is not None else None, **kw)


def pd_of(disp, jab):
    return disp.penerima.get(jabatan=jab)


def test_head_disposes_to_two_positions_with_a_deadline(dunia):
    sm = catat(dunia)
    disp = dispo(dunia, sm=sm, urgensi="sangat_segera")
    sm.refresh_from_db()
    assert sm.status == StatusMasuk.DIDISPOSISI and sm.dibaca_pada
    assert disp.unit == dunia.unit["setda"] and disp.dari_jabatan == dunia.jab["bupati"]
    assert disp.owner_id == dunia.unit["setda"].wilayah_id
    sekda, kb = pd_of(disp, dunia.jab["sekda"]), pd_of(disp, dunia.jab["kepala_bappeda"])
    assert sekda.pengguna == dunia.u["sekda"] and kb.pengguna == dunia.u["kepala_bappeda"]
    assert kb.unit == dunia.unit["bappeda"] and kb.owner_id == dunia.unit["bappeda"].wilayah_id
    assert kb.prioritas == 0 and kb.batas_waktu == hari(5) and kb.status == StatusDisposisi.BARU
    n = Notifikasi.objects.get(pengguna=dunia.u["kepala_bappeda"])
    assert n.tautan == kb.get_absolute_url() and "Undangan rapat" in n.judul


def test_a_vacant_position_reaches_every_member_of_its_unit(dunia):
    from apps.wilayah.models import Pejabat

    Pejabat.objects.filter(jabatan=dunia.jab["kepala_bappeda"]).delete()
    disp = dispo(dunia, sm=catat(dunia), kepada=("kepala_bappeda",))
    assert pd_of(disp, dunia.jab["kepala_bappeda"]).pengguna is None
    assert set(Notifikasi.objects.values_list("pengguna__username", flat=True)) == {"kepala_bappeda", "kabid",
                                                                                     "analis"}


@pytest.mark.parametrize("oleh", ["sekda", "agendaris", "kepala_bappeda"])
def test_only_the_head_disposes_a_letter(dunia, oleh):
    sm = catat(dunia)
    with pytest.raises(ValidationError) as exc:
        dispo(dunia, oleh=oleh, sm=sm, kepada=("kabid",))
    assert "Hanya kepala unit" in exc.value.message_dict["kepada"][0]
    assert not Disposisi.objects.exists()


def test_a_delegate_or_plt_of_the_head_disposes(dunia):
    Delegasi.objects.create(jabatan=dunia.jab["bupati"], kepada=dunia.u["sekda"], mulai=hari(-1), selesai=hari(3),
                            alasan="Dinas luar", dibuat_oleh=dunia.u["bupati"], owner_id="62.07")
    disp = dispo(dunia, oleh="sekda", sm=catat(dunia), kepada=("kepala_bappeda",))
    assert disp.dari == dunia.u["sekda"] and disp.dari_jabatan == dunia.jab["bupati"]


@pytest.mark.parametrize("ubah,field,pesan", [
    ({"instruksi": "  "}, "instruksi", "Isi instruksi"),
    ({"kepada": ()}, "kepada", "paling sedikit satu"),
    ({"kepada": ("sekda", "sekda")}, "kepada", "lebih dari sekali"),
    ({"kepada": ("bupati",)}, "kepada", "jabatan Anda sendiri"),
    ({"kepada": ("kabid",)}, "kepada", "bukan kepala unit"),
    ({"batas": -1}, "batas_waktu", "masa lalu"),
    ({"urgensi": "kilat"}, "urgensi", "Derajat kecepatan"),
])
def test_bad_disposition_input_is_refused(dunia, ubah, field, pesan):
    sm = catat(dunia)
    with pytest.raises(ValidationError) as exc:
        dispo(dunia, sm=sm, **ubah)
    assert pesan in exc.value.message_dict[field][0]
    sm.refresh_from_db()
    assert not Disposisi.objects.exists() and sm.status == StatusMasuk.BARU and not Notifikasi.objects.exists()


def test_the_whole_flow_cascade_follow_up_close_and_tree(dunia):
    u, j = dunia.u, dunia.jab
    sm = catat(dunia)
    d1 = dispo(dunia, sm=sm, batas=10)
    pd_kb, pd_sekda = pd_of(d1, j["kepala_bappeda"]), pd_of(d1, j["sekda"])
    masuk.baca_disposisi(pd_kb, pengguna=u["kepala_bappeda"])
    masuk.terima_disposisi(pd_kb, pengguna=u["kepala_bappeda"])
    pd_kb.refresh_from_db()
    assert pd_kb.status == StatusDisposisi.DITERIMA and pd_kb.dibaca_pada and pd_kb.diterima_pada
    with pytest.raises(ValidationError):
        masuk.terima_disposisi(pd_kb, pengguna=u["kepala_bappeda"])  # twice

    # Bappeda's head passes it to the Kabid, who passes it to the analyst.
    d2 = dispo(dunia, oleh="kepala_bappeda", induk=pd_kb, kepada=("kabid",), batas=8)
    assert d2.unit == dunia.unit["bappeda"] and d2.owner_id == dunia.unit["bappeda"].wilayah_id
    pd_kb.refresh_from_db()
    assert pd_kb.status == StatusDisposisi.DITINDAKLANJUTI
    pd_kabid = d2.penerima.get()
    d3 = dispo(dunia, oleh="kabid", induk=pd_kabid, kepada=("analis",), batas=None)
    pd_analis = d3.penerima.get()
    assert pd_analis.batas_waktu == hari(8)  # inherits the parent's deadline

    # The analyst follows up with an attachment, then closes.
    tl = masuk.tindak_lanjut(pd_analis, pengguna=u["analis"], catatan="Data terkumpul", berkas=[unggahan()])
    b = BerkasPersuratan.objects.get(tindak_lanjut=tl)
    assert b.owner_id == dunia.unit["bappeda"].wilayah_id
    masuk.tindak_lanjut(pd_analis, pengguna=u["analis"], catatan="Selesai", menutup=True)
    pd_analis.refresh_from_db()
    assert pd_analis.status == StatusDisposisi.SELESAI and pd_analis.selesai_oleh == u["analis"]
    assert Notifikasi.objects.filter(pengguna=u["kabid"], judul__startswith="Disposisi selesai",
                                     tautan=pd_kabid.get_absolute_url()).exists()
    with pytest.raises(ValidationError) as exc:
        masuk.tindak_lanjut(pd_analis, pengguna=u["analis"], catatan="Lagi")
    assert "sudah selesai" in exc.value.message_dict["status"][0]
    with pytest.raises(ValidationError):
        dispo(dunia, oleh="analis", induk=pd_analis, kepada=("kabid",))

    # The Setda sees the whole tree; Bappeda sees from its own disposition down.
    pohon = masuk.pohon_disposisi(sm)
    assert len(pohon) == 1 and len(pohon[0].penerima) == 2
    kb_node = next(p for p in pohon[0].penerima if p.pd.pk == pd_kb.pk)
    kabid_node = kb_node.anak[0].penerima[0]
    analis_node = kabid_node.anak[0].penerima[0]
    assert [t.catatan for t in analis_node.tindak_lanjut] == ["Data terkumpul", "Selesai"]
    assert analis_node.tindak_lanjut[0].berkas[0].pk == b.pk
    sub = masuk.pohon_disposisi(sm, akar=pd_kb)
    assert [s.disposisi.pk for s in sub] == [d2.pk] and sub[0].penerima[0].anak[0].disposisi.pk == d3.pk

    # The letter is followed up once every first-level disposition is closed, then filed.
    for pd, oleh in ((pd_kabid, "kabid"), (pd_kb, "kepala_bappeda"), (pd_sekda, "sekda")):
        sm.refresh_from_db()
        assert sm.status == StatusMasuk.DIDISPOSISI
        masuk.tindak_lanjut(pd, pengguna=u[oleh], catatan="Beres", menutup=True)
    sm.refresh_from_db()
    assert sm.status == StatusMasuk.DITINDAKLANJUTI
    assert Notifikasi.objects.filter(pengguna=u["bupati"], tautan=sm.get_absolute_url()).count() == 2
    masuk.selesaikan_surat(sm, pengguna=u["agendaris"])
    sm.refresh_from_db()
    assert sm.status == StatusMasuk.SELESAI
    with pytest.raises(ValidationError) as exc:
        dispo(dunia, sm=sm, kepada=("sekda",))
    assert "sudah selesai" in exc.value.message_dict["status"][0]


def test_deadline_later_than_the_parents_is_refused(dunia):
    d1 = dispo(dunia, sm=catat(dunia), batas=5)
    pd_kb = pd_of(d1, dunia.jab["kepala_bappeda"])
    with pytest.raises(ValidationError) as exc:
        dispo(dunia, oleh="kepala_bappeda", induk=pd_kb, kepada=("kabid",), batas=6)
    assert "tidak boleh melewati" in exc.value.message_dict["batas_waktu"][0]
    assert not PenerimaDisposisi.objects.filter(unit=dunia.unit["bappeda"], jabatan=dunia.jab["kabid"]).exists()


def test_only_the_addressee_acts_on_a_disposition(dunia):
    d1 = dispo(dunia, sm=catat(dunia))
    pd_kb = pd_of(d1, dunia.jab["kepala_bappeda"])
    for oleh in ("kabid", "sekda", "bupati"):
        with pytest.raises(Http404):
            masuk.terima_disposisi(pd_kb, pengguna=dunia.u[oleh])
        with pytest.raises(Http404):
            masuk.tindak_lanjut(pd_kb, pengguna=dunia.u[oleh], catatan="Saya saja", menutup=True)
        with pytest.raises(Http404):
            dispo(dunia, oleh=oleh, induk=pd_kb, kepada=("analis",))
    # Reading by another member of the unit records nothing.
    masuk.baca_disposisi(pd_kb, pengguna=dunia.u["kabid"])
    pd_kb.refresh_from_db()
    assert pd_kb.dibaca_pada is None and pd_kb.status == StatusDisposisi.BARU
    assert not TindakLanjut.objects.exists()


def test_a_cascade_goes_to_own_unit_positions_or_other_heads_only(dunia):
    d1 = dispo(dunia, sm=catat(dunia))
    pd_kb = pd_of(d1, dunia.jab["kepala_bappeda"])
    with pytest.raises(ValidationError) as exc:
        dispo(dunia, oleh="kepala_bappeda", induk=pd_kb, kepada=("sekdes",))
    assert "bukan kepala unit" in exc.value.message_dict["kepada"][0]
    d = dispo(dunia, oleh="kepala_bappeda", induk=pd_kb, kepada=("kades",))
    pd_kades = d.penerima.get()
    assert pd_kades.unit == dunia.unit["pemdes"] and pd_kades.owner_id == dunia.unit["pemdes"].wilayah_id


# ---------------------------------------------------------------- overdue

def test_overdue_detection_and_reminder_once_a_day(dunia):
    d1 = dispo(dunia, sm=catat(dunia), kepada=("kepala_bappeda",), batas=2)
    pd_kb = d1.penerima.get()
    assert not masuk.terlambat(pd_kb)
    nanti = hari(5)
    assert masuk.terlambat(pd_kb, nanti) and masuk.hari_terlambat(pd_kb, nanti) == 3
    Notifikasi.objects.all().delete()
    assert masuk.ingatkan_terlambat(hari(1)) == 0
    assert masuk.ingatkan_terlambat(nanti) == 1
    judul = set(Notifikasi.objects.values_list("pengguna__username", "judul"))
    assert {u for u, _ in judul} == {"kepala_bappeda", "bupati"}
    assert all(t.startswith("Disposisi terlambat") for _, t in judul)
    pd_kb.refresh_from_db()
    assert pd_kb.diingatkan_pada is not None
    assert masuk.ingatkan_terlambat(nanti) == 0  # not twice the same day
    assert Notifikasi.objects.count() == 2
    PenerimaDisposisi.objects.filter(pk=pd_kb.pk).update(diingatkan_pada=pd_kb.diingatkan_pada
                                                         - datetime.timedelta(days=1))
    assert masuk.ingatkan_terlambat(nanti) == 1  # the next day again
    masuk.tindak_lanjut(pd_kb, pengguna=dunia.u["kepala_bappeda"], catatan="Selesai", menutup=True)
    pd_kb.refresh_from_db()
    assert not masuk.terlambat(pd_kb, nanti)
    assert masuk.ingatkan_terlambat(hari(6)) == 0


def test_reminder_command_and_task(dunia, capsys):
    dispo(dunia, sm=catat(dunia), kepada=("kepala_bappeda",), batas=1)
    call_command("ingatkan_disposisi", "--tanggal", hari(3).isoformat())
    assert "1 disposisi terlambat" in capsys.readouterr().out
    from apps.persuratan.tasks import ingatkan_disposisi_terlambat

    hasil = ingatkan_disposisi_terlambat.enqueue(hari(3).isoformat())
    assert hasil.return_value == {"diingatkan": 0}


def test_waiting_counts_for_the_home_page(dunia):
    catat(dunia)
    d1 = dispo(dunia, sm=catat(dunia), kepada=("kepala_bappeda",), batas=1)
    PenerimaDisposisi.objects.filter(disposisi=d1).update(batas_waktu=hari(-1))
    assert masuk.jumlah_menunggu(dunia.u["agendaris"]) == {"surat_baru": 1, "disposisi_terbuka": 0,
                                                           "disposisi_terlambat": 0}
    assert masuk.jumlah_menunggu(dunia.u["kabid"]) == {"surat_baru": 0, "disposisi_terbuka": 1,
                                                       "disposisi_terlambat": 1}


# ---------------------------------------------------------------- pages

def test_disposition_pages_end_to_end(dunia, client, django_assert_max_num_queries):
    j = dunia.jab
    sm = catat(dunia, berkas=[unggahan()])
    login(client, dunia, "bupati")
    body = client.get(sm.get_absolute_url()).content.decode()
    assert 'id="form-disposisi"' in body and "Kepala Bappeda (Bappeda)" in body and "Sekda Seruyan" in body
    resp = client.post(sm.get_absolute_url(), {"aksi": "disposisi", "disposisi-kepada": [str(j["kepala_bappeda"].pk)],
                                               "disposisi-instruksi": "", "disposisi-urgensi": "segera"})
    assert resp.status_code == 400 and "Isi instruksi disposisi" in resp.content.decode()
    resp = client.post(sm.get_absolute_url(), {"aksi": "disposisi", "disposisi-kepada": [str(j["kepala_bappeda"].pk)],
                                               "disposisi-instruksi": "Siapkan bahan", "disposisi-urgensi": "segera",
                                               "disposisi-batas_waktu": hari(4).isoformat()})
    assert resp.status_code == 302
    pd_kb = PenerimaDisposisi.objects.get(jabatan=j["kepala_bappeda"])

    # Bappeda's head: reads, accepts, disposes to the Kabid, sees the letter's scan.
    login(client, dunia, "kepala_bappeda")
    inbox = client.get(reverse("persuratan:kotak_masuk")).content.decode()
    assert pd_kb.get_absolute_url() in inbox and "Untuk saya" in inbox
    body = client.get(pd_kb.get_absolute_url()).content.decode()
    assert "Siapkan bahan" in body and "scan.pdf" in body and 'id="terima"' in body
    pd_kb.refresh_from_db()
    assert pd_kb.status == StatusDisposisi.DIBACA
    assert client.post(pd_kb.get_absolute_url(), {"aksi": "terima"}).status_code == 302
    scan = BerkasPersuratan.objects.get(surat_masuk=sm)
    assert client.get(reverse("persuratan:berkas_unduh", args=[scan.pk])).status_code == 200
    resp = client.post(pd_kb.get_absolute_url(), {"aksi": "disposisi", "disposisi-kepada": [str(j["kabid"].pk)],
                                                  "disposisi-instruksi": "Olah", "disposisi-urgensi": "biasa",
                                                  "disposisi-batas_waktu": hari(9).isoformat()})
    assert resp.status_code == 400 and "tidak boleh melewati" in resp.content.decode()
    client.post(pd_kb.get_absolute_url(), {"aksi": "disposisi", "disposisi-kepada": [str(j["kabid"].pk)],
                                           "disposisi-instruksi": "Olah", "disposisi-urgensi": "biasa",
                                           "disposisi-batas_waktu": hari(3).isoformat()})
    pd_kabid = PenerimaDisposisi.objects.get(jabatan=j["kabid"])

    # The Kabid follows up with a file and closes; "Disposisi saya" lists it until then.
    login(client, dunia, "kabid")
    assert pd_kabid.get_absolute_url() in client.get(reverse("persuratan:disposisi_daftar")).content.decode()
    resp = client.post(pd_kabid.get_absolute_url(), {"aksi": "tindak_lanjut", "tl-catatan": ""})
    assert resp.status_code == 400 and "Isi catatan tindak lanjut" in resp.content.decode()
    resp = client.post(pd_kabid.get_absolute_url(), {"aksi": "tindak_lanjut", "tl-catatan": "Bahan terlampir",
                                                     "tl-berkas": [unggahan(nama="bahan.pdf")], "tl-menutup": "on"})
    assert resp.status_code == 302
    pd_kabid.refresh_from_db()
    assert pd_kabid.status == StatusDisposisi.SELESAI
    assert pd_kabid.get_absolute_url() not in client.get(reverse("persuratan:disposisi_daftar")).content.decode()
    bahan = BerkasPersuratan.objects.get(nama_asli="bahan.pdf")

    # The Bupati's office sees the whole tree and downloads Bappeda's attachment.
    login(client, dunia, "agendaris")
    client.get(sm.get_absolute_url())
    with django_assert_max_num_queries(20):
        body = client.get(sm.get_absolute_url()).content.decode()
    assert "Bahan terlampir" in body and "bahan.pdf" in body and "Kepala Bidang Perencanaan" in body
    assert 'id="form-disposisi"' not in body  # the agendaris is not the head
    resp = client.get(reverse("persuratan:berkas_unduh", args=[bahan.pk]))
    assert resp.status_code == 200 and resp["Content-Disposition"].startswith("attachment")
    # The analyst's unit (Bappeda) reaches it too; a village does not.
    login(client, dunia, "kades")
    assert client.get(reverse("persuratan:berkas_unduh", args=[bahan.pk])).status_code == 404


def test_disposition_detail_query_count(dunia, client, django_assert_max_num_queries):
    d1 = dispo(dunia, sm=catat(dunia), kepada=("kepala_bappeda",), batas=9)
    pd_kb = d1.penerima.get()
    d2 = dispo(dunia, oleh="kepala_bappeda", induk=pd_kb, kepada=("kabid", "analis"), batas=8)
    for pd in d2.penerima.all():
        masuk.tindak_lanjut(pd, pengguna=pd.pengguna, catatan="Proses", berkas=[unggahan()])
    login(client, dunia, "kepala_bappeda")
    client.get(pd_kb.get_absolute_url())
    with django_assert_max_num_queries(24):
        resp = client.get(pd_kb.get_absolute_url())
    assert resp.status_code == 200 and resp.content.decode().count("bi-paperclip") >= 2
