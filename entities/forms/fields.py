"""Fields and widgets the registry's forms share."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext

from civic.uploads import validate_upload

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


def upload_help_text() -> str:
    """The accepted types and the size limit in force, in the reader's language
    (built per form, so a changed setting or language shows at once)."""
    return gettext("PDF, JPEG ou PNG, até %(size)s.") % {
        "size": filesizeformat(settings.ENTITIES_DOCUMENT_MAX_BYTES)
    }


class DocumentFileField(forms.FileField):
    """A PDF or image, checked by its content and against the size limit."""

    widget = forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"})

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", lazy(upload_help_text, str)())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded:
            validate_upload(uploaded, max_size=settings.ENTITIES_DOCUMENT_MAX_BYTES)
        return uploaded
