"""REST API of letters: the workflow (api_alur.py) and the catalogue, templates and archive
(api_arsip.py). Called by edesa/api.py."""


def register(router) -> None:
    from . import api_alur, api_arsip

    api_alur.register(router)
    api_arsip.register(router)
