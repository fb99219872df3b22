"""Surat massal: consecutive numbers, progress, a refused resident as a galat line, and the
wrapped key wiped however the batch ends."""
from __future__ import annotations

import datetime
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from apps.dokumen import ca
from apps.kependudukan.models import Penduduk
from apps.sinkron.context import acting_as
from apps.surat import batch
from apps.surat.models import BatchSurat, StatusSurat, Surat
from tests import world

from ._alur import dunia_alur, jenis_domisili  # noqa: F401

SANDI = "passphrase-kades-panjang"


@pytest.fixture
def kades(dunia):
    ca.terbitkan_sertifikat(pengguna=dunia.users["kepala_desa"], passphrase=SANDI)
    return dunia.users["kepala_desa"]


def _warga(n: int) -> list:
    rt = f"{world.DESA}.01.001.001"
    with acting_as("sistem:uji"):
        return [Penduduk.objects.create(
            nik=f"620701{(i % 28) + 1:02d}0290{i:04d}", nama=f"Warga Massal {i:02d}", nama_cari=f"warga massal {i:02d}",
            jenis_kelamin=1, tanggal_lahir=datetime.date(1990, 2, (i % 28) + 1), agama=1, status_perkawinan=1,
            wilayah_id=rt, owner_id=world.DESA).pk for i in range(n)]


def test_twenty_letters_get_consecutive_numbers_and_the_key_is_wiped(dunia, kades, django_capture_on_commit_callbacks):
    ids = _warga(19) + [Penduduk.objects.get(nama="Tetangga Sungai Perlu").pk]  # one out of scope
    with django_capture_on_commit_callbacks(execute=True):
        b = batch.mulai(pengguna=kades, desa=world.DESA, jenis=jenis_domisili(), isian_data={"keperluan": "Bansos"},
                        penduduk_ids=ids, passphrase=SANDI)
    b.refresh_from_db()
    assert b.status == BatchSurat.SELESAI and b.kunci_terbungkus is None and b.selesai
    assert b.selesai_jumlah == 19 and b.total == 20
    assert len(b.galat) == 1 and "cakupan" in b.galat[0]["alasan"]
    surat = list(batch.surat_batch(b).order_by("nomor_urut"))
    assert len(surat) == 19 and all(s.status == StatusSurat.DITANDATANGANI for s in surat)
    urut = [s.nomor_urut for s in surat]
    assert urut == list(range(urut[0], urut[0] + 19))
    assert all(s.kanal == Surat.MASSAL and s.isian == {"keperluan": "Bansos"} for s in surat)
    assert {r.langkah for r in surat[0].riwayat.all()} == {"dibuat massal", "ditandatangani"}


def test_twenty_in_scope_reach_the_total(dunia, kades, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        b = batch.mulai(pengguna=kades, desa=world.DESA, jenis=jenis_domisili(), isian_data={"keperluan": "Bansos"},
                        penduduk_ids=_warga(20), passphrase=SANDI)
    b.refresh_from_db()
    assert b.selesai_jumlah == b.total == 20 and not b.galat


def test_wrong_passphrase_is_refused_before_anything_is_written(dunia, kades):
    with pytest.raises(ValidationError) as exc:
        batch.mulai(pengguna=kades, desa=world.DESA, jenis=jenis_domisili(), isian_data={"keperluan": "Bansos"},
                    penduduk_ids=_warga(2), passphrase="salah")
    assert "passphrase" in exc.value.message_dict
    assert not BatchSurat.objects.filter(pengguna=kades).exists()


def test_bad_isian_and_empty_selection_are_refused(dunia, kades):
    with pytest.raises(ValidationError) as exc:
        batch.mulai(pengguna=kades, desa=world.DESA, jenis=jenis_domisili(), isian_data={}, penduduk_ids=_warga(1),
                    passphrase=SANDI)
    assert "keperluan" in exc.value.message_dict
    with pytest.raises(ValidationError):
        batch.mulai(pengguna=kades, desa=world.DESA, jenis=jenis_domisili(), isian_data={"keperluan": "x"},
                    penduduk_ids=[], passphrase=SANDI)


def test_key_is_wiped_when_the_batch_fails(dunia, kades, monkeypatch):
    from apps.dokumen import tte

    b = BatchSurat(owner_id=world.DESA, jenis=jenis_domisili(), pengguna=kades, total=1,
                   penduduk_ids=[str(_warga(1)[0])], isian={"keperluan": "x"})
    b.kunci_terbungkus, _ = tte.bungkus(tte.buka_kunci(kades, SANDI), konteks=batch._konteks(b.pk))
    b.save()
    batch.proses(b.pk, "kunci-sekali-yang-salah")
    b.refresh_from_db()
    assert b.status == BatchSurat.GAGAL and b.kunci_terbungkus is None and "passphrase" in b.pesan.lower()


def test_only_signers_start_a_batch(dunia, kades):
    with pytest.raises(Exception) as exc:
        batch.mulai(pengguna=dunia.users["operator_desa"], desa=world.DESA, jenis=jenis_domisili(),
                    isian_data={"keperluan": "x"}, penduduk_ids=_warga(1), passphrase=SANDI)
    assert exc.type.__name__ == "Http404"


def test_recipients_by_nik_list_mask_unknown_numbers(dunia, kades):
    ids = _warga(2)
    niks = list(Penduduk.objects.filter(pk__in=ids).values_list("nik", flat=True))
    got, galat = batch.pilih_penerima(kades, world.DESA, sumber="nik",
                                      nik=batch.baca_nik("\n".join(niks) + "\n6207019999999999\nbukan nik"))
    assert set(got) == set(ids) and len(galat) == 1 and "9999999999" not in galat[0]["penduduk"]
    got, _ = batch.pilih_penerima(kades, world.DESA, sumber="saring", jenis_kelamin=2)
    assert Penduduk.objects.get(nama="Istri Pematang Limau").pk in got and ids[0] not in got
    with pytest.raises(ValidationError):
        batch.pilih_penerima(kades, world.DESA, sumber="wilayah", wilayah=world.DESA_TETANGGA)


def test_batch_pages_form_progress_and_zip(dunia, kades, django_capture_on_commit_callbacks):
    c = Client()
    c.force_login(kades)
    assert c.get(reverse("surat:batch_buat")).status_code == 200
    resp = c.post(reverse("surat:batch_buat"), {"jenis": jenis_domisili().pk, "sumber": "wilayah",
                                                "wilayah": f"{world.DESA}.01", "isian_keperluan": "Bansos",
                                                "passphrase": "salah"})
    assert resp.status_code == 400 and "Passphrase salah" in resp.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post(reverse("surat:batch_buat"), {"jenis": jenis_domisili().pk, "sumber": "wilayah",
                                                    "wilayah": f"{world.DESA}.01", "isian_keperluan": "Bansos",
                                                    "passphrase": SANDI})
    b = BatchSurat.objects.filter(pengguna=kades).latest("dibuat")
    assert resp.status_code == 302 and b.selesai_jumlah == 3  # the three residents of the home village
    body = c.get(reverse("surat:batch_detail", args=[b.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "3 surat ditandatangani" in body and "hx-trigger" not in body
    resp = c.get(reverse("surat:batch_zip", args=[b.pk]))
    import io
    import zipfile

    z = zipfile.ZipFile(io.BytesIO(b"".join(resp.streaming_content)))
    assert len(z.namelist()) == 3 and all(z.read(n).startswith(b"%PDF-") for n in z.namelist())
    # The operator reads batches but may not start one.
    op = Client()
    op.force_login(dunia.users["operator_desa"])
    assert op.get(reverse("surat:batch_buat")).status_code == 403


# ---------------------------------------------------------------- the wrapped key (decision 0009)

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _antre(monkeypatch) -> list:
    """Enqueued batches are recorded, not run (the test runs them, or not)."""
    dikirim: list = []
    monkeypatch.setattr("apps.surat.tasks.jalankan_batch", SimpleNamespace(enqueue=lambda *a: dikirim.append(a)))
    return dikirim


def test_database_copy_alone_does_not_open_the_wrapped_key(dunia, kades, django_capture_on_commit_callbacks):
    """With the database task backend the one-time secret (task arguments) and the blob (batch
    row) are both in the database; without the server key they still open nothing."""
    from django_tasks_db.models import DBTaskResult

    from apps.dokumen import tte

    with override_settings(TASKS=DB_TASKS), django_capture_on_commit_callbacks(execute=True):
        b = batch.mulai(pengguna=kades, desa=world.DESA, jenis=jenis_domisili(), isian_data={"keperluan": "Bansos"},
                        penduduk_ids=_warga(2), passphrase=SANDI)
    tugas = DBTaskResult.objects.get()
    args = tugas.args_kwargs["args"]
    blob = bytes(BatchSurat.objects.get(pk=b.pk).kunci_terbungkus)
    assert args[0] == str(b.pk) and SANDI not in str(tugas.args_kwargs)
    # An attacker with the database only: every value stored there, without EDESA_TTE_KEY.
    with override_settings(EDESA_TTE_KEY="kunci-server-penyerang"):
        for nilai in args:
            with pytest.raises(ValidationError):
                tte.buka_bungkus(blob, nilai, konteks=batch._konteks(b.pk))
    from cryptography.fernet import Fernet, InvalidToken

    with pytest.raises((InvalidToken, ValueError)):
        Fernet(args[1].encode()).decrypt(blob)  # the old scheme: the task argument was the Fernet key
    # The worker (which holds the server key) signs every letter and wipes the blob.
    hasil = batch.proses(*args)
    assert hasil.status == BatchSurat.SELESAI and hasil.selesai_jumlah == 2 and hasil.kunci_terbungkus is None


def test_stale_batches_are_swept(dunia, kades, monkeypatch):
    from apps.dokumen import tte

    _antre(monkeypatch)  # never runs
    ids = _warga(2)
    tua = batch.mulai(pengguna=kades, desa=world.DESA, jenis=jenis_domisili(), isian_data={"keperluan": "x"},
                      penduduk_ids=ids[:1], passphrase=SANDI)
    lampau = datetime.timedelta(seconds=tte.BUNGKUS_TTL + 60)
    BatchSurat.objects.filter(pk=tua.pk).update(dibuat=tua.dibuat - lampau)
    baru = batch.mulai(pengguna=kades, desa=world.DESA, jenis=jenis_domisili(), isian_data={"keperluan": "x"},
                       penduduk_ids=ids[1:], passphrase=SANDI)
    tua.refresh_from_db()
    assert tua.status == BatchSurat.GAGAL and tua.kunci_terbungkus is None and "tidak sempat diproses" in tua.pesan
    baru.refresh_from_db()
    assert baru.status == BatchSurat.MENUNGGU and baru.kunci_terbungkus is not None
    # The sweep also runs at the start of every batch run.
    BatchSurat.objects.filter(pk=baru.pk).update(dibuat=baru.dibuat - lampau, status=BatchSurat.BERJALAN)
    assert batch.sapu_basi() == 1
    baru.refresh_from_db()
    assert baru.status == BatchSurat.GAGAL and baru.kunci_terbungkus is None
    assert not batch.surat_batch(baru).exists()


def test_stale_batch_is_swept_when_its_run_starts(dunia, kades, monkeypatch):
    from apps.dokumen import tte

    _antre(monkeypatch)
    b = batch.mulai(pengguna=kades, desa=world.DESA, jenis=jenis_domisili(), isian_data={"keperluan": "x"},
                    penduduk_ids=_warga(1), passphrase=SANDI)
    BatchSurat.objects.filter(pk=b.pk).update(dibuat=b.dibuat - datetime.timedelta(seconds=tte.BUNGKUS_TTL + 1))
    hasil = batch.proses(b.pk, "tidak-dipakai")
    assert hasil.status == BatchSurat.GAGAL and hasil.kunci_terbungkus is None and "tidak sempat" in hasil.pesan


def test_revoked_certificate_stops_the_batch(dunia, kades, monkeypatch, django_capture_on_commit_callbacks):
    """The certificate is revoked while the batch runs: the letter being made and every later
    one are not signed; the batch fails with a clear message."""
    from apps.dokumen.models import SertifikatPenandatangan

    asli = batch._satu
    hitung = {"n": 0}

    def satu_lalu_cabut(b, pengguna, pid, kunci):
        s = asli(b, pengguna, pid, kunci)
        hitung["n"] += 1
        if hitung["n"] == 2:
            ca.cabut_sertifikat(SertifikatPenandatangan.objects.get(pengguna=kades), alasan="Kunci bocor", oleh=kades)
        return s

    monkeypatch.setattr(batch, "_satu", satu_lalu_cabut)
    dikirim = _antre(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        batch.mulai(pengguna=kades, desa=world.DESA, jenis=jenis_domisili(), isian_data={"keperluan": "x"},
                    penduduk_ids=_warga(5), passphrase=SANDI)
    hasil = batch.proses(*dikirim[0])
    assert hasil.status == BatchSurat.GAGAL and hasil.kunci_terbungkus is None
    assert "dihentikan setelah 2 surat" in hasil.pesan and "dicabut" in hasil.pesan and "Kunci bocor" in hasil.pesan
    assert hasil.selesai_jumlah == 2 and batch.surat_batch(hasil).count() == 2


def test_expired_certificate_stops_the_batch(dunia, kades, monkeypatch, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from apps.dokumen.models import SertifikatPenandatangan

    dikirim = _antre(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        b = batch.mulai(pengguna=kades, desa=world.DESA, jenis=jenis_domisili(), isian_data={"keperluan": "x"},
                        penduduk_ids=_warga(2), passphrase=SANDI)
    SertifikatPenandatangan.objects.filter(pengguna=kades).update(berlaku_sampai=timezone.now())
    hasil = batch.proses(*dikirim[0])
    assert hasil.status == BatchSurat.GAGAL and "kedaluwarsa" in hasil.pesan and hasil.selesai_jumlah == 0
    assert not batch.surat_batch(b).exists()


def test_bsre_mode_refuses_batches(dunia, kades, settings):
    settings.EDESA_TTE_BACKEND = "bsre"
    with pytest.raises(ValidationError) as exc:
        batch.mulai(pengguna=kades, desa=world.DESA, jenis=jenis_domisili(), isian_data={"keperluan": "x"},
                    penduduk_ids=_warga(1), passphrase="passphrase-bsre")
    assert "tidak tersedia pada mode BSrE" in " ".join(exc.value.messages)
    assert not BatchSurat.objects.filter(pengguna=kades).exists()
    c = Client()
    c.force_login(kades)
    assert "tidak tersedia pada mode BSrE" in c.get(reverse("surat:batch_buat")).content.decode()
    resp = c.post(reverse("surat:batch_buat"), {"jenis": jenis_domisili().pk, "sumber": "wilayah",
                                                "wilayah": f"{world.DESA}.01", "isian_keperluan": "Bansos",
                                                "passphrase": "passphrase-bsre"})
    assert resp.status_code == 400 and "tidak tersedia pada mode BSrE" in resp.content.decode()
    assert not BatchSurat.objects.filter(pengguna=kades).exists()


def test_passphrase_is_hidden_from_the_technical_error_report(dunia, kades, settings, caplog):
    """sensitive_post_parameters/sensitive_variables: the technical 500 report (the page DEBUG
    shows, the mail ADMINS get) of a crash after the form was read carries no passphrase,
    neither in POST nor in any frame's variables. Django filters only when DEBUG is False
    (SafeExceptionReporterFilter.is_active), which is production."""
    import logging

    from django.views.debug import ExceptionReporter

    settings.DEBUG = False
    c = Client(raise_request_exception=False)
    c.force_login(kades)
    with mock.patch("apps.dokumen.tte.bungkus", side_effect=RuntimeError("disk penuh")), \
            caplog.at_level(logging.ERROR, logger="django.request"):
        resp = c.post(reverse("surat:batch_buat"), {"jenis": jenis_domisili().pk, "sumber": "wilayah",
                                                    "wilayah": f"{world.DESA}.01", "isian_keperluan": "Bansos",
                                                    "passphrase": SANDI})
    assert resp.status_code == 500
    rekaman = next(r for r in caplog.records if r.exc_info and getattr(r, "request", None) is not None)
    laporan = ExceptionReporter(rekaman.request, *rekaman.exc_info)
    html, teks = laporan.get_traceback_html(), laporan.get_traceback_text()
    assert "disk penuh" in teks and "mulai" in teks and "passphrase" in teks  # the report is there...
    assert SANDI not in html and SANDI not in teks  # ...without the secret
