"""Birth-spacing advice (pendataan.jarak_kelahiran) and the PUP age rule at their edges."""

from datetime import date

import pytest

from pendataan import jarak_kelahiran as J
from pendataan.usia_nikah import USIA_IDEAL_NIKAH, di_bawah_usia_ideal

PADA = date(2026, 6, 30)


def nasihat(umur, *lahir, status=None):
    return J.nasihat_jarak(umur_ibu=umur, lahir_anak=list(lahir), pada=PADA, status=status)


def test_thresholds_are_named_constants():
    assert (J.USIA_IBU_MUDA, J.USIA_IBU_TUA, J.ANAK_BANYAK, J.ANAK_CUKUP) == (20, 35, 3, 2)
    assert J.JARAK_IDEAL_TAHUN == 3
    assert USIA_IDEAL_NIKAH == {"P": 21, "L": 25}


def test_ideal_marriage_age_edges():
    assert not di_bawah_usia_ideal("P", 21) and di_bawah_usia_ideal("P", 20)
    assert not di_bawah_usia_ideal("L", 25) and di_bawah_usia_ideal("L", 24)
    assert not di_bawah_usia_ideal("X", 10)  # unknown sex: never below


def test_mother_over_35_with_children_is_advised_no_more_children():
    anak = (date(2015, 1, 1), date(2018, 1, 1), date(2021, 1, 1))
    assert nasihat(36, *anak) == "Usia ibu 36 th, anak 3 — disarankan tidak menambah anak (MKJP)"
    # At 35 exactly she is not "too old": the next rule that holds speaks (3 children, 5 years
    # since the youngest, spacing 3 years: "dua anak cukup").
    assert nasihat(35, *anak) == "Anak 3 — dua anak cukup: pertimbangkan MKJP"


def test_mother_over_35_without_children_is_sent_to_the_midwife():
    assert nasihat(36) == (
        "Usia ibu 36 th, belum ada anak — hamil di atas 35 th berisiko: periksa ke bidan"
    )
    assert nasihat(35) is None


def test_more_than_three_children_at_any_age():
    anak = [date(2012 + 2 * i, 1, 1) for i in range(4)]
    assert nasihat(30, *anak) == "Usia ibu 30 th, anak 4 — disarankan tidak menambah anak (MKJP)"


def test_youngest_child_under_three_years_delays_the_next_pregnancy():
    # Born 1 July 2024: 1 year old on 30 June 2026.
    assert nasihat(28, date(2024, 7, 1)) == (
        "Anak bungsu 1 th — jarak kelahiran < 3 th: tunda kehamilan"
    )
    # Third birthday on the day: 3 full years, no longer "under 3".
    assert nasihat(28, date(2023, 6, 30)) is None
    # One day short of 3 years.
    assert nasihat(28, date(2023, 7, 1)) == (
        "Anak bungsu 2 th — jarak kelahiran < 3 th: tunda kehamilan"
    )
    # With the last two births 1 year apart the spacing is named too.
    assert nasihat(28, date(2023, 9, 1), date(2025, 1, 1)) == (
        "Anak bungsu 1 th, jarak dua kelahiran terakhir 1 th — jarak kelahiran < 3 th: "
        "tunda kehamilan"
    )


def test_spacing_of_the_last_two_births_exactly_three_years_is_enough():
    tepat = (date(2019, 3, 1), date(2022, 3, 1))  # exactly 3 years apart; youngest is 4
    assert nasihat(30, *tepat) == "Anak 2 — dua anak cukup: pertimbangkan MKJP"
    kurang = (date(2019, 3, 2), date(2022, 3, 1))  # one day short: 2 full years
    assert nasihat(30, *kurang) == (
        "Jarak dua kelahiran terakhir 2 th — bila ingin anak lagi, beri jarak ≥ 3 th"
    )
    # Order of the dates given does not matter.
    assert nasihat(30, *reversed(kurang)) == nasihat(30, *kurang)


def test_young_mother_delays_her_first_pregnancy_until_20():
    assert nasihat(19) == "Usia ibu 19 th — tunda kehamilan pertama sampai usia 20 th"
    assert nasihat(19, date(2022, 1, 1)) == "Usia ibu 19 th — tunda kehamilan sampai usia 20 th"
    assert nasihat(20) is None


@pytest.mark.parametrize("metode", ["IUD", "IMPLAN", "MOW", "MOP"])
def test_mkjp_users_get_no_advice(metode):
    assert nasihat(40, date(2025, 1, 1), status=metode) is None


def test_pregnant_woman_plans_postpartum_kb():
    assert nasihat(25, date(2022, 1, 1), status="HAMIL") == (
        "Hamil, anak 1 — rencanakan KB pasca persalinan"
    )
    assert nasihat(36, date(2022, 1, 1), status="HAMIL") == (
        "Hamil, usia ibu 36 th, anak 1 — rencanakan KB pasca persalinan (MKJP)"
    )


def test_non_mkjp_methods_still_get_advice():
    assert nasihat(36, date(2015, 1, 1), status="PIL") == (
        "Usia ibu 36 th, anak 1 — disarankan tidak menambah anak (MKJP)"
    )
