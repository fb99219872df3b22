"""The user's in-app notices: newest first, 30 a page (keyset on the id), and a POST that
marks them read (all, or the one followed). Only the user's own notices are ever touched."""
from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import get_template
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import generic

from .. import notifikasi

UKURAN = 30


class NotifikasiJumlah(generic.TemplateView):
    """The navbar badge. base.html polls it every 30 s (static/js/lencana.js skips the polls
    while the tab is hidden): the cached unread count costs no query, a cache miss one COUNT.
    A visitor no longer logged in (session expired in another tab) gets an empty 204, which
    HTMX does not swap, never a redirect to the login page inside the bell. The `X-Lencana`
    header tells the script the answer really is the badge (a redirect to a 2FA or password
    step would not carry it)."""

    template_name = "akun/_lencana_notifikasi.html"
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        user = request.user
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return HttpResponse(status=204)
        belum = notifikasi.jumlah_tersimpan(user)
        if belum is None:
            belum = notifikasi.jumlah_belum_dibaca(user)
        # Sessions slide (SESSION_SAVE_EVERY_REQUEST): a poll is not the user's activity, so it
        # must not keep an unattended tab logged in past the idle timeout, and it saves a write.
        request.session.save = lambda *args, **kwargs: None
        # Rendered without the request: the context processors (menu, roles) are not needed here.
        resp = HttpResponse(get_template(self.template_name).render({"belum": belum}))
        resp["X-Lencana"] = "1"
        resp["Cache-Control"] = "no-store"
        return resp


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
