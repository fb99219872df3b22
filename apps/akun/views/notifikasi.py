"""The user's in-app notices: newest first, 30 a page (keyset on the id), and a POST that
marks them read (all, or the one followed). Only the user's own notices are ever touched."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import generic

from .. import notifikasi

UKURAN = 30


class NotifikasiJumlah(LoginRequiredMixin, generic.TemplateView):
    """The navbar badge, loaded by HTMX when the unread count is not cached."""

    template_name = "akun/_lencana_notifikasi.html"

    def get_context_data(self, **kwargs):
        return {"belum": notifikasi.jumlah_belum_dibaca(self.request.user)}


class NotifikasiDaftar(LoginRequiredMixin, generic.TemplateView):
    template_name = "akun/notifikasi.html"

    def get_context_data(self, **kwargs):
        qs = notifikasi.milik(self.request.user)
        setelah = self.request.GET.get("setelah", "")
        if setelah.isdigit():
            qs = qs.filter(pk__lt=int(setelah))
        rows = list(qs.order_by("-pk")[: UKURAN + 1])
        lagi = len(rows) > UKURAN
        rows = rows[:UKURAN]
        return {**super().get_context_data(**kwargs), "object_list": rows,
                "setelah": rows[-1].pk if lagi and rows else None}

    def post(self, request, *args, **kwargs):
        pk = request.POST.get("id", "")
        notifikasi.tandai_dibaca(request.user, [int(pk)] if pk.isdigit() else None)
        tujuan = request.POST.get("lanjut", "")
        if tujuan and url_has_allowed_host_and_scheme(tujuan, allowed_hosts={request.get_host()},
                                                       require_https=request.is_secure()):
            return HttpResponseRedirect(tujuan)
        return HttpResponseRedirect(reverse("akun:notifikasi"))
