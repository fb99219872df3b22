"""Buku Agenda Surat Keluar and Buku Ekspedisi: rows, downloads, scope, bad periods."""
from django.utils import timezone

from apps.surat import services
from apps.surat.models import StatusSurat, Surat
from apps.surat.tests._inti import dunia_inti, kunci, surat_diperiksa  # noqa: F401
from tests import world

AGENDA, EKSPEDISI = "/surat/buku/agenda/", "/surat/buku/ekspedisi/"


def _terbit(dunia):
    s = surat_diperiksa(dunia)
    return services.terbitkan(s, pengguna=dunia.users["kepala_desa"], kunci=kunci(dunia))


def test_agenda_bulan_ini(client, dunia, django_assert_max_num_queries):
    s = _terbit(dunia)
    hari = timezone.localdate()
    client.force_login(dunia.users["operator_desa"])
    with django_assert_max_num_queries(12):
        r = client.get(AGENDA, {"tahun": hari.year, "bulan": hari.month})
    assert r.status_code == 200
    rows = r.context["rows"]
    assert [s.nomor, "KEPALA PEMATANG LIMAU", "Surat Keterangan Domisili"] in [x[2:5] for x in rows]


def test_ekspedisi_mencatat_penyerahan(client, dunia):
    s = _terbit(dunia)
    Surat.objects.filter(pk=s.pk).update(status=StatusSurat.SELESAI, selesai_pada=timezone.now())
    client.force_login(dunia.users["sekdes"])
    rows = client.get(EKSPEDISI).context["rows"]
    assert len(rows) == 1 and rows[0][2] == s.nomor and rows[0][6] == "Diambil di kantor"


def test_unduhan(client, dunia):
    _terbit(dunia)
    client.force_login(dunia.users["operator_desa"])
    for fmt, awal in (("pdf", b"%PDF-"), ("xlsx", b"PK")):
        r = client.get(AGENDA, {"format": fmt})
        isi = b"".join(r.streaming_content) if r.streaming else r.content
        assert r.status_code == 200 and isi.startswith(awal)
    teks = b"".join(client.get(AGENDA, {"format": "csv"}).streaming_content).decode()
    assert teks.startswith("\ufeffNo. urut,Tanggal,Nomor surat")
    assert client.get(AGENDA, {"format": "doc"}).status_code == 400


def test_periode_salah_dan_desa_lain(client, dunia):
    client.force_login(dunia.users["operator_desa"])
    r = client.get(AGENDA, {"bulan": "13"})
    assert r.status_code == 400 and "Bulan &quot;13&quot; tidak dikenal" in r.content.decode()
    assert client.get(AGENDA, {"tahun": "20x6"}).status_code == 400
    assert client.get(AGENDA, {"desa": world.DESA_TETANGGA}).status_code == 404
    client.force_login(dunia.users["camat"])  # a kecamatan picks among its villages
    assert client.get(AGENDA, {"desa": world.DESA_TETANGGA}).status_code == 200
    assert client.get(AGENDA, {"desa": world.DESA_KAB_LAIN}).status_code == 404
