from django.apps import AppConfig


class DokumenConfig(AppConfig):
    name = "apps.dokumen"
    verbose_name = "Dokumen & tanda tangan elektronik"
