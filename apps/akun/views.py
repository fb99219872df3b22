"""Login, logout, second factor and the user's own profile."""
from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import generic
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import MasukForm, OtpForm
from .scope import memberships


class Masuk(auth_views.LoginView):
    template_name = "akun/masuk.html"
    authentication_form = MasukForm
    redirect_authenticated_user = True


class Keluar(auth_views.LogoutView):
    pass


def _safe_next(request, default="/"):
    nxt = request.GET.get("next") or request.POST.get("next") or default
    return nxt if url_has_allowed_host_and_scheme(nxt, {request.get_host()}, require_https=request.is_secure()) else default


class OtpVerifikasi(LoginRequiredMixin, generic.FormView):
    template_name = "akun/otp_verifikasi.html"
    form_class = OtpForm

    def form_valid(self, form):
        token = form.cleaned_data["token"].strip()
        for device in TOTPDevice.objects.devices_for_user(self.request.user, confirmed=True):
            if device.verify_token(token):
                otp_login(self.request, device)
                return redirect(_safe_next(self.request))
        form.add_error("token", "Kode salah atau sudah kedaluwarsa. Gunakan kode terbaru di aplikasi.")
        return self.form_invalid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=_safe_next(self.request), **kwargs)


class OtpPasang(LoginRequiredMixin, generic.FormView):
    """Set up TOTP: show a QR code of an unconfirmed device, confirm it with one code."""

    template_name = "akun/otp_pasang.html"
    form_class = OtpForm

    def _device(self) -> TOTPDevice:
        device = TOTPDevice.objects.filter(user=self.request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=self.request.user, name="Autentikator", confirmed=False)
        return device

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        device = self._device()
        img = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
        buf = io.BytesIO()
        img.save(buf)
        ctx["qr_data_uri"] = "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()
        ctx["secret"] = base64.b32encode(device.bin_key).decode()
        ctx["sudah_aktif"] = TOTPDevice.objects.filter(user=self.request.user, confirmed=True).exists()
        return ctx

    def form_valid(self, form):
        device = self._device()
        if not device.verify_token(form.cleaned_data["token"].strip()):
            form.add_error("token", "Kode tidak cocok. Pastikan jam ponsel benar, lalu masukkan kode terbaru.")
            return self.form_invalid(form)
        TOTPDevice.objects.filter(user=self.request.user, confirmed=True).delete()
        device.confirmed = True
        device.save()
        otp_login(self.request, device)
        messages.success(self.request, "Verifikasi dua langkah aktif. Setiap masuk akan meminta kode dari aplikasi.")
        return redirect("akun:profil")


class Profil(LoginRequiredMixin, generic.TemplateView):
    template_name = "akun/profil.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["keanggotaan"] = memberships(self.request.user)
        ctx["otp_aktif"] = TOTPDevice.objects.filter(user=self.request.user, confirmed=True).exists()
        return ctx


class PenggunaList(LoginRequiredMixin, generic.TemplateView):
    template_name = "akun/pengguna_list.html"
    success_url = reverse_lazy("akun:pengguna_daftar")
