"""Forms of the chamamento on the public site: filters, the proposal, its
documents, the appeal, the committee's declaration and scores, the PMIS.
Every one validates on the server; services give the refusals that need the
database, and views put them beside the field."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from consultations.models import PolicyArea

from ..models import Call, Instrument

MAX_MONEY = Decimal("999999999999.99")


class MoneyField(forms.DecimalField):
    """Reais as people type them: "R$ 1.500,00", "1500,00" or "1500.00".

    A text input (numeric keyboard on phones): a number input would refuse
    the "R$" and the thousands dots that this field exists to accept."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def widget_attrs(self, widget):
        # DecimalField adds min/step for number inputs only; keep text input clean.
        return {
            k: v
            for k, v in super().widget_attrs(widget).items()
            if k not in ("min", "max", "step")
        }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("validators", [MaxValueValidator(MAX_MONEY)])
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("R$", "").strip().replace(" ", "")
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)


class CallFilterForm(forms.Form):
    """`/chamamentos/` filters; anything that does not validate filters nothing."""

    situacao = forms.ChoiceField(
        label=_("Situação"), required=False, choices=[("", _("Todas"))]
    )
    instrumento = forms.ChoiceField(
        label=_("Instrumento"),
        required=False,
        choices=[("", _("Todos"))]
        + [
            (i.value, i.label)
            for i in (
                Instrument.COLLABORATION,
                Instrument.FOSTERING,
                Instrument.COOPERATION,
            )
        ],
    )
    area = forms.ChoiceField(label=_("Área"), required=False)
    ano = forms.IntegerField(
        label=_("Ano de publicação"), required=False, min_value=2014, max_value=2100
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["situacao"].choices += [
            (value, label) for value, label in Call.Status.choices if value != "draft"
        ]
        self.fields["area"].choices = [
            ("", _("Todas")),
            *list(PolicyArea.objects.values_list("slug", "name")),
        ]

    def selector_kwargs(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "status": data["situacao"],
            "instrument": data["instrumento"],
            "area": data["area"],
            "year": data["ano"],
        }


class ProposalForm(forms.Form):
    summary = forms.CharField(
        label=_("Resumo da proposta"), max_length=10_000, widget=forms.Textarea
    )
    requested_value = MoneyField(label=_("Valor solicitado (R$)"), required=False)
    plan_draft = forms.CharField(
        label=_("Minuta do plano de trabalho"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea,
        help_text=_(
            "Descrição da realidade, metas, atividades, forma de execução e "
            "parâmetros de aferição das metas (art. 22)."
        ),
    )


class ProposalDocumentForm(forms.Form):
    title = forms.CharField(label=_("Título do documento"), max_length=200)
    file = forms.FileField(
        label=_("Arquivo (PDF, JPEG ou PNG)"),
        help_text=_(
            "Fica visível só para a entidade, a equipe e a comissão de seleção."
        ),
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Razões do recurso"), max_length=20_000, widget=forms.Textarea
    )


class DeclarationForm(forms.Form):
    impeded = forms.MultipleChoiceField(
        label=_("Entidades com que tenho impedimento"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Marque as entidades com que teve relação jurídica nos últimos 5 anos "
            "(art. 27 §2). Deixe em branco para declarar que não há impedimento."
        ),
    )

    def __init__(self, *args, entities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["impeded"].choices = [(str(e.pk), str(e)) for e in entities]


class ScoreForm(forms.Form):
    """One field per criterion: the score and its justification."""

    def __init__(self, *args, criteria=(), initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_scores = initial_scores or {}
        self.criteria = list(criteria)
        for criterion in self.criteria:
            given = initial_scores.get(criterion.pk)
            self.fields[f"value_{criterion.pk}"] = forms.DecimalField(
                label=_("%(name)s (0 a %(max)s, peso %(weight)s)")
                % {
                    "name": criterion.name,
                    "max": criterion.max_score,
                    "weight": criterion.weight,
                },
                max_digits=6,
                decimal_places=2,
                localize=True,
                initial=given.value if given else None,
            )
            self.fields[f"justification_{criterion.pk}"] = forms.CharField(
                label=_("Justificativa da nota"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=given.justification if given else "",
            )


class ManifestationForm(forms.Form):
    title = forms.CharField(label=_("Título"), max_length=200)
    public_interest = forms.CharField(
        label=_("Interesse público envolvido"),
        max_length=10_000,
        widget=forms.Textarea,
    )
    diagnosis = forms.CharField(
        label=_("Diagnóstico da realidade, custos, benefícios e prazos"),
        max_length=20_000,
        widget=forms.Textarea,
        help_text=_("Art. 19 da Lei 13.019/2014."),
    )
    entity = forms.TypedChoiceField(
        label=_("Em nome de"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, entities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entity"].choices = [("", _("Em meu nome, como cidadã(o)"))] + [
            (e.pk, str(e)) for e in entities
        ]
