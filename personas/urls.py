from django.urls import path

from personas import editor_views, photo_views, team_views, views

urlpatterns = [
    path("persona/new", views.persona_new, name="persona_new"),
    path("persona/<uuid:pk>", views.persona_detail, name="persona_detail"),
    path("persona/<uuid:pk>/diff", views.persona_diff, name="persona_diff"),
    path("persona/<uuid:pk>/notes/<uuid:note_pk>/<slug:decision>", views.lead_note_decide, name="lead_note_decide"),
    path("persona/<uuid:pk>/activate", views.persona_activate, name="persona_activate"),
    path("persona/<uuid:pk>/duplicate", views.persona_duplicate, name="persona_duplicate"),
    path("persona/<uuid:pk>/delete", views.persona_delete, name="persona_delete"),
    path("persona/<uuid:pk>/translate", views.persona_translate, name="persona_translate"),
    path("persona/<uuid:pk>/translation-synced", views.persona_translation_synced, name="persona_translation_synced"),
    path("persona/<uuid:pk>/versions/<int:number>/restore", views.persona_restore, name="persona_restore"),
    path("persona/<uuid:pk>/versions/<int:number>/name", views.persona_version_name, name="persona_version_name"),
    path("persona/<uuid:pk>/photo", photo_views.persona_photo, name="persona_photo"),
    path("persona/<uuid:pk>/photo/change", photo_views.persona_photo_change, name="persona_photo_change"),
    # the section editor
    path("persona/<uuid:pk>/sections/new", editor_views.custom_section_add, name="custom_section_add"),
    path("persona/<uuid:pk>/sections/<slug:key>", editor_views.section_show, name="section_show"),
    path(
        "persona/<uuid:pk>/sections/<slug:key>/remove", editor_views.custom_section_remove, name="custom_section_remove"
    ),
    path("persona/<uuid:pk>/sections/<slug:key>/move/<slug:direction>", editor_views.section_move, name="section_move"),
    path("persona/<uuid:pk>/sections/<slug:key>/order", editor_views.section_reorder, name="section_reorder"),
    path("persona/<uuid:pk>/sections/<slug:key>/<int:index>", editor_views.section_item, name="section_item"),
    path(
        "persona/<uuid:pk>/sections/<slug:key>/<int:index>/<slug:action>",
        editor_views.section_item_action,
        name="section_item_action",
    ),
    path(
        "persona/<uuid:pk>/sections/<slug:key>/<int:index>/highlights/<int:highlight>/toggle",
        editor_views.section_highlight_toggle,
        name="section_highlight_toggle",
    ),
    path(
        "persona/<uuid:pk>/skills/from-knowledge/<uuid:entry>",
        editor_views.skill_from_knowledge,
        name="skill_from_knowledge",
    ),
    path("team/members/<uuid:pk>", team_views.team_member_personas, name="team_member"),
    path("team/personas/<uuid:pk>/notes", team_views.team_note_create, name="team_note_create"),
    path("team/personas/<uuid:pk>/share", team_views.team_persona_share, name="team_persona_share"),
    path("team/shared/<uuid:pk>", team_views.team_shared_persona, name="team_shared_persona"),
]
