"""The one scoping function (DESIGN.md invariant 1): every list, detail, form, export, search
and API view starts from `restrict(queryset, user, action)`. What is out of scope is simply not
found, so views answer 404 instead of leaking that it exists."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from apps.wilayah.models import subtree_q

from .roles import PERAN_BY_KODE, grant_for


def memberships(user) -> list:
    """Active memberships, loaded once per request and cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_edesa_keanggotaan", None)
    if cached is None:
        from .models import Keanggotaan

        cached = list(Keanggotaan.objects.filter(pengguna=user, aktif=True).select_related("unit", "wilayah"))
        user._edesa_keanggotaan = cached
    return cached


def scope_q(user, action: str, model: type[models.Model]) -> models.Q | None:
    """The filter a user's memberships allow for `action` on `model`; None means nothing."""
    label = model._meta.label_lower
    combined = None
    for m in memberships(user):
        grant = grant_for(label, m.peran, action)
        if not grant:
            continue
        q = subtree_q(model.scope_field, m.wilayah_id)
        if callable(grant):
            q &= grant(m)
        combined = q if combined is None else combined | q
    return combined


def restrict(qs: models.QuerySet, user, action: str = "view") -> models.QuerySet:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    if user.is_superuser:
        return qs
    q = scope_q(user, action, qs.model)
    return qs.none() if q is None else qs.filter(q)


def get_scoped_or_404(qs: models.QuerySet, user, action: str = "view", **lookup) -> models.Model:
    obj = restrict(qs, user, action).filter(**lookup).first()
    if obj is None:
        raise Http404("Data tidak ditemukan.")
    return obj


def has_action(user, model: type[models.Model], action: str) -> bool:
    """Whether any membership grants `action` on `model` somewhere (menus, buttons)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    label = model._meta.label_lower
    return any(grant_for(label, m.peran, action) for m in memberships(user))


def allows(user, action: str, obj: models.Model) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return restrict(type(obj)._base_manager.filter(pk=obj.pk), user, action).exists()


def ensure_allowed(user, action: str, obj: models.Model) -> None:
    """Called by services after writing, inside the transaction: a write that lands outside
    the user's scope (a new RT under another village, a record moved away) is rolled back."""
    if user is None:  # system actions (management commands, migrations)
        return
    if not allows(user, action, obj):
        raise PermissionDenied("Anda tidak berwenang atas data ini.")


def covers(user, action: str, model: type[models.Model], kode: str) -> bool:
    """In-memory check, no query: an unconstrained grant whose subtree holds `kode`.
    Used for per-row decisions in lists (e.g. whether to unmask a NIK)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    label = model._meta.label_lower
    for m in memberships(user):
        if grant_for(label, m.peran, action) is True:
            root = m.wilayah_id
            if kode == root or kode.startswith(root + "."):
                return True
    return False


def roots(user) -> list[str]:
    """Wilayah codes at the top of the user's scopes (for dashboards and pickers)."""
    return sorted({m.wilayah_id for m in memberships(user)})


def peran_labels(user) -> list[str]:
    return [PERAN_BY_KODE[m.peran].nama for m in memberships(user) if m.peran in PERAN_BY_KODE]
