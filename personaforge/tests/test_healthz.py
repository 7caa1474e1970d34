import pytest
from django.urls import reverse

from personaforge.celery import app

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("celery_worker")
def test_it_reports_everything_up_when_a_worker_listens(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "worker": "ok"}


def test_it_says_what_is_down_when_the_broker_is_unreachable(client, monkeypatch):
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "down", "worker": "down"}
