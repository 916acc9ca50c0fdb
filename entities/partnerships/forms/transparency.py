"""Forms of the transparency pages: the filters of `/parcerias/` and the
art. 12 channel to report irregularities (a "Fale com a SRSC" demand). Both
validate on the server; a filter that does not validate filters nothing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from civic.dialogue.forms import DemandForm
from consultations.models import PolicyArea
from entities.models import Entity

from ..models import Instrument, Partnership
from ..selectors.transparency import LISTED_STATUSES, public_partnerships


class PartnershipFilterForm(forms.Form):
    """`/parcerias/`: area, entity, instrument, year of signature, status and words."""

    q = forms.CharField(label=_("Buscar"), required=False, max_length=200)
    area = forms.ChoiceField(label=_("Área"), required=False)
    entidade = forms.ChoiceField(label=_("Entidade"), required=False)
    instrumento = forms.ChoiceField(
        label=_("Instrumento"),
        required=False,
        choices=[("", _("Todos")), *Instrument.choices],
    )
    ano = forms.IntegerField(
        label=_("Ano da assinatura"), required=False, min_value=1988, max_value=2100
    )
    situacao = forms.ChoiceField(
        label=_("Situação"),
        required=False,
        choices=[
            ("", _("Todas")),
            *((s.value, s.label) for s in LISTED_STATUSES),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [
            ("", _("Todas")),
            *PolicyArea.objects.order_by("name").values_list("slug", "name"),
        ]
        # Only entities with a listed partnership (one query, however many).
        entities = (
            Entity.objects.filter(pk__in=public_partnerships().values("entity_id"))
            .order_by("name")
            .values_list("slug", "name")
        )
        self.fields["entidade"].choices = [("", _("Todas")), *entities]

    def selector_kwargs(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "area": data["area"],
            "entity": data["entidade"],
            "instrument": data["instrumento"],
            "year": data["ano"],
            "status": data["situacao"],
        }


class PartnershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Partnership) -> str:
        return f"{obj.number} — {obj.entity.display_name}"


class ReportForm(DemandForm):
    """Art. 12: the demand form of "Fale com a SRSC" with the partnership as a
    choice among the listed ones; the demand then concerns it."""

    partnership = PartnershipChoiceField(
        label=_("Parceria (opcional)"),
        required=False,
        queryset=Partnership.objects.none(),
        empty_label=_("Não sei ou não se aplica"),
    )
    field_order = ["kind", "partnership"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["concerns"]
        self.fields["partnership"].queryset = (
            public_partnerships().select_related("entity").order_by("number")
        )

    def clean(self):
        data = super().clean()
        data["concerns"] = data.get("partnership")
        return data
