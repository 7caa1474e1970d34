from django.urls import path

from accounts import views

urlpatterns = [
    path("account", views.account_page, name="account"),
    path("account/tokens/<uuid:pk>/revoke", views.token_revoke_view, name="token_revoke"),
    path("account/data", views.archive_request, name="archive_request"),
    path("account/data/<uuid:pk>", views.archive_download, name="archive_download"),
    path("account/delete", views.account_delete, name="account_delete"),
    path("plan", views.plan_page, name="plan"),
    path("plan/checkout", views.plan_checkout, name="plan_checkout"),
    path("plan/portal", views.plan_portal, name="plan_portal"),
    path("billing/stripe/webhook", views.stripe_webhook, name="stripe_webhook"),
]
