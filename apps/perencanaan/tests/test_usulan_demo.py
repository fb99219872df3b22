"""The demo cycle: village stage open today, later stages after it, Pematang Limau's proposals
ranked and sent, the neighbour's proposals under discussion; running it twice adds nothing."""
import pytest

from apps.perencanaan import demo
from apps.perencanaan.models import DaftarUsulan, RevisiUsulan, SiklusMusrenbang, Usulan
from apps.perencanaan.tahap import status_tahap

from ._usulan import DESA, TETANGGA, dunia_usulan  # noqa: F401

pytestmark = pytest.mark.django_db


def test_demo_cycle(dunia, monkeypatch):
    monkeypatch.setattr(demo, "TAHUN", 2028)
    users = {"bappeda": dunia.users["bappeda"], "operator": dunia.users["operator_desa"], "warga": dunia.users["warga"]}
    demo.siapkan(users)
    s = SiklusMusrenbang.objects.get(tahun_rencana=2028)
    tahap = list(s.tahap.order_by("urutan"))
    assert status_tahap(tahap[0]).terbuka and all(status_tahap(t).kode == "belum" for t in tahap[1:])
    assert all(a.selesai < b.mulai for a, b in zip(tahap, tahap[1:], strict=False))
    assert Usulan.objects.filter(siklus=s, owner_id=DESA).count() == 9  # 8 + a resident's idea
    assert Usulan.objects.filter(siklus=s, owner_id=TETANGGA).count() == 5
    assert DaftarUsulan.objects.get(tahap=tahap[0], wilayah_id=DESA).status == "dikirim"
    assert RevisiUsulan.objects.filter(tahap=tahap[0], peringkat_manual=2).count() == 1
    assert Usulan.objects.filter(siklus=s, owner_id=DESA, status="dikirim").count() >= 4
    demo.siapkan(users)
    assert Usulan.objects.filter(siklus=s).count() == 14
