from django.contrib import admin

from laporan.models import BerkasRekap, LaporanDesa, Pengingat, RiwayatLaporan


class RiwayatInline(admin.TabularInline):
    model = RiwayatLaporan
    extra = 0
    can_delete = False
    readonly_fields = ["aksi", "dari_status", "ke_status", "oleh", "pada", "alasan"]
    exclude = ["angka"]


@admin.register(LaporanDesa)
class LaporanDesaAdmin(admin.ModelAdmin):
    list_display = ["desa", "bulan", "status", "nihil", "dikirim_pertama_pada", "disetujui_pada"]
    list_filter = ["status", "bulan", "desa__kecamatan"]
    search_fields = ["desa__nama", "desa__kode"]
    list_select_related = ["desa"]
    readonly_fields = ["angka_otomatis", "koreksi", "angka_beku", "status"]
    inlines = [RiwayatInline]


@admin.register(BerkasRekap)
class BerkasRekapAdmin(admin.ModelAdmin):
    list_display = ["jenis", "bulan", "versi", "status", "progres", "sha256", "selesai_pada"]
    list_filter = ["jenis", "status"]
    readonly_fields = ["sha256", "token_klaim", "berkas", "kunci", "jenis_pekerjaan"]


@admin.register(Pengingat)
class PengingatAdmin(admin.ModelAdmin):
    list_display = ["bulan", "jenis", "user", "dikirim_pada"]
    list_filter = ["jenis", "bulan"]
