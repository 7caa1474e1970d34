from django.urls import path

from personas import views

urlpatterns = [
    path("persona/new", views.persona_new, name="persona_new"),
    path("persona/<uuid:pk>", views.persona_detail, name="persona_detail"),
    path("persona/<uuid:pk>/diff", views.persona_diff, name="persona_diff"),
    path("persona/<uuid:pk>/duplicate", views.persona_duplicate, name="persona_duplicate"),
    path("persona/<uuid:pk>/versions/<int:number>/restore", views.persona_restore, name="persona_restore"),
    path("persona/<uuid:pk>/versions/<int:number>/name", views.persona_version_name, name="persona_version_name"),
]
