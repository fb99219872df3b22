"""Steps a logged-in user must finish before reaching any page:
1. a user with a confirmed TOTP device enters a code (second factor);
2. a user holding an admin-issued password chooses their own;
3. where the deployment makes it mandatory, an admin-role user sets up a second factor.

Only the pages each step needs stay open, so a stolen password alone reaches nothing else
(not user management, not API-token creation, not the 2FA setup page that would replace the
device).
"""
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .security import totp_wajib

# Assets and public pages that never need a login.
_PUBLIC_PREFIXES = ("/static/", "/media/", "/verifikasi/")
_API_PREFIX = "/api/"


def requires_setup(user) -> bool:
    return totp_wajib(user)


def _paths(*names: str) -> frozenset[str]:
    return frozenset(reverse(name) for name in names)


def _step(user):
    """(url name to send the user to, url names open during this step) or None when done."""
    from django_otp import user_has_device

    has_device = user_has_device(user, confirmed=True)
    if has_device and not user.is_verified():
        return "akun:otp_verifikasi", ("akun:masuk", "akun:keluar", "akun:otp_verifikasi")
    if user.harus_ganti_sandi:
        # The backend that logged the user in may name its own change page (residents change
        # a PIN under /layanan/, not a staff password).
        target = getattr(user, "halaman_ganti_sandi", "akun:sandi_ganti")
        return target, ("akun:masuk", "akun:keluar", target, *getattr(user, "halaman_terbuka", ()))
    if not has_device and requires_setup(user):
        return "akun:otp_pasang", ("akun:masuk", "akun:keluar", "akun:otp_pasang")
    return None


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path
        if user is None or not user.is_authenticated or path.startswith(_PUBLIC_PREFIXES):
            return self.get_response(request)
        step = _step(user)
        if step is None or path in _paths(*step[1]):
            return self.get_response(request)
        target, _ = step
        if path.startswith(_API_PREFIX):
            # Session-authenticated API calls from the browser; token clients are anonymous here.
            return JsonResponse({"detail": "Selesaikan langkah masuk (verifikasi dua langkah atau ganti kata sandi) "
                                           "sebelum memakai API."}, status=403)
        if target == "akun:otp_verifikasi":
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return redirect(target)
