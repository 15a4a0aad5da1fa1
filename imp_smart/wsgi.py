import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imp_smart.settings.production")
application = get_wsgi_application()

from imp_smart.proses import siapkan_proses  # noqa: E402  (needs Django set up)

siapkan_proses()
