from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from pendataan.models import (
    AksesNik,
    Impor,
    Keluarga,
    KonfirmasiPus,
    Mutasi,
    PerubahanStatus,
    TargetMetode,
    TargetPB,
)


@admin.register(Keluarga)
class KeluargaAdmin(admin.ModelAdmin):
    list_display = ("nama_kepala", "no_kk_samar", "desa", "dusun", "rt", "tahapan_ks")
    list_select_related = ("desa", "dusun")
    search_fields = ("nama_kepala",)
    raw_id_fields = ("desa", "dusun")
    exclude = ("no_kk",)
    readonly_fields = ("no_kk_hash",)


@admin.register(TargetPB)
class TargetPBAdmin(admin.ModelAdmin):
    list_display = ("desa", "tahun", "target")
    list_filter = ("tahun",)
    raw_id_fields = ("desa",)


@admin.register(TargetMetode)
class TargetMetodeAdmin(admin.ModelAdmin):
    list_display = ("desa", "tahun", "metode", "target_pb", "target_pa", "diubah_pada")
    list_filter = ("tahun", "metode")
    list_select_related = ("desa",)
    raw_id_fields = ("desa",)


@admin.register(AksesNik)
class AksesNikAdmin(admin.ModelAdmin):
    list_display = ("waktu", "user", "keluarga_id", "alamat_ip")
    list_select_related = ("user",)
    readonly_fields = ("waktu", "user", "keluarga", "alamat_ip")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Impor)
class ImporAdmin(admin.ModelAdmin):
    list_display = (
        "nama_berkas",
        "jenis",
        "status",
        "jumlah_baris",
        "jumlah_kesalahan",
        "diminta_pada",
    )
    list_filter = ("jenis", "status")


@admin.register(Mutasi)
class MutasiAdmin(admin.ModelAdmin):
    list_display = ("tanggal", "jenis", "anggota", "keluarga")
    raw_id_fields = ("anggota", "keluarga", "dicatat_oleh")


@admin.register(PerubahanStatus)
class PerubahanStatusAdmin(SimpleHistoryAdmin):  # who changed a status, and from what
    list_display = ("anggota_id", "bulan", "status", "jalur", "peserta_baru", "sumber")
    list_filter = ("status", "sumber", "peserta_baru")
    raw_id_fields = ("anggota", "desa", "dicatat_oleh")


@admin.register(KonfirmasiPus)
class KonfirmasiPusAdmin(admin.ModelAdmin):
    """'Tidak ada perubahan bulan ini' of a PUS page: who confirmed, when (read only)."""

    list_display = ("wilayah", "bulan", "oleh", "pada")
    list_filter = ("bulan",)
    search_fields = ("wilayah__nama", "oleh__username")
    readonly_fields = ("wilayah", "bulan", "oleh", "pada")

    def has_add_permission(self, request):
        return False
