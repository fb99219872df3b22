"""Template helpers for account pages."""
from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def durasi(value) -> str:
    """A timedelta in plain Indonesian: "15 menit", "1 jam 30 menit", "45 detik"."""
    if not isinstance(value, timedelta):
        return ""
    total = int(value.total_seconds())
    jam, sisa = divmod(total, 3600)
    menit, detik = divmod(sisa, 60)
    parts = [f"{jam} jam"] if jam else []
    if menit:
        parts.append(f"{menit} menit")
    if not parts:
        parts.append(f"{detik} detik")
    return " ".join(parts)
