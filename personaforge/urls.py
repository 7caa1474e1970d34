from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from personaforge import plan_views, staff_views, team_views, views

admin.site.site_header = "PersonaForge staff"
admin.site.site_title = "PersonaForge admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard", views.dashboard, name="dashboard"),
    # A background job's progress (the path predates the name; /jobs/<id>/delete is a job posting's).
    path("jobs/<uuid:pk>", views.background_job_status, name="background_job_status"),
    path("healthz", views.healthz, name="healthz"),
    path("search", views.search, name="search"),
    path("plan", plan_views.plan_page, name="plan"),
    path("team", team_views.team_page, name="team"),
    path("", include("accounts.urls")),
    path("", include("cvs.urls")),
    path("", include("personas.urls")),
    path("", include("gaps.urls")),
    path("", include("exports.urls")),
    path("", include("templates_app.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/login/", staff_views.staff_login, name="staff_login"),
    path("admin/stats/", staff_views.staff_stats, name="staff_stats"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("personaforge.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # The split view serves its start-up script as a file of its own, which the Content Security Policy allows.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
]
