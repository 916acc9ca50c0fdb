"""Elections in the admin ("Conselhos" → "Eleições"): create and edit drafts
with their vacancies; the edit page shows the phase, the actions the
workflow allows now, the candidacies to decide, the ballots and the history.
Action pages are in `election_actions`. Staff see every council's elections,
a secretariat only its council's (`councils_run_by`).

URL namespace `councils_elections`: index, add, edit, delete, action,
decide, ballot."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from civic.permissions import RulesPermissionPolicy
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from ..history import election_log_label, labelled
from ..models import Ballot, Election
from ..rules import councils_run_by
from ..services.candidacies import candidacy_workflow
from ..services.elections import (
    CIVIL_SEGMENTS,
    election_save,
    vacancy_field,
    workflow,
)
from .election_actions import (
    DECISIONS,
    BallotView,
    CandidacyDecisionView,
    ElectionActionView,
)

S = Election.Status


class ElectionForm(WagtailAdminModelForm):
    """The edital, its periods, the tie-break and the vacancies per segment."""

    class Meta:
        model = Election
        fields = [
            "council",
            "title",
            "edital_number",
            "edital_text",
            "candidacy_starts_at",
            "candidacy_ends_at",
            "voting_starts_at",
            "voting_ends_at",
            "tie_break",
        ]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["council"].queryset = councils_run_by(for_user)
        current = (
            {v.segment: v.seats for v in self.instance.vacancies.all()}
            if self.instance.pk
            else {}
        )
        for segment in CIVIL_SEGMENTS:
            self.fields[vacancy_field(segment)] = forms.IntegerField(
                label=_("Vagas: %(segment)s") % {"segment": segment.label},
                min_value=0,
                max_value=50,
                required=False,
                initial=current.get(segment.value, 0),
            )
        if self.instance.pk and self.instance.status != S.DRAFT:
            for field in self.fields.values():
                field.disabled = True

    def clean(self):
        data = super().clean()
        starts, ends = data.get("candidacy_starts_at"), data.get("candidacy_ends_at")
        vstarts, vends = data.get("voting_starts_at"), data.get("voting_ends_at")
        if starts and ends and ends <= starts:
            self.add_error(
                "candidacy_ends_at",
                _("O fim das inscrições deve ser depois do início."),
            )
        if vstarts and vends and vends <= vstarts:
            self.add_error("voting_ends_at", _("O fim deve ser depois do início."))
        if ends and vstarts and vstarts < ends:
            self.add_error(
                "voting_starts_at",
                _("A votação começa depois do fim das inscrições."),
            )
        return data

    @property
    def vacancies(self) -> dict[str, int]:
        return {
            segment.value: self.cleaned_data.get(vacancy_field(segment)) or 0
            for segment in CIVIL_SEGMENTS
        }


class ScopedMixin:
    """Only the elections of the councils the person runs."""

    def get_queryset(self, *args, **kwargs):
        return Election.objects.filter(
            council__in=councils_run_by(self.request.user)
        ).select_related("council")

    def get_base_queryset(self):
        return self.get_queryset()


class ScopedBaseObjectMixin:
    """Wagtail's generic object pages (history, usage): another council's
    election is a 404."""

    def get_base_object_queryset(self):
        return Election.objects.filter(council__in=councils_run_by(self.request.user))


class ElectionHistoryView(ScopedBaseObjectMixin, HistoryView):
    pass


class ElectionUsageView(ScopedBaseObjectMixin, UsageView):
    pass


class SaveMixin:
    def save_instance(self):
        return election_save(
            election=self.form.instance,
            vacancies=self.form.vacancies,
            actor=self.request.user,
            fields=self.form._meta.fields,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except WORKFLOW_ERRORS as error:
            report_workflow_error(self.request, error, form=form)
            return self.form_invalid(form)


class ElectionIndexView(ScopedMixin, IndexView):
    pass


class ElectionCreateView(SaveMixin, CreateView):
    success_message = _("Eleição “%(object)s” criada em preparação.")


class ElectionEditView(ScopedMixin, SaveMixin, EditView):
    template_name = "councils/admin/elections/edit.html"
    success_message = _("Eleição “%(object)s” salva.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        election = Election.objects.select_related("council", "term").get(
            pk=self.object.pk
        )
        user = self.request.user
        candidacies = list(
            election.candidacies.select_related("entity", "nominee").order_by(
                "segment", "rank", "entity__name"
            )
        )
        for candidacy in candidacies:
            candidacy.actions = [
                {
                    "label": candidacy_workflow.label(action),
                    "url": reverse(
                        "councils_elections:decide",
                        args=[election.pk, candidacy.pk, action],
                    ),
                }
                for action in candidacy_workflow.available_actions(candidacy, user)
                if action in DECISIONS
            ]
        context.update(
            election=election,
            workflow_actions=[
                {
                    "label": workflow.label(action),
                    "url": reverse(
                        "councils_elections:action", args=[election.pk, action]
                    ),
                }
                for action in workflow.available_actions(election, user)
            ],
            candidacies=candidacies,
            ballots=Ballot.objects.filter(election=election)
            .select_related("voter")
            .order_by("segment", "voter__name"),
            ballot_url=reverse("councils_elections:ballot", args=[election.pk])
            if election.status == S.VOTING
            and user.has_perm("councils.record_ballot_election", election)
            else "",
            history=labelled(
                election.log.select_related("actor")[:50], election_log_label
            ),
            public_url=election.get_absolute_url()
            if election.status != S.DRAFT
            else "",
        )
        return context


class ElectionDeleteView(ScopedMixin, DeleteView):
    """Only drafts go: an election people saw is a public record (cancel it)."""

    def get_object(self, queryset=None):
        election = super().get_object(queryset)
        if election.status != S.DRAFT or election.candidacies.exists():
            raise PermissionDenied
        return election


class ElectionViewSet(ModelViewSet):
    """Elections of civil-society seats, scoped to the councils one runs."""

    model = Election
    icon = "group"
    menu_label = _("Eleições")
    url_prefix = "conselhos/eleicoes"
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    form_class = ElectionForm
    index_view_class = ElectionIndexView
    add_view_class = ElectionCreateView
    edit_view_class = ElectionEditView
    delete_view_class = ElectionDeleteView
    history_view_class = ElectionHistoryView
    usage_view_class = ElectionUsageView
    list_display = [
        "title",
        Column("council", label=_("Conselho")),
        StatusTagColumn("get_status_display", label=_("Situação"), sort_key="status"),
        Column("voting_starts_at", label=_("Votação")),
    ]

    def get_form_class(self, for_update=False):
        return self.form_class

    def get_permissions_to_register(self):
        return Permission.objects.none()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/acao/<str:action>/",
                self.construct_view(ElectionActionView),
                name="action",
            ),
            path(
                "<int:pk>/candidaturas/<int:candidacy>/<str:action>/",
                self.construct_view(CandidacyDecisionView),
                name="decide",
            ),
            path(
                "<int:pk>/votos/",
                self.construct_view(BallotView),
                name="ballot",
            ),
        ]


register_permission_policy(Election, RulesPermissionPolicy(Election))
VIEWSETS = [ElectionViewSet("councils_elections")]
