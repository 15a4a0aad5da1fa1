"""The signed-in user's permissions from the shared cache instead of two queries per request.

Django's ModelBackend reads a user's permissions (their own and their groups') with two queries
the first time a request asks `has_perm`, and every page asks (menu, cards, views). Here the set
is kept in the cache per user, stamped with a generation: any change to group membership, a
group's permissions, a user's own permissions, a Group or a Permission draws a new generation,
so the next request of every user reads the database again. A role change (kader.services:
`user.groups.set(...)`) therefore takes effect on the user's next request. The new generation is
drawn when the change is made and again when its transaction commits, so that a request that
read the old rows in between cannot keep them. Inactive users have no permissions (ModelBackend
checks `is_active` on the user row, read on every request); a superuser's set is stored apart.
Only with a cache every process shares (imp_smart.tembolok): with a per-process memory cache
Django reads the permissions on every request as before.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware, get_user
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.functional import SimpleLazyObject

from imp_smart import tembolok

KUNCI_GENERASI = "imp:izin:generasi"
UMUR = 15 * 60  # a bound for changes made without signals (raw SQL): 15 minutes at most


def _kunci(user) -> str:
    # A superuser's set is kept apart: a change of the flag reads the database again.
    return f"imp:izin:u:{user.pk}:{int(user.is_superuser)}"


def lupakan_izin(**kwargs) -> None:
    """Every user's cached permissions are stale (a signal receiver; also callable by hand)."""
    if str(kwargs.get("action", "")).startswith("pre_"):  # m2m_changed: its post_* follows
        return
    tembolok.generasi_baru(KUNCI_GENERASI)


def pasang_izin(user):
    """Give the user object its permission set from the cache (or from the database, then keep
    it). ModelBackend then answers has_perm from `_perm_cache` without a query."""
    if not user.is_authenticated or not user.is_active or hasattr(user, "_perm_cache"):
        return user
    izin = tembolok.simpanan(
        KUNCI_GENERASI, _kunci(user), lambda: sorted(ModelBackend().get_all_permissions(user)), UMUR
    )
    user._perm_cache = set(izin)
    return user


class AuthenticationMiddlewareIzin(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware whose request.user comes with its cached permissions."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: pasang_izin(get_user(request)))


def _saat_masuk(sender, request, user, **kwargs) -> None:
    """user_logged_in: read the permissions once at login, so that pages find them cached."""
    pasang_izin(user)


def sambungkan() -> None:
    """Connect the receivers that draw a new generation (from ImpSmartConfig.ready), and the
    one that caches a user's permissions at login."""
    user_logged_in.connect(_saat_masuk, dispatch_uid="izin_masuk")
    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(lupakan_izin, sender=through, dispatch_uid=f"izin_{through.__name__}")
    for model in (Group, Permission):
        for sinyal in (post_save, post_delete):
            sinyal.connect(lupakan_izin, sender=model, dispatch_uid=f"izin_{model.__name__}")
