"""The archive of issued letters: search by number, name, type, date range and status,
newest first, a page at a time (keyset on the UUIDv7 id: no OFFSET, no COUNT); a reprint is an
official copy (surat:salinan); the result downloads as CSV or xlsx with the NIK masked unless
the reader's role may see it."""
from __future__ import annotations

import datetime
import uuid

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.formats import date_format
from django.views.generic import TemplateView

from apps.akun.formulir import BootstrapForm, DateInput
from apps.akun.scope import covers, has_action
from apps.kependudukan import cetak
from apps.kependudukan.models import Penduduk
from apps.kependudukan.privasi import samarkan

from .. import selectors
from ..models import JenisSurat, Surat

UKURAN = 50
FORMAT = ("csv", "xlsx")
KOLOM = [cetak.Kolom("Nomor", "2.6fr", lebar_xlsx=30), cetak.Kolom("Tanggal", "1fr", lebar_xlsx=14),
         cetak.Kolom("Jenis surat", "2fr", lebar_xlsx=32), cetak.Kolom("Nama", "2fr", lebar_xlsx=28),
         cetak.Kolom("NIK", "1.5fr", lebar_xlsx=20), cetak.Kolom("Status", "1fr", lebar_xlsx=16),
         cetak.Kolom("Berlaku sampai", "1fr", lebar_xlsx=14), cetak.Kolom("Desa", "1fr", lebar_xlsx=16)]


class ArsipForm(BootstrapForm):
    q = forms.CharField(label="Nomor atau nama", required=False, max_length=120)
    jenis = forms.ModelChoiceField(label="Jenis surat", queryset=JenisSurat.objects.none(), required=False,
                                   empty_label="— semua jenis —")
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "— semua —")] + [
        (s.value, s.label) for s in selectors.TERBIT])
    dari = forms.DateField(label="Dari tanggal", required=False, widget=DateInput())
    sampai = forms.DateField(label="Sampai tanggal", required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].queryset = selectors.jenis_tersedia(user)

    def clean(self):
        d = super().clean()
        if d.get("dari") and d.get("sampai") and d["dari"] > d["sampai"]:
            self.add_error("sampai", "Tanggal akhir harus sama dengan atau sesudah tanggal awal.")
        return d


def baris_arsip(user, surat_list):
    """Export rows: the NIK in full only for roles that may see it in that village."""
    for s in surat_list:
        nik = (s.data or {}).get("penduduk", {}).get("nik", "")
        nama = (s.data or {}).get("penduduk", {}).get("nama") or s.nama_cari.upper()
        if not covers(user, "view_nik", Penduduk, s.owner_id):
            nik = samarkan(nik)
        yield [s.nomor, s.tanggal_surat.isoformat() if s.tanggal_surat else "", s.jenis.nama, nama, nik,
               s.get_status_display(), s.berlaku_sampai.isoformat() if s.berlaku_sampai else "", s.owner_id]


def _uuid(teks: str | None) -> uuid.UUID | None:
    """The page cursor; a cursor edited by hand gives the first page."""
    try:
        return uuid.UUID(teks) if teks else None
    except ValueError:
        return None


class Arsip(LoginRequiredMixin, TemplateView):
    template_name = "surat/arsip_daftar.html"

    def get(self, request, *args, **kwargs):
        if not has_action(request.user, Surat, "view"):
            raise PermissionDenied("Peran Anda tidak membuka arsip surat.")
        self.form = ArsipForm(request.GET or None, user=request.user)
        fmt = request.GET.get("format", "")
        if fmt and fmt not in FORMAT:
            return HttpResponse(f"Format \"{fmt[:10]}\" tidak dikenal. Pilih salah satu: csv, xlsx.", status=400,
                                content_type="text/plain; charset=utf-8")
        if self.form.is_bound and not self.form.is_valid():
            return self.render_to_response(self.get_context_data(halaman=[], berikutnya=None), status=400)
        qs = self.queryset()
        if fmt:
            return self.unduh(qs, fmt)
        return super().get(request, *args, **kwargs)

    def queryset(self):
        d = self.form.cleaned_data if self.form.is_bound else {}
        return selectors.arsip(self.request.user, q=d.get("q", ""), jenis=d.get("jenis"), status=d.get("status", ""),
                               dari=d.get("dari"), sampai=d.get("sampai")).order_by("-pk")

    def unduh(self, qs, fmt: str):
        nama = cetak.nama_berkas("arsip-surat", datetime.date.today().isoformat(), ext=fmt)
        baris = baris_arsip(self.request.user, qs.iterator(chunk_size=500))
        if fmt == "csv":
            return cetak.respons_csv([k.judul for k in KOLOM], baris, nama)
        return cetak.respons_xlsx(cetak.Dokumen(judul="Arsip Surat", kolom=KOLOM, baris=baris,
                                                subjudul=f"Diunduh {date_format(datetime.date.today(), 'j F Y')}"), nama)

    def get_context_data(self, **kwargs):
        if "halaman" not in kwargs:
            qs = self.queryset()
            setelah = _uuid(self.request.GET.get("setelah"))
            if setelah:
                qs = qs.filter(pk__lt=setelah)
            rows = list(qs[: UKURAN + 1])
            kwargs["halaman"] = rows[:UKURAN]
            kwargs["berikutnya"] = rows[UKURAN - 1].pk if len(rows) > UKURAN else None
        params = self.request.GET.copy()
        for k in ("setelah", "format"):
            params.pop(k, None)
        return super().get_context_data(form=self.form, query_params=params.urlencode(), **kwargs)
