"""Letter numbers: formats and tokens, gapless series per office/series/year, concurrency."""
import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from apps.sinkron.context import acting_as
from apps.surat import penomoran
from apps.surat.models import FormatNomor, NomorUrut
from apps.surat.tests._inti import dunia_inti, jenis  # noqa: F401
from tests import world

HARI = datetime.date(2026, 11, 2)


def _ambil(kode="domisili", tanggal=HARI, owner=world.DESA):
    with transaction.atomic(), acting_as("sistem:uji"):
        return penomoran.ambil_nomor(owner_id=owner, jenis=jenis(kode), tanggal=tanggal)


@pytest.mark.parametrize("fmt, pesan", [
    ("[kode]/[nomer]/[tahun]", "Token tidak dikenal: [nomer]"),
    ("[kode]/[tahun]", "harus memuat [nomor]"),
    ("", "wajib diisi"),
    ("[nomor]/[kode", "tidak berpasangan"),
])
def test_format_salah_ditolak_dengan_alasan(fmt, pesan):
    with pytest.raises(ValidationError, match=pesan.replace("[", r"\[").replace("]", r"\]")):
        penomoran.periksa_format(fmt)


def test_format_bawaan_gaya_desa(dunia):
    NomorUrut.objects.filter(owner_id=world.DESA).delete()
    assert _ambil() == ("470/001/62.07.01.2005/XI/2026", "umum", 2026, 1)
    assert _ambil()[0] == "470/002/62.07.01.2005/XI/2026"


def test_format_per_jenis_dan_seri_terpisah(dunia):
    with acting_as("sistem:uji"):
        FormatNomor.objects.create(owner_id=world.DESA, jenis=jenis("sktm"), format="[kode]/SKTM-[nomor]/[bulan]/[tahun]",
                                   seri="sktm", digit=2)
    assert _ambil("sktm") == ("400/SKTM-01/11/2026", "sktm", 2026, 1)
    assert _ambil("sktm")[3] == 2
    umum = _ambil("domisili")
    assert umum[1] == "umum" and umum[3] == NomorUrut.objects.get(owner_id=world.DESA, seri="umum", tahun=2026).terakhir


def test_tahun_baru_mulai_dari_satu(dunia):
    assert _ambil(tanggal=datetime.date(2027, 1, 3))[3] == 1


def test_kode_unit(dunia):
    assert penomoran.contoh("[kode]/[nomor]/[kode_unit]", owner_id=world.DESA) == f"470/007/DESA-{world.DESA}"


@pytest.mark.django_db(transaction=True)
def test_harus_di_dalam_transaksi():
    """Outside a transaction the bump would commit on its own and a failed signing would leave a gap."""
    with pytest.raises(RuntimeError, match="di dalam transaksi"):
        penomoran.ambil_nomor(owner_id=world.DESA, jenis=None, tanggal=HARI)


@pytest.mark.django_db(transaction=True)
def test_delapan_penerbit_bersamaan_tanpa_celah(settings, tmp_path):
    """8 threads take numbers at once: 8 distinct consecutive numbers. On SQLite the test
    database is in memory and cannot be shared by threads, so this runs on PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("Uji konkurensi memerlukan PostgreSQL (DATABASE_URL=postgres://...).")
    from apps.surat import bawaan

    world.build()
    bawaan.muat_katalog(world.KAB)
    j = jenis()
    mulai = threading.Barrier(8)
    hasil, galat = [], []

    def kerja():
        try:
            mulai.wait()
            with transaction.atomic(), acting_as("sistem:uji"):
                hasil.append(penomoran.ambil_nomor(owner_id=world.DESA_TETANGGA, jenis=j, tanggal=HARI)[3])
        except Exception as exc:  # noqa: BLE001 - reported below
            galat.append(exc)
        finally:
            connection.close()

    utas = [threading.Thread(target=kerja) for _ in range(8)]
    for t in utas:
        t.start()
    for t in utas:
        t.join()
    assert not galat
    awal = 2  # the world's letter in this village already used number 1 of 2026
    assert sorted(hasil) == list(range(awal, awal + 8))
