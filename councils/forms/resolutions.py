"""The filters of the public resolution lists (GET). Invalid values filter
nothing and are reported beside their field; nothing typed gives a 500."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from civic.querysets import given
from consultations.models import PolicyArea

from ..models import Council

_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
MIN_YEAR, MAX_YEAR = 1950, 2999


class SlugChoiceField(forms.ModelChoiceField):
    """A choice by slug that never sends a malformed value (NUL bytes, 100k
    characters) to the database: it is just not a choice."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not _SLUG.match(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ResolutionFilterForm(forms.Form):
    """Words (or a number “12/2026”), year and subject of a council's list."""

    q = forms.CharField(
        label=_("Palavras ou número"),
        required=False,
        max_length=200,
        help_text=_("Por exemplo: “conferência” ou “12/2026”."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    ano = forms.IntegerField(
        label=_("Ano"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={"invalid": _("Informe o ano com quatro algarismos.")},
    )
    assunto = SlugChoiceField(
        label=_("Assunto"),
        queryset=PolicyArea.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Todos os assuntos"),
    )

    def filters(self) -> dict:
        """Keyword arguments for `resolutions_search`; invalid values are left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return given(
            q=data.get("q"),
            year=data.get("ano"),
            subject=data.get("assunto"),
            council=data.get("conselho"),
        )


class ResolutionSearchForm(ResolutionFilterForm):
    """The cross-council search: the same filters and the council."""

    conselho = SlugChoiceField(
        label=_("Conselho"),
        queryset=Council.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Todos os conselhos"),
    )

    field_order = ["q", "conselho", "ano", "assunto"]
