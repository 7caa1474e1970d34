from django.urls import path

from personas import views

urlpatterns = [
    path("persona/new", views.persona_new, name="persona_new"),
    path("persona/<uuid:pk>", views.persona_detail, name="persona_detail"),
]
