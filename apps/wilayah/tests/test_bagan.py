"""The org chart (bagan organisasi) on a unit's page: positions as a tree by superior, who
holds each (Definitif / Plt / Plh with end date), vacant positions, delegations in force."""
from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from apps.wilayah.models import Delegasi, Jabatan, Pejabat
from apps.wilayah.selectors import bagan_unit

from ._delegasi import akun, buat_desa, hari, klien
from .conftest import DESA_A

pytestmark = pytest.mark.django_db


@pytest.fixture
def desa(irisan):
    return buat_desa()


def _halaman(c, unit) -> str:
    resp = c.get(reverse("wilayah:unit_detail", args=[unit.pk]))
    assert resp.status_code == 200
    return resp.content.decode()


def _cari(bagan, nama):
    tumpukan = list(bagan)
    while tumpukan:
        s = tumpukan.pop()
        if s.jabatan.nama == nama:
            return s
        tumpukan += s.anak
    raise AssertionError(nama)


def test_positions_form_a_tree_by_superior(desa):
    bagan = bagan_unit(desa.staf, desa.unit)
    assert [s.jabatan.nama for s in bagan] == ["Kepala Desa"]
    kades = bagan[0]
    assert "Sekretaris Desa" in [s.jabatan.nama for s in kades.anak]
    assert [s.jabatan.nama for s in _cari(bagan, "Sekretaris Desa").anak] == ["Kaur Keuangan", "Kaur Umum dan Perencanaan"]
    assert not kades.kosong and _cari(bagan, "Kaur Keuangan").kosong
    # Every position appears exactly once.
    semua, tumpukan = [], list(bagan)
    while tumpukan:
        s = tumpukan.pop()
        semua.append(s.jabatan.pk)
        tumpukan += s.anak
    assert sorted(semua) == sorted(Jabatan.objects.filter(unit=desa.unit).values_list("pk", flat=True))


def test_a_cycle_of_superiors_does_not_hide_or_repeat_a_position(desa):
    # Written past the service (which refuses cycles), e.g. by an old import.
    Jabatan.objects.filter(pk=desa.kades.pk).update(atasan=desa.kaur)
    bagan = bagan_unit(desa.staf, desa.unit)
    semua, tumpukan = [], list(bagan)
    while tumpukan:
        s = tumpukan.pop()
        semua.append(s.jabatan.pk)
        tumpukan += s.anak
    assert sorted(semua) == sorted(Jabatan.objects.filter(unit=desa.unit).values_list("pk", flat=True))
    assert "Kepala Desa" in _halaman(klien(desa.staf), desa.unit)


def test_the_chart_shows_holders_status_vacancies_and_delegations(desa, django_assert_max_num_queries):
    Pejabat.objects.create(nama="Yusuf Plt", jabatan=desa.kaur, status="plt", owner_id=DESA_A,
                           mulai=hari(-10), selesai=datetime.date(2027, 3, 31))
    kasi = Jabatan.objects.get(unit=desa.unit, nama="Kasi Pelayanan")
    Pejabat.objects.create(nama="Maria Plh", jabatan=kasi, status="plh", owner_id=DESA_A, mulai=hari(-3),
                           selesai=datetime.date(2026, 12, 24))
    Pejabat.objects.create(nama="Mantan Kasi", jabatan=kasi, owner_id=DESA_A, mulai=datetime.date(2020, 1, 1),
                           selesai=datetime.date(2025, 12, 31))  # ended: not shown
    Delegasi.objects.create(jabatan=desa.kades, kepada=desa.sekdes_akun, mulai=hari(-2), selesai=hari(12),
                            alasan="Cuti tahunan", dibuat_oleh=desa.staf, owner_id=DESA_A)
    Delegasi.objects.create(jabatan=desa.sekdes, kepada=desa.staf, mulai=hari(-2), selesai=hari(12),
                            alasan="Dicabut", dibuat_oleh=desa.staf, owner_id=DESA_A, dicabut="2026-11-01T00:00Z")
    c = klien(desa.staf)
    _halaman(c, desa.unit)
    # session, user, OTP device, memberships, unit, positions, officials, delegations, may-manage,
    # may-edit-unit, sub-units, and the session's save (3 statements)
    with django_assert_max_num_queries(14):
        body = _halaman(c, desa.unit)
    assert "Bagan organisasi" in body
    assert 'Definitif</span>' in body
    assert "Plt s.d. 31-03-2027" in body and "Plh s.d. 24-12-2026" in body
    assert "Mantan Kasi" not in body
    assert body.count(">Kosong<") == Jabatan.objects.filter(unit=desa.unit).count() - 4
    assert f"Didelegasikan ke <strong>Siti Sekdes</strong> s.d. {hari(12):%d-%m-%Y}" in body
    assert body.count("Didelegasikan ke") == 1  # the cancelled one is not in force
    # Kaur Keuangan is nested under Sekretaris Desa's list item.
    sekdes = body.index(f'data-jabatan="{desa.sekdes.pk}"')
    assert sekdes < body.index(f'data-jabatan="{desa.kaur.pk}"')
    # The operator manages the positions: delegate and cancel buttons everywhere.
    assert body.count("wilayah/jabatan/") >= 2 * Jabatan.objects.filter(unit=desa.unit).count()
    assert "/cabut/" in body


def test_more_positions_do_not_add_queries(desa, django_assert_max_num_queries):
    c = klien(desa.staf)
    for i in range(30):
        j = Jabatan.objects.create(unit=desa.unit, nama=f"Staf {i}", atasan=desa.kaur, owner_id=DESA_A, urutan=50 + i)
        Pejabat.objects.create(nama=f"Pegawai {i}", jabatan=j, owner_id=DESA_A, status="plh", mulai=hari(-1),
                               selesai=hari(5))
        Delegasi.objects.create(jabatan=j, kepada=desa.sekdes_akun, mulai=hari(-1), selesai=hari(3), alasan="Cuti",
                                dibuat_oleh=desa.staf, owner_id=DESA_A)
    _halaman(c, desa.unit)
    with django_assert_max_num_queries(14):
        body = _halaman(c, desa.unit)
    assert body.count("Didelegasikan ke") == 30


def test_a_holder_without_grants_may_delegate_only_their_own_position(desa):
    body = _halaman(klien(desa.kades_akun), desa.unit)
    tautan = re.findall(r"/wilayah/jabatan/([0-9a-f-]+)/delegasi/", body)
    assert tautan == [str(desa.kades.pk)]
    assert "Tambah jabatan" not in body


def test_another_villages_unit_page_is_404(desa):
    c = klien(desa.tetangga)
    assert c.get(reverse("wilayah:unit_detail", args=[desa.unit.pk])).status_code == 404
    assert "Bagan organisasi" in _halaman(c, desa.unit_b)
    assert bagan_unit(desa.tetangga, desa.unit) == []


def test_a_unit_without_positions_says_so(desa, buat_pengguna):
    from apps.wilayah.models import UnitKerja

    kosong = UnitKerja.objects.create(kode="BPD-UJI", nama="BPD Uji", jenis="bpd", wilayah_id=DESA_A, owner_id=DESA_A)
    body = _halaman(klien(akun("op-a2", "operator_desa", unit=desa.unit)), kosong)
    assert "Belum ada jabatan." in body
