"""Log in with a username or an email address."""
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


class UsernameOrEmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        User = get_user_model()
        ident = username.strip()
        user = User.objects.filter(Q(username__iexact=ident) | Q(email__iexact=ident)).order_by("pk").first()
        if user is None:
            # Same cost as a real check, so response time does not reveal which accounts exist.
            User().set_password(password)
            return None
        # A resident's layanan mandiri account logs in only with NIK + PIN (its own lockout);
        # its password is the PIN, which must not also open the staff login. Checked here, not
        # in user_can_authenticate, which Django also runs on every request's session user.
        if user.check_password(password) and self.user_can_authenticate(user) and not hasattr(user, "pin_warga"):
            return user
        return None


def axes_username(request, credentials) -> str:
    """The key django-axes counts failures under: the account's username when the submitted
    name or email matches one, else the normalised input (so unknown names lock too)."""
    raw = (credentials or {}).get("username") if credentials else None
    if raw is None and request is not None:
        raw = request.POST.get("username", "")
    ident = (raw or "").strip()
    User = get_user_model()
    user = User.objects.filter(Q(username__iexact=ident) | Q(email__iexact=ident)).order_by("pk").only("username").first()
    return user.username if user else ident.casefold()
