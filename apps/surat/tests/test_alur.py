"""The staff workflow services: request > scans > check > reject/collect, and every refusal."""
from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404

from apps.akun.models import Notifikasi
from apps.kependudukan.models import Penduduk
from apps.surat import alur
from apps.surat.models import LampiranSurat, RiwayatSurat, StatusSurat, Surat
from tests import world

from ._alur import HTML, JPEG, PDF, PNG, SVG, dunia_alur, jenis_domisili, permohonan, unggahan  # noqa: F401


def _pesan(exc) -> str:
    return " ".join(m for ms in exc.value.message_dict.values() for m in ms)


# ---------------------------------------------------------------- buat_permohonan

def test_operator_request_fixes_template_validates_isian_and_writes_timeline(dunia):
    s = permohonan(dunia, isian={"keperluan": "  Melamar   pekerjaan ", "asing": "disisipkan"})
    assert s.status == StatusSurat.DIAJUKAN and s.kanal == Surat.LOKET
    assert s.owner_id == world.DESA and s.pemohon == dunia.users["operator_desa"]
    assert s.template.owner_id == world.DESA  # the village's own version, fixed now
    assert s.isian == {"keperluan": "Melamar pekerjaan"}  # cleaned; unknown keys dropped
    assert s.diajukan_pada is not None and s.nama_cari == dunia.warga_penduduk.nama_cari
    r = RiwayatSurat.objects.get(surat=s)
    assert r.langkah == "diajukan" and r.oleh == dunia.users["operator_desa"]
    # The resident has an account: he is told in-app.
    assert Notifikasi.objects.filter(pengguna=dunia.users["warga"], judul__contains="diterima").exists()


def test_invalid_isian_is_refused_per_field(dunia):
    with pytest.raises(ValidationError) as exc:
        permohonan(dunia, isian={"keperluan": "   "})
    assert "Keperluan wajib diisi." in exc.value.message_dict["keperluan"]
    assert not Surat.objects.filter(penduduk=dunia.warga_penduduk, status="diajukan").exists()


def test_resident_out_of_scope_is_not_found(dunia):
    tetangga_desa = Penduduk.objects.get(nama="Tetangga Sungai Perlu")
    with pytest.raises(Http404):
        permohonan(dunia, penduduk=tetangga_desa)
    assert not Surat.objects.filter(penduduk=tetangga_desa, status="diajukan").exists()


def test_role_without_add_grant_is_not_found(dunia):
    with pytest.raises(Http404):
        permohonan(dunia, peran="camat")


@pytest.mark.parametrize("status,kata", [(2, "mati"), (3, "pindah"), (4, "hilang")])
def test_resident_not_alive_is_refused(dunia, status, kata):
    Penduduk.objects.filter(pk=dunia.warga_penduduk.pk).update(status_dasar=status)
    with pytest.raises(ValidationError) as exc:
        permohonan(dunia)
    assert kata in _pesan(exc).lower() and "penduduk" in exc.value.message_dict


def test_inactive_type_and_non_mandiri_type_are_refused(dunia):
    jenis = jenis_domisili()
    jenis.aktif = False
    jenis.save()
    with pytest.raises(ValidationError) as exc:
        permohonan(dunia)
    assert "tidak aktif" in _pesan(exc)
    jenis.aktif, jenis.bisa_mandiri = True, False
    jenis.save()
    with pytest.raises(ValidationError) as exc:
        permohonan(dunia, peran="warga", kanal="mandiri")
    assert "layanan mandiri" in _pesan(exc)
    assert permohonan(dunia).kanal == "loket"  # at the counter it is fine


def test_unknown_channel_is_refused(dunia):
    with pytest.raises(ValidationError) as exc:
        permohonan(dunia, kanal="massal")
    assert "kanal" in exc.value.message_dict


def test_warga_requests_for_own_family_and_office_is_told(dunia):
    istri = Penduduk.objects.get(nama="Istri Pematang Limau")
    s = permohonan(dunia, peran="warga", penduduk=istri, kanal="mandiri")
    assert s.kanal == "mandiri" and s.pemohon == dunia.users["warga"]
    # The asking account hears back although the letter is for his wife (who has no account).
    assert Notifikasi.objects.filter(pengguna=dunia.users["warga"]).exists()
    # The office staff hear of the new request.
    assert Notifikasi.objects.filter(pengguna=dunia.users["operator_desa"], judul__startswith="Permohonan baru").exists()


def test_warga_cannot_request_for_another_family(dunia):
    tetangga = Penduduk.objects.get(nama="Tetangga Pematang Limau")
    with pytest.raises(Http404):
        permohonan(dunia, peran="warga", penduduk=tetangga, kanal="mandiri")
    assert not Surat.objects.filter(penduduk=tetangga, status="diajukan").exists()


def test_email_goes_after_commit_when_resident_has_an_address(dunia, settings, django_capture_on_commit_callbacks):
    Penduduk.objects.filter(pk=dunia.warga_penduduk.pk).update(email="budi@contoh.id")
    with django_capture_on_commit_callbacks(execute=True):
        permohonan(dunia)
    assert [m.to for m in mail.outbox] == [["budi@contoh.id"]]
    assert "diterima" in mail.outbox[0].subject


def test_failing_mail_server_does_not_fail_the_step(dunia, django_capture_on_commit_callbacks, monkeypatch):
    def rusak(*a, **k):
        raise OSError("SMTP mati")

    monkeypatch.setattr(alur, "send_mail", rusak)
    with django_capture_on_commit_callbacks(execute=True):
        s = permohonan(dunia)
    assert Surat.objects.filter(pk=s.pk).exists()


# ---------------------------------------------------------------- unggah_lampiran

@pytest.mark.parametrize("isi,mime", [(PDF, "application/pdf"), (JPEG, "image/jpeg"), (PNG, "image/png")])
def test_scan_is_sniffed_and_stored_under_a_random_name(dunia, isi, mime):
    s = permohonan(dunia)
    lamp = alur.unggah_lampiran(s, pengguna=dunia.users["operator_desa"], syarat="ktp",
                                berkas=unggahan(isi, "../../etc/KTP Budi.exe\x07"))
    assert lamp.jenis_mime == mime and lamp.ukuran == len(isi)
    assert lamp.nama_asli == "KTP Budi.exe"
    assert "KTP" not in lamp.berkas.name and lamp.berkas.name.startswith(f"syarat/{world.DESA}/")
    assert lamp.berkas.read() == isi
    assert RiwayatSurat.objects.filter(surat=s, langkah="lampiran").exists()


@pytest.mark.parametrize("isi,nama,kata", [
    (HTML, "ktp.pdf", "PDF, JPG atau PNG"),
    (SVG, "ktp.svg", "PDF, JPG atau PNG"),
    (b"", "ktp.pdf", "kosong"),
])
def test_bad_scans_are_refused(dunia, isi, nama, kata):
    s = permohonan(dunia)
    with pytest.raises(ValidationError) as exc:
        alur.unggah_lampiran(s, pengguna=dunia.users["operator_desa"], syarat="ktp", berkas=unggahan(isi, nama))
    assert kata in " ".join(exc.value.message_dict["berkas"])
    assert not LampiranSurat.objects.filter(surat=s).exists()


def test_too_large_scan_is_refused(dunia, settings):
    settings.EDESA_UNGGAH_MAKS = 1000
    s = permohonan(dunia)
    with pytest.raises(ValidationError) as exc:
        alur.unggah_lampiran(s, pengguna=dunia.users["operator_desa"], syarat="ktp",
                             berkas=unggahan(PDF + b"0" * 1000))
    assert "terlalu besar" in " ".join(exc.value.message_dict["berkas"])


def test_scan_for_unknown_requirement_or_after_check_is_refused(dunia):
    s = permohonan(dunia)
    with pytest.raises(ValidationError) as exc:
        alur.unggah_lampiran(s, pengguna=dunia.users["operator_desa"], syarat="akta", berkas=unggahan())
    assert "Fotokopi KTP" in " ".join(exc.value.message_dict["syarat"])
    alur.periksa(s, pengguna=dunia.users["operator_desa"], asli_dilihat=["ktp"])
    with pytest.raises(ValidationError) as exc:
        alur.unggah_lampiran(s, pengguna=dunia.users["operator_desa"], syarat="ktp", berkas=unggahan())
    assert "status" in exc.value.message_dict


def test_scan_for_letter_out_of_scope_is_not_found(dunia):
    asing = Surat.objects.get(owner_id=world.DESA_TETANGGA)
    with pytest.raises(Http404):
        alur.unggah_lampiran(asing, pengguna=dunia.users["operator_desa"], syarat="ktp", berkas=unggahan())


def test_kepala_desa_reads_but_may_not_upload(dunia):
    s = permohonan(dunia)
    with pytest.raises(Http404):
        alur.unggah_lampiran(s, pengguna=dunia.users["kepala_desa"], syarat="ktp", berkas=unggahan())


def test_scans_are_capped_per_requirement_and_per_letter(dunia):
    s = permohonan(dunia)
    syarat = [{"kode": "ktp", "label": "Fotokopi KTP"}] + [{"kode": f"s{i}", "label": f"Syarat {i}"} for i in range(6)]
    type(s.jenis).objects.filter(pk=s.jenis_id).update(syarat=syarat)
    op = dunia.users["operator_desa"]
    for _ in range(alur.MAKS_PINDAIAN_SYARAT):
        alur.unggah_lampiran(s, pengguna=op, syarat="ktp", berkas=unggahan())
    with pytest.raises(ValidationError) as exc:
        alur.unggah_lampiran(s, pengguna=op, syarat="ktp", berkas=unggahan())
    assert "Fotokopi KTP" in _pesan(exc) and "3 pindaian" in _pesan(exc)
    for i in range(4):
        for _ in range(alur.MAKS_PINDAIAN_SYARAT):
            alur.unggah_lampiran(s, pengguna=op, syarat=f"s{i}", berkas=unggahan())
    assert LampiranSurat.objects.filter(surat=s).count() == alur.MAKS_PINDAIAN_SURAT == 15
    with pytest.raises(ValidationError) as exc:
        alur.unggah_lampiran(s, pengguna=op, syarat="s5", berkas=unggahan())
    assert "15 pindaian" in _pesan(exc) and "Syarat 5" in _pesan(exc)
    assert LampiranSurat.objects.filter(surat=s).count() == 15


# ---------------------------------------------------------------- periksa

def test_check_names_each_missing_requirement(dunia):
    jenis = jenis_domisili()
    jenis.syarat = [{"kode": "ktp", "label": "Fotokopi KTP"}, {"kode": "kk", "label": "Fotokopi KK"},
                    {"kode": "rt", "label": "Surat pengantar RT"}]
    jenis.save()
    s = permohonan(dunia)
    alur.unggah_lampiran(s, pengguna=dunia.users["operator_desa"], syarat="ktp", berkas=unggahan())
    with pytest.raises(ValidationError) as exc:
        alur.periksa(s, pengguna=dunia.users["operator_desa"], asli_dilihat=["kk"])
    pesan = _pesan(exc)
    assert "Surat pengantar RT" in pesan and "Fotokopi KK" not in pesan and "Fotokopi KTP" not in pesan
    s.refresh_from_db()
    assert s.status == StatusSurat.DIAJUKAN
    s = alur.periksa(s, pengguna=dunia.users["operator_desa"], asli_dilihat=["kk", "rt"], catatan="Lengkap")
    assert s.status == StatusSurat.DIPERIKSA and s.diperiksa_pada
    r = RiwayatSurat.objects.get(surat=s, langkah="diperiksa")
    assert "Lengkap" in r.catatan and "Fotokopi KK" in r.catatan
    # The signers hear that a letter waits for them.
    assert Notifikasi.objects.filter(pengguna=dunia.users["kepala_desa"], judul__startswith="Menunggu").exists()


def test_check_refuses_unknown_requirement_wrong_status_and_wrong_role(dunia):
    s = permohonan(dunia)
    with pytest.raises(ValidationError) as exc:
        alur.periksa(s, pengguna=dunia.users["operator_desa"], asli_dilihat=["paspor"])
    assert "paspor" in _pesan(exc)
    with pytest.raises(Http404):
        alur.periksa(s, pengguna=dunia.users["kepala_desa"], asli_dilihat=["ktp"])
    with pytest.raises(Http404):
        alur.periksa(s, pengguna=dunia.users["warga"], asli_dilihat=["ktp"])
    alur.periksa(s, pengguna=dunia.users["operator_desa"], asli_dilihat=["ktp"])
    with pytest.raises(ValidationError) as exc:
        alur.periksa(s, pengguna=dunia.users["operator_desa"], asli_dilihat=["ktp"])
    assert "status" in exc.value.message_dict


# ---------------------------------------------------------------- tolak

def test_reject_needs_a_reason(dunia):
    s = permohonan(dunia)
    for alasan in ("", "   ", "kurang"):
        with pytest.raises(ValidationError) as exc:
            alur.tolak(s, pengguna=dunia.users["operator_desa"], alasan=alasan)
        assert "alasan" in exc.value.message_dict
    s.refresh_from_db()
    assert s.status == StatusSurat.DIAJUKAN


def test_reject_from_checked_by_signer_and_tell_resident(dunia):
    s = permohonan(dunia)
    alur.periksa(s, pengguna=dunia.users["operator_desa"], asli_dilihat=["ktp"])
    s = alur.tolak(s, pengguna=dunia.users["kepala_desa"], alasan="Data alamat pada KK belum diperbarui.")
    assert s.status == StatusSurat.DITOLAK and s.alasan_tolak.startswith("Data alamat")
    assert Notifikasi.objects.filter(pengguna=dunia.users["warga"], judul__contains="ditolak",
                                     pesan__contains="Data alamat").exists()
    with pytest.raises(ValidationError):
        alur.tolak(s, pengguna=dunia.users["operator_desa"], alasan="Sekali lagi ditolak saja.")


def test_reject_out_of_scope_is_not_found(dunia):
    asing = Surat.objects.get(owner_id=world.DESA_TETANGGA)
    with pytest.raises(Http404):
        alur.tolak(asing, pengguna=dunia.users["operator_desa"], alasan="Bukan surat desa kami.")


# ---------------------------------------------------------------- tandai_selesai

def test_collected_only_when_signed_and_by_staff_or_own_family(dunia):
    s = permohonan(dunia)
    with pytest.raises(ValidationError):
        alur.tandai_selesai(s, pengguna=dunia.users["operator_desa"])
    Surat.objects.filter(pk=s.pk).update(status=StatusSurat.DITANDATANGANI)
    with pytest.raises(Http404):
        alur.tandai_selesai(s, pengguna=dunia.users["camat"])  # reads, does not hand over
    s = alur.tandai_selesai(s, pengguna=dunia.users["warga"])
    assert s.status == StatusSurat.SELESAI and s.selesai_pada
    assert RiwayatSurat.objects.get(surat=s, langkah="selesai").catatan.startswith("Diunduh")
    # A second download is harmless.
    assert alur.tandai_selesai(s, pengguna=dunia.users["warga"]).status == StatusSurat.SELESAI
    assert RiwayatSurat.objects.filter(surat=s, langkah="selesai").count() == 1


def test_warga_cannot_collect_another_familys_letter(dunia):
    lain = Surat.objects.get(owner_id=world.DESA)  # the world's signed letter for the neighbour
    with pytest.raises(Http404):
        alur.tandai_selesai(lain, pengguna=dunia.users["warga"])
    s = alur.tandai_selesai(lain, pengguna=dunia.users["operator_desa"])
    assert RiwayatSurat.objects.get(surat=s, langkah="selesai").catatan == "Sudah diambil."



def test_originals_seen_at_the_counter_are_kept_on_the_letter(dunia):
    """A requirement met by the original (no scan) must still read as met after the check,
    on the letter and on its page."""
    from django.test import Client

    s = permohonan(dunia)
    kode = [x["kode"] for x in s.jenis.syarat]
    s = alur.periksa(s, pengguna=dunia.users["operator_desa"], asli_dilihat=kode)
    s.refresh_from_db()
    assert s.asli_dilihat == kode
    c = Client()
    c.force_login(dunia.users["operator_desa"])
    body = c.get(s.get_absolute_url()).content.decode()
    assert body.count("asli dilihat petugas") == len(kode)


def test_a_rejected_request_clears_the_office_notices_about_it(dunia):
    """"Permohonan baru" told every operator; once one rejects it, no bell still counts it."""
    from apps.akun import notifikasi

    s = permohonan(dunia)
    sekdes = dunia.users["sekdes"]
    notifikasi.kirim(sekdes, "Permohonan baru", tautan=s.get_absolute_url())
    alur.tolak(s, pengguna=dunia.users["operator_desa"], alasan="Pengantar RT tidak ada dan KTP sudah kedaluwarsa.")
    assert notifikasi.jumlah_belum_dibaca(sekdes) == 0
