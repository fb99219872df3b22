"""The home page tells the village office what waits for it: requests to check, letters to
sign, each linking to its tab of the queue."""
import pytest
from django.test import Client

from apps.surat.models import Surat
from tests import world

pytestmark = pytest.mark.django_db


def test_kepala_desa_sees_letters_waiting_for_signature_and_operator_requests_to_check():
    dunia = world.build()
    Surat.objects.filter(owner_id=world.DESA).update(status="diperiksa")
    kades = Client()
    kades.force_login(dunia.users["kepala_desa"])
    body = kades.get("/").content.decode()
    assert "1 surat menunggu tanda tangan Anda." in body
    assert "?status=diperiksa" in body
    op = Client()
    op.force_login(dunia.users["operator_desa"])
    assert "menunggu tanda tangan" not in op.get("/").content.decode()
    Surat.objects.filter(owner_id=world.DESA).update(status="diajukan")
    assert "1 permohonan surat menunggu diperiksa." in op.get("/").content.decode()
