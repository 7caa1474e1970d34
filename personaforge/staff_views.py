from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from personaforge.staff_stats import active_users, daily_figures


@staff_member_required
@require_GET
def staff_stats(request: HttpRequest) -> HttpResponse:
    """Sign-ups, active users, exports and AI cost per day, for staff."""
    context = {
        **admin.site.each_context(request),
        "title": "Stats",
        "days": daily_figures(days=14),
        "active_7": active_users(days=7),
        "active_30": active_users(days=30),
    }
    return render(request, "admin/stats.html", context)


@require_GET
def staff_login(request: HttpRequest) -> HttpResponse:
    """Staff log in through the site's login page, whose failed attempts are throttled (the admin's own is not)."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("admin:index")
    if admin.site.has_permission(request):
        return redirect(next_url)
    if request.user.is_authenticated:  # signed in, not staff: the admin sent them here; say no rather than loop
        raise PermissionDenied("This account has no access to the staff admin.")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
