from django.urls import path

from accounts import team_views, views

urlpatterns = [
    path("team/create", team_views.team_create_view, name="team_create"),
    path("team/invitations", team_views.team_invite, name="team_invite"),
    path("team/settings", team_views.team_settings_view, name="team_settings"),
    path("team/members/<uuid:pk>/<slug:action>", team_views.team_member_action, name="team_member_action"),
    path("team/invitations/<uuid:pk>/cancel", team_views.team_invitation_cancel, name="team_invitation_cancel"),
    path("team/join/<slug:token>", team_views.team_join, name="team_join"),
    path("account", views.account_page, name="account"),
    path("account/profile", views.account_profile, name="account_profile"),
    path("account/tokens", views.token_create_view, name="token_create"),
    path("account/emails", views.email_choices, name="email_choices"),
    path("account/tokens/<uuid:pk>/revoke", views.token_revoke_view, name="token_revoke"),
    path("account/data", views.archive_request, name="archive_request"),
    path("account/data/<uuid:pk>", views.archive_download, name="archive_download"),
    path("account/delete", views.account_delete, name="account_delete"),
    path("email/unsubscribe/<str:token>", views.email_unsubscribe, name="email_unsubscribe"),
    path("notices/<uuid:pk>/dismiss", views.notice_dismiss, name="notice_dismiss"),
    path("plan/checkout", views.plan_checkout, name="plan_checkout"),
    path("plan/portal", views.plan_portal, name="plan_portal"),
    path("billing/stripe/webhook", views.stripe_webhook, name="stripe_webhook"),
]
