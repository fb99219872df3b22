from django.apps import AppConfig


class AkunConfig(AppConfig):
    name = "apps.akun"
    verbose_name = "Akun, peran dan cakupan"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each app declares what each role may do with its models in `<app>/izin.py`,
        # the way admin.py registers models: a new app plugs in without touching akun.
        autodiscover_modules("izin")
