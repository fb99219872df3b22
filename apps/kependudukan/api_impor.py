"""REST API of import and export of spreadsheets (OpenSID, SIAK); registered by api.py."""


def register(router) -> None:
    pass
