"""Outgoing naskah under /persuratan/naskah/ (names in the `persuratan` namespace)."""
from django.urls import path

from .views import keluar as v

urlpatterns = [
    path("", v.Daftar.as_view(), name="naskah_daftar"),
    path("buat/", v.Buat.as_view(), name="naskah_buat"),
    path("<uuid:pk>/", v.Detail.as_view(), name="naskah_detail"),
    path("<uuid:pk>/ubah/", v.Ubah.as_view(), name="naskah_ubah"),
    path("<uuid:pk>/pdf/", v.Pdf.as_view(), name="naskah_pdf"),
]
