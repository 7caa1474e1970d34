from django.urls import path

from exports import views

urlpatterns = [
    path("persona/<uuid:pk>/export", views.persona_export, name="persona_export"),
    path("exports", views.export_list, name="export_list"),
    path("exports/<uuid:pk>/download", views.export_download, name="export_download"),
    path("letters/<uuid:pk>/export", views.letter_export, name="letter_export"),
]
