from django.urls import path

from gaps import views

urlpatterns = [
    path("persona/<uuid:pk>/review", views.gap_review_create, name="gap_review_create"),
    path("persona/<uuid:pk>/fit", views.gap_fit, name="gap_fit"),
]
