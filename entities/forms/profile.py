"""The entity's profile and its board (diretoria), as representatives edit them."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.accounts.validators import (
    format_cpf,
    normalize_cpf,
    normalize_phone,
    validate_cpf,
)
from civic.territory.models import Bairro
from civic.uploads import JPEG, PNG, validate_upload

from ..models import BoardMember, Cnae, Entity, LegalNature
from ..validators import normalize_cep
from .fields import DATE_WIDGET, BairroChoiceField, allow_mask

# The profile form in sections, each a fieldset with its legend.
PROFILE_GROUPS = [
    (
        _("Identificação"),
        ["name", "trade_name", "legal_nature", "founded_on", "main_cnae_code", "logo"],
    ),
    (
        _("Atuação"),
        [
            "summary",
            "areas",
            "publics",
            "regionais",
            "bairros",
            "employees",
            "volunteers",
        ],
    ),
    (
        _("Endereço"),
        ["cep", "street", "number", "complement", "neighbourhood", "city", "state"],
    ),
    (
        _("Contatos"),
        [
            "phone",
            "phone_alt",
            "email",
            "website",
            "instagram",
            "facebook",
            "youtube",
            "publish_contact",
        ],
    ),
]
# The model fields among them (the CNAE is typed as a code, the logo goes last).
PROFILE_FIELDS = [
    name
    for _legend, names in PROFILE_GROUPS
    for name in names
    if name not in {"main_cnae_code", "logo"}
]


class EntityProfileForm(forms.ModelForm):
    """Everything a representative keeps up to date about the entity."""

    main_cnae_code = forms.CharField(
        label=_("CNAE principal"),
        required=False,
        max_length=12,
        help_text=_("O código do cartão CNPJ, por exemplo 9430-8/00."),
    )
    bairros = BairroChoiceField(
        label=_("Bairros atendidos"),
        queryset=Bairro.objects.active().select_related("regional").order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Entity
        fields = [*PROFILE_FIELDS, "logo"]
        widgets = {
            "founded_on": DATE_WIDGET,
            "summary": forms.Textarea(attrs={"rows": 6, "maxlength": 3000}),
            "areas": forms.CheckboxSelectMultiple,
            "publics": forms.CheckboxSelectMultiple,
            "regionais": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_nature"].queryset = LegalNature.objects.osc_first()
        for name, length in (("cep", 10), ("phone", 20), ("phone_alt", 20)):
            allow_mask(self, name, length)
        self.fields["areas"].required = True
        if self.instance.main_cnae_id and not self.is_bound:
            self.initial["main_cnae_code"] = self.instance.main_cnae.code_display
        if not self.instance.is_osc:
            for name in ("legal_nature", "founded_on", "main_cnae_code", "employees"):
                self.fields.pop(name, None)

    def groups(self) -> list[tuple[str, list]]:
        """The sections of the page: (legend, bound fields) for fields present."""
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in PROFILE_GROUPS
        ]

    def clean_main_cnae_code(self):
        raw = re.sub(r"\D", "", self.cleaned_data.get("main_cnae_code", ""))
        if not raw:
            return None
        cnae = Cnae.objects.filter(code=raw).first()
        if cnae is None:
            raise ValidationError(
                _("CNAE não encontrado. Use o código de 7 dígitos do cartão CNPJ.")
            )
        return cnae

    def clean_cep(self):
        return normalize_cep(self.cleaned_data.get("cep", ""))

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))

    def clean_phone_alt(self):
        return normalize_phone(self.cleaned_data.get("phone_alt", ""))

    def clean_founded_on(self):
        founded = self.cleaned_data.get("founded_on")
        if founded and founded > timezone.localdate():
            raise ValidationError(_("A data de fundação não pode estar no futuro."))
        return founded

    def clean_state(self):
        return (self.cleaned_data.get("state") or "").upper()

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            validate_upload(logo, max_size=2 * 1024 * 1024, allowed=(PNG, JPEG))
        return logo

    def save_fields(self) -> tuple[dict, dict]:
        """Split cleaned data into plain fields and many-to-many sets for the service."""
        m2m_names = {"areas", "publics", "regionais", "bairros"}
        fields, m2m = {}, {}
        for name, value in self.cleaned_data.items():
            if name in m2m_names:
                m2m[name] = value
            elif name == "main_cnae_code":
                fields["main_cnae"] = value
            elif name == "logo":
                # Only a new upload or "remove" (False) changes the logo; the form
                # returns the current file when nothing was sent.
                if value is False:
                    fields["logo"] = ""
                elif value and not isinstance(value, FieldFile):
                    fields["logo"] = value
            else:
                fields[name] = value
        return fields, m2m


class BoardMemberForm(forms.ModelForm):
    class Meta:
        model = BoardMember
        fields = ["name", "role", "is_legal_representative", "mandate_ends_on", "cpf"]
        widgets = {"mandate_ends_on": DATE_WIDGET}
        help_texts = {
            "cpf": _("Opcional. Fica restrito à equipe da SRSC e aos representantes.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allow_mask(self, "cpf", 14)
        if self.instance.cpf and not self.is_bound:
            self.initial["cpf"] = format_cpf(self.instance.cpf)

    def clean_cpf(self):
        cpf = normalize_cpf(self.cleaned_data.get("cpf", ""))
        if cpf:
            validate_cpf(cpf)
        return cpf


class BaseBoardFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        legal = [
            f
            for f in self.forms
            if f.cleaned_data
            and not f.cleaned_data.get("DELETE")
            and f.cleaned_data.get("is_legal_representative")
        ]
        if len(legal) > 1:
            raise ValidationError(
                _("Marque apenas uma pessoa como representante legal.")
            )


BoardFormSet = forms.inlineformset_factory(
    Entity,
    BoardMember,
    form=BoardMemberForm,
    formset=BaseBoardFormSet,
    extra=2,
    max_num=30,
    can_delete=True,
)
