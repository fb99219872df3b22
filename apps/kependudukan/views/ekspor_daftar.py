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


class _DaftarEkspor(LoginRequiredMixin, View):
    """?format=csv|xlsx&<the list's filters>: the list as it is filtered on screen."""

    def get(self, request):
        fmt = request.GET.get("format", "")
        if fmt not in FORMAT_DAFTAR:
            return format_tidak_dikenal(fmt)
        return ekspor_daftar(request, self.daftar, fmt=fmt, kolom=self.kolom, baris_fn=self.baris_fn, judul=self.judul)


class PendudukEkspor(_DaftarEkspor):
    model = Penduduk
    daftar, judul = PendudukList, "Daftar penduduk"
    kolom, baris_fn = buku.KOLOM_DAFTAR_PENDUDUK, staticmethod(buku.baris_daftar_penduduk)


class KeluargaEkspor(_DaftarEkspor):
    model = Keluarga
    daftar, judul = KeluargaList, "Daftar keluarga"
    kolom, baris_fn = buku.KOLOM_DAFTAR_KELUARGA, staticmethod(buku.baris_daftar_keluarga)


class PilihanLingkungan(LoginRequiredMixin, View):
    """<option>s of the dusun/RW/RT of ?desa= (only a desa in the user's scope)."""

    model = Penduduk

    def get(self, request):
        pilihan = selectors.pilihan_lingkungan(request.user, request.GET.get("desa", ""))
        return render(request, "kependudukan/_buku_opsi_wilayah.html", {"pilihan": pilihan})
