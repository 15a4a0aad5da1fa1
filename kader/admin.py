"""Admin for every kader model: search, filters and change history (django-simple-history)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from kader.forms_profil import ProfilDinasModelForm
from kader.models import (
    SK,
    AnggotaArisan,
    Institusi,
    Kader,
    KelompokArisan,
    KontakMitra,
    Mitra,
    Pengurus,
    Penugasan,
    Profil,
    ProfilDinas,
    PutaranArisan,
    TarifIuran,
    TemplateSK,
    TransaksiKas,
    Wilayah,
)


@admin.register(Wilayah)
class WilayahAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "tingkat", "induk")
    list_filter = ("tingkat", "kecamatan")
    search_fields = ("kode", "nama")
    raw_id_fields = ("induk",)
    list_select_related = ("induk",)


class PengurusInline(admin.TabularInline):
    model = Pengurus
    extra = 0
    raw_id_fields = ("kader", "sk")


@admin.register(Institusi)
class InstitusiAdmin(SimpleHistoryAdmin):
    list_display = ("nama", "jenis", "wilayah", "klasifikasi", "aktif")
    list_filter = ("jenis", "klasifikasi", "aktif", "wilayah__kecamatan")
    search_fields = ("nama", "wilayah__nama", "wilayah__kode")
    raw_id_fields = ("wilayah",)
    list_select_related = ("wilayah",)
    inlines = [PengurusInline]


@admin.register(Kader)
class KaderAdmin(SimpleHistoryAdmin):
    list_display = ("nama", "nik_samar", "jenis_kelamin", "institusi", "aktif")
    list_filter = ("jenis_kelamin", "aktif", "pendidikan", "institusi__jenis")
    search_fields = ("nama", "institusi__nama")
    raw_id_fields = ("institusi", "dusun")
    list_select_related = ("institusi",)
    exclude = ("nik",)  # NIK is edited in the app, where it is validated and hashed
    readonly_fields = ("nik_samar",)

    @admin.display(description="NIK")
    def nik_samar(self, obj):
        return obj.nik_samar

    def has_add_permission(self, request):
        return False  # cadres are added in the app (NIK validation, hashing)


@admin.register(Pengurus)
class PengurusAdmin(SimpleHistoryAdmin):
    list_display = ("kader", "jabatan", "institusi", "mulai", "selesai", "sk")
    list_filter = ("jabatan", "institusi__jenis")
    search_fields = ("kader__nama", "institusi__nama")
    raw_id_fields = ("kader", "institusi", "sk")
    list_select_related = ("kader", "institusi", "sk")


@admin.register(SK)
class SKAdmin(SimpleHistoryAdmin):
    list_display = ("nomor", "tanggal", "tentang", "berlaku_mulai", "berlaku_sampai")
    search_fields = ("nomor", "tentang")
    date_hierarchy = "tanggal"


@admin.register(TemplateSK)
class TemplateSKAdmin(SimpleHistoryAdmin):
    list_display = ("judul", "penandatangan", "diubah")

    def get_changeform_initial_data(self, request):
        bawaan = TemplateSK.bawaan()
        return {f: getattr(bawaan, f) for f in ("judul", "menimbang", "mengingat", "memutuskan")}


@admin.register(ProfilDinas)
class ProfilDinasAdmin(SimpleHistoryAdmin):
    """One row: the office's identity over the settings (imp_smart.daerah.identitas)."""

    fieldsets = (
        ("Daerah", {"fields": ("nama_kabupaten", "nama_provinsi")}),
        ("Dinas", {"fields": ("nama_dinas", "alamat_dinas")}),
        (
            "Penandatangan",
            {
                "fields": (
                    "kepala_dinas_nama",
                    "kepala_dinas_nip",
                    "jabatan_penandatangan",
                    "tempat_penandatangan",
                )
            },
        ),
        ("Kop surat", {"fields": ("lambang", "lambang_sekarang")}),
    )
    readonly_fields = ("lambang_sekarang",)
    form = ProfilDinasModelForm

    @admin.display(description="lambang yang dipakai")
    def lambang_sekarang(self, obj):
        return format_html(
            '<img src="{}" alt="Lambang pada kop surat" height="64">', reverse("kader:lambang")
        )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ProfilDinas.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """One row: straight to it (or to the form that creates it)."""
        if ProfilDinas.objects.exists():
            return redirect("admin:kader_profildinas_change", 1)
        return redirect("admin:kader_profildinas_add")


class KontakInline(admin.TabularInline):
    model = KontakMitra
    extra = 0


@admin.register(Mitra)
class MitraAdmin(SimpleHistoryAdmin):
    list_display = ("nama", "jenis", "wilayah", "telepon", "aktif")
    list_filter = ("jenis", "aktif")
    search_fields = ("nama", "kontak__nama")
    raw_id_fields = ("wilayah",)
    inlines = [KontakInline]


@admin.register(Penugasan)
class PenugasanAdmin(admin.ModelAdmin):
    list_display = ("penyuluh", "desa", "mulai", "selesai", "nomor_sk")
    list_filter = ("desa__kecamatan",)
    search_fields = ("penyuluh__username", "penyuluh__first_name", "desa__nama")
    raw_id_fields = ("penyuluh", "desa")
    list_select_related = ("penyuluh", "desa")


class ProfilInline(admin.StackedInline):
    model = Profil
    can_delete = False
    raw_id_fields = ("wilayah", "institusi")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PenggunaAdmin(SimpleHistoryAdmin, UserAdmin):
    inlines = [ProfilInline]
    list_display = ("username", "first_name", "email", "peran", "is_active")
    list_filter = ("groups", "is_active", "is_staff")
    list_select_related = ("profil",)

    @admin.display(description="Peran")
    def peran(self, obj):
        return obj.profil.get_peran_display() if hasattr(obj, "profil") else "–"


# Group funds (kemandirian): read-only here. Entries are written only through the app's
# services, which keep every balance from going negative; a wrong entry is cancelled in the app
# with a reason (kept, struck out, counted nowhere), so the ledger is never edited in place.


class HanyaBacaAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TransaksiKas)
class TransaksiKasAdmin(HanyaBacaAdmin):
    list_display = (
        "tanggal",
        "institusi",
        "jenis",
        "jumlah",
        "uraian",
        "dicatat_oleh",
        "dibatalkan_pada",
        "alasan_batal",
    )
    list_filter = ("jenis", "institusi__jenis", "tanggal", "dibatalkan_pada")
    search_fields = ("uraian", "institusi__nama")
    date_hierarchy = "tanggal"
    list_select_related = ("institusi", "dicatat_oleh")


@admin.register(TarifIuran)
class TarifIuranAdmin(HanyaBacaAdmin):
    list_display = ("institusi", "nominal", "berlaku_mulai")
    search_fields = ("institusi__nama",)
    list_select_related = ("institusi",)


class AnggotaArisanInline(admin.TabularInline):
    model = AnggotaArisan
    extra = 0
    can_delete = False
    readonly_fields = ("nama", "kader", "aktif")


@admin.register(KelompokArisan)
class KelompokArisanAdmin(HanyaBacaAdmin):
    list_display = ("nama", "institusi", "setoran", "siklus", "aktif")
    list_filter = ("aktif",)
    search_fields = ("nama", "institusi__nama")
    list_select_related = ("institusi",)
    inlines = [AnggotaArisanInline]


@admin.register(PutaranArisan)
class PutaranArisanAdmin(HanyaBacaAdmin):
    list_display = ("kelompok", "siklus", "nomor", "tanggal", "pemenang", "jumlah_diterima")
    search_fields = ("kelompok__nama", "pemenang__nama")
    list_select_related = ("kelompok", "pemenang")
