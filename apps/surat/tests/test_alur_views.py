"""The staff pages of the workflow: queue, walk-in request, a letter's page and its actions,
downloads; pinned query counts and refusals shown on the form."""
from __future__ import annotations

from django.test import Client
from django.urls import reverse

from apps.akun.models import Pengguna
from apps.dokumen import ca
from apps.kependudukan.models import Penduduk
from apps.surat import alur
from apps.surat.models import LampiranSurat, StatusSurat, Surat
from tests import world

from ._alur import HTML, PDF, dunia_alur, jenis_domisili, permohonan, unggahan  # noqa: F401

SANDI_TTE = "passphrase-kades-panjang"


def klien(dunia, peran: str) -> Client:
    c = Client()
    c.force_login(dunia.users[peran])
    return c


def _banyak_surat(dunia, n: int) -> None:
    for _ in range(n):
        permohonan(dunia)


# ---------------------------------------------------------------- queue

def test_queue_tabs_counts_and_pinned_queries(dunia, django_assert_max_num_queries):
    _banyak_surat(dunia, 12)
    c = klien(dunia, "operator_desa")
    c.get(reverse("surat:antrian"))  # warm caches (sessions, content types)
    with django_assert_max_num_queries(12):
        resp = c.get(reverse("surat:antrian"))
    body = resp.content.decode()
    assert resp.status_code == 200
    assert body.count(dunia.warga_penduduk.nama) == 12
    assert 'id="tab-diajukan"' in body and "loket" in body
    # The neighbour village's letters are not listed.
    assert "Sungai Perlu" not in body


def test_queue_pages_by_keyset_and_searches_by_name(dunia):
    _banyak_surat(dunia, 32)
    c = klien(dunia, "operator_desa")
    resp = c.get(reverse("surat:antrian"))
    nxt = resp.context["next_after"]
    assert len(resp.context["object_list"]) == 30 and nxt
    resp = c.get(reverse("surat:antrian"), {"setelah": nxt}, HTTP_HX_REQUEST="true")
    assert len(resp.context["object_list"]) == 2
    assert c.get(reverse("surat:antrian"), {"q": "tidak ada"}).context["object_list"] == []
    assert c.get(reverse("surat:antrian"), {"setelah": "bukan-uuid"}).status_code == 200


def test_signer_sees_inbox_with_bulk_sign_form(dunia):
    s = permohonan(dunia)
    alur.periksa(s, pengguna=dunia.users["operator_desa"], asli_dilihat=["ktp"])
    body = klien(dunia, "kepala_desa").get(reverse("surat:antrian"), {"status": "diperiksa"}).content.decode()
    assert f'value="{s.pk}"' in body and 'autocomplete="off"' in body
    # The operator prepares but does not sign: no bulk form.
    body = klien(dunia, "operator_desa").get(reverse("surat:antrian"), {"status": "diperiksa"}).content.decode()
    assert 'id="form-ttd-banyak"' not in body


# ---------------------------------------------------------------- walk-in request

def test_picker_finds_residents_in_scope_only(dunia):
    c = klien(dunia, "operator_desa")
    body = c.get(reverse("surat:cari_penduduk"), {"q": "Tetangga"}).content.decode()
    assert "Tetangga Pematang Limau" in body and "Tetangga Sungai Perlu" not in body
    assert "Ketik paling sedikit" in c.get(reverse("surat:cari_penduduk"), {"q": "ab"}).content.decode()


def test_type_fields_are_built_from_the_spec(dunia):
    c = klien(dunia, "operator_desa")
    body = c.get(reverse("surat:isian_jenis"), {"jenis": jenis_domisili().pk}).content.decode()
    assert 'name="isian_keperluan"' in body and 'name="syarat_ktp"' in body


def test_walk_in_request_with_scan(dunia):
    c = klien(dunia, "operator_desa")
    p = dunia.warga_penduduk
    resp = c.post(reverse("surat:buat"), {"penduduk": p.pk, "jenis": jenis_domisili().pk,
                                          "isian_keperluan": "Melamar kerja", "syarat_ktp": unggahan()})
    s = Surat.objects.get(penduduk=p, status=StatusSurat.DIAJUKAN)
    assert resp.status_code == 302 and resp["Location"] == s.get_absolute_url()
    assert s.isian == {"keperluan": "Melamar kerja"} and s.lampiran.count() == 1


def test_walk_in_refusals_land_on_the_form_and_save_nothing(dunia):
    c = klien(dunia, "operator_desa")
    jenis = jenis_domisili().pk
    resp = c.post(reverse("surat:buat"), {"penduduk": dunia.warga_penduduk.pk, "jenis": jenis,
                                          "isian_keperluan": "Kerja", "syarat_ktp": unggahan(HTML, "ktp.pdf")})
    assert resp.status_code == 400
    assert "PDF, JPG atau PNG" in " ".join(resp.context["form"].errors["syarat_ktp"])
    resp = c.post(reverse("surat:buat"), {"penduduk": dunia.warga_penduduk.pk, "jenis": jenis})
    assert "Keperluan wajib diisi." in resp.context["form"].errors["isian_keperluan"]
    luar = Penduduk.objects.get(nama="Tetangga Sungai Perlu")
    resp = c.post(reverse("surat:buat"), {"penduduk": luar.pk, "jenis": jenis, "isian_keperluan": "Kerja"})
    assert resp.context["form"].errors["penduduk"] == [alur.PENDUDUK_TIDAK_DITEMUKAN]
    assert not Surat.objects.filter(status=StatusSurat.DIAJUKAN).exists()
    assert not LampiranSurat.objects.filter(surat__status=StatusSurat.DIAJUKAN).exists()


def test_roles_without_add_cannot_open_the_request_form(dunia):
    assert klien(dunia, "camat").get(reverse("surat:buat")).status_code == 403


# ---------------------------------------------------------------- a letter's page

def test_detail_shows_timeline_scans_and_actions_with_pinned_queries(dunia, django_assert_max_num_queries):
    s = permohonan(dunia)
    alur.unggah_lampiran(s, pengguna=dunia.users["operator_desa"], syarat="ktp", berkas=unggahan())
    c = klien(dunia, "operator_desa")
    c.get(s.get_absolute_url())
    with django_assert_max_num_queries(14):
        resp = c.get(s.get_absolute_url())
    body = resp.content.decode()
    assert 'id="form-periksa"' in body and 'id="form-tolak"' in body and 'id="form-ttd"' not in body
    assert "Fotokopi KTP" in body and "Diajukan" in body.title() and "Uji Operator" in body


def test_check_and_reject_through_the_page(dunia):
    s = permohonan(dunia)
    c = klien(dunia, "operator_desa")
    resp = c.post(s.get_absolute_url(), {"aksi": "periksa"})
    assert resp.status_code == 400 and "Fotokopi KTP" in resp.content.decode()
    resp = c.post(s.get_absolute_url(), {"aksi": "tolak", "tolak-alasan": "pendek"})
    assert resp.status_code == 400 and "paling sedikit" in resp.content.decode()
    resp = c.post(s.get_absolute_url(), {"aksi": "periksa", "periksa-asli_dilihat": ["ktp"]})
    assert resp.status_code == 302
    s.refresh_from_db()
    assert s.status == StatusSurat.DIPERIKSA
    assert c.post(s.get_absolute_url(), {"aksi": "tidak-ada"}).status_code == 400


def test_sign_on_the_page_wrong_passphrase_changes_nothing_then_sign_download_collect(dunia):
    s = permohonan(dunia)
    alur.periksa(s, pengguna=dunia.users["operator_desa"], asli_dilihat=["ktp"])
    ca.terbitkan_sertifikat(pengguna=dunia.users["kepala_desa"], passphrase=SANDI_TTE)
    kades = klien(dunia, "kepala_desa")
    resp = kades.post(s.get_absolute_url(), {"aksi": "tandatangani", "ttd-passphrase": "salah-sekali"})
    assert resp.status_code == 400 and "Passphrase salah" in resp.content.decode()
    s.refresh_from_db()
    assert s.status == StatusSurat.DIPERIKSA and not s.nomor
    # The operator may not sign: not found.
    assert klien(dunia, "operator_desa").post(
        s.get_absolute_url(), {"aksi": "tandatangani", "ttd-passphrase": SANDI_TTE}).status_code == 404
    resp = kades.post(s.get_absolute_url(), {"aksi": "tandatangani", "ttd-passphrase": SANDI_TTE})
    assert resp.status_code == 302
    s.refresh_from_db()
    assert s.status == StatusSurat.DITANDATANGANI and s.nomor and s.berkas
    op = klien(dunia, "operator_desa")
    resp = op.get(reverse("surat:unduh", args=[s.pk]))
    pdf = b"".join(resp.streaming_content)
    assert pdf.startswith(b"%PDF-") and resp["Content-Type"] == "application/pdf"
    assert resp["X-Content-Type-Options"] == "nosniff" and resp["Content-Disposition"].startswith("attachment")
    assert op.post(s.get_absolute_url(), {"aksi": "selesai"}).status_code == 302
    s.refresh_from_db()
    assert s.status == StatusSurat.SELESAI


def test_bulk_sign_signs_selected_letters_in_order(dunia):
    surat = [permohonan(dunia) for _ in range(3)]
    for s in surat:
        alur.periksa(s, pengguna=dunia.users["operator_desa"], asli_dilihat=["ktp"])
    ca.terbitkan_sertifikat(pengguna=dunia.users["kepala_desa"], passphrase=SANDI_TTE)
    kades = klien(dunia, "kepala_desa")
    kades.post(reverse("surat:tandatangani_banyak"), {"surat": [s.pk for s in surat[:2]], "passphrase": "salah"})
    assert not Surat.objects.filter(pk__in=[s.pk for s in surat], status=StatusSurat.DITANDATANGANI).exists()
    kades.post(reverse("surat:tandatangani_banyak"), {"surat": [s.pk for s in surat[:2]], "passphrase": SANDI_TTE})
    urut = sorted(Surat.objects.filter(pk__in=[s.pk for s in surat[:2]]).values_list("nomor_urut", flat=True))
    assert len(urut) == 2 and urut[1] == urut[0] + 1
    assert Surat.objects.get(pk=surat[2].pk).status == StatusSurat.DIPERIKSA


def test_scan_download_is_an_attachment_with_the_sniffed_type(dunia):
    s = permohonan(dunia)
    lamp = alur.unggah_lampiran(s, pengguna=dunia.users["operator_desa"], syarat="ktp",
                                berkas=unggahan(PDF, "x.html", "text/html"))
    resp = klien(dunia, "operator_desa").get(reverse("surat:lampiran", args=[lamp.pk]))
    assert resp["Content-Type"] == "application/pdf" and resp["X-Content-Type-Options"] == "nosniff"
    assert resp["Content-Disposition"].startswith("attachment") and ".html" not in resp["Content-Disposition"]
    # Another village's operator: not found.
    lain = Client()
    lain.force_login(Pengguna.objects.get(username="op_tetangga"))
    assert lain.get(reverse("surat:lampiran", args=[lamp.pk])).status_code == 404


def test_preview_is_a_pdf_before_signing(dunia):
    s = permohonan(dunia)
    resp = klien(dunia, "operator_desa").get(reverse("surat:pratinjau", args=[s.pk]))
    assert resp.status_code == 200 and resp.content.startswith(b"%PDF-")


def test_letter_of_another_village_is_not_found_for_every_action(dunia):
    asing = Surat.objects.get(owner_id=world.DESA_TETANGGA)
    c = klien(dunia, "operator_desa")
    for url in (asing.get_absolute_url(), reverse("surat:unduh", args=[asing.pk]),
                reverse("surat:pratinjau", args=[asing.pk]), reverse("surat:salinan", args=[asing.pk])):
        assert c.get(url).status_code == 404
    assert c.post(asing.get_absolute_url(), {"aksi": "selesai"}).status_code == 404
