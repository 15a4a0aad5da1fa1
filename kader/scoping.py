"""Area scoping (STYLE.md §3): one place computes what a user may see; only visible_to() reads it.

Sub-PPKBD → own dusun, PPKBD → desa, penyuluh → desa binaan (assignments valid today),
koordinator → kecamatan, Dinas and admin → everything. A user sees an area and all areas below it.
Events organised for the areas above (a desa meeting for its Sub-PPKBD, a kecamatan meeting or
training for its PPKBD) are readable with `visible_to(user, atas=True)`; writing stays below.

Views and selectors never read a user's area list by hand: they filter with
`Model.objects.visible_to(user)`, or hand a selector the area set `cakupan(user)`. A selector
that takes an area set has no default for it and fails closed (`wilayah_saring`): leaving it out
is a TypeError, None a ValueError; the whole kabupaten is asked for in so many words, `SEMUA`.
"""

import functools
from collections.abc import Iterable

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from imp_smart import tembolok

PERM_SEMUA_WILAYAH = "kader.view_all_wilayah"
_CACHE_ATTR = "_imp_wilayah_ids"
_CACHE_ATAS = "_imp_wilayah_ids_atas"


class _Semua:
    """The kabupaten-wide area set: written out where a caller means it, never a default."""

    def __repr__(self) -> str:
        return "SEMUA"

    def __reduce__(self):  # one instance, even through pickle (Celery arguments, cache)
        return "SEMUA"


SEMUA = _Semua()
Semua = _Semua  # for annotations: `desa_ids: Iterable[int] | Semua`


def cakupan(user) -> "frozenset[int] | _Semua":
    """The area set a user may see, for a selector's area argument: SEMUA (Dinas, admin) or
    the ids of the user's areas and all areas below them (empty: nothing)."""
    ids = wilayah_ids(user)
    return SEMUA if ids is None else ids


def wilayah_saring(ids) -> list[int] | None:
    """A selector's area argument checked (fail closed): SEMUA → None ("do not filter"),
    an iterable of ids → a list. None or anything else is a ValueError, so a caller that
    forgets the scope gets an error instead of the whole kabupaten."""
    if ids is SEMUA:
        return None
    if ids is None or isinstance(ids, (str, bytes)) or not isinstance(ids, Iterable):
        raise ValueError(
            "Wilayah tidak disebut: berikan himpunan id wilayah, cakupan(user), atau SEMUA."
        )
    return list(ids)


def lihat_semua(user) -> bool:
    """True for users whose scope is the whole kabupaten (admin, Dinas)."""
    return user.is_active and (user.is_superuser or user.has_perm(PERM_SEMUA_WILAYAH))


def wilayah_ids(user) -> frozenset[int] | None:
    """Ids of every area the user may see (None means all). Cached on the user object for the
    request, and in the shared cache per user and day (`_ids_tersimpan`)."""
    if not user.is_authenticated:
        return frozenset()
    if hasattr(user, _CACHE_ATTR):
        return getattr(user, _CACHE_ATTR)
    ids = None if lihat_semua(user) else _ids_tersimpan(user)
    setattr(user, _CACHE_ATTR, ids)
    return ids


_KUNCI_GENERASI = "imp:cakupan:generasi"
UMUR_CAKUPAN = 15 * 60  # a bound for changes made without signals (bulk loads of areas)


def _ids_tersimpan(user) -> frozenset[int]:
    """The area ids of a user who does not see everything, kept in the shared cache per user and
    day (a penyuluh's assignments count by date) under the generation that any write to a
    profile, an assignment or an area renews (lupakan_cakupan), so a change of area or
    assignment takes effect on the user's next request."""
    kunci = f"imp:cakupan:u:{user.pk}:{timezone.localdate().isoformat()}"
    ids = tembolok.simpanan(
        _KUNCI_GENERASI, kunci, lambda: sorted(_hitung_wilayah_ids(user)), UMUR_CAKUPAN
    )
    return frozenset(ids)


def cakupan_saat_masuk(sender, request, user, **kwargs) -> None:
    """user_logged_in: compute and keep the user's area ids, so that pages find them cached."""
    wilayah_ids(user)


def lupakan_cakupan(**kwargs) -> None:
    """Every user's stored area ids are stale (a signal receiver for Profil, Penugasan and
    Wilayah)."""
    tembolok.generasi_baru(_KUNCI_GENERASI)


def kunci_cakupan(user) -> str:
    """A short name of the user's area set, for figures cached per area set (imp_smart.kartu):
    "semua", or a digest of the ids."""
    from imp_smart.kartu import kunci_lingkup  # noqa: PLC0415

    return kunci_lingkup(wilayah_ids(user))


def desa_cakupan(user) -> frozenset[int] | None:
    """The desas (ids) of the user's areas — each desa in them and the desa of each dusun in
    them —, where every row the user sees of a register kept by desa lies; None: everywhere.
    For kept pages (imp_smart.halaman); cached like the area ids."""
    ids = wilayah_ids(user)
    if ids is None:
        return None
    if not ids:
        return frozenset()

    def hitung() -> list[int]:
        from kader.models import Wilayah  # noqa: PLC0415  (cycle: kader.models imports this)

        baris = Wilayah.objects.filter(pk__in=ids).values_list("pk", "tingkat", "desa_id")
        return sorted(d for d in (_desa_baris(*b) for b in baris) if d is not None)

    kunci = f"imp:cakupan:desa:{user.pk}:{timezone.localdate().isoformat()}"
    return frozenset(tembolok.simpanan(_KUNCI_GENERASI, kunci, hitung, UMUR_CAKUPAN))


def cakupan_luas(user) -> bool:
    """The user sees more desas than kept pages follow one by one (imp_smart.halaman): the
    whole kabupaten, or more than BATAS_WILAYAH desas."""
    from imp_smart.halaman import BATAS_WILAYAH  # noqa: PLC0415

    desa = desa_cakupan(user)
    return desa is None or len(desa) > BATAS_WILAYAH


def dalam_wilayah(user, wilayah_id: int | None) -> bool:
    """True when the area is one of the user's own (where they write); from the cached scope.
    A page read through `visible_to(user, atas=True)` asks this before offering edit buttons."""
    ids = wilayah_ids(user)
    return ids is None or wilayah_id in ids


def _desa_baris(pk: int, tingkat: str, desa_id: int | None) -> int | None:
    """The desa an area lies in (a desa itself, a dusun its desa), or None above the desa."""
    from kader.models import Wilayah  # noqa: PLC0415  (cycle: kader.models imports this)

    return pk if tingkat in Wilayah.TINGKAT_DESA else desa_id


def desa_terlihat(wilayah_ids: Iterable[int]) -> set[int] | None:
    """The desas (ids) from whose users a row organised in these areas is seen — reading
    upward included (`visible_to(user, atas=True)`): a desa itself, a dusun its desa, a
    kecamatan each of its desas; None for the kabupaten (everywhere). For the kept pages
    (imp_smart.halaman: a model's `wilayah_halaman()`). One or two queries."""
    from kader.models import Wilayah  # noqa: PLC0415  (cycle: kader.models imports this)

    baris = list(Wilayah.objects.filter(pk__in=wilayah_ids).values_list("pk", "tingkat", "desa_id"))
    desa: set[int] = set()
    kecamatan = []
    for pk, tingkat, desa_id in baris:
        if (d := _desa_baris(pk, tingkat, desa_id)) is not None:
            desa.add(d)
        elif tingkat == Wilayah.Tingkat.KECAMATAN:
            kecamatan.append(pk)
        else:
            return None  # the kabupaten (or an area this does not know): every desa
    if kecamatan:
        desa.update(
            Wilayah.objects.desa().filter(kecamatan_id__in=kecamatan).values_list("pk", flat=True)
        )
    return desa


def wilayah_ids_dengan_atas(user) -> frozenset[int] | None:
    """The user's areas plus every area above them (desa, kecamatan, kabupaten): where events
    that concern the user are organised. None means all. Cached on the user object."""
    ids = wilayah_ids(user)
    if not ids:  # None (everything) or nothing
        return ids
    if not hasattr(user, _CACHE_ATAS):
        from kader.models import Wilayah  # noqa: PLC0415  (cycle: kader.models imports this)

        atas = set(
            Wilayah.objects.filter(tingkat=Wilayah.Tingkat.KABUPATEN).values_list("pk", flat=True)
        )
        for baris in Wilayah.objects.filter(pk__in=ids).values_list(
            "kecamatan_id", "desa_id", "induk_id"
        ):
            atas.update(pk for pk in baris if pk)
        setattr(user, _CACHE_ATAS, ids | atas)
    return getattr(user, _CACHE_ATAS)


def wilayah_akar(user) -> list:
    """The areas a user answers for, highest first (the home page heading): the kabupaten for
    Dinas and admin, the desa of today's assignments for a penyuluh, else the profile's area."""
    from kader.models import Wilayah  # noqa: PLC0415  (cycle: kader.models imports this)

    if lihat_semua(user):
        return list(Wilayah.objects.filter(tingkat=Wilayah.Tingkat.KABUPATEN))
    profil = getattr(user, "profil", None) if user.is_authenticated else None
    if profil and profil.peran == "penyuluh":
        return list(
            Wilayah.objects.filter(penugasan__penyuluh=user, pk__in=wilayah_ids(user))
            .distinct()
            .select_related("kecamatan")
        )
    return [profil.wilayah] if profil and profil.wilayah_id else []


def lupakan_cache(user) -> None:
    """Forget the cached scope (after an assignment or profile change in the same request)."""
    for attr in (_CACHE_ATTR, _CACHE_ATAS):
        if hasattr(user, attr):
            delattr(user, attr)
    user._state.fields_cache.pop("profil", None)  # read the profile again with the scope


def _hitung_wilayah_ids(user) -> frozenset[int]:
    from kader.models import (  # noqa: PLC0415  (cycle: kader.models imports this module)
        Penugasan,
        Peran,
        Wilayah,
    )

    # The user's own profile relation: the request's one query for it, shared with the menu
    # and the home page (lupakan_cache drops it with the scope).
    profil = getattr(user, "profil", None)  # a missing profile raises an AttributeError subclass
    if profil is None:
        return frozenset()
    if profil.peran == Peran.PENYULUH:
        akar = set(
            Penugasan.objects.aktif_pada(timezone.localdate())
            .filter(penyuluh=user)
            .values_list("desa_id", flat=True)
        )
    elif profil.wilayah_id:
        akar = {profil.wilayah_id}
    else:
        return frozenset()
    if not akar:
        return frozenset()
    turunan = Wilayah.objects.filter(
        models.Q(pk__in=akar) | models.Q(kecamatan_id__in=akar) | models.Q(desa_id__in=akar)
    ).values_list("pk", flat=True)
    return frozenset(turunan)


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows the path from its model to the Wilayah that owns a row."""

    scope_lookup = "wilayah"

    def visible_to(self, user, *, atas: bool = False):
        """Rows in the user's areas; with `atas`, also rows of the areas above (read only)."""
        return saring(self, user, self.scope_lookup, atas=atas)


def saring(qs, user, lookup: str, *, atas: bool = False):
    """Any queryset narrowed to the user's areas through `lookup` (the path to a Wilayah id,
    e.g. "dusun_id" on a pus_bulan queryset): visible_to() for querysets that are not scoped."""
    ids = wilayah_ids_dengan_atas(user) if atas else wilayah_ids(user)
    if ids is None:
        return qs
    if not ids:
        return qs.none()
    if not _ke_kolom(qs.model, lookup):  # e.g. a key of a JSON field: the plain IN list
        return qs.filter(**{f"{lookup}__in": sorted(ids)})
    return qs.filter(**{f"{lookup}__{DalamWilayah.lookup_name}": sorted(ids)})


@functools.lru_cache(maxsize=256)
def _ke_kolom(model, lookup: str) -> bool:
    """True when `lookup` walks model fields to a foreign key or an integer column, where
    DalamWilayah is registered. Anything else (a key inside a JSON field: "parameter__wilayah_id"
    of a job) would read `dalam_wilayah` as one more key and match nothing."""
    bagian = lookup.split("__")
    for i, nama in enumerate(bagian):
        try:
            field = model._meta.pk if nama == "pk" else model._meta.get_field(nama)
        except FieldDoesNotExist:
            return False
        if i == len(bagian) - 1:
            return isinstance(field, models.ForeignObject | models.IntegerField)
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


class DalamWilayah(models.Lookup):
    """`<path to a Wilayah id>__dalam_wilayah=ids`: the rows of `__in=ids`, written for
    PostgreSQL as `column = ANY(%s::bigint[])` with the ids as one array parameter. A koordinator's
    ~70 area ids were 70 parameters in every scoped query, each prepared, adapted and placed by
    Django and psycopg, and parsed by PostgreSQL; the plan is the same (an IN list is an
    `= ANY(array)` to the planner). Only saring() uses it (tests/kader/test_scoping.py compares
    its rows with `__in` for every role)."""

    lookup_name = "dalam_wilayah"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        # One text literal cast to an array: psycopg adapts a list element by element (≈0.4 ms
        # for a Dinas's 167 desa on every scoped query); the ids are ints, so the text is safe.
        return "%s::bigint[]", ["{" + ",".join(str(int(v)) for v in value) + "}"]

    def as_sql(self, compiler, connection):  # other databases: a plain IN list
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = [int(v) for v in self.rhs]
        return f"{lhs} IN ({', '.join(['%s'] * len(ids))})", [*lhs_params, *ids]

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


# The paths end in a foreign key to Wilayah ("wilayah", "institusi__wilayah") or at an id
# ("pk", "dusun_id").
models.ForeignObject.register_lookup(DalamWilayah)
models.IntegerField.register_lookup(DalamWilayah)
