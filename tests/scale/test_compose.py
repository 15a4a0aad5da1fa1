"""docker-compose.yml can run several web and worker containers behind one proxy:
`docker compose up --scale web=2 --scale worker=2`."""

from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def layanan():
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((AKAR / "docker-compose.yml").read_text())["services"]


def test_web_and_worker_can_be_scaled(layanan):
    for nama in ("web", "worker"):
        # A fixed name or host port would stop a second replica from starting.
        assert "container_name" not in layanan[nama]
        assert "ports" not in layanan[nama]
    assert not [n for n, s in layanan.items() if "container_name" in s]
    # Migrations run once, before web and worker start, not in every web replica.
    assert "migrate" not in layanan["web"]["command"]
    assert "migrate" in layanan["migrate"]["command"]
    for nama in ("web", "worker", "beat"):
        assert layanan[nama]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }


def test_the_proxy_is_the_one_published_port_and_spreads_over_web(layanan):
    assert [n for n, s in layanan.items() if s.get("ports")] == ["proxy"]
    konf = (AKAR / "deploy" / "nginx.conf").read_text()
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in layanan["proxy"]["volumes"]
    assert "server web:8000 resolve;" in konf  # every replica, re-read as they come and go
    assert "proxy_pass http://imp_web;" in konf
    assert "/media" not in konf  # private files only through the app's views


def test_object_store_is_optional(layanan):
    assert layanan["minio"]["profiles"] == ["s3"]
    assert "ports" not in layanan["minio"]  # only the app reads the bucket
