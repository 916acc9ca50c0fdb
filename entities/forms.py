"""Forms of the entity registry: validation only; saving is the services' job."""

from __future__ import annotations

import re
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civic.accounts.validators import (
    format_cpf,
    normalize_cpf,
    normalize_phone,
    validate_cpf,
)
from civic.territory.models import Bairro
from civic.uploads import validate_upload

from .models import BoardMember, Claim, Cnae, DocumentType, Entity, LegalNature
from .models.documents import REQUIREMENTS
from .validators import normalize_cep, normalize_cnpj, validate_cnpj

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BairroChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.regional.name})"


def allow_mask(form: forms.BaseForm, name: str, max_length: int) -> None:
    """Let a field take its masked form: "(31) 3591-0000" has 14 characters while
    the model keeps 11 digits, so the limit moves from the typed value to the
    normalised one, which model validation still checks."""
    field = form.fields.get(name)
    if field is None:
        return
    field.max_length = max_length
    field.validators = [MaxLengthValidator(max_length)]
    field.widget.attrs["maxlength"] = str(max_length)


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
        the entity (also used by the view when a concurrent request won)."""
        if existing.representatives.exists():
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
        fields = [
            "name",
            "trade_name",
            "legal_nature",
            "founded_on",
            "summary",
            "areas",
            "publics",
            "regionais",
            "bairros",
            "employees",
            "volunteers",
            "cep",
            "street",
            "number",
            "complement",
            "neighbourhood",
            "city",
            "state",
            "phone",
            "phone_alt",
            "email",
            "website",
            "instagram",
            "facebook",
            "youtube",
            "publish_contact",
            "logo",
        ]
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
            from civic.uploads import JPEG, PNG

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


def upload_help_text() -> str:
    """The accepted types and the size limit in force, in the reader's language
    (built per form, so a changed setting or language shows at once)."""
    return gettext("PDF, JPEG ou PNG, até %(size)s.") % {
        "size": filesizeformat(settings.ENTITIES_DOCUMENT_MAX_BYTES)
    }


class DocumentUploadForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Documento"), choices=DocumentType.choices)
    file = forms.FileField(
        label=_("Arquivo"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    issued_on = forms.DateField(label=_("Data de emissão"), widget=DATE_WIDGET)
    expires_on = forms.DateField(
        label=_("Data de validade"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Obrigatória para as certidões."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = upload_help_text()

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_upload(uploaded, max_size=settings.ENTITIES_DOCUMENT_MAX_BYTES)
        return uploaded

    def clean_issued_on(self):
        issued = self.cleaned_data["issued_on"]
        if issued > timezone.localdate():
            raise ValidationError(_("A data de emissão não pode estar no futuro."))
        return issued

    def clean(self):
        data = super().clean()
        issued, expires = data.get("issued_on"), data.get("expires_on")
        doc_type = data.get("doc_type")
        if issued and expires and expires < issued:
            self.add_error(
                "expires_on",
                _("A data de validade não pode ser anterior à data de emissão."),
            )
        requirement = REQUIREMENTS.get(doc_type) if doc_type else None
        if requirement and requirement.needs_expiry and not expires:
            message = gettext("Informe a data de validade desta certidão.")
            if issued and requirement.validity_days:
                # Suggest the usual validity, so nobody has to look it up.
                message += " " + gettext(
                    "Em geral ela vale %(days)s dias: até %(date)s, se emitida em %(issued)s."
                ) % {
                    "days": requirement.validity_days,
                    "date": (
                        issued + timedelta(days=requirement.validity_days)
                    ).strftime("%d/%m/%Y"),
                    "issued": issued.strftime("%d/%m/%Y"),
                }
            self.add_error("expires_on", message)
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail da pessoa"), max_length=254)


class ClaimForm(forms.Form):
    proof_kind = forms.ChoiceField(
        label=_("Comprovante"),
        choices=Claim.ProofKind.choices,
        widget=forms.RadioSelect,
    )
    proof = forms.FileField(
        label=_("Arquivo do comprovante"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    message = forms.CharField(
        label=_("Mensagem para a equipe (opcional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proof"].help_text = upload_help_text()

    def clean_proof(self):
        proof = self.cleaned_data["proof"]
        validate_upload(proof, max_size=settings.ENTITIES_DOCUMENT_MAX_BYTES)
        return proof


class TransitionForm(forms.Form):
    """A review action with its note (required where the workflow says so)."""

    note = forms.CharField(
        label=_("Observação"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, action: str, **kwargs):
        from .services import NOTE_REQUIRED

        super().__init__(*args, **kwargs)
        self.action = action
        if action in NOTE_REQUIRED:
            self.fields["note"].required = True
            self.fields["note"].label = _("Justificativa (será enviada à entidade)")
