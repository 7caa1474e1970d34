from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.stats import active_users, daily_figures


@staff_member_required
@require_GET
def staff_stats(request: HttpRequest) -> HttpResponse:
    """Sign-ups, active users, exports and AI cost per day, for staff."""
    context = {
        **admin.site.each_context(request), "title": "Stats", "days": daily_figures(days=14),
        "active_7": active_users(days=7), "active_30": active_users(days=30),
    }  # fmt: skip
    return render(request, "admin/stats.html", context)
