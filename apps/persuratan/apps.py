from django.apps import AppConfig


class PersuratanConfig(AppConfig):
    name = "apps.persuratan"
    verbose_name = "E-office (persuratan dinas)"
