from django.apps import AppConfig


class KependudukanConfig(AppConfig):
    name = "apps.kependudukan"
    verbose_name = "Kependudukan"
