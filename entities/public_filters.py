"""The filters of the public directory, shared by the directory page and the
open-data downloads, so both accept the same query string."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Entity

# Longest search text kept (the selector truncates too); longer input is cut,
# not refused, so a pasted paragraph still searches for something.
MAX_QUERY_CHARS = 200

# Query-string name -> keyword of selectors.entities_directory.
PARAM_TO_SELECTOR = {
    "q": "q",
    "area": "area",
    "regional": "regional",
    "bairro": "bairro",
    "natureza": "legal_nature",
    "regularidade": "regularity",
    "tipo": "kind",
}


def clean_text(value) -> str:
    """Drop NUL bytes (PostgreSQL refuses them in text) and surrounding spaces."""
    return str(value or "").replace("\x00", "").strip()


class _TextField(forms.CharField):
    """A search box that cuts overlong input instead of refusing it."""

    def to_python(self, value):
        return clean_text(value)[:MAX_QUERY_CHARS]


class _FilterChoiceField(forms.ChoiceField):
    def to_python(self, value):
        return clean_text(value)


class DirectoryFilterForm(forms.Form):
    """Search text and filters of the entity directory (a GET form).

    Built from `selectors.directory_filter_options()`, so validating it costs no
    query. An unknown value is reported beside its field and ignored.
    """

    q = _TextField(
        label=_("Buscar por nome, área, bairro ou CNPJ"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_CHARS}),
    )
    tipo = _FilterChoiceField(label=_("Tipo"), required=False)
    area = _FilterChoiceField(label=_("Área de atuação"), required=False)
    regional = _FilterChoiceField(label=_("Regional"), required=False)
    bairro = _FilterChoiceField(label=_("Bairro"), required=False)
    natureza = _FilterChoiceField(label=_("Natureza jurídica"), required=False)
    regularidade = _FilterChoiceField(label=_("Regularidade"), required=False)

    def __init__(self, data=None, *, options: dict, **kwargs):
        super().__init__(data, **kwargs)
        any_ = [("", _("Todas"))]
        self.fields["tipo"].choices = [("", _("Todos")), *Entity.Kind.choices]
        self.fields["area"].choices = any_ + [
            (a.slug, a.name) for a in options["areas"]
        ]
        self.fields["regional"].choices = any_ + [
            (r.slug, r.name) for r in options["regionais"]
        ]
        self.fields["bairro"].choices = [
            ("", _("Todos")),
            *_bairros_by_regional(options["bairros"]),
        ]
        self.fields["natureza"].choices = any_ + [
            (n.code, n.description) for n in options["legal_natures"]
        ]
        self.fields["regularidade"].choices = any_ + [
            (r.value, r.label) for r in options["regularities"]
        ]

    def selector_kwargs(self) -> dict[str, str]:
        """Keyword arguments for `entities_directory`, valid values only."""
        if self.is_bound:
            self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            PARAM_TO_SELECTOR[name]: cleaned[name]
            for name in PARAM_TO_SELECTOR
            if cleaned.get(name)
        }

    @property
    def has_filters(self) -> bool:
        return bool(self.selector_kwargs())


def _bairros_by_regional(bairros) -> list:
    """Bairro choices grouped under their regional (<optgroup>)."""
    groups: dict[str, list] = {}
    for bairro in bairros:
        groups.setdefault(bairro.regional.name, []).append((bairro.slug, bairro.name))
    return sorted(groups.items())
