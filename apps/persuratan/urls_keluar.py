"""Filled by the keluar area."""
urlpatterns: list = []
