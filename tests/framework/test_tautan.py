"""imp_smart.tautan.url_pk gives what reverse() gives, for every model's page URL."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from imp_smart.tautan import url_pk

NAMA = [
    "pendataan:keluarga_detail",
    "kader:kader_detail",
    "kader:institusi_detail",
    "pertemuan:detail",
    "pertemuan:poktan_detail",
    "kader:wilayah_detail",
]


@pytest.mark.parametrize("nama", NAMA)
@pytest.mark.parametrize("pk", [1, 7, 42, 987, 2_147_483_647])
def test_same_as_reverse(nama, pk):
    assert url_pk(nama, pk) == reverse(nama, args=[pk])


def test_under_a_script_prefix():
    set_script_prefix("/imp/")
    try:
        assert url_pk("pendataan:keluarga_detail", 5) == "/imp/pendataan/keluarga/5/"
        assert url_pk("pendataan:keluarga_detail", 5) == reverse(
            "pendataan:keluarga_detail", args=[5]
        )
    finally:
        clear_script_prefix()
    assert url_pk("pendataan:keluarga_detail", 5) == "/pendataan/keluarga/5/"


def test_anything_but_a_plain_int_goes_through_reverse():
    assert url_pk("pendataan:keluarga_detail", "12") == "/pendataan/keluarga/12/"
    with pytest.raises(Exception):  # noqa: B017,PT011  (reverse's own NoReverseMatch)
        url_pk("pendataan:keluarga_detail", "abc")
    with pytest.raises(Exception):  # noqa: B017,PT011
        url_pk("pendataan:tidak_ada", 3)


def test_models_link_through_it(db):
    from pendataan.models import Keluarga

    k = Keluarga(pk=31)
    assert k.get_absolute_url() == reverse("pendataan:keluarga_detail", args=[31])
