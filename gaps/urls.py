from django.urls import path

from gaps import views

urlpatterns = [
    path("persona/<uuid:pk>/review", views.gap_review_create, name="gap_review_create"),
]
