"""The public portal (/portal/): readable without login, cached whole for 60 s (a hit does no
database query) and marked `Cache-Control: public, max-age=60` for phones and proxies. The
pages use their own light layout (no session, no CSRF cookie), so the cache can serve them."""
from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.http import require_GET

from . import portal

DETIK = 60


def _publik(view):
    return require_GET(cache_page(DETIK)(cache_control(public=True, max_age=DETIK)(view)))


@_publik
def beranda(request):
    w = portal.wilayah_publik(settings.EDESA_KABUPATEN, 2)
    return render(request, "dasbor/portal/wilayah.html", portal.halaman(w))


@_publik
def kecamatan(request, kode: str):
    return render(request, "dasbor/portal/wilayah.html", portal.halaman(portal.wilayah_publik(kode, 3)))


@_publik
def desa(request, kode: str):
    return render(request, "dasbor/portal/wilayah.html", portal.halaman(portal.wilayah_publik(kode, 4)))


@_publik
def peta(request):
    w = portal.wilayah_publik(settings.EDESA_KABUPATEN, 2)
    return render(request, "dasbor/portal/peta.html", {"w": w, "data": portal.peta(w.kode)})
