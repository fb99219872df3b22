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
