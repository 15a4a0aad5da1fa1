"""Django admin for the administrator (role admin): every pertemuan model, read and correct."""

from django.contrib import admin

from pertemuan import models as m


class AgendaInline(admin.TabularInline):
    model = m.AgendaPertemuan
    extra = 0


class UndanganInline(admin.TabularInline):
    model = m.HadirUndangan
    extra = 0


class FotoInline(admin.TabularInline):
    model = m.FotoPertemuan
    extra = 0


@admin.register(m.Pertemuan)
class PertemuanAdmin(admin.ModelAdmin):
    list_display = ("tanggal", "judul", "wilayah", "institusi")
    list_filter = ("wilayah__tingkat",)
    search_fields = ("judul", "tempat", "wilayah__nama")
    date_hierarchy = "tanggal"
    raw_id_fields = ("wilayah", "institusi", "dibuat_oleh")
    filter_horizontal = ("kader_hadir",)
    inlines = [AgendaInline, UndanganInline, FotoInline]


@admin.register(m.TindakLanjut)
class TindakLanjutAdmin(admin.ModelAdmin):
    list_display = ("uraian", "penanggung_jawab", "batas_waktu", "status")
    list_filter = ("status",)
    raw_id_fields = ("masalah", "ditutup_pada")


@admin.register(m.SesiKIE)
class SesiKIEAdmin(admin.ModelAdmin):
    list_display = ("tanggal", "topik", "sasaran", "wilayah", "peserta_l", "peserta_p")
    list_filter = ("topik", "sasaran")
    raw_id_fields = ("wilayah", "institusi", "dibuat_oleh")


@admin.register(m.Konseling)
class KonselingAdmin(admin.ModelAdmin):
    list_display = ("tanggal", "anggota", "hasil", "metode", "desa")
    list_filter = ("hasil", "topik")
    raw_id_fields = ("anggota", "desa", "dusun", "kader", "dibuat_oleh")


class AnggotaPoktanInline(admin.TabularInline):
    model = m.AnggotaPoktan
    extra = 0
    raw_id_fields = ("keluarga",)


@admin.register(m.Poktan)
class PoktanAdmin(admin.ModelAdmin):
    list_display = ("nama", "jenis", "wilayah", "aktif")
    list_filter = ("jenis", "aktif")
    raw_id_fields = ("wilayah", "institusi")
    inlines = [AnggotaPoktanInline]


@admin.register(m.KegiatanPoktan)
class KegiatanPoktanAdmin(admin.ModelAdmin):
    list_display = ("tanggal", "poktan", "materi", "hadir")
    raw_id_fields = ("poktan",)


class PesertaInline(admin.TabularInline):
    model = m.PesertaPelatihan
    extra = 0
    raw_id_fields = ("kader",)


@admin.register(m.Pelatihan)
class PelatihanAdmin(admin.ModelAdmin):
    list_display = ("judul", "tanggal_mulai", "penyelenggara", "wilayah")
    raw_id_fields = ("wilayah",)
    inlines = [PesertaInline]


# --- programme activities (models/program.py) ------------------------------------------------


class KeterlibatanMitraInline(admin.TabularInline):
    model = m.KeterlibatanMitra
    extra = 0
    raw_id_fields = ("mitra",)
    fields = ("mitra", "peran", "jumlah_terjangkau", "jumlah_akseptor")


class FotoSosialisasiInline(admin.TabularInline):
    model = m.FotoSosialisasi
    extra = 0


@admin.register(m.Sosialisasi)
class SosialisasiAdmin(admin.ModelAdmin):
    list_display = ("tanggal", "judul", "jenis", "sasaran", "wilayah", "jumlah_terjangkau")
    list_filter = ("jenis", "sasaran", "wilayah__tingkat")
    search_fields = ("judul", "tempat", "wilayah__nama")
    date_hierarchy = "tanggal"
    raw_id_fields = ("wilayah", "dibuat_oleh")
    inlines = [KeterlibatanMitraInline, FotoSosialisasiInline]


class AkseptorInline(admin.TabularInline):
    model = m.AkseptorPelayanan
    extra = 0
    raw_id_fields = ("anggota", "perubahan_status", "kader")


@admin.register(m.PelayananKB)
class PelayananKBAdmin(admin.ModelAdmin):
    list_display = ("tanggal", "judul", "jenis", "wilayah", "tempat")
    list_filter = ("jenis",)
    search_fields = ("judul", "tempat", "wilayah__nama")
    date_hierarchy = "tanggal"
    raw_id_fields = ("wilayah", "dibuat_oleh")
    inlines = [AkseptorInline, KeterlibatanMitraInline]


@admin.register(m.KelompokMasyarakat)
class KelompokMasyarakatAdmin(admin.ModelAdmin):
    list_display = ("nama", "jenis", "wilayah", "institusi_asal", "induk", "jumlah_anggota")
    list_filter = ("jenis", "aktif")
    search_fields = ("nama", "wilayah__nama")
    raw_id_fields = ("wilayah", "institusi_asal", "induk", "kader", "dibuat_oleh")


@admin.register(m.ModalUppka)
class ModalUppkaAdmin(admin.ModelAdmin):
    list_display = ("poktan", "tanggal", "sumber", "arah", "jumlah", "dicatat_oleh")
    list_filter = ("sumber", "arah")
    search_fields = ("poktan__nama", "keterangan")
    date_hierarchy = "tanggal"

    # A ledger: corrected by a new entry on the UPPKA page (whose service keeps what is held
    # never below zero), not by editing rows here.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
