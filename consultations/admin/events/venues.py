"""The places where events happen ("Participação" → "Locais"): address,
bairro, capacity, accessibility. URL namespace `consultations_venues`. Venues
are never deleted here (there is no rule for it): past events keep theirs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView

from ... import services
from ...forms.admin_events import VenueAdminForm
from ...models import Venue
from ..common import ServiceSaveMixin, StaffModelViewSet


class VenueIndexView(IndexView):
    page_title = gettext_lazy("Locais")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("bairro")


class VenueFormMixin(ServiceSaveMixin):
    error_message = gettext_lazy("O local não foi salvo: corrija os campos indicados.")

    def save_instance(self):
        return services.venue_save(venue=self.form.instance, actor=self.request.user)


class VenueCreateView(VenueFormMixin, CreateView):
    page_title = gettext_lazy("Novo local")
    success_message = gettext_lazy("Local “%(object)s” cadastrado.")


class VenueEditView(VenueFormMixin, EditView):
    success_message = gettext_lazy("Local “%(object)s” salvo.")


class VenueViewSet(StaffModelViewSet):
    """List, add and edit venues."""

    model = Venue
    icon = "site"
    menu_label = gettext_lazy("Locais")
    url_prefix = "participacao/locais"
    form_class = VenueAdminForm
    index_view_class = VenueIndexView
    add_view_class = VenueCreateView
    edit_view_class = VenueEditView
    search_fields = ["name", "address"]
    list_display = [
        "name",
        Column("address", label=gettext_lazy("Endereço")),
        Column("bairro", label=gettext_lazy("Bairro")),
        Column("capacity", label=gettext_lazy("Lotação"), sort_key="capacity"),
        BooleanColumn("step_free_access", label=gettext_lazy("Sem degraus")),
    ]
