"""kader.selectors.JumlahTerkait: a per-row count or sum of related rows, as the Subquery it
replaced gave it, wherever the outer query goes."""

import pytest
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from kader.models import Institusi, Kader
from kader.selectors import JumlahTerkait
from pertemuan.models import HadirUndangan, Pertemuan
from tests.factories import KaderFactory
from tests.pertemuan.factories import PertemuanFactory

pytestmark = pytest.mark.django_db

AKTIF = JumlahTerkait(Kader, "institusi", hanya="aktif")


def _subquery_aktif():
    """The former expression of the institution list."""
    aktif = (
        Kader.objects.filter(institusi=OuterRef("pk"), aktif=True)
        .order_by()
        .values("institusi")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(aktif, output_field=IntegerField()), 0)


def test_count_of_active_rows_equals_the_subquery(area):
    KaderFactory.create_batch(2, institusi=area.ppkbd_a)
    KaderFactory(institusi=area.ppkbd_a, aktif=False)
    KaderFactory(institusi=area.sub_a1)
    KaderFactory(institusi=area.ppkbd_b, aktif=False)
    baru = dict(Institusi.objects.annotate(n=AKTIF).values_list("nama", "n"))
    lama = dict(Institusi.objects.annotate(n=_subquery_aktif()).values_list("nama", "n"))
    assert baru == lama == {"Melati": 2, "Mawar": 1, "Kenanga": 0, "Anggrek": 0}
    # Sorted and filtered by it; as a subquery of another query (its aliases relabelled).
    urut = Institusi.objects.annotate(n=AKTIF).order_by("-n", "nama")
    assert [i.nama for i in urut][:2] == ["Melati", "Mawar"]
    dalam = Institusi.objects.annotate(n=AKTIF).filter(n__gte=1).values("pk")
    assert set(Institusi.objects.filter(pk__in=dalam).values_list("nama", flat=True)) == {
        "Melati",
        "Mawar",
    }
    # The count of the list leaves it out: no subquery in the COUNT(*).
    assert Institusi.objects.annotate(n=AKTIF).filter(nama="Melati").count() == 1


def test_sum_and_count_through_a_many_to_many_table(area):
    rapat = PertemuanFactory(wilayah=area.desa_a)
    lain = PertemuanFactory(wilayah=area.desa_a)
    rapat.kader_hadir.add(*KaderFactory.create_batch(3, institusi=area.ppkbd_a))
    HadirUndangan.objects.create(pertemuan=rapat, kategori="pkb", jumlah=2)
    HadirUndangan.objects.create(pertemuan=rapat, kategori="kua", jumlah=5)
    hasil = {
        p.pk: (p.hadir, p.tamu)
        for p in Pertemuan.objects.annotate(
            hadir=JumlahTerkait(Pertemuan.kader_hadir.through, "pertemuan"),
            tamu=JumlahTerkait(HadirUndangan, "pertemuan", jumlahkan="jumlah"),
        )
    }
    assert hasil == {rapat.pk: (3, 7), lain.pk: (0, 0)}
    lama = Pertemuan.objects.annotate(
        tamu=Coalesce(
            Subquery(
                HadirUndangan.objects.filter(pertemuan=OuterRef("pk"))
                .order_by()
                .values("pertemuan")
                .annotate(s=Sum("jumlah"))
                .values("s")[:1],
                output_field=IntegerField(),
            ),
            0,
        )
    )
    assert {p.pk: p.tamu for p in lama} == {k: v[1] for k, v in hasil.items()}
