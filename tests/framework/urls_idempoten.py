"""A tiny URLconf for the idempotency tests: one form view that writes a row (an auth Group, a
framework model) and answers like every form here (Post/Redirect/Get)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.models import Group
from django.shortcuts import redirect
from django.template import engines
from django.template.response import TemplateResponse
from django.urls import include, path

from imp_smart import offline


class GrupForm(forms.Form):
    nama = forms.CharField(label="Nama grup", max_length=50)


def buat_grup(request):
    form = GrupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        nama = form.cleaned_data["nama"]
        grup = Group.objects.create(name=nama)
        if nama.startswith("tolak"):  # written, then refused with a message: must roll back
            messages.error(request, "Grup ini ditolak.")
            return redirect("/grup/")
        messages.success(request, "Grup disimpan.")
        return redirect(f"/grup/{grup.pk}/")
    halaman = engines["django"].from_string("<form method=post>{{ form }}</form>")
    return TemplateResponse(request, halaman, {"form": form})


urlpatterns = [
    path("grup/", buat_grup),
    path("", include(offline.urlpatterns)),
]
