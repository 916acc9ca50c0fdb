"""Staff views of the registry in the Wagtail admin: the review queue, the review
page with its workflow actions, claims, and documents shown in place.

Every write goes through `entities.services`; these views only validate the
form, call the service and report the outcome in pt-BR.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, F, Q, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from wagtail.admin import messages
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

from civic.accounts.validators import format_phone

from .. import services
from ..filters import AWAITING_REVIEW
from ..forms import TransitionForm
from ..models import Claim, Document, Entity, EntityEvent, Invitation, Representative
from ..services.search import normalize
from ..services.workflow import ACTION_LABELS
from ..validators import normalize_cnpj

REVIEW_PERMISSION = "entities.review_entity"

# Labels of the history rows that are not workflow actions.
EVENT_LABELS = {
    **ACTION_LABELS,
    "create": gettext_lazy("Cadastro criado"),
    "confirm_data": gettext_lazy("Dados confirmados"),
    "claim_approved": gettext_lazy("Pedido de representação aprovado"),
    "import": gettext_lazy("Importado"),
}

TRANSITION_DONE = {
    "approve": gettext_lazy("Cadastro de “%(entity)s” aprovado."),
    "request_changes": gettext_lazy(
        "Ajustes solicitados a “%(entity)s”; a entidade foi avisada."
    ),
    "reject": gettext_lazy("Cadastro de “%(entity)s” indeferido."),
    "suspend": gettext_lazy("Cadastro de “%(entity)s” suspenso."),
    "reinstate": gettext_lazy("Cadastro de “%(entity)s” reativado."),
}

# Order of the action buttons: the decision first, the heavier ones last.
ACTION_ORDER = ("approve", "request_changes", "reject", "reinstate", "suspend")


class ReviewerPermissionPolicy(BaseDjangoAuthPermissionPolicy):
    """Every registry admin view needs `entities.review_entity` (group "Equipe
    SRSC", superusers). Only viewing and reviewing exist: records are created by
    representatives or the import, and statuses change through the services."""

    actions = frozenset({"view", "review"})

    def __init__(self, model):
        super().__init__(model, auth_model=Entity)

    def user_has_permission(self, user, action):
        return (
            action in self.actions
            and user.is_active
            and user.has_perm(REVIEW_PERMISSION)
        )

    def users_with_any_permission(self, actions):
        if not self.actions.intersection(actions):
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames({"review_entity"})


def cpf_partially_hidden(cpf: str) -> str:
    """Show only the middle digits of a CPF (***.456.789-**), as public bodies do."""
    if len(cpf) != 11:
        return "—" if not cpf else "***"
    return f"***.{cpf[3:6]}.{cpf[6:9]}-**"


def private_file_response(
    field_file, *, content_type: str, filename: str, inline: bool
):
    """Send a private file to someone already allowed to see it."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("Arquivo não encontrado.")) from None
    response = FileResponse(
        handle, content_type=content_type, as_attachment=not inline, filename=filename
    )
    # Private documents must not stay in shared caches or the browser's disk cache.
    response["Cache-Control"] = "private, no-store"
    return response


class EntityReviewIndexView(IndexView):
    """The queue: registrations waiting longest come first."""

    page_title = gettext_lazy("Análise de cadastros")

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("areas")

    def order_queryset(self, queryset):
        if self.ordering:
            return queryset.order_by(*self._ordering_tuple(), "pk")
        awaiting = Q(status__in=AWAITING_REVIEW)
        return queryset.annotate(
            _queue=Case(When(awaiting, then=Value(0)), default=Value(1)),
            _waiting_since=Case(When(awaiting, then=F("submitted_at")), default=None),
        ).order_by("_queue", F("_waiting_since").asc(nulls_last=True), "name", "pk")

    def _ordering_tuple(self):
        ordering = self.ordering
        return ordering if isinstance(ordering, list | tuple) else (ordering,)

    def search_queryset(self, queryset):
        """Name (accents ignored) or CNPJ, masked or not."""
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        condition = Q(name__icontains=query) | Q(trade_name__icontains=query)
        words = normalize(query).split()
        if words:
            text = Q()
            for word in words:
                text &= Q(search_text__contains=word)
            condition |= text
        cnpj = normalize_cnpj(query)
        if len(cnpj) >= 3 and cnpj.isalnum():
            condition |= Q(cnpj__contains=cnpj)
        return queryset.filter(condition)


class EntityReviewView(InspectView):
    """Everything about a registration that staff need to decide, and the decision."""

    template_name = "entities/admin/entity_inspect.html"
    page_title = gettext_lazy("Análise do cadastro")
    inspect_url_name = None
    document_url_name = None
    claim_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            Entity.objects.select_related("legal_nature", "main_cnae"),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return self.object.display_name

    def get_fields_context(self):
        # The template lays the data out itself (and hides what staff must not see).
        return []

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("review"):
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action not in TRANSITION_DONE:
            messages.error(request, _("Ação desconhecida."))
            return redirect(self.inspect_url)
        form = TransitionForm(request.POST, action=action)
        if not form.is_valid():
            messages.error(
                request,
                _("Não foi possível “%(action)s”: escreva a justificativa.")
                % {"action": ACTION_LABELS[action]},
            )
            # Re-render with the typed text and the error beside the field.
            context = self.get_context_data(bound_form=form)
            return self.render_to_response(context)
        note = form.cleaned_data["note"]
        try:
            entity = services.entity_transition(
                entity_id=self.object.pk, action=action, actor=request.user, note=note
            )
        except services.InvalidTransition:
            self.object.refresh_from_db()
            messages.error(
                request,
                _(
                    "Não é possível “%(action)s” um cadastro na situação “%(status)s”. "
                    "Talvez outra pessoa da equipe já o tenha analisado."
                )
                % {
                    "action": ACTION_LABELS[action],
                    "status": self.object.get_status_display(),
                },
            )
        except services.SubmissionIncomplete as error:
            messages.error(
                request,
                _("O cadastro está incompleto: %(problems)s")
                % {"problems": " ".join(str(p) for p in error.problems)},
            )
        except PermissionDenied:
            messages.error(request, _("Você não tem permissão para esta ação."))
        except ValueError:
            messages.error(request, _("Escreva a justificativa desta decisão."))
        else:
            messages.success(
                request, TRANSITION_DONE[action] % {"entity": entity.display_name}
            )
        return redirect(self.inspect_url)

    @cached_property
    def inspect_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def get_context_data(self, bound_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        entity = self.object
        documents = list(
            Document.objects.filter(entity=entity)
            .select_related("uploaded_by")
            .order_by("doc_type", "-uploaded_at", "-pk")
        )
        current = [d for d in documents if d.superseded_at is None]
        for document in documents:
            document.admin_url = reverse(
                self.document_url_name, args=[entity.pk, document.pk]
            )
            document.is_pdf = document.content_type == "application/pdf"
        old_versions = {}
        for document in documents:
            if document.superseded_at is not None:
                old_versions.setdefault(document.doc_type, []).append(document)
        checklist = [
            {
                "item": item,
                "old_versions": old_versions.get(item.requirement.type.value, []),
            }
            for item in services.requirements_checklist(entity, current)
        ]

        actions = []
        available = set(services.available_actions(entity, self.request.user))
        for action in ACTION_ORDER:
            if action not in available:
                continue
            if bound_form is not None and bound_form.action == action:
                form = bound_form
            else:
                form = TransitionForm(action=action, auto_id=f"id_{action}_%s")
            actions.append(
                {
                    "name": action,
                    "label": ACTION_LABELS[action],
                    "form": form,
                    "open": form is bound_form,
                    "note_required": action in services.NOTE_REQUIRED,
                }
            )

        board = list(entity.board_members.all())
        for member in board:
            member.cpf_hidden = cpf_partially_hidden(member.cpf)
        events = list(
            EntityEvent.objects.filter(entity=entity)
            .select_related("actor")
            .order_by("-created_at", "-pk")
        )
        for event in events:
            event.label = EVENT_LABELS.get(event.action, event.action)
        claims = list(
            Claim.objects.filter(entity=entity)
            .select_related("claimant")
            .order_by("-created_at")
        )
        for claim in claims:
            claim.admin_url = reverse(self.claim_url_name, args=[claim.pk])

        context.update(
            entity=entity,
            areas=list(entity.areas.all()),
            publics=list(entity.publics.all()),
            regionais=list(entity.regionais.all()),
            bairros=list(entity.bairros.select_related("regional")),
            board=board,
            representatives=list(
                Representative.objects.filter(entity=entity).select_related("user")
            ),
            open_invitations=[
                i
                for i in Invitation.objects.filter(
                    entity=entity, accepted_at__isnull=True, revoked_at__isnull=True
                )
                if i.is_open
            ],
            links=[
                {"url": url, "is_web": url.lower().startswith(("http://", "https://"))}
                for url in (
                    entity.website,
                    entity.instagram,
                    entity.facebook,
                    entity.youtube,
                )
                if url
            ],
            phone_display=format_phone(entity.phone) if entity.phone else "",
            phone_alt_display=format_phone(entity.phone_alt)
            if entity.phone_alt
            else "",
            checklist=checklist,
            events=events,
            claims=claims,
            actions=actions,
            action_url=self.inspect_url,
            public_url=entity.get_absolute_url() if entity.is_listed else "",
        )
        return context


@method_decorator(xframe_options_sameorigin, name="dispatch")
class EntityDocumentView(PermissionCheckedMixin, View):
    """One version of a document, inline (for the review page) or as a download."""

    model = Entity
    permission_required = "view"

    def get(self, request, pk, document_pk):
        document = get_object_or_404(
            Document.objects.select_related("entity"), pk=document_pk, entity_id=pk
        )
        if not request.user.has_perm("entities.view_documents", document.entity):
            raise PermissionDenied
        return private_file_response(
            document.file,
            content_type=document.content_type,
            filename=document.original_name,
            inline=request.GET.get("inline") == "1",
        )


class ClaimReviewIndexView(IndexView):
    """Pending claims first, oldest first: they wait for a decision."""

    page_title = gettext_lazy("Pedidos de representação")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("entity", "claimant")

    def order_queryset(self, queryset):
        if self.ordering:
            return super().order_queryset(queryset)
        return queryset.annotate(
            _pending=Case(
                When(status=Claim.Status.PENDING, then=Value(0)), default=Value(1)
            )
        ).order_by("_pending", "created_at", "pk")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        condition = (
            Q(entity__name__icontains=query)
            | Q(entity__trade_name__icontains=query)
            | Q(claimant__full_name__icontains=query)
            | Q(claimant__email__icontains=query)
        )
        cnpj = normalize_cnpj(query)
        if len(cnpj) >= 3 and cnpj.isalnum():
            condition |= Q(entity__cnpj__contains=cnpj)
        return queryset.filter(condition)


class ClaimReviewView(InspectView):
    """A claim with its proof shown in place, and the decision."""

    template_name = "entities/admin/claim_inspect.html"
    page_title = gettext_lazy("Pedido de representação")
    inspect_url_name = None
    proof_url_name = None
    entity_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            Claim.objects.select_related("entity", "claimant", "decided_by"), pk=self.pk
        )

    def get_page_subtitle(self):
        return str(self.object.entity)

    def get_fields_context(self):
        return []

    @cached_property
    def inspect_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("review"):
            raise PermissionDenied
        decision = request.POST.get("decision", "")
        if decision not in ("approve", "refuse"):
            messages.error(request, _("Escolha aprovar ou recusar o pedido."))
            return redirect(self.inspect_url)
        note = request.POST.get("note", "").strip()[:5000]
        if decision == "refuse" and not note:
            messages.error(request, _("Explique à pessoa o motivo da recusa."))
            context = self.get_context_data(note_error=True, note=note)
            return self.render_to_response(context)
        try:
            claim = services.claim_decide(
                claim_id=self.object.pk,
                approve=decision == "approve",
                by=request.user,
                note=note,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied:
            messages.error(request, _("Você não tem permissão para esta ação."))
        else:
            if claim.status == Claim.Status.APPROVED:
                messages.success(
                    request,
                    _("%(person)s agora é responsável por “%(entity)s”.")
                    % {
                        "person": claim.claimant.display_name,
                        "entity": claim.entity.display_name,
                    },
                )
            else:
                messages.success(request, _("Pedido recusado; a pessoa foi avisada."))
        return redirect(self.inspect_url)

    def get_context_data(self, note_error=False, note="", **kwargs):
        context = super().get_context_data(**kwargs)
        claim = self.object
        others = list(
            Claim.objects.filter(entity=claim.entity)
            .exclude(pk=claim.pk)
            .select_related("claimant")
            .order_by("-created_at")
        )
        for other in others:
            other.admin_url = reverse(self.inspect_url_name, args=[other.pk])
        context.update(
            claim=claim,
            proof_url=reverse(self.proof_url_name, args=[claim.pk]),
            proof_is_pdf=claim.proof_content_type == "application/pdf",
            entity_url=reverse(self.entity_url_name, args=[claim.entity_id]),
            representatives=list(
                Representative.objects.filter(entity=claim.entity).select_related(
                    "user"
                )
            ),
            other_claims=others,
            can_decide=claim.status == Claim.Status.PENDING
            and self.user_has_permission("review"),
            note_error=note_error,
            note=note,
            action_url=self.inspect_url,
        )
        return context


@method_decorator(xframe_options_sameorigin, name="dispatch")
class ClaimProofView(PermissionCheckedMixin, View):
    """The proof attached to a claim, inline or as a download."""

    model = Claim
    permission_required = "view"

    def get(self, request, pk):
        claim = get_object_or_404(Claim.objects.select_related("entity"), pk=pk)
        if not request.user.has_perm("entities.review_claim", claim.entity):
            raise PermissionDenied
        return private_file_response(
            claim.proof,
            content_type=claim.proof_content_type,
            filename=claim.proof_name,
            inline=request.GET.get("inline") == "1",
        )


class SlugFromNameForm(WagtailAdminModelForm):
    """Taxonomy form: the identifier is made from the name when left blank."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Usado nos endereços de filtro. Deixe em branco para gerar a partir do nome."
            )

    def clean(self):
        data = super().clean()
        if "slug" in self.fields and not data.get("slug") and data.get("name"):
            max_length = self._meta.model._meta.get_field("slug").max_length
            data["slug"] = slugify(data["name"])[:max_length].strip("-")
        return data
