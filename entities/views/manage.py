"""What NGO representatives do: register an entity, keep its profile, board and
documents up to date, send it for review, and manage who represents it.

Views are thin: forms validate, `entities.services` act and check permissions
again, and `EntityAccessMixin` decides who may open each page.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import FormView, TemplateView

from civic.accounts.validators import format_cpf

from .. import selectors, services
from ..forms import (
    BoardFormSet,
    DocumentUploadForm,
    EntityProfileForm,
    EntityRegistrationForm,
    InvitationForm,
    TransitionForm,
)
from ..models import (
    Claim,
    Document,
    DocumentType,
    Entity,
    EntityEvent,
    Invitation,
    Representative,
)
from ..models.documents import REQUIREMENTS
from ..services.profile import CnpjAlreadyRegistered
from ..services.workflow import ACTION_LABELS
from .mixins import FROZEN_MESSAGES, EntityAccessMixin, private_file_response

S = Entity.Status

# Actions representatives take from the dashboard; reviewers act in the admin.
REPRESENTATIVE_ACTIONS = ("submit", "resubmit", "reopen")
WORKFLOW_ACTIONS = frozenset(action for (_status, action) in services.TRANSITIONS)
# Review steps whose note the dashboard shows as "the latest review note".
NOTED_ACTIONS = frozenset({"request_changes", "reject", "suspend"})

STATUS_HELP = {
    S.DRAFT: gettext_lazy(
        "O cadastro ainda não foi enviado. Complete os dados e envie para análise da "
        "equipe da SRSC."
    ),
    S.SUBMITTED: gettext_lazy(
        "O cadastro foi enviado e aguarda a análise da equipe da SRSC. Enquanto isso, "
        "os dados não podem ser alterados."
    ),
    S.CHANGES_REQUESTED: gettext_lazy(
        "A equipe da SRSC pediu ajustes. Faça as correções indicadas e reenvie o cadastro."
    ),
    S.RESUBMITTED: gettext_lazy(
        "Os ajustes foram enviados e aguardam nova análise da equipe da SRSC."
    ),
    S.APPROVED: gettext_lazy(
        "O cadastro está aprovado e a entidade aparece no diretório público. Mantenha "
        "os documentos em dia e confirme os dados a cada 12 meses."
    ),
    S.REJECTED: gettext_lazy(
        "O cadastro foi indeferido. Veja o motivo abaixo; você pode reabri-lo como "
        "rascunho, corrigir e enviar de novo."
    ),
    S.SUSPENDED: gettext_lazy(
        "O cadastro está suspenso e a entidade não aparece no diretório. Veja o motivo "
        "abaixo e fale com a equipe da SRSC."
    ),
}

NEXT_STEP = {
    S.DRAFT: gettext_lazy("Complete o cadastro e envie para análise."),
    S.SUBMITTED: gettext_lazy("Aguarde a análise da equipe da SRSC."),
    S.CHANGES_REQUESTED: gettext_lazy("Faça os ajustes pedidos e reenvie."),
    S.RESUBMITTED: gettext_lazy("Aguarde a nova análise da equipe da SRSC."),
    S.APPROVED: gettext_lazy("Mantenha os documentos em dia."),
    S.REJECTED: gettext_lazy("Veja o motivo do indeferimento e reabra o cadastro."),
    S.SUSPENDED: gettext_lazy(
        "Veja o motivo da suspensão e fale com a equipe da SRSC."
    ),
}

STATUS_TAG = {
    S.DRAFT: "bg-gray-60",
    S.SUBMITTED: "bg-info",
    S.CHANGES_REQUESTED: "bg-warning text-gray-80",
    S.RESUBMITTED: "bg-info",
    S.APPROVED: "bg-success",
    S.REJECTED: "bg-danger",
    S.SUSPENDED: "bg-danger",
}

REGULARITY_TAG = {
    Entity.Regularity.REGULAR: "bg-success",
    Entity.Regularity.MISSING: "bg-warning text-gray-80",
    Entity.Regularity.EXPIRED: "bg-danger",
    Entity.Regularity.NOT_APPLICABLE: "bg-gray-60",
}

EVENT_LABELS = {
    **ACTION_LABELS,
    "create": gettext_lazy("Cadastro criado"),
    "confirm_data": gettext_lazy("Dados confirmados"),
    "claim_approved": gettext_lazy("Pedido de representação aprovado"),
}


# The profile form in sections, each a fieldset with its legend.
PROFILE_GROUPS = [
    (
        gettext_lazy("Identificação"),
        ["name", "trade_name", "legal_nature", "founded_on", "main_cnae_code", "logo"],
    ),
    (
        gettext_lazy("Atuação"),
        [
            "summary",
            "areas",
            "publics",
            "regionais",
            "bairros",
            "employees",
            "volunteers",
        ],
    ),
    (
        gettext_lazy("Endereço"),
        ["cep", "street", "number", "complement", "neighbourhood", "city", "state"],
    ),
    (
        gettext_lazy("Contatos"),
        [
            "phone",
            "phone_alt",
            "email",
            "website",
            "instagram",
            "facebook",
            "youtube",
            "publish_contact",
        ],
    ),
]


def status_context(entity: Entity) -> dict:
    """Labels and colours of the status and regularity tags of an entity."""
    return {
        "status_help": STATUS_HELP.get(entity.status, ""),
        "status_tag": STATUS_TAG.get(entity.status, ""),
        "regularity_tag": REGULARITY_TAG.get(entity.regularity, ""),
        "next_step": NEXT_STEP.get(entity.status, ""),
    }


def review_url(entity: Entity) -> str:
    """The admin review page of the entity, once the admin registers it."""
    try:
        return reverse("entities_review:inspect", args=[entity.pk])
    except NoReverseMatch:
        return ""


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError beside the form fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Registration and the list of one's entities


@method_decorator(never_cache, name="dispatch")
class RegisterView(LoginRequiredMixin, FormView):
    """Register a new entity; its author becomes the primary representative."""

    template_name = "entities/register.html"
    form_class = EntityRegistrationForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            entity = services.entity_register(
                by=self.request.user,
                kind=data["kind"],
                cnpj=data.get("cnpj", ""),
                name=data["name"],
                trade_name=data.get("trade_name", ""),
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                areas=list(data.get("areas") or []),
            )
        except CnpjAlreadyRegistered as exc:
            # Another request registered the same CNPJ after the form checked it.
            form.add_cnpj_taken_error(exc.entity)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Entidade cadastrada como rascunho. Complete os dados, a diretoria e os "
                "documentos, e envie para análise."
            ),
        )
        return HttpResponseRedirect(
            reverse("entities:manage", kwargs={"pk": entity.pk})
        )


@method_decorator(never_cache, name="dispatch")
class MyEntitiesView(LoginRequiredMixin, TemplateView):
    """The entities the person represents, with their status and next steps."""

    template_name = "entities/manage/my_entities.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rows = []
        primary = dict(
            Representative.objects.filter(user=user).values_list(
                "entity_id", "is_primary"
            )
        )
        for entity in selectors.entities_of_representative(user=user):
            checklist = services.requirements_checklist(entity, entity.current_docs)
            rows.append(
                {
                    "entity": entity,
                    "is_primary": primary.get(entity.pk, False),
                    "missing": sum(1 for i in checklist if i.state == "missing"),
                    "expiring": sum(1 for i in checklist if i.state == "expiring"),
                    "expired": sum(1 for i in checklist if i.state == "expired"),
                    **status_context(entity),
                }
            )
        context["rows"] = rows
        context["pending_claims"] = list(
            Claim.objects.filter(claimant=user, status=Claim.Status.PENDING)
            .select_related("entity")
            .order_by("-created_at")
        )
        return context


# The dashboard of one entity


class ManageView(EntityAccessMixin, TemplateView):
    """The entity's dashboard: status, review note, checklist, actions, history."""

    template_name = "entities/manage/dashboard.html"
    history_limit = 50

    def get_entity_queryset(self):
        return Entity.objects.select_related(
            "legal_nature", "main_cnae"
        ).prefetch_related(
            "areas",
            "regionais",
            "bairros",
            Prefetch(
                "documents", queryset=Document.objects.current(), to_attr="current_docs"
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entity, user = self.entity, self.request.user
        events = list(
            EntityEvent.objects.filter(entity=entity).select_related("actor")[
                : self.history_limit
            ]
        )
        review_note = None
        if entity.status in (S.CHANGES_REQUESTED, S.REJECTED, S.SUSPENDED):
            review_note = next(
                (
                    e
                    for e in events
                    if e.action in NOTED_ACTIONS and e.to_status == entity.status
                ),
                None,
            )
        actions = [
            {"name": a, "label": ACTION_LABELS[a]}
            for a in services.available_actions(entity, user)
            if a in REPRESENTATIVE_ACTIONS
        ]
        needs_problems = entity.status in (S.DRAFT, S.CHANGES_REQUESTED)
        context.update(
            status_context(entity),
            is_dashboard=True,
            events=[(e, EVENT_LABELS.get(e.action, e.action)) for e in events],
            review_note=review_note,
            checklist=services.requirements_checklist(entity, entity.current_docs),
            problems=services.submission_problems(entity) if needs_problems else [],
            actions=actions,
            can_confirm=(
                entity.status == S.APPROVED
                and user.has_perm("entities.confirm_entity_data", entity)
            ),
            can_edit=user.has_perm("entities.change_entity", entity),
            frozen_message=FROZEN_MESSAGES.get(entity.status, ""),
            review_url=review_url(entity)
            if user.has_perm("entities.review_entity")
            else "",
        )
        return context


class TransitionView(EntityAccessMixin, View):
    """POST one workflow action (submit, resubmit, reopen) from the dashboard."""

    http_method_names = ["post"]

    def get_permission_required(self):
        action = self.kwargs["action"]
        if action not in WORKFLOW_ACTIONS:
            raise Http404
        return f"entities.{action}_entity"

    def post(self, request, *args, **kwargs):
        entity, action = self.entity, self.kwargs["action"]
        form = TransitionForm(request.POST, action=action)
        back = HttpResponseRedirect(
            reverse("entities:manage", kwargs={"pk": entity.pk})
        )
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return back
        try:
            services.entity_transition(
                entity_id=entity.pk,
                action=action,
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except services.SubmissionIncomplete as exc:
            messages.error(request, _("Antes de enviar, resolva o que falta:"))
            for problem in exc.problems:
                messages.error(request, problem)
        except services.InvalidTransition:
            messages.error(
                request,
                _(
                    "Esta ação não é possível na situação atual do cadastro (%(status)s)."
                )
                % {"status": entity.get_status_display()},
            )
        except ValueError:
            messages.error(request, _("Escreva uma justificativa para esta ação."))
        else:
            done = {
                "submit": _("Cadastro enviado para análise da equipe da SRSC."),
                "resubmit": _("Cadastro reenviado para análise da equipe da SRSC."),
                "reopen": _("Cadastro reaberto como rascunho."),
            }
            messages.success(
                request,
                done.get(
                    action,
                    _("Ação registrada: %(action)s.")
                    % {"action": ACTION_LABELS.get(action, action)},
                ),
            )
        return back


class ConfirmDataView(EntityAccessMixin, View):
    """POST: the representative confirms the data is current (yearly renewal)."""

    http_method_names = ["post"]
    permission_required = "entities.confirm_entity_data"

    def post(self, request, *args, **kwargs):
        entity = self.entity
        if entity.status != S.APPROVED:
            messages.error(
                request, _("Só cadastros aprovados confirmam os dados anualmente.")
            )
        else:
            entity = services.entity_confirm_data(entity=entity, by=request.user)
            messages.success(
                request,
                _("Dados confirmados. A próxima confirmação vence em %(date)s.")
                % {"date": entity.renewal_due_on.strftime("%d/%m/%Y")},
            )
        return HttpResponseRedirect(
            reverse("entities:manage", kwargs={"pk": entity.pk})
        )


# Profile, board and documents


class EditView(EntityAccessMixin, FormView):
    """Edit the entity's profile (and its logo)."""

    template_name = "entities/manage/edit.html"
    form_class = EntityProfileForm
    permission_required = "entities.change_entity"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # A separate instance, so a rejected form never alters the entity the
        # page shows (breadcrumbs, title).
        kwargs["instance"] = (
            Entity.objects.select_related("main_cnae")
            .prefetch_related("areas", "publics", "regionais", "bairros")
            .get(pk=self.entity.pk)
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["groups"] = [
            (legend, [form[name] for name in names if name in form.fields])
            for legend, names in PROFILE_GROUPS
        ]
        return context

    def form_valid(self, form):
        fields, m2m = form.save_fields()
        try:
            services.entity_update(
                entity=self.entity, by=self.request.user, fields=fields, m2m=m2m
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Dados da entidade salvos."))
        return HttpResponseRedirect(
            reverse("entities:manage", kwargs={"pk": self.entity.pk})
        )


class BoardView(EntityAccessMixin, TemplateView):
    """The board (diretoria): read-only for reviewers, a formset for representatives."""

    template_name = "entities/manage/board.html"

    def get_permission_required(self):
        return "entities.change_entity" if self.request.method == "POST" else None

    def get_formset(self, data=None):
        return BoardFormSet(
            data, instance=self.entity, queryset=self.entity.board_members.all()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_edit = self.request.user.has_perm("entities.change_entity", self.entity)
        context["can_edit"] = can_edit
        context["frozen_message"] = FROZEN_MESSAGES.get(self.entity.status, "")
        if can_edit:
            context.setdefault("formset", self.get_formset())
        else:
            context["members"] = [
                (member, format_cpf(member.cpf) if member.cpf else "")
                for member in self.entity.board_members.all()
            ]
        return context

    def post(self, request, *args, **kwargs):
        formset = self.get_formset(request.POST)
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(formset=formset))
        try:
            services.board_update(
                entity=self.entity,
                by=request.user,
                save=formset.save(commit=False),
                delete=formset.deleted_objects,
            )
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(
                error.messages, renderer=formset.renderer
            )
            return self.render_to_response(self.get_context_data(formset=formset))
        messages.success(request, _("Diretoria salva."))
        return HttpResponseRedirect(
            reverse("entities:board", kwargs={"pk": self.entity.pk})
        )


class DocumentsView(EntityAccessMixin, FormView):
    """Current documents and older versions per type, and the upload form."""

    template_name = "entities/manage/documents.html"
    form_class = DocumentUploadForm
    visibility_permission = "entities.view_documents"

    def get_permission_required(self):
        return "entities.upload_document" if self.request.method == "POST" else None

    def get_initial(self):
        initial = super().get_initial()
        doc_type = self.request.GET.get("tipo", "")
        if doc_type in REQUIREMENTS:
            initial["doc_type"] = doc_type
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entity = self.entity
        versions = defaultdict(list)
        for document in (
            Document.objects.filter(entity=entity)
            .select_related("uploaded_by")
            .order_by("doc_type", "-uploaded_at", "-pk")
        ):
            versions[document.doc_type].append(document)
        current = [d for docs in versions.values() for d in docs if d.is_current]
        checklist = {
            item.requirement.type.value: item
            for item in services.requirements_checklist(entity, current)
        }
        context["sections"] = [
            {
                "type": doc_type,
                "label": DocumentType(doc_type).label,
                "requirement": requirement,
                "item": checklist[doc_type],
                "current": next((d for d in versions[doc_type] if d.is_current), None),
                "older": [d for d in versions[doc_type] if not d.is_current],
            }
            for doc_type, requirement in REQUIREMENTS.items()
        ]
        context["can_upload"] = self.request.user.has_perm(
            "entities.upload_document", entity
        )
        context["frozen_message"] = FROZEN_MESSAGES.get(entity.status, "")
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            document = services.document_upload(
                entity=self.entity,
                doc_type=data["doc_type"],
                file=data["file"],
                issued_on=data["issued_on"],
                expires_on=data.get("expires_on"),
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        except ValueError:
            form.add_error(
                "expires_on",
                _("A data de validade não pode ser anterior à data de emissão."),
            )
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Documento enviado: %(doc)s.") % {"doc": document.get_doc_type_display()},
        )
        return HttpResponseRedirect(
            reverse("entities:documents", kwargs={"pk": self.entity.pk})
        )


@method_decorator(xframe_options_sameorigin, name="dispatch")
class DocumentDownloadView(EntityAccessMixin, View):
    """A private document file, for the entity's representatives and reviewers.

    `?inline=1` shows a PDF or image in place (the admin embeds it); the frame
    is allowed from this site only.
    """

    http_method_names = ["get"]
    permission_required = "entities.view_documents"

    def get(self, request, *args, **kwargs):
        document = Document.objects.filter(
            pk=self.kwargs["document_pk"], entity=self.entity
        ).first()
        if document is None:
            raise Http404
        return private_file_response(
            document.file,
            filename=document.original_name,
            content_type=document.content_type,
            inline=request.GET.get("inline") == "1",
        )


# Representatives and invitations


class RepresentativesView(EntityAccessMixin, TemplateView):
    """Who represents the entity, open invitations, and changes to both."""

    template_name = "entities/manage/representatives.html"
    operations = ("invite", "revoke", "remove", "make_primary", "leave")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entity, user = self.entity, self.request.user
        representatives = list(
            Representative.objects.filter(entity=entity)
            .select_related("user")
            .order_by("-is_primary", "added_at", "pk")
        )
        context.update(
            representatives=representatives,
            invitations=[
                i
                for i in Invitation.objects.filter(
                    entity=entity, accepted_at__isnull=True, revoked_at__isnull=True
                ).order_by("-created_at")
                if i.is_open
            ],
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
        except PermissionDenied:
            raise
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return self._back()

    def _back(self):
        return HttpResponseRedirect(
            reverse("entities:representatives", kwargs={"pk": self.entity.pk})
        )

    def _representative(self, request) -> Representative:
        representative = (
            Representative.objects.select_related("user", "entity")
            .filter(entity=self.entity, pk=request.POST.get("representative") or 0)
            .first()
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
            except ValidationError as error:
                form.add_error("email", error)
            else:
                messages.success(
                    request,
                    _("Convite enviado para %(email)s.") % {"email": invitation.email},
                )
                return self._back()
        return self.render_to_response(self.get_context_data(invite_form=form))

    def do_revoke(self, request):
        invitation = Invitation.objects.filter(
            entity=self.entity, pk=request.POST.get("invitation") or 0
        ).first()
        if invitation is None:
            raise Http404
        invitation.entity = self.entity
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
        representative = Representative.objects.filter(
            entity=self.entity, user=request.user
        ).first()
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
        return (
            Invitation.objects.select_related("entity", "invited_by")
            .filter(token=self.kwargs["token"][:64])
            .first()
        )

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
        return HttpResponseRedirect(
            reverse("entities:manage", kwargs={"pk": representative.entity_id})
        )
