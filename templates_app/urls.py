from django.urls import path

from templates_app import views

urlpatterns = [
    path("templates", views.template_list, name="template_list"),
    path("templates/<uuid:pk>", views.template_edit, name="template_edit"),
    path("templates/<uuid:pk>/preview", views.template_preview, name="template_preview"),
    path("templates/<uuid:pk>/delete", views.template_delete, name="template_delete"),
]
