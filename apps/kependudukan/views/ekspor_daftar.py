"""Export of the current (filtered) resident or family list to CSV (streamed) or xlsx
(write-only workbook on disk), masked by role; and the dusun/RT choices of a desa for the
list filters (HTMX)."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import render
from django.views import View

from .. import buku, cetak, selectors
from ..models import Keluarga, Penduduk
from .keluarga import KeluargaList
from .penduduk import PendudukList

FORMAT_DAFTAR = ("csv", "xlsx")


def format_tidak_dikenal(fmt: str, boleh=FORMAT_DAFTAR) -> HttpResponse:
    pilihan = ", ".join(boleh)
    return HttpResponse(f"Format \"{fmt[:10]}\" tidak dikenal. Pilih salah satu: {pilihan} (mis. ?format={boleh[0]}).",
                        status=400, content_type="text/plain; charset=utf-8")


def ekspor_daftar(request, list_view_class, *, fmt: str, kolom, baris_fn, judul: str):
    """The rows the list page would show for these GET filters (same form, same scoped search),
    all of them, as a download."""
    lv = list_view_class()
    lv.setup(request)
    user = request.user
    form = lv.filter_form(user, request.GET)
    qs = lv.search(lv.get_queryset(), user, form)
    rows = baris_fn(user, qs, path=request.path)
    nama = cetak.nama_berkas(judul, ext=fmt)
    if fmt == "csv":
        return cetak.respons_csv([k.judul for k in kolom], rows, nama)
    return cetak.respons_xlsx(cetak.Dokumen(judul=judul, kolom=kolom, baris=rows,
                                            subjudul="Sesuai penyaringan daftar saat diunduh"), nama)


class PendudukEkspor(LoginRequiredMixin, View):
    """/penduduk/ekspor/?format=csv|xlsx&<the list's filters>"""

    model = Penduduk

    def get(self, request):
        fmt = request.GET.get("format", "")
        if fmt not in FORMAT_DAFTAR:
            return format_tidak_dikenal(fmt)
        return ekspor_daftar(request, PendudukList, fmt=fmt, kolom=buku.KOLOM_DAFTAR_PENDUDUK,
                             baris_fn=buku.baris_daftar_penduduk, judul="Daftar penduduk")


class KeluargaEkspor(LoginRequiredMixin, View):
    model = Keluarga

    def get(self, request):
        fmt = request.GET.get("format", "")
        if fmt not in FORMAT_DAFTAR:
            return format_tidak_dikenal(fmt)
        return ekspor_daftar(request, KeluargaList, fmt=fmt, kolom=buku.KOLOM_DAFTAR_KELUARGA,
                             baris_fn=buku.baris_daftar_keluarga, judul="Daftar keluarga")


class PilihanLingkungan(LoginRequiredMixin, View):
    """<option>s of the dusun/RW/RT of ?desa= (only a desa in the user's scope)."""

    model = Penduduk

    def get(self, request):
        pilihan = selectors.pilihan_lingkungan(request.user, request.GET.get("desa", ""))
        return render(request, "kependudukan/_buku_opsi_wilayah.html", {"pilihan": pilihan})
