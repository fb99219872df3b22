"""Browser journey of a whole Musrenbang cycle, in Debian's Chromium against a live server.
Village stage, in two villages of one kecamatan: a resident of each submits an idea from a
phone, a neighbour supports it (a second tap from a stale page is refused: one support per
person), the operator adds the village's own proposal and the paper supports from the village
meeting, scores and ranks, and sends the list. Then the camat merges two duplicate proposals,
scores one and re-ranks, and sends the list; the agency (DPMD) rejects one proposal with a
reason at the Forum PD (a phone, 390 px); Bappeda sends the forum's list; the kabupaten lowers
one cost and sends; Bappeda sets the RKPD with the Perbup number; the public village page and
"lacak usulan" show the rejection's reason, never the resident's name.
Screenshots: docs/screenshots/musrenbang-*.png."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from apps.akun.models import Keanggotaan, Pengguna
from apps.kependudukan.models import Penduduk
from apps.perencanaan.models import DaftarUsulan, Keputusan, ModeTahap, RevisiUsulan, TahapMusrenbang, Usulan
from apps.perencanaan.tests import _tahap
from apps.sinkron.context import acting_as
from apps.wilayah.models import UnitKerja
from tests import world

from .conftest import DESKTOP, login

PHONE = {"width": 390, "height": 844}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ALASAN = "Bukan kewenangan kabupaten; dibiayai Dana Desa"


def foto(page, name: str) -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / f"musrenbang-{name}.png"), full_page=True)


def _akun(username: str, peran: str, wilayah: str, penduduk: str | None = None, unit: str | None = None):
    user = Pengguna.objects.create_user(username=username, password=world.SANDI, nama=f"Uji {username}",
                                        email=f"{username}@uji.local")
    Keanggotaan.objects.create(pengguna=user, peran=peran, wilayah_id=wilayah, owner_id=wilayah,
                               unit=UnitKerja.objects.get(kode=unit) if unit else None)
    if penduduk:
        Penduduk.objects.filter(nama=penduduk).update(akun=user)
    return user


@pytest.fixture
def s(transactional_db):
    s = _tahap.build(usulan=False)
    with acting_as("sistem:uji"):
        # "warga" (the head of a family in Pematang Limau) comes with the world; his wife, a
        # resident of the neighbouring village and that village's operator get accounts here.
        _akun("warga_istri", "warga", _tahap.DESA, penduduk="Istri Pematang Limau")
        _akun("warga_sp", "warga", _tahap.DESA_TETANGGA, penduduk="Kepala Sungai Perlu")
        _akun("warga_sp_tetangga", "warga", _tahap.DESA_TETANGGA, penduduk="Tetangga Sungai Perlu")
        _akun("operator_sp", "operator_desa", _tahap.DESA_TETANGGA, unit=f"DESA-{_tahap.DESA_TETANGGA}")
    return s


def _buka(page, s, jenis):
    page.goto(f"/perencanaan/tahap/{s.tahap[jenis].pk}/")


def _isi_usulan(page, nama, biaya, *, lokasi, volume="100", satuan="meter", pd=None, pengusul=None):
    page.goto("/perencanaan/usulan/baru/")
    page.select_option("#id_tahun", "2028")
    page.fill("#id_nama_kegiatan", nama)
    page.select_option("#id_lokasi", lokasi)
    page.fill("#id_volume", volume)
    page.fill("#id_satuan", satuan)
    page.fill("#id_perkiraan_biaya", str(biaya))
    page.select_option("#id_urusan", "pupr")
    if pd:
        page.select_option("#id_perangkat_daerah", pd)
    if pengusul:
        page.select_option("#id_pengusul_jenis", "rt")
        page.fill("#id_pengusul_nama", pengusul)
    with page.expect_navigation():
        page.click("form[data-proses] button.btn-primary")
    u = Usulan.objects.get(siklus__tahun_rencana=2028, nama_kegiatan=nama)
    assert page.url.endswith(u.get_absolute_url()), page.url
    return u


def _nilai_desa(page, u, urgensi: str):
    card = page.locator(f"#u{u.pk.hex}")
    card.locator("summary").click()
    card.locator(f"select[name=u{u.pk.hex}-nilai_urgensi]").select_option(urgensi)
    with page.expect_navigation():
        card.locator("form button").click()
    assert f"Penilaian {u.kode} disimpan" in page.content()


def _tahap_desa(page_factory, s, *, warga, pendukung, operator, desa, ide, ide_biaya, usulan_desa, biaya_desa,
                pd_ide=None, kertas=0):
    """One village's stage in the browser: the resident's idea from a phone, a neighbour's
    support (and the refused second one), the operator's own proposal, paper supports, scores,
    the ranking and the sending. Returns (idea, village proposal)."""
    hp = page_factory(PHONE)
    login(hp, warga)
    u_ide = _isi_usulan(hp, ide, ide_biaya, lokasi=f"{desa}.01.001.001", volume="1", satuan="unit")
    assert u_ide.status == "ide" and "Ide warga" in hp.content()
    assert hp.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1

    tetangga = page_factory(PHONE)
    login(tetangga, pendukung)
    tetangga.goto(u_ide.get_absolute_url())
    basi = tetangga.context.new_page()  # the same page open in a second tab, before the first tap
    basi.goto(u_ide.get_absolute_url())
    with tetangga.expect_navigation():
        tetangga.click("button:has-text('Dukung')")
    assert "dukungan Anda tercatat" in tetangga.content()
    with basi.expect_navigation():
        basi.click("button:has-text('Dukung')")
    assert "Anda sudah mendukung usulan ini" in basi.content()
    basi.close()
    u_ide.refresh_from_db()
    assert u_ide.dukungan_daring == 1

    op = page_factory(DESKTOP)
    login(op, operator)
    u_desa = _isi_usulan(op, usulan_desa, biaya_desa, lokasi=f"{desa}.01.001.001", pd=f"PD-{_tahap.KAB}-DPMD",
                         pengusul="RT 001")
    if pd_ide:  # the village takes the idea up and names the responsible agency
        op.goto(f"{u_ide.get_absolute_url()}ubah/")
        op.select_option("#id_perangkat_daerah", pd_ide)
        with op.expect_navigation():
            op.click("form[data-proses] button.btn-primary")
    if kertas:
        op.goto(f"{u_ide.get_absolute_url()}dukungan-kertas/")
        op.fill("#id_jumlah", str(kertas))
        op.fill("#id_catatan", "Daftar hadir musyawarah dusun 12 Januari")
        with op.expect_navigation():
            op.click("form button.btn-primary")
        assert "Dukungan tertulis dicatat" in op.content()
    op.goto("/perencanaan/usulan/peringkat/")
    _nilai_desa(op, u_desa, "5")
    _nilai_desa(op, u_ide, "4")
    if desa == _tahap.DESA:
        foto(op, "desa-peringkat")
    with op.expect_navigation():
        op.click("#kirim-kecamatan")
    assert "Daftar usulan dikirim ke kecamatan: 2 usulan" in op.content()
    return u_ide, u_desa


def test_siklus_musrenbang_berjenjang(s, page_factory):
    # ---- village stage in Pematang Limau and Sungai Perlu
    a2, a1 = _tahap_desa(page_factory, s, warga="warga", pendukung="warga_istri", operator="operator_desa",
                         desa=_tahap.DESA, ide="Sumur bor RT 002", ide_biaya=80_000_000,
                         usulan_desa="Jalan usaha tani Dusun I", biaya_desa=300_000_000, kertas=35)
    b2, b1 = _tahap_desa(page_factory, s, warga="warga_sp", pendukung="warga_sp_tetangga", operator="operator_sp",
                         desa=_tahap.DESA_TETANGGA, ide="Pelatihan kader posyandu", ide_biaya=40_000_000,
                         usulan_desa="Jalan usaha tani Sungai Perlu", biaya_desa=250_000_000,
                         pd_ide=f"PD-{_tahap.KAB}-BAPPEDA")
    assert DaftarUsulan.objects.filter(tahap=s.tahap["desa"], status="dikirim").count() == 2
    # Sungai Perlu's operator cannot reach Pematang Limau's proposal, not even by its address.
    op_sp = page_factory(DESKTOP)
    login(op_sp, "operator_sp")
    for alamat in (a2.get_absolute_url(), f"{a1.get_absolute_url()}ubah/"):
        assert op_sp.goto(alamat).status == 404, alamat
    u = {"U28-A1": a1, "U28-A2": a2, "U28-B1": b1, "U28-B2": b2}
    kode = {k: v.kode for k, v in u.items()}
    # ---- kecamatan: merge duplicates, score, re-rank, send
    page = page_factory(DESKTOP)
    login(page, "camat")
    page.goto("/perencanaan/tahap/")
    page.click("#tahap-kecamatan")
    assert page.locator("#jumlah-usulan").inner_text() == "4"
    page.fill("#form-gabung input[name=usulan]", kode["U28-B1"])
    page.fill("#form-gabung input[name=tujuan]", kode["U28-A1"])
    with page.expect_navigation():
        page.click("#form-gabung button")
    assert f"Gabungan dari: {kode['U28-B1']}" in page.content()
    item = page.locator(f"#usulan-{kode['U28-A2']}")
    item.locator("summary").click()
    item.locator("select[name=nilai_urgensi]").select_option("5")
    item.locator("select[name=nilai_manfaat]").select_option("4")
    with page.expect_navigation():
        item.locator("form button").click()
    assert f"{kode['U28-A2']} disimpan" in page.content()
    with page.expect_navigation():
        page.click("#hitung-ulang")
    foto(page, "kecamatan")
    page.click("#kirim-daftar")
    with page.expect_navigation():
        page.click("#kirim-konfirmasi")
    assert "dikirim ke tahap berikutnya" in page.content()
    merged = RevisiUsulan.objects.get(tahap=s.tahap["kecamatan"], usulan=u["U28-B1"])
    assert merged.keputusan == Keputusan.DIGABUNG and merged.digabung_ke_id == u["U28-A1"].pk

    # ---- Forum PD on a phone: DPMD rejects A1 with a reason
    hp = page_factory(PHONE)
    login(hp, "staf_pd")
    _buka(hp, s, "forum_pd")
    item = hp.locator(f"#usulan-{kode['U28-A1']}")
    item.locator("summary").click()
    item.locator("select[name=keputusan]").select_option("ditolak")
    item.locator("textarea[name=alasan]").fill("pendek")
    with hp.expect_navigation():
        item.locator("form button").click()
    assert "minimal 10 karakter" in hp.content()
    item = hp.locator(f"#usulan-{kode['U28-A1']}")
    item.locator("summary").click()
    item.locator("select[name=keputusan]").select_option("ditolak")
    item.locator("textarea[name=alasan]").fill(ALASAN)
    with hp.expect_navigation():
        item.locator("form button").click()
    assert "disimpan: Ditolak" in hp.content()
    foto(hp, "forum-pd-hp")
    assert hp.evaluate("document.documentElement.scrollWidth") <= 390 + 1

    # ---- Bappeda sends the forum's list
    page = page_factory(DESKTOP)
    login(page, "bappeda")
    _buka(page, s, "forum_pd")
    page.click("#kirim-daftar")
    with page.expect_navigation():
        page.click("#kirim-konfirmasi")

    # ---- kabupaten: lower the cost of B2, send
    _buka(page, s, "kabupaten")
    item = page.locator(f"#usulan-{kode['U28-B2']}")
    item.locator("summary").click()
    item.locator("input[name=perkiraan_biaya]").fill("35000000")
    with page.expect_navigation():
        item.locator("form button").click()
    assert f"{kode['U28-B2']} disimpan" in page.content()
    page.click("#kirim-daftar")
    with page.expect_navigation():
        page.click("#kirim-konfirmasi")

    # ---- RKPD: set with the Perbup, locked
    _buka(page, s, "rkpd")
    page.click("#kirim-daftar")
    page.fill("input[name=nomor_penetapan]", "12 Tahun 2026")
    page.fill("input[name=tanggal_penetapan]", "2026-01-02")
    with page.expect_navigation():
        page.click("#kirim-konfirmasi")
    assert "ditetapkan dan dikunci" in page.content()
    foto(page, "rkpd")
    rkpd = TahapMusrenbang.objects.get(pk=s.tahap["rkpd"].pk)
    assert rkpd.mode == ModeTahap.TUTUP and rkpd.nomor_penetapan == "12 Tahun 2026"
    assert set(RevisiUsulan.objects.filter(tahap=rkpd).values_list("usulan__kode", flat=True)) == {kode["U28-A2"], kode["U28-B2"]}

    # ---- public: the village page shows the reason; lacak follows the proposal (phone)
    pub = page_factory(PHONE)
    pub.goto(f"/musrenbang/desa/{_tahap.DESA}/")
    body = pub.content()
    assert ALASAN in body and "Kepala Pematang Limau" not in body and "Istri Pematang Limau" not in body
    foto(pub, "desa-publik")
    pub.goto("/musrenbang/")
    pub.fill("#form-lacak input[name=kode]", kode["U28-A2"])
    with pub.expect_navigation():
        pub.click("#form-lacak button")
    text = pub.locator("#linimasa").inner_text()
    assert re.search(r"Penetapan RKPD", text) and "Perbup 12 Tahun 2026" in text
    foto(pub, "lacak")
    assert pub.evaluate("document.documentElement.scrollWidth") <= 390 + 1
