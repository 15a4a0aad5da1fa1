"""Exactly once for phone submissions (imp_smart/offline_sekali.py, issue 13): the first post of
an id runs the view, a replay gets the earlier result, a refusal is not remembered."""

import uuid
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client

from imp_smart.offline_model import KirimanOffline
from kader.models import Peran
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.framework.urls_idempoten")]


@pytest.fixture
def kader(db):
    return UserFactory(username="kader_ponsel", peran=Peran.SUB_PPKBD)


@pytest.fixture
def klien(client, kader):
    client.force_login(kader)
    return client


def kirim(client, kode, nama, **extra):
    return client.post(
        "/grup/", {"nama": nama, "_imp_kiriman": str(kode)}, HTTP_X_IMP_KIRIMAN=str(kode), **extra
    )


def test_first_post_runs_the_view_and_records_the_id(klien, kader):
    kode = uuid.uuid4()
    r = kirim(klien, kode, "Mawar")
    assert r.status_code == 200
    grup = Group.objects.get(name="Mawar")
    assert r.json() == {
        "ok": True,
        "lokasi": f"/grup/{grup.pk}/",
        "pesan": ["Grup disimpan."],
        "ulang": False,
    }
    row = KirimanOffline.objects.get(pk=kode)
    assert (row.pengguna, row.path, row.lokasi) == (kader, "/grup/", f"/grup/{grup.pk}/")


def test_replay_gets_the_earlier_result_and_writes_nothing(klien):
    kode = uuid.uuid4()
    pertama = kirim(klien, kode, "Mawar").json()
    # The same id again, even with other data (a resent body): the view does not run.
    kedua = kirim(klien, kode, "Melati").json()
    assert kedua == {**pertama, "ulang": True}
    assert list(
        Group.objects.filter(name__in=["Mawar", "Melati"]).values_list("name", flat=True)
    ) == ["Mawar"]
    assert KirimanOffline.objects.count() == 1


def test_refused_post_is_not_remembered_and_can_be_corrected(klien):
    kode = uuid.uuid4()
    r = kirim(klien, kode, "")
    assert r.status_code == 422
    assert r.json() == {
        "ok": False,
        "status": 422,
        "pesan": ["Nama grup: Bidang ini tidak boleh kosong."],
    }
    assert not KirimanOffline.objects.exists()
    r = kirim(klien, kode, "Mawar")
    assert r.json()["ok"] is True
    assert Group.objects.filter(name="Mawar").count() == 1


def test_error_message_with_redirect_is_a_refusal_and_rolls_back(klien):
    kode = uuid.uuid4()
    r = kirim(klien, kode, "tolak-ini")
    assert r.json() == {"ok": False, "status": 422, "pesan": ["Grup ini ditolak."]}
    assert not Group.objects.filter(name="tolak-ini").exists()
    assert not KirimanOffline.objects.exists()


def test_an_id_of_another_user_is_refused(klien, client):
    kode = uuid.uuid4()
    kirim(klien, kode, "Mawar")
    lain = Client()
    lain.force_login(UserFactory(username="kader_lain", peran=Peran.SUB_PPKBD))
    r = kirim(lain, kode, "Melati")
    assert r.status_code == 409
    assert "sudah dipakai" in r.json()["pesan"][0]
    assert not Group.objects.filter(name="Melati").exists()


def test_item_filled_in_by_another_user_of_the_phone_is_not_sent_as_this_one(klien, kader):
    kode = uuid.uuid4()
    r = klien.post(
        "/grup/",
        {"nama": "Mawar", "_imp_kiriman": str(kode), "_imp_pengguna": str(kader.pk + 1000)},
        HTTP_X_IMP_KIRIMAN=str(kode),
    )
    assert r.status_code == 409
    assert not Group.objects.filter(name="Mawar").exists()


def test_logged_out_queue_is_told_to_log_in(client):
    kode = uuid.uuid4()
    r = kirim(client, kode, "Mawar")
    assert r.status_code == 401
    assert r.json()["masuk"] is True
    assert not KirimanOffline.objects.exists()


def test_malformed_id_is_refused(klien):
    r = klien.post("/grup/", {"nama": "Mawar"}, HTTP_X_IMP_KIRIMAN="bukan-uuid")
    assert r.status_code == 400
    assert not Group.objects.filter(name="Mawar").exists()


def test_plain_form_post_keeps_html_and_its_replay_redirects_to_the_result(klien):
    kode = uuid.uuid4()
    # As a browser posts a form (urlencoded), with the id the page added.
    body = urlencode({"nama": "Mawar", "_imp_kiriman": str(kode)})
    jenis = "application/x-www-form-urlencoded"
    r = klien.post("/grup/", body, content_type=jenis)
    grup = Group.objects.get(name="Mawar")
    assert (r.status_code, r["Location"]) == (302, f"/grup/{grup.pk}/")
    r = klien.post("/grup/", body, content_type=jenis)
    assert (r.status_code, r["Location"]) == (302, f"/grup/{grup.pk}/")
    assert "sudah tersimpan sebelumnya" in [str(m) for m in get_messages(r.wsgi_request)][-1]
    assert Group.objects.filter(name="Mawar").count() == 1


def test_post_without_id_is_untouched(klien):
    r = klien.post("/grup/", {"nama": "Mawar"})
    assert r.status_code == 302
    assert not KirimanOffline.objects.exists()


def test_replay_needs_a_valid_csrf_token_fetched_at_send_time(kader):
    c = Client(enforce_csrf_checks=True)
    c.force_login(kader)
    kode = uuid.uuid4()
    r = kirim(c, kode, "Mawar")
    assert r.status_code == 403  # no token: refused, not remembered
    assert not KirimanOffline.objects.exists()
    token = c.get("/offline/token/").json()
    assert token["pengguna"] == kader.pk
    r = c.post(
        "/grup/",
        {"nama": "Mawar", "_imp_kiriman": str(kode), "csrfmiddlewaretoken": token["token"]},
        HTTP_X_IMP_KIRIMAN=str(kode),
        HTTP_X_CSRFTOKEN=token["token"],
    )
    assert r.json()["ok"] is True
    assert Group.objects.filter(name="Mawar").count() == 1


def test_token_needs_a_login(client):
    r = client.get("/offline/token/")
    assert r.status_code == 401
    assert "no-store" in r["Cache-Control"] or "no-cache" in r["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_a_replay_arriving_while_the_first_runs_waits_and_gets_its_result(kader, monkeypatch):
    """Two requests with one id at once (a retry while the first is still running): the second
    waits on the id's row and answers with the first one's result; one group is made."""
    import threading

    from tests.framework import urls_idempoten

    masuk, lepas = threading.Event(), threading.Event()
    asli = urls_idempoten.buat_grup

    def pelan(request):
        if not masuk.is_set():
            masuk.set()
            lepas.wait(10)
        return asli(request)

    monkeypatch.setattr(urls_idempoten.urlpatterns[0], "callback", pelan)
    kode, jawaban = uuid.uuid4(), {}

    def kirim_dari(nama):
        c = Client()
        c.force_login(kader)
        jawaban[nama] = kirim(c, kode, nama).json()

    pertama = threading.Thread(target=kirim_dari, args=("Pertama",))
    pertama.start()
    assert masuk.wait(10)
    kedua = threading.Thread(target=kirim_dari, args=("Kedua",))
    kedua.start()
    kedua.join(0.5)
    assert kedua.is_alive()  # blocked on the id of the running first request
    lepas.set()
    pertama.join(10)
    kedua.join(10)
    assert jawaban["Pertama"]["ulang"] is False
    assert jawaban["Kedua"] == {**jawaban["Pertama"], "ulang": True}
    assert list(
        Group.objects.filter(name__in=["Pertama", "Kedua"]).values_list("name", flat=True)
    ) == ["Pertama"]


def test_a_stale_token_saves_nothing_and_answers_with_a_fresh_one_that_is_accepted(kader):
    """The phone's queue sends again with the token of the answer (static/pwa/antrian.js)."""
    c = Client(enforce_csrf_checks=True)
    c.force_login(kader)
    kode = uuid.uuid4()
    data = {"nama": "Mawar", "_imp_kiriman": str(kode)}
    r = c.post("/grup/", {**data, "csrfmiddlewaretoken": "basi" * 8}, HTTP_X_IMP_KIRIMAN=str(kode))
    assert r.status_code == 403
    jawab = r.json()
    assert jawab["ok"] is False and jawab["csrf"] is True and jawab["token"]
    assert not Group.objects.filter(name="Mawar").exists()
    assert not KirimanOffline.objects.exists()
    r = c.post(
        "/grup/", {**data, "csrfmiddlewaretoken": jawab["token"]}, HTTP_X_IMP_KIRIMAN=str(kode)
    )
    assert r.status_code == 200 and r.json()["ok"] is True
    assert Group.objects.filter(name="Mawar").count() == 1
    # A form of a page (no submission id) still gets the page that says the form is stale.
    r = c.post("/grup/", {"nama": "Melati", "csrfmiddlewaretoken": "basi" * 8})
    assert r.status_code == 403 and not r.get("Content-Type", "").startswith("application/json")
