"""Reads for account administration: which people an admin may see and manage, and which
wilayah and units a role may be bound to within the admin's scope.

An admin sees a person when at least one of the person's memberships lies in a scope where the
admin may grant roles (`restrict(Keanggotaan, user, "add")`). A person without any membership
belongs to nobody's scope yet: only a superuser or an admin of the home kabupaten
(`settings.EDESA_KABUPATEN`) sees them.
"""
from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from apps.wilayah.models import UnitKerja, Wilayah, subtree_q

from .bindings import WILAYAH_TINGKAT, unit_jenis, wilayah_tingkat
from .models import Keanggotaan, Pengguna
from .roles import grant_for
from .scope import covers, has_action, memberships, restrict


def can_manage_users(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and (user.is_superuser or has_action(user, Keanggotaan, "add")))


def sees_unassigned(user) -> bool:
    return user.is_superuser or covers(user, "add", Keanggotaan, settings.EDESA_KABUPATEN)


def visible_pengguna(user) -> QuerySet[Pengguna]:
    """People `user` may administer, unordered; empty for anyone who is not an admin."""
    qs = Pengguna.objects.all()
    if not can_manage_users(user):
        return qs.none()
    if user.is_superuser:
        return qs
    q = Q(pk__in=restrict(Keanggotaan.objects.all(), user, "add").values("pengguna_id"))
    if sees_unassigned(user):
        q |= ~Exists(Keanggotaan.objects.filter(pengguna=OuterRef("pk")))
    return qs.filter(q)


def is_visible(user, pengguna: Pengguna) -> bool:
    return visible_pengguna(user).filter(pk=pengguna.pk).exists()


def manages_fully(user, pengguna: Pengguna) -> bool:
    """Whether every membership of `pengguna` is within `user`'s scope: needed for actions on
    the whole account (deactivate, reset password), which affect every role it holds."""
    if not is_visible(user, pengguna):
        return False
    if user.is_superuser:
        return True
    if pengguna.is_superuser:
        return False
    mine = Keanggotaan.objects.filter(pengguna=pengguna)
    return mine.count() == restrict(mine, user, "change").count()


def memberships_in_scope(user, pengguna: Pengguna) -> tuple[list[Keanggotaan], int]:
    """The person's memberships `user` may see, and how many others exist outside that scope."""
    mine = Keanggotaan.objects.filter(pengguna=pengguna)
    shown = list(restrict(mine, user, "view").select_related("wilayah", "unit").order_by("wilayah_id", "peran"))
    return shown, mine.count() - len(shown)


def search_pengguna(user, *, q: str = "", peran: str = "", wilayah: str = "", status: str = "") -> QuerySet[Pengguna]:
    """The admin's user list, filtered; memberships prefetched for display."""
    qs = visible_pengguna(user)
    q = q.strip()
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(nama__icontains=q) | Q(email__icontains=q))
    if peran or wilayah:
        held = Keanggotaan.objects.all()
        if peran:
            held = held.filter(peran=peran)
        if wilayah:
            held = held.filter(subtree_q("wilayah_id", wilayah))
        qs = qs.filter(pk__in=held.values("pengguna_id"))
    if status in ("aktif", "nonaktif"):
        qs = qs.filter(is_active=status == "aktif")
    shown = Keanggotaan.objects.select_related("wilayah").order_by("peran")
    if not user.is_superuser:
        shown = restrict(shown, user, "view")
    return qs.prefetch_related(Prefetch("keanggotaan", queryset=shown, to_attr="peran_terlihat"))


def _grant_roots(user) -> list[str]:
    """Tops of the subtrees where `user` may grant roles."""
    return sorted({m.wilayah_id for m in memberships(user) if grant_for("akun.keanggotaan", m.peran, "add")})


def wilayah_in_grant_scope(user) -> QuerySet[Wilayah]:
    qs = Wilayah.objects.all()
    if user.is_superuser:
        return qs
    roots = _grant_roots(user)
    if not roots:
        return qs.none()
    q = Q()
    for kode in roots:
        q |= subtree_q("kode", kode)
    return qs.filter(q)


def wilayah_choices(user, peran: str = "") -> QuerySet[Wilayah]:
    """Wilayah a membership of `peran` may be bound to within `user`'s scope; without a role,
    every bindable level (kabupaten to desa) so the form also works without JavaScript."""
    levels = wilayah_tingkat(peran) if peran else tuple(t for ts in WILAYAH_TINGKAT.values() for t in ts)
    return wilayah_in_grant_scope(user).filter(tingkat__in=levels).order_by("kode")


def unit_choices(peran: str = "", wilayah_kode: str = "") -> QuerySet[UnitKerja]:
    """Active units the role may act through in that wilayah (none until both are chosen)."""
    if not (peran and wilayah_kode):
        return UnitKerja.objects.none()
    return UnitKerja.objects.filter(aktif=True, wilayah_id=wilayah_kode, jenis__in=unit_jenis(peran)).order_by("nama")
