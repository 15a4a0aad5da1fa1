import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    ["pertemuan", "tindaklanjut", "sesikie", "konseling", "poktan", "kegiatanpoktan", "pelatihan"],
)
def test_admin_pages_open(client, users, objek, model):
    client.force_login(users.admin)
    assert client.get(reverse(f"admin:pertemuan_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:pertemuan_{model}_add")).status_code == 200
