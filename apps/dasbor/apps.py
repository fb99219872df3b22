from django.apps import AppConfig


class DasborConfig(AppConfig):
    name = "apps.dasbor"
    verbose_name = "Dasbor"
