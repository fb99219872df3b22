"""REST API of life events, family changes and temporary residents; registered by api.py."""


def register(router) -> None:
    pass
