"""REST API of population statistics and charts; registered by api.py."""


def register(router) -> None:
    pass
