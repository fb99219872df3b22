"""Filled by the arsip area."""


def register(router) -> None:
    return None
