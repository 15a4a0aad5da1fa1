"""The six roles as auth Groups with permissions (DOMAIN.md §1).

Each app lists what its roles may do in `<app>/peran.py` as IZIN = {peran: [perm, ...]};
sinkron_peran() merges them and makes the groups match. It is idempotent and runs after migrate.
"""

from django.apps import apps as django_apps

from imp_smart.penemu import modul_app
from kader.models.akun import Peran

LIHAT = ["view_wilayah", "view_institusi", "view_kader", "view_pengurus", "view_sk", "view_mitra"]

IZIN = {
    Peran.DINAS: [
        *LIHAT,
        "view_all_wilayah",
        "add_institusi",
        "change_institusi",
        "add_kader",
        "change_kader",
        "add_pengurus",
        "change_pengurus",
        "add_sk",
        "change_sk",
        "view_templatesk",
        "add_templatesk",
        "change_templatesk",
        "view_profildinas",
        "change_profildinas",
        "add_mitra",
        "change_mitra",
        "add_wilayah",
        "view_penugasan",
        "add_penugasan",
        "change_penugasan",
        "kelola_pengguna",
        "lihat_nik_lengkap",
    ],
    Peran.KOORDINATOR: [
        *LIHAT,
        "add_institusi",
        "change_institusi",
        "add_mitra",
        "change_mitra",
        "add_wilayah",
        "view_penugasan",
        "add_kader",
        "change_kader",
        "add_pengurus",
        "change_pengurus",
        "kelola_pengguna",
    ],
    Peran.PENYULUH: [
        *LIHAT,
        "add_institusi",
        "change_institusi",
        "add_kader",
        "change_kader",
        "add_pengurus",
        "change_pengurus",
        "add_mitra",
        "change_mitra",
        "add_wilayah",
        "view_penugasan",
        "lihat_nik_lengkap",
    ],
    Peran.PPKBD: [
        *LIHAT,
        "add_kader",
        "change_kader",
        "add_pengurus",
        "change_pengurus",
        "add_wilayah",
        "imp_smart.kerja_offline",  # the installable app works offline (imp_smart/offline.py)
    ],
    Peran.SUB_PPKBD: [*LIHAT, "imp_smart.kerja_offline"],
}


def izin_per_peran() -> dict[str, set[str]]:
    """{peran: {"app_label.codename", ...}} merged from every app's peran module."""
    hasil: dict[str, set[str]] = {p.value: set() for p in Peran}
    for label, modul in modul_app("peran"):
        for peran, daftar in getattr(modul, "IZIN", {}).items():
            hasil[str(peran)].update(
                f"{label}.{kode}" if "." not in kode else kode for kode in daftar
            )
    return hasil


def sinkron_peran(**kwargs) -> None:
    """Create the role groups and set their permissions (missing permissions are skipped)."""
    Group = django_apps.get_model("auth", "Group")
    Permission = django_apps.get_model("auth", "Permission")
    semua = {
        f"{app}.{kode}": pk
        for pk, app, kode in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for peran, izin in izin_per_peran().items():
        grup, _ = Group.objects.get_or_create(name=peran)
        if peran == Peran.ADMIN:
            grup.permissions.set(semua.values())
        else:
            grup.permissions.set([semua[i] for i in izin if i in semua])
