"""Who represents an entity: the representatives page (invite, resend, revoke, remove,
hand over the primary role, leave) and accepting an invitation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from .. import selectors, services
from ..forms import InvitationForm
from ..models import Representative
from .dashboard import dashboard_redirect
from .mixins import EntityAccessMixin


class RepresentativesView(EntityAccessMixin, TemplateView):
    """Who represents the entity, open invitations, and changes to both."""

    template_name = "entities/manage/representatives.html"
    # Each operation and the permission it needs on the entity.
    operations = {
        "invite": "entities.invite_representative",
        "revoke": "entities.invite_representative",
        "resend": "entities.invite_representative",
        "remove": "entities.manage_representatives",
        "make_primary": "entities.manage_representatives",
        "leave": "entities.leave_entity",
    }

    def get_permission_required(self):
        if self.request.method != "POST":
            return None
        return self.operations.get(self.request.POST.get("operation", ""))

    def permission_denied(self):
        # Who represents an entity may change in any status: a refusal here is
        # about the person's role, never a frozen registration.
        raise PermissionDenied

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entity, user = self.entity, self.request.user
        representatives = selectors.entity_representatives(entity=entity)
        context.update(
            representatives=representatives,
            invitations=selectors.open_invitations(entity=entity),
            can_invite=user.has_perm("entities.invite_representative", entity),
            can_manage=user.has_perm("entities.manage_representatives", entity),
            own=next((r for r in representatives if r.user_id == user.pk), None),
        )
        context.setdefault("invite_form", InvitationForm())
        return context

    def post(self, request, *args, **kwargs):
        operation = request.POST.get("operation", "")
        if operation not in self.operations:
            return HttpResponseBadRequest(_("Operação desconhecida."))
        try:
            return getattr(self, f"do_{operation}")(request)
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
        return self._back()

    def _back(self):
        return HttpResponseRedirect(
            reverse("entities:representatives", kwargs={"pk": self.entity.pk})
        )

    def _representative(self, request) -> Representative:
        representative = selectors.entity_representative(
            entity=self.entity, pk=request.POST.get("representative")
        )
        if representative is None:
            raise Http404
        return representative

    def do_invite(self, request):
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    entity=self.entity,
                    email=form.cleaned_data["email"],
                    by=request.user,
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form, field="email")
            else:
                messages.success(
                    request,
                    _("Convite enviado para %(email)s.") % {"email": invitation.email},
                )
                return self._back()
        return self.render_to_response(self.get_context_data(invite_form=form))

    def _invitation(self, request):
        invitation = selectors.entity_invitation(
            entity=self.entity, pk=request.POST.get("invitation")
        )
        if invitation is None:
            raise Http404
        invitation.entity = self.entity
        return invitation

    def do_resend(self, request):
        invitation = services.invitation_resend(
            invitation=self._invitation(request), by=request.user
        )
        messages.success(
            request,
            _("Convite reenviado para %(email)s.") % {"email": invitation.email},
        )
        return self._back()

    def do_revoke(self, request):
        invitation = self._invitation(request)
        services.invitation_revoke(invitation=invitation, by=request.user)
        messages.success(
            request,
            _("Convite para %(email)s cancelado.") % {"email": invitation.email},
        )
        return self._back()

    def do_remove(self, request):
        representative = self._representative(request)
        services.representative_remove(representative=representative, by=request.user)
        messages.success(
            request,
            _("%(name)s deixou de representar a entidade.")
            % {"name": representative.user.display_name},
        )
        return self._back()

    def do_make_primary(self, request):
        representative = self._representative(request)
        services.representative_make_primary(
            representative=representative, by=request.user
        )
        messages.success(
            request,
            _("%(name)s é agora o responsável principal.")
            % {"name": representative.user.display_name},
        )
        return self._back()

    def do_leave(self, request):
        representative = selectors.entity_representative(
            entity=self.entity, user=request.user
        )
        if representative is None:
            raise PermissionDenied
        services.representative_leave(representative=representative, by=request.user)
        messages.success(
            request,
            _("Você deixou de representar %(entity)s.")
            % {"entity": self.entity.display_name},
        )
        return HttpResponseRedirect(reverse("entities:my_entities"))


@method_decorator(never_cache, name="dispatch")
class InvitationAcceptView(View):
    """Show an invitation and accept it with the invited account.

    An unknown token is a 404 and a used, cancelled or expired one a 410, both
    with a friendly page; the token itself is the secret, so nothing else is
    revealed to whoever holds it.
    """

    template_name = "entities/invitation_accept.html"

    def get_invitation(self):
        return selectors.invitation_by_token(token=self.kwargs["token"])

    def render(self, invitation, *, status=200, error=""):
        user = self.request.user
        context = {
            "invitation": invitation,
            "error": error,
            "login_url": reverse("account_login"),
            "signup_url": reverse("account_signup"),
            "next": self.request.path,
        }
        if invitation is not None and user.is_authenticated:
            context["email_matches"] = invitation.email.lower() == user.email.lower()
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        invitation = self.get_invitation()
        if invitation is None:
            return self.render(None, status=404)
        if not invitation.is_open:
            return self.render(invitation, status=410)
        return self.render(invitation)

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return HttpResponseRedirect(
                f"{reverse('account_login')}?{urlencode({'next': request.path})}"
            )
        invitation = self.get_invitation()
        if invitation is None:
            return self.render(None, status=404)
        try:
            representative = services.invitation_accept(
                token=invitation.token, user=request.user
            )
        except ValidationError as error:
            if error.code == "wrong_account":
                return self.render(invitation, status=403, error=error.messages[0])
            return self.render(self.get_invitation(), status=410)
        messages.success(
            request,
            _("Você agora representa %(entity)s.")
            % {"entity": representative.entity.display_name},
        )
        return dashboard_redirect(representative.entity)
