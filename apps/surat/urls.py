"""URLs of the surat pages (views in the app's views modules)."""
from django.urls import path  # noqa: F401

app_name = "surat"
urlpatterns: list = []
