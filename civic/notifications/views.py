"""Inbox, preferences and the login-free unsubscribe page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import FormView, ListView

from . import services
from .choices import EmailMode
from .forms import PreferencesForm, UnsubscribeForm
from .models import Notification
from .registry import UnknownKind, get_account_kind
from .selectors import notifications_inbox
from .tokens import ALL_KINDS, DIGEST_KINDS, InvalidToken, read_token


def _safe_local(request, url: str) -> bool:
    hosts = {request.get_host(), urlsplit(settings.SITE_URL).netloc}
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts=hosts, require_https=request.is_secure()
    )


def _next_or_inbox(request):
    target = request.POST.get("next", "")
    if _safe_local(request, target):
        # Never `redirect(target)`: it would take a word for a view name.
        return HttpResponseRedirect(target)
    return redirect("notifications:inbox")


def _own_notification(request, pk: int) -> Notification:
    """The requester's own visible notification, or 404 (never reveal others')."""
    return get_object_or_404(
        Notification.objects.visible(), pk=pk, recipient=request.user
    )


class InboxView(LoginRequiredMixin, ListView):
    """The person's notifications, unread first, 20 per page."""

    template_name = "notifications/inbox.html"
    context_object_name = "notifications"
    paginate_by = 20

    def get_queryset(self):
        return notifications_inbox(user=self.request.user)


@login_required
@require_POST
def mark_read(request, pk: int):
    services.notification_mark_read(notification=_own_notification(request, pk))
    return _next_or_inbox(request)


@login_required
@require_POST
def mark_all_read(request):
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Todas as notificações foram marcadas como lidas."))
    return _next_or_inbox(request)


@login_required
@require_http_methods(["GET"])
def open_notification(request, pk: int):
    """Mark read and follow the notification's link, if it points to this site."""
    notification = _own_notification(request, pk)
    services.notification_mark_read(notification=notification)
    if _safe_local(request, notification.url):
        return redirect(notification.url)
    return redirect("notifications:inbox")


class PreferencesView(LoginRequiredMixin, FormView):
    """How the logged-in person wants each kind of notification by email."""

    template_name = "notifications/preferences.html"
    form_class = PreferencesForm
    success_url = reverse_lazy("notifications:preferences")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["initial_modes"] = services.preferences_of(self.request.user)
        return kwargs

    def form_valid(self, form):
        services.preferences_set(user=self.request.user, modes=form.modes())
        messages.success(self.request, _("Suas preferências foram salvas."))
        return super().form_valid(form)


def _invalid_link(request):
    return render(request, "notifications/unsubscribe_invalid.html", status=400)


# Mail providers POST the one-click request without cookies (RFC 8058 §3.1);
# the signed token, not a CSRF cookie, proves the request comes from the email.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET: choose what to receive. POST without a choice: one-click 'off'."""
    try:
        data = read_token(token)
        if data.scope not in (ALL_KINDS, DIGEST_KINDS):
            get_account_kind(data.scope)
    except (InvalidToken, UnknownKind):
        return _invalid_link(request)
    user = (
        get_user_model()
        .objects.filter(pk=data.user_id, is_active=True, deleted_at__isnull=True)
        .first()
    )
    if user is None:
        return _invalid_link(request)

    if request.method == "POST" and "email_mode" not in request.POST:
        services.unsubscribe_apply(
            user=user, scope=data.scope, email_mode=EmailMode.OFF
        )
        return render(
            request,
            "notifications/unsubscribe_done.html",
            {
                "email_mode_label": EmailMode.OFF.label,
                "scope_label": _scope_label(data.scope),
            },
        )

    form = UnsubscribeForm(request.POST or None, token_scope=data.scope)
    if request.method == "POST" and form.is_valid():
        scope = form.cleaned_data["scope"]
        mode = form.cleaned_data["email_mode"]
        services.unsubscribe_apply(user=user, scope=scope, email_mode=mode)
        return render(
            request,
            "notifications/unsubscribe_done.html",
            {
                "email_mode_label": EmailMode(mode).label,
                "scope_label": _scope_label(scope),
            },
        )
    return render(
        request,
        "notifications/unsubscribe.html",
        {
            "form": form,
            "scope_label": _scope_label(data.scope),
            "action": reverse("notifications:unsubscribe", kwargs={"token": token}),
        },
    )


def _scope_label(scope: str) -> str:
    if scope == ALL_KINDS:
        return _("todos os tipos de aviso")
    if scope == DIGEST_KINDS:
        return _("os avisos do resumo diário")
    return str(get_account_kind(scope).label)
