"""Numbers of the e-office: the unit's short code, agenda numbers for many units at once, and
the rule that numbers are only taken inside the transaction that uses them."""
from __future__ import annotations

import pytest
from django.db import transaction

from apps.persuratan import penomoran
from apps.persuratan.models import SeriNomor
from apps.sinkron.context import acting_as
from apps.wilayah.models import UnitKerja
from tests.factories import UnitKerjaFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("singkatan", "kode", "hasil"), [
    ("BAPPEDA", "PD-BAPPEDA", "BAPPEDA"),
    ("Kec. Seruyan Hilir", "KEC-62.07.01", "Kec.SH"),
    ("Kec. SH", "KEC-62.07.01", "Kec.SH"),
    ("Pemdes Pematang Limau", "DESA-62.07.01.2005", "Pemdes.PL"),
    ("", "PD-DPMD", "PD-DPMD"),
])
def test_kode_unit_is_short_and_has_no_spaces(singkatan, kode, hasil):
    assert penomoran.kode_unit(UnitKerja(singkatan=singkatan, kode=kode)) == hasil


def test_agenda_numbers_for_many_units_continue_each_units_series():
    with acting_as("sistem:uji"):
        a, b, c = UnitKerjaFactory.create_batch(3)
        SeriNomor.objects.create(unit=a, seri=SeriNomor.MASUK, tahun=2026, terakhir=41, owner_id=a.owner_id)
        with transaction.atomic():
            nomor = penomoran.nomor_agenda_banyak(unit_ids=[a.pk, b.pk, c.pk, a.pk], tahun=2026)
        assert nomor == {a.pk: 42, b.pk: 1, c.pk: 1}
        with transaction.atomic():
            assert penomoran.nomor_agenda(unit_id=b.pk, tahun=2026) == 2
            assert penomoran.nomor_agenda(unit_id=b.pk, tahun=2027) == 1


def test_a_rolled_back_transaction_gives_the_number_back():
    with acting_as("sistem:uji"):
        unit = UnitKerjaFactory(singkatan="BAPPEDA")
        with transaction.atomic():
            penomoran.nomor_agenda(unit_id=unit.pk, tahun=2026)
        with pytest.raises(RuntimeError), transaction.atomic():
            penomoran.nomor_agenda(unit_id=unit.pk, tahun=2026)
            raise RuntimeError("tanda tangan gagal")
        with transaction.atomic():
            assert penomoran.nomor_agenda(unit_id=unit.pk, tahun=2026) == 2


@pytest.mark.django_db(transaction=True)
def test_numbers_are_refused_outside_a_transaction():
    unit = UnitKerjaFactory()
    with pytest.raises(RuntimeError, match="transaksi"):
        penomoran.nomor_agenda(unit_id=unit.pk, tahun=2026)


@pytest.mark.django_db(transaction=True)
def test_eight_issuers_at_once_get_eight_consecutive_numbers():
    """8 threads number outgoing letters of one unit and take agenda numbers of another at
    once (the first letter of the year included: the counter row does not exist yet). On
    SQLite the test database is in memory and cannot be shared by threads: PostgreSQL only."""
    import datetime
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Uji konkurensi memerlukan PostgreSQL (DATABASE_URL=postgres://...).")
    with acting_as("sistem:uji"):
        pengirim = UnitKerjaFactory(singkatan="BAPPEDA")
        penerima = UnitKerjaFactory()
    mulai = threading.Barrier(8)
    keluar, agenda, galat = [], [], []

    def kerja():
        try:
            mulai.wait()
            with transaction.atomic(), acting_as("sistem:uji"):
                keluar.append(penomoran.nomor_keluar(unit=pengirim, kode_klasifikasi="005",
                                                     tanggal=datetime.date(2026, 11, 28))[3])
                agenda.append(penomoran.nomor_agenda_banyak(unit_ids=[penerima.pk], tahun=2026)[penerima.pk])
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
    assert sorted(keluar) == list(range(1, 9))
    assert sorted(agenda) == list(range(1, 9))
