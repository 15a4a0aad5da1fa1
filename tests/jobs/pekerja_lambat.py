"""A real Celery worker process whose recap render and import write are slow, to be SIGKILLed.

Run by tests/jobs/conftest.py as `python -m tests.jobs.pekerja_lambat <celery worker args>`.
Environment: IMP_UJI_JEDA = seconds to sleep inside the recap render (before the PDF is made)
and inside the import's transaction (after its rows are written, before the commit);
IMP_UJI_PENANDA = a file created (holding the pid) when the slow part starts; the test then
kills that process. Only the first job that creates it is slow.
"""

import os
import sys
import time

import django


def _lambat(fungsi):
    jeda = float(os.environ.get("IMP_UJI_JEDA", "0"))
    penanda = os.environ.get("IMP_UJI_PENANDA")

    def pembungkus(*args, **kwargs):
        hasil = fungsi(*args, **kwargs)
        if penanda:
            try:  # slow only the first time (a prefork pool's next process is not)
                with open(penanda, "x") as f:
                    f.write(str(os.getpid()))
            except FileExistsError:
                return hasil
        time.sleep(jeda)
        return hasil

    return pembungkus


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.jobs.settings_pekerja")
    django.setup()
    from imp_smart import celery_app
    from kader import draft_sk
    from laporan import services_rekap
    from pendataan.impor import keluarga

    # Recap files and the draft SK: slow while rendering (the heartbeat keeps the lease).
    services_rekap.render_pdf = _lambat(services_rekap.render_pdf)
    draft_sk.render_pdf = _lambat(draft_sk.render_pdf)
    # The import: rows written inside the open transaction, then slow before the commit.
    keluarga.tulis = _lambat(keluarga.tulis)
    celery_app.worker_main(["worker", *sys.argv[1:]])


if __name__ == "__main__":
    main()
