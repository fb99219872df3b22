from django.apps import AppConfig


class AspirasiConfig(AppConfig):
    name = "apps.aspirasi"
    verbose_name = "Aspirasi & pengaduan"
