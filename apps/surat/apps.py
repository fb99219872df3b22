from django.apps import AppConfig


class SuratConfig(AppConfig):
    name = "apps.surat"
    verbose_name = "Layanan surat & layanan mandiri"
