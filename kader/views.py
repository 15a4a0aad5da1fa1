from django.views.generic import TemplateView


class BerandaView(TemplateView):
    template_name = "beranda.html"
