"""The account page (name, API tokens, all my data, deleting the account), the plan page (usage, and how to
change plan), and the billing backend's webhook."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import data, emails, moderation
from accounts.billing import BillingError, StripeBilling, billing_backend
from accounts.forms import DeleteAccountForm, ProfileForm, TokenForm
from accounts.http import AuthedRequest
from accounts.models import ApiToken, EmailKind, Plan
from accounts.selectors import token_get_for_user
from accounts.services import user_update_profile
from accounts.tokens import TokenRefused, token_create, token_revoke
from personaforge.core.jobs import job_get_for_user, job_to_show
from personaforge.core.models import BackgroundJob


@login_required
@require_POST
def plan_checkout(request: AuthedRequest) -> HttpResponse:
    """To the billing backend's payment page for Pro or Team."""
    plan = request.POST.get("plan", "")
    if plan not in (Plan.PRO, Plan.TEAM):
        messages.error(request, "Choose Pro or Team.")
        return redirect("plan")
    try:
        return redirect(billing_backend().checkout_url(user=request.user, plan=plan, return_url=_back(request)))
    except BillingError as error:
        messages.error(request, str(error))
        return redirect("plan")


@login_required
@require_POST
def plan_portal(request: AuthedRequest) -> HttpResponse:
    """To the billing backend's page for invoices, card and cancelling."""
    try:
        return redirect(billing_backend().portal_url(user=request.user, return_url=_back(request)))
    except BillingError as error:
        messages.error(request, str(error))
        return redirect("plan")


@csrf_exempt  # signed by the billing backend instead
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    backend = billing_backend()
    if not isinstance(backend, StripeBilling):
        return HttpResponse("No billing webhooks here.", status=404, content_type="text/plain")
    try:
        backend.handle_webhook(payload=request.body, signature=request.headers.get("Stripe-Signature", ""))
    except BillingError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


def _back(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("plan"))


@login_required
@require_GET
def account_page(request: AuthedRequest) -> HttpResponse:
    """Name, API tokens, email choices, all my data, deleting the account."""
    return _account_page(request)


@login_required
@require_POST
def account_profile(request: AuthedRequest) -> HttpResponse:
    profile = ProfileForm(request.POST)
    if not profile.is_valid():
        return _account_page(request, profile=profile, status=400)
    user_update_profile(user=request.user, **profile.cleaned_data)
    messages.success(request, "Saved.")
    return redirect("account")


@login_required
@require_POST
def token_create_view(request: AuthedRequest) -> HttpResponse:
    """A new token, shown once: on this response only."""
    token_form = TokenForm(request.POST)
    if not token_form.is_valid():
        return _account_page(request, token_form=token_form, status=400)
    try:
        _, new_token = token_create(user=request.user, name=token_form.cleaned_data["name"])
    except TokenRefused as refused:
        messages.error(request, str(refused))
        return _account_page(request, token_form=token_form, status=400)
    return _account_page(request, new_token=new_token)


@login_required
@require_POST
def email_choices(request: AuthedRequest) -> HttpResponse:
    for kind in emails.OPTIONAL_KINDS:
        emails.preference_set(email=request.user.email, kind=kind, subscribed=request.POST.get(kind) == "on")
    messages.success(request, "Your email choices are saved.")
    return redirect(f"{reverse('account')}#emails")


def _account_page(
    request: AuthedRequest,
    *,
    profile: ProfileForm | None = None,
    token_form: TokenForm | None = None,
    new_token: str = "",
    status: int = 200,
) -> HttpResponse:
    user = request.user
    context = {
        "email_choices": [(kind, emails.subscribed(user.email, kind)) for kind in emails.OPTIONAL_KINDS],
        "profile": profile or ProfileForm(initial={"name": user.name, "language": user.language}),
        "token_form": token_form or TokenForm(),
        "new_token": new_token,
        "tokens": ApiToken.objects.filter(user=user),
        "delete_form": DeleteAccountForm(email=user.email),
        "archive_job": job_to_show(user=user, subject_id=user.pk, changed_at=user.created_at),
    }
    return render(request, "accounts/account.html", context, status=status)


@login_required
@require_POST
def token_revoke_view(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    token = token_get_for_user(user=request.user, pk=pk)
    token_revoke(token=token)
    messages.success(request, f"“{token.name}” no longer works.")
    return redirect("account")


@login_required
@require_POST
def archive_request(request: AuthedRequest) -> HttpResponse:
    data.account_archive_request(user=request.user)
    return redirect(f"{reverse('account')}#data")


@login_required
@require_GET
def archive_download(request: AuthedRequest, pk: uuid.UUID) -> FileResponse:
    return archive_file_response(job_get_for_user(user=request.user, pk=pk))


def archive_file_response(job: BackgroundJob) -> FileResponse:
    """The zip an archive job made, as a download (the page's link and the API's), or 404."""
    if (
        job.kind != data.ARCHIVE
        or job.status != job.Status.SUCCEEDED
        or not default_storage.exists(data.archive_path(job.pk))
    ):
        raise Http404("No such archive.")
    name = f"personaforge-{job.created_at:%Y-%m-%d}.zip"
    return FileResponse(default_storage.open(data.archive_path(job.pk), "rb"), as_attachment=True, filename=name)


@login_required
@require_POST
def account_delete(request: AuthedRequest) -> HttpResponse:
    """Schedule the account's deletion after the grace period, or cancel it (`cancel`)."""
    if "cancel" in request.POST:
        data.account_deletion_cancel(user=request.user)
        messages.success(request, "Your account will not be deleted.")
        return redirect("account")
    form = DeleteAccountForm(request.POST, email=request.user.email)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for error in form.errors.get("confirm", [])))
        return redirect(f"{reverse('account')}#delete")
    user = data.account_deletion_schedule(user=request.user)
    messages.success(
        request,
        f"Your account and everything in it will be deleted on {user.deletion_due_at:%d %B %Y}. "
        "Until then you can change your mind here.",
    )
    return redirect("account")


@login_required
@require_POST
def notice_dismiss(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    notice = request.user.notices.filter(pk=pk).first()
    if notice is None:
        raise Http404("No such notice.")
    moderation.notice_dismiss(notice=notice)
    return redirect("dashboard")


@csrf_exempt  # a mail client's one-click unsubscribe (RFC 8058) posts without a form; the signed link is the proof
@require_http_methods(["GET", "POST"])
def email_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop one kind of email to one address, from the link in such an email: no login, honoured at once."""
    found = emails.unsubscribe_read(token)
    if found is None:
        return render(request, "accounts/unsubscribe.html", {"invalid": True}, status=400)
    address, kind = found
    done = request.method == "POST"
    if done:
        emails.preference_set(email=address, kind=kind, subscribed=request.POST.get("resubscribe") == "1")
    context = {
        "address": address,
        "kind": EmailKind(kind),
        "done": done,
        "subscribed": emails.subscribed(address, kind),
    }
    return render(request, "accounts/unsubscribe.html", context)
