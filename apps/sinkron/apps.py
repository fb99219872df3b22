from django.apps import AppConfig


class SinkronConfig(AppConfig):
    name = "apps.sinkron"
    verbose_name = "Sinkronisasi dan jurnal perubahan"

    def ready(self) -> None:
        from . import journal

        journal.connect_delete_signals()
