"""Surat massal: consecutive numbers, progress, a refused resident as a galat line, and the
wrapped key wiped however the batch ends."""
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
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

    blob, _ = tte.bungkus(tte.buka_kunci(kades, SANDI))
    b = BatchSurat.objects.create(owner_id=world.DESA, jenis=jenis_domisili(), pengguna=kades, total=1,
                                  penduduk_ids=[str(_warga(1)[0])], isian={"keperluan": "x"}, kunci_terbungkus=blob)
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
