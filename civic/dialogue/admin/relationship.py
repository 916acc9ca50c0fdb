"""The relationship history of an entity in the Wagtail admin: the timeline
page, the forms that record contacts and follow-ups, a contact's document,
and the home panel "Seus retornos" (the person's open follow-ups).

Every view asks the rules (`dialogue.view_timeline` and friends); the
services ask again before writing."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from civic.downloads import stored_file_response
from entities.models import Entity

from ..models import Contact, FollowUp
from ..selectors.timeline import entity_timeline
from ..services.contacts import (
    contact_record,
    contact_update,
    follow_up_add,
    follow_up_done,
)

QUEUE_LIMIT = 30


def relationship_staff():
    """Active people who keep the relationship history (owners of follow-ups)."""
    roles = Q(codename="manage_dialogue") | Q(codename="review_entity")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=_permissions(roles))
            | Q(user_permissions__in=_permissions(roles))
        )
        .distinct()
        .order_by("full_name")
    )


def _permissions(roles):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(roles)


class ContactForm(forms.ModelForm):
    document = forms.FileField(
        label=gettext_lazy("Documento (PDF, JPEG ou PNG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    class Meta:
        model = Contact
        fields = [
            "kind",
            "date",
            "subject",
            "participants",
            "notes",
            "oficio_number",
            "shared_with_entity",
            "internal",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 6}),
            "internal": forms.Textarea(attrs={"rows": 3}),
        }


class FollowUpForm(forms.Form):
    description = forms.CharField(
        label=gettext_lazy("O que fazer"),
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    due_on = forms.DateField(
        label=gettext_lazy("Prazo"), widget=forms.DateInput(attrs={"type": "date"})
    )
    owner = forms.ModelChoiceField(
        label=gettext_lazy("Responsável"), queryset=get_user_model().objects.none()
    )
    contact = forms.ModelChoiceField(
        label=gettext_lazy("Contato (opcional)"),
        queryset=Contact.objects.none(),
        required=False,
    )

    def __init__(self, *args, entity: Entity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = relationship_staff()
        self.fields["contact"].queryset = Contact.objects.filter(entity=entity)


class EntityAdminMixin(WagtailAdminTemplateMixin):
    """Loads the entity of the URL; 404 to whoever may not keep its history."""

    permission = "dialogue.view_timeline"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def entity(self) -> Entity:
        return get_object_or_404(Entity, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return self.entity.name

    @property
    def timeline_url(self):
        return reverse("dialogue_timeline", args=[self.entity.pk])


class TimelineView(EntityAdminMixin, TemplateView):
    template_name = "dialogue/admin/timeline.html"
    page_title = gettext_lazy("Histórico de relacionamento")
    header_icon = "history"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            entity=self.entity,
            page_obj=entity_timeline(
                self.entity, user, page=self.request.GET.get("p", 1)
            ),
            follow_ups=list(
                FollowUp.objects.open()
                .filter(entity=self.entity)
                .select_related("owner")
                .order_by("due_on", "pk")
            ),
            today=timezone.localdate(),
            can_add=user.has_perm("dialogue.add_contact"),
            can_change=user.has_perm("dialogue.change_contact"),
        )
        return context


class ContactFormView(EntityAdminMixin, FormView):
    """Record a contact, or edit one (`contact_pk` in the URL)."""

    template_name = "dialogue/admin/relationship_form.html"
    form_class = ContactForm
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        action = "change" if "contact_pk" in kwargs else "add"
        if not request.user.has_perm(f"dialogue.{action}_contact"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def contact(self) -> Contact | None:
        if "contact_pk" not in self.kwargs:
            return None
        return get_object_or_404(
            Contact, pk=self.kwargs["contact_pk"], entity=self.entity
        )

    def get_page_title(self):
        return _("Editar contato") if self.contact else _("Registrar contato")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.contact or Contact(entity=self.entity)
        return kwargs

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in ContactForm.Meta.fields}
        document = form.cleaned_data.get("document") or None
        try:
            if self.contact:
                contact_update(
                    contact=self.contact,
                    by=self.request.user,
                    data=data,
                    document=document,
                )
            else:
                contact_record(
                    entity=self.entity,
                    by=self.request.user,
                    data=data,
                    document=document,
                )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Contato registrado."))
        return redirect(self.timeline_url)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            entity=self.entity, back_url=self.timeline_url, **kwargs
        )


class FollowUpFormView(EntityAdminMixin, FormView):
    template_name = "dialogue/admin/relationship_form.html"
    form_class = FollowUpForm
    page_title = gettext_lazy("Registrar retorno")
    header_icon = "tasks"
    permission = "dialogue.add_followup"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "entity": self.entity}

    def get_initial(self):
        return {"owner": self.request.user.pk, "contact": self.request.GET.get("c")}

    def form_valid(self, form):
        try:
            follow_up_add(entity=self.entity, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Retorno registrado."))
        return redirect(self.timeline_url)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            entity=self.entity, back_url=self.timeline_url, **kwargs
        )


@require_POST
def follow_up_done_view(request, pk: int):
    follow_up = get_object_or_404(FollowUp, pk=pk)
    follow_up_done(follow_up_id=follow_up.pk, by=request.user)
    messages.success(request, _("Retorno concluído."))
    target = request.POST.get("next") or ""
    if target != "home":
        return redirect("dialogue_timeline", follow_up.entity_id)
    return redirect("wagtailadmin_home")


def contact_document(request, pk: int):
    """A contact's document, for relationship staff (representatives download
    shared ofícios from their own page)."""
    contact = get_object_or_404(Contact, pk=pk)
    if not contact.document or not request.user.has_perm("dialogue.view_timeline"):
        raise Http404
    return stored_file_response(
        contact.document, filename=contact.document_name or "documento", private=True
    )


def urlpatterns():
    return [
        path(
            "fale-conosco/entidades/<int:pk>/",
            TimelineView.as_view(),
            name="dialogue_timeline",
        ),
        path(
            "fale-conosco/entidades/<int:pk>/contatos/novo/",
            ContactFormView.as_view(),
            name="dialogue_contact_add",
        ),
        path(
            "fale-conosco/entidades/<int:pk>/contatos/<int:contact_pk>/",
            ContactFormView.as_view(),
            name="dialogue_contact_edit",
        ),
        path(
            "fale-conosco/entidades/<int:pk>/retornos/novo/",
            FollowUpFormView.as_view(),
            name="dialogue_followup_add",
        ),
        path(
            "fale-conosco/retornos/<int:pk>/concluir/",
            follow_up_done_view,
            name="dialogue_followup_done",
        ),
        path(
            "fale-conosco/contatos/<int:pk>/documento/",
            contact_document,
            name="dialogue_contact_document",
        ),
    ]


class FollowUpQueuePanel(Component):
    """ "Seus retornos": the person's open follow-ups, the most urgent first
    (two queries however many there are)."""

    name = "dialogue_follow_ups"
    template_name = "dialogue/admin/follow_up_panel.html"
    order = 80

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        queryset = FollowUp.objects.queue_of(self.user)
        return {
            "follow_ups": list(queryset[:QUEUE_LIMIT]),
            "total": queryset.count(),
            "today": timezone.localdate(),
        }
