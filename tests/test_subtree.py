"""The region subtree is a code range: exactly the region and everything below it."""
import pytest

from apps.wilayah.models import Wilayah, subtree_q

pytestmark = pytest.mark.django_db


def test_subtree_is_the_region_and_its_descendants_and_nothing_that_merely_shares_a_prefix():
    for kode, owner in (("62", "62"), ("62.07", "62.07"), ("62.07.01", "62.07"), ("62.07.01.2005", "62.07"),
                        ("62.07.01.2005.01", "62.07.01.2005"), ("62.07.01.2005.01.001", "62.07.01.2005"),
                        ("62.08", "62.08"), ("62.07.10", "62.07"), ("62.070", "62.070")):
        Wilayah.objects.create(kode=kode, nama=kode, tingkat="kabupaten", level=kode.count(".") + 1, owner_id=owner)
    got = set(Wilayah.objects.filter(subtree_q("kode", "62.07")).values_list("kode", flat=True))
    assert got == {"62.07", "62.07.01", "62.07.01.2005", "62.07.01.2005.01", "62.07.01.2005.01.001", "62.07.10"}
    got = set(Wilayah.objects.filter(subtree_q("kode", "62.07.01.2005")).values_list("kode", flat=True))
    assert got == {"62.07.01.2005", "62.07.01.2005.01", "62.07.01.2005.01.001"}
