"""Betim's regionais and bairros in the Wagtail admin, under "Território".

The SRSC team may add and edit them (migration accounts 0002_roles); deleting is
left to superusers, since people, entities and consultations point at them.
Retiring a bairro is done by unticking "ativo".
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect

from .models import Bairro, Regional


class BairroFilterSet(WagtailFilterSet):
    regional = django_filters.ModelChoiceFilter(
        label=_("Regional"), queryset=Regional.objects.all(), empty_label=_("Todas")
    )
    is_active = django_filters.BooleanFilter(
        label=_("Ativo"), widget=BooleanRadioSelect
    )

    class Meta:
        model = Bairro
        fields = []


class RegionalViewSet(ModelViewSet):
    model = Regional
    icon = "site"
    menu_label = _("Regionais")
    url_prefix = "territorio/regionais"
    add_to_reference_index = False
    copy_view_enabled = False
    form_fields = ["name", "slug"]
    list_display = ["name", "slug"]
    search_fields = ["name"]


class BairroIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("regional")


class BairroViewSet(ModelViewSet):
    model = Bairro
    icon = "home"
    menu_label = _("Bairros")
    url_prefix = "territorio/bairros"
    add_to_reference_index = False
    copy_view_enabled = False
    form_fields = ["name", "slug", "regional", "is_active"]
    list_display = [
        "name",
        Column("regional", label=_("Regional"), sort_key="regional__name"),
        BooleanColumn("is_active", label=_("Ativo"), sort_key="is_active"),
    ]
    index_view_class = BairroIndexView
    filterset_class = BairroFilterSet
    search_fields = ["name"]
    list_per_page = 100

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "regional":
            kwargs.setdefault("widget", forms.Select)
        return super().formfield_for_dbfield(db_field, **kwargs)


class TerritoryViewSetGroup(ViewSetGroup):
    menu_label = _("Território")
    menu_icon = "globe"
    menu_order = 210
    items = (RegionalViewSet("territory_regionais"), BairroViewSet("territory_bairros"))


@hooks.register("register_admin_viewset")
def register_territory_viewsets():
    return TerritoryViewSetGroup()
