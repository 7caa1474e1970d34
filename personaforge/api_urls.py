from django.urls import path
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from accounts.api import MeView

urlpatterns = [
    path("auth/token", TokenObtainPairView.as_view(), name="api_token"),
    path("auth/token/refresh", TokenRefreshView.as_view(), name="api_token_refresh"),
    path("me", MeView.as_view(), name="api_me"),
]
