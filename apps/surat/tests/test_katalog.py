"""The regency catalogue: every letter type the brief names, idempotent loading, templates
that use only known placeholders, and the management command."""
import pytest
from django.core.management import CommandError, call_command

from apps.surat import bawaan, placeholder
from apps.surat.models import JenisSurat, TemplateSurat
from apps.surat.tests._inti import dunia_inti  # noqa: F401
from tests import world

WAJIB = {"domisili", "usaha", "sktm", "kelahiran", "kematian", "pindah", "penghasilan-ortu", "belum-menikah",
         "beda-identitas", "pengantar-ktp", "pengantar-kk", "pengantar-skck", "izin-keramaian", "kehilangan"}


def test_katalog_lengkap_dengan_template_v1(dunia):
    jenis = {j.kode: j for j in JenisSurat.objects.filter(owner_id=world.KAB)}
    assert set(jenis) >= WAJIB
    for kode in WAJIB:
        j = jenis[kode]
        assert j.kode_klasifikasi and j.syarat, kode
        assert TemplateSurat.objects.filter(jenis=j, owner_id=world.KAB, versi=1).exists(), kode
    assert jenis["kelahiran"].masa_berlaku_hari == 0 and jenis["domisili"].masa_berlaku_hari == 30
    assert {f["kode"] for f in jenis["usaha"].isian} >= {"nama_usaha", "jenis_usaha", "alamat_usaha", "sejak"}


def test_muat_ulang_tidak_mengubah_apa_pun(dunia):
    versi = TemplateSurat.objects.count()
    assert bawaan.muat_katalog(world.KAB) == 0
    assert TemplateSurat.objects.count() == versi


def test_teks_berubah_membuat_versi_baru(dunia, monkeypatch):
    entri = [dict(e) for e in bawaan.KATALOG]
    entri[0]["isi"] = entri[0]["isi"] + " Tambahan."
    monkeypatch.setattr(bawaan, "KATALOG", entri)
    assert bawaan.muat_katalog(world.KAB) == 1
    tpl = TemplateSurat.objects.filter(jenis__kode="domisili", owner_id=world.KAB).order_by("-versi").first()
    assert tpl.versi == 2 and tpl.isi.endswith("Tambahan.")


def test_setiap_template_bawaan_hanya_memakai_placeholder_dikenal(dunia):
    for tpl in TemplateSurat.objects.filter(owner_id=world.KAB, jenis__kode__in=WAJIB).select_related("jenis"):
        placeholder.periksa({k: getattr(tpl, k) for k in ("judul", "pembuka", "isi", "penutup")},
                            {f["kode"] for f in tpl.jenis.isian})
        assert set(tpl.kolom_data) <= set(placeholder.KOLOM_DATA)


def test_kabupaten_kedua_mendapat_kode_sendiri(dunia):
    bawaan.muat_katalog(world.KAB_LAIN)
    assert JenisSurat.objects.get(kode="domisili").owner_id == world.KAB
    assert JenisSurat.objects.get(kode="domisili-6201").owner_id == world.KAB_LAIN


def test_perintah_muat_jenis_surat(dunia, capsys):
    call_command("muat_jenis_surat", world.KAB)
    assert "0 jenis/template" in capsys.readouterr().out
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("muat_jenis_surat", "99.99")
