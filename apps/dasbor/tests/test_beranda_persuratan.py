"""The home page's e-office card: staff who work in a unit see their unread incoming letters,
open (and overdue) dispositions, and the naskah waiting for their initials or signature,
counted within their own unit and in a fixed number of queries."""
from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from apps.akun.models import Keanggotaan, Pengguna
from apps.dasbor.selectors import naskah_menunggu_saya, ringkasan_persuratan
from apps.persuratan.models import Naskah, ParafNaskah
from apps.sinkron.context import acting_as
from apps.wilayah.models import Delegasi, Jabatan, Pejabat, UnitKerja
from tests import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def dunia():
    return world.build()


def _home(user) -> str:
    c = Client()
    c.force_login(user)
    resp = c.get("/")
    assert resp.status_code == 200
    return resp.content.decode()


def _naskah(unit, jab, pembuat, status, perihal, paraf=()):
    with acting_as("sistem:uji"):
        n = Naskah.objects.create(unit=unit, jenis="nota_dinas", klasifikasi=world._klasifikasi(world.KAB),
                                  perihal=perihal, status=status, pembuat=pembuat, jabatan_penandatangan=jab,
                                  owner_id=unit.wilayah_id)
        for i, (j, st) in enumerate(paraf, start=1):
            ParafNaskah.objects.create(naskah=n, urutan=i, jabatan=j, status=st, owner_id=unit.wilayah_id)
    return n


@pytest.fixture
def kecamatan(dunia):
    """The Camat holds the head position of Kecamatan Seruyan Hilir; a Sekcam position below it;
    naskah waiting at various steps."""
    camat = dunia.users["camat"]
    unit = UnitKerja.objects.get(kode=f"KEC-{world.KEC}")
    kepala = Jabatan.objects.get(unit=unit, is_kepala=True)
    with acting_as("sistem:uji"):
        Pejabat.objects.filter(jabatan=kepala).update(pengguna=camat)
        sekcam = Jabatan.objects.create(unit=unit, nama="Sekretaris Camat", atasan=kepala, owner_id=world.KEC)
    staf = dunia.users["staf_kecamatan"]
    _naskah(unit, kepala, staf, "siap_ttd", "Siap ditandatangani Camat")
    _naskah(unit, sekcam, staf, "siap_ttd", "Ditandatangani Sekcam")  # not the Camat's
    _naskah(unit, kepala, staf, "paraf", "Paraf Camat dulu", [(kepala, "menunggu"), (sekcam, "menunggu")])
    _naskah(unit, kepala, staf, "paraf", "Paraf Sekcam dulu", [(sekcam, "menunggu"), (kepala, "menunggu")])
    _naskah(unit, kepala, staf, "paraf", "Sekcam sudah, kini Camat", [(sekcam, "setuju"), (kepala, "menunggu")])
    _naskah(unit, kepala, staf, "draf", "Masih draf", [(kepala, "menunggu")])
    return {"unit": unit, "kepala": kepala, "sekcam": sekcam}


def test_the_camat_sees_his_units_letters_dispositions_and_naskah_waiting_for_him(dunia, kecamatan):
    body = _home(dunia.users["camat"])
    assert 'id="kartu-persuratan"' in body
    assert "<strong>1</strong> surat masuk belum dibaca" in body  # the world's letter to the kecamatan
    assert "<strong>1</strong> disposisi terbuka" in body and "1 terlambat" in body  # deadline 10-11-2026
    assert "<strong>3</strong> naskah menunggu paraf/tanda tangan Anda" in body
    assert "(2 paraf, 1 tanda tangan)" in body
    assert 'href="/persuratan/?tab=surat"' in body and 'href="/persuratan/disposisi/"' in body
    assert 'href="/persuratan/naskah/?tab=paraf"' in body


def test_counts_stay_within_the_users_own_unit(dunia, kecamatan):
    # Bappeda has its own letter and disposition in the world; the Camat's are not counted there.
    r = ringkasan_persuratan(dunia.users["bappeda"])
    assert (r["surat_baru"], r["disposisi_terbuka"], r["naskah_paraf"], r["naskah_ttd"]) == (1, 1, 0, 0)
    # A village operator: the village's own letter and disposition, no naskah for him.
    body = _home(dunia.users["operator_desa"])
    assert "<strong>1</strong> surat masuk belum dibaca" in body and "1 terlambat" in body
    assert "<strong>0</strong> naskah menunggu" in body
    # Once the disposition is closed, it is neither open nor overdue.
    from apps.persuratan.models import PenerimaDisposisi

    PenerimaDisposisi.objects.filter(unit__kode=f"DESA-{world.DESA}").update(status="selesai")
    body = _home(dunia.users["operator_desa"])
    assert "<strong>0</strong> disposisi terbuka" in body and "(0 terlambat)" in body


def test_a_delegate_sees_the_signatures_of_the_delegated_position(dunia, kecamatan):
    staf = dunia.users["staf_kecamatan"]
    assert naskah_menunggu_saya(staf) == {"naskah_paraf": 0, "naskah_ttd": 0}
    hari = timezone.localdate()
    with acting_as("sistem:uji"):
        d = Delegasi.objects.create(jabatan=kecamatan["kepala"], kepada=staf, dibuat_oleh=staf,
                                    mulai=hari - datetime.timedelta(days=1), selesai=hari + datetime.timedelta(days=3),
                                    alasan="Cuti", owner_id=world.KEC)
    assert naskah_menunggu_saya(staf) == {"naskah_paraf": 2, "naskah_ttd": 1}
    Delegasi.objects.filter(pk=d.pk).update(dicabut=timezone.now())
    assert naskah_menunggu_saya(staf) == {"naskah_paraf": 0, "naskah_ttd": 0}
    # An ended Plt no longer counts.
    Pejabat.objects.filter(jabatan=kecamatan["kepala"]).update(status="plt", mulai=datetime.date(2026, 1, 1),
                                                                selesai=hari - datetime.timedelta(days=1))
    assert naskah_menunggu_saya(dunia.users["camat"]) == {"naskah_paraf": 0, "naskah_ttd": 0}


def test_users_working_in_no_unit_get_no_card_and_no_query(dunia, django_assert_num_queries):
    u = Pengguna.objects.create_user(username="tanpa-unit", password=world.SANDI, email="tanpa-unit@uji.local")
    Keanggotaan.objects.create(pengguna=u, peran="camat", wilayah_id=world.KEC_LAIN, owner_id=world.KEC_LAIN)
    body = _home(u)
    assert "kartu-persuratan" not in body
    from apps.akun.scope import memberships

    memberships(u)
    with django_assert_num_queries(0):
        assert ringkasan_persuratan(u) is None
    assert "kartu-persuratan" not in _home(dunia.users["warga"])


def test_the_card_costs_three_queries_and_the_home_page_is_pinned(dunia, kecamatan, django_assert_max_num_queries):
    from apps.akun.scope import memberships

    camat = dunia.users["camat"]
    memberships(camat)
    with django_assert_max_num_queries(3):
        ringkasan_persuratan(camat)
    c = Client()
    c.force_login(camat)
    c.get("/")
    with django_assert_max_num_queries(19):  # as pinned in test_beranda.py
        assert c.get("/").status_code == 200
    for i in range(20):  # more letters do not add queries
        _naskah(kecamatan["unit"], kecamatan["kepala"], dunia.users["staf_kecamatan"], "siap_ttd", f"Tambahan {i}")
    with django_assert_max_num_queries(19):
        body = c.get("/").content.decode()
    assert "<strong>23</strong> naskah menunggu" in body
