"""The letter PDF: user text never becomes Typst code, previews and copies are marked, F4
paper, placeholders filled as plain text."""
import datetime

import pytest
import typst
from django.core.exceptions import ValidationError

from apps.kependudukan.cetak import Kop
from apps.kependudukan.models import Penduduk
from apps.sinkron.context import acting_as
from apps.surat import placeholder, render, services
from apps.surat.isian import bersihkan_isian
from apps.surat.tests._inti import dunia_inti, jenis, surat_diperiksa  # noqa: F401

JAHAT = '#eval("1+1") ] [nik] \\" #set page(width: 1cm)'


def _cetakan(**kw):
    nilai = {"kop": {"kabupaten": "Kabupaten Seruyan", "kecamatan": "Kecamatan X", "desa": "Desa Y", "alamat": ""},
             "judul": "SURAT", "pembuka": "Pembuka", "baris": [["Nama", JAHAT]], "isi": [JAHAT], "penutup": "Demikian.",
             "ttd": {"tempat": "Y", "tanggal": "1 Januari 2026", "jabatan": ["Kepala Desa Y"], "nama": JAHAT, "nip": "",
                     "elektronik": True}}
    return render.Cetakan(**(nilai | kw))


def test_teks_jahat_tercetak_apa_adanya():
    c = _cetakan()
    assert JAHAT not in render.sumber(c)  # only inside the escaped JSON literal
    data = typst.query(f"#metadata({render.muatan(c)}) <d>".encode(), "<d>", field="value", one=True)
    import json

    d = json.loads(data)
    assert d["baris"][0][1] == JAHAT and d["isi"] == [JAHAT] and d["ttd"]["nama"] == JAHAT
    assert render.pdf(c).startswith(b"%PDF-")


def test_kertas_f4():
    pdf = render.pdf(_cetakan(kertas="f4"))
    assert b"609.4" in pdf and b"935.4" in pdf  # 215 x 330 mm in points
    assert b"595.2" in render.pdf(_cetakan())  # A4 width


def test_placeholder_diganti_sekali_tanpa_evaluasi():
    assert placeholder.ganti("Nama [nama], NIK [nik]", {"nama": "[nik]", "nik": "123"}) == "Nama [nik], NIK 123"
    assert placeholder.ganti("[asing] [kosong]", {"kosong": ""}) == "[asing] -"


def test_placeholder_tidak_dikenal_disebut():
    with pytest.raises(ValidationError) as e:
        placeholder.periksa({"isi": "Untuk [keperluan] dan [gaji_pokok]"}, {"keperluan"})
    assert "[gaji_pokok]" in str(e.value.message_dict["isi"]) and "[keperluan]" not in str(e.value.message_dict["isi"])
    placeholder.periksa({"isi": "[isian_keperluan] [nama_desa]"}, {"keperluan"})


def test_data_penduduk_memakai_label_kode(dunia):
    p = Penduduk.objects.select_related("keluarga").get(pk=dunia.warga_penduduk.pk)
    d = placeholder.data_penduduk(p, pada=datetime.date(2026, 1, 15))
    assert d["agama"] == "ISLAM" and d["jenis_kelamin"] == "LAKI-LAKI" and d["status_perkawinan"] == "KAWIN"
    assert d["umur"] == "36 tahun" and d["rt"] == "001" and d["nama_desa"] == "Pematang Limau"
    assert d["nama_kabupaten"] == "Seruyan" and d["no_kk"] == p.keluarga.no_kk


def test_pratinjau_tanpa_nomor_dan_qr_bertanda(dunia, monkeypatch):
    ditangkap = []
    monkeypatch.setattr(render, "pdf", lambda c: ditangkap.append(c) or b"%PDF-")
    with acting_as("sistem:uji"):
        Penduduk.objects.filter(pk=dunia.warga_penduduk.pk).update(nama=JAHAT)
    s = surat_diperiksa(dunia)
    services.pdf_pratinjau(s, pengguna=dunia.users["operator_desa"])
    c = ditangkap[0]
    assert c.tanda == render.PRATINJAU and c.nomor == "" and c.qr == "" and c.kode_dokumen == ""
    assert ["Nama", JAHAT.upper()] in c.baris


def test_pratinjau_asli(dunia):
    assert services.pdf_pratinjau(surat_diperiksa(dunia), pengguna=dunia.users["operator_desa"]).startswith(b"%PDF-")


def test_isian_tidak_disebut_masuk_tabel(dunia):
    j = jenis("domisili")
    tpl = j.template.get(owner_id="62.07")
    tpl.isi = "Tanpa menyebut keperluan."
    b = render.badan(tpl, j, {"nama": "A"}, {"keperluan": "Bank"})
    assert ["Keperluan", "Bank"] in b["baris"]


@pytest.mark.parametrize("data, kode, pesan", [
    ({}, "keperluan", "Keperluan wajib diisi."),
    ({"keperluan": "x" * 201}, "keperluan", "terlalu panjang"),
])
def test_isian_domisili_salah(dunia, data, kode, pesan):
    with pytest.raises(ValidationError) as e:
        bersihkan_isian(jenis("domisili").isian, data)
    assert pesan in " ".join(e.value.message_dict[kode])


def test_kop_contoh_untuk_kabupaten(dunia):
    assert isinstance(render._kop_contoh("62.07"), Kop)
