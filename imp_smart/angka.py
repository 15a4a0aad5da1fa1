"""Money as the office writes it: 1.250.000, or Rp1.250.000 (no decimals)."""

from decimal import Decimal


def rupiah(n: Decimal | int | None, *, awalan: bool = False) -> str:
    """'' for None; thousands with dots; `awalan` puts "Rp" in front."""
    if n is None:
        return ""
    teks = f"{n:,.0f}".replace(",", ".")
    return f"Rp{teks}" if awalan else teks
