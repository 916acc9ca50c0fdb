"""Wagtail admin: the email outbox, read-only, with a retry action for failures.

Rows to people and rows to addresses without an account (invitations) share
the one list; the "Para" column shows the person or the address.

Failed rows are the dead-letter queue. Who may see the list and retry a row
is decided by the rules in `rules.py`, asked through the shared policy.
"""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton, MenuItem
from wagtail.permissions import register_permission_policy

from civic.permissions import RulesPermissionPolicy
from civic.viewsets import ReadOnlyViewSetMixin

from .choices import DeliveryStatus
from .models import EmailDelivery
from .services import delivery_retry

register_permission_policy(EmailDelivery, RulesPermissionPolicy(EmailDelivery))


class EmailDeliveryIndexView(IndexView):
    retry_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("notification", "recipient")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "retry", instance
        ):
            buttons.append(
                MenuItem(
                    _("Tentar novamente"),
                    url=reverse(self.retry_url_name, args=[instance.pk]),
                    icon_name="resubmit",
                    priority=5,
                )
            )
        return buttons


class EmailDeliveryInspectView(InspectView):
    retry_url_name = None

    def get_header_buttons(self):
        buttons = super().get_header_buttons()
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "retry", self.object
        ):
            buttons.append(
                HeaderButton(
                    _("Tentar novamente"),
                    url=reverse(self.retry_url_name, args=[self.object.pk]),
                    icon_name="resubmit",
                )
            )
        return buttons


class EmailDeliveryRetryView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Confirm (GET) and re-queue (POST) one failed email."""

    model = EmailDelivery
    permission_required = "retry"
    template_name = "notifications/admin/retry_confirm.html"
    page_title = _("Tentar enviar novamente")
    header_icon = "mail"
    index_url_name = None
    retry_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(EmailDelivery, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            can_retry=self.object.status == DeliveryStatus.FAILED,
            action_url=reverse(self.retry_url_name, args=[self.object.pk]),
            index_url=reverse(self.index_url_name),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if delivery_retry(delivery_id=self.object.pk, by=request.user):
            messages.success(request, _("O e-mail voltou para a fila de envio."))
        else:
            messages.warning(request, _("Só e-mails com falha podem ser reenviados."))
        return redirect(self.index_url_name)


class EmailDeliveryViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """The outbox for staff: filter by status, inspect, retry the failed ones."""

    model = EmailDelivery
    icon = "mail"
    menu_label = _("Fila de e-mails")
    menu_order = 900
    add_to_settings_menu = True
    inspect_view_enabled = True
    index_view_class = EmailDeliveryIndexView
    inspect_view_class = EmailDeliveryInspectView
    list_display = [
        "__str__",
        "to",
        "notification",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status"]
    list_per_page = 50
    inspect_view_fields = [
        "notification",
        "to",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "due_at",
        "queued_at",
        "sent_at",
        "message_id",
        "digest",
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            retry_url_name=self.get_url_name("retry"), **kwargs
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            retry_url_name=self.get_url_name("retry"), **kwargs
        )

    @property
    def retry_view(self):
        return self.construct_view(
            EmailDeliveryRetryView,
            index_url_name=self.get_url_name("index"),
            retry_url_name=self.get_url_name("retry"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("retry/<int:pk>/", self.retry_view, name="retry"),
        ]

    def get_permissions_to_register(self):
        """Only the permissions that mean something here: view and retry."""
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(EmailDelivery),
            codename__in=["view_emaildelivery", "retry_emaildelivery"],
        )


@hooks.register("register_admin_viewset")
def register_email_delivery_viewset():
    return EmailDeliveryViewSet("email_deliveries")
