"""Registering an entity and keeping its profile and board (diretoria) current."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from .. import selectors, services
from ..forms import BoardFormSet, EntityProfileForm, EntityRegistrationForm
from ..presentation import FROZEN_MESSAGES
from ..services.profile import CnpjAlreadyRegistered
from .dashboard import dashboard_redirect
from .mixins import EntityAccessMixin


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
        return dashboard_redirect(entity)


class EditView(EntityAccessMixin, FormView):
    """Edit the entity's profile (and its logo)."""

    template_name = "entities/manage/edit.html"
    form_class = EntityProfileForm
    permission_required = "entities.change_entity"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = selectors.entity_for_profile_form(pk=self.entity.pk)
        return kwargs

    def form_valid(self, form):
        fields, m2m = form.save_fields()
        try:
            services.entity_update(
                entity=self.entity, by=self.request.user, fields=fields, m2m=m2m
            )
        except WORKFLOW_ERRORS as error:
            report_workflow_error(self.request, error, form=form)
            return self.form_invalid(form)
        messages.success(self.request, _("Dados da entidade salvos."))
        return dashboard_redirect(self.entity)


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
            context["members"] = self.entity.board_members.all()
            context["full_cpf"] = self.request.user.has_perm(
                "entities.view_board_cpf", self.entity
            )
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
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
            return self.render_to_response(self.get_context_data(formset=formset))
        messages.success(request, _("Diretoria salva."))
        return HttpResponseRedirect(
            reverse("entities:board", kwargs={"pk": self.entity.pk})
        )
