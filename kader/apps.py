from django.apps import AppConfig
from django.db.models.signals import post_migrate


class KaderConfig(AppConfig):
    name = "kader"
    verbose_name = "Kader & wilayah"

    def ready(self):
        from kader.peran import sinkron_peran

        # Runs after every app's migrate; groups get whatever permissions exist by then.
        post_migrate.connect(sinkron_peran, dispatch_uid="kader_sinkron_peran")
