"""Pages of the population books (Permendagri 47/2016): pick a desa in scope (and a month or
year), read the book a page at a time, print it (PDF) or download it (xlsx, CSV). A desa
outside the user's scope is a 404; a malformed period is a 400 with the reason."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.views.generic import TemplateView

from .. import buku, cetak
from ..models import Penduduk, PendudukSementara, Peristiwa
from .ekspor_daftar import format_tidak_dikenal

FORMAT_BUKU = ("pdf", "xlsx", "csv")
DAFTAR_BUKU = [
    ("induk", "Buku Induk Penduduk", "kependudukan:buku_induk", "Seluruh penduduk desa beserta identitasnya."),
    ("mutasi", "Buku Mutasi Penduduk", "kependudukan:buku_mutasi", "Lahir, datang, meninggal dan pindah dalam sebulan."),
    ("rekapitulasi", "Buku Rekapitulasi Jumlah Penduduk", "kependudukan:buku_rekapitulasi",
     "Jumlah penduduk per dusun awal dan akhir bulan."),
    ("sementara", "Buku Penduduk Sementara", "kependudukan:buku_sementara", "Tamu dan pendatang yang tinggal sementara."),
    ("ktp-kk", "Buku KTP dan KK", "kependudukan:buku_ktp_kk", "Penduduk per Kartu Keluarga."),
]


def _mulai(raw: str | None) -> int:
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 8 else 1


class BukuIndeks(LoginRequiredMixin, TemplateView):
    model = Penduduk
    template_name = "kependudukan/buku_indeks.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        desa = buku.pilihan_desa_buku(user) or buku.pilihan_desa_buku(user, Penduduk, "view_agregat")
        return super().get_context_data(daftar=DAFTAR_BUKU, pilihan_desa=desa,
                                        desa_dipilih=self.request.GET.get("desa", ""), **kwargs)


class _BukuView(LoginRequiredMixin, TemplateView):
    """One book: `susun(desa)` builds the on-screen page, `semua(desa)` every row for print."""

    model = Penduduk
    action = "view"
    kunci: str
    template_name = "kependudukan/buku_halaman.html"
    pakai_periode = False  # month (YYYY-MM)
    pakai_tahun = False

    def get(self, request, *args, **kwargs):
        user, get = request.user, request.GET
        self.pilihan = buku.pilihan_desa_buku(user, self.model, self.action)
        self.desa = buku.desa_buku(user, get.get("desa"), model=self.model, action=self.action)
        if self.desa is None and get.get("desa"):
            raise Http404("Desa ini tidak ada atau di luar cakupan Anda.")
        self.galat = ""
        try:
            self.periode = buku.baca_periode(get.get("periode")) if self.pakai_periode else None
            self.tahun = buku.baca_tahun(get.get("tahun")) if self.pakai_tahun else None
        except ValidationError as exc:
            self.galat = " ".join(exc.messages)
            self.periode, self.tahun = None, None
        fmt = get.get("format", "")
        if self.galat or self.desa is None:
            return self.render_to_response(self.get_context_data(), status=400 if self.galat else 200)
        if fmt:
            if fmt not in FORMAT_BUKU:
                return format_tidak_dikenal(fmt, FORMAT_BUKU)
            return self.unduh(fmt)
        return super().get(request, *args, **kwargs)

    def args_buku(self) -> dict:
        return {"periode": self.periode} if self.pakai_periode else {"tahun": self.tahun} if self.pakai_tahun else {}

    def halaman(self) -> buku.Buku:
        get = self.request.GET
        return self.susun(self.desa, setelah=get.get("setelah") or None, mulai=_mulai(get.get("mulai")))

    def unduh(self, fmt: str):
        b = self.susun(self.desa, ukuran=0)  # titles and columns only
        rows = self.semua(self.desa)
        periode = str(self.periode or self.tahun or "")
        nama = cetak.nama_berkas(b.judul, self.desa.nama, periode, ext=fmt)
        if fmt == "csv":
            return cetak.respons_csv(b.judul_kolom(), rows, nama)
        dok = b.dokumen(self.request.user, rows)
        if fmt == "xlsx":
            return cetak.respons_xlsx(dok, nama)
        kertas = "f4" if self.request.GET.get("kertas") == "f4" else "a4"
        return cetak.respons_pdf(cetak.pdf(dok, kertas=kertas), nama)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        get = self.request.GET
        b = self.halaman() if self.desa is not None and not self.galat else None
        params = get.copy()
        for k in ("setelah", "mulai", "format", "kertas"):
            params.pop(k, None)
        if self.desa is not None:
            params["desa"] = self.desa.kode
        ctx.update(
            buku=b, judul={k: j for k, j, _u, _d in DAFTAR_BUKU}[self.kunci], kunci=self.kunci,
            pilihan_desa=self.pilihan, desa=self.desa, galat=self.galat, pakai_periode=self.pakai_periode,
            pakai_tahun=self.pakai_tahun, periode=get.get("periode") or (str(self.periode) if self.periode else ""),
            tahun=get.get("tahun") or (self.tahun or ""), query_params=params.urlencode(),
            berikutnya_mulai=(b.mulai + len(b.baris)) if b else 1,
        )
        return ctx


class BukuInduk(_BukuView):
    kunci = "induk"

    def susun(self, desa, *, setelah=None, mulai=1, ukuran=50):
        return buku.buku_induk(self.request.user, desa, setelah=setelah, mulai=mulai, ukuran=ukuran,
                               path=self.request.path)

    def semua(self, desa):
        return buku.semua_induk(self.request.user, desa, path=self.request.path)


class BukuMutasi(_BukuView):
    model = Peristiwa
    kunci = "mutasi"
    pakai_periode = True

    def susun(self, desa, *, setelah=None, mulai=1, ukuran=50):
        return buku.buku_mutasi(self.request.user, desa, self.periode, setelah=setelah, mulai=mulai, ukuran=ukuran)

    def semua(self, desa):
        return buku.semua_mutasi(self.request.user, desa, self.periode)


class BukuRekapitulasi(_BukuView):
    action = "view_agregat"
    kunci = "rekapitulasi"
    pakai_periode = True

    def susun(self, desa, *, setelah=None, mulai=1, ukuran=50):
        return buku.buku_rekapitulasi(self.request.user, desa, self.periode)

    def semua(self, desa):
        return iter(self.susun(desa).baris)


class BukuSementara(_BukuView):
    model = PendudukSementara
    kunci = "sementara"
    pakai_tahun = True

    def susun(self, desa, *, setelah=None, mulai=1, ukuran=50):
        return buku.buku_sementara(self.request.user, desa, self.tahun, setelah=setelah, mulai=mulai, ukuran=ukuran,
                                   path=self.request.path)

    def semua(self, desa):
        return buku.semua_sementara(self.request.user, desa, self.tahun, path=self.request.path)


class BukuKtpKk(_BukuView):
    kunci = "ktp-kk"

    def susun(self, desa, *, setelah=None, mulai=1, ukuran=20):
        return buku.buku_ktp_kk(self.request.user, desa, setelah=setelah, mulai=mulai, ukuran=ukuran,
                                path=self.request.path)

    def semua(self, desa):
        return buku.semua_ktp_kk(self.request.user, desa, path=self.request.path)
