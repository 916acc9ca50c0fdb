"""What the staff pages of a partnership's execution share: a manage page
per record (the inspect view, laid out by its template, offering the actions
the workflow allows now) and one action page per step, whose form's cleaned
data go to a service.

Refusals of the services (`WORKFLOW_ERRORS`) go beside the field they name,
with what was typed kept, or as a message; nothing else changes a status.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.models import Permission
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error


@dataclass(frozen=True)
class Action:
    """One step staff take: its label, form, and the service call.

    `subject` loads the record the URL's pk names (a parcela, a change, the
    accounts); `run(subject, user, data)` calls the service."""

    label: str
    run: Callable[[Any, Any, dict], Any]
    form: type[forms.Form] | None = None
    help: str = ""
    done: str = ""
    subject: Callable[[int], Any] | None = None
    destructive: bool = False


class ManageView(InspectView):
    """A record with its history and the actions offered now (template-driven)."""

    action_url_name: str | None = None

    def get_fields_context(self):
        return []

    def load(self, pk):
        raise NotImplementedError

    def get_object(self, queryset=None):
        try:
            return self.load(self.pk)
        except ObjectDoesNotExist:
            raise Http404 from None

    def action_url(self, name: str, pk=None) -> str:
        return reverse(self.action_url_name, args=[pk or self.object.pk, name])


class ActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """One action: its form (GET) and the service (POST). The page needs the
    viewset's "view" permission; the service asks the action's own rule."""

    template_name = "partnerships/admin/action.html"
    model = None
    permission_required = "view"
    actions: dict[str, Action] = {}
    manage_url_name: str = ""
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["action"] not in self.actions:
            raise Http404
        # Read-only viewers of the admin (a council's secretariat) take no step.
        if request.user.is_authenticated and not request.user.has_perm(
            "partnerships.manage_partnerships"
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def action(self) -> Action:
        return self.actions[self.kwargs["action"]]

    @cached_property
    def subject(self):
        loader = self.action.subject or self.model._default_manager.get
        try:
            return loader(pk=self.kwargs["pk"])
        except ObjectDoesNotExist:
            raise Http404 from None

    def get_page_title(self):
        return str(self.action.label)

    def get_page_subtitle(self):
        return str(self.subject)

    def back_url(self) -> str:
        owner = getattr(self.subject, "partnership_id", None)
        target = self.subject.pk
        if self.manage_for_partnership and owner:
            target = owner
        return reverse(self.manage_url_name, args=[target])

    manage_for_partnership = False

    def get_form(self, data=None, files=None):
        if self.action.form is None:
            return None
        return self.action.form(data, files)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action=self.action,
            subject=self.subject,
            form=form if form is not None else self.get_form(),
            back_url=self.back_url(),
            action_url=self.request.path,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST, request.FILES)
        if form is None or form.is_valid():
            data = form.cleaned_data if form is not None else {}
            try:
                self.action.run(self.subject, request.user, data)
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form)
                if form is None:
                    return redirect(self.back_url())
            else:
                messages.success(request, str(self.action.done or self.action.label))
                return redirect(self.back_url())
        return self.render_to_response(self.get_context_data(form=form))


class ExecutionViewSet(ModelViewSet):
    """A viewset whose permissions come from the rules, with a manage page
    (the inspect view) and action pages at `<pk>/acao/<action>/`."""

    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    action_view_class = ActionView
    manage_for_partnership = False

    def get_permissions_to_register(self):
        return Permission.objects.none()

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
                    self.action_view_class,
                    model=self.model,
                    manage_url_name=self.get_url_name("inspect"),
                    manage_for_partnership=self.manage_for_partnership,
                ),
                name="action",
            ),
        ]
