from django.apps import AppConfig


class ImpSmartConfig(AppConfig):
    """The framework layer (no models): system checks that know no domain."""

    name = "imp_smart"
    verbose_name = "IMP Smart"

    def ready(self):
        from imp_smart import checks  # noqa: F401  (registers the checks)
