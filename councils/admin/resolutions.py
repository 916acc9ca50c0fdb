"""Resolutions in the Wagtail admin ("Conselhos" → "Resoluções").

The secretariat of a council (and SRSC staff, for every council) writes
drafts, publishes them (a confirmation page: publishing gives the number and
cannot be undone) and revokes them with a note. Every view lists and opens
only the resolutions of the councils the person runs (`councils_run_by`);
what each person may do is asked of councils/rules.py through
`RulesPermissionPolicy`. Writes go through councils/services/resolutions.py.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import (
    CreateView,
    EditView,
    IndexView,
    InspectView,
)
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.permissions import register_permission_policy

from civic.permissions import RulesPermissionPolicy
from consultations.admin.common import (
    DraftDeleteView,
    FormPageMixin,
    ObjectPageMixin,
    ServiceSaveMixin,
    StaffModelViewSet,
)

from ..forms.admin_resolutions import PublishForm, ResolutionAdminForm, RevokeForm
from ..models import Resolution
from ..rules import councils_run_by
from ..services.resolutions import resolution_save, workflow

register_permission_policy(Resolution, RulesPermissionPolicy(Resolution))

S = Resolution.Status
LOG_LABELS = {
    "create": gettext_lazy("Criação da minuta"),
    "edit": gettext_lazy("Edição da minuta"),
    "publish": gettext_lazy("Publicação"),
    "revoke": gettext_lazy("Revogação"),
}
ACTION_FORMS = {"publish": PublishForm, "revoke": RevokeForm}
ACTION_HELP = {
    "publish": gettext_lazy(
        "A resolução recebe o próximo número do ano, aparece no site com o PDF e "
        "quem acompanha o conselho e os conselheiros são avisados. As resoluções "
        "que ela revoga passam a constar como revogadas. Não é possível desfazer."
    ),
    "revoke": gettext_lazy(
        "A resolução continua no site, marcada como revogada; o motivo fica no "
        "histórico."
    ),
}
ACTION_DONE = {
    "publish": gettext_lazy("%(resolution)s publicada."),
    "revoke": gettext_lazy("%(resolution)s revogada."),
}


def scoped(user):
    """The resolutions of the councils the person runs."""
    return Resolution.objects.filter(council__in=councils_run_by(user))


class ScopedObjectMixin:
    """Open only resolutions of councils the person runs (others are a 404),
    after the view's own checks (a delete view's "drafts only")."""

    def get_object(self, queryset=None):
        resolution = super().get_object(queryset)
        if not scoped(self.request.user).filter(pk=resolution.pk).exists():
            raise Http404
        return resolution


class ScopedBaseObjectMixin:
    """Wagtail's generic object pages (history, usage) find only the
    resolutions of councils the person runs: another council's is a 404."""

    def get_base_object_queryset(self):
        return scoped(self.request.user)


class ResolutionHistoryView(ScopedBaseObjectMixin, HistoryView):
    pass


class ResolutionUsageView(ScopedBaseObjectMixin, UsageView):
    pass


class ResolutionIndexView(IndexView):
    page_title = gettext_lazy("Resoluções")
    default_ordering = "-created_at"

    def get_base_queryset(self):
        return scoped(self.request.user).select_related("council")

    def get_edit_url(self, instance):
        # A published resolution is a public act: it opens read-only.
        if instance.status == S.DRAFT:
            return super().get_edit_url(instance)
        return reverse("councils_resolutions:inspect", args=[instance.pk])

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)
        return None


class ResolutionFormMixin(ServiceSaveMixin):
    def save_instance(self):
        data = self.form.cleaned_data
        return resolution_save(
            resolution=self.form.instance,
            actor=self.request.user,
            subjects=data.get("subjects") or [],
            revokes=data.get("revokes") or [],
            amends=data.get("amends") or [],
            fields=self.form._meta.fields,
        )

    def get_success_url(self):
        return reverse("councils_resolutions:inspect", args=[self.object.pk])


class ResolutionCreateView(ResolutionFormMixin, CreateView):
    page_title = gettext_lazy("Nova resolução")
    success_message = gettext_lazy(
        "Minuta “%(object)s” salva. Publique-a quando estiver aprovada."
    )
    error_message = gettext_lazy("A minuta não foi salva: corrija os campos indicados.")


class ResolutionEditView(ResolutionFormMixin, ScopedObjectMixin, EditView):
    success_message = gettext_lazy("Minuta “%(object)s” salva.")
    error_message = gettext_lazy("A minuta não foi salva: corrija os campos indicados.")

    def get_object(self, queryset=None):
        resolution = super().get_object(queryset)
        if resolution.status != S.DRAFT:
            raise Http404
        return resolution


class ResolutionDeleteView(ScopedObjectMixin, DraftDeleteView):
    """Only drafts go: a number given is never taken back."""


class ResolutionInspectView(ScopedObjectMixin, InspectView):
    """The resolution as staff see it: status, number, the actions the
    workflow allows the person now, the PDF and the history."""

    template_name = "councils/admin/resolution_inspect.html"
    action_url_name = None

    def get_fields_context(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resolution = self.object
        user = self.request.user
        context.update(
            resolution=resolution,
            actions=[
                {
                    "name": name,
                    "label": workflow.label(name),
                    "url": reverse(self.action_url_name, args=[resolution.pk, name]),
                }
                for name in workflow.available_actions(resolution, user)
            ],
            can_edit=user.has_perm("councils.change_resolution", resolution),
            history=[
                {
                    "created_at": entry.created_at,
                    "label": LOG_LABELS.get(entry.action, entry.action),
                    "actor": entry.actor.display_name if entry.actor else "",
                    "note": entry.note,
                }
                for entry in resolution.log.select_related("actor")
            ],
        )
        return context


class ResolutionActionView(FormPageMixin, ObjectPageMixin, TemplateView):
    """Publish (a confirmation) or revoke (a note): GET shows the page, POST
    runs the workflow. An action not allowed now sends staff back with why."""

    model = Resolution
    template_name = "councils/admin/resolution_action.html"
    index_label = gettext_lazy("Resoluções")
    permission_required = "view"
    error_field = "note"

    def lookup(self, pk):
        return scoped(self.request.user).select_related("council").get(pk=pk)

    def dispatch(self, request, *args, **kwargs):
        if kwargs["action"] not in ACTION_FORMS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def action(self) -> str:
        return self.kwargs["action"]

    @property
    def crumb(self):
        return workflow.label(self.action)

    @property
    def page_title(self):
        return workflow.label(self.action)

    def allowed(self) -> bool:
        return self.action in workflow.available_actions(self.object, self.request.user)

    def get(self, request, *args, **kwargs):
        if not self.allowed():
            messages.error(request, _refusal_message())
            return redirect(self.edit_url)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.allowed():
            messages.error(request, _refusal_message())
            return redirect(self.edit_url)
        return super().post(request, *args, **kwargs)

    def get_form(self, data=None, files=None):
        return ACTION_FORMS[self.action](data)

    def form_valid(self, form):
        # A refusal (WORKFLOW_ERRORS) is shown by FormPageMixin beside the
        # note, or above the form when it is about the draft's links.
        resolution = workflow.run(
            self.object.pk,
            self.action,
            actor=self.request.user,
            note=form.cleaned_data.get("note", ""),
        )
        messages.success(
            self.request,
            ACTION_DONE[self.action] % {"resolution": resolution.display_number},
        )
        return redirect(self.edit_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            resolution=self.object,
            action=self.action,
            action_label=workflow.label(self.action),
            action_help=ACTION_HELP[self.action],
        )
        return context


def _refusal_message() -> str:
    return gettext("Esta ação não é possível agora para esta resolução.")


class ResolutionViewSet(StaffModelViewSet):
    """Drafts, publication with the next number, revocation."""

    model = Resolution
    icon = "doc-full"
    menu_label = gettext_lazy("Resoluções")
    url_prefix = "conselhos/resolucoes"
    form_class = ResolutionAdminForm
    inspect_view_enabled = True
    index_view_class = ResolutionIndexView
    add_view_class = ResolutionCreateView
    edit_view_class = ResolutionEditView
    delete_view_class = ResolutionDeleteView
    inspect_view_class = ResolutionInspectView
    history_view_class = ResolutionHistoryView
    usage_view_class = ResolutionUsageView
    search_fields = ["title", "body"]
    list_filter = ["status", "council"]
    list_display = [
        "__str__",
        Column("council", label=gettext_lazy("Conselho")),
        StatusTagColumn(
            "get_status_display",
            label=gettext_lazy("Situação"),
            sort_key="status",
            primary=lambda r: r.status == S.PUBLISHED,
        ),
        Column("published_at", label=gettext_lazy("Publicada em")),
    ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            action_url_name=self.get_url_name("action"), **kwargs
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/acao/<str:action>/",
                self.construct_view(
                    ResolutionActionView,
                    index_url_name=self.get_url_name("index"),
                    edit_url_name=self.get_url_name("inspect"),
                ),
                name="action",
            ),
        ]


VIEWSETS = [ResolutionViewSet("councils_resolutions")]
