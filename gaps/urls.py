from django.urls import path

from gaps import import_views, views

urlpatterns = [
    path("persona/<uuid:pk>/review", views.gap_review_create, name="gap_review_create"),
    path("persona/<uuid:pk>/fit", views.gap_fit, name="gap_fit"),
    path("persona/<uuid:pk>/feedback", views.persona_feedback, name="persona_feedback"),
    path("jobs", views.jobs, name="jobs"),
    path("jobs/import", import_views.job_import, name="job_import"),
    path("jobs/import/<uuid:pk>", import_views.job_import_review, name="job_import_review"),
    path("jobs/<uuid:job_id>/delete", views.job_delete, name="job_delete"),
    path("apply/<uuid:job_id>", views.apply, name="apply"),
    path("apply/<uuid:job_id>/fit", views.apply_fit, name="apply_fit"),
    path("apply/<uuid:job_id>/questions", views.apply_questions, name="apply_questions"),
    path("apply/<uuid:job_id>/tailoring", views.apply_tailor, name="apply_tailor"),
    path("apply/<uuid:job_id>/letter", views.apply_letter, name="apply_letter"),
    path("apply/<uuid:job_id>/application", views.application_save_view, name="application_save"),
    path("applications", views.applications, name="applications"),
    path("letters/<uuid:pk>/edit", views.cover_letter_edit_view, name="cover_letter_edit"),
    path("questions/<uuid:pk>", views.question_respond, name="question_respond"),
    path("tailorings/<uuid:pk>/decide", views.tailoring_decide_view, name="tailoring_decide"),
]
