"""Joining a gov.br login to an existing account, only after the person confirms.

When gov.br vouches for an email (or a CPF) that an existing account already
has, we do not log in to that account: whoever controls a gov.br account does not
thereby control ours. The gov.br login waits in the session, and the person
confirms that the account is theirs, either by signing in to it (password, and
the second factor when it has one) or with a code sent to its email address.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.models import EmailAddress
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from civic.accounts.models import User

from .claims import GovBrIdentity, identity_from

SESSION_KEY = "govbr_pending_link"
# As long as allauth keeps an OAuth state (statekit.STATE_TTL).
LINK_TTL_SECONDS = 600
CODE_ATTEMPTS = 3
CODE_SENDS = 3


def link_candidate(identity: GovBrIdentity) -> User | None:
    """The existing account this gov.br person may own: same email, else same CPF."""
    active = User.objects.filter(deleted_at__isnull=True)
    if identity.email:
        owner = (
            active.annotate(email_ci=Lower("email"))
            .filter(email_ci=identity.email)
            .first()
        )
        if owner is None:
            address = (
                EmailAddress.objects.filter(email__iexact=identity.email)
                .select_related("user")
                .first()
            )
            owner = address.user if address and not address.user.deleted_at else None
        if owner is not None:
            return owner
    if identity.cpf:
        return active.filter(cpf=identity.cpf).first()
    return None


def start_link(request, *, sociallogin: SocialLogin, user: User):
    """Keep the gov.br login aside and send the person to confirm the link."""
    request.session[SESSION_KEY] = {
        "sociallogin": sociallogin.serialize(),
        "user_id": user.pk,
        "started_at": time.time(),
        "code_hash": "",
        "attempts": 0,
        "sends": 0,
    }
    return HttpResponseRedirect(reverse("govbr_link"))


def pending_link(request) -> dict | None:
    """The gov.br login waiting for confirmation, if it has not expired."""
    pending = request.session.get(SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    if time.time() - pending.get("started_at", 0) > LINK_TTL_SECONDS:
        request.session.pop(SESSION_KEY, None)
        return None
    return pending


def _code_hash(code: str) -> str:
    key = f"govbr-link-code:{settings.SECRET_KEY}".encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def mask_email(email: str) -> str:
    """ "joana@example.org" → "j****@example.org": enough to recognise it."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}****@{domain}" if domain else ""


def _pending_objects(request):
    """(pending, sociallogin, user), or None when there is nothing to confirm."""
    pending = pending_link(request)
    if pending is None:
        return None
    try:
        sociallogin = SocialLogin.deserialize(pending["sociallogin"])
    except (ValueError, KeyError, TypeError):
        request.session.pop(SESSION_KEY, None)
        return None
    user = User.objects.filter(
        pk=pending.get("user_id"), deleted_at__isnull=True, is_active=True
    ).first()
    if user is None:
        request.session.pop(SESSION_KEY, None)
        return None
    return pending, sociallogin, user


def _nothing_pending(request):
    messages.error(
        request,
        _(
            "O pedido para vincular sua conta gov.br expirou ou não existe. "
            "Entre com gov.br de novo."
        ),
    )
    return HttpResponseRedirect(reverse("account_login"))


def _connect(request, sociallogin: SocialLogin, user: User) -> bool:
    """Attach the gov.br account to `user`; False if it was linked meanwhile."""
    request.session.pop(SESSION_KEY, None)
    if SocialAccount.objects.filter(
        provider=sociallogin.account.provider, uid=sociallogin.account.uid
    ).exists():
        return False
    try:
        with transaction.atomic():
            sociallogin.connect(request, user)
    except IntegrityError:
        return False
    return True


class LinkCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Código recebido por e-mail"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}
        ),
        error_messages={"required": gettext_lazy("Digite o código de 6 dígitos.")},
    )


@method_decorator(never_cache, name="dispatch")
class LinkView(View):
    """`/accounts/govbr/vincular/`: explain, and offer the two ways to confirm."""

    template_name = "govbr/link.html"

    def get(self, request):
        found = _pending_objects(request)
        if found is None:
            return _nothing_pending(request)
        pending, _sociallogin, user = found
        return render(request, self.template_name, self.context(pending, user))

    def post(self, request):
        """The person says the account is not theirs: forget the gov.br login."""
        request.session.pop(SESSION_KEY, None)
        messages.info(
            request,
            _(
                "Nada foi vinculado. Se o e-mail da sua conta gov.br já é usado por "
                "outra pessoa aqui, fale com a equipe do Participa Betim."
            ),
        )
        return HttpResponseRedirect(reverse("account_login"))

    @staticmethod
    def context(pending, user, **extra):
        return {
            "masked_email": mask_email(user.email),
            "has_password": user.has_usable_password(),
            "code_sent": bool(pending.get("code_hash")),
            "login_then_confirm_url": reverse("account_login")
            + "?next="
            + reverse("govbr_link_confirm"),
            "code_form": LinkCodeForm(),
            **extra,
        }


@method_decorator(never_cache, name="dispatch")
class LinkCodeView(View):
    """Confirm by email: send a one-time code, then check it and sign in."""

    def post(self, request):
        found = _pending_objects(request)
        if found is None:
            return _nothing_pending(request)
        pending, sociallogin, user = found
        if "send" in request.POST:
            return self.send(request, pending, user)
        return self.verify(request, pending, sociallogin, user)

    def send(self, request, pending, user):
        if pending["sends"] >= CODE_SENDS:
            messages.error(
                request, _("Você já pediu códigos demais. Entre com gov.br de novo.")
            )
            request.session.pop(SESSION_KEY, None)
            return HttpResponseRedirect(reverse("account_login"))
        code = f"{secrets.randbelow(10**6):06d}"
        pending.update(
            code_hash=_code_hash(code), attempts=0, sends=pending["sends"] + 1
        )
        request.session[SESSION_KEY] = pending
        get_account_adapter(request).send_mail(
            "govbr/email/link_code", user.email, {"code": code, "user": user}
        )
        messages.success(
            request,
            _("Enviamos um código para %(email)s.") % {"email": mask_email(user.email)},
        )
        return HttpResponseRedirect(reverse("govbr_link"))

    def verify(self, request, pending, sociallogin, user):
        form = LinkCodeForm(request.POST)
        expected = pending.get("code_hash")
        if form.is_valid() and expected:
            if hmac.compare_digest(_code_hash(form.cleaned_data["code"]), expected):
                return self.link_and_login(request, sociallogin, user)
            pending["attempts"] += 1
            if pending["attempts"] >= CODE_ATTEMPTS:
                request.session.pop(SESSION_KEY, None)
                messages.error(
                    request,
                    _("Código incorreto muitas vezes. Entre com gov.br de novo."),
                )
                return HttpResponseRedirect(reverse("account_login"))
            request.session[SESSION_KEY] = pending
            form.add_error("code", _("Código incorreto. Confira e tente de novo."))
        elif not expected:
            form.add_error(None, _("Peça um código antes de confirmar."))
        return render(
            request,
            LinkView.template_name,
            LinkView.context(pending, user, code_form=form),
            status=400,
        )

    @staticmethod
    def link_and_login(request, sociallogin, user):
        """The code proves the mailbox: link, then sign in through allauth (which
        asks for the second factor when the account has one)."""
        if not EmailAddress.objects.filter(
            user=user, email__iexact=user.email, verified=True
        ).exists():
            # Someone may have registered this address without owning it: the
            # owner takes the account over, and that person's password goes.
            user.set_unusable_password()
            user.save(update_fields=["password"])
            EmailAddress.objects.update_or_create(
                user=user,
                email=user.email,
                defaults={"verified": True, "primary": True},
            )
        if not _connect(request, sociallogin, user):
            messages.error(request, _("Esta conta gov.br já está vinculada."))
            return HttpResponseRedirect(reverse("account_login"))
        messages.success(request, _("Sua conta gov.br foi vinculada."))
        return complete_social_login(request, _as_new_login(sociallogin))


def _as_new_login(sociallogin: SocialLogin) -> SocialLogin:
    """A login for the now-linked gov.br account, as if gov.br had just answered."""
    account = SocialAccount(
        provider=sociallogin.account.provider,
        uid=sociallogin.account.uid,
        extra_data=sociallogin.account.extra_data,
    )
    login = SocialLogin(account=account, email_addresses=[])
    login.user = User()
    login.state = sociallogin.state
    return login


@method_decorator(never_cache, name="dispatch")
class LinkConfirmView(View):
    """Confirm by signing in: the person is now in the account; one click links."""

    template_name = "govbr/link_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        found = _pending_objects(request)
        if found is None:
            return _nothing_pending(request)
        _pending, sociallogin, user = found
        identity = identity_from(sociallogin.account.extra_data)
        return render(
            request,
            self.template_name,
            {"same_account": user.pk == request.user.pk, "govbr_name": identity.name},
        )

    def post(self, request):
        found = _pending_objects(request)
        if found is None:
            return _nothing_pending(request)
        _pending, sociallogin, user = found
        if user.pk != request.user.pk:
            request.session.pop(SESSION_KEY, None)
            messages.error(
                request,
                _(
                    "Você entrou com outra conta. Nada foi vinculado; entre com "
                    "gov.br de novo se quiser tentar outra vez."
                ),
            )
            return HttpResponseRedirect(reverse("accounts:profile"))
        if _connect(request, sociallogin, request.user):
            messages.success(request, _("Sua conta gov.br foi vinculada."))
        else:
            messages.error(request, _("Esta conta gov.br já está vinculada."))
        return HttpResponseRedirect(reverse("accounts:profile"))
