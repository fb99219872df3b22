"""Delegating a position while its official is away: who may, to whom, for how long; the
pages and the API; and who acts for a position on a given day (Plt/Plh dates, delegation)."""
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.akun.models import Notifikasi
from apps.sinkron.models import Jurnal
from apps.wilayah.models import Delegasi, Pejabat
from apps.wilayah.selectors import jabatan_dipegang, pemegang_jabatan
from apps.wilayah.services.delegasi import buat_delegasi, cabut_delegasi

from ._delegasi import akun, buat_desa, hari, klien
from .conftest import DESA_A, DESA_B

pytestmark = pytest.mark.django_db


@pytest.fixture
def desa(irisan):
    return buat_desa()


def _buat(desa, **kw):
    data = {"user": desa.staf, "jabatan": desa.kades, "kepada": desa.sekdes_akun, "mulai": hari(-1),
            "selesai": hari(10), "alasan": "Cuti tahunan"}
    return buat_delegasi(**{**data, **kw})


# --- service ----------------------------------------------------------------------------------

def test_the_village_operator_delegates_the_kepala_desa_to_the_sekdes(desa):
    d = _buat(desa, alasan="  Perjalanan dinas   ke Palangka Raya ")
    assert (d.owner_id, d.dibuat_oleh, d.alasan) == (DESA_A, desa.staf, "Perjalanan dinas ke Palangka Raya")
    assert Jurnal.objects.filter(object_id=d.pk, op="C").exists()
    n = Notifikasi.objects.get(pengguna=desa.sekdes_akun)
    assert "Kepala Desa" in n.judul and n.tautan == reverse("wilayah:unit_detail", args=[desa.unit.pk])


def test_the_holder_delegates_their_own_position_without_a_grant_to_change_positions(desa):
    d = _buat(desa, user=desa.kades_akun)
    assert d.dibuat_oleh == desa.kades_akun
    # ... but not someone else's position.
    with pytest.raises(PermissionDenied):
        _buat(desa, user=desa.kades_akun, jabatan=desa.kaur)


def test_an_operator_of_another_village_may_not_delegate(desa):
    with pytest.raises(PermissionDenied):
        _buat(desa, user=desa.tetangga)
    assert not Delegasi.objects.exists()


@pytest.mark.parametrize(("ubah", "kolom", "pesan"), [
    ({"mulai": hari(5), "selesai": hari(4)}, "selesai", "Tanggal selesai tidak boleh sebelum tanggal mulai."),
    ({"mulai": hari(-20), "selesai": hari(-2)}, "selesai", "sudah lewat"),
    ({"mulai": hari(0), "selesai": hari(90)}, "selesai", "Delegasi paling lama 90 hari (sekarang 91 hari)."),
    ({"mulai": None}, "mulai", "Tanggal mulai wajib diisi."),
    ({"selesai": "2026-12-01"}, "selesai", "Tanggal selesai wajib diisi."),
    ({"alasan": "   "}, "alasan", "Alasan delegasi wajib diisi"),
    ({"alasan": "x" * 201}, "alasan", "Alasan terlalu panjang"),
    ({"kepada": None}, "kepada", "Pilih pegawai yang menerima delegasi."),
])
def test_bad_input_is_explained_and_nothing_is_written(desa, ubah, kolom, pesan):
    with pytest.raises(ValidationError) as exc:
        _buat(desa, **ubah)
    assert pesan in exc.value.message_dict[kolom][0]
    assert not Delegasi.objects.exists()


def test_the_delegate_must_be_an_active_account_working_in_the_unit_and_not_the_holder(desa):
    with pytest.raises(ValidationError, match="tidak bekerja di Pemerintah Desa Pematang Limau"):
        _buat(desa, kepada=desa.tetangga)
    orang_luar = akun("orang-luar")
    with pytest.raises(ValidationError, match="tidak bekerja di"):
        _buat(desa, kepada=orang_luar)
    desa.sekdes_akun.is_active = False
    desa.sekdes_akun.save()
    with pytest.raises(ValidationError, match="tidak aktif"):
        _buat(desa)
    with pytest.raises(ValidationError, match="sudah memegang jabatan Kepala Desa"):
        _buat(desa, kepada=desa.kades_akun)
    # An official of the unit without a membership there may receive it.
    kaur = akun("kaur-tanpa-peran")
    Pejabat.objects.create(nama="Kaur", jabatan=desa.kaur, pengguna=kaur, owner_id=DESA_A)
    assert _buat(desa, kepada=kaur).kepada == kaur


def test_two_delegations_of_one_position_may_not_overlap_but_may_follow_each_other(desa):
    first = _buat(desa, mulai=hari(1), selesai=hari(10))
    with pytest.raises(ValidationError) as exc:
        _buat(desa, kepada=desa.staf, mulai=hari(10), selesai=hari(12))
    assert "sudah didelegasikan kepada Siti Sekdes" in exc.value.message_dict["mulai"][0]
    assert _buat(desa, kepada=desa.staf, mulai=hari(11), selesai=hari(12)).pk != first.pk
    # Another position of the same unit is independent; a cancelled delegation frees the dates.
    _buat(desa, jabatan=desa.sekdes, kepada=desa.staf, mulai=hari(1), selesai=hari(10))
    cabut_delegasi(user=desa.staf, delegasi=first)
    assert _buat(desa, kepada=desa.staf, mulai=hari(2), selesai=hari(5)).mulai == hari(2)


def test_cancelling(desa):
    penerima = akun("kasi-tanpa-hak", "bpd", unit=desa.unit)
    d = _buat(desa, kepada=penerima)
    with pytest.raises(PermissionDenied):
        cabut_delegasi(user=desa.tetangga, delegasi=d)
    with pytest.raises(PermissionDenied):  # the delegate (no grant to change positions) cannot cancel it
        cabut_delegasi(user=penerima, delegasi=d)
    cabut_delegasi(user=desa.kades_akun, delegasi=d)  # the holder, back early
    d.refresh_from_db()
    assert d.dicabut is not None
    with pytest.raises(ValidationError, match="sudah dicabut"):
        cabut_delegasi(user=desa.staf, delegasi=d)
    lama = Delegasi.objects.create(jabatan=desa.kades, kepada=desa.sekdes_akun, mulai=hari(-30), selesai=hari(-20),
                                   alasan="Cuti", dibuat_oleh=desa.staf, owner_id=DESA_A)
    with pytest.raises(ValidationError, match="sudah berakhir"):
        cabut_delegasi(user=desa.staf, delegasi=lama)


# --- who acts for a position ------------------------------------------------------------------

def test_jabatan_dipegang_follows_the_officials_dates_and_delegations(desa):
    h = datetime.date(2026, 11, 20)
    plt = akun("plt-kaur", "operator_desa", unit=desa.unit)
    Pejabat.objects.create(nama="Plt Kaur", jabatan=desa.kaur, pengguna=plt, status="plt", owner_id=DESA_A,
                           mulai=datetime.date(2026, 11, 25), selesai=datetime.date(2026, 12, 31))
    assert jabatan_dipegang(plt, h) == set()  # not yet
    assert jabatan_dipegang(plt, datetime.date(2026, 11, 25)) == {desa.kaur.pk}
    assert jabatan_dipegang(plt, datetime.date(2027, 1, 1)) == set()  # ended
    Delegasi.objects.create(jabatan=desa.kades, kepada=plt, mulai=datetime.date(2026, 11, 18),
                            selesai=datetime.date(2026, 11, 22), alasan="Cuti", dibuat_oleh=desa.staf, owner_id=DESA_A)
    assert jabatan_dipegang(plt, h) == {desa.kades.pk}
    assert jabatan_dipegang(plt, datetime.date(2026, 11, 23)) == set()
    # The holder keeps the position while it is delegated.
    assert desa.kades.pk in jabatan_dipegang(desa.kades_akun, h)
    Delegasi.objects.update(dicabut=datetime.datetime(2026, 11, 19, tzinfo=datetime.UTC))
    assert jabatan_dipegang(plt, h) == set()
    from django.contrib.auth.models import AnonymousUser

    assert jabatan_dipegang(AnonymousUser(), h) == set()


def test_pemegang_jabatan_prefers_a_delegate_then_definitif_then_plt_then_plh(desa):
    h = datetime.date(2026, 11, 20)
    plh, plt = akun("plh-sekdes"), akun("plt-sekdes")
    Pejabat.objects.filter(jabatan=desa.sekdes).update(selesai=datetime.date(2026, 11, 1))  # definitif ended
    Pejabat.objects.create(nama="Plh", jabatan=desa.sekdes, pengguna=plh, status="plh", owner_id=DESA_A,
                           mulai=datetime.date(2026, 11, 2), selesai=datetime.date(2026, 11, 30))
    assert pemegang_jabatan([desa.sekdes.pk], h) == {desa.sekdes.pk: plh}
    Pejabat.objects.create(nama="Plt", jabatan=desa.sekdes, pengguna=plt, status="plt", owner_id=DESA_A,
                           mulai=datetime.date(2026, 11, 10))
    assert pemegang_jabatan([desa.sekdes.pk], h) == {desa.sekdes.pk: plt}
    hasil = pemegang_jabatan([desa.sekdes.pk, desa.kades.pk, desa.kaur.pk], h)
    assert hasil == {desa.sekdes.pk: plt, desa.kades.pk: desa.kades_akun}  # Kaur is vacant: no key
    Delegasi.objects.create(jabatan=desa.kades, kepada=desa.staf, mulai=h, selesai=h, alasan="Rapat di kabupaten",
                            dibuat_oleh=desa.staf, owner_id=DESA_A)
    assert pemegang_jabatan([desa.kades.pk], h) == {desa.kades.pk: desa.staf}
    assert pemegang_jabatan([desa.kades.pk], h + datetime.timedelta(days=1)) == {desa.kades.pk: desa.kades_akun}
    assert pemegang_jabatan([]) == {}


# --- pages ------------------------------------------------------------------------------------

def test_the_form_delegates_and_shows_bad_input_in_indonesian(desa):
    c = klien(desa.staf)
    url = reverse("wilayah:delegasi_tambah", args=[desa.kades.pk])
    body = c.get(url).content.decode()
    assert "Delegasikan jabatan Kepala Desa" in body and "Siti Sekdes" in body
    assert "Op Tetangga" not in body  # only people of the unit are offered
    resp = c.post(url, {"kepada": desa.sekdes_akun.pk, "mulai": hari(3), "selesai": hari(1), "alasan": "Cuti"})
    assert resp.status_code == 200
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in resp.content.decode()
    resp = c.post(url, {"kepada": desa.tetangga.pk, "mulai": hari(0), "selesai": hari(1), "alasan": "Cuti"})
    assert "Pegawai itu tidak dapat dipilih." in resp.content.decode()
    resp = c.post(url, {"kepada": "", "mulai": "31-02-2026", "selesai": "", "alasan": ""})
    body = resp.content.decode()
    assert "Tanggal tidak sah." in body and "Alasan delegasi wajib diisi." in body
    assert not Delegasi.objects.exists()
    resp = c.post(url, {"kepada": desa.sekdes_akun.pk, "mulai": hari(-1), "selesai": hari(7), "alasan": "Cuti"})
    assert resp.status_code == 302 and resp["Location"] == reverse("wilayah:unit_detail", args=[desa.unit.pk])
    d = Delegasi.objects.get()
    body = c.get(resp["Location"]).content.decode()
    assert f"Didelegasikan ke <strong>Siti Sekdes</strong> s.d. {hari(7):%d-%m-%Y}" in body
    # Cancel from the unit page.
    resp = c.post(reverse("wilayah:delegasi_cabut", args=[d.pk]))
    assert resp.status_code == 302
    d.refresh_from_db()
    assert d.dicabut is not None
    assert "dicabut" in c.get(resp["Location"]).content.decode()
    assert c.get(reverse("wilayah:delegasi_cabut", args=[d.pk])).status_code == 405


def test_a_user_who_may_not_delegate_is_told_on_the_form(desa):
    bpd = akun("anggota-bpd", "bpd", unit=desa.unit)
    c = klien(bpd)
    url = reverse("wilayah:delegasi_tambah", args=[desa.kades.pk])
    assert "Hanya pengelola jabatan unit ini" in c.get(url).content.decode()
    resp = c.post(url, {"kepada": desa.sekdes_akun.pk, "mulai": hari(0), "selesai": hari(1), "alasan": "Cuti"})
    assert resp.status_code == 200 and "Hanya pengelola jabatan ini atau pemegangnya" in resp.content.decode()
    assert not Delegasi.objects.exists()


def test_another_villages_position_and_delegation_are_404(desa):
    d = _buat(desa)
    c = klien(desa.tetangga)
    for url in (reverse("wilayah:delegasi_tambah", args=[desa.kades.pk]),
                reverse("wilayah:delegasi_cabut", args=[d.pk])):
        assert c.get(url).status_code in (404, 405)
        assert c.post(url, {"kepada": desa.tetangga.pk, "mulai": hari(0), "selesai": hari(1),
                            "alasan": "x"}).status_code == 404
    d.refresh_from_db()
    assert d.dicabut is None and Delegasi.objects.count() == 1


def test_the_officials_page_shows_the_positions_delegations(desa):
    _buat(desa, alasan="Diklat kepemimpinan")
    p = Pejabat.objects.get(jabatan=desa.kades)
    body = klien(desa.kades_akun).get(reverse("wilayah:pejabat_detail", args=[p.pk])).content.decode()
    assert "Riwayat delegasi" in body and "Diklat kepemimpinan" in body and "berlaku" in body
    assert reverse("wilayah:delegasi_tambah", args=[desa.kades.pk]) in body  # the holder may delegate
    body = klien(akun("bpd-lain", "bpd", unit=desa.unit)).get(reverse("wilayah:pejabat_detail", args=[p.pk])).content.decode()
    assert reverse("wilayah:delegasi_tambah", args=[desa.kades.pk]) not in body


# --- API --------------------------------------------------------------------------------------

def test_api_lists_creates_and_cancels_within_scope(desa):
    c = klien(desa.staf)
    resp = c.post("/api/v1/delegasi/", {"jabatan": str(desa.kades.pk), "kepada": desa.sekdes_akun.pk,
                                        "mulai": str(hari(0)), "selesai": str(hari(200)), "alasan": "Cuti"},
                  content_type="application/json")
    assert resp.status_code == 400 and "paling lama 90 hari" in resp.json()["selesai"][0]
    resp = c.post("/api/v1/delegasi/", {"jabatan": str(desa.kades.pk), "kepada": 999999, "mulai": str(hari(0)),
                                        "selesai": str(hari(2)), "alasan": "Cuti"}, content_type="application/json")
    assert resp.status_code == 400 and resp.json()["kepada"] == ["Pengguna tidak ditemukan."]
    resp = c.post("/api/v1/delegasi/", {"jabatan": "bukan-uuid"}, content_type="application/json")
    assert resp.status_code == 400
    resp = c.post("/api/v1/delegasi/", {"jabatan": str(desa.kades.pk), "kepada": desa.sekdes_akun.pk,
                                        "mulai": str(hari(-1)), "selesai": str(hari(2)), "alasan": "Cuti"},
                  content_type="application/json")
    assert resp.status_code == 201, resp.content
    pk = resp.json()["id"]
    assert resp.json()["berlaku"] is True and resp.json()["kepada_nama"] == "Siti Sekdes"
    assert [r["id"] for r in c.get("/api/v1/delegasi/", {"aktif": "1"}).json()["results"]] == [pk]

    lain = klien(desa.tetangga)
    assert lain.get("/api/v1/delegasi/").json()["results"] == []
    assert lain.get(f"/api/v1/delegasi/{pk}/").status_code == 404
    assert lain.post(f"/api/v1/delegasi/{pk}/cabut/").status_code == 404
    resp = lain.post("/api/v1/delegasi/", {"jabatan": str(desa.kades.pk), "kepada": desa.tetangga.pk,
                                           "mulai": str(hari(0)), "selesai": str(hari(1)), "alasan": "x"},
                     content_type="application/json")
    assert resp.status_code == 400 and "tidak ditemukan dalam cakupan" in resp.json()["jabatan"][0]

    bpd = akun("anggota-bpd", "bpd", unit=desa.unit)
    assert klien(bpd).post(f"/api/v1/delegasi/{pk}/cabut/").status_code == 403  # sees it, may not cancel
    resp = c.post(f"/api/v1/delegasi/{pk}/cabut/")
    assert resp.status_code == 200 and resp.json()["dicabut"] and resp.json()["berlaku"] is False
    resp = c.post(f"/api/v1/delegasi/{pk}/cabut/")
    assert resp.status_code == 400 and "sudah dicabut" in resp.json()["dicabut"][0]
    assert Delegasi.objects.get().owner_id == DESA_A and DESA_B not in str(resp.json())
