"""Filled by the keluar area."""


def register(router) -> None:
    return None
