"""Celery application: one image runs web, worker and beat (cookiecutter wiring)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imp_smart.settings.local")

app = Celery("imp_smart", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
