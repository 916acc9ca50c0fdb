"""The first step of a registration: kind, identity and a contact."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from civic.accounts.validators import normalize_phone

from ..models import Entity
from ..validators import normalize_cnpj, validate_cnpj
from .fields import allow_mask


class EntityRegistrationForm(forms.ModelForm):
    """The first step: what kind of entity, its identity, and how to reach it."""

    class Meta:
        model = Entity
        fields = ["kind", "cnpj", "name", "trade_name", "areas", "email", "phone"]
        widgets = {
            "kind": forms.RadioSelect,
            "areas": forms.CheckboxSelectMultiple,
        }
        labels = {
            "kind": _("Tipo de entidade"),
            "name": _("Razão social (ou nome do coletivo)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].required = True
        self.fields["cnpj"].help_text = _(
            "Obrigatório para organizações formais. Numérico ou alfanumérico, "
            "com ou sem pontuação (ex.: 12.ABC.345/01DE-35)."
        )
        self.fields["cnpj"].widget.attrs.update(
            {"autocomplete": "off", "maxlength": 20}
        )
        # The model's 14-character limit applies to the unmasked value; a masked
        # CNPJ has 18, so the form field gets its own limit and validator.
        allow_mask(self, "cnpj", 20)
        allow_mask(self, "phone", 20)

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        cnpj = normalize_cnpj(self.data.get(self.add_prefix("cnpj"), ""))
        if kind == Entity.Kind.OSC:
            if not cnpj:
                self.add_error("cnpj", _("Informe o CNPJ da organização."))
            else:
                try:
                    validate_cnpj(cnpj)
                except ValidationError as error:
                    self.add_error("cnpj", error)
                else:
                    data["cnpj"] = cnpj
                    self._check_not_registered(cnpj)
        else:
            data["cnpj"] = ""
        if not (data.get("email") or data.get("phone")):
            self.add_error("email", _("Informe um e-mail ou um telefone de contato."))
        return data

    def _check_not_registered(self, cnpj: str) -> None:
        existing = Entity.objects.filter(cnpj=cnpj).first()
        if existing is not None:
            self.add_cnpj_taken_error(existing)

    def add_cnpj_taken_error(self, existing: Entity) -> None:
        """Report a taken CNPJ, pointing to the claim flow when nobody represents
        the entity (also used by the view when a concurrent request won).

        Only a listed (approved) entity is public: a draft, rejected or
        suspended one is named to nobody but its representatives and the
        reviewers, so its refusal says no more than that the CNPJ is taken."""
        if existing.status != Entity.Status.APPROVED:
            message = _(
                "Este CNPJ já está no cadastro. Se você representa esta "
                "organização, fale com a equipe da SRSC."
            )
        elif existing.representatives.exists():
            message = format_html(
                _(
                    "Este CNPJ já está cadastrado ({}). Peça a um representante da "
                    "entidade para convidar você, ou fale com a equipe da SRSC."
                ),
                existing.display_name,
            )
        else:
            message = format_html(
                _(
                    "Este CNPJ já está no cadastro ({}), ainda sem representante. "
                    '<a href="{}">Peça para representar esta entidade</a>.'
                ),
                existing.display_name,
                reverse("entities:claim", kwargs={"slug": existing.slug}),
            )
        self.add_error("cnpj", ValidationError(message, code="cnpj_taken"))

    def _post_clean(self):
        # The CNPJ was normalised in clean(); keep model validation from seeing the mask.
        if "cnpj" in self.cleaned_data:
            self.instance.cnpj = self.cleaned_data["cnpj"]
        super()._post_clean()

    def validate_unique(self):
        # Uniqueness of the CNPJ is reported by clean() with a link to the claim flow.
        pass
