from django.urls import path

from cvs import views

urlpatterns = [
    path("upload", views.upload, name="cv_upload"),
    path("cv/<uuid:pk>", views.cv_detail, name="cv_detail"),
    path("cv/<uuid:pk>/download", views.cv_download, name="cv_download"),
    path("cv/<uuid:pk>/reread", views.cv_reread, name="cv_reread"),
    path("cv/<uuid:pk>/review", views.cv_review, name="cv_review"),
    path("cv/<uuid:pk>/confirm", views.cv_confirm, name="cv_confirm"),
    path("cv/<uuid:pk>/delete", views.cv_delete, name="cv_delete"),
    path("knowledge", views.knowledge, name="knowledge"),
    path("knowledge/merge", views.knowledge_merge, name="knowledge_merge"),
    path("knowledge/<uuid:pk>/edit", views.knowledge_edit, name="knowledge_edit"),
    path("knowledge/<uuid:pk>/delete", views.knowledge_delete, name="knowledge_delete"),
]
