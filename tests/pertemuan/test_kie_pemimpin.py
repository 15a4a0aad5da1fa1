"""Who led a KIE session and the KIE-Kit (F/I/Dal/13 II): form, page, database checks."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from pertemuan.models import SesiKIE


def _data(area, **ubah):
    data = {
        "tanggal": "2025-03-05",
        "wilayah": area.dusun_a1.pk,
        "topik": "kelahiran",
        "sasaran": "pus",
        "peserta_l": "3",
        "peserta_p": "9",
        "media_kie": "kie_kit",
        "penyaji": "Ustadz Ahmad",
        "dipimpin_oleh": "tokoh_agama",
        "tokoh_pendamping": "Ibu Hasnah",
    }
    data.update(ubah)
    return data


def test_kie_records_leader_and_kie_kit(client, area, users):
    client.force_login(users.sub_ppkbd)
    resp = client.post(reverse("pertemuan:kie_create"), _data(area))
    assert resp.status_code == 302
    sesi = SesiKIE.objects.get()
    assert (sesi.dipimpin_oleh, sesi.media_kie, sesi.tokoh_pendamping) == (
        "tokoh_agama",
        "kie_kit",
        "Ibu Hasnah",
    )
    html = client.get(sesi.get_absolute_url()).content.decode()
    assert "Tokoh agama" in html and "KIE-Kit" in html and "Ibu Hasnah" in html


@pytest.mark.parametrize("pemimpin", ["", "bupati"])
def test_missing_or_unknown_leader_is_refused(client, area, users, pemimpin):
    client.force_login(users.sub_ppkbd)
    resp = client.post(reverse("pertemuan:kie_create"), _data(area, dipimpin_oleh=pemimpin))
    assert resp.status_code == 200
    assert "dipimpin_oleh" in resp.context["form"].errors
    assert not SesiKIE.objects.exists()


@pytest.mark.parametrize(("kolom", "nilai"), [("dipimpin_oleh", "bupati"), ("media_kie", "x")])
def test_database_refuses_unknown_codes(area, kolom, nilai):
    data = {
        "wilayah": area.desa_a,
        "tanggal": date(2025, 3, 5),
        "topik": "pup",
        "sasaran": "pus",
        "media_kie": "ceramah",
        "penyaji": "A",
        "dipimpin_oleh": "pkb",
        kolom: nilai,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        SesiKIE.objects.create(**data)


def test_list_shows_and_filters_by_leader_and_medium(client, area, users):
    from tests.pertemuan.factories import SesiKIEFactory

    SesiKIEFactory(wilayah=area.desa_a, penyaji="Pak Amir", dipimpin_oleh="pkb")
    SesiKIEFactory(
        wilayah=area.desa_a, penyaji="Ustadz Ali", dipimpin_oleh="tokoh_agama", media_kie="kie_kit"
    )
    client.force_login(users.ppkbd)
    url = reverse("pertemuan:kie_list")
    html = client.get(url).content.decode()
    assert "PKB/PLKB" in html and "Tokoh agama" in html
    html = client.get(url, {"dipimpin_oleh": "pkb"}).content.decode()
    assert "Pak Amir" in html and "Ustadz Ali" not in html
    html = client.get(url, {"media_kie": "kie_kit"}).content.decode()
    assert "Ustadz Ali" in html and "Pak Amir" not in html
    assert client.get(url, {"dipimpin_oleh": "bupati"}).status_code == 200
