"""(filled in by its area)."""


def register(router) -> None:
    return None
