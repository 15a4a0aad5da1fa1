"""Phone numbers in one Indonesian form (+62…) and the WhatsApp click-to-chat link
(imp_smart/telepon.py), on every model and form that takes a phone."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from imp_smart.telepon import (
    TeleponField,
    normalisasi_atau_asli,
    normalisasi_telepon,
    tampil_telepon,
    tautan_whatsapp,
)
from kader.models import Kader, Mitra

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "teks,hasil",
    [
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("0062 812 3456 789", "+628123456789"),
        ("(0411) 861234", "+62411861234"),
        ("  ", ""),
        ("", ""),
    ],
)
def test_normalisasi(teks, hasil):
    assert normalisasi_telepon(teks) == hasil


@pytest.mark.parametrize(
    "teks", ["0812", "12345678", "+1 202 555 0100", "08a2345678", "0812345678901234", "0000000000"]
)
def test_bukan_nomor_indonesia_ditolak(teks):
    with pytest.raises(ValidationError) as e:
        normalisasi_telepon(teks)
    assert "tidak valid" in e.value.messages[0]


def test_hp_menolak_telepon_rumah():
    with pytest.raises(ValidationError) as e:
        normalisasi_telepon("0411-861234", hp=True)
    assert "nomor HP" in e.value.messages[0]
    assert normalisasi_atau_asli("nomor lama") == "nomor lama"


def test_tautan_whatsapp_dan_tampilan():
    url = tautan_whatsapp("0812-3456-7890", "Laporan Desa A & B belum dikirim?")
    assert url == (
        "https://wa.me/6281234567890?text=Laporan%20Desa%20A%20%26%20B%20belum%20dikirim%3F"
    )
    assert tautan_whatsapp("0411 861234", "x") == ""  # a landline has no WhatsApp
    assert tautan_whatsapp("", "x") == ""
    assert tampil_telepon("+6281234567890") == "0812-3456-7890"


def test_form_field_cleans_to_one_form():
    f = TeleponField(hp=True, required=False)
    assert f.clean("0812 3456 7890") == "+6281234567890"
    with pytest.raises(ValidationError):
        f.clean("0411861234")


def test_save_stores_plus62_and_keeps_unreadable_text(area):
    m = Mitra.objects.create(jenis="kua", nama="A", wilayah=area.kec_k, telepon="0411-86 1234")
    b = Mitra.objects.create(jenis="kua", nama="B", wilayah=area.kec_k, telepon="tidak ada")
    m.refresh_from_db()
    b.refresh_from_db()
    assert (m.telepon, b.telepon) == ("+62411861234", "tidak ada")


def test_model_full_clean_stores_plus62(area):
    from tests.factories import KaderFactory

    k = KaderFactory(institusi=area.ppkbd_a)
    k.telepon = "0812-1111-2222"
    k.full_clean()
    assert k.telepon == "+6281211112222"
    m = Mitra(jenis="pkk", nama="PKK", wilayah=area.desa_a, telepon="(0411) 861234")
    m.full_clean()
    assert m.telepon == "+62411861234"
    k.telepon = "0812"
    with pytest.raises(ValidationError) as e:
        k.full_clean()
    assert "telepon" in e.value.message_dict


def test_cadre_form_stores_plus62_and_refuses_bad_number(client, users, area):
    from tests.factories import KaderFactory

    k = KaderFactory(institusi=area.ppkbd_a, telepon="")
    client.force_login(users.ppkbd)
    url = reverse("kader:kader_update", args=[k.pk])
    data = {
        "nama": k.nama,
        "nik": k.nik,
        "jenis_kelamin": k.jenis_kelamin,
        "tanggal_lahir": k.tanggal_lahir.isoformat(),
        "institusi": area.ppkbd_a.pk,
        "aktif": "on",
    }
    resp = client.post(url, {**data, "telepon": "0812"})
    assert resp.status_code == 200 and "telepon" in resp.context["form"].errors
    resp = client.post(url, {**data, "telepon": "0812 9999 0000"})
    assert resp.status_code == 302
    assert Kader.objects.get(pk=k.pk).telepon == "+6281299990000"


def test_data_migration_normalises_existing_numbers():
    from importlib import import_module

    from django.apps import apps

    mig = import_module("kader.migrations.0010_telepon_satu_format")
    Wilayah = apps.get_model("kader", "Wilayah")
    w = Wilayah.objects.create(kode="99.99", nama="Uji", tingkat="kecamatan")
    lama = [
        Mitra.objects.create(jenis="kua", nama="A", wilayah=w, telepon="0411-86 1234"),
        Mitra.objects.create(jenis="kua", nama="B", wilayah=w, telepon="tidak ada"),
    ]
    with connection.cursor() as cur:  # as stored before (a save would normalise it)
        cur.execute(
            f"UPDATE {Mitra._meta.db_table} SET telepon = %s WHERE id = %s",
            ["0411-86 1234", lama[0].pk],
        )
    assert Mitra.objects.get(pk=lama[0].pk).telepon == "0411-86 1234"
    mig.normalisasi(apps, None)
    assert [m.telepon for m in Mitra.objects.filter(pk__in=[x.pk for x in lama])] == [
        "+62411861234",
        "tidak ada",
    ]
