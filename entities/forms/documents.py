"""A new version of one of the entity's documents."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import DocumentType
from ..models.documents import REQUIREMENTS
from .fields import DATE_WIDGET, DocumentFileField


class DocumentUploadForm(forms.Form):
    """A document with its issue and expiry dates."""

    doc_type = forms.ChoiceField(label=_("Documento"), choices=DocumentType.choices)
    file = DocumentFileField(label=_("Arquivo"))
    issued_on = forms.DateField(label=_("Data de emissão"), widget=DATE_WIDGET)
    expires_on = forms.DateField(
        label=_("Data de validade"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Obrigatória para as certidões."),
    )

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
