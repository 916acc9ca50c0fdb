"""The person's own account area (/minha-conta/) and the admin login redirect."""

import json

from allauth.account.decorators import reauthentication_required
from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from civic.downloads import JSON_TYPE, content_response, dated_filename

from . import personal_data
from .adapters import set_language_cookie
from .forms import CPF_UNAVAILABLE, AccountDeleteForm, ProfileForm
from .middleware import has_active_totp
from .services import account_erase, profile_update


def admin_login_redirect(request):
    """Send Wagtail's own login URL to allauth's, keeping where to go next."""
    next_url = request.GET.get("next", "/admin/")
    return HttpResponseRedirect(
        f"{reverse('account_login')}?{urlencode({'next': next_url})}"
    )


class OwnAccountMixin(LoginRequiredMixin):
    """Every page here shows or changes only the logged-in person's own account."""

    permission_required = "accounts.view_own_account"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm(self.permission_required, request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class ProfileView(OwnAccountMixin, TemplateView):
    """Overview of the account: who, where, and links to every setting."""

    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context.update(
            account=user,
            email_addresses=EmailAddress.objects.filter(user=user).order_by(
                "-primary", "email"
            ),
            consents=user.consents.order_by("document", "-accepted_at"),
            has_totp=has_active_totp(user),
            govbr_linked=user.socialaccount_set.filter(provider="govbr").exists(),
        )
        return context


@method_decorator(never_cache, name="dispatch")
class ProfileEditView(OwnAccountMixin, FormView):
    """Correct one's own data (LGPD art. 18 III)."""

    template_name = "accounts/profile_edit.html"
    form_class = ProfileForm
    success_url = reverse_lazy("accounts:profile")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.request.user
        kwargs["cpf_attempt"] = lambda: ratelimit.consume(
            self.request, action="change_cpf", user=self.request.user
        )
        return kwargs

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            profile_update(user=self.request.user, by=self.request.user, **fields)
        except IntegrityError:
            # Two people saving the same CPF at the same moment: the database
            # constraint catches what clean_cpf could not.
            form.add_error("cpf", CPF_UNAVAILABLE)
            return self.form_invalid(form)
        messages.success(self.request, _("Seus dados foram atualizados."))
        response = super().form_valid(form)
        set_language_cookie(response, fields["language"])
        return response


@method_decorator(never_cache, name="dispatch")
@method_decorator(reauthentication_required, name="get")
class DataExportView(OwnAccountMixin, View):
    """Download everything held about the person as JSON (LGPD art. 18 II and V).

    Asks for the password again first (allauth reauthentication), since the
    file contains the CPF and the history of logins.
    """

    permission_required = "accounts.export_account"

    def get(self, request):
        data = personal_data.collect(request.user)
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        # Holds the CPF and the login history: never kept by any cache.
        return content_response(
            body,
            filename=dated_filename("participa-betim-meus-dados", "json"),
            content_type=JSON_TYPE,
            private=True,
        )


def _has_no_password(request) -> bool:
    """Logged in without a usable password (e.g. a future gov.br login)."""
    return request.user.is_authenticated and not request.user.has_usable_password()


@method_decorator(never_cache, name="dispatch")
# No password to type: confirm identity through allauth's reauthentication instead.
@method_decorator(reauthentication_required(enabled=_has_no_password), name="dispatch")
class AccountDeleteView(OwnAccountMixin, FormView):
    """Erase the account after the person confirms (LGPD art. 18 VI)."""

    template_name = "accounts/delete.html"
    form_class = AccountDeleteForm
    permission_required = "accounts.erase_account"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["confirmation_word"] = AccountDeleteForm.confirmation_word()
        return context

    def form_valid(self, form):
        user = self.request.user
        account_erase(user=user, by=user)
        logout(self.request)
        messages.success(
            self.request,
            _(
                "Sua conta foi excluída e seus dados pessoais foram apagados. "
                "Suas contribuições públicas continuam no site, sem o seu nome."
            ),
        )
        return HttpResponseRedirect("/")
