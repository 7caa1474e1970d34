import pytest
from django.contrib import admin
from django.urls import reverse

from cvs.tests.factories import CVFactory
from personas.tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

OUR_APPS = {"accounts", "cvs", "personas", "gaps", "templates_app", "exports", "personaforge"}


def test_every_model_of_ours_is_registered():
    from django.apps import apps

    ours = {m for m in apps.get_models() if m._meta.app_label in OUR_APPS}
    assert ours - set(admin.site._registry) == set()


def test_staff_can_open_every_list_and_add_page(client, staff_user, user):
    CVFactory(user=user)
    PersonaFactory(user=user)
    client.force_login(staff_user)
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        changelist = client.get(reverse("admin:{}_{}_changelist".format(*info)), {"q": "example"})
        assert changelist.status_code == 200, model
        assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code in (200, 403), model


def test_staff_can_open_a_users_cv(client, staff_user, user):
    cv = CVFactory(user=user)
    client.force_login(staff_user)
    assert client.get(reverse("admin:cvs_cv_change", args=[cv.pk])).status_code == 200


def test_the_admin_is_closed_to_ordinary_users(owner_client):
    response = owner_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url
