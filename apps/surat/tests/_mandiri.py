"""Shared by the layanan mandiri tests (not collected): the home village's head of family,
logged in through layanan mandiri with a known PIN."""
from __future__ import annotations

from apps.kependudukan.models import Penduduk
from apps.sinkron.context import acting_as
from apps.surat import mandiri

PIN = "739201"


def warga_masuk(dunia, client) -> Penduduk:
    p = dunia.warga_penduduk
    Penduduk.objects.filter(pk=p.pk).update(akun=None)
    p.refresh_from_db()
    with acting_as("uji"):
        mandiri.atur_pin(p, PIN)
    assert client.post("/layanan/masuk/", {"nik": p.nik, "pin": PIN}).status_code == 302
    p.refresh_from_db()
    return p

