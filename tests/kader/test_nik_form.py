"""Every form with a NIK or a no KK (one shared NikField): a role without
`kader.lihat_nik_lengkap` sees it masked and can replace it but never read it; leaving the
masked value keeps the stored number; a role with the permission sees the full number."""

from datetime import date

import pytest
from django import forms
from django.urls import reverse

from imp_smart.nik import samarkan_nik
from kader.models import Kader
from pendataan.models import Anggota, Keluarga
from tests.factories import KaderFactory, nik_valid
from tests.pendataan.factories import keluarga_buat, pus_buat

pytestmark = pytest.mark.django_db


def _kader(area):
    k = KaderFactory(institusi=area.ppkbd_a, nama="Kader Melati")
    return reverse("kader:kader_update", args=[k.pk]), "nik", lambda: Kader.objects.get(pk=k.pk).nik


def _keluarga(area):
    kel = keluarga_buat(dusun=area.dusun_a1)
    return (
        reverse("pendataan:keluarga_update", args=[kel.pk]),
        "no_kk",
        lambda: Keluarga.objects.get(pk=kel.pk).no_kk,
    )


def _anggota(area):
    a = pus_buat(dusun=area.dusun_a1)
    return (
        reverse("pendataan:anggota_update", args=[a.pk]),
        "nik",
        lambda: Anggota.objects.get(pk=a.pk).nik,
    )


def _nomor_baru(field):
    return nik_valid(lahir=date(1990, 5, 17)) if field == "nik" else "7306019999990042"


# (form, builder, roles without the permission that may edit, roles with it)
FORMULIR = [
    ("kader", _kader, ["koordinator", "ppkbd"], ["dinas", "penyuluh"]),
    ("keluarga", _keluarga, ["ppkbd", "sub_ppkbd"], ["penyuluh"]),
    ("anggota", _anggota, ["ppkbd", "sub_ppkbd"], ["penyuluh"]),
]


def _data(form, field, nilai):
    """What the browser sends back: every shown field as it is, `field` set to `nilai`."""
    data = {}
    for nama, f in form.fields.items():
        if f.disabled:
            continue
        v = form[nama].value()
        if isinstance(f, forms.BooleanField):
            if v:
                data[nama] = "on"
        elif v is not None:
            data[nama] = v
    data[field] = nilai
    return data


@pytest.mark.parametrize("nama,buat,tanpa,dengan", FORMULIR, ids=[f[0] for f in FORMULIR])
def test_nik_masked_kept_or_replaced_without_permission(
    client, users, area, nama, buat, tanpa, dengan
):
    url, field, tersimpan = buat(area)
    asli = tersimpan()
    for peran in tanpa:
        user = getattr(users, peran)
        assert not user.has_perm("kader.lihat_nik_lengkap")
        client.force_login(user)
        resp = client.get(url)
        assert resp.status_code == 200, (nama, peran)
        html = resp.content.decode()
        assert asli not in html, (nama, peran)  # nowhere: not in the value, not in a script
        assert f'value="{samarkan_nik(asli)}"' in html
        form = resp.context["form"]
        # Sent back as shown: the stored number stays.
        resp = client.post(url, _data(form, field, samarkan_nik(asli)))
        assert resp.status_code == 302, resp.context and resp.context["form"].errors
        assert tersimpan() == asli
        # A changed mask is not a number: refused on the field, nothing saved.
        rusak = samarkan_nik(asli)[:-1] + str((int(asli[-1]) + 1) % 10)
        resp = client.post(url, _data(form, field, rusak))
        assert resp.status_code == 200 and resp.context["form"].errors[field]
        assert asli not in resp.content.decode()
        assert tersimpan() == asli
    # A new number typed into a form with another error is shown back as typed.
    baru = _nomor_baru(field)
    wajib = next(n for n, f in form.fields.items() if f.required and n != field)
    resp = client.post(url, {**_data(form, field, baru), wajib: ""})
    assert resp.status_code == 200 and resp.context["form"].errors[wajib]
    html = resp.content.decode()
    assert f'value="{baru}"' in html and asli not in html
    assert tersimpan() == asli
    # A new full number replaces it.
    resp = client.post(url, _data(form, field, baru))
    assert resp.status_code == 302
    assert tersimpan() == baru
    for peran in dengan:
        client.force_login(getattr(users, peran))
        html = client.get(url).content.decode()
        assert f'value="{baru}"' in html, (nama, peran)


def test_nik_field_alone():
    from kader.forms import NikField

    nik = nik_valid()

    class F(forms.Form):
        nik = NikField()

    f = F(data={"nik": samarkan_nik(nik)})
    f.fields["nik"].atur(boleh_lihat=False, tersimpan=nik)
    assert f.is_valid() and f.cleaned_data["nik"] == nik
    f = F(data={"nik": ""})
    f.fields["nik"].atur(boleh_lihat=False, tersimpan=nik)
    assert f.is_valid() and f.cleaned_data["nik"] == nik  # empty on an edit: unchanged
    f = F(data={"nik": "1234"})
    f.fields["nik"].atur(boleh_lihat=False, tersimpan=nik)
    assert not f.is_valid() and "16 digit" in f.errors["nik"][0]
    f = F(data={"nik": ""})  # a new record: required
    assert not f.is_valid()
    f = F(initial={"nik": nik})
    f.fields["nik"].atur(boleh_lihat=False, tersimpan=nik)
    assert nik not in str(f["nik"]) and samarkan_nik(nik) in str(f["nik"])
    f.fields["nik"].atur(boleh_lihat=True, tersimpan=nik)
    assert nik in str(f["nik"])


def test_roles_with_full_nik_match_pendataan(users):
    for peran in ("admin", "dinas", "koordinator", "penyuluh", "ppkbd", "sub_ppkbd"):
        u = getattr(users, peran)
        assert u.has_perm("kader.lihat_nik_lengkap") == u.has_perm("pendataan.lihat_nik_lengkap")


def _kelas_formulir():
    """Every form class of the apps (forms modules imported; subclasses walked)."""
    import importlib

    for modul in (
        "kader.forms",
        "kader.forms_profil",
        "kader.dana.forms",
        "pendataan.forms",
        "pertemuan.forms",
        "pertemuan.forms_program",
        "laporan.forms",
    ):
        importlib.import_module(modul)
    antre, hasil = [forms.BaseForm], set()
    while antre:
        for k in antre.pop().__subclasses__():
            antre.append(k)
            if k.__module__.split(".")[0] in ("kader", "pendataan", "pertemuan", "laporan"):
                hasil.add(k)
    return hasil


def test_every_form_field_for_a_nik_or_no_kk_is_the_nik_field():
    """The whole class: a form (of any app) whose field holds a NIK or no KK — by name, or a
    model's encrypted number — uses NikField, so it is masked for roles without the right."""
    from imp_smart.fields import EncryptedCharField
    from kader.forms import NikField

    kelas = _kelas_formulir()
    assert len(kelas) > 30
    dengan_nomor = []
    for k in kelas:
        model = getattr(getattr(k, "_meta", None), "model", None)
        medan = model._meta.get_fields() if model else ()
        terenkripsi = {f.name for f in medan if isinstance(f, EncryptedCharField)}
        for nama, field in k.base_fields.items():
            if nama in terenkripsi or "nik" in nama.split("_") or nama in ("no_kk", "nomor_kk"):
                dengan_nomor.append((k.__name__, nama))
                assert isinstance(field, NikField), f"{k.__module__}.{k.__name__}.{nama}"
    # The cadre, family and member forms at least.
    assert {("KaderForm", "nik"), ("KeluargaForm", "no_kk"), ("AnggotaForm", "nik")} <= set(
        dengan_nomor
    ), dengan_nomor
