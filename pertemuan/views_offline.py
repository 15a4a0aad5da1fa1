"""Attendance of a meeting recorded with no signal (issue 13).

A meeting saved on the phone has no number yet, so its attendance page cannot be opened. This
page is the attendance form of a new meeting in the cadre's own area (the cadres who may be
ticked: those of `services.kader_pertemuan` for that area); the phone keeps it as a follow-up
of the meeting and posts it to the meeting's own attendance page once the meeting is sent
(static/pwa/pwa.js, ?imp_induk=). Posting here directly has no meeting to attach it to.
"""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import TemplateView

from kader.models import Kader
from pertemuan import forms, services
from pertemuan.models import HadirUndangan


class KehadiranBaruView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = ("pertemuan.add_pertemuan", "pertemuan.change_pertemuan")
    template_name = "generic/object_form.html"

    def get_context_data(self, **kwargs):
        profil = getattr(self.request.user, "profil", None)
        wilayah = getattr(profil, "wilayah", None)
        if wilayah is None:
            raise Http404("Akun ini tidak punya wilayah.")
        # The form reads the meeting's area, cadres present and guests: a new one has none.
        baru = SimpleNamespace(
            wilayah=wilayah, kader_hadir=Kader.objects.none(), undangan=HadirUndangan.objects.none()
        )
        form = forms.KehadiranForm(
            user=self.request.user, pertemuan=baru, kader_qs=services.kader_pertemuan(baru)
        )
        return super().get_context_data(
            judul="Kehadiran pertemuan",
            keterangan="Pertemuan ini masih tersimpan di ponsel; kehadirannya dikirim "
            "sesudah pertemuannya terkirim.",
            form=form,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        messages.warning(request, "Catat pertemuannya dulu, lalu kehadirannya.")
        return redirect("pertemuan:create")
