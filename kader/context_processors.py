from kader.models import Peran


def peran(request):
    """The user's role (for the menu); one cached query per request through the profile."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    profil = getattr(user, "profil", None)  # a missing profile raises an AttributeError subclass
    return {
        "peran_pengguna": profil.get_peran_display()
        if profil
        else (Peran.ADMIN.label if user.is_superuser else "")
    }
