"""Name search of the register: which families have a member whose name matches the text.

On PostgreSQL every word typed must begin a word of the name, in any order ("rahma sese" finds
"Rahmawati Sese" and "Sese Rahmawati"), through a full-text index on the names — cheap whatever
the size of the register, where a trigram search for "%RAHMAWATI SESE%" intersects the posting
lists of a dozen common trigrams (22 ms over 812,000 members). When no name starts that way,
the text is looked for inside names ("tati" → "Hartati") with the trigram index, as before.
SQLite (the demo) has only the "contains" search.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Func, QuerySet

from pendataan.models import Anggota

KATA = re.compile(r"[^\W_]+")  # the words PostgreSQL's 'simple' parser keeps from a name


class VektorNama(Func):
    """to_tsvector('simple', nama): the expression of the index pendataan_anggota_nama_fts."""

    template = "to_tsvector('simple'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


def kueri_awal_kata(teks: str) -> str:
    """'Rahma  Sese' → 'rahma:* & sese:*' (words only: nothing of the tsquery syntax passes)."""
    return " & ".join(f"{kata.lower()}:*" for kata in KATA.findall(teks))


def keluarga_awal_kata(teks: str) -> QuerySet | None:
    """keluarga_id of members one of whose name words starts with each word of `teks`."""
    kueri = kueri_awal_kata(teks)
    if connection.vendor != "postgresql" or not kueri:
        return None
    return (
        Anggota.objects.alias(vektor=VektorNama("nama"))
        .filter(vektor=SearchQuery(kueri, config="simple", search_type="raw"))
        .order_by()
        .values_list("keluarga_id", flat=True)
    )


def keluarga_memuat(teks: str) -> QuerySet:
    """keluarga_id of members whose name contains `teks` (trigram index on UPPER(nama))."""
    return (
        Anggota.objects.filter(nama__icontains=teks)
        .order_by()
        .values_list("keluarga_id", flat=True)
    )


def keluarga_cocok_nama(teks: str, batas: int) -> list[int] | QuerySet:
    """Ids of the matching families, at most `batas`; past that the subquery itself (a common
    name: the count and the page then each run it, which is still better than 10,000 ids)."""
    for cocok in (keluarga_awal_kata(teks), keluarga_memuat(teks)):
        if cocok is None:
            continue
        ids = list(cocok[: batas + 1])
        if len(ids) > batas:
            return cocok
        if ids:
            return sorted(set(ids))
    return []
