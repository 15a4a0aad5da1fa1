"""Reads of the kader app that join or aggregate across relations."""

from datetime import date, datetime
from typing import Any

from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Prefetch, Q
from django.utils import timezone

from imp_smart.daerah import identitas, kepala_daerah
from imp_smart.kartu import simpan_kartu
from kader.models import Institusi, Kader, Pengurus, Peran, Profil, TemplateSK, Wilayah
from kader.scoping import kunci_cakupan, lihat_semua
from kader.scoping import wilayah_akar as _wilayah_akar
from kader.upgrading import sudah_dilatih

JABATAN_TUNGGAL = Pengurus.JABATAN_TUNGGAL


class JumlahTerkait(Func):
    """Per row of a list: how many rows of `model` point at it through `fk` (only those whose
    boolean field `hanya` is true), or the sum of their column `jumlahkan`; 0 when none.

    The same correlated subquery as Subquery(...values(fk).annotate(Count/Sum)), written as SQL
    text around the outer row's pk: a Subquery compiles its whole inner query on every request
    (half a millisecond for the meeting list's two counts), this compiles the pk only. The pk
    is an ordinary expression, so its table alias follows the outer query wherever that goes
    (a join, a subquery); the paginator's COUNT(*) leaves it out as it did the Subquery."""

    output_field = IntegerField()
    template = (
        '(SELECT %(nilai)s FROM %(tabel)s "_t" WHERE "_t".%(fk)s = %(expressions)s%(syarat)s)'
    )

    def __init__(self, model, fk: str, *, jumlahkan: str | None = None, hanya: str | None = None):
        meta = model._meta
        self.tabel = meta.db_table
        self.kolom_fk = meta.get_field(fk).column
        self.kolom_pk = meta.pk.column
        self.kolom_jumlah = meta.get_field(jumlahkan).column if jumlahkan else None
        self.kolom_syarat = meta.get_field(hanya).column if hanya else None
        super().__init__(F("pk"))

    def as_sql(self, compiler, connection, **extra_context):
        qn = connection.ops.quote_name
        nilai = (
            f'COALESCE(SUM("_t".{qn(self.kolom_jumlah)}), 0)'
            if self.kolom_jumlah
            else f'COUNT("_t".{qn(self.kolom_pk)})'
        )
        syarat = f' AND "_t".{qn(self.kolom_syarat)}' if self.kolom_syarat else ""
        return super().as_sql(
            compiler,
            connection,
            nilai=nilai,
            tabel=qn(self.tabel),
            fk=qn(self.kolom_fk),
            syarat=syarat,
            **extra_context,
        )


def institusi_roster(*, institusi: Institusi, tanggal: date | None = None) -> dict:
    """The board on a date: each single position with its holder or None (vacant), and anggota."""
    tanggal = tanggal or timezone.localdate()
    berlaku = list(
        Pengurus.objects.filter(institusi=institusi)
        .berlaku_pada(tanggal)
        .select_related("kader", "sk")
        .annotate(dilatih=sudah_dilatih())  # upgrading first: untrained members are flagged
        .order_by("jabatan", "mulai")
    )
    tunggal = []
    for jabatan in JABATAN_TUNGGAL:
        pemegang = next((p for p in berlaku if p.jabatan == jabatan), None)
        tunggal.append({"jabatan": Pengurus.Jabatan(jabatan).label, "pengurus": pemegang})
    return {
        "tanggal": tanggal,
        "tunggal": tunggal,
        "anggota": [p for p in berlaku if p.jabatan == Pengurus.Jabatan.ANGGOTA],
        "kosong": sum(1 for t in tunggal if t["pengurus"] is None),
    }


def _ada_jabatan(jabatan: str, tanggal: date):
    return Exists(
        Pengurus.objects.filter(institusi=OuterRef("pk"), jabatan=jabatan).filter(
            Q(selesai__isnull=True) | Q(selesai__gte=tanggal), mulai__lte=tanggal
        )
    )


def institusi_jabatan_kosong(*, user, tanggal: date | None = None):
    """Active PPKBD/Sub-PPKBD in the user's areas with a vacant ketua, sekretaris or bendahara."""
    tanggal = tanggal or timezone.localdate()
    qs = (
        Institusi.objects.visible_to(user)
        .aktif()
        .exclude(jenis=Institusi.Jenis.KELOMPOK_KB)
        .annotate(**{f"ada_{j}": _ada_jabatan(j, tanggal) for j in JABATAN_TUNGGAL})
        .filter(Q(ada_ketua=False) | Q(ada_sekretaris=False) | Q(ada_bendahara=False))
        .select_related("wilayah")
        .order_by("wilayah__kode")
    )
    return qs


def kosong_dari(institusi) -> list[str]:
    """Labels of the vacant single positions of an institusi annotated by the selector above."""
    return [
        Pengurus.Jabatan(j).label for j in JABATAN_TUNGGAL if not getattr(institusi, f"ada_{j}")
    ]


def ringkasan_beranda(*, user) -> dict:
    """Counts for the home page: areas, institutions, cadres in the user's scope."""
    wilayah = Wilayah.objects.visible_to(user)
    per_tingkat = dict(wilayah.values_list("tingkat").annotate(n=Count("pk")).order_by())
    inst = Institusi.objects.visible_to(user).aktif()
    return {
        "semua_wilayah": lihat_semua(user),
        "kecamatan": per_tingkat.get("kecamatan", 0),
        "desa": per_tingkat.get("desa", 0) + per_tingkat.get("kelurahan", 0),
        "dusun": per_tingkat.get("dusun", 0),
        "institusi": dict(inst.values_list("jenis").annotate(n=Count("pk")).order_by()),
        "kader_aktif": Kader.objects.visible_to(user).aktif().count(),
    }


BATAS_JABATAN_KOSONG = 10  # institutions listed on the home page (then "Lihat semua")
KELOMPOK_KARTU = ("kader",)  # the generation kader's writes renew (kader/apps.py)


def beranda_kader(*, user) -> tuple[dict, datetime]:
    """(figures, when counted): the home page's counts of the user's areas, the names of the
    areas heading it and the first institutions with a vacant ketua, sekretaris or bendahara,
    as plain data kept a short while per area set (imp_smart.kartu); a write to an area,
    institution, cadre or board renews it."""

    def hitung() -> dict:
        kosong = institusi_jabatan_kosong(user=user)
        daftar = [
            {
                "url": i.get_absolute_url(),
                "nama": str(i),
                "wilayah": str(i.wilayah),
                "kosong": kosong_dari(i),
            }
            for i in kosong[:BATAS_JABATAN_KOSONG]
        ]
        return {
            "ringkasan": ringkasan_beranda(user=user),
            # the areas the user answers for follow from the area set (its highest areas)
            "wilayah_akar": [str(w) for w in _wilayah_akar(user)],
            "jabatan_kosong": daftar,
            "jumlah_jabatan_kosong": (
                kosong.count() if len(daftar) == BATAS_JABATAN_KOSONG else len(daftar)
            ),
        }

    return simpan_kartu(
        "kader", lingkup=kunci_cakupan(user), kelompok=KELOMPOK_KARTU, hitung=hitung
    )


def wilayah_akar(*, user) -> list[Wilayah]:
    """The areas the user is responsible for (for the home page heading)."""
    return _wilayah_akar(user)


def lampiran_sk(*, tahun: int, kecamatan: Wilayah | None = None) -> list[dict]:
    """Appendix of the draft SK: per kecamatan (all, or one) and desa, every active institution
    and its board in force on 1 January of `tahun`. Four queries whatever the size."""
    tanggal = date(tahun, 1, 1)
    pengurus = (
        Pengurus.objects.berlaku_pada(tanggal)
        .select_related("kader")
        .order_by("jabatan", "kader__nama")
    )
    institusi = Institusi.objects.aktif()
    if kecamatan is not None:
        institusi = institusi.filter(wilayah__kecamatan=kecamatan)
    institusi = (
        institusi.select_related("wilayah__desa", "wilayah__kecamatan")
        .prefetch_related(Prefetch("pengurus", queryset=pengurus, to_attr="pengurus_berlaku"))
        .order_by("wilayah__kecamatan__kode", "wilayah__desa__kode", "jenis", "wilayah__kode")
    )
    urutan = {j: i for i, j in enumerate(Pengurus.Jabatan.values)}
    per_kecamatan: dict[int, dict] = {}
    for inst in institusi:
        kec, desa = inst.wilayah.kecamatan, inst.wilayah.desa
        blok = per_kecamatan.setdefault(
            kec.pk, {"kecamatan": kec, "baris": [], "desa_terakhir": None}
        )
        inst.pengurus_berlaku.sort(key=lambda p: (urutan[p.jabatan], p.kader.nama))
        blok["baris"].append(
            {
                "no": len(blok["baris"]) + 1,
                "desa": desa if blok["desa_terakhir"] != desa.pk else None,  # name once per desa
                "institusi": inst,
                "susunan": _susunan(inst.pengurus_berlaku),
            }
        )
        blok["desa_terakhir"] = desa.pk
    return [{"kecamatan": b["kecamatan"], "baris": b["baris"]} for b in per_kecamatan.values()]


def _susunan(pengurus: list[Pengurus]) -> dict:
    """{ketua, sekretaris, bendahara: name or ""; anggota: ["name (seksi)", ...]}."""
    hasil: dict[str, Any] = dict.fromkeys(JABATAN_TUNGGAL, "")
    hasil["anggota"] = []
    for p in pengurus:
        if p.jabatan == Pengurus.Jabatan.ANGGOTA:
            hasil["anggota"].append(f"{p.kader.nama} ({p.seksi})" if p.seksi else p.kader.nama)
        elif not hasil[p.jabatan]:
            hasil[p.jabatan] = p.kader.nama
    return hasil


def konteks_draft_sk(
    *, tahun: int, kecamatan: Wilayah | None = None, nomor: str = "", tanggal=None
) -> dict:
    """Everything the draft SK PDF shows for a year (appendix of one kecamatan or all)."""
    templat = TemplateSK.objects.first() or TemplateSK.bawaan()

    kepala = kepala_daerah()
    ganti = {
        "{tahun}": str(tahun),
        "{kabupaten}": identitas().nama_kabupaten,
        "{kepala}": f"{kepala['jabatan']} {kepala['daerah']}".upper(),
    }

    def isi(teks: str) -> str:
        for kunci, nilai in ganti.items():
            teks = teks.replace(kunci, nilai)
        return teks

    def baris(teks: str) -> list[str]:
        return [isi(b.strip()) for b in teks.splitlines() if b.strip()]

    lampiran = lampiran_sk(tahun=tahun, kecamatan=kecamatan)
    return {
        "tahun": tahun,
        "kecamatan": kecamatan,
        "tahun_tetap": tahun - 1,  # signed at the end of the year before it takes effect
        "judul": isi(templat.judul),
        "penandatangan": isi(templat.penandatangan),
        "menimbang": baris(templat.menimbang),
        "mengingat": baris(templat.mengingat),
        "memutuskan": baris(templat.memutuskan),
        "templat": templat,
        "lampiran": lampiran,
        "jumlah_institusi": sum(len(k["baris"]) for k in lampiran),
        "kepala": kepala,
        "tempat": identitas().tempat_penandatangan,
        "provinsi": identitas().nama_provinsi,
        "nomor_sk": nomor,  # "" until the SK is numbered: the PDF prints dots
        "tanggal_sk": tanggal,
    }


def telepon_kader_desa(desa_ids, *, pada: date | None = None) -> dict[int, dict]:
    """Per desa id, whom to remind about the desa report and on which mobile number:
    {"nama", "telepon"} of the PPKBD account of the desa (its profile's phone), else of the
    ketua of the desa's active PPKBD on `pada` (the cadre's phone). Desa with neither are
    absent. Two queries."""
    pada = pada or timezone.localdate()
    ids = list(desa_ids)
    hasil: dict[int, dict] = {}
    ketua = (
        Pengurus.objects.berlaku_pada(pada)
        .filter(
            jabatan=Pengurus.Jabatan.KETUA,
            institusi__jenis=Institusi.Jenis.PPKBD,
            institusi__aktif=True,
            institusi__wilayah_id__in=ids,
        )
        .exclude(kader__telepon="")
        .values_list("institusi__wilayah_id", "kader__nama", "kader__telepon")
    )
    for desa_id, nama, telepon in ketua:
        hasil[desa_id] = {"nama": nama, "telepon": telepon}
    akun = (
        Profil.objects.filter(peran=Peran.PPKBD, wilayah_id__in=ids, user__is_active=True)
        .exclude(telepon="")
        .order_by("pk")
        .values_list("wilayah_id", "user__first_name", "user__username", "telepon")
    )
    for desa_id, nama, username, telepon in akun:
        hasil[desa_id] = {"nama": nama or username, "telepon": telepon}
    return hasil


def pengurus_belum_dilatih(*, user, sejak: date | None = None, batas: int = 100):
    """Board members (in office on `sejak` or appointed after it) of the active institutions
    the user may see who have not had the basic training: the draft SK page lists them so that
    they are trained first. Returns (rows up to `batas`, total)."""
    sejak = sejak or timezone.localdate()
    qs = (
        Pengurus.objects.visible_to(user)
        .filter(Q(selesai__isnull=True) | Q(selesai__gte=sejak), institusi__aktif=True)
        .annotate(dilatih=sudah_dilatih())
        .filter(dilatih=False)
        .select_related("kader", "institusi__wilayah")
        .order_by("institusi__wilayah__kode", "institusi__nama", "jabatan", "kader__nama")
    )
    return list(qs[:batas]), qs.count()
