"""The holder's own account: profile, password change, second factor off, API token."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views import generic
from rest_framework.authtoken.models import Token

from .. import security
from ..forms import GantiSandiForm, KonfirmasiSandiForm
from ..scope import memberships
from ..viewmixins import ServiceFormMixin
from .masuk import SandiSendiriMixin

PESAN_WARGA_API = "Akun layanan mandiri (masuk dengan NIK dan PIN) tidak dapat membuat token API."


def akun_pin(user) -> bool:
    """A resident's layanan mandiri account: its password is the PIN, kept by the PIN pages."""
    return hasattr(user, "pin_warga")


def no_store(response):
    """Pages showing a secret once must not be kept by the browser or a proxy."""
    response["Cache-Control"] = "no-store"
    return response


class Profil(LoginRequiredMixin, generic.TemplateView):
    template_name = "akun/profil.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx.update(
            keanggotaan=sorted(memberships(user), key=lambda m: (m.wilayah_id, m.peran)),
            otp_aktif=security.totp_aktif(user),
            otp_wajib=security.totp_wajib(user),
            token=Token.objects.filter(user=user).first(),
        )
        return ctx


class SandiGanti(SuccessMessageMixin, SandiSendiriMixin, auth_views.PasswordChangeView):
    """Staff change their password here; a resident's password is their PIN and changes only on
    the PIN page, under its rules and lockout (never to a free-form password)."""

    template_name = "akun/sandi_ganti.html"
    form_class = GantiSandiForm
    success_url = reverse_lazy("akun:profil")
    success_message = "Kata sandi berhasil diganti."

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and akun_pin(request.user):
            return redirect("mandiri:ganti_pin")
        return super().dispatch(request, *args, **kwargs)


class OtpMatikan(ServiceFormMixin, LoginRequiredMixin, generic.FormView):
    template_name = "akun/otp_matikan.html"
    form_class = KonfirmasiSandiForm

    def perform(self, form):
        security.disable_totp(pengguna=self.request.user, password=form.cleaned_data["password"])

    def success(self, result):
        messages.warning(self.request, "Verifikasi dua langkah dimatikan. Akun Anda kini hanya dilindungi kata sandi.")
        return redirect("akun:profil")


class TokenBuat(LoginRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request):
        if akun_pin(request.user):
            # A token would be a second, unlimited way in that outlives the PIN.
            raise PermissionDenied(PESAN_WARGA_API)
        try:
            key = security.create_api_token(pengguna=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("akun:profil")
        return no_store(render(request, "akun/token_dibuat.html", {"token_key": key}))


class TokenCabut(LoginRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request):
        if security.revoke_api_token(pengguna=request.user):
            messages.success(request, "Token API dicabut. Integrasi yang memakainya tidak dapat mengakses lagi.")
        return redirect("akun:profil")
