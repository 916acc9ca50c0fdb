"""The generic admin views of the council admin, scoped to the councils the
person runs (`councils_run_by`): the list shows only those, and any other
object is 404, whatever the URL typed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    UsageView,
)
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from ...models import Council, Mandate
from ...rules import councils_run_by
from ...services.composition import composition_findings
from ...services.mandates import mandate_end, mandate_save
from .forms import MandateEndForm


class ScopedMixin:
    """Objects of the councils the person runs; `council_lookup` is the path
    from the model to its council ("pk" for the council itself)."""

    council_lookup = "council"

    def scoped(self, queryset):
        return queryset.filter(
            **{f"{self.council_lookup}__in": councils_run_by(self.request.user)}
        )


class ScopedIndexView(ScopedMixin, IndexView):
    def get_base_queryset(self):
        return self.scoped(super().get_base_queryset())


class ScopedObjectMixin(ScopedMixin):
    """An object outside the person's councils is 404 (its existence is private)."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.scoped(self.model._default_manager.filter(pk=obj.pk)).exists():
            raise Http404
        return obj


class ScopedEditView(ScopedObjectMixin, EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, DeleteView):
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.user_has_permission_for_instance("delete", obj):
            raise PermissionDenied
        return obj


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, UsageView):
    pass


class CouncilEditView(ScopedEditView):
    """The council's form, with the composition warnings above it."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        for finding in composition_findings(self.object):
            messages.warning(request, finding.message)
        return response


class MandateSaveMixin:
    """Save through `mandate_save`: a refusal by the database goes beside the
    person field, and the form is shown again as typed."""

    def save_instance(self):
        return mandate_save(mandate=self.form.save(commit=False), by=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except WORKFLOW_ERRORS as error:
            report_workflow_error(self.request, error, form=form, field="person_email")
            return self.form_invalid(form)


class MandateCreateView(MandateSaveMixin, CreateView):
    pass


class MandateEditView(MandateSaveMixin, ScopedEditView):
    pass


class MandateEndView(
    ScopedMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """End a current mandate with a date and a reason (never deleted)."""

    model = Mandate
    permission_required = "change"
    template_name = "councils/admin/mandate_end.html"
    page_title = gettext_lazy("Encerrar mandato")
    header_icon = "user"
    edit_url_name = None
    index_url_name = None

    @cached_property
    def mandate(self) -> Mandate:
        queryset = self.scoped(Mandate.objects.select_related("person", "seat"))
        try:
            mandate = queryset.get(pk=self.kwargs["pk"], ends_on__isnull=True)
        except Mandate.DoesNotExist:
            raise Http404 from None
        if not self.request.user.has_perm("councils.end_mandate", mandate):
            raise PermissionDenied
        return mandate

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            mandate=self.mandate,
            form=form or MandateEndForm(),
            action_url=self.request.path,
            edit_url=reverse(self.edit_url_name, args=[self.mandate.pk]),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = MandateEndForm(request.POST)
        if form.is_valid():
            try:
                mandate_end(
                    mandate_id=self.mandate.pk,
                    ends_on=form.cleaned_data["ends_on"],
                    reason=form.cleaned_data["end_reason"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
            except (ValidationError, PermissionDenied) as error:
                report_workflow_error(request, error, form=form)
            else:
                messages.success(request, gettext_lazy("Mandato encerrado."))
                return redirect(reverse(self.index_url_name))
        return self.render_to_response(self.get_context_data(form=form))


def council_admin_url(council: Council) -> str:
    return reverse("councils_councils:edit", args=[council.pk])


def _councils_of_request(request):
    return councils_run_by(request.user) if request else Council.objects.none()


def scoped_filterset(model, *fields: str):
    """A filter set whose council choices are the councils the person runs
    (a secretary never sees another council's name)."""
    import django_filters
    from wagtail.admin.filters import WagtailFilterSet

    attrs = {
        "council": django_filters.ModelChoiceFilter(
            label=gettext_lazy("Conselho"),
            queryset=_councils_of_request,
            empty_label=gettext_lazy("Todos"),
        ),
        "Meta": type("Meta", (), {"model": model, "fields": ["council", *fields]}),
    }
    return type(f"{model.__name__}FilterSet", (WagtailFilterSet,), attrs)
