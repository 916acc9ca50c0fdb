"""The admin forms of resolutions: the draft (its choices limited to the
councils the person runs) and the revocation note. Publishing takes no input."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from civic.workflow import NOTE_MAX_LENGTH

from ..models import AgendaItem, Meeting, Resolution
from ..rules import councils_run_by
from ..services.resolutions import check_links


class ResolutionAdminForm(WagtailAdminModelForm):
    """A draft: ementa, text, subjects, the meeting and item that approved it,
    and what it revokes or amends. Every choice belongs to a council the
    person runs; once saved, to the draft's own council."""

    class Meta:
        model = Resolution
        fields = [
            "council",
            "title",
            "body",
            "subjects",
            "meeting",
            "agenda_item",
            "revokes",
            "amends",
        ]
        widgets = {
            "subjects": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 16}),
        }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        councils = councils_run_by(for_user)
        if self.instance.pk:
            councils = councils.filter(pk=self.instance.council_id)
        self.fields["council"].queryset = councils.order_by("name")
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(council__in=councils)
            .select_related("council")
            .order_by("-starts_at")
        )
        self.fields["agenda_item"].queryset = (
            AgendaItem.objects.filter(
                meeting__council__in=councils, result=AgendaItem.Result.APPROVED
            )
            .select_related("meeting")
            .order_by("-meeting__starts_at", "position")
        )
        self.fields["agenda_item"].help_text = _("Só itens aprovados em votação.")
        published = (
            Resolution.objects.filter(
                council__in=councils, status=Resolution.Status.PUBLISHED
            )
            .exclude(pk=self.instance.pk)
            .select_related("council")
        )
        for name in ("revokes", "amends"):
            self.fields[name].queryset = published
            self.fields[name].help_text = _(
                "Só resoluções publicadas (em vigor) do mesmo conselho."
            )

    def clean(self):
        data = super().clean()
        council = data.get("council")
        if council is None:
            return data
        try:
            check_links(
                council_id=council.pk,
                meeting=data.get("meeting"),
                agenda_item=data.get("agenda_item"),
                revokes=data.get("revokes") or (),
                amends=data.get("amends") or (),
                exclude_pk=self.instance.pk,
            )
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                self.add_error(name, errors)
        return data


class RevokeForm(forms.Form):
    note = forms.CharField(
        label=_("Motivo da revogação"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Fica registrado no histórico da resolução."),
    )


class PublishForm(forms.Form):
    """A confirmation: nothing to type."""
