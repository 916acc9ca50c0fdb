"""Consultations in the Wagtail admin ("Participação" menu): the consultations
themselves, their contributions with the devolutiva, and the moderation queue.

URL namespaces `consultations_admin`, `consultations_contributions` and
`consultations_moderation` are linked from other pages; keep them stable.
The contribution views serve event contributions too (moderation queue).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from ..forms.consultations import ConsultationAdminForm
from ..models import Consultation, Contribution, Device, Event, PolicyArea
from . import consultation_views as views

# Registered before any viewset asks, so Wagtail never builds a fallback policy.
register_permission_policy(
    Consultation, views.ParticipationPermissionPolicy(Consultation)
)
register_permission_policy(
    Contribution, views.ContributionPermissionPolicy(Contribution)
)

C = Contribution


class ConsultationFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Situação"),
        choices=Consultation.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    policy_area = django_filters.ModelChoiceFilter(
        label=_("Área"), queryset=PolicyArea.objects.all(), empty_label=_("Todas")
    )

    class Meta:
        model = Consultation
        fields = ["status", "policy_area"]


class ConsultationViewSet(ModelViewSet):
    """Create and edit consultations; schedule, unschedule, publish the report."""

    model = Consultation
    icon = "doc-full"
    menu_label = _("Consultas públicas")
    url_prefix = "participacao/consultas"
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = views.ConsultationIndexView
    add_view_class = views.ConsultationCreateView
    edit_view_class = views.ConsultationEditView
    delete_view_class = views.DraftDeleteView
    filterset_class = ConsultationFilterSet
    search_fields = ["title", "summary"]
    list_per_page = 50
    list_display = [
        "title",
        StatusTagColumn(
            "get_status_display",
            label=_("Situação"),
            sort_key="status",
            primary=lambda c: c.status == Consultation.Status.OPEN,
        ),
        Column("policy_area", label=_("Área")),
        DateColumn("opens_at", label=_("Abertura"), sort_key="opens_at"),
        DateColumn("closes_at", label=_("Encerramento"), sort_key="closes_at"),
        Column("_contributions", label=_("Contribuições"), sort_key="_contributions"),
    ]

    def get_form_class(self, for_update=False):
        return ConsultationAdminForm

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            transition_url_name=self.get_url_name("transition"),
            documents_url_name=self.get_url_name("documents"),
            **kwargs,
        )

    @property
    def transition_view(self):
        return self.construct_view(
            views.ConsultationTransitionView,
            edit_url_name=self.get_url_name("edit"),
        )

    @property
    def documents_view(self):
        return self.construct_view(
            views.ConsultationDocumentsView,
            edit_url_name=self.get_url_name("edit"),
            documents_url_name=self.get_url_name("documents"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/acao/", self.transition_view, name="transition"),
            path("<int:pk>/documentos/", self.documents_view, name="documents"),
        ]

    def get_permissions_to_register(self):
        """Only the staff permission shows in the group editor."""
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Consultation),
            codename="manage_participation",
        )


class ContributionFilterSet(WagtailFilterSet):
    """Device, moderation, answered or not, reported or not, top-level or reply."""

    consultation = django_filters.ModelChoiceFilter(
        label=_("Consulta"),
        queryset=Consultation.objects.all(),
        empty_label=_("Todas"),
    )
    event = django_filters.ModelChoiceFilter(
        label=_("Audiência ou fórum"),
        queryset=Event.objects.all(),
        empty_label=_("Todos"),
    )
    device = django_filters.ModelChoiceFilter(
        label=_("Dispositivo"), queryset=Device.objects.none(), empty_label=_("Todos")
    )
    moderation = django_filters.ChoiceFilter(
        label=_("Moderação"), choices=C.Moderation.choices, empty_label=_("Todas")
    )
    answered = django_filters.ChoiceFilter(
        label=_("Devolutiva"),
        choices=[("no", _("Sem resposta")), ("yes", _("Respondidas"))],
        method="filter_answered",
        empty_label=_("Todas"),
    )
    reported = django_filters.ChoiceFilter(
        label=_("Denúncias"),
        choices=[
            ("open", _("Com denúncia a analisar")),
            ("any", _("Já denunciadas")),
        ],
        method="filter_reported",
        empty_label=_("Todas"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Tipo"),
        choices=[
            ("top", _("Contribuições")),
            ("reply", _("Respostas entre participantes")),
        ],
        method="filter_kind",
        empty_label=_("Todas"),
    )

    class Meta:
        model = Contribution
        fields = ["consultation", "event", "device", "moderation"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        consultation = (data or {}).get("consultation")
        if consultation and str(consultation).isdigit():
            devices = Device.objects.filter(consultation_id=consultation).order_by(
                "position"
            )
            self.filters["device"].queryset = devices
            self.form.fields["device"].queryset = devices

    def filter_answered(self, queryset, name, value):
        if value == "yes":
            return queryset.exclude(answer="")
        if value == "no":
            return queryset.filter(answer="")
        return queryset

    def filter_reported(self, queryset, name, value):
        if value == "open":
            return queryset.filter(Exists(views.open_reports()))
        if value == "any":
            return queryset.filter(report_count__gt=0)
        return queryset

    def filter_kind(self, queryset, name, value):
        if value == "top":
            return queryset.filter(parent__isnull=True)
        if value == "reply":
            return queryset.filter(parent__isnull=False)
        return queryset


class QueueFilterSet(WagtailFilterSet):
    moderation = django_filters.ChoiceFilter(
        label=_("Moderação"),
        choices=[
            (C.Moderation.PENDING, _("Aguardando aprovação")),
            (C.Moderation.PUBLISHED, _("Publicadas e denunciadas")),
        ],
        empty_label=_("Todas"),
    )

    class Meta:
        model = Contribution
        fields = ["moderation"]


def _where(contribution) -> str:
    return str(contribution.consultation or contribution.event)


CONTRIBUTION_COLUMNS = [
    "text",
    Column("where", label=_("Onde"), accessor=_where),
    Column("device", label=_("Dispositivo"), accessor="device.label"),
    Column("get_position_display", label=_("Posição"), sort_key="position"),
    StatusTagColumn(
        "get_moderation_display",
        label=_("Moderação"),
        sort_key="moderation",
        primary=lambda c: c.moderation == C.Moderation.PENDING,
    ),
    Column("get_answer_display", label=_("Resposta"), sort_key="answer"),
    Column("support_count", label=_("Apoios"), sort_key="support_count"),
    Column("report_count", label=_("Denúncias"), sort_key="report_count"),
    DateColumn("created_at", label=_("Enviada em"), sort_key="created_at"),
]


class ReadOnlyContributionViewSet(ModelViewSet):
    """A listing and a page per contribution; nothing is created or deleted here."""

    model = Contribution
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = views.ContributionView
    list_per_page = 50
    search_fields = ["text", "proposed_text"]
    list_display = CONTRIBUTION_COLUMNS

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "copy", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    @property
    def url_finder_class(self):
        inspect_url_name = self.get_url_name("inspect")

        class InspectURLFinder(ModelAdminURLFinder):
            def construct_edit_url(self, instance):
                return reverse(inspect_url_name, args=(quote(instance.pk),))

            def get_edit_url(self, instance):
                return self.construct_edit_url(instance)

        return InspectURLFinder

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_permissions_to_register(self):
        return Permission.objects.none()


class ContributionViewSet(ReadOnlyContributionViewSet):
    """Contributions to consultations and events, to answer (staff)."""

    icon = "comment"
    menu_label = _("Contribuições e devolutivas")
    url_prefix = "participacao/contribuicoes"
    index_view_class = views.ContributionIndexView
    filterset_class = ContributionFilterSet


class ModerationQueueViewSet(ReadOnlyContributionViewSet):
    """Pending and reported contributions, for the Moderação group."""

    icon = "warning"
    menu_label = _("Moderação")
    url_prefix = "participacao/moderacao"
    index_view_class = views.ModerationQueueIndexView
    filterset_class = QueueFilterSet

    def register_admin_url_finder(self):
        # Admin links to a contribution open it under "Contribuições".
        return None


VIEWSETS = [
    ConsultationViewSet("consultations_admin"),
    ContributionViewSet("consultations_contributions"),
    ModerationQueueViewSet("consultations_moderation"),
]


def contribution_admin_url(contribution, *, queue: bool = False) -> str:
    """The admin page of a contribution (in the moderation queue if asked)."""
    name = "consultations_moderation" if queue else "consultations_contributions"
    return reverse(f"{name}:inspect", args=[contribution.pk])
