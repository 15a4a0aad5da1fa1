"""Accounts managed in the app: who may, for which roles and areas, and the one-time password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kader.models import Profil

pytestmark = pytest.mark.django_db
User = get_user_model()


def _sandi(resp_or_client):
    teks = resp_or_client.content.decode()
    m = re.search(r"Kata sandi \S+: ([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})", teks)
    assert m, "the generated password is shown once"
    return m.group(1)


def test_access_login_403_and_scope(client, users, area):
    daftar = reverse("kader:pengguna_list")
    assert reverse("login") in client.get(daftar).url
    for u in (users.ppkbd, users.sub_ppkbd, users.penyuluh):
        client.force_login(u)
        assert client.get(daftar).status_code == 403
        assert client.get(reverse("kader:pengguna_create")).status_code == 403
    # The koordinator of K sees the PPKBD/Sub-PPKBD of K, not the Dinas nor other kecamatan.
    x = User.objects.create_user("kader_x")
    Profil.objects.create(user=x, peran="ppkbd", wilayah=area.desa_x)
    client.force_login(users.koordinator)
    body = client.get(daftar).content.decode()
    assert users.ppkbd.username in body and users.sub_ppkbd.username in body
    assert users.dinas.username not in body and "kader_x" not in body
    assert client.get(reverse("kader:pengguna_update", args=[x.profil.pk])).status_code == 404
    assert client.post(reverse("kader:pengguna_sandi", args=[x.profil.pk])).status_code == 404
    dinas = users.dinas.profil
    assert client.get(reverse("kader:pengguna_update", args=[dinas.pk])).status_code == 404


def test_koordinator_creates_a_cadre_account_that_can_log_in(client, users, area):
    client.force_login(users.koordinator)
    url = reverse("kader:pengguna_create")
    data = {
        "username": "Bendahara.Melati",
        "nama": "Hasnah Daeng Ngai",
        "peran": "ppkbd",
        "wilayah": area.desa_a.pk,
        "institusi": area.ppkbd_a.pk,
        "telepon": "0812-3456-7890",
    }
    resp = client.post(url, data, follow=True)
    user = User.objects.get(username="bendahara.melati")
    assert resp.redirect_chain[-1][0] == reverse("kader:pengguna_update", args=[user.profil.pk])
    sandi = _sandi(resp)
    assert user.groups.get().name == "ppkbd" and user.profil.wilayah == area.desa_a
    assert user.first_name == "Hasnah Daeng Ngai" and user.profil.telepon == "+6281234567890"
    # Who gave the role is on record (django-simple-history), never the password hash.
    riwayat = user.profil.history.earliest()
    assert (riwayat.peran, riwayat.history_user) == ("ppkbd", users.koordinator)
    assert not hasattr(user.history.latest(), "password")
    assert sandi not in client.get(reverse("kader:pengguna_list")).content.decode()  # once
    client.logout()
    resp = client.post(reverse("login"), {"username": "bendahara.melati", "password": sandi})
    assert resp.status_code == 302 and int(client.session["_auth_user_id"]) == user.pk


def test_refused_roles_areas_and_names_are_shown_on_the_fields(client, users, area):
    client.force_login(users.koordinator)
    url = reverse("kader:pengguna_create")
    dasar = {"username": "baru", "nama": "Baru", "peran": "ppkbd", "wilayah": area.desa_a.pk}
    form = client.post(url, {**dasar, "peran": "dinas"}).context["form"]
    assert "peran" in form.errors  # a koordinator cannot make Dinas accounts
    form = client.post(url, {**dasar, "wilayah": area.desa_x.pk}).context["form"]
    assert "wilayah" in form.errors  # outside his kecamatan: not even a choice
    form = client.post(url, {**dasar, "username": users.ppkbd.username.upper()}).context["form"]
    assert form.errors["username"] == ["Nama pengguna ini sudah dipakai."]
    form = client.post(url, {**dasar, "peran": "sub_ppkbd"}).context["form"]
    assert "wilayah" in form.errors  # a Sub-PPKBD needs a dusun
    form = client.post(url, {**dasar, "institusi": area.ppkbd_b.pk}).context["form"]
    assert "institusi" in form.errors
    assert not User.objects.filter(username="baru").exists()


def test_deactivate_change_area_and_reset_password(client, users, area):
    client.force_login(users.koordinator)
    p = users.sub_ppkbd.profil
    url = reverse("kader:pengguna_update", args=[p.pk])
    resp = client.post(
        url,
        {"nama": "Sitti", "peran": "sub_ppkbd", "wilayah": area.dusun_a2.pk, "telepon": ""},
    )
    assert resp.status_code == 302
    p.refresh_from_db()
    users.sub_ppkbd.refresh_from_db()
    assert p.wilayah == area.dusun_a2 and not users.sub_ppkbd.is_active  # "aktif" unticked
    resp = client.post(reverse("kader:pengguna_sandi", args=[p.pk]), follow=True)
    sandi = _sandi(resp)
    users.sub_ppkbd.refresh_from_db()
    assert users.sub_ppkbd.check_password(sandi)
    # Nobody switches off or demotes himself.
    client.force_login(users.dinas)
    resp = client.post(
        reverse("kader:pengguna_update", args=[users.dinas.profil.pk]),
        {"nama": "Dinas", "peran": "dinas", "telepon": ""},
    )
    assert resp.status_code == 200 and "akun sendiri" in resp.content.decode()
    assert User.objects.get(pk=users.dinas.pk).is_active


def test_list_query_count_is_flat(client, users, area, django_assert_max_num_queries):
    client.force_login(users.dinas)
    for n in (3, 30):
        while Profil.objects.count() < n:
            u = User.objects.create_user(f"u{Profil.objects.count()}")
            Profil.objects.create(user=u, peran="sub_ppkbd", wilayah=area.dusun_a1)
        with django_assert_max_num_queries(12):
            assert client.get(reverse("kader:pengguna_list")).status_code == 200


def test_dinas_assigns_and_ends_a_penyuluh_desa(client, users, area):
    from datetime import date

    from django.utils import timezone

    from kader.models import Penugasan
    from kader.scoping import wilayah_ids

    p = users.penyuluh.profil
    url = reverse("kader:pengguna_penugasan", args=[p.pk])
    client.force_login(users.koordinator)  # reads assignments, does not make them
    assert client.post(url, {"desa": area.desa_x.pk, "mulai": "2025-01-01"}).status_code == 403
    client.force_login(users.dinas)
    halaman = client.get(reverse("kader:pengguna_update", args=[p.pk])).content.decode()
    assert "Desa binaan (penugasan)" in halaman and url in halaman
    resp = client.post(url, {"desa": area.desa_x.pk, "mulai": "2025-01-01", "nomor_sk": "12/2025"})
    assert resp.status_code == 302
    t = Penugasan.objects.get(penyuluh=users.penyuluh, desa=area.desa_x)
    assert area.desa_x.pk in wilayah_ids(type(users.penyuluh).objects.get(pk=users.penyuluh.pk))
    resp = client.post(reverse("kader:penugasan_akhiri", args=[t.pk]))
    t.refresh_from_db()
    assert resp.status_code == 302 and t.selesai == timezone.localdate()
    assert t.mulai == date(2025, 1, 1)


def test_admin_shows_account_history(client, users):
    client.force_login(users.admin)
    for url in (
        reverse("admin:auth_user_history", args=[users.ppkbd.pk]),
        reverse("admin:auth_user_change", args=[users.ppkbd.pk]),
        reverse("admin:kader_transaksikas_changelist"),
    ):
        assert client.get(url).status_code == 200, url
