"""Filled by the arsip area."""
urlpatterns: list = []
