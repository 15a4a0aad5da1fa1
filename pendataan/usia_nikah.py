"""PUP (Pendewasaan Usia Perkawinan): the ideal marriage age of DOMAIN.md §10, one rule.

Pure, no queries. Used by the worklist (pendataan.selectors_sasaran) and by the programme
measures (laporan.selectors_program, through laporan.program).
"""

# A marriage is below the ideal age when the woman is under 21 or the man under 25 on the
# marriage date (age in full years: a marriage on the 21st / 25th birthday is not below).
USIA_IDEAL_NIKAH = {"P": 21, "L": 25}


def di_bawah_usia_ideal(jenis_kelamin: str, umur: int) -> bool:
    """True when someone of this sex marrying at this age (full years) marries below the ideal
    age; an unknown sex is never below."""
    batas = USIA_IDEAL_NIKAH.get(jenis_kelamin)
    return batas is not None and umur < batas
