from django.utils.functional import cached_property

from kader.models import Peran
from kader.navigasi import menu_untuk


def peran(request):
    """The user's role and menu; one cached query per request through the profile."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    profil = getattr(user, "profil", None)  # a missing profile raises an AttributeError subclass
    return {
        "peran_pengguna": profil.get_peran_display()
        if profil
        else (Peran.ADMIN.label if user.is_superuser else ""),
        "menu": Menu(user, request.path),
    }


class Menu:
    """Built only when a template reads it (JSON and file views never do)."""

    def __init__(self, user, path):
        self._user, self._path = user, path

    @cached_property
    def _isi(self):
        return menu_untuk(self._user, self._path)

    @property
    def utama(self):
        return self._isi[0]

    @property
    def lainnya(self):
        return self._isi[1]

    @property
    def lainnya_aktif(self) -> bool:
        return any(t.aktif for _, isi in self.lainnya for t in isi)
