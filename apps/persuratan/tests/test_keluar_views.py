"""Pages of outgoing naskah: outbox tabs and pinned queries, the draft form (template, reply,
quick addressee buttons, errors on the form), a naskah's page and its actions, the PDF, and
scope (another unit: 404; an addressee does not see the sender's naskah in its list)."""
from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from apps.persuratan import keluar
from apps.persuratan.models import Naskah, SeriNomor, SuratMasuk
from apps.sinkron.context import acting_as

from ._keluar import SANDI_TTE, draf, dunia_keluar, klien, kunci, siap_ttd  # noqa: F401


def _data_form(d, **ganti) -> dict:
    data = {"unit": str(d.u["kec"].pk), "jenis": "undangan", "klasifikasi": d.kla.kode, "perihal": "Rapat Musrenbang",
            "isi": "Dengan hormat,\n\nMohon hadir.", "sifat": "biasa", "urgensi": "segera", "lampiran_keterangan": "",
            "jabatan_penandatangan": str(d.j["camat"].pk), "paraf_1": str(d.j["sekcam"].pk),
            "kepada": [d.u["desa1"].kode], "tembusan": [d.u["kec2"].kode], "luar": "Kapolsek\nDanramil"}
    data.update(ganti)
    return data


# ---------------------------------------------------------------- outbox

def test_outbox_tabs_scope_and_pinned_queries(dunia, django_assert_max_num_queries):
    d = dunia
    for _ in range(5):
        draf(d)
    keluar.ajukan(draf(d, perihal="Menunggu paraf sekcam"), pengguna=d.users["staf"])
    c = klien(d, "sekcam")
    url = reverse("persuratan:naskah_daftar")
    c.get(url)
    with django_assert_max_num_queries(12):
        resp = c.get(url)
    assert resp.status_code == 200
    tab = {k: n for k, _l, _i, n in resp.context["tab"]}
    assert tab["draf"] == 6 and tab["paraf"] == 1 and tab["ttd"] == 0
    with django_assert_max_num_queries(12):
        resp = c.get(url, {"tab": "paraf"})
    assert [n.perihal for n in resp.context["object_list"]] == ["Menunggu paraf sekcam"]
    assert c.get(url, {"q": "tidak ada"}).context["object_list"] == []
    assert c.get(url, {"setelah": "bukan-uuid", "tab": "x"}).status_code == 200


def test_addressee_unit_does_not_list_the_senders_naskah(dunia):
    d = dunia
    keluar.tandatangani(siap_ttd(d), pengguna=d.users["camat"], kunci=kunci(d))
    resp = klien(d, "operator1").get(reverse("persuratan:naskah_daftar"), {"tab": "terkirim"})
    assert resp.status_code == 200 and resp.context["object_list"] == []
    assert SuratMasuk.objects.filter(unit=d.u["desa1"]).count() == 1


def test_outbox_pages_by_keyset(dunia):
    d = dunia
    for _ in range(32):
        draf(d)
    c = klien(d, "staf")
    resp = c.get(reverse("persuratan:naskah_daftar"))
    assert len(resp.context["object_list"]) == 30 and resp.context["next_after"]
    resp = c.get(reverse("persuratan:naskah_daftar"), {"setelah": resp.context["next_after"]})
    assert len(resp.context["object_list"]) == 2


# ---------------------------------------------------------------- the form

def test_create_from_form_with_template_and_quick_buttons(dunia):
    d = dunia
    c = klien(d, "staf")
    url = reverse("persuratan:naskah_buat")
    resp = c.get(url, {"template": d.template.pk})
    form = resp.context["form"]
    assert form.initial["perihal"] == "Undangan Rapat Koordinasi" and form.initial["jenis"] == "undangan"
    assert form.initial["jabatan_penandatangan"] == str(d.j["camat"].pk)
    # Quick button: every village of this kecamatan, nothing saved.
    resp = c.post(url, _data_form(d, kepada=[], pilih="desa_kecamatan"))
    assert resp.status_code == 200 and not Naskah.objects.exists()
    assert set(resp.context["form"].initial["kepada"]) == {d.u["desa1"].kode, d.u["desa2"].kode}
    resp = c.post(url, _data_form(d, kepada=[], pilih="kecamatan"))
    assert resp.context["form"].initial["kepada"] == [d.u["kec2"].kode]
    resp = c.post(url, _data_form(d))
    n = Naskah.objects.get()
    assert resp.status_code == 302 and resp["Location"] == n.get_absolute_url()
    assert n.urgensi == "segera" and n.paraf.count() == 1
    assert sorted(str(p) for p in n.penerima.all()) == ["Danramil", "Kapolsek", "Kecamatan Seruyan Tengah",
                                                       "Pemerintah Desa Pematang Limau"]


def test_form_shows_service_errors_and_saves_nothing(dunia):
    d = dunia
    c = klien(d, "staf")
    url = reverse("persuratan:naskah_buat")
    resp = c.post(url, _data_form(d, perihal="", kepada=[], luar=""))
    assert resp.status_code == 400 and "Perihal wajib diisi." in resp.content.decode()
    resp = c.post(url, _data_form(d, kepada=[], luar=""))
    assert resp.status_code == 400 and "paling sedikit satu penerima" in resp.content.decode()
    resp = c.post(url, _data_form(d, paraf_1=str(d.j["camat"].pk)))
    assert resp.status_code == 400 and "Penandatangan tidak perlu memaraf" in resp.content.decode()
    resp = c.post(url, _data_form(d, jabatan_penandatangan=str(d.j["kades1"].pk)))
    assert resp.status_code == 400
    assert not Naskah.objects.exists()


def test_reply_prefills_the_sender_and_links_the_letter(dunia):
    d = dunia
    n = keluar.tandatangani(siap_ttd(d), pengguna=d.users["camat"], kunci=kunci(d))
    sm = SuratMasuk.objects.get(naskah=n, unit=d.u["desa1"])
    c = klien(d, "operator1")
    url = reverse("persuratan:naskah_buat")
    resp = c.get(url, {"balas": sm.pk})
    assert resp.status_code == 200
    ini = resp.context["form"].initial
    assert ini["perihal"] == f"Balasan: {n.perihal}" and ini["kepada"] == [d.u["kec"].kode]
    assert ini["balasan_untuk"] == str(sm.pk)
    data = {"jenis": "surat_dinas", "klasifikasi": d.kla.kode, "perihal": ini["perihal"], "isi": "Siap hadir.",
            "sifat": "biasa", "urgensi": "biasa", "jabatan_penandatangan": str(d.j["kades1"].pk),
            "kepada": [d.u["kec"].kode], "balasan_untuk": str(sm.pk)}
    resp = c.post(url, data)
    balasan = Naskah.objects.get(unit=d.u["desa1"])
    assert resp.status_code == 302 and balasan.balasan_untuk_id == sm.pk
    # Another unit cannot reply to (or even see) desa1's letter.
    assert klien(d, "operator2").get(url, {"balas": sm.pk}).status_code == 404


def test_edit_page_and_another_unit_gets_404(dunia):
    d = dunia
    n = draf(d)
    c = klien(d, "staf")
    url = reverse("persuratan:naskah_ubah", args=[n.pk])
    resp = c.get(url)
    assert resp.status_code == 200 and resp.context["form"].initial["perihal"] == n.perihal
    resp = c.post(url, _data_form(d, perihal="Perihal baru", paraf_1=""))
    assert resp.status_code == 302
    n.refresh_from_db()
    assert n.perihal == "Perihal baru" and not n.paraf.exists()
    lain = klien(d, "operator1")
    for nama in ("naskah_detail", "naskah_ubah", "naskah_pdf"):
        assert lain.get(reverse(f"persuratan:{nama}", args=[n.pk])).status_code == 404
        assert lain.post(reverse(f"persuratan:{nama}", args=[n.pk]), {"aksi": "ajukan"}).status_code in (404, 405)
    assert klien(d, "staf_kec2").get(reverse("persuratan:naskah_detail", args=[n.pk])).status_code == 404


# ---------------------------------------------------------------- a naskah's page

def test_detail_actions_from_draft_to_sent(dunia, django_assert_max_num_queries):
    d = dunia
    n = draf(d)
    staf, sekcam, camat = klien(d, "staf"), klien(d, "sekcam"), klien(d, "camat")
    url = reverse("persuratan:naskah_detail", args=[n.pk])
    assert staf.post(url, {"aksi": "ajukan"}).status_code == 302
    resp = sekcam.get(url)
    assert resp.context["form_paraf"] is not None and 'id="form-paraf"' in resp.content.decode()
    assert staf.get(url).context["form_paraf"] is None
    resp = sekcam.post(url, {"aksi": "paraf", "keputusan": "kembalikan", "paraf-catatan": ""})
    assert resp.status_code == 400 and "catatan perbaikan" in resp.content.decode()
    assert sekcam.post(url, {"aksi": "paraf", "keputusan": "setuju"}).status_code == 302
    n.refresh_from_db()
    assert n.status == "siap_ttd"
    # No certificate yet: the page links to the TTE page.
    resp = camat.get(url)
    assert reverse("tte:saya") in resp.content.decode() and 'id="form-ttd"' not in resp.content.decode()
    kunci(d)
    resp = camat.post(url, {"aksi": "tandatangani", "ttd-passphrase": "salah-sekali-passphrase"})
    assert resp.status_code == 400 and "Passphrase salah" in resp.content.decode()
    assert not SeriNomor.objects.filter(seri="keluar").exists()
    resp = camat.post(url, {"aksi": "tandatangani", "ttd-passphrase": SANDI_TTE})
    assert resp.status_code == 302
    n.refresh_from_db()
    assert n.status == "terkirim" and n.nomor == "005/001/KEC-SH"
    with acting_as("sistem:uji"):
        SuratMasuk.objects.filter(naskah=n, unit=d.u["desa1"]).update(dibaca_pada=timezone.now(),
                                                                      dibaca_oleh=d.users["operator1"])
    staf.get(url)
    with django_assert_max_num_queries(20):
        resp = staf.get(url)
    body = resp.content.decode()
    assert 'id="tabel-pelacakan"' in body and "Uji operator1" in body and "Belum dibaca" in body
    pdf = staf.get(reverse("persuratan:naskah_pdf", args=[n.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"


def test_only_the_signer_sees_the_sign_form_and_others_are_refused(dunia):
    d = dunia
    n = siap_ttd(d)
    url = reverse("persuratan:naskah_detail", args=[n.pk])
    kunci(d)
    resp = klien(d, "staf").post(url, {"aksi": "tandatangani", "ttd-passphrase": SANDI_TTE})
    assert resp.status_code == 400
    n.refresh_from_db()
    assert n.status == "siap_ttd"
    assert klien(d, "staf").get(url).context["form_ttd"] is None
    assert klien(d, "camat").get(url).context["form_ttd"] is not None


def test_preview_pdf_and_cancel(dunia):
    d = dunia
    n = draf(d)
    c = klien(d, "staf")
    resp = c.get(reverse("persuratan:naskah_pdf", args=[n.pk]))
    assert resp.status_code == 200 and resp.content[:5] == b"%PDF-"
    url = reverse("persuratan:naskah_detail", args=[n.pk])
    resp = c.post(url, {"aksi": "batalkan", "batal-alasan": ""})
    assert resp.status_code == 400
    assert c.post(url, {"aksi": "batalkan", "batal-alasan": "Tidak jadi"}).status_code == 302
    n.refresh_from_db()
    assert n.status == "dibatalkan"
    assert c.post(url, {"aksi": "ajukan"}).status_code == 302
    n.refresh_from_db()
    assert n.status == "dibatalkan"
    assert c.post(url, {"aksi": "entah"}).status_code == 400
