"""Filled by the masuk area."""


def register(router) -> None:
    return None
