"""Writes for accounts and role memberships: create people, grant and revoke roles, switch
accounts on and off, issue passwords. Each function validates its input (ValidationError with
Indonesian messages keyed by the argument name) and the actor's scope, then saves.

`by` is the acting user; None means the system itself (management commands, demo loaders).
Second factor and API tokens live in `security.py`.
"""
from __future__ import annotations

import logging
import re
import secrets

from django.contrib.auth import password_validation
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import translation

from apps.sinkron import journal
from apps.wilayah.models import UnitKerja, Wilayah

from . import selectors
from .bindings import UNIT_WAJIB, tingkat_label, unit_jenis, unit_jenis_label, wilayah_tingkat
from .models import Keanggotaan, Pengguna
from .roles import PERAN_BY_KODE
from .scope import ensure_allowed

log = logging.getLogger("edesa.akun")

# No "@": login accepts a username or an email, so a username must never look like an email.
USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$")
TELEPON_RE = re.compile(r"^\+?[0-9][0-9 ()-]{5,28}$")
# Easy to read aloud and type on a phone: no 0/o, 1/l/i.
_ALFABET = "abcdefghjkmnpqrstuvwxyz23456789"


def generate_password() -> str:
    """Three groups of four, about 59 bits: strong, yet easy to read over the phone."""
    while True:
        raw = "".join(secrets.choice(_ALFABET) for _ in range(12))
        if any((c.isascii() and c.isdigit()) for c in raw) and any(c.isalpha() for c in raw):
            return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def _ensure_admin(by) -> None:
    if by is not None and not selectors.can_manage_users(by):
        raise PermissionDenied("Anda tidak berwenang mengelola pengguna.")


def _ensure_manages(by, pengguna: Pengguna) -> None:
    if by is None:
        return
    _ensure_admin(by)
    if not selectors.manages_fully(by, pengguna):
        raise PermissionDenied(
            "Pengguna ini memegang peran di luar cakupan Anda (atau superuser); hubungi admin yang membawahinya."
        )


def _password_errors(password: str, user: Pengguna) -> list[str]:
    # Always Indonesian, whatever language the browser asks for: every other message here is.
    with translation.override("id"):
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            return exc.messages
    return []


def create_pengguna(
    *,
    username: str,
    password: str | None = None,
    nama: str,
    email: str | None = None,
    telepon: str = "",
    by: Pengguna | None = None,
) -> Pengguna:
    """Create a login. Without `password` a random one is issued: it is set on the returned
    object as `generated_password` (show it once, never store it) and must be changed at the
    first login."""
    _ensure_admin(by)
    username = (username or "").strip()
    nama = " ".join((nama or "").split())
    email = BaseUserManager.normalize_email((email or "").strip()) or None
    telepon = (telepon or "").strip()
    errors: dict[str, list[str]] = {}
    if not USERNAME_RE.match(username):
        errors["username"] = [
            "Nama pengguna 3–40 karakter: huruf, angka, titik, garis bawah atau tanda hubung, "
            "diawali huruf atau angka, tanpa spasi dan tanpa @."
        ]
    elif Pengguna.objects.filter(username__iexact=username).exists():
        errors["username"] = [f"Nama pengguna “{username}” sudah dipakai."]
    if not nama:
        errors["nama"] = ["Nama lengkap wajib diisi."]
    elif len(nama) > 150:
        errors["nama"] = ["Nama lengkap paling panjang 150 karakter."]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = ["Alamat email tidak valid."]
        else:
            if Pengguna.objects.filter(email__iexact=email).exists():
                errors["email"] = ["Email ini sudah dipakai akun lain."]
    if telepon and not TELEPON_RE.match(telepon):
        errors["telepon"] = ["Nomor telepon hanya angka (boleh diawali +), 6–30 karakter."]
    generated = password is None
    user = Pengguna(username=username, nama=nama, email=email, telepon=telepon, harus_ganti_sandi=generated)
    if generated:
        password = generate_password()
    elif not password:
        errors["password"] = ["Kata sandi wajib diisi (atau kosongkan untuk dibuatkan otomatis)."]
    elif problems := _password_errors(password, user):
        errors["password"] = problems
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # a concurrent request took the name between check and insert
        raise ValidationError({"username": ["Nama pengguna atau email sudah dipakai."]}) from exc
    user.generated_password = password if generated else None
    log.info("pengguna dibuat: %s oleh %s", user.username, getattr(by, "username", "sistem"))
    return user


def _forget_memberships(user) -> None:
    # scope.memberships caches on the user object; the same object may be request.user.
    user.__dict__.pop("_edesa_keanggotaan", None)


def check_binding(*, peran: str, wilayah: Wilayah | None, wilayah_kode: str, unit: UnitKerja | None) -> None:
    """A membership's wilayah must match its role's level; a unit must be of a kind the role
    acts through and must serve exactly that wilayah."""
    role = PERAN_BY_KODE.get(peran)
    if role is None:
        raise ValidationError({"peran": ["Peran tidak dikenal."]})
    errors: dict[str, list[str]] = {}
    if wilayah is None:
        errors["wilayah_kode"] = [f"Wilayah dengan kode “{wilayah_kode}” tidak ditemukan."]
    elif wilayah.tingkat not in wilayah_tingkat(peran):
        errors["wilayah_kode"] = [
            f"Peran {role.nama} harus terikat pada wilayah tingkat {tingkat_label(peran)}, "
            f"sedangkan {wilayah.nama} ({wilayah.kode}) adalah {wilayah.get_tingkat_display().lower()}."
        ]
    if unit is None and peran in UNIT_WAJIB:
        errors["unit"] = [f"Peran {role.nama} wajib terikat pada unit {unit_jenis_label(peran)}."]
    elif unit is not None:
        if unit.jenis not in unit_jenis(peran):
            errors["unit"] = [
                f"Peran {role.nama} hanya dapat terikat pada unit {unit_jenis_label(peran)}; "
                f"{unit.nama} adalah {unit.get_jenis_display()}."
            ]
        elif wilayah is not None and unit.wilayah_id != wilayah.kode:
            errors["unit"] = [
                f"Unit {unit.nama} bertugas di wilayah {unit.wilayah_id}, bukan di {wilayah.kode}. "
                "Pilih unit yang bertugas di wilayah peran ini."
            ]
        elif not unit.aktif:
            errors["unit"] = [f"Unit {unit.nama} sudah tidak aktif."]
    if errors:
        raise ValidationError(errors)


def grant_peran(
    *,
    pengguna: Pengguna,
    peran: str,
    wilayah_kode: str,
    unit: UnitKerja | None = None,
    by: Pengguna | None = None,
) -> Keanggotaan:
    """Give `pengguna` the role `peran` over the wilayah subtree `wilayah_kode` (and unit)."""
    _ensure_admin(by)
    wilayah_kode = (wilayah_kode or "").strip()
    wilayah = Wilayah.objects.filter(kode=wilayah_kode).first() if wilayah_kode else None
    check_binding(peran=peran, wilayah=wilayah, wilayah_kode=wilayah_kode, unit=unit)
    if not pengguna.is_active:
        raise ValidationError({"pengguna": ["Akun ini nonaktif; aktifkan dulu sebelum memberi peran."]})
    # An account with no role yet belongs to no scope: any admin may bring it into theirs.
    if by is not None and not selectors.is_visible(by, pengguna) and Keanggotaan.objects.filter(pengguna=pengguna).exists():
        raise ValidationError({"pengguna": ["Pengguna tidak ditemukan."]})
    with transaction.atomic():
        journal.begin()  # lock order: journal head, then rows (no deadlocks)
        existing = (
            Keanggotaan.objects.select_for_update()
            .filter(pengguna=pengguna, peran=peran, wilayah_id=wilayah.kode, unit=unit)
            .first()
        )
        if existing is not None and existing.aktif:
            raise ValidationError({"peran": ["Pengguna ini sudah memegang peran tersebut di wilayah dan unit ini."]})
        if existing is not None:
            existing.aktif = True
            existing.save(update_fields=["aktif", "updated_at"])
            obj = existing
        else:
            obj = Keanggotaan(pengguna=pengguna, peran=peran, wilayah=wilayah, unit=unit, owner_id=wilayah.kode)
            try:
                with transaction.atomic():
                    obj.save()
            except IntegrityError as exc:  # the same grant committed by a concurrent request
                raise ValidationError({"peran": ["Pengguna ini sudah memegang peran tersebut di wilayah dan unit ini."]}) from exc
        # After the write, inside the transaction: a grant outside the actor's scope rolls back.
        ensure_allowed(by, "add", obj)
    _forget_memberships(pengguna)
    log.info("peran %s@%s diberikan ke %s oleh %s", peran, wilayah.kode, pengguna.username, getattr(by, "username", "sistem"))
    return obj


def revoke_peran(*, keanggotaan: Keanggotaan, by: Pengguna | None) -> None:
    """Remove a membership. The journal keeps who held it and who removed it."""
    _ensure_admin(by)
    own = by is not None and not by.is_superuser and keanggotaan.pengguna_id == by.pk
    if own and PERAN_BY_KODE[keanggotaan.peran].admin:
        raise ValidationError({"keanggotaan": ["Anda tidak dapat mencabut peran admin Anda sendiri; minta admin lain."]})
    with transaction.atomic():
        ensure_allowed(by, "delete", keanggotaan)
        pengguna = keanggotaan.pengguna
        keanggotaan.delete()
    _forget_memberships(pengguna)
    log.info("peran %s@%s dicabut dari %s oleh %s", keanggotaan.peran, keanggotaan.wilayah_id, pengguna.username,
             getattr(by, "username", "sistem"))


def set_active(*, pengguna: Pengguna, aktif: bool, by: Pengguna | None) -> Pengguna:
    """Switch an account on or off. An inactive account cannot log in; its open sessions and
    API tokens stop working at the next request (Django and DRF check `is_active`)."""
    if by is not None and by.pk == pengguna.pk and not aktif:
        raise ValidationError({"aktif": ["Anda tidak dapat menonaktifkan akun Anda sendiri."]})
    _ensure_manages(by, pengguna)
    if pengguna.is_active != aktif:
        pengguna.is_active = aktif
        pengguna.save(update_fields=["is_active"])
        log.info("akun %s %s oleh %s", pengguna.username, "diaktifkan" if aktif else "dinonaktifkan",
                 getattr(by, "username", "sistem"))
    return pengguna


def reset_password(*, pengguna: Pengguna, by: Pengguna | None) -> str:
    """Issue a new random password (for officials without email); returns it for one-time
    display. The holder must choose their own at the next login."""
    _ensure_manages(by, pengguna)
    password = generate_password()
    pengguna.set_password(password)
    pengguna.harus_ganti_sandi = True
    pengguna.save(update_fields=["password", "harus_ganti_sandi"])
    _clear_lockouts(pengguna)
    _revoke_tokens(pengguna)
    log.info("kata sandi %s diatur ulang oleh %s", pengguna.username, getattr(by, "username", "sistem"))
    return password


def note_password_changed(*, pengguna: Pengguna) -> None:
    """After the holder set their own password (change or email reset): lift the
    must-change flag and any lockout from earlier failed attempts."""
    if pengguna.harus_ganti_sandi:
        pengguna.harus_ganti_sandi = False
        pengguna.save(update_fields=["harus_ganti_sandi"])
    _clear_lockouts(pengguna)
    _revoke_tokens(pengguna)


def _revoke_tokens(pengguna: Pengguna) -> None:
    # A new password shuts out whoever knew the old one, including through API tokens.
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=pengguna).delete()


def _clear_lockouts(pengguna: Pengguna) -> None:
    from axes.utils import reset

    for ident in filter(None, {pengguna.username, pengguna.email}):
        reset(username=ident)


def reset_otp(*, pengguna: Pengguna, by: Pengguna | None) -> None:
    """Remove the holder's second-factor devices (lost or replaced phone); they set up a new
    one after logging in with their password (or are made to, where it is mandatory)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _ensure_manages(by, pengguna)
    TOTPDevice.objects.filter(user=pengguna).delete()
    _revoke_tokens(pengguna)
    log.info("verifikasi dua langkah %s dimatikan oleh %s", pengguna.username, getattr(by, "username", "sistem"))
