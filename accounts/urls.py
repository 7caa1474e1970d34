from django.urls import path

from accounts import views

urlpatterns = [
    path("plan", views.plan_page, name="plan"),
    path("plan/checkout", views.plan_checkout, name="plan_checkout"),
    path("plan/portal", views.plan_portal, name="plan_portal"),
    path("billing/stripe/webhook", views.stripe_webhook, name="stripe_webhook"),
]
