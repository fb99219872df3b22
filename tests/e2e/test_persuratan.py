"""Browser journeys of the e-office (persuratan dinas), in Debian's Chromium against a live server:

1. A kecamatan sends an undangan to all its villages with a tembusan to the Bupati's office
   (draft from a template, quick "all villages" button, paraf by the Sekcam, signature by the
   Camat after a wrong passphrase); a village reads it on a phone, downloads the signed PDF and
   replies; the Kepala Desa signs the reply and the kecamatan receives it.
2. The Bupati's office registers a paper letter with a scan; the Bupati disposes it to the head
   of Bappeda, who disposes it to a Kabid; both follow up and close; the Bupati sees the tree.
3. An overdue disposition is marked "Terlambat" in the inbox and on its page.
4. Another unit opening the letter's URL gets 404.

The world is built here (a small Seruyan: the Bupati's office, Bappeda, two kecamatan, villages
and a kelurahan, positions held by users, signing certificates). Screenshots go to
test-artifacts/ (persuratan-*.png); the best are copied to docs/screenshots/ by hand."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from apps.akun.models import Keanggotaan, Pengguna
from apps.dokumen import ca
from apps.persuratan import keluar, masuk, render
from apps.persuratan.models import (
    KlasifikasiArsip,
    Naskah,
    PenerimaDisposisi,
    StatusNaskah,
    SuratMasuk,
    TemplateNaskah,
)
from apps.sinkron.context import acting_as
from apps.wilayah.models import Jabatan, Pejabat, UnitKerja, Wilayah

from .conftest import ARTIFACTS, DESKTOP, PHONE, login, shot

SANDI = "sandi-uji-persuratan-panjang"
TTE_CAMAT = "passphrase-camat-seruyan-hilir"
TTE_KADES = "passphrase-kades-pematang-limau"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
KAB, KEC, KEC2 = "62.07", "62.07.01", "62.07.02"
DESA = {"pl": ("62.07.01.2001", "Pematang Limau"), "sp": ("62.07.01.2002", "Sungai Perlu"),
        "tr": ("62.07.01.2003", "Tanjung Rangas")}
KEL = ("62.07.01.1001", "Kuala Pembuang I")


@dataclass
class Dunia:
    unit: dict[str, UnitKerja] = field(default_factory=dict)
    jab: dict[str, Jabatan] = field(default_factory=dict)
    u: dict[str, Pengguna] = field(default_factory=dict)
    kla: KlasifikasiArsip | None = None


def _wil(kode, nama, tingkat, level, induk=None, owner=None):
    return Wilayah.objects.create(kode=kode, nama=nama, tingkat=tingkat, level=level, induk_id=induk,
                                  owner_id=owner or kode)


def bangun() -> Dunia:
    d = Dunia()
    with acting_as("sistem:uji"):
        _wil("62", "Kalimantan Tengah", "provinsi", 1)
        _wil(KAB, "Kabupaten Seruyan", "kabupaten", 2, "62")
        _wil(KEC, "Seruyan Hilir", "kecamatan", 3, KAB, KAB)
        _wil(KEC2, "Seruyan Tengah", "kecamatan", 3, KAB, KAB)
        for kode, nama in DESA.values():
            _wil(kode, nama, "desa", 4, KEC, KAB)
        _wil(KEL[0], KEL[1], "kelurahan", 4, KEC, KAB)
        _wil("62.07.02.2001", "Tumbang Manjul", "desa", 4, KEC2, KAB)

        def unit(key, kode, nama, jenis, wil, singkatan="", induk=None):
            d.unit[key] = UnitKerja.objects.create(
                kode=kode, nama=nama, jenis=jenis, wilayah_id=wil, owner_id=wil, singkatan=singkatan,
                induk=induk, alamat="Jl. Ahmad Yani, Kuala Pembuang")
            return d.unit[key]

        setda = unit("setda", "SETDA", "Sekretariat Daerah Kabupaten Seruyan", "setda", KAB, "Setda")
        unit("bappeda", "BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "pd", KAB, "Bappeda")
        kec = unit("kec", "KEC-SH", "Kecamatan Seruyan Hilir", "kecamatan", KEC, "Kec. Seruyan Hilir", induk=setda)
        unit("kec2", "KEC-ST", "Kecamatan Seruyan Tengah", "kecamatan", KEC2, "Kec. Seruyan Tengah", induk=setda)
        for key, (kode, nama) in DESA.items():
            unit(key, f"DESA-{kode[-4:]}", f"Pemerintah Desa {nama}", "pemdes", kode, f"Pemdes {nama}", induk=kec)
        unit("kel", "KEL-1001", f"Kelurahan {KEL[1]}", "kelurahan", KEL[0], "KP1", induk=kec)
        unit("tm", "DESA-ST-2001", "Pemerintah Desa Tumbang Manjul", "pemdes", "62.07.02.2001", "TM")

        def jab(key, u, nama, kepala=False, atasan=None, urutan=0):
            un = d.unit[u]
            d.jab[key] = Jabatan.objects.create(unit=un, nama=nama, is_kepala=kepala, urutan=urutan,
                                                atasan=d.jab.get(atasan), owner_id=un.wilayah_id)

        jab("bupati", "setda", "Bupati Seruyan", kepala=True)
        jab("sekda", "setda", "Sekretaris Daerah", atasan="bupati", urutan=1)
        jab("kepala_bappeda", "bappeda", "Kepala Bappeda", kepala=True)
        jab("kabid", "bappeda", "Kepala Bidang Perencanaan", atasan="kepala_bappeda", urutan=1)
        jab("camat", "kec", "Camat Seruyan Hilir", kepala=True)
        jab("sekcam", "kec", "Sekretaris Kecamatan", atasan="camat", urutan=1)
        jab("kasi", "kec", "Kasi Pemerintahan", atasan="sekcam", urutan=2)
        for key in DESA:
            jab(f"kades_{key}", key, "Kepala Desa", kepala=True)
        jab("sekdes_pl", "pl", "Sekretaris Desa", atasan="kades_pl", urutan=1)
        jab("lurah", "kel", "Lurah", kepala=True)
        jab("camat2", "kec2", "Camat Seruyan Tengah", kepala=True)
        jab("kades_tm", "tm", "Kepala Desa", kepala=True)

        def orang(key, peran, u, jabatan=None, nama=None, nip=""):
            un = d.unit[u]
            user = Pengguna.objects.create_user(username=key, password=SANDI, nama=nama, email=f"{key}@uji.local")
            Keanggotaan.objects.create(pengguna=user, peran=peran, wilayah_id=un.wilayah_id, unit=un,
                                       owner_id=un.wilayah_id)
            if jabatan:
                Pejabat.objects.create(nama=nama, nip=nip, jabatan=d.jab[jabatan], pengguna=user,
                                       mulai=datetime.date(2025, 1, 1), owner_id=un.wilayah_id)
            d.u[key] = user

        orang("tu_setda", "staf_pd", "setda", nama="Rina Tata Usaha")
        orang("bupati", "bupati", "setda", "bupati", "H. Yulhaidir", "197501012000031001")
        orang("kepala_bappeda", "bappeda", "bappeda", "kepala_bappeda", "Ir. Bambang Kepala Bappeda",
              "197003032000031003")
        orang("kabid", "bappeda", "bappeda", "kabid", "Dewi Kabid Perencanaan", "198004042005012004")
        orang("camat", "camat", "kec", "camat", "Drs. Ahmad Fauzi", "198003152005011002")
        orang("sekcam", "staf_kecamatan", "kec", "sekcam", "Siti Rahmah, S.Sos", "198505052010012005")
        orang("staf_kec", "staf_kecamatan", "kec", nama="Yanto Staf Kecamatan")
        orang("kades_pl", "kepala_desa", "pl", "kades_pl", "Budi Santoso")
        orang("sekdes_pl", "sekdes", "pl", "sekdes_pl", "Maria Sekdes")
        orang("operator_sp", "operator_desa", "sp", nama="Operator Sungai Perlu")
        orang("staf_kec2", "staf_kecamatan", "kec2", nama="Staf Seruyan Tengah")
        # An acting head of section (Plt), shown on the org chart.
        Pejabat.objects.create(nama="Rudi Hartono, S.IP", nip="198807072015031007", jabatan=d.jab["kasi"],
                               status="plt", mulai=datetime.date(2026, 1, 2), selesai=datetime.date(2027, 6, 30),
                               owner_id=KEC)
        d.kla = KlasifikasiArsip.objects.create(kode="005", nama="Undangan", owner_id=KAB)
        KlasifikasiArsip.objects.create(kode="000.1.2", nama="Rapat", owner_id=KAB)
        TemplateNaskah.objects.create(
            jenis="undangan", nama="Undangan rapat", klasifikasi=d.kla, perihal="Undangan Rapat Koordinasi",
            isi="Dengan hormat,\n\nDalam rangka koordinasi, kami mengundang Saudara untuk hadir pada:\n\n"
                "Hari/tanggal: ...\nWaktu: ...\nTempat: ...\n\nDemikian, atas kehadirannya diucapkan terima kasih.",
            owner_id=KAB)
    return d


@pytest.fixture
def persuratan(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return bangun()


def _masuk(page, username):
    page.context.clear_cookies()
    login(page, username, SANDI)


def _tanpa_gulir_samping(page):
    lebar = page.evaluate("document.documentElement.scrollWidth")
    if lebar > PHONE["width"] + 1:
        terlebar = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(-3).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 60))""")
        pytest.fail(f"halaman {page.url} bergulir ke samping ({lebar}px): {terlebar}")


def _foto(page, nama):
    """A full-page screenshot from the top (a scrolled page would paint its sticky header midway)."""
    page.evaluate("window.scrollTo(0, 0)")
    return shot(page, nama)


def _baris_lacak(page, kode_unit):
    return page.locator(f"#tabel-pelacakan tr[data-unit='{kode_unit}']")


@pytest.fixture
def rekam_pdf(monkeypatch):
    """Keeps page 1 of every naskah PDF rendered (same Typst source) as a PNG, so a person can
    look at the signed letter: test-artifacts/persuratan-naskah-pdf-<n>.png."""
    asli = render.pdf
    n = [0]

    def pdf(data):
        hasil = asli(data)
        if data.get("nomor"):
            n[0] += 1
            png = render.COMPILER.compile(render.sumber(data).encode("utf-8"), format="png", ppi=110.0)
            ARTIFACTS.mkdir(exist_ok=True)
            (ARTIFACTS / f"persuratan-naskah-pdf-{n[0]}.png").write_bytes(png[0] if isinstance(png, list) else png)
        return hasil

    monkeypatch.setattr(render, "pdf", pdf)


def test_undangan_kecamatan_ke_semua_desa_lalu_dibalas(persuratan, page_factory, rekam_pdf):
    d = persuratan
    ca.terbitkan_sertifikat(pengguna=d.u["camat"], passphrase=TTE_CAMAT)
    ca.terbitkan_sertifikat(pengguna=d.u["kades_pl"], passphrase=TTE_KADES)
    besok = (timezone.localdate() + datetime.timedelta(days=3)).strftime("%d-%m-%Y")

    # The clerk drafts from the template, adds every village, a tembusan and the Sekcam's paraf.
    page = page_factory(DESKTOP)
    login(page, "staf_kec", SANDI)
    page.goto("/persuratan/naskah/")
    page.click("a[href='/persuratan/naskah/buat/']")
    page.wait_for_url(re.compile(r"/buat/$"))
    page.select_option("#pilih-template", label="Surat Undangan: Undangan rapat")
    with page.expect_navigation():
        page.click("#form-template button")
    assert page.input_value("select[name=jenis]") == "undangan"
    assert page.input_value("input[name=perihal]") == "Undangan Rapat Koordinasi"
    page.fill("input[name=perihal]", "Undangan Rapat Koordinasi Musrenbang Kecamatan")
    page.fill("textarea[name=isi]", "Dengan hormat,\n\nKami mengundang Saudara Kepala Desa/Lurah hadir pada:\n\n"
              f"Hari/tanggal: {besok}\nWaktu: 09.00 WIB\nTempat: Aula Kantor Camat Seruyan Hilir\n\n"
              "Demikian, atas kehadirannya diucapkan terima kasih.")
    page.select_option("select[name=urgensi]", "segera")
    with page.expect_navigation():
        page.click("#pilih-desa")
    kepada = page.eval_on_selector("select[name=kepada]", "s => [...s.selectedOptions].map(o => o.value)")
    assert sorted(kepada) == sorted([d.unit[k].kode for k in ("pl", "sp", "tr", "kel")])
    # What was typed survives the quick button.
    assert page.input_value("input[name=perihal]") == "Undangan Rapat Koordinasi Musrenbang Kecamatan"
    assert "Dipilih 4 unit" in page.inner_text("[data-terpilih-untuk=id_kepada]")
    page.select_option("select[name=tembusan]", d.unit["setda"].kode)
    assert "Dipilih 1 unit: Sekretariat Daerah" in page.inner_text("[data-terpilih-untuk=id_tembusan]")
    page.select_option("select[name=paraf_1]", label="Sekretaris Kecamatan")
    assert page.input_value("select[name=jabatan_penandatangan]") == str(d.jab["camat"].pk)
    _foto(page, "persuratan-naskah-buat")
    with page.expect_navigation():
        page.click("#simpan-naskah")
    page.wait_for_selector("text=Draf naskah tersimpan")
    n = Naskah.objects.get(perihal="Undangan Rapat Koordinasi Musrenbang Kecamatan")
    assert page.url.endswith(f"/persuratan/naskah/{n.pk}/")
    with page.expect_navigation():
        page.click("#ajukan-naskah")
    page.wait_for_selector("text=diajukan untuk diparaf")
    n.refresh_from_db()
    assert n.status == StatusNaskah.PARAF

    # The Sekcam initials it from "waiting for my initials".
    _masuk(page, "sekcam")
    page.goto("/persuratan/naskah/?tab=paraf")
    page.click(f"a[href='/persuratan/naskah/{n.pk}/']")
    with page.expect_navigation():
        page.click("#tombol-paraf")
    page.wait_for_selector("text=Naskah diparaf")
    n.refresh_from_db()
    assert n.status == StatusNaskah.SIAP_TTD

    # The Camat signs: a wrong passphrase first (nothing numbered, nothing sent).
    _masuk(page, "camat")
    page.goto("/persuratan/naskah/?tab=ttd")
    page.click(f"a[href='/persuratan/naskah/{n.pk}/']")
    page.fill("input[name=ttd-passphrase]", "bukan-passphrase-ini")
    with page.expect_navigation():
        page.click("#tombol-ttd")
    page.wait_for_selector("text=Passphrase salah")
    n.refresh_from_db()
    assert n.status == StatusNaskah.SIAP_TTD and not n.nomor
    assert not SuratMasuk.objects.filter(naskah=n).exists()
    page.fill("input[name=ttd-passphrase]", TTE_CAMAT)
    with page.expect_navigation():
        page.click("#tombol-ttd")
    page.wait_for_selector("text=ditandatangani dengan nomor")
    n.refresh_from_db()
    assert n.status == StatusNaskah.TERKIRIM and n.nomor
    for key in ("pl", "sp", "tr", "kel", "setda"):
        baris = _baris_lacak(page, d.unit[key].kode)
        assert baris.count() == 1, key
        assert "agenda" in baris.inner_text()
    assert "Tembusan" in _baris_lacak(page, "SETDA").inner_text()
    assert _baris_lacak(page, d.unit["tm"].kode).count() == 0  # the other kecamatan's village
    _foto(page, "persuratan-naskah-terkirim")

    # The Sekdes of Pematang Limau, on a phone: inbox, letter, signed PDF, reply.
    sm = SuratMasuk.objects.get(naskah=n, unit=d.unit["pl"])
    hp = page_factory(PHONE)
    login(hp, "sekdes_pl", SANDI)
    hp.goto("/persuratan/")
    surat = hp.locator(f"a[href='/persuratan/masuk/{sm.pk}/']")
    assert surat.inner_text().strip() == n.perihal
    _tanpa_gulir_samping(hp)
    _foto(hp, "persuratan-kotak-masuk-ponsel")
    with hp.expect_navigation():
        surat.click()
    hp.wait_for_selector("#unduh-pdf")
    _tanpa_gulir_samping(hp)
    _foto(hp, "persuratan-surat-masuk-ponsel")
    with hp.expect_download() as unduhan:
        hp.click("#unduh-pdf")
    with open(unduhan.value.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"

    # The Camat's tracking now says who read it and when.
    page.reload()
    baris = _baris_lacak(page, d.unit["pl"].kode)
    assert "Maria Sekdes" in baris.inner_text()
    assert "Belum dibaca" not in baris.inner_text()
    assert "Belum dibaca" in _baris_lacak(page, d.unit["sp"].kode).inner_text()

    with hp.expect_navigation():
        hp.click("#balas")
    hp.wait_for_selector("#info-balasan")
    assert hp.input_value("input[name=perihal]") == f"Balasan: {n.perihal}"
    assert hp.eval_on_selector("select[name=kepada]", "s => [...s.selectedOptions].map(o => o.value)") == ["KEC-SH"]
    assert hp.input_value("select[name=jenis]") == "undangan"
    assert hp.input_value("select[name=jabatan_penandatangan]") == str(d.jab["kades_pl"].pk)
    hp.select_option("select[name=jenis]", "surat_dinas")
    hp.fill("textarea[name=isi]", "Dengan hormat,\n\nMenindaklanjuti undangan Bapak Camat, Kepala Desa Pematang Limau "
            "akan hadir pada waktu dan tempat yang ditentukan.\n\nDemikian disampaikan.")
    _tanpa_gulir_samping(hp)
    _foto(hp, "persuratan-balas-ponsel")
    with hp.expect_navigation():
        hp.click("#simpan-naskah")
    hp.wait_for_selector("text=Draf naskah tersimpan")
    balasan = Naskah.objects.get(balasan_untuk=sm)
    with hp.expect_navigation():
        hp.click("#ajukan-naskah")
    hp.wait_for_selector("text=diajukan untuk ditandatangani")

    # The Kepala Desa signs the reply; it lands in the kecamatan's inbox.
    _masuk(hp, "kades_pl")
    hp.goto("/persuratan/naskah/?tab=ttd")
    hp.click(f"a[href='/persuratan/naskah/{balasan.pk}/']")
    hp.fill("input[name=ttd-passphrase]", TTE_KADES)
    with hp.expect_navigation():
        hp.click("#tombol-ttd")
    hp.wait_for_selector("text=ditandatangani dengan nomor")
    _tanpa_gulir_samping(hp)
    _foto(hp, "persuratan-balasan-terkirim-ponsel")
    balasan.refresh_from_db()
    assert balasan.status == StatusNaskah.TERKIRIM

    _masuk(page, "staf_kec")
    page.goto("/persuratan/")
    masuk_balasan = SuratMasuk.objects.get(naskah=balasan, unit=d.unit["kec"])
    assert page.locator(f"a[href='/persuratan/masuk/{masuk_balasan.pk}/']").inner_text().strip() == balasan.perihal
    _foto(page, "persuratan-kotak-masuk-kecamatan")
    page.goto(f"/persuratan/naskah/{n.pk}/")
    assert balasan.nomor in _baris_lacak(page, d.unit["pl"].kode).inner_text()
    _foto(page, "persuratan-naskah-detail")

    # The org chart of the kecamatan, as the Camat sees it.
    _masuk(page, "camat")
    page.goto(f"/wilayah/unit/{d.unit['kec'].pk}/")
    page.wait_for_selector("text=Sekretaris Kecamatan")
    _foto(page, "persuratan-bagan-organisasi")


def test_surat_kertas_didisposisikan_berjenjang_sampai_selesai(persuratan, page_factory, tmp_path):
    d = persuratan
    scan = tmp_path / "surat-gubernur.pdf"
    scan.write_bytes(PDF)
    laporan = tmp_path / "laporan-tindak-lanjut.pdf"
    laporan.write_bytes(PDF)
    hari = timezone.localdate()

    # Tata usaha of the Bupati's office registers the paper letter with its scan.
    page = page_factory(DESKTOP)
    login(page, "tu_setda", SANDI)
    page.goto("/persuratan/")
    with page.expect_navigation():
        page.click("#catat-surat")
    page.fill("input[name=pengirim]", "Gubernur Kalimantan Tengah")
    page.fill("input[name=nomor_surat]", "050/412/BAPPEDALITBANG/2026")
    page.fill("input[name=tanggal_surat]", (hari - datetime.timedelta(days=3)).isoformat())
    page.fill("input[name=perihal]", "Penyusunan RKPD Kabupaten Tahun 2027")
    page.select_option("select[name=urgensi]", "segera")
    page.set_input_files("input[name=berkas]", str(scan))
    _foto(page, "persuratan-catat-surat-kertas")
    with page.expect_navigation():
        page.click("#simpan-surat")
    page.wait_for_selector("text=dicatat dalam agenda")
    sm = SuratMasuk.objects.get(perihal="Penyusunan RKPD Kabupaten Tahun 2027")
    assert sm.unit == d.unit["setda"] and sm.nomor_agenda
    assert "surat-gubernur.pdf" in page.content()

    # The Bupati disposes it to the head of Bappeda with a deadline.
    _masuk(page, "bupati")
    page.goto("/persuratan/")
    with page.expect_navigation():
        page.click(f"a[href='/persuratan/masuk/{sm.pk}/']")
    page.select_option("select[name=disposisi-kepada]", str(d.jab["kepala_bappeda"].pk))
    page.fill("textarea[name=disposisi-instruksi]", "Siapkan bahan dan koordinasikan dengan perangkat daerah.")
    page.select_option("select[name=disposisi-urgensi]", "segera")
    page.fill("input[name=disposisi-batas_waktu]", (hari + datetime.timedelta(days=7)).isoformat())
    with page.expect_navigation():
        page.click("#kirim-disposisi")
    page.wait_for_selector("text=Disposisi dikirim")
    pd_kb = PenerimaDisposisi.objects.get(jabatan=d.jab["kepala_bappeda"])

    # The head of Bappeda accepts and disposes it further to his Kabid.
    _masuk(page, "kepala_bappeda")
    page.goto("/persuratan/")
    with page.expect_navigation():
        page.click(f"a[href='/persuratan/disposisi/{pd_kb.pk}/']")
    with page.expect_navigation():
        page.click("#terima")
    page.wait_for_selector("text=Disposisi diterima")
    page.select_option("select[name=disposisi-kepada]", str(d.jab["kabid"].pk))
    page.fill("textarea[name=disposisi-instruksi]", "Susun rancangan awal RKPD, laporkan paling lambat Jumat.")
    page.fill("input[name=disposisi-batas_waktu]", (hari + datetime.timedelta(days=5)).isoformat())
    with page.expect_navigation():
        page.click("#kirim-disposisi")
    page.wait_for_selector("text=Disposisi diteruskan")
    pd_kabid = PenerimaDisposisi.objects.get(jabatan=d.jab["kabid"])

    # The Kabid follows up with a file and closes.
    _masuk(page, "kabid")
    page.goto("/persuratan/disposisi/")
    with page.expect_navigation():
        page.click(f"a[href='/persuratan/disposisi/{pd_kabid.pk}/']")
    with page.expect_navigation():
        page.click("#terima")
    page.fill("textarea[name=tl-catatan]", "Rancangan awal RKPD 2027 sudah disusun, terlampir.")
    page.set_input_files("input[name=tl-berkas]", str(laporan))
    page.check("input[name=tl-menutup]")
    _foto(page, "persuratan-disposisi-tindak-lanjut")
    with page.expect_navigation():
        page.click("#simpan-tindak-lanjut")
    page.wait_for_selector("text=Disposisi diselesaikan")
    assert "laporan-tindak-lanjut.pdf" in page.content()

    # The head of Bappeda closes his.
    _masuk(page, "kepala_bappeda")
    page.goto(f"/persuratan/disposisi/{pd_kb.pk}/")
    assert "Rancangan awal RKPD 2027" in page.content()
    page.fill("textarea[name=tl-catatan]", "Rancangan awal sudah diserahkan ke Sekda untuk dibahas.")
    page.check("input[name=tl-menutup]")
    with page.expect_navigation():
        page.click("#simpan-tindak-lanjut")
    page.wait_for_selector("text=Disposisi diselesaikan")

    # The Bupati's side sees the whole tree, closed at both levels.
    _masuk(page, "bupati")
    page.goto(f"/persuratan/masuk/{sm.pk}/")
    pohon = page.locator(".pohon-disposisi").first
    for pd in (pd_kb, pd_kabid):
        simpul = pohon.locator(f"li[data-penerima='{pd.pk}']")
        assert "Selesai" in simpul.inner_text()
    teks = pohon.inner_text()
    assert "Kepala Bappeda" in teks and "Kepala Bidang Perencanaan" in teks
    assert "Rancangan awal RKPD 2027" in teks and "laporan-tindak-lanjut.pdf" in teks
    _foto(page, "persuratan-disposisi-pohon")


def test_disposisi_terlambat_ditandai(persuratan, page_factory):
    d = persuratan
    sm = masuk.catat_fisik(pengguna=d.u["tu_setda"], unit=d.unit["setda"], pengirim="Kementerian Dalam Negeri",
                           nomor_surat="400.10/77/BANGDA", tanggal_surat=timezone.localdate(),
                           perihal="Laporan evaluasi RPJMD")
    disp = masuk.disposisikan(pengguna=d.u["bupati"], surat_masuk=sm, instruksi="Segera siapkan laporan.",
                              urgensi="sangat_segera", batas_waktu=timezone.localdate() + datetime.timedelta(days=1),
                              kepada=[d.jab["kepala_bappeda"]])
    pd = PenerimaDisposisi.objects.get(disposisi=disp)
    # The deadline has passed (the service refuses a past deadline, so move it afterwards).
    lewat = timezone.localdate() - datetime.timedelta(days=3)
    PenerimaDisposisi.objects.filter(pk=pd.pk).update(batas_waktu=lewat)
    type(disp).objects.filter(pk=disp.pk).update(batas_waktu=lewat)

    page = page_factory(PHONE)
    login(page, "kepala_bappeda", SANDI)
    page.goto("/persuratan/")
    baris = page.locator("tr", has=page.locator(f"a[href='/persuratan/disposisi/{pd.pk}/']"))
    assert "table-danger" in baris.get_attribute("class")
    assert re.search(r"Terlambat 3 hari", baris.locator(".terlambat").inner_text())
    _tanpa_gulir_samping(page)
    _foto(page, "persuratan-terlambat-kotak-ponsel")
    with page.expect_navigation():
        baris.locator("a").first.click()
    assert "Terlambat 3 hari" in page.locator(".page-header .terlambat").inner_text()
    _tanpa_gulir_samping(page)
    _foto(page, "persuratan-terlambat-disposisi-ponsel")


def test_unit_lain_tidak_melihat_surat(persuratan, page_factory):
    d = persuratan
    sm = masuk.catat_fisik(pengguna=d.u["tu_setda"], unit=d.unit["setda"], pengirim="Gubernur Kalimantan Tengah",
                           nomor_surat="005/1/2026", tanggal_surat=timezone.localdate(), perihal="Rahasia Setda")
    page = page_factory(DESKTOP)
    login(page, "staf_kec2", SANDI)
    assert page.goto(f"/persuratan/masuk/{sm.pk}/").status == 404
    assert page.goto("/persuratan/").ok and "Rahasia Setda" not in page.content()
    _masuk(page, "operator_sp")
    assert page.goto(f"/persuratan/masuk/{sm.pk}/").status == 404

    # A naskah of the kecamatan: another kecamatan, and even a village it is addressed to,
    # cannot open the sender's record (the village reads it through its own incoming letter).
    n = keluar.buat_draf(pengguna=d.u["staf_kec"], unit=d.unit["kec"], jenis="undangan", klasifikasi=d.kla,
                         perihal="Undangan terbatas", isi="Dengan hormat.", jabatan_penandatangan=d.jab["camat"],
                         penerima=[{"unit": d.unit["sp"], "nama_luar": "", "jenis": "kepada"}])
    for orang in ("staf_kec2", "operator_sp", "tu_setda"):
        _masuk(page, orang)
        assert page.goto(f"/persuratan/naskah/{n.pk}/").status == 404, orang
        assert page.goto(f"/persuratan/naskah/{n.pk}/pdf/").status == 404, orang
    _masuk(page, "staf_kec")
    assert page.goto(f"/persuratan/naskah/{n.pk}/").status == 200
