"""The lists staff keep (areas, publics) and the Receita Federal tables they
consult. Django's model permissions decide here: the group editor grants them."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.forms import modelform_factory
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet

from civic.viewsets import ReadOnlyViewSetMixin

from ..models import Area, Cnae, LegalNature, PublicServed


class SlugFromNameForm(WagtailAdminModelForm):
    """Taxonomy form: the identifier is made from the name when left blank."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Usado nos endereços de filtro. Deixe em branco para gerar a partir do nome."
            )

    def clean(self):
        data = super().clean()
        if "slug" in self.fields and not data.get("slug") and data.get("name"):
            max_length = self._meta.model._meta.get_field("slug").max_length
            data["slug"] = slugify(data["name"])[:max_length].strip("-")
        return data


class TaxonomyViewSet(ModelViewSet):
    """A small list staff keep: name, identifier, and sometimes a description."""

    add_to_reference_index = False
    copy_view_enabled = False
    search_fields = ["name"]
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model,
            form=SlugFromNameForm,
            fields=self.form_fields,
            formfield_callback=self.formfield_for_dbfield,
        )


class AreaViewSet(TaxonomyViewSet):
    model = Area
    icon = "tag"
    menu_label = gettext_lazy("Áreas de atuação")
    url_prefix = "entidades/areas"
    form_fields = ["name", "slug", "description"]
    list_display = ["name", "slug", "description"]


class PublicServedViewSet(TaxonomyViewSet):
    model = PublicServed
    icon = "group"
    menu_label = gettext_lazy("Públicos atendidos")
    url_prefix = "entidades/publicos"
    form_fields = ["name", "slug"]
    list_display = ["name", "slug"]


class ReferenceTableViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """A Receita Federal table: staff consult it; the data migration loads it."""

    list_per_page = 100
    search_fields = ["code", "description"]

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            codename=f"view_{self.model._meta.model_name}",
        )


class LegalNatureViewSet(ReferenceTableViewSet):
    model = LegalNature
    icon = "list-ul"
    menu_label = gettext_lazy("Naturezas jurídicas")
    url_prefix = "entidades/naturezas-juridicas"
    list_display = [
        Column("code_display", label=gettext_lazy("Código"), sort_key="code"),
        "description",
        BooleanColumn("is_osc", label=gettext_lazy("Típica de OSC"), sort_key="is_osc"),
    ]
    list_filter = ["is_osc"]


class CnaeViewSet(ReferenceTableViewSet):
    model = Cnae
    icon = "list-ol"
    menu_label = gettext_lazy("CNAEs")
    url_prefix = "entidades/cnaes"
    list_display = [
        Column("code_display", label=gettext_lazy("Código"), sort_key="code"),
        "description",
    ]
