"""E-office API under /api/v1/persuratan/: each area registers its own viewsets."""
from . import api_arsip, api_keluar, api_masuk


def register(router) -> None:
    api_keluar.register(router)
    api_masuk.register(router)
    api_arsip.register(router)
