"""Find a submodule in every installed app (Django's autodiscover_modules, returning the modules).

A lower layer that collects contributions from the apps above it (roles, demo data) asks for
"<app>.peran" or "<app>.demo" here instead of naming those apps: the order is INSTALLED_APPS
(kader → pendataan → pertemuan → laporan), an app without the submodule is skipped, and an
error *inside* an existing submodule is raised, never taken for "no such module"."""

from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def modul_app(nama: str) -> list[tuple[str, ModuleType]]:
    """[(app label, module)] for every installed app that has the submodule `nama`."""
    return [
        (config.label, import_module(f"{config.name}.{nama}"))
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, nama)
    ]
