"""Browser journeys of life events: a village operator registers a birth, records a death and
moves a whole family out, through the pages, and sees the result on screen."""
from __future__ import annotations

import datetime
import re

from django.utils import timezone

from tests import world

from .conftest import DESKTOP, PHONE, login, shot

KEMARIN = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()


def _tanpa_geser_samping(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, "tidak boleh menggulir ke samping"


def test_operator_registers_a_birth_on_a_phone(dunia, page_factory):
    page = page_factory(PHONE)
    login(page, "operator_desa")
    page.wait_for_url(re.compile(r"/$"))
    kk = world.Keluarga.objects.get(kepala__nama="Kepala Pematang Limau")
    page.goto(f"/penduduk/keluarga/{kk.pk}/")
    _tanpa_geser_samping(page)
    page.click("text=Catat kelahiran")
    page.wait_for_url(re.compile(r"/lahir/$"))
    _tanpa_geser_samping(page)
    page.fill("input[name=nama]", "Bayi Pematang")
    page.select_option("select[name=jenis_kelamin]", "2")
    page.fill("input[name=tanggal_lahir]", KEMARIN)
    page.fill("input[name=jam]", "05:45")
    page.select_option("select[name=penolong]", "bidan")
    page.fill("input[name=berat_gram]", "3100")
    shot(page, "peristiwa-lahir-form-ponsel")
    with page.expect_navigation():
        page.click("button:has-text('Simpan')")
    page.wait_for_selector("text=Kelahiran tercatat")
    body = page.content()
    assert "Bayi Pematang" in body and "NIK sementara" in body and "Lahir" in body and "3100 gram" in body
    bayi = world.Penduduk.objects.get(nama="Bayi Pematang")
    assert bayi.keluarga_id == kk.pk and bayi.nik_sementara and bayi.nik in body
    _tanpa_geser_samping(page)
    shot(page, "peristiwa-lahir-hasil-ponsel")


def test_operator_records_a_death_and_a_bad_date_is_refused(dunia, page_factory):
    page = page_factory(DESKTOP)
    login(page, "operator_desa")
    page.wait_for_url(re.compile(r"/$"))
    p = world.Penduduk.objects.get(nama="Istri Pematang Limau")
    page.goto(f"/penduduk/{p.pk}/")
    page.click("#menu-peristiwa")
    page.click(".dropdown-menu >> text=Mati")
    page.wait_for_url(re.compile(r"/mati/$"))
    besok = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    page.fill("input[name=tanggal]", besok)
    with page.expect_navigation():
        page.click("button:has-text('Simpan')")
    assert "tidak boleh di masa depan" in page.content()
    shot(page, "peristiwa-mati-tanggal-salah")
    page.fill("input[name=tanggal]", KEMARIN)
    page.fill("input[name=tempat]", "RSUD Kuala Pembuang")
    page.fill("input[name=sebab]", "Sakit")
    with page.expect_navigation():
        page.click("button:has-text('Simpan')")
    page.wait_for_selector("text=Kematian tercatat")
    body = page.content()
    assert "Meninggal di RSUD Kuala Pembuang; sebab: Sakit" in body
    assert "Tidak lagi tercatat dalam kartu keluarga (mati)" in body  # she left the family
    p.refresh_from_db()
    assert p.status_dasar == 2 and p.keluarga_id is None
    shot(page, "peristiwa-mati-hasil")


def test_operator_moves_a_whole_family_out(dunia, page_factory):
    page = page_factory(PHONE)
    login(page, "operator_desa")
    page.wait_for_url(re.compile(r"/$"))
    kk = world.Keluarga.objects.get(kepala__nama="Kepala Pematang Limau")
    page.goto(f"/penduduk/keluarga/{kk.pk}/")
    page.click("#menu-kk")
    page.click("text=Pindah keluar sekeluarga")
    page.wait_for_url(re.compile(r"/keluarga/.+/pindah/$"))
    page.fill("input[name=tanggal]", KEMARIN)
    page.fill("input[name=kode_wilayah_tujuan]", "62.02.01")
    page.fill("input[name=alamat_tujuan]", "Kelurahan Baamang Hulu, Sampit")
    page.fill("input[name=alasan]", "Pekerjaan")
    _tanpa_geser_samping(page)
    shot(page, "peristiwa-pindah-sekeluarga-form-ponsel")
    with page.expect_navigation():
        page.click("button:has-text('Simpan')")
    page.wait_for_selector("text=Pindah keluar sekeluarga tercatat")
    body = page.content()
    assert "Pindah keluar sekeluarga ke Kelurahan Baamang Hulu, Sampit" in body
    assert "Catat kelahiran" not in body and "Perubahan KK" not in body  # no one left to act on
    assert set(world.Penduduk.objects.filter(nama__endswith="Pematang Limau", nama__in=[
        "Kepala Pematang Limau", "Istri Pematang Limau"]).values_list("status_dasar", flat=True)) == {3}
    _tanpa_geser_samping(page)
    shot(page, "peristiwa-pindah-sekeluarga-hasil-ponsel")
    page.goto("/penduduk/peristiwa/")
    page.wait_for_selector("#hasil-peristiwa >> text=Kepala Pematang Limau")
    _tanpa_geser_samping(page)
    shot(page, "peristiwa-daftar-ponsel")
