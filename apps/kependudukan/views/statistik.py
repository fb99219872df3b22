"""Population statistics pages: for officials (`/penduduk/statistik/`, within their
"view_agregat" scope) and for the public portal (`/statistik/`, this kabupaten down to desa).
Both show a chart, the table, and download the same figures as CSV; PNG is made in the browser.
The wilayah and category come as GET parameters (`wilayah`, `kategori`); an unknown or
out-of-scope one is a 404 page that says which."""
from __future__ import annotations

import csv
import datetime

from axes.helpers import get_client_ip_address
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import generic

from apps.akun import ratelimit
from apps.akun.scope import covers

from .. import statistik
from ..cetak import aman_csv
from ..models import Penduduk

GALAT = "kependudukan/statistik_galat.html"
# Public pages: requests per IP per minute (shared cache; counts per process with locmem).
BATAS_PUBLIK = 240


def _ip(request) -> str:
    # The client address as django-axes sees it: behind a reverse proxy (AXES_IPWARE_PROXY_COUNT)
    # from X-Forwarded-For, so all visitors do not share the proxy's one bucket.
    return get_client_ip_address(request) or "?"


class _StatistikMixin:
    """Resolves wilayah + category, renders the 404 message page on bad input."""

    publik = False

    def data(self, request) -> tuple:
        """(wilayah, figures) for the request's `wilayah` and `kategori`."""
        raise ImproperlyConfigured(f"{type(self).__name__} harus mendefinisikan data(): kelas dasar ini tidak memakainya sendiri.")

    def get(self, request, *args, **kwargs):
        if self.publik and ratelimit.hit("statistik-publik", _ip(request), limit=BATAS_PUBLIK, window=60):
            return render(request, GALAT, {"pesan": "Terlalu banyak permintaan. Coba lagi sebentar lagi.", "publik": True},
                          status=429)
        try:
            self.wilayah_obj, self.statistik = self.data(request)
        except statistik.StatistikTidakDikenal as exc:
            return render(request, GALAT, {"pesan": str(exc), "publik": self.publik}, status=404)
        return self.jawab(request)

    def jawab(self, request):
        return super().get(request)


class _HalamanMixin(_StatistikMixin):
    template_name = "kependudukan/statistik.html"

    def url_halaman(self) -> str:
        """The page's own URL (official or public); each concrete view names it."""
        raise ImproperlyConfigured(f"{type(self).__name__} harus mendefinisikan url_halaman(): kelas dasar ini tidak memakainya sendiri.")

    def url_csv(self) -> str:
        """The URL of the same figures as CSV; each concrete view names it."""
        raise ImproperlyConfigured(f"{type(self).__name__} harus mendefinisikan url_csv(): kelas dasar ini tidak memakainya sendiri.")

    def boleh(self, kode: str) -> bool:
        return True

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and not getattr(self.request.htmx, "boosted", False):
            return ["kependudukan/_statistik_isi.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        data = self.statistik
        w = self.wilayah_obj
        kategori = data["kategori"]["kode"]
        ctx.update(
            data=data, publik=self.publik, url_halaman=self.url_halaman(), url_csv=self.url_csv(),
            jejak=[(k, n) for k, n in statistik.jejak(w) if self.boleh(k)],
            anak=statistik.anak_wilayah(w),
            kategori_pilihan=[(k.kode, statistik.judul_kategori(k, w)) for k in statistik.kategori_tersedia(w, publik=self.publik)],
            kategori_aktif=kategori, nama_berkas=f"statistik-{kategori}-{w.kode}",
            acuan=datetime.date.fromisoformat(data["acuan"]),
            grafik={"jenis": data["kategori"]["grafik"], "judul": f"{data['kategori']['judul']} · {w.nama}",
                    "label": [r["label"] for r in data["baris"]],
                    "laki_laki": [r["laki_laki"] for r in data["baris"]],
                    "perempuan": [r["perempuan"] for r in data["baris"]],
                    "jumlah": [r["jumlah"] for r in data["baris"]]},
        )
        return ctx


class StatistikPenduduk(LoginRequiredMixin, _HalamanMixin, generic.TemplateView):
    """Statistics of a wilayah in the user's aggregate scope (404 outside it)."""

    model = Penduduk
    scope_action = "view_agregat"

    def data(self, request) -> tuple:
        return statistik.statistik(request.user, request.GET.get("wilayah"), request.GET.get("kategori"))

    def boleh(self, kode: str) -> bool:
        return covers(self.request.user, "view_agregat", Penduduk, kode)

    def url_halaman(self) -> str:
        return reverse("kependudukan:statistik")

    def url_csv(self) -> str:
        return reverse("kependudukan:statistik_csv")


class StatistikPublik(_HalamanMixin, generic.TemplateView):
    """The public portal: aggregates of this kabupaten and its kecamatan and desa, no login."""

    publik = True

    def data(self, request) -> tuple:
        return statistik.statistik_publik(request.GET.get("wilayah"), request.GET.get("kategori"))

    def url_halaman(self) -> str:
        return reverse("statistik:publik")

    def url_csv(self) -> str:
        return reverse("statistik:publik_csv")

    def jawab(self, request):
        resp = super().jawab(request)
        resp["Cache-Control"] = f"public, max-age={statistik.CACHE_DETIK}"
        return resp


class _CsvMixin(_StatistikMixin):
    def jawab(self, request):
        data = self.statistik
        resp = HttpResponse(content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = (f'attachment; filename="statistik-{data["kategori"]["kode"]}-'
                                       f'{data["wilayah"]["kode"]}.csv"')
        resp.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
        writer = csv.writer(resp)
        writer.writerows([aman_csv(v) for v in row] for row in statistik.baris_csv(data))
        return resp


class StatistikPendudukCsv(LoginRequiredMixin, _CsvMixin, generic.View):
    model = Penduduk
    scope_action = "view_agregat"

    def data(self, request) -> tuple:
        return statistik.statistik(request.user, request.GET.get("wilayah"), request.GET.get("kategori"))


class StatistikPublikCsv(_CsvMixin, generic.View):
    publik = True

    def data(self, request) -> tuple:
        return statistik.statistik_publik(request.GET.get("wilayah"), request.GET.get("kategori"))
