"""Public Musrenbang pages (no login, cached about a minute, phone-friendly): the cycle,
a kecamatan, a village, one proposal, "lacak usulan" and the xlsx export. Reads only
through publik.py, which never shows a NIK or a resident proposer's name."""
from __future__ import annotations

from django.http import Http404
from django.utils.decorators import method_decorator
from django.views import generic
from django.views.decorators.cache import cache_page

from apps.kependudukan import cetak

from .. import ekspor, publik

TTL = 60
DESA = ("desa", "kelurahan", "desa_adat")


@method_decorator(cache_page(TTL), name="dispatch")
class Beranda(generic.TemplateView):
    template_name = "perencanaan/publik/beranda.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        siklus = publik.siklus_publik(self.request.GET.get("kab", "").strip()[:10] or None)
        ctx["data"] = publik.beranda(siklus) if siklus else None
        return ctx


def _siklus_untuk(kode: str):
    siklus = publik.siklus_publik(kode[:5])
    if siklus is None:
        raise Http404("Belum ada siklus Musrenbang.")
    return siklus


@method_decorator(cache_page(TTL), name="dispatch")
class Desa(generic.TemplateView):
    template_name = "perencanaan/publik/wilayah.html"
    tingkat = DESA

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        w = publik.wilayah_publik(self.kwargs["kode"], self.tingkat)
        if w is None:
            raise Http404("Wilayah tidak ditemukan.")
        siklus = _siklus_untuk(w.kode)
        ctx.update(wilayah=w, siklus=siklus, tahap=publik.tahap_tampil(siklus),
                   usulan=publik.usulan_wilayah(siklus, w.kode), per_desa=self.tingkat != DESA)
        return ctx


class Kecamatan(Desa):
    tingkat = ("kecamatan",)


@method_decorator(cache_page(TTL), name="dispatch")
class Lacak(generic.TemplateView):
    template_name = "perencanaan/publik/lacak.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        kode = self.kwargs.get("kode") or self.request.GET.get("kode", "")
        ctx.update(kode=kode.strip()[:24], hasil=publik.lacak(kode) if kode.strip() else None)
        return ctx


class Usulan(Lacak):
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if ctx["hasil"] is None:
            raise Http404("Usulan tidak ditemukan.")
        return ctx


@method_decorator(cache_page(TTL), name="dispatch")
class Ekspor(generic.View):
    def get(self, request, kode):
        w = publik.wilayah_publik(kode, DESA + ("kecamatan",))
        if w is None:
            raise Http404("Wilayah tidak ditemukan.")
        return cetak.respons_xlsx(ekspor.dokumen(w, _siklus_untuk(w.kode)), cetak.nama_berkas("usulan-musrenbang",
                                                                                               w.kode, ext="xlsx"))
