"""The holder's own security settings: second factor (TOTP) and API tokens for integrations.

Devices and tokens belong to the login (`Pengguna`), which never enters the journal, so these
writes are logged to "edesa.akun" instead.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from .models import Pengguna
from .roles import PERAN_BY_KODE

log = logging.getLogger("edesa.akun")


def totp_aktif(pengguna: Pengguna) -> bool:
    return TOTPDevice.objects.filter(user=pengguna, confirmed=True).exists()


def totp_wajib(pengguna: Pengguna) -> bool:
    """Whether the deployment requires this account to use a second factor (admin roles)."""
    if not settings.EDESA_2FA_WAJIB_ADMIN:
        return False
    from .scope import memberships

    return pengguna.is_superuser or any(PERAN_BY_KODE[m.peran].admin for m in memberships(pengguna))


def pending_totp_device(*, pengguna: Pengguna) -> TOTPDevice:
    """The unconfirmed device being set up; its secret is shown until one code confirms it."""
    device = TOTPDevice.objects.filter(user=pengguna, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=pengguna, name="Autentikator", confirmed=False)
    return device


@dataclass(frozen=True)
class HasilKode:
    device: TOTPDevice | None
    pesan: str = ""


def _refused(device: TOTPDevice | None, default: str) -> HasilKode:
    if device is not None:
        allowed, info = device.verify_is_allowed()
        if not allowed and info and info.get("locked_until"):
            detik = max(1, int((info["locked_until"] - timezone.now()).total_seconds()))
            return HasilKode(None, f"Terlalu banyak kode salah. Coba lagi dalam {detik} detik.")
    return HasilKode(None, default)


def verify_totp(*, pengguna: Pengguna, token: str) -> HasilKode:
    """Check a code against the holder's confirmed devices. Wrong codes are throttled by
    django-otp (each failure doubles the wait), so six digits cannot be guessed online."""
    token = (token or "").strip()
    device = None
    for device in TOTPDevice.objects.devices_for_user(pengguna, confirmed=True):
        if device.verify_token(token):
            return HasilKode(device)
    return _refused(device, "Kode salah atau sudah kedaluwarsa. Gunakan kode terbaru di aplikasi.")


def confirm_totp(*, pengguna: Pengguna, token: str) -> HasilKode:
    """Confirm the device being set up with one code; it replaces any earlier device."""
    device = pending_totp_device(pengguna=pengguna)
    if not device.verify_token((token or "").strip()):
        return _refused(device, "Kode tidak cocok. Pastikan jam ponsel tepat, lalu masukkan kode terbaru.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=pengguna, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    log.info("verifikasi dua langkah diaktifkan: %s", pengguna.username)
    return HasilKode(device)


def disable_totp(*, pengguna: Pengguna, password: str) -> None:
    """Switch the second factor off; asks for the current password, so a session left open
    on a shared office PC is not enough."""
    if not pengguna.check_password(password or ""):
        raise ValidationError({"password": ["Kata sandi salah."]})
    if totp_wajib(pengguna):
        raise ValidationError(
            {"password": ["Verifikasi dua langkah wajib untuk peran admin dan tidak dapat dimatikan."]}
        )
    TOTPDevice.objects.filter(user=pengguna).delete()
    log.info("verifikasi dua langkah dimatikan: %s", pengguna.username)


def create_api_token(*, pengguna: Pengguna) -> str:
    """A new API token for integrations; an earlier one stops working. Returned once for
    display; afterwards only its first characters are shown."""
    if not pengguna.is_active:
        raise ValidationError({"pengguna": ["Akun nonaktif tidak dapat membuat token API."]})
    with transaction.atomic():
        Token.objects.filter(user=pengguna).delete()
        token = Token.objects.create(user=pengguna)
    log.info("token API dibuat: %s", pengguna.username)
    return token.key


def revoke_api_token(*, pengguna: Pengguna) -> bool:
    deleted, _ = Token.objects.filter(user=pengguna).delete()
    if deleted:
        log.info("token API dicabut: %s", pengguna.username)
    return bool(deleted)
