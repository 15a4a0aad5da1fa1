"""Name search of the register: which families have a member whose name matches the text.

On PostgreSQL, through a full-text index on the names, in three tries (the first that finds
someone wins):
1. as one types: every word but the last is a whole word of the name, the last begins one, in
   any order ("rahmawati se" → "Rahmawati Sese", "Sese Rahmawati"). Whole words let the index
   skip through the long lists of common words ("daeng" is in half the names): 5–8 ms over
   812,000 members, where a prefix on every word costs 45 ms and a trigram "contains" 20–40 ms;
2. every word begins a word of the name ("rahma sese");
3. the text inside a name ("tati" → "Hartati"), with the trigram index.
SQLite (the demo) has only the "contains" search.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, Expression, F, QuerySet
from django.db.models.expressions import Col

from pendataan.models import Anggota

KATA = re.compile(r"[^\W_]+")  # the words PostgreSQL's 'simple' parser keeps from a name


# pendataan_anggota.nama_vektor: to_tsvector('simple', nama), a column PostgreSQL generates
# (migration 0015), under the indexes pendataan_anggota_nama_fts (GIN) and
# pendataan_anggota_keluarga_vektor ((keluarga_id) INCLUDE (nama_vektor)). Not a model field.
_KOLOM_VEKTOR = SearchVectorField()
_KOLOM_VEKTOR.set_attributes_from_name("nama_vektor")
_KOLOM_VEKTOR.model = Anggota


class VektorNama(Expression):
    """The member's `nama_vektor` column, under whatever alias the query gives the member table
    (U0 inside the family list's subquery)."""

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, *args, **kwargs):
        return Col(query.get_initial_alias(), _KOLOM_VEKTOR)


def kueri_awal_kata(teks: str, *, semua_awalan: bool = False) -> str:
    """'Rahma  Sese' → 'rahma & sese:*' (or 'rahma:* & sese:*' with semua_awalan). Only words
    pass: nothing of the tsquery syntax can come from the text."""
    kata = [k.lower() for k in KATA.findall(teks)]
    return " & ".join(
        f"{k}:*" if semua_awalan or i == len(kata) - 1 else k for i, k in enumerate(kata)
    )


def keluarga_awal_kata(
    teks: str, *, semua_awalan: bool = False, anggota: QuerySet | None = None
) -> QuerySet | None:
    """keluarga_id of members (of `anggota`, default all) whose name has the words of `teks`
    (see the module's text)."""
    kueri = kueri_awal_kata(teks, semua_awalan=semua_awalan)
    if connection.vendor != "postgresql" or not kueri:
        return None
    return (
        (Anggota.objects.all() if anggota is None else anggota)
        .alias(vektor=VektorNama())
        .filter(vektor=SearchQuery(kueri, config="simple", search_type="raw"))
        .order_by()
        .values_list("keluarga_id", flat=True)
    )


def keluarga_memuat(teks: str, *, anggota: QuerySet | None = None) -> QuerySet:
    """keluarga_id of members (of `anggota`, default all) whose name contains `teks` (trigram
    index on UPPER(nama))."""
    return (
        (Anggota.objects.all() if anggota is None else anggota)
        .filter(nama__icontains=teks)
        .order_by()
        .values_list("keluarga_id", flat=True)
    )


@dataclass(frozen=True)
class HasilCari:
    """The matching families: `keluarga` is their ids (every match was read: at most `batas`
    families) or the subquery (past `batas`, or not known). `jumlah` is the number of distinct
    matching families when known: exact with the ids, `batas + 1` for "more than batas"."""

    keluarga: list[int] | QuerySet
    jumlah: int | None


def cari_nama(teks: str, batas: int, *, pengguna=None) -> HasilCari:
    """The families with a member whose name matches `teks` (see the module's text); with
    `pengguna`, only the families of that user's areas (kader.scoping), counted as such.

    Up to 2 * (batas + 1) matching members are read (one indexed query, ~5 ms for 4,000
    members): with a few members per family that is enough to tell "more than batas families"
    apart, so the Dinas's list need not count a common name's families (counting "Fitri" or
    "Sese" over the district read all of their 15,000 members: 30-430 ms).

    A user limited to some areas reads only their members: the district's first 4,000 "Faisal"
    say nothing of a kecamatan's 570 families, which then had to be counted and paged through
    the district's families in name order (~30 + 80 ms); within the areas they are read whole
    and the list gets their ids. Which try wins is still decided over the district (a try that
    finds someone only elsewhere ends the search with nothing, as when the areas were applied
    to the list afterwards): asked only when the try finds no one in the areas."""
    baca = 2 * (batas + 1)
    dalam = None if pengguna is None else Anggota.objects.visible_to(pengguna)
    percobaan = [(keluarga_awal_kata, {})]
    if len(KATA.findall(teks)) > 1:  # with one word the second try is the first
        percobaan.append((keluarga_awal_kata, {"semua_awalan": True}))
    percobaan.append((keluarga_memuat, {}))
    for fungsi, opsi in percobaan:  # a later try runs only if needed
        cocok = fungsi(teks, anggota=dalam, **opsi)
        if cocok is None:
            continue
        anggota, keluarga, ids = _hitung_anggota(cocok, baca=baca, batas=batas)
        if not anggota:
            if dalam is not None and fungsi(teks, **opsi).exists():  # someone elsewhere
                return HasilCari([], 0)
            continue
        if keluarga > batas:
            return HasilCari(cocok, batas + 1)
        if ids is not None:  # every matching member was read
            return HasilCari(ids, keluarga)
        return HasilCari(cocok, None)  # thousands of members in few families: not known
    return HasilCari([], 0)


def _hitung_anggota(cocok: QuerySet, *, baca: int, batas: int) -> tuple[int, int, list | None]:
    """(members read, up to `baca`; their distinct families; the families' ids, sorted, when
    every matching member was read and they are at most `batas`, else None). On PostgreSQL
    counted in the query: a common name's 4,000 ids are not sent to Python (~1.5 ms)."""
    if connection.vendor != "postgresql":
        dibaca = list(cocok[:baca])
        ids = sorted(set(dibaca))
        lengkap = len(dibaca) < baca and len(ids) <= batas
        return len(dibaca), len(ids), ids if lengkap else None
    sql, params = cocok[:baca].query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(*), count(DISTINCT keluarga_id), "
            "CASE WHEN count(*) < %s AND count(DISTINCT keluarga_id) <= %s "
            f"THEN array_agg(DISTINCT keluarga_id ORDER BY keluarga_id) END FROM ({sql}) s",
            [baca, batas, *params],
        )
        anggota, keluarga, ids = cur.fetchone()
    return anggota, keluarga, ids


class IdDalam(Expression):
    """`<kolom> = ANY('{1,2,…}'::bigint[])`: a list of ids as one text parameter (PostgreSQL).
    As an IN list (a parameter each) 2,000 ids cost ~15 ms of CPU to compile and adapt, as an
    adapted Python list ~9 ms; a text of digits almost nothing, and the plan is the same."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, kolom: str, ids: list[int]):
        super().__init__()
        self.kolom = F(kolom)
        self.teks = "{" + ",".join(str(int(i)) for i in ids) + "}"

    def get_source_expressions(self):
        return [self.kolom]

    def set_source_expressions(self, exprs):
        (self.kolom,) = exprs

    def resolve_expression(self, *args, **kwargs):
        c = self.copy()
        c.kolom = self.kolom.resolve_expression(*args, **kwargs)
        return c

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.kolom)
        return f"{sql} = ANY(%s::bigint[])", [*params, self.teks]


def saring_id(queryset: QuerySet, ids: list[int]) -> QuerySet:
    """`queryset` restricted to these primary keys (IdDalam on PostgreSQL)."""
    if not ids:
        return queryset.none()
    if connection.vendor != "postgresql":
        return queryset.filter(pk__in=ids)
    return queryset.filter(IdDalam("pk", ids))


def keluarga_cocok_nama(teks: str, batas: int) -> list[int] | QuerySet:
    """Ids of the matching families, at most `batas`; past that the subquery itself (a common
    name: the page then runs it, which is still better than 10,000 ids)."""
    return cari_nama(teks, batas).keluarga
