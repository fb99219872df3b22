"""Village plan pages: lists per village, detail with the matrix and totals, forms through the
services (errors on the form), inline edit, setting by Perdes, prints (PDF text via pypdf, xlsx
via openpyxl), the Daftar Usulan RKP Desa, 404 outside scope, and the pinned query count."""
from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.perencanaan import rencana
from apps.perencanaan.models import RKPDes, RPJMDes, SiklusMusrenbang, StatusRencana, StatusUsulan, Usulan

from ._rencana import DESA, DESA_LAIN, KAB, dunia_rencana, kegiatan_rkp, kegiatan_rpjm, rkp, rpjm  # noqa: F401

pytestmark = pytest.mark.django_db


def _masuk(client, d, key):
    client.force_login(d.u[key])
    return client


def _siap(d):
    r = rpjm(d)
    k1 = kegiatan_rpjm(d, r, perkiraan_biaya="300000000")
    kegiatan_rpjm(d, r, bidang="02.02.02", kegiatan="Posyandu Melati", perkiraan_biaya="24000000", tahun=(2027,))
    x = rkp(d, r)
    kegiatan_rkp(d, x, k1)
    return r, k1, x


def test_lists_show_the_own_village_and_pick_for_the_kecamatan(client, dunia):
    r, _, x = _siap(dunia)
    lain = rpjm(dunia, oleh="op_lain", desa=DESA_LAIN, tahun_mulai=2019)
    resp = _masuk(client, dunia, "operator").get(reverse("perencanaan:rpjmdes_daftar"))
    body = resp.content.decode()
    assert resp.status_code == 200 and str(r.pk) in body and str(lain.pk) not in body and "rpjmdes-baru" in body
    resp = client.get(reverse("perencanaan:rkpdes_daftar"), {"desa": DESA_LAIN})
    assert str(x.pk) in resp.content.decode()  # a village user always sees his own village
    camat = _masuk(client, dunia, "camat")
    body = camat.get(reverse("perencanaan:rpjmdes_daftar")).content.decode()
    assert "Pilih desa/kelurahan lebih dulu" in body and 'name="desa"' in body and "rpjmdes-baru" not in body
    body = camat.get(reverse("perencanaan:rpjmdes_daftar"), {"desa": DESA_LAIN}).content.decode()
    assert str(lain.pk) in body and str(r.pk) not in body


def test_create_rpjmdes_form_and_errors_on_the_form(client, dunia):
    c = _masuk(client, dunia, "operator")
    url = reverse("perencanaan:rpjmdes_baru")
    assert c.get(url).status_code == 200
    resp = c.post(url, {"tahun_mulai": "2025", "lama_tahun": "6", "visi": "Maju", "misi": "Satu\nDua"})
    r = RPJMDes.objects.get(owner_id=DESA)
    assert resp.status_code == 302 and resp["Location"] == r.get_absolute_url()
    resp = c.post(url, {"tahun_mulai": "2027", "lama_tahun": "6"})
    assert resp.status_code == 200 and "bertumpang tindih" in resp.content.decode()
    assert _masuk(client, dunia, "bpd").get(url).status_code == 403


def test_detail_matrix_totals_and_inline_line_editing(client, dunia):
    r, k1, _ = _siap(dunia)
    c = _masuk(client, dunia, "operator")
    body = c.get(r.get_absolute_url()).content.decode()
    assert "Bidang Pelaksanaan Pembangunan Desa" in body and "324.000.000" in body
    assert "daftar-kode-apbdes" in body and "form-kegiatan-baru" in body
    resp = c.post(reverse("perencanaan:kegiatan_rpjmdes_baru", args=[r.pk]), {
        "baru-bidang": "04.01.93 Pembangunan Tambatan Perahu", "baru-kegiatan": "Dermaga sungai", "baru-lokasi": "Tepi Seruyan",
        "baru-volume": "1", "baru-satuan": "unit", "baru-perkiraan_biaya": "450.000.000", "baru-sumber_dana": "dd",
        "baru-pola_pelaksanaan": "swakelola", "baru-tahun_pelaksanaan": ["2028"]})
    assert resp.status_code == 302
    dermaga = r.kegiatan.get(kegiatan="Dermaga sungai")
    assert dermaga.perkiraan_biaya == 450_000_000 and dermaga.bidang == "04.01.93" and dermaga.tahun_pelaksanaan == [2028]
    resp = c.post(reverse("perencanaan:kegiatan_rpjmdes_baru", args=[r.pk]), {"baru-bidang": "77.1.1"})
    assert resp.status_code == 200 and "tidak ada dalam daftar kegiatan APBDes" in resp.content.decode()
    url = reverse("perencanaan:kegiatan_rpjmdes_ubah", args=[dermaga.pk])
    partial = c.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith("<tr") or "<tr" in partial[:200]
    assert "<html" not in partial
    data = {"bidang": "04.01.93", "kegiatan": "Dermaga sungai besar", "lokasi": "Tepi Seruyan", "volume": "1",
            "satuan": "unit", "perkiraan_biaya": "500000000", "sumber_dana": "dd", "pola_pelaksanaan": "swakelola",
            "tahun_pelaksanaan": ["2028", "2029"]}
    assert c.post(url, data).status_code == 302
    dermaga.refresh_from_db()
    assert dermaga.kegiatan == "Dermaga sungai besar" and dermaga.tahun_pelaksanaan == [2028, 2029]
    resp = c.post(reverse("perencanaan:kegiatan_rpjmdes_hapus", args=[k1.pk]), follow=True)
    assert "tidak dapat dihapus" in resp.content.decode()
    assert c.post(reverse("perencanaan:kegiatan_rpjmdes_hapus", args=[dermaga.pk])).status_code == 302
    assert not r.kegiatan.filter(pk=dermaga.pk).exists()


def test_other_village_gets_404_everywhere(client, dunia):
    r, k1, x = _siap(dunia)
    baris = x.kegiatan.first()
    c = _masuk(client, dunia, "op_lain")
    for name, pk in (("rpjmdes_detail", r.pk), ("rpjmdes_ubah", r.pk), ("rpjmdes_tetapkan", r.pk),
                     ("rpjmdes_pdf", r.pk), ("rpjmdes_xlsx", r.pk), ("kegiatan_rpjmdes_baru", r.pk),
                     ("kegiatan_rpjmdes_ubah", k1.pk), ("rkpdes_detail", x.pk), ("rkpdes_ubah", x.pk),
                     ("rkpdes_tetapkan", x.pk), ("rkpdes_pdf", x.pk), ("rkpdes_xlsx", x.pk),
                     ("kegiatan_rkpdes_baru", x.pk), ("kegiatan_rkpdes_ubah", baris.pk)):
        assert c.get(reverse(f"perencanaan:{name}", args=[pk])).status_code == 404, name
    for name, pk in (("kegiatan_rpjmdes_hapus", k1.pk), ("kegiatan_rkpdes_hapus", baris.pk),
                     ("rkpdes_ambil_rpjm", x.pk), ("rpjmdes_tetapkan", r.pk)):
        assert c.post(reverse(f"perencanaan:{name}", args=[pk])).status_code == 404, name
    # BPD reads its village's plans but cannot edit them.
    c = _masuk(client, dunia, "bpd")
    body = c.get(r.get_absolute_url()).content.decode()
    assert "Posyandu Melati" in body and "form-kegiatan-baru" not in body
    assert c.get(reverse("perencanaan:rpjmdes_ubah", args=[r.pk])).status_code == 404


def test_rkpdes_pages_create_ambil_and_tetapkan(client, dunia):
    r = rpjm(dunia)
    kegiatan_rpjm(dunia, r, tahun=(2027,))
    kegiatan_rpjm(dunia, r, kegiatan="Posyandu", bidang="02.02.02", tahun=(2027, 2028))
    c = _masuk(client, dunia, "operator")
    url = reverse("perencanaan:rkpdes_baru")
    assert str(r.pk) in c.get(url, {"rpjmdes": r.pk}).content.decode()
    resp = c.post(url, {"rpjmdes": str(r.pk), "tahun": "2033"})
    assert "di luar periode" in resp.content.decode()
    resp = c.post(url, {"rpjmdes": str(r.pk), "tahun": "2027"})
    x = RKPDes.objects.get(owner_id=DESA, tahun=2027)
    assert resp["Location"] == x.get_absolute_url()
    resp = c.post(reverse("perencanaan:rkpdes_ambil_rpjm", args=[x.pk]), follow=True)
    assert "2 kegiatan diambil" in resp.content.decode() and x.kegiatan.count() == 2
    asal = r.kegiatan.get(kegiatan="Posyandu")
    resp = c.post(reverse("perencanaan:kegiatan_rkpdes_baru", args=[x.pk]), {
        "baru-kegiatan_rpjmdes": str(asal.pk), "baru-bidang": "02.02.02", "baru-kegiatan": "Posyandu tambahan",
        "baru-lokasi": "Dusun II", "baru-volume": "12", "baru-satuan": "bulan", "baru-perkiraan_biaya": "6000000",
        "baru-sumber_dana": "add", "baru-pola_pelaksanaan": "swakelola", "baru-waktu_pelaksanaan": "12 bulan",
        "baru-pelaksana": "Kader posyandu", "baru-jumlah_penerima": "80"})
    assert resp.status_code == 302 and x.kegiatan.count() == 3
    resp = c.post(reverse("perencanaan:rkpdes_tetapkan", args=[x.pk]), {"nomor_perdes": "5 Tahun 2026",
                                                                        "tanggal_perdes": "2026-01-10"})
    assert "harus ditetapkan dengan Perdes lebih dulu" in resp.content.decode()
    kemarin = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    resp = c.post(reverse("perencanaan:rpjmdes_tetapkan", args=[r.pk]), {"nomor_perdes": "", "tanggal_perdes": ""})
    assert "Isi nomor Peraturan Desa" in resp.content.decode()
    c.post(reverse("perencanaan:rpjmdes_tetapkan", args=[r.pk]), {"nomor_perdes": "3 Tahun 2025", "tanggal_perdes": kemarin})
    resp = c.post(reverse("perencanaan:rkpdes_tetapkan", args=[x.pk]), {"nomor_perdes": "5 Tahun 2026",
                                                                        "tanggal_perdes": kemarin})
    assert resp.status_code == 302
    x.refresh_from_db()
    assert x.status == StatusRencana.DITETAPKAN
    body = c.get(x.get_absolute_url()).content.decode()
    assert "ambil-rpjm" not in body and "Perdes 5 Tahun 2026" in body
    baris = x.kegiatan.first()
    resp = c.post(reverse("perencanaan:kegiatan_rkpdes_hapus", args=[baris.pk]), follow=True)
    assert "sudah ditetapkan dengan Perdes" in resp.content.decode()


def test_rkpdes_detail_query_count_is_pinned(client, dunia, django_assert_max_num_queries):
    r = rpjm(dunia)
    for i in range(8):
        kegiatan_rpjm(dunia, r, kegiatan=f"Kegiatan {i}", bidang=("02.03.12", "02.02.02", "04.06.02")[i % 3])
    x = rkp(dunia, r)
    rencana.ambil_dari_rpjm(dunia.u["operator"], x)
    c = _masuk(client, dunia, "operator")
    c.get(x.get_absolute_url())
    with django_assert_max_num_queries(12):
        resp = c.get(x.get_absolute_url())
    assert resp.status_code == 200 and "Kegiatan 7" in resp.content.decode()


def _teks_pdf(isi: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(isi)).pages)


def test_rpjmdes_and_rkpdes_print_as_pdf_and_xlsx(client, dunia):
    from openpyxl import load_workbook

    r, _, x = _siap(dunia)
    rencana.tetapkan(dunia.u["kades"], r, "3 Tahun 2025", timezone.localdate())
    c = _masuk(client, dunia, "camat")
    resp = c.get(reverse("perencanaan:rpjmdes_pdf", args=[r.pk]))
    assert resp["Content-Type"] == "application/pdf"
    teks = _teks_pdf(resp.content)
    for s in ("PEMATANG LIMAU", "Pengerasan jalan usaha tani", "324.000.000", "JUMLAH TOTAL",
              "Nomor 3 Tahun 2025", "Bambang Sutrisno", "2030"):
        assert s in teks, s
    resp = c.get(reverse("perencanaan:rkpdes_pdf", args=[x.pk]))
    teks = _teks_pdf(resp.content)
    for s in ("Rencana Kerja Pemerintah Desa", "DRAF", "TPK", "150.000.000", "Pelaksana"):
        assert s in teks, s
    for name, obj, cari in (("rpjmdes_xlsx", r, "Posyandu Melati"), ("rkpdes_xlsx", x, "Pengerasan jalan usaha tani")):
        resp = c.get(reverse(f"perencanaan:{name}", args=[obj.pk]))
        wb = load_workbook(io.BytesIO(b"".join(resp.streaming_content)))
        sel = [str(v) for row in wb.active.iter_rows(values_only=True) for v in row if v is not None]
        assert any(cari in s for s in sel) and "JUMLAH TOTAL" in sel


def test_daftar_usulan_rkp_desa_pdf_lists_sent_proposals(client, dunia):
    from apps.sinkron.context import acting_as

    with acting_as("sistem:uji"):
        siklus = SiklusMusrenbang.objects.create(tahun_rencana=2027, nama="Musrenbang RKPD 2027", owner_id=KAB)
        for nama, status in (("Jembatan ulin Dusun II", StatusUsulan.DIKIRIM), ("Ide lampu jalan", StatusUsulan.IDE)):
            Usulan.objects.create(siklus=siklus, kode=f"U-{nama[:4]}", nama_kegiatan=nama, lokasi_id=DESA, volume=12,
                                  satuan="meter", perkiraan_biaya=90_000_000, urusan="pupr", pengusul_nama="RT 1",
                                  status=status, owner_id=DESA)
    c = _masuk(client, dunia, "operator")
    assert c.get(reverse("perencanaan:daftar_usulan_pdf")).status_code == 400
    resp = c.get(reverse("perencanaan:daftar_usulan_pdf"), {"desa": DESA})
    teks = _teks_pdf(resp.content)
    assert "Jembatan ulin Dusun II" in teks and "Ide lampu jalan" not in teks and "90.000.000" in teks
    assert "Daftar Usulan RKP Desa Tahun 2027" in teks
    c = _masuk(client, dunia, "camat")
    assert c.get(reverse("perencanaan:daftar_usulan_pdf")).status_code == 400
    assert c.get(reverse("perencanaan:daftar_usulan_pdf"), {"desa": DESA}).status_code == 200
    c = _masuk(client, dunia, "op_lain")
    assert c.get(reverse("perencanaan:daftar_usulan_pdf"), {"desa": DESA}).status_code == 400
