"""The leaders' dashboard (/dasbor/): one screen of aspirations, population and Musrenbang
figures for the reader's area, live by polling `data` every 2 s (no reload, sync workers)."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, JsonResponse
from django.utils.http import quote_etag
from django.views import View, generic

from . import pimpinan


class _Wilayah(LoginRequiredMixin):
    """Resolves ?wilayah= within the reader's area (404 outside it, 403 for roles without a
    dashboard)."""

    def wilayah(self):
        return pimpinan.wilayah_diminta(self.request.user, self.request.GET.get("wilayah"))


class Utama(_Wilayah, generic.TemplateView):
    template_name = "dasbor/pimpinan/utama.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        akar, w = self.wilayah()
        data = pimpinan.data(self.request.user, w)
        ctx.update(w=w, akar=akar, data=data, jejak=pimpinan.jejak(akar, w),
                   daftar_desa=pimpinan.aspirasi_desa(self.request.user, w))
        return ctx


class Data(_Wilayah, View):
    """JSON for the poller: 204 (or 304 on If-None-Match) while nothing changed since `sejak`."""

    def get(self, request):
        _akar, w = self.wilayah()
        kursor = pimpinan.kursor(w)
        etag = quote_etag(kursor)
        if request.GET.get("sejak") == kursor:
            return HttpResponse(status=204)
        if request.headers.get("If-None-Match") == etag:
            resp = HttpResponse(status=304)
            resp["ETag"] = etag
            return resp
        data = pimpinan.data(request.user, w, sejak=request.GET.get("sejak"))
        resp = JsonResponse(data)
        resp["ETag"] = etag
        resp["Cache-Control"] = "private, no-cache"
        return resp
