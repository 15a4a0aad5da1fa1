"""Admin of the framework's models: every background job (imp_smart.Pekerjaan), read-only —
jobs are made by their apps' services and run by imp_smart/jobs.py, never edited by hand."""

from django.contrib import admin

from imp_smart.models import Pekerjaan


@admin.register(Pekerjaan)
class PekerjaanAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "jenis_pekerjaan",
        "kunci",
        "versi",
        "status",
        "progres",
        "percobaan",
        "diminta_pada",
        "selesai_pada",
    ]
    list_filter = ["jenis_pekerjaan", "status"]
    search_fields = ["kunci", "nama_berkas"]
    date_hierarchy = "diminta_pada"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
