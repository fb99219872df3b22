"""Second factor: a user with a confirmed TOTP device must pass it before reaching any page;
where the setting makes it mandatory, an admin-role user without one must set one up first."""
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .roles import PERAN_BY_KODE

# Pages reachable between the password step and the second factor.
_OPEN_PREFIXES = ("/akun/", "/static/", "/media/", "/verifikasi/", "/api/")


def requires_setup(user) -> bool:
    if not settings.EDESA_2FA_WAJIB_ADMIN:
        return False
    from .scope import memberships

    return user.is_superuser or any(PERAN_BY_KODE[m.peran].admin for m in memberships(user))


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(_OPEN_PREFIXES):
            from django_otp import user_has_device

            if user_has_device(user, confirmed=True):
                if not user.is_verified():
                    return redirect(f"{reverse('akun:otp_verifikasi')}?next={request.get_full_path()}")
            elif requires_setup(user):
                return redirect("akun:otp_pasang")
        return self.get_response(request)
