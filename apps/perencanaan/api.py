"""Planning API under /api/v1/perencanaan/: each area registers its own viewsets."""
from . import api_rencana, api_tahap, api_usulan


def register(router) -> None:
    api_rencana.register(router)
    api_usulan.register(router)
    api_tahap.register(router)
