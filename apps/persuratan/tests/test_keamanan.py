"""Security review of the e-office (issue 5): who acts for a position TODAY (a cancelled,
future or ended delegation and an ended Plt give no rights), what the sender learns of replies,
where a letter may go, and the attachment checks (macros, ZIP bombs, crafted PDFs, download
names, reading uploads before the journal lock), and passphrases kept out of error reports."""
from __future__ import annotations

import datetime
import io
import logging
import time
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import Client
from django.utils import timezone
from django.views.debug import ExceptionReporter

from apps.akun.models import Keanggotaan, Pengguna
from apps.persuratan import berkas, keluar, masuk
from apps.persuratan.models import BerkasPersuratan, Naskah, PenerimaDisposisi, PenerimaNaskah, SuratMasuk
from apps.sinkron import journal
from apps.sinkron.context import acting_as
from apps.wilayah.models import Pejabat
from apps.wilayah.services.delegasi import buat_delegasi, cabut_delegasi

from . import _keluar as K
from . import _masuk as M

pytestmark = pytest.mark.django_db


@pytest.fixture
def m(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return M.build()


@pytest.fixture
def k(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return K.bangun()


def _hari(n: int = 0) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


# ---------------------------------------------------------------- acting for a position

def _disposisi_ke_bappeda(m) -> PenerimaDisposisi:
    sm = M.catat(m)
    masuk.disposisikan(pengguna=m.u["bupati"], instruksi="Tindak lanjuti", urgensi="segera", batas_waktu=None,
                       kepada=[m.jab["kepala_bappeda"]], surat_masuk=sm)
    return PenerimaDisposisi.objects.get(jabatan=m.jab["kepala_bappeda"])


def test_a_cancelled_delegate_no_longer_acts_on_a_disposition_received_while_delegated(m, client):
    d = buat_delegasi(user=m.u["kepala_bappeda"], jabatan=m.jab["kepala_bappeda"], kepada=m.u["kabid"],
                      mulai=_hari(0), selesai=_hari(5), alasan="Cuti")
    pd = _disposisi_ke_bappeda(m)
    assert pd.pengguna == m.u["kabid"]  # recorded: the delegate acted for the head when it was sent
    assert masuk.boleh_bertindak(pd, m.u["kabid"])
    cabut_delegasi(user=m.u["kepala_bappeda"], delegasi=d)

    assert not masuk.boleh_bertindak(pd, m.u["kabid"])
    with pytest.raises(Http404):
        masuk.terima_disposisi(pd, pengguna=m.u["kabid"])
    with pytest.raises(Http404):
        masuk.tindak_lanjut(pd, pengguna=m.u["kabid"], catatan="Selesai", menutup=True)
    with pytest.raises(Http404):
        masuk.disposisikan(pengguna=m.u["kabid"], instruksi="Kerjakan", urgensi="biasa", batas_waktu=None,
                           kepada=[m.jab["analis"]], induk=pd)
    # Over the API too (the kabid still sees it: it is addressed to the kabid's unit).
    M.login(client, m, "kabid")
    assert client.get(f"/api/v1/persuratan/disposisi/{pd.pk}/").status_code == 200
    resp = client.post(f"/api/v1/persuratan/disposisi/{pd.pk}/tindak-lanjut/", {"catatan": "x", "menutup": True},
                       content_type="application/json")
    assert resp.status_code == 404
    pd.refresh_from_db()
    assert pd.status == "baru" and not pd.tindak_lanjut.exists()
    # The head, back at work, acts on it.
    masuk.terima_disposisi(pd, pengguna=m.u["kepala_bappeda"])


def test_an_official_no_longer_holding_the_position_does_not_act_on_what_was_sent_to_them(m):
    pd = _disposisi_ke_bappeda(m)
    assert pd.pengguna == m.u["kepala_bappeda"]
    with acting_as("sistem:uji"):
        Pejabat.objects.filter(pengguna=m.u["kepala_bappeda"]).update(selesai=_hari(-1))
    with pytest.raises(Http404):
        masuk.terima_disposisi(pd, pengguna=m.u["kepala_bappeda"])


def test_a_disposition_addressed_to_a_person_without_position_needs_them_still_in_the_unit(m):
    pd = _disposisi_ke_bappeda(m)
    with acting_as("sistem:uji"):
        PenerimaDisposisi.objects.filter(pk=pd.pk).update(jabatan=None, pengguna=m.u["analis"])
    pd.refresh_from_db()
    assert masuk.boleh_bertindak(pd, m.u["analis"]) and not masuk.boleh_bertindak(pd, m.u["kabid"])
    Keanggotaan.objects.filter(pengguna=m.u["analis"]).update(aktif=False)
    assert not masuk.boleh_bertindak(pd, Pengguna.objects.get(pk=m.u["analis"].pk))  # moved out of the unit


def test_a_future_or_cancelled_delegation_and_an_ended_plt_give_no_right_to_sign_or_initial(k):
    d = k
    n = K.siap_ttd(d)
    k_sekcam = K.kunci(d, "sekcam")
    buat_delegasi(user=d.users["camat"], jabatan=d.j["camat"], kepada=d.users["sekcam"], mulai=_hari(1),
                  selesai=_hari(3), alasan="Perjalanan dinas")
    with pytest.raises(ValidationError) as e:
        keluar.tandatangani(n, pengguna=d.users["sekcam"], kunci=k_sekcam)
    assert "tidak memegang" in str(e.value)
    hari_ini = buat_delegasi(user=d.users["camat"], jabatan=d.j["camat"], kepada=d.users["kasi"], mulai=_hari(0),
                             selesai=_hari(0), alasan="Rapat di kabupaten")
    cabut_delegasi(user=d.users["camat"], delegasi=hari_ini)
    with pytest.raises(ValidationError):
        keluar.tandatangani(n, pengguna=d.users["sekcam"], kunci=k_sekcam)
    n.refresh_from_db()
    assert n.status == "siap_ttd" and not n.nomor

    # An acting official (Plt) whose term ended yesterday no longer initials.
    with acting_as("sistem:uji"):
        Pejabat.objects.create(nama="Kasi Plt", jabatan=d.j["sekcam"], pengguna=d.users["kasi"], status="plt",
                               mulai=_hari(-30), selesai=_hari(-1), owner_id=K.KEC)
    n2 = keluar.ajukan(K.draf(d), pengguna=d.users["staf"])
    with pytest.raises(ValidationError):
        keluar.paraf(n2, pengguna=d.users["kasi"], setuju=True)


# ---------------------------------------------------------------- what the sender learns, where letters go

def test_tracking_does_not_show_a_reply_the_receiver_addressed_elsewhere(k):
    d = k
    n = keluar.tandatangani(K.siap_ttd(d), pengguna=d.users["camat"], kunci=K.kunci(d))
    s1 = SuratMasuk.objects.get(naskah=n, unit=d.u["desa1"])
    with acting_as("sistem:uji"):
        rahasia = Naskah.objects.create(
            unit=d.u["desa1"], jenis="surat_dinas", klasifikasi=d.kla, perihal="Keluhan tentang Camat",
            status="terkirim", pembuat=d.users["kades1"], jabatan_penandatangan=d.j["kades1"], nomor="005/009/PL",
            tanggal=timezone.localdate(), balasan_untuk=s1, owner_id=s1.owner_id)
        PenerimaNaskah.objects.create(naskah=rahasia, unit=d.u["kec2"], owner_id=s1.owner_id)
    baris = {r.nama: r for r in keluar.pelacakan(n)}
    assert baris["Pemerintah Desa Pematang Limau"].balasan == []
    resp = K.klien(d, "staf").get(f"/api/v1/persuratan/naskah/{n.pk}/pelacakan/")
    assert resp.status_code == 200 and "Keluhan" not in resp.content.decode()


def test_a_letter_goes_only_to_units_of_the_sending_units_regency(k):
    d = k
    luar = d.u["luar"]  # a village of another regency
    Keanggotaan.objects.create(pengguna=d.users["staf"], peran="operator_desa", wilayah_id=luar.wilayah_id,
                               unit=luar, owner_id=luar.wilayah_id)
    d.users["staf"] = Pengguna.objects.get(pk=d.users["staf"].pk)  # memberships are cached per object
    jumlah = Naskah.objects.count()
    with pytest.raises(ValidationError) as e:
        K.draf(d, kepada=("desa1",), penerima=K.penerima(d.u["desa1"], luar))
    assert "tidak ditemukan di jaringan kabupaten" in str(e.value)
    assert Naskah.objects.count() == jumlah


def test_a_body_too_long_to_render_is_refused(k):
    with pytest.raises(ValidationError) as e:
        K.draf(k, isi="kata " * 12_000)
    assert "Isi naskah paling panjang 50.000 karakter" in e.value.message_dict["isi"][0]


# ---------------------------------------------------------------- attachments

def _zip(berkas_zip: dict[str, bytes], *, mimetype_raw: bytes | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        if mimetype_raw is not None:
            z.writestr("mimetype", mimetype_raw)
        for nama, isi in berkas_zip.items():
            z.writestr(nama, isi)
    return out.getvalue()


JENIS_DOCM = (b'<?xml version="1.0"?><Types><Override PartName="/word/document.xml" '
              b'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'
              b'<Override PartName="/word/renamed.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')


@pytest.mark.parametrize("isi", [
    _zip({"[Content_Types].xml": JENIS_DOCM, "word/document.xml": b"<w/>", "word/renamed.bin": b"x"}),
    _zip({"Basic/Standard/Module1.xml": b"<script/>", "content.xml": b"<x/>"},
         mimetype_raw=b"application/vnd.oasis.opendocument.text"),
])
def test_macros_are_refused_even_under_another_part_name(isi):
    with pytest.raises(ValidationError) as e:
        berkas.periksa(SimpleUploadedFile("laporan.docx", isi))
    assert "makro" in e.value.message_dict["berkas"][0]


def test_a_zip_bomb_in_the_mimetype_entry_is_not_inflated():
    bom = _zip({"content.xml": b"<x/>"}, mimetype_raw=b"application/vnd.oasis.opendocument.text" + b" " * 50_000_000)
    assert len(bom) < 200_000
    mulai = time.monotonic()
    with pytest.raises(ValidationError):
        berkas.periksa(SimpleUploadedFile("bom.odt", bom))
    assert time.monotonic() - mulai < 1


def _pdf_berat(jumlah: int, halaman: int) -> bytes:
    """A few kilobytes of PDF whose pages each hold `jumlah` empty text operations."""
    isi = zlib.compress(b"BT /F1 12 Tf " + b"1 0 0 1 10 10 Tm () Tj " * jumlah + b"ET", 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{' '.join(f'{3 + i} 0 R' for i in range(halaman))}] /Count {halaman} >>".encode()]
    font, stream = 3 + halaman, 4 + halaman
    objs += [f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {stream} 0 R "
             f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode() for _ in range(halaman)]
    objs += [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
             f"<< /Length {len(isi)} /Filter /FlateDecode >>\nstream\n".encode() + isi + b"\nendstream"]
    out, posisi = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for i, o in enumerate(objs, 1):
        posisi.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + o + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for p in posisi:
        out.write(f"{p:010d} 00000 n \n".encode())
    out.write(f"trailer << /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_text_extraction_of_a_crafted_pdf_is_bounded():
    # Unbounded, pypdf spends about 10 s per page on this (10 minutes for 60 pages).
    data = _pdf_berat(200_000, 60)
    assert len(data) < 100_000
    mulai = time.monotonic()
    assert berkas.teks_pdf(data) == ""
    assert time.monotonic() - mulai < berkas.TEKS_DETIK + 3


def test_uploads_are_read_before_the_journal_lock(m, monkeypatch):
    urutan: list[str] = []
    asli_begin, asli_teks = journal.begin, berkas.teks_pdf
    monkeypatch.setattr(journal, "begin", lambda: (urutan.append("kunci"), asli_begin())[1])
    monkeypatch.setattr(berkas, "teks_pdf", lambda data, **kw: (urutan.append("teks"), asli_teks(data, **kw))[1])
    M.catat(m, berkas=[M.unggahan()])
    assert urutan[:2] == ["teks", "kunci"]
    urutan.clear()
    pd = _disposisi_ke_bappeda(m)
    urutan.clear()
    masuk.tindak_lanjut(pd, pengguna=m.u["kepala_bappeda"], catatan="Laporan", berkas=[M.unggahan()])
    assert urutan[:2] == ["teks", "kunci"]


def test_too_many_files_are_refused_before_any_is_read(m, monkeypatch):
    monkeypatch.setattr(berkas, "periksa", lambda b: pytest.fail("dibaca"))
    with pytest.raises(ValidationError) as e:
        M.catat(m, berkas=[M.unggahan()] * (berkas.MAKS_BERKAS_PER_INDUK + 1))
    assert "Paling banyak 20 lampiran" in str(e.value)
    assert not SuratMasuk.objects.exists()


def test_a_download_always_ends_in_the_extension_of_its_real_type(m, client):
    sm = M.catat(m, berkas=[M.unggahan(nama="laporan.pdf.html")])
    b = BerkasPersuratan.objects.get(surat_masuk=sm)
    M.login(client, m, "agendaris")
    resp = client.get(f"/persuratan/berkas/{b.pk}/")
    assert resp.status_code == 200
    assert resp["Content-Disposition"].startswith("attachment") and 'filename="laporan.pdf.html.pdf"' in resp[
        "Content-Disposition"]
    assert berkas.nama_unduh(BerkasPersuratan(nama_asli="foto.JPEG", jenis_mime="image/jpeg")) == "foto.JPEG"
    assert berkas.nama_unduh(BerkasPersuratan(nama_asli="a\r\nb.png", jenis_mime="image/png")) == "ab.png"


# ---------------------------------------------------------------- passphrases never in error reports

@pytest.mark.parametrize("lewat", ["api", "halaman"])
def test_a_crash_while_signing_does_not_put_the_passphrase_in_the_error_report(k, monkeypatch, caplog, lewat):
    d = k
    n = K.siap_ttd(d)
    K.kunci(d)

    def gagal(*args, **kwargs):
        raise RuntimeError("render gagal")

    monkeypatch.setattr(keluar, "tandatangani", gagal)
    c = Client(raise_request_exception=False)
    c.force_login(d.users["camat"])
    with caplog.at_level(logging.ERROR, logger="django.request"):
        if lewat == "api":
            resp = c.post(f"/api/v1/persuratan/naskah/{n.pk}/tandatangani/", {"passphrase": K.SANDI_TTE})
        else:
            resp = c.post(n.get_absolute_url(), {"aksi": "tandatangani", "ttd-passphrase": K.SANDI_TTE})
    assert resp.status_code == 500
    rec = next(r for r in caplog.records if r.exc_info)
    laporan = ExceptionReporter(rec.request, *rec.exc_info).get_traceback_text()
    assert "render gagal" in laporan and K.SANDI_TTE not in laporan
