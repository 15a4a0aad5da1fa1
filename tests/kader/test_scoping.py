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
