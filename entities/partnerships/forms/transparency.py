"""Forms of the transparency pages: the filters of `/parcerias/` and the
art. 12 channel to report irregularities. Both validate on the server; a
filter that does not validate filters nothing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import PolicyArea
from entities.models import Entity

from ..models import Instrument, IrregularityReport, Partnership
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


class ReportForm(forms.ModelForm):
    """Art. 12: anyone reports an irregular use of partnership money."""

    partnership = PartnershipChoiceField(
        label=_("Parceria (opcional)"),
        required=False,
        queryset=Partnership.objects.none(),
        empty_label=_("Não sei ou não se aplica"),
    )

    class Meta:
        model = IrregularityReport
        fields = ["partnership", "description", "contact_email"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        labels = {"description": _("O que aconteceu")}
        help_texts = {
            "description": _(
                "Conte o que viu, quando e onde. Não é preciso se identificar."
            ),
            "contact_email": _(
                "Só a equipe da Prefeitura vê este e-mail, para responder à denúncia."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = (
            public_partnerships().select_related("entity").order_by("number")
        )

    def clean_description(self) -> str:
        text = self.cleaned_data["description"].strip()
        if len(text) < 20:
            raise forms.ValidationError(
                _("Descreva o que aconteceu em pelo menos 20 caracteres.")
            )
        return text
