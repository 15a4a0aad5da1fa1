"""Every field with choices is held to its choices by PostgreSQL itself.

A code is refused on a page (the form's ChoiceField), but an import, a service, the shell or a
raw query write straight to the table: the database must refuse a code that is not a choice too.
For each field with choices of the apps below, the CHECK constraints PostgreSQL holds on that
column alone (read from pg_constraint, so a constraint in a model but not in a migration does not
count) are copied onto a one-column scratch table, and then every choice must go in, a made-up
code must not, and the empty string goes in only where the field allows blank.

Historical models (django-simple-history) are left out on purpose: their rows record what was,
codes included, and the library builds their Meta.
"""

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

APLIKASI = ["kader", "pendataan", "pertemuan", "laporan", "imp_smart"]


def _bidang_berpilihan():
    for label in APLIKASI:
        for model in apps.get_app_config(label).get_models():
            meta = model._meta
            if meta.proxy or not meta.managed or model.__name__.startswith("Historical"):
                continue
            for bidang in meta.local_concrete_fields:
                if bidang.choices:
                    yield pytest.param(model, bidang, id=f"{label}.{model.__name__}.{bidang.name}")


def _cek_kolom(cursor, tabel: str, kolom: str) -> tuple[str, list[str]]:
    """The column's SQL type and the CHECK definitions that involve this column only."""
    cursor.execute(
        """
        SELECT format_type(a.atttypid, a.atttypmod), a.attnum
        FROM pg_attribute a
        WHERE a.attrelid = %s::regclass AND a.attname = %s AND NOT a.attisdropped
        """,
        [tabel, kolom],
    )
    jenis, attnum = cursor.fetchone()
    cursor.execute(
        """
        SELECT pg_get_constraintdef(c.oid)
        FROM pg_constraint c
        WHERE c.conrelid = %s::regclass AND c.contype = 'c' AND c.conkey = ARRAY[%s]::smallint[]
        ORDER BY c.conname
        """,
        [tabel, attnum],
    )
    return jenis, [baris[0] for baris in cursor.fetchall()]


def _kode_palsu(bidang, nilai: list):
    """A value of the column's type that is not a choice."""
    if isinstance(nilai[0], int):
        return max(nilai) + 1
    panjang = min(bidang.max_length or 3, 3)
    for huruf in "~#?!":
        palsu = huruf * panjang
        if palsu not in nilai:
            return palsu
    raise AssertionError("tidak ada kode palsu")


def _masuk(cursor, tabel_uji: str, kolom: str, nilai) -> bool:
    try:
        with transaction.atomic():
            cursor.execute(f'INSERT INTO {tabel_uji} ("{kolom}") VALUES (%s)', [nilai])
    except IntegrityError:
        return False
    return True


@pytest.mark.django_db
@pytest.mark.parametrize("model, bidang", list(_bidang_berpilihan()))
def test_pilihan_dijaga_database(model, bidang):
    nama = f"{model._meta.label}.{bidang.name}"
    nilai = [kode for kode, _ in bidang.flatchoices]
    with connection.cursor() as cursor:
        jenis, definisi = _cek_kolom(cursor, model._meta.db_table, bidang.column)
        assert definisi, f"{nama}: tidak ada CHECK pada kolom {bidang.column} di PostgreSQL"
        tabel_uji = "uji_pilihan"
        cursor.execute(f"DROP TABLE IF EXISTS {tabel_uji}")
        cursor.execute(f'CREATE TEMP TABLE {tabel_uji} ("{bidang.column}" {jenis})')
        for cek in definisi:
            cursor.execute(f"ALTER TABLE {tabel_uji} ADD {cek}")
        ditolak = [v for v in nilai if not _masuk(cursor, tabel_uji, bidang.column, v)]
        assert not ditolak, f"{nama}: CHECK menolak pilihan yang sah {ditolak}"
        palsu = _kode_palsu(bidang, nilai)
        assert not _masuk(cursor, tabel_uji, bidang.column, palsu), (
            f"{nama}: CHECK menerima kode bukan pilihan {palsu!r}"
        )
        if isinstance(nilai[0], str) and "" not in nilai:
            boleh_kosong = _masuk(cursor, tabel_uji, bidang.column, "")
            assert boleh_kosong == bidang.blank, (
                f"{nama}: CHECK {'menolak' if bidang.blank else 'menerima'} nilai kosong, "
                f"padahal blank={bidang.blank}"
            )
        cursor.execute(f"DROP TABLE {tabel_uji}")


def test_ada_bidang_yang_diperiksa():
    """The walk finds the fields (a renamed app list would otherwise pass on nothing)."""
    nama = {p.id for p in _bidang_berpilihan()}
    assert {"pertemuan.Konseling.metode", "pendataan.PerubahanStatus.status"} <= nama
    assert len(nama) > 30


def _cek(model, nama):
    return next(c for c in model._meta.constraints if c.name.endswith(f"_{nama}_kode"))


@pytest.mark.django_db
def test_form_dan_full_clean_menolak_kode_tanpa_kueri(django_assert_num_queries):
    """The model's own check of a code is a set lookup, not one query per constraint."""
    from django.core.exceptions import ValidationError

    from kader.models import Kader, Wilayah

    with django_assert_num_queries(0):
        with pytest.raises(ValidationError, match="Pilihan tingkat tidak dikenal"):
            _cek(Wilayah, "tingkat").validate(Wilayah, Wilayah(tingkat="kota"))
        _cek(Wilayah, "tingkat").validate(Wilayah, Wilayah(tingkat="desa"))
        _cek(Kader, "pendidikan").validate(Kader, Kader(pendidikan=""))
        _cek(Wilayah, "tingkat").validate(Wilayah, Wilayah(tingkat="kota"), exclude={"tingkat"})


@pytest.mark.django_db
def test_langkah_data_merapikan_varian_dan_berhenti_pada_kode_asing(area, caplog):
    """The migrations' data step: ' Kecamatan' (a label after a space) becomes 'kecamatan'; a
    value that is no choice at all stops the step, named, and nothing is changed by guesswork."""
    from imp_smart.pilihan import rapikan_pilihan
    from kader.models import Wilayah

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the fixture's rows, before ALTER TABLE
        cursor.execute("ALTER TABLE kader_wilayah DROP CONSTRAINT kader_wilayah_tingkat_kode")
    langkah = rapikan_pilihan("kader", {"wilayah": ["tingkat"]})
    Wilayah.objects.filter(pk=area.kec_k.pk).update(tingkat=" Kecamatan")
    langkah(apps, None)
    area.kec_k.refresh_from_db()
    assert area.kec_k.tingkat == "kecamatan"
    assert "' Kecamatan' diganti 'kecamatan'" in caplog.text

    Wilayah.objects.filter(pk=area.desa_a.pk).update(tingkat="kota")
    with pytest.raises(RuntimeError, match=r"kader_wilayah\.tingkat: 'kota' \(1 baris\)"):
        langkah(apps, None)
    assert Wilayah.objects.get(pk=area.desa_a.pk).tingkat == "kota"
