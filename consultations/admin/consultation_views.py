"""Staff views of consultations in the Wagtail admin: create and edit (with the
draft text split into devices), the workflow buttons, public documents, and one
contribution with its devolutiva and moderation.

Every write goes through `consultations.services`; these views validate, call
the service and report the outcome in pt-BR.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    InspectView,
)
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

from .. import services
from ..forms.consultations import (
    AnswerForm,
    ConsultationDocumentForm,
    ModerationForm,
    bind_service_errors,
)
from ..models import AbuseReport, Consultation, Contribution, Device
from ..selectors.consultations import device_citation
from ..services.consultation_workflow import CLOCK_ACTIONS, CONSULTATION_TRANSITIONS
from ..services.contributions import answer_window_error

MANAGE_PERMISSION = "consultations.manage_participation"
C = Contribution

ACTION_LABELS = {
    "schedule": gettext_lazy("Agendar a consulta"),
    "unschedule": gettext_lazy("Desfazer o agendamento"),
    "publish_report": gettext_lazy("Publicar o relatório final"),
}
ACTION_HELP = {
    "schedule": gettext_lazy(
        "A consulta fica pública e abre sozinha na data de abertura. O texto não "
        "poderá mais mudar."
    ),
    "unschedule": gettext_lazy(
        "A consulta volta a ser um rascunho, sai do site e o texto pode ser corrigido."
    ),
    "publish_report": gettext_lazy(
        "Publica o relatório com todas as respostas; quem acompanha e quem "
        "contribuiu é avisado. As respostas não poderão mais mudar."
    ),
}
ACTION_DONE = {
    "schedule": gettext_lazy("Consulta “%(title)s” agendada."),
    "unschedule": gettext_lazy("Consulta “%(title)s” voltou a ser um rascunho."),
    "publish_report": gettext_lazy("Relatório final de “%(title)s” publicado."),
}


class ParticipationPermissionPolicy(BaseDjangoAuthPermissionPolicy):
    """Consultations and events in the admin need
    `consultations.manage_participation` (group "Equipe SRSC", superusers).
    Only drafts may be deleted: a published one is a public record. A model
    that is never deleted (venues) leaves "delete" out of `actions`."""

    actions = frozenset({"add", "change", "view", "delete"})

    def __init__(self, model):
        super().__init__(model, auth_model=Consultation)

    def user_has_permission(self, user, action):
        return (
            action in self.actions
            and user.is_active
            and user.has_perm(MANAGE_PERMISSION)
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            action != "delete" or instance.status == self.model.Status.DRAFT
        )

    def users_with_any_permission(self, actions):
        if not self.actions.intersection(actions):
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames({"manage_participation"})


class ContributionPermissionPolicy(BaseDjangoAuthPermissionPolicy):
    """Contributions in the admin: moderators (group Moderação) and staff see
    and moderate them; only staff who run participation answer them."""

    def __init__(self, model):
        super().__init__(model, auth_model=Consultation)

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if action in ("view", "moderate"):
            return user.has_perm("consultations.moderate_contribution")
        if action == "answer":
            return user.has_perm("consultations.answer_contribution")
        return False

    def users_with_any_permission(self, actions):
        if not {"view", "moderate", "answer"}.intersection(actions):
            return get_user_model().objects.none()
        from civic.accounts.rules import MODERATION_GROUP

        managers = self._get_users_with_any_permission_codenames_filter(
            {"manage_participation"}
        )
        return (
            get_user_model()
            .objects.filter(managers | Q(groups__name=MODERATION_GROUP, is_active=True))
            .distinct()
        )


def contributions_list_url(**filters) -> str:
    """The staff list of contributions, filtered (`event=3, answered="no"`)."""
    url = reverse("consultations_contributions:index")
    return f"{url}?{urlencode(filters)}" if filters else url


# CONSULTATIONS
# ------------------------------------------------------------------------------


class ConsultationIndexView(IndexView):
    """Open and scheduled consultations first, then drafts, then the rest."""

    page_title = gettext_lazy("Consultas públicas")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("policy_area")
            .annotate(
                _contributions=Count(
                    "contributions", filter=Q(contributions__parent__isnull=True)
                )
            )
        )


class ConsultationFormMixin:
    """Create and edit: the pasted text becomes devices while it is a draft."""

    def save_instance(self):
        instance = super().save_instance()
        form = self.form
        if form.text_changed:
            services.devices_replace(
                consultation=instance,
                text=form.cleaned_data["draft_text"],
                by=self.request.user,
            )
        return instance


class ConsultationCreateView(ConsultationFormMixin, CreateView):
    success_message = gettext_lazy("Consulta “%(object)s” criada como rascunho.")

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_url(self):
        return reverse(self.edit_url_name, args=[self.object.pk])


class ConsultationEditView(ConsultationFormMixin, EditView):
    """The form, and above it the status, the workflow and the links staff need."""

    template_name = "consultations/admin/consultation_edit.html"
    transition_url_name = None
    documents_url_name = None
    success_message = gettext_lazy("Consulta “%(object)s” salva.")

    def get_success_url(self):
        return reverse(self.edit_url_name, args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = self.object
        actions = [
            {
                "name": action,
                "label": ACTION_LABELS[action],
                "help": ACTION_HELP[action],
            }
            for (status, action) in CONSULTATION_TRANSITIONS
            if status == consultation.status and action not in CLOCK_ACTIONS
        ]
        top_level = Contribution.objects.filter(
            consultation=consultation, parent__isnull=True
        )
        counts = top_level.aggregate(
            total=Count("pk"),
            unanswered=Count(
                "pk", filter=Q(answer="") & ~Q(moderation=C.Moderation.HIDDEN)
            ),
            pending=Count("pk", filter=Q(moderation=C.Moderation.PENDING)),
        )
        public_url = consultation.get_absolute_url()
        context.update(
            consultation=consultation,
            workflow_actions=actions,
            transition_url=reverse(self.transition_url_name, args=[consultation.pk]),
            documents_url=reverse(self.documents_url_name, args=[consultation.pk]),
            contributions_url=contributions_list_url(consultation=consultation.pk),
            unanswered_url=contributions_list_url(
                consultation=consultation.pk, answered="no", kind="top"
            ),
            counts=counts,
            device_count=consultation.devices.count(),
            public_url=public_url,
            report_url=reverse(
                "consultations:report", kwargs={"slug": consultation.slug}
            ),
            log=list(consultation.log.select_related("actor")[:20]),
        )
        return context


class DraftDeleteView(DeleteView):
    """Only drafts go: a consultation or event people saw is a public record."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.user_has_permission_for_instance("delete", instance):
            raise PermissionDenied
        return instance


class ConsultationTransitionView(PermissionCheckedMixin, TemplateView):
    """POST only: apply one workflow action and go back to the edit page."""

    model = None
    permission_required = "change"
    edit_url_name = None
    http_method_names = ["post"]

    def post(self, request, pk):
        consultation = get_object_or_404(Consultation, pk=pk)
        action = request.POST.get("action", "")
        edit_url = reverse(self.edit_url_name, args=[pk])
        if action not in ACTION_LABELS:
            messages.error(request, _("Ação desconhecida."))
            return redirect(edit_url)
        try:
            consultation = services.consultation_transition(
                consultation_id=pk,
                action=action,
                actor=request.user,
                note=request.POST.get("note", "")[:2000],
            )
        except services.InvalidTransition:
            consultation.refresh_from_db()
            messages.error(
                request,
                _("Não é possível “%(action)s” uma consulta na situação “%(status)s”.")
                % {
                    "action": ACTION_LABELS[action],
                    "status": consultation.get_status_display(),
                },
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied:
            messages.error(request, _("Você não tem permissão para esta ação."))
        else:
            messages.success(request, ACTION_DONE[action] % {"title": consultation})
        return redirect(edit_url)


class ConsultationDocumentsView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """The public documents of a consultation: list, upload, remove."""

    model = None
    permission_required = "change"
    template_name = "consultations/admin/consultation_documents.html"
    page_title = gettext_lazy("Documentos da consulta")
    header_icon = "doc-full"
    edit_url_name = None
    documents_url_name = None

    @cached_property
    def consultation(self):
        return get_object_or_404(Consultation, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.consultation)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("consultations_admin:index"),
                "label": _("Consultas públicas"),
            },
            {
                "url": reverse(self.edit_url_name, args=[self.consultation.pk]),
                "label": str(self.consultation),
            },
            {"url": "", "label": _("Documentos")},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            consultation=self.consultation,
            documents=list(self.consultation.documents.all()),
            form=form or ConsultationDocumentForm(),
            action_url=reverse(self.documents_url_name, args=[self.consultation.pk]),
            edit_url=reverse(self.edit_url_name, args=[self.consultation.pk]),
        )
        return context

    def post(self, request, pk):
        url = reverse(self.documents_url_name, args=[pk])
        remove = request.POST.get("remove")
        if remove:
            document = self.consultation.documents.filter(pk=remove).first()
            if document is None:
                messages.error(request, _("Documento não encontrado."))
            else:
                services.consultation_document_remove(
                    document_id=document.pk, by=request.user
                )
                messages.success(
                    request, _("Documento “%(title)s” removido.") % {"title": document}
                )
            return redirect(url)
        form = ConsultationDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                document = services.consultation_document_add(
                    consultation=self.consultation,
                    title=form.cleaned_data["title"],
                    file=form.cleaned_data["file"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(
                    request, _("Documento “%(title)s” anexado.") % {"title": document}
                )
                return redirect(url)
        messages.error(request, _("Não foi possível anexar o documento."))
        return self.render_to_response(self.get_context_data(form=form))


# CONTRIBUTIONS
# ------------------------------------------------------------------------------


def _target(contribution) -> tuple[str, int]:
    """What the contribution was made to: ("consultation", pk) or ("event", pk)."""
    if contribution.consultation_id:
        return "consultation", contribution.consultation_id
    return "event", contribution.event_id


def open_reports():
    return AbuseReport.objects.filter(
        contribution=OuterRef("pk"), resolved_at__isnull=True
    )


class ContributionIndexView(IndexView):
    """Contributions to consultations and events, newest first, with what staff
    act on."""

    page_title = gettext_lazy("Contribuições")
    any_permission_required = ["answer"]

    def get_base_queryset(self):
        return (
            Contribution.objects.all()
            .select_related("consultation", "event", "device", "author")
            .annotate(_open_reports=Exists(open_reports()))
        )

    def order_queryset(self, queryset):
        if self.ordering:
            return super().order_queryset(queryset)
        return queryset.order_by("-created_at", "-pk")


class ModerationQueueIndexView(IndexView):
    """Waiting for a moderator: pending under pre-moderation, or reported and
    not yet looked at. The oldest first."""

    page_title = gettext_lazy("Fila de moderação")
    any_permission_required = ["moderate"]

    def get_base_queryset(self):
        return (
            Contribution.objects.annotate(_open_reports=Exists(open_reports()))
            .filter(Q(moderation=C.Moderation.PENDING) | Q(_open_reports=True))
            .select_related("consultation", "event", "device", "author")
        )

    def order_queryset(self, queryset):
        if self.ordering:
            return super().order_queryset(queryset)
        return queryset.order_by("created_at", "pk")


class ContributionView(InspectView):
    """One contribution: its text, author, reports and replies; the devolutiva
    (staff) and moderation (moderators and staff)."""

    template_name = "consultations/admin/contribution_inspect.html"
    page_title = gettext_lazy("Contribuição")
    any_permission_required = ["moderate", "answer"]
    inspect_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            Contribution.objects.select_related(
                "consultation",
                "event",
                "device",
                "author",
                "on_behalf_of",
                "bairro",
                "parent",
                "moderated_by",
                "recorded_by",
                "answered_by",
            ),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return str(self.object.consultation or self.object.event)

    def get_fields_context(self):
        return []

    @cached_property
    def inspect_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def post(self, request, *args, **kwargs):
        contribution = self.object
        action = request.POST.get("action", "")
        answer_form = moderation_form = None
        try:
            if action == "answer":
                answer_form = AnswerForm(request.POST)
                if answer_form.is_valid():
                    services.contribution_answer(
                        contribution_id=contribution.pk,
                        by=request.user,
                        **answer_form.cleaned_data,
                    )
                    messages.success(request, _("Resposta registrada."))
                    return redirect(self.next_url())
            elif action in ("hide", "publish"):
                moderation_form = ModerationForm(request.POST)
                if moderation_form.is_valid():
                    services.contribution_moderate(
                        contribution_id=contribution.pk,
                        by=request.user,
                        action=action,
                        reason=moderation_form.cleaned_data["reason"],
                    )
                    messages.success(
                        request,
                        _("Contribuição ocultada.")
                        if action == "hide"
                        else _("Contribuição publicada."),
                    )
                    return redirect(self.inspect_url)
            else:
                messages.error(request, _("Ação desconhecida."))
                return redirect(self.inspect_url)
        except PermissionDenied:
            messages.error(request, _("Você não tem permissão para esta ação."))
            return redirect(self.inspect_url)
        except ValidationError as error:
            form = answer_form or moderation_form
            bind_service_errors(form, error)
        messages.error(request, _("Corrija os campos indicados."))
        context = self.get_context_data(
            answer_form=answer_form, moderation_form=moderation_form
        )
        return self.render_to_response(context)

    def next_url(self) -> str:
        """After answering, the next unanswered contribution of the same
        consultation or event (the oldest one left), or this one again."""
        contribution = self.object
        key, pk = _target(contribution)
        following = (
            Contribution.objects.filter(
                **{f"{key}_id": pk},
                parent__isnull=True,
                answer="",
            )
            .exclude(moderation=C.Moderation.HIDDEN)
            .exclude(pk=contribution.pk)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        return reverse(self.inspect_url_name, args=[following or contribution.pk])

    def answer_note(self, can_answer: bool, window_error: str | None) -> str:
        """Why the devolutiva form is not on the page (empty when it is)."""
        contribution = self.object
        if can_answer:
            return ""
        if contribution.parent_id:
            return _(
                "Respostas entre participantes não recebem devolutiva: responda "
                "à contribuição original."
            )
        if window_error:
            return window_error
        if contribution.moderation == C.Moderation.PENDING:
            return _("Aprove a contribuição na moderação antes de dar a devolutiva.")
        return ""

    def target_links(self) -> dict:
        """The contributions list filtered by this consultation or event, and
        its admin edit page. Both are staff pages: moderators get no links."""
        if not self.request.user.has_perm(MANAGE_PERMISSION):
            return {"list_url": "", "target_edit_url": ""}
        key, pk = _target(self.object)
        edit_url_name = {
            "consultation": "consultations_admin:edit",
            "event": "consultations_events:edit",
        }[key]
        return {
            "list_url": contributions_list_url(**{key: pk}),
            "target_edit_url": reverse(edit_url_name, args=[pk]),
        }

    def get_context_data(self, answer_form=None, moderation_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        contribution = self.object
        user = self.request.user
        citation = ""
        if contribution.device_id:
            devices = {
                d.pk: d
                for d in Device.objects.filter(
                    consultation_id=contribution.consultation_id
                )
            }
            citation = device_citation(devices[contribution.device_id], devices)
        window_error = (
            answer_window_error(contribution) if contribution.parent_id is None else ""
        )
        can_answer = (
            contribution.parent_id is None
            and contribution.moderation != C.Moderation.PENDING
            and user.has_perm("consultations.answer_contribution", contribution)
            and not window_error
        )
        if answer_form is None and can_answer:
            answer_form = AnswerForm(
                initial={
                    "answer": contribution.answer,
                    "answer_text": contribution.answer_text,
                }
            )
        context.update(
            contribution=contribution,
            target=contribution.consultation or contribution.event,
            event=contribution.event,
            citation=citation,
            reports=list(
                AbuseReport.objects.filter(contribution=contribution).select_related(
                    "user"
                )
            ),
            replies=list(
                contribution.replies.select_related("author").order_by("created_at")
            ),
            can_answer=can_answer,
            answer_note=self.answer_note(can_answer, window_error),
            answer_form=answer_form,
            can_moderate=user.has_perm(
                "consultations.moderate_contribution", contribution
            ),
            moderation_form=moderation_form or ModerationForm(),
            action_url=self.inspect_url,
            **self.target_links(),
            parent_url=reverse(self.inspect_url_name, args=[contribution.parent_id])
            if contribution.parent_id
            else "",
        )
        return context
