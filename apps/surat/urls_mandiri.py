"""URLs of the mandiri pages (views in the app's views modules)."""
from django.urls import path  # noqa: F401

app_name = "mandiri"
urlpatterns: list = []
