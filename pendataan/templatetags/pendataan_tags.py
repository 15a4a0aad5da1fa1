"""Template helpers of pendataan: the rows of the long monthly PUS page, rendered in Python."""

import html
from functools import lru_cache

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from imp_smart.kartu import simpan_kartu
from kader.models import Wilayah
from kader.scoping import kunci_cakupan, lihat_semua
from pendataan.indikator import LABEL, METODE, TIDAK_BER_KB, jumlahkan, lengkapi
from pendataan.selectors import awal_bulan, indikator_dusun

register = template.Library()
# The home card's generations: the register's (statuses, members) and the areas' (kader).
KELOMPOK_KARTU = ("pus", "kader")


_JALUR = (("PEMERINTAH", "Pem"), ("SWASTA", "Swa"))
_STATUS = tuple(METODE + TIDAK_BER_KB)


@lru_cache(maxsize=32)
def _opsi(terpilih: str, kosong: bool) -> str:
    """Status options; only a known code can be selected (anything else selects nothing)."""
    awal = '<option value="">—</option>' if kosong else ""
    return awal + "".join(
        f"<option{' selected' if v == terpilih else ''}>{v}</option>" for v in _STATUS
    )


@lru_cache(maxsize=4)
def _opsi_jalur(terpilih: str) -> str:
    return '<option value="">—</option>' + "".join(
        f'<option value="{v}"{" selected" if v == terpilih else ""}>{t}</option>' for v, t in _JALUR
    )


def _kode(nilai) -> str:
    """A shown status/jalur: a known code, else nothing (a refused post may hold anything)."""
    return nilai if nilai in _STATUS or nilai in ("PEMERINTAH", "SWASTA") else ""


def escape(nilai) -> str:
    """django.utils.html.escape's text (html.escape of str()), without its lazy-argument wrapper
    and SafeString per call: a dusun's 300 rows called it ~2,000 times."""
    return html.escape(str(nilai))


@register.simple_tag
def baris_pus(baris, boleh_ubah: bool, tampil_dusun: bool):
    """The rows of the monthly PUS page, rendered in Python: a dusun may have 300 PUS and the
    template engine would spend most of the request on them. Every value written here goes
    through escape() (names, RT, dusun, messages, the stored state in data-a)."""
    mati = "" if boleh_ubah else " disabled"
    potong = []
    for b in baris:
        aid = int(b.anggota_id)
        nama = escape(b.nama)
        ket = f"RT {escape(b.rt)} · {int(b.umur)} th"
        if tampil_dusun:
            ket += f" · {escape(b.dusun_nama)}"
        awal = escape(getattr(b, "tersimpan", ""))
        status = _kode(b.status_kb or "")
        salah, tanda = "", ""
        if b.kesalahan:
            salah = (
                f'<div class="e" id="e_{aid}">'
                + " ".join(escape(p) for p in b.kesalahan.values())
                + "</div>"
            )
            tanda = f' aria-invalid="true" aria-describedby="e_{aid}"'
        potong.append(
            f'<div class="r{" salah" if b.kesalahan else ""}" data-a="{awal}">'
            f'<div class="n">{nama}<small> {ket}</small></div>'
            f'<select name="s_{aid}" aria-label="Status {nama}"{tanda}{mati}>'
            f"{_opsi(status, bool(b.boleh_kosong) or not status)}</select>"
            f'<select name="j_{aid}" aria-label="Jalur {nama}"{mati}>'
            f"{_opsi_jalur(_kode(b.jalur_kb or ''))}</select>"
            f'<label class="pb"><input type="checkbox" name="b_{aid}" value="1"'
            f' aria-label="Peserta baru {nama}"'
            f"{' checked' if b.pb else ''}{mati}> PB</label>{salah}</div>\n"
        )
    return mark_safe("".join(potong))  # every value above is escaped


@register.filter
def label_indikator(nama: str) -> str:
    """The catalogue's label of an indicator: {{ "cpr"|label_indikator }} → "CPR (%)"."""
    return LABEL[nama]


@register.inclusion_tag("pendataan/_kartu_beranda.html", takes_context=True)
def kartu_beranda_pendataan(context):
    """This month's PUS summary of the user's own areas (Dinas: links only, since the
    kabupaten-wide count belongs to the monthly recap, not to every home-page load)."""
    user = context["request"].user
    if not user.has_perm("pendataan.view_perubahanstatus"):
        return {"tampil": False}
    bulan = awal_bulan(timezone.localdate())
    hasil = {
        "tampil": True,
        "bulan": bulan,
        "angka": None,
        "boleh_isi": user.has_perm("pendataan.add_perubahanstatus"),
        "dihitung_halaman": context.get("angka_dihitung"),  # the home page's own time
    }
    if not lihat_semua(user):

        def hitung() -> dict:
            dusun = Wilayah.objects.visible_to(user).filter(tingkat=Wilayah.Tingkat.DUSUN)
            per_dusun = indikator_dusun(bulan=bulan, dusun_ids=dusun.values_list("pk", flat=True))
            return lengkapi(jumlahkan(per_dusun.values()))

        # Kept a few minutes per area set and month; a status saved renews it (services).
        hasil["angka"], hasil["dihitung"] = simpan_kartu(
            f"pus:{bulan.isoformat()}",
            lingkup=kunci_cakupan(user),
            kelompok=KELOMPOK_KARTU,
            hitung=hitung,
        )
    return hasil
