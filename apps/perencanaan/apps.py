from django.apps import AppConfig


class PerencanaanConfig(AppConfig):
    name = "apps.perencanaan"
    verbose_name = "Perencanaan desa & Musrenbang"
