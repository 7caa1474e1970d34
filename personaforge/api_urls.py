from django.urls import path
from rest_framework.throttling import ScopedRateThrottle
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from accounts.api import MeView
from cvs import api as cvs_api


class ThrottledTokenView(TokenObtainPairView):
    """Password guesses are limited per client address (allauth limits the login page's)."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"


class ThrottledRefreshView(TokenRefreshView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"


urlpatterns = [
    path("auth/token", ThrottledTokenView.as_view(), name="api_token"),
    path("auth/token/refresh", ThrottledRefreshView.as_view(), name="api_token_refresh"),
    path("me", MeView.as_view(), name="api_me"),
    path("cvs/", cvs_api.CVListView.as_view(), name="api_cvs"),
    path("cvs/<uuid:pk>/", cvs_api.CVDetailView.as_view(), name="api_cv"),
    path("cvs/<uuid:pk>/reparse/", cvs_api.CVReparseView.as_view(), name="api_cv_reparse"),
    path("knowledge-base/", cvs_api.KnowledgeListView.as_view(), name="api_knowledge"),
    path("knowledge-base/<uuid:pk>/", cvs_api.KnowledgeDetailView.as_view(), name="api_fact"),
]
