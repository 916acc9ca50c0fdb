"""Who works for which body ("Fale com a SRSC" → "Servidores dos órgãos"):
the SRSC team links a staff member to a body, so that person sees the
demands forwarded to it."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from consultations.admin.common import StaffModelViewSet

from ..models import BodyMember


class BodyMemberForm(WagtailAdminModelForm):
    class Meta:
        model = BodyMember
        fields = ["body", "user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people with some admin role: never the whole citizen list.
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__isnull=False)
            .distinct()
            .order_by("full_name")
        )


class BodyMemberViewSet(StaffModelViewSet):
    model = BodyMember
    icon = "group"
    menu_label = gettext_lazy("Servidores dos órgãos")
    url_prefix = "fale-conosco/orgaos"
    form_class = BodyMemberForm
    list_display = ["user", "body", "added_at"]
    list_filter = ["body"]
