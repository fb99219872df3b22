"""Buku Agenda Surat Keluar and Buku Ekspedisi of a village, per month or year, on screen and
as PDF (the registers' Typst table with letterhead and the kepala desa's signature), xlsx and
CSV. A desa outside the user's scope is a 404; a malformed period is a 400 with the reason."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.views.generic import TemplateView

from apps.kependudukan import buku, cetak

from .. import selectors
from ..models import StatusSurat, Surat

BUKU = {
    "agenda": ("Buku Agenda Surat Keluar", [
        cetak.Kolom("No. urut", "1.2cm", "center", 8), cetak.Kolom("Tanggal", "2.2cm", lebar_xlsx=12),
        cetak.Kolom("Nomor surat", "2fr", lebar_xlsx=30), cetak.Kolom("Kepada", "2fr", lebar_xlsx=28),
        cetak.Kolom("Perihal", "2fr", lebar_xlsx=32), cetak.Kolom("Keterangan", "1.5fr", lebar_xlsx=24)]),
    "ekspedisi": ("Buku Ekspedisi", [
        cetak.Kolom("No. urut", "1.2cm", "center", 8), cetak.Kolom("Tanggal pengiriman", "2.4cm", lebar_xlsx=14),
        cetak.Kolom("Nomor surat", "2fr", lebar_xlsx=30), cetak.Kolom("Tanggal surat", "2.2cm", lebar_xlsx=12),
        cetak.Kolom("Isi singkat", "2fr", lebar_xlsx=32), cetak.Kolom("Ditujukan kepada", "2fr", lebar_xlsx=28),
        cetak.Kolom("Keterangan", "1.5fr", lebar_xlsx=20)]),
}
FORMAT = ("pdf", "xlsx", "csv")


def _tgl(d) -> str:
    return date_format(d, "d-m-Y") if d else ""


def _nama(s: Surat) -> str:
    return (s.data or {}).get("penduduk", {}).get("nama") or s.nama_cari.upper()


def baris_agenda(qs):
    for i, s in enumerate(qs.iterator(chunk_size=500), start=1):
        ket = f"Dibatalkan: {s.alasan_batal}" if s.status == StatusSurat.DIBATALKAN else s.get_kanal_display()
        yield [i, _tgl(s.tanggal_surat), s.nomor, _nama(s), s.jenis.nama, ket]


def baris_ekspedisi(qs):
    for i, s in enumerate(qs.iterator(chunk_size=500), start=1):
        ket = "Diunduh warga" if s.kanal == Surat.MANDIRI else "Diambil di kantor"
        yield [i, _tgl(localtime(s.selesai_pada).date()), s.nomor, _tgl(s.tanggal_surat), s.jenis.nama, _nama(s), ket]


class _Buku(LoginRequiredMixin, TemplateView):
    template_name = "surat/buku_surat.html"
    kunci: str

    def get(self, request, *args, **kwargs):
        get = request.GET
        self.pilihan = buku.pilihan_desa_buku(request.user, Surat, "view")
        self.desa = buku.desa_buku(request.user, get.get("desa"), model=Surat, action="view")
        if self.desa is None and get.get("desa"):
            raise Http404("Desa ini tidak ada atau di luar cakupan Anda.")
        self.galat = ""
        try:
            self.tahun = buku.baca_tahun(get.get("tahun"))
            self.bulan = self._bulan(get.get("bulan"))
        except ValidationError as exc:
            self.galat, self.tahun, self.bulan = " ".join(exc.messages), None, None
        fmt = get.get("format", "")
        if self.galat or self.desa is None:
            return self.render_to_response(self.get_context_data(), status=400 if self.galat else 200)
        if fmt:
            if fmt not in FORMAT:
                return HttpResponse(f"Format \"{fmt[:10]}\" tidak dikenal. Pilih salah satu: {', '.join(FORMAT)}.",
                                    status=400, content_type="text/plain; charset=utf-8")
            return self.unduh(fmt)
        return super().get(request, *args, **kwargs)

    @staticmethod
    def _bulan(nilai: str | None) -> int | None:
        nilai = (nilai or "").strip()
        if not nilai:
            return None
        if not (nilai.isascii() and nilai.isdigit() and 1 <= int(nilai) <= 12):
            raise ValidationError({"bulan": f"Bulan \"{nilai[:10]}\" tidak dikenal: pilih 1 sampai 12, atau kosong untuk "
                                            "setahun."})
        return int(nilai)

    def qs(self):
        fungsi = selectors.agenda if self.kunci == "agenda" else selectors.ekspedisi
        return fungsi(self.request.user, self.desa.kode, tahun=self.tahun, bulan=self.bulan)

    def baris(self):
        return (baris_agenda if self.kunci == "agenda" else baris_ekspedisi)(self.qs())

    def periode(self) -> str:
        return f"{buku.BULAN[self.bulan]} {self.tahun}" if self.bulan else f"Tahun {self.tahun}"

    def unduh(self, fmt: str):
        judul, kolom = BUKU[self.kunci]
        nama = cetak.nama_berkas(judul, self.desa.nama, self.periode(), ext=fmt)
        if fmt == "csv":
            return cetak.respons_csv([k.judul for k in kolom], self.baris(), nama)
        kop = cetak.kop_desa(self.request.user, self.desa.kode)
        dok = cetak.Dokumen(judul=judul, kolom=kolom, baris=self.baris(), subjudul=f"{kop.desa} — {self.periode()}",
                            kop=kop, ttd=cetak.ttd_kepala(self.request.user, self.desa.kode, kop=kop))
        if fmt == "xlsx":
            return cetak.respons_xlsx(dok, nama)
        return cetak.respons_pdf(cetak.pdf(dok, kertas="f4" if self.request.GET.get("kertas") == "f4" else "a4"), nama)

    def get_context_data(self, **kwargs):
        judul, kolom = BUKU[self.kunci]
        rows = list(self.baris()) if self.desa is not None and not self.galat else []
        params = self.request.GET.copy()
        for k in ("format", "kertas"):
            params.pop(k, None)
        if self.desa is not None:
            params["desa"] = self.desa.kode
        return super().get_context_data(
            judul=judul, kolom=kolom, rows=rows, desa=self.desa, pilihan_desa=self.pilihan, galat=self.galat,
            tahun=self.request.GET.get("tahun") or (self.tahun or ""), bulan=self.bulan, daftar_bulan=buku.BULAN[1:],
            kunci=self.kunci, periode=self.periode() if self.tahun else "", query_params=params.urlencode(), **kwargs)


class BukuAgenda(_Buku):
    kunci = "agenda"


class BukuEkspedisi(_Buku):
    kunci = "ekspedisi"
