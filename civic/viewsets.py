"""What the admin viewsets of every app share.

`ReadOnlyViewSetMixin` is for records that are never created, edited or
deleted in the admin (registrations under review, contributions, the email
outbox): they change only through their services and workflow actions, each
with its own view. The viewset keeps the listing and, when enabled, the
inspect view; no URL or link to a writing view exists.

`DecisionPageView` is such an inspect view laid out by its own template,
where staff decide on the record: each decision is a POST to the same
address, which goes through a service.
"""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.views.generic import InspectView
from wagtail.permissions import policy_registry

# Views that do not exist on a read-only viewset; no link may point at them.
WRITING_VIEWS = ("add", "edit", "delete", "copy", "history", "usage")


class ReadOnlyViewSetMixin:
    """A listing (and an inspect view when enabled), nothing that writes."""

    add_to_reference_index = False
    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in WRITING_VIEWS:
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_permissions_to_register(self):
        # Permissions come from the rules (civic.permissions), not from
        # Django's add/change/delete rows offered in the group editor.
        return Permission.objects.none()

    @property
    def url_finder_class(self):
        """Admin links to a record open its inspect view, the only one there is."""
        inspect_url_name = (
            self.get_url_name("inspect") if self.inspect_view_enabled else None
        )

        class ReadOnlyURLFinder(ModelAdminURLFinder):
            def construct_edit_url(self, instance):
                if inspect_url_name is None:
                    return None
                return reverse(inspect_url_name, args=(quote(instance.pk),))

            def get_edit_url(self, instance):
                policy = policy_registry.get(instance)
                if self.user and not policy.user_has_permission_for_instance(
                    self.user, "view", instance
                ):
                    return None
                return self.construct_edit_url(instance)

        return ReadOnlyURLFinder

    def get_urlpatterns(self):
        urlpatterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]
        if self.inspect_view_enabled:
            urlpatterns.append(path("<int:pk>/", self.inspect_view, name="inspect"))
        return urlpatterns


class DecisionPageView(InspectView):
    """One record laid out by its own template, where staff decide on it."""

    inspect_url_name = None
    # The admin action a decision needs besides the page's own permission;
    # the service each decision calls checks the rest.
    decision_permission: str | None = None

    def load(self, pk):
        """The record with everything the page shows (a selector)."""
        raise NotImplementedError

    def get_object(self, queryset=None):
        try:
            return self.load(self.pk)
        except ObjectDoesNotExist:
            raise Http404 from None

    def get_fields_context(self):
        # The template lays the record out itself (and hides what staff must not see).
        return []

    @cached_property
    def inspect_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def post(self, request, *args, **kwargs):
        permission = self.decision_permission
        if permission and not self.user_has_permission(permission):
            raise PermissionDenied
        return self.decide(request)

    def decide(self, request):
        """Validate the decision, call the service, report the outcome."""
        raise NotImplementedError
