"""Demo hook: signing certificates with a known passphrase for the demo data and the browser
journey. Never call this outside a demo or test database."""
from __future__ import annotations

from . import ca

DEMO_PASSPHRASE = "demo-tte-2026"  # noqa: S105 (a demo value, documented as such)


def sertifikat_demo(pengguna, *, passphrase: str = DEMO_PASSPHRASE):
    """The user's active certificate, created with the demo passphrase if they have none."""
    return ca.sertifikat_aktif(pengguna) or ca.terbitkan_sertifikat(pengguna=pengguna, passphrase=passphrase)
