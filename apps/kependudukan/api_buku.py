"""REST API of the population books (Permendagri 47/2016) and list exports; registered by api.py."""


def register(router) -> None:
    pass
