"""The capital ledger of an UPPKA group (F/I/Dal/13 IV): form, page, refusals, scoping."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pertemuan.models import ModalUppka, Poktan
from pertemuan.selectors_modal import saldo_modal


@pytest.fixture
def uppka(area):
    return Poktan.objects.create(jenis="uppka", nama="Usaha Maju", wilayah=area.desa_a)


def _url(poktan):
    return reverse("pertemuan:poktan_modal_tambah", args=[poktan.pk])


def _data(**ubah):
    data = {
        "tanggal": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "arah": "masuk",
        "sumber": "swadaya",
        "jumlah": "500000",
        "keterangan": "Iuran awal",
    }
    data.update(ubah)
    return data


def test_capital_in_and_out_and_the_page(client, users, uppka):
    client.force_login(users.ppkbd)
    assert client.get(_url(uppka)).status_code == 200
    assert client.post(_url(uppka), _data()).status_code == 302
    assert client.post(_url(uppka), _data(arah="keluar", jumlah="120000")).status_code == 302
    assert client.post(_url(uppka), _data(sumber="pemerintah", jumlah="1000000")).status_code == 302
    assert saldo_modal(poktan=uppka) == {"swadaya": 380_000, "pemerintah": 1_000_000, "lainnya": 0}
    m = ModalUppka.objects.filter(arah="keluar").get()
    assert (m.jumlah, m.dicatat_oleh) == (120_000, users.ppkbd)
    html = client.get(uppka.get_absolute_url()).content.decode()
    assert "Modal UPPKA" in html and 'id="modal-jumlah">Rp1' in html


@pytest.mark.parametrize(
    ("ubah", "kolom"),
    [
        ({"arah": "keluar", "jumlah": "1"}, "jumlah"),  # nothing held from this source
        ({"jumlah": "0"}, "jumlah"),
        ({"jumlah": "-5"}, "jumlah"),
        ({"jumlah": "1,5"}, "jumlah"),
        ({"sumber": "bank"}, "sumber"),
        ({"arah": "pinjam"}, "arah"),
    ],
)
def test_bad_input_is_refused_on_the_field(client, users, uppka, ubah, kolom):
    client.force_login(users.ppkbd)
    resp = client.post(_url(uppka), _data(**ubah))
    assert resp.status_code == 200
    assert kolom in resp.context["form"].errors
    assert not ModalUppka.objects.exists()


def test_future_date_is_refused(client, users, uppka):
    client.force_login(users.ppkbd)
    besok = (timezone.localdate() + timedelta(days=1)).isoformat()
    resp = client.post(_url(uppka), _data(tanggal=besok, konfirmasi_tanggal="1"))
    assert resp.status_code == 200
    assert not ModalUppka.objects.exists()


def test_scoping_and_kind(client, area, users, uppka):
    assert client.get(_url(uppka)).status_code == 302  # anonymous → login
    bkb = Poktan.objects.create(jenis="bkb", nama="Balita", wilayah=area.desa_a)
    lain = Poktan.objects.create(jenis="uppka", nama="Lain", wilayah=area.desa_x)
    client.force_login(users.ppkbd)
    assert client.get(_url(bkb)).status_code == 404  # not an UPPKA group
    assert client.get(_url(lain)).status_code == 404  # another desa
    client.force_login(users.sub_ppkbd)
    assert client.post(_url(uppka), _data()).status_code == 403
    assert not ModalUppka.objects.exists()
