"""URLs of the tte pages (views in the app's views modules)."""
from django.urls import path  # noqa: F401

app_name = "tte"
urlpatterns: list = []
