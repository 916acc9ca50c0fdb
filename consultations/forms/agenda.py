"""Forms of the agenda (filters, GET) and of follows (areas and bairros).

The choices come from lists the view already loaded (one query each), so
building and validating a form costs no further query.
"""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from civic.territory.models import Bairro

from ..models import PolicyArea
from ..selectors.agenda import MAX_YEAR, MIN_YEAR, AgendaFilters

MONTH_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")


def parse_month(value: str | None, *, today: date) -> tuple[int, int, bool]:
    """(year, month, valid) from "2026-12"; the current month when the value is
    missing or not a month between MIN_YEAR and MAX_YEAR."""
    match = MONTH_RE.match((value or "").strip())
    if match:
        year, month = int(match["year"]), int(match["month"])
        if MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12:
            return year, month, True
    return today.year, today.month, False


class TerritoryChoicesForm(forms.Form):
    """A form choosing policy areas and bairros from the lists the view loaded:
    `area_field` and `bairro_field` get their choices (bairros grouped under
    their regional), and `_areas`/`_bairros` map each value back to its row."""

    area_field = "area"
    bairro_field = "bairro"
    # A first, empty choice ("Todas as áreas"), or none.
    area_blank = bairro_blank = None

    @staticmethod
    def choice_value(obj) -> str:
        """How an area or a bairro is named in the form's data."""
        return obj.slug

    def __init__(
        self,
        data=None,
        *,
        areas: list[PolicyArea],
        bairro_groups: list[tuple[str, list[Bairro]]],
        **kwargs,
    ):
        super().__init__(data, **kwargs)
        self.areas = areas
        self.bairro_groups = bairro_groups
        value = self.choice_value
        self._areas = {value(a): a for a in areas}
        self._bairros = {value(b): b for _r, group in bairro_groups for b in group}
        self.fields[self.area_field].choices = self._blank(self.area_blank) + [
            (value(a), a.name) for a in areas
        ]
        self.fields[self.bairro_field].choices = self._blank(self.bairro_blank) + [
            (regional, [(value(b), b.name) for b in group])
            for regional, group in bairro_groups
        ]

    @staticmethod
    def _blank(label) -> list:
        return [("", label)] if label else []


class AgendaFilterForm(TerritoryChoicesForm):
    """Area and bairro filters of `/agenda/` and `/agenda.ics` (GET).

    Invalid values are reported beside their field and ignored: the agenda is
    still shown, never an error page.
    """

    area = forms.ChoiceField(label=_("Área"), required=False)
    bairro = forms.ChoiceField(
        label=_("Bairro"),
        required=False,
        help_text=_(
            "Eventos no bairro e consultas que o afetam, incluindo as que valem "
            "para a cidade toda."
        ),
    )

    area_blank = _("Todas as áreas")
    bairro_blank = _("Todos os bairros")

    def filters(self) -> AgendaFilters:
        """The valid filters (invalid ones are left out)."""
        if not self.is_bound:
            return AgendaFilters()
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return AgendaFilters(
            area=self._areas.get(cleaned.get("area") or ""),
            bairro=self._bairros.get(cleaned.get("bairro") or ""),
        )

    def query(self) -> dict[str, str]:
        """The valid filters as query parameters, for links that keep them."""
        filters = self.filters()
        params = {}
        if filters.area is not None:
            params["area"] = filters.area.slug
        if filters.bairro is not None:
            params["bairro"] = filters.bairro.slug
        return params


class FollowsForm(TerritoryChoicesForm):
    """The policy areas and bairros a person follows (checkboxes)."""

    policy_areas = forms.MultipleChoiceField(
        label=_("Áreas de política pública"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bairros = forms.MultipleChoiceField(
        label=_("Bairros"), required=False, widget=forms.CheckboxSelectMultiple
    )

    area_field = "policy_areas"
    bairro_field = "bairros"

    @staticmethod
    def choice_value(obj) -> str:
        return str(obj.pk)

    def selected(self, name: str) -> set[str]:
        """The checked values, from what was sent or the initial data."""
        if self.is_bound:
            key = self.add_prefix(name)
            values = (
                self.data.getlist(key)
                if hasattr(self.data, "getlist")
                else self.data.get(key, ())
            )
            return {str(v) for v in values}
        return {str(v) for v in self.initial.get(name, ())}

    def area_options(self) -> list[dict]:
        """The area checkboxes as the page draws them (value, label, checked)."""
        checked = self.selected("policy_areas")
        return [
            {"value": str(a.pk), "label": a.name, "checked": str(a.pk) in checked}
            for a in self.areas
        ]

    def bairro_options(self) -> list[dict]:
        """The bairro checkboxes, grouped under their regional."""
        checked = self.selected("bairros")
        return [
            {
                "regional": regional,
                "bairros": [
                    {
                        "value": str(b.pk),
                        "label": b.name,
                        "checked": str(b.pk) in checked,
                    }
                    for b in group
                ],
            }
            for regional, group in self.bairro_groups
        ]

    def chosen_areas(self) -> list[PolicyArea]:
        return [self._areas[v] for v in self.cleaned_data["policy_areas"]]

    def chosen_bairros(self) -> list[Bairro]:
        return [self._bairros[v] for v in self.cleaned_data["bairros"]]
