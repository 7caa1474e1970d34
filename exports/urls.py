from django.urls import path

from exports import proposal_views, share_views, views

urlpatterns = [
    path("persona/<uuid:pk>/export", views.persona_export, name="persona_export"),
    path("exports", views.export_list, name="export_list"),
    path("exports/<uuid:pk>/download", views.export_download, name="export_download"),
    path("exports/<uuid:pk>/retry", views.export_retry, name="export_retry"),
    path("letters/<uuid:pk>/export", views.letter_export, name="letter_export"),
    path("persona/<uuid:pk>/share", share_views.persona_share, name="persona_share"),
    path("shares/<uuid:pk>/revoke", share_views.share_revoke, name="share_revoke"),
    path("s/<slug:token>", share_views.share_page, name="share_page"),
    path("s/<slug:token>/pdf", share_views.share_pdf, name="share_pdf"),
    path("team/proposals", proposal_views.team_proposals, name="team_proposals"),
    path("team/proposals/<uuid:pk>/tailor", proposal_views.proposal_tailor, name="proposal_tailor"),
    path("team/proposals/<uuid:pk>/make-now", proposal_views.proposal_make_now, name="proposal_make_now"),
    path("team/proposals/<uuid:pk>/consent/<slug:answer>", proposal_views.proposal_consent, name="proposal_consent"),
    path("team/proposals/<uuid:pk>/download", proposal_views.proposal_download, name="proposal_download"),
]
