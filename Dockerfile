# One image for web (gunicorn), worker (celery) and beat; see docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango and HarfBuzz (subsetting); DejaVu is the PDF font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# pyproject.toml declares no packages, so this layer is the dependencies only and stays
# cached until pyproject.toml changes.
COPY pyproject.toml ./
RUN pip install .

COPY . .

# Static files are baked into the image and served by WhiteNoise. The secret and the keys are
# build-time dummies (collectstatic reads no data): the real ones come from the environment.
RUN DJANGO_SECRET_KEY=build-only-dummy-secret \
    DJANGO_FIELD_ENCRYPTION_KEY=build-only-dummy-key \
    DJANGO_NIK_HASH_KEY=build-only-dummy-hash-key \
    DJANGO_SETTINGS_MODULE=imp_smart.settings.production \
    python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 app \
    && mkdir -p /app/media \
    && chown app:app /app/media
USER app

ENV DJANGO_SETTINGS_MODULE=imp_smart.settings.production
EXPOSE 8000
CMD ["gunicorn", "imp_smart.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--timeout", "60", "--access-logfile", "-"]
