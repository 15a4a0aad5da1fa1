"""Birth-spacing advice (nasihat jarak kelahiran) for a PUS woman: ONE pure function.

The seed's factors: the mother's age, the number of children, the youngest child's age and the
spacing of the last two births. DOMAIN.md gives no thresholds for this advice; the choices are
written in docs/aturan-domain.md §11 and kept here as named constants. No queries: callers pass
the birth dates of the family's children (already read for the page's rows).
"""

from collections.abc import Iterable
from datetime import date

from pendataan.indikator import MKJP
from pendataan.models.keluarga import umur_pada

# "4 terlalu" ages: under USIA_IBU_MUDA is too young to be pregnant, over USIA_IBU_TUA too old
# (at 35 exactly not yet), the same bounds as the worklist's "4 terlalu" reason.
USIA_IBU_MUDA = 20
USIA_IBU_TUA = 35
# More than ANAK_BANYAK children: too many (4 terlalu); ANAK_CUKUP: "dua anak cukup".
ANAK_BANYAK = 3
ANAK_CUKUP = 2
# Ideal spacing between births, in full years: a youngest child under this age, or two last
# births closer than this, means the next pregnancy should wait (exactly 3 years is enough).
JARAK_IDEAL_TAHUN = 3


def nasihat_jarak(
    *, umur_ibu: int, lahir_anak: Iterable[date], pada: date, status: str | None = None
) -> str | None:
    """One short Indonesian advice line for a woman of `umur_ibu` (full years on `pada`) whose
    children were born on `lahir_anak`, or None when there is nothing to advise. The first rule
    that holds decides (status: her KB status of the month, None when without status):

    1. using an MKJP method: nothing to advise;
    2. pregnant: plan KB after the birth (MKJP when she is over 35 or this is a child beyond 3);
    3. over 35 with children, or more than 3 children: no more children (MKJP);
    4. over 35 without children: a pregnancy is risky, see the midwife first;
    5. youngest child under 3 years: delay the next pregnancy (the last spacing shown if short);
    6. under 20: delay the (first) pregnancy until 20;
    7. last two births less than 3 years apart: keep at least 3 years if another child is wanted;
    8. 2 or 3 children: "dua anak cukup", consider MKJP.
    """
    lahir = sorted(lahir_anak, reverse=True)  # youngest first
    n = len(lahir)
    bungsu = umur_pada(lahir[0], pada) if lahir else None
    jarak = umur_pada(lahir[1], lahir[0]) if n >= 2 else None
    jarak_pendek = jarak is not None and jarak < JARAK_IDEAL_TAHUN
    tua, muda = umur_ibu > USIA_IBU_TUA, umur_ibu < USIA_IBU_MUDA
    if status in MKJP:
        return None
    if status == "HAMIL":
        if tua or n >= ANAK_BANYAK:
            return (
                f"Hamil, usia ibu {umur_ibu} th, anak {n} — rencanakan KB pasca persalinan (MKJP)"
            )
        return f"Hamil, anak {n} — rencanakan KB pasca persalinan"
    if (tua and n) or n > ANAK_BANYAK:
        return f"Usia ibu {umur_ibu} th, anak {n} — disarankan tidak menambah anak (MKJP)"
    if tua:
        return (
            f"Usia ibu {umur_ibu} th, belum ada anak — hamil di atas {USIA_IBU_TUA} th "
            "berisiko: periksa ke bidan"
        )
    if bungsu is not None and bungsu < JARAK_IDEAL_TAHUN:
        teks = f"Anak bungsu {bungsu} th"
        if jarak_pendek:
            teks += f", jarak dua kelahiran terakhir {jarak} th"
        return teks + f" — jarak kelahiran < {JARAK_IDEAL_TAHUN} th: tunda kehamilan"
    if muda:
        pertama = " pertama" if not n else ""
        return f"Usia ibu {umur_ibu} th — tunda kehamilan{pertama} sampai usia {USIA_IBU_MUDA} th"
    if jarak_pendek:
        return (
            f"Jarak dua kelahiran terakhir {jarak} th — bila ingin anak lagi, "
            f"beri jarak ≥ {JARAK_IDEAL_TAHUN} th"
        )
    if n >= ANAK_CUKUP:
        return f"Anak {n} — dua anak cukup: pertimbangkan MKJP"
    return None
