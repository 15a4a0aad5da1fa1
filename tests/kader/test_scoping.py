from datetime import timedelta

import pytest
from django.utils import timezone

from kader.models import Institusi, Wilayah
from kader.scoping import wilayah_ids
from tests.factories import PenugasanFactory, UserFactory


def _nama(qs):
    return sorted(qs.values_list("nama", flat=True))


@pytest.mark.django_db
def test_each_role_sees_its_own_areas(area, users):
    inst = Institusi.objects
    assert _nama(inst.visible_to(users.dinas)) == ["Anggrek", "Kenanga", "Mawar", "Melati"]
    assert _nama(inst.visible_to(users.admin)) == ["Anggrek", "Kenanga", "Mawar", "Melati"]
    assert _nama(inst.visible_to(users.koordinator)) == ["Kenanga", "Mawar", "Melati"]
    assert _nama(inst.visible_to(users.penyuluh)) == ["Mawar", "Melati"]  # desa B ended
    assert _nama(inst.visible_to(users.ppkbd)) == ["Mawar", "Melati"]
    assert _nama(inst.visible_to(users.sub_ppkbd)) == ["Mawar"]


@pytest.mark.django_db
def test_sub_ppkbd_sees_only_own_dusun(area, users):
    ids = wilayah_ids(users.sub_ppkbd)
    assert ids == frozenset({area.dusun_a1.pk})
    assert area.dusun_a2.pk not in Wilayah.objects.visible_to(users.sub_ppkbd).values_list(
        "pk", flat=True
    )


@pytest.mark.django_db
def test_penyuluh_scope_follows_todays_assignments(area):
    hari_ini = timezone.localdate()
    pkb = UserFactory(peran="penyuluh")
    PenugasanFactory(penyuluh=pkb, desa=area.desa_x, mulai=hari_ini + timedelta(days=1))
    PenugasanFactory(
        penyuluh=pkb, desa=area.desa_b, mulai=hari_ini - timedelta(days=30), selesai=hari_ini
    )
    assert wilayah_ids(pkb) == frozenset({area.desa_b.pk})  # starts tomorrow: not yet


@pytest.mark.django_db
def test_anonymous_and_profileless_users_see_nothing(area, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not Institusi.objects.visible_to(AnonymousUser()).exists()
    tanpa = django_user_model.objects.create_user("tanpa", password="x")
    assert not Institusi.objects.visible_to(tanpa).exists()


def test_read_scope_adds_the_areas_above(area, users):
    from kader.models import Wilayah
    from kader.scoping import wilayah_ids_dengan_atas

    atas = wilayah_ids_dengan_atas(users.sub_ppkbd)
    assert {area.dusun_a1.pk, area.desa_a.pk, area.kec_k.pk} <= atas
    assert not {area.dusun_a2.pk, area.desa_b.pk, area.kec_l.pk, area.desa_x.pk} & atas
    assert wilayah_ids_dengan_atas(users.dinas) is None
    # Reading above never widens writing: visible_to without `atas` is unchanged.
    assert Wilayah.objects.visible_to(users.sub_ppkbd).filter(pk=area.desa_a.pk).count() == 0
    assert Wilayah.objects.visible_to(users.sub_ppkbd, atas=True).filter(pk=area.desa_a.pk).count()


ROLES = ["admin", "dinas", "koordinator", "penyuluh", "ppkbd", "sub_ppkbd"]


def _scoped_models():
    from django.apps import apps

    from kader.scoping import ScopedQuerySet

    return [
        m
        for m in apps.get_models()
        if isinstance(m._default_manager.all(), ScopedQuerySet) and not m._meta.proxy
    ]


@pytest.mark.django_db
def test_scope_filter_gives_the_rows_of_an_in_list_for_every_role_and_model(area, users):
    """saring() writes the area ids as one array parameter (`= ANY(%s)`): for every scoped
    model, every role and both read scopes, the same rows as the `__in` list it replaced."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kader.scoping import wilayah_ids, wilayah_ids_dengan_atas
    from tests.factories import KaderFactory
    from tests.pertemuan.factories import KonselingFactory, PertemuanFactory, pus

    for dusun in (area.dusun_a1, area.dusun_a2, area.dusun_x1):
        KonselingFactory(anggota=pus(dusun=dusun))
        KaderFactory(institusi=area.ppkbd_a if dusun != area.dusun_x1 else area.ppkbd_x)
    for wilayah in (area.kec_k, area.desa_a, area.dusun_a1, area.desa_b, area.kec_l, area.desa_x):
        PertemuanFactory(wilayah=wilayah, institusi=None)
    berisi = set()
    for model in _scoped_models():
        semua = model._default_manager.all()
        lookup = semua.scope_lookup
        for role in ROLES:
            user = getattr(users, role)
            for atas in (False, True):
                ids = wilayah_ids_dengan_atas(user) if atas else wilayah_ids(user)
                harapan = semua if ids is None else semua.filter(**{f"{lookup}__in": ids})
                with CaptureQueriesContext(connection) as kueri:
                    baru = set(semua.visible_to(user, atas=atas).values_list("pk", flat=True))
                assert baru == set(harapan.values_list("pk", flat=True)), (model, role, atas)
                if ids:
                    assert "= ANY(" in kueri.captured_queries[-1]["sql"], model
                if baru and ids is not None:
                    berisi.add(model._meta.label)
    # The comparison is not vacuous: scoped rows of these models exist for some user.
    assert {
        "kader.Wilayah",
        "kader.Institusi",
        "kader.Kader",
        "pendataan.Keluarga",
        "pendataan.Anggota",
        "pertemuan.Pertemuan",
        "pertemuan.Konseling",
    } <= berisi


def test_scope_filter_through_a_json_key_gives_the_rows_of_an_in_list(area, users):
    """A job's kecamatan sits in its JSON parameters ("parameter__wilayah_id"): the array lookup
    does not apply there (it would be read as one more key and match nothing)."""
    from imp_smart.models import Pekerjaan
    from kader.scoping import _ke_kolom, saring

    assert _ke_kolom(Pekerjaan, "parameter__wilayah_id") is False
    assert _ke_kolom(Wilayah, "pk") and _ke_kolom(Wilayah, "induk")
    sini = Pekerjaan.objects.create(
        jenis_pekerjaan="uji", kunci="k", parameter={"wilayah_id": area.kec_k.pk}
    )
    Pekerjaan.objects.create(jenis_pekerjaan="uji", kunci="l", parameter={"wilayah_id": -1})
    qs = Pekerjaan.objects.filter(jenis_pekerjaan="uji")
    assert list(saring(qs, users.koordinator, "parameter__wilayah_id")) == [sini]
