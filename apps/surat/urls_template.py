"""URLs of the template and number format editors; included by urls.py (app_name "surat").
The office is a query parameter (?unit=62.07.01.2005), checked against the user's scope."""
from django.urls import path

from .views import template

urlpatterns: list = [
    path("template/", template.TemplateDaftar.as_view(), name="template_daftar"),
    path("template/<uuid:pk>/ubah/", template.TemplateUbah.as_view(), name="template_ubah"),
    path("template/<uuid:pk>/riwayat/", template.TemplateRiwayat.as_view(), name="template_riwayat"),
    path("template/<uuid:pk>/pratinjau/", template.TemplatePratinjau.as_view(), name="template_pratinjau"),
    path("template/<uuid:pk>/bawaan/", template.TemplateBawaan.as_view(), name="template_bawaan"),
    path("format-nomor/", template.FormatNomorView.as_view(), name="format_nomor"),
    path("format-nomor/contoh/", template.FormatContoh.as_view(), name="format_contoh"),
]
