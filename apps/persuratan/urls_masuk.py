"""Filled by the masuk area."""
urlpatterns: list = []
