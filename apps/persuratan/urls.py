"""E-office URLs under /persuratan/: outgoing naskah (urls_keluar), the inbox, incoming
registration and dispositions (urls_masuk), the archive, books and classification (urls_arsip)."""
from django.urls import include, path

app_name = "persuratan"

urlpatterns = [
    path("", include("apps.persuratan.urls_masuk")),
    path("naskah/", include("apps.persuratan.urls_keluar")),
    path("arsip/", include("apps.persuratan.urls_arsip")),
]
