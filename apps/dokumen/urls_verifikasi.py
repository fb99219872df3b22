"""URLs of the verifikasi pages (views in the app's views modules)."""
from django.urls import path  # noqa: F401

app_name = "verifikasi"
urlpatterns: list = []
