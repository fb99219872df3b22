"""REST API v1: one router; each app adds its viewsets in `<app>/api.py::register(router)`.

Tokens are issued only from the profile page (akun:token_buat), behind the full login with its
second factor; there is deliberately no password-for-token endpoint, which would skip it."""
from importlib import import_module

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

API_APPS = ["apps.wilayah", "apps.akun", "apps.kependudukan", "apps.dokumen", "apps.surat", "apps.persuratan",
            "apps.perencanaan", "apps.aspirasi", "apps.sinkron"]

router = DefaultRouter()
for app in API_APPS:
    try:
        module = import_module(f"{app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.api":
            raise
        continue
    module.register(router)

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
