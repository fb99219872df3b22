"""Getting in: login, logout, second factor, and password reset by email."""
from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import generic
from django_otp import login as otp_login
from django_otp import user_has_device

from .. import ratelimit, security, services
from ..forms import LupaSandiForm, MasukForm, OtpForm, SandiBaruForm


class Masuk(auth_views.LoginView):
    template_name = "akun/masuk.html"
    authentication_form = MasukForm
    redirect_authenticated_user = True


class Keluar(auth_views.LogoutView):
    pass


def _safe_next(request, default="/"):
    nxt = request.GET.get("next") or request.POST.get("next") or default
    ok = url_has_allowed_host_and_scheme(nxt, {request.get_host()}, require_https=request.is_secure())
    return nxt if ok else default


class _KodeView(LoginRequiredMixin, generic.FormView):
    """A form asking for one TOTP code; `periksa` says whether it passes and with which device."""

    form_class = OtpForm

    def periksa(self, token: str) -> security.HasilKode:
        raise ImproperlyConfigured(f"{type(self).__name__} harus mendefinisikan periksa(): kelas dasar ini tidak memakainya sendiri.")

    def lolos(self):
        raise ImproperlyConfigured(f"{type(self).__name__} harus mendefinisikan lolos(): kelas dasar ini tidak memakainya sendiri.")

    def form_valid(self, form):
        hasil = self.periksa(form.cleaned_data["token"])
        if hasil.device is None:
            form.add_error("token", hasil.pesan)
            return self.form_invalid(form)
        otp_login(self.request, hasil.device)
        return self.lolos()


class OtpVerifikasi(_KodeView):
    template_name = "akun/otp_verifikasi.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and (user.is_verified() or not user_has_device(user, confirmed=True)):
            return redirect(_safe_next(request))
        return super().dispatch(request, *args, **kwargs)

    def periksa(self, token):
        return security.verify_totp(pengguna=self.request.user, token=token)

    def lolos(self):
        return redirect(_safe_next(self.request))

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=_safe_next(self.request), **kwargs)


def _qr_data_uri(text: str) -> str:
    img = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buf = io.BytesIO()
    img.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


class OtpPasang(_KodeView):
    """Set up TOTP: show a QR code of an unconfirmed device, confirm it with one code."""

    template_name = "akun/otp_pasang.html"

    def dispatch(self, request, *args, **kwargs):
        # Replacing a device is only for someone who already passed the current one.
        user = request.user
        if user.is_authenticated and user_has_device(user, confirmed=True) and not user.is_verified():
            return redirect("akun:otp_verifikasi")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        device = security.pending_totp_device(pengguna=user)
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        ctx.update(
            qr_data_uri=_qr_data_uri(device.config_url),
            secret=secret,
            secret_grup=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            sudah_aktif=security.totp_aktif(user),
            wajib=security.totp_wajib(user),
        )
        return ctx

    def periksa(self, token):
        return security.confirm_totp(pengguna=self.request.user, token=token)

    def lolos(self):
        messages.success(self.request, "Verifikasi dua langkah aktif. Setiap kali masuk, sistem akan meminta kode dari aplikasi.")
        return redirect("akun:profil")


BATAS_RESET = "Terlalu banyak permintaan atur ulang kata sandi. Coba lagi dalam 1 jam, atau minta operator desa/admin kabupaten mengatur ulang kata sandi Anda."


class SandiLupa(auth_views.PasswordResetView):
    """Email a reset link. The answer is the same whether or not the address has an account,
    and requests are limited per IP and per address so the form cannot flood a mailbox."""

    template_name = "akun/sandi_lupa.html"
    form_class = LupaSandiForm
    email_template_name = "akun/email/sandi_reset.txt"
    subject_template_name = "akun/email/sandi_reset_subjek.txt"
    success_url = reverse_lazy("akun:sandi_lupa_terkirim")

    def get_extra_email_context(self):
        return {"nama_kabupaten": getattr(settings, "EDESA_NAMA_KABUPATEN", "Kabupaten Seruyan"),
                "jam_berlaku": settings.PASSWORD_RESET_TIMEOUT // 3600}

    def form_valid(self, form):
        limit = getattr(settings, "EDESA_RESET_SANDI_PER_JAM", 5)
        ip = get_client_ip_address(self.request) or "?"
        over_ip = ratelimit.hit("reset-ip", ip, limit=limit, window=3600)
        over_email = ratelimit.hit("reset-email", form.cleaned_data["email"], limit=limit, window=3600)
        if over_ip or over_email:
            form.add_error(None, BATAS_RESET)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        self.extra_email_context = self.get_extra_email_context()
        return super().form_valid(form)


class SandiLupaTerkirim(auth_views.PasswordResetDoneView):
    template_name = "akun/sandi_lupa_terkirim.html"


class SandiSendiriMixin:
    """After the holder set a password of their own (reset link or change): lift the
    must-change flag and any lockout."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.note_password_changed(pengguna=form.user)
        return response


class SandiReset(SandiSendiriMixin, auth_views.PasswordResetConfirmView):
    template_name = "akun/sandi_reset.html"
    form_class = SandiBaruForm
    success_url = reverse_lazy("akun:sandi_reset_selesai")


class SandiResetSelesai(auth_views.PasswordResetCompleteView):
    template_name = "akun/sandi_reset_selesai.html"
