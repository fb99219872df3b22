"""Issuing a letter: number, frozen data, signed PDF, masked public summary, timeline; the
refusals (wrong status, no signing right, out of scope); a failed signature leaves no gap;
cancelling keeps the number; official copies are recorded."""
import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from apps.dokumen import tte
from apps.dokumen.models import DokumenTerbit
from apps.kependudukan.models import Penduduk
from apps.sinkron.context import acting_as
from apps.surat import services
from apps.surat.models import NomorUrut, RiwayatSurat, StatusSurat, Surat
from apps.surat.tests._inti import dunia_inti, kunci, surat_diperiksa  # noqa: F401
from tests import world


def _terbit(dunia, peran="kepala_desa", **kw):
    s = surat_diperiksa(dunia, **kw)
    return services.terbitkan(s, pengguna=dunia.users[peran], kunci=kunci(dunia, peran))


def test_terbitkan_menomori_membekukan_dan_menandatangani(dunia):
    s = _terbit(dunia)
    s.refresh_from_db()
    assert s.status == StatusSurat.DITANDATANGANI and s.nomor_urut == 2  # the world's letter used 1
    assert s.nomor.startswith("470/002/62.07.01.2005/")
    isi = s.berkas.read()
    assert isi.startswith(b"%PDF-") and b"/ByteRange" in isi
    dok = s.dokumen
    assert dok.hash_berkas and dok.sumber_id == s.pk and dok.nomor == s.nomor
    ringkasan = dict(dok.ringkasan)
    nik = dunia.warga_penduduk.nik
    assert ringkasan["NIK"] == nik[:4] + "********" + nik[-4:]
    assert ringkasan["Nama"] == "K***** P******* L****"
    assert nik not in str(dok.ringkasan) and "Kepala Pematang" not in str(dok.ringkasan)
    assert s.data["penduduk"]["nik"] == nik and s.data["isian"] == {"keperluan": "Melamar pekerjaan"}
    assert s.berlaku_sampai == s.tanggal_surat + __import__("datetime").timedelta(days=30)
    assert RiwayatSurat.objects.filter(surat=s, langkah="ditandatangani").exists()
    assert s.data["cetak"]["ttd"]["jabatan"] == ["Kepala Desa Pematang Limau"] and not s.atas_nama


def test_data_beku_tidak_ikut_berubah(dunia):
    s = _terbit(dunia)
    with acting_as("sistem:uji"):
        Penduduk.objects.filter(pk=dunia.warga_penduduk.pk).update(nama="Nama Baru")
    s.refresh_from_db()
    assert s.data["penduduk"]["nama"] == "KEPALA PEMATANG LIMAU"


def test_sekdes_menandatangani_atas_nama(dunia):
    s = _terbit(dunia, peran="sekdes")
    assert s.atas_nama
    assert s.data["cetak"]["ttd"]["jabatan"] == ["a.n. Kepala Desa Pematang Limau", "Sekretaris Desa"]
    assert s.dokumen.jabatan_penandatangan.startswith("a.n. Kepala Desa Pematang Limau")


@pytest.mark.parametrize("status", [StatusSurat.DIAJUKAN, StatusSurat.DITOLAK, StatusSurat.DITANDATANGANI])
def test_hanya_surat_diperiksa(dunia, status):
    s = surat_diperiksa(dunia)
    Surat.objects.filter(pk=s.pk).update(status=status)
    with pytest.raises(ValidationError, match="sudah diperiksa"):
        services.terbitkan(s, pengguna=dunia.users["kepala_desa"], kunci=kunci(dunia))


def test_operator_tidak_berhak_menandatangani(dunia):
    s = surat_diperiksa(dunia)
    with pytest.raises(Http404):
        services.terbitkan(s, pengguna=dunia.users["operator_desa"], kunci=kunci(dunia))


def test_surat_desa_lain_404(dunia):
    tetangga = Penduduk.objects.filter(owner_id=world.DESA_TETANGGA).first()
    s = surat_diperiksa(dunia, penduduk=tetangga, desa=world.DESA_TETANGGA)
    with pytest.raises(Http404):
        services.terbitkan(s, pengguna=dunia.users["kepala_desa"], kunci=kunci(dunia))
    assert Surat.objects.get(pk=s.pk).status == StatusSurat.DIPERIKSA


def test_tanda_tangan_gagal_tidak_meninggalkan_celah(dunia, monkeypatch):
    s = surat_diperiksa(dunia)
    k = kunci(dunia)
    sebelum = NomorUrut.objects.get(owner_id=world.DESA, seri="umum", tahun=2026).terakhir

    def gagal(*a, **kw):
        raise ValidationError("Layanan BSrE tidak dapat dihubungi.")

    monkeypatch.setattr(tte, "tandatangani", gagal)
    with pytest.raises(ValidationError, match="BSrE"):
        services.terbitkan(s, pengguna=dunia.users["kepala_desa"], kunci=k)
    assert NomorUrut.objects.get(owner_id=world.DESA, seri="umum", tahun=2026).terakhir == sebelum
    assert Surat.objects.get(pk=s.pk).status == StatusSurat.DIPERIKSA
    assert not DokumenTerbit.objects.filter(sumber_id=s.pk).exists()
    monkeypatch.undo()
    assert services.terbitkan(s, pengguna=dunia.users["kepala_desa"], kunci=k).nomor_urut == sebelum + 1


def test_batalkan_menyimpan_nomor_dan_membatalkan_dokumen(dunia):
    s = _terbit(dunia)
    with pytest.raises(ValidationError, match="Alasan pembatalan wajib"):
        services.batalkan(s, pengguna=dunia.users["operator_desa"], alasan="  ")
    s = services.batalkan(s, pengguna=dunia.users["operator_desa"], alasan="Salah ketik keperluan")
    s.refresh_from_db()
    assert s.status == StatusSurat.DIBATALKAN and s.nomor_urut == 2 and s.alasan_batal == "Salah ketik keperluan"
    assert s.dokumen.dibatalkan is not None
    with pytest.raises(ValidationError, match="Salinan hanya"):
        services.pdf_salinan(s, pengguna=dunia.users["operator_desa"])
    with pytest.raises(ValidationError):
        services.batalkan(s, pengguna=dunia.users["operator_desa"], alasan="lagi")


def test_batalkan_di_luar_hak_404(dunia):
    s = _terbit(dunia)
    with pytest.raises(Http404):
        services.batalkan(s, pengguna=dunia.users["camat"], alasan="x")


def test_salinan_dicatat(dunia):
    s = _terbit(dunia)
    pdf = services.pdf_salinan(s, pengguna=dunia.users["operator_desa"])
    assert pdf.startswith(b"%PDF-")
    s.dokumen.refresh_from_db()
    assert len(s.dokumen.salinan) == 1 and s.dokumen.salinan[0]["hash"] != s.dokumen.hash_berkas
    with pytest.raises(Http404):
        services.pdf_salinan(s, pengguna=world_user(dunia, "op_tetangga"))


def world_user(dunia, username):
    from apps.akun.models import Pengguna

    return Pengguna.objects.get(username=username)
