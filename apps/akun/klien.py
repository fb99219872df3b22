"""The client's IP address, for rate limits and lockouts. Behind N reverse proxies (nginx, a
TLS terminator) every request comes from the proxy, so per-IP limits would become one global
limit; the client is then the address the outermost of our proxies appended to
X-Forwarded-For. With no proxy configured the header is ignored: anyone can write it, and
trusting it would let an attacker pick a fresh "IP" for every guess.

`settings.EDESA_JUMLAH_PROXY` (env `AXES_IPWARE_PROXY_COUNT`, kept for compatibility) is the
number of proxies in front of the app; django-axes uses this function too
(`AXES_CLIENT_IP_CALLABLE`), as does DRF's throttling through `NUM_PROXIES`."""
from __future__ import annotations

import ipaddress

from django.conf import settings


def ip_klien(request) -> str | None:
    """The address, or None when there is none (axes stores it in an IP field)."""
    proxy = getattr(settings, "EDESA_JUMLAH_PROXY", 0) or 0
    langsung = request.META.get("REMOTE_ADDR") or None
    if proxy <= 0:
        return langsung
    rantai = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    # Each proxy appends the address it received from; the last `proxy` entries are ours.
    if len(rantai) < proxy:
        return langsung
    try:
        return str(ipaddress.ip_address(rantai[-proxy]))
    except ValueError:
        return langsung
