"""What the admin pages about one meeting share: the meetings a person may
see (`meetings_run_by`), the lookup that answers 404 for another council's
meeting, the permission of each page, and a form that posts back to its page.

A refusal of a service (`WORKFLOW_ERRORS`) goes beside the field it names, or
above the form, and the form is shown again with what was typed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from civic.workflow import WORKFLOW_ERRORS, InvalidTransition, report_workflow_error

from ...models import Meeting
from ...rules import councils_run_by

INDEX_URL = "councils_meetings:index"
EDIT_URL = "councils_meetings:edit"


def meetings_run_by(user):
    """The meetings of the councils the person runs."""
    return Meeting.objects.filter(council__in=councils_run_by(user)).select_related(
        "council", "venue"
    )


class ScopedObjectMixin:
    """Generic model views (edit, delete, history, usage) that find only
    the meetings of councils the person runs: another council's is a 404."""

    def get_object(self, *args, **kwargs):
        if getattr(self, "object", None) is not None and isinstance(
            self.object, Meeting
        ):
            return self.object
        try:
            return meetings_run_by(self.request.user).get(pk=int(self.kwargs["pk"]))
        except (Meeting.DoesNotExist, ValueError, TypeError):
            raise Http404 from None


class MeetingPageMixin(WagtailAdminTemplateMixin):
    """A page about one meeting, below its edit page in the breadcrumbs.
    `permission` is the rule asked with the meeting."""

    permission = "councils.change_meeting"
    crumb = ""
    _show_breadcrumbs = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission, self.meeting):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def meeting(self) -> Meeting:
        try:
            return meetings_run_by(self.request.user).get(pk=int(self.kwargs["pk"]))
        except (Meeting.DoesNotExist, ValueError, TypeError):
            raise Http404 from None

    @cached_property
    def edit_url(self) -> str:
        return reverse(EDIT_URL, args=[self.meeting.pk])

    def get_page_title(self):
        return str(self.crumb or self.page_title)

    def get_page_subtitle(self):
        return str(self.meeting)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL), "label": gettext_lazy("Reuniões")},
            {"url": self.edit_url, "label": str(self.meeting)},
            {"url": "", "label": str(self.crumb or self.page_title)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            meeting=self.meeting, edit_url=self.edit_url, action_url=self.request.path
        )
        return context


class MeetingFormView(MeetingPageMixin, TemplateView):
    """One form that posts back and calls a service in `form_valid`."""

    template_name = "councils/admin/meetings/form.html"
    form_class = None
    help = ""
    submit_label = gettext_lazy("Salvar")
    error_message = gettext_lazy("Corrija os campos indicados.")

    def get_form(self, data=None):
        return self.form_class(data)

    def form_valid(self, form):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                return self.form_valid(form)
            except (InvalidTransition, PermissionDenied) as error:
                report_workflow_error(request, error)
                return redirect(self.edit_url)
            except ValidationError as error:
                report_workflow_error(request, error, form=form)
        messages.error(request, self.error_message)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.get_form() if form is None else form,
            help=self.help,
            submit_label=self.submit_label,
        )
        return context


__all__ = [
    "WORKFLOW_ERRORS",
    "MeetingFormView",
    "MeetingPageMixin",
    "ScopedObjectMixin",
    "meetings_run_by",
]
