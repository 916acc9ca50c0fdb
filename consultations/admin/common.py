"""What the staff pages of consultations and events share: the viewset of a
record staff create and edit, saving through a service, deleting drafts only,
pages about one object with a form, the history panel, and links to the
contributions list.

Every view that runs a service or a workflow action catches `WORKFLOW_ERRORS`
and shows them with `report_workflow_error`: beside the field they name, or as
a flash message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error


def contributions_list_url(**filters) -> str:
    """The staff list of contributions, filtered (`event=3, answered="no"`)."""
    url = reverse("consultations_contributions:index")
    return f"{url}?{urlencode(filters)}" if filters else url


class StaffModelViewSet(ModelViewSet):
    """A record staff create and edit (consultations, events, venues): saved
    through its service by the views, with `form_class` as its form. What
    staff may do is written in the rules (consultations/rules.py), so by
    default no Django permission shows in the group editor."""

    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    form_class = None

    def get_form_class(self, for_update=False):
        return self.form_class

    def get_permissions_to_register(self):
        return Permission.objects.none()


class ServiceSaveMixin:
    """Create and edit views whose `save_instance` calls a service: a refusal
    goes beside the fields it names and the form is shown again as typed."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except WORKFLOW_ERRORS as error:
            report_workflow_error(self.request, error, form=form)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class DraftDeleteView(DeleteView):
    """Only drafts go (the rule `consultations.delete_<model>`): a consultation
    or event people saw is a public record. A model deleted through a service
    overrides `delete_action`."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.user_has_permission_for_instance("delete", instance):
            raise PermissionDenied
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except WORKFLOW_ERRORS as error:
            report_workflow_error(self.request, error)
            return redirect(reverse(self.edit_url_name, args=[self.object.pk]))


class ObjectPageMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """A staff page about one object, below its edit page in the breadcrumbs.
    Subclasses give `model`, `lookup(pk)`, `index_label` and the URL names."""

    permission_required = "change"
    index_url_name = None
    edit_url_name = None
    index_label = ""
    crumb = ""

    def lookup(self, pk):
        raise NotImplementedError

    @cached_property
    def object(self):
        try:
            return self.lookup(self.kwargs["pk"])
        except self.model.DoesNotExist:
            raise Http404 from None

    @cached_property
    def edit_url(self) -> str:
        return reverse(self.edit_url_name, args=[self.object.pk])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": self.edit_url, "label": str(self.object)},
            {"url": "", "label": str(self.crumb or self.page_title)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(edit_url=self.edit_url)
        return context


class FormPageMixin:
    """A page with one form that posts back to it and calls a service in
    `form_valid`. A refusal goes beside the field it names and the form is
    shown again with what was typed."""

    form_class = None
    error_message = gettext_lazy("Corrija os campos indicados.")
    # Where a refusal that names no field goes (None: above the form).
    error_field = None

    def get_form(self, data=None, files=None):
        return self.form_class(data)

    def form_valid(self, form):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                return self.form_valid(form)
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, self.on_field(error), form=form)
        if self.error_message:
            messages.error(request, self.error_message)
        return self.render_to_response(self.get_context_data(form=form))

    def on_field(self, error):
        """The refusal, beside `error_field` when it names no field itself."""
        if (
            self.error_field
            and isinstance(error, ValidationError)
            and not hasattr(error, "error_dict")
        ):
            return ValidationError({self.error_field: error.error_list})
        return error

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.get_form() if form is None else form,
            action_url=self.request.path,
        )
        return context


@dataclass
class HistoryLine:
    """One row of the history panel of an edit page."""

    created_at: datetime
    label: str
    from_label: str
    to_label: str
    actor: str
    note: str

    @property
    def changed(self) -> bool:
        return self.from_label != self.to_label


def history_lines(entries, labels) -> list[HistoryLine]:
    """Log rows as the history panel shows them; `labels` names each action
    (the clock's rows have no actor)."""
    return [
        HistoryLine(
            created_at=entry.created_at,
            label=str(labels.get(entry.action, entry.action)),
            from_label=entry.get_from_status_display(),
            to_label=entry.get_to_status_display(),
            actor=entry.actor.display_name if entry.actor else "",
            note=entry.note,
        )
        for entry in entries
    ]
