"""What the review queues share: a read-only listing, one inspect page where
staff decide, and the private file of each record shown in place."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from civic.viewsets import ReadOnlyViewSetMixin


class ReviewQueueViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """A queue staff work through; records change only through the services."""

    inspect_view_enabled = True
    list_per_page = 50
    # The private file each record carries: its route, URL name and view.
    file_route: str
    file_url_name: str
    file_view_class: type

    @property
    def file_view(self):
        return self.construct_view(self.file_view_class)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(self.file_route, self.file_view, name=self.file_url_name),
        ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            file_url_name=self.get_url_name(self.file_url_name), **kwargs
        )


class ReviewPageView(InspectView):
    """One record laid out by its own template, where staff decide on it."""

    inspect_url_name = None
    file_url_name = None

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
        if not self.user_has_permission("review"):
            raise PermissionDenied
        return self.decide(request)

    def decide(self, request):
        """Validate the decision, call the service, report the outcome."""
        raise NotImplementedError
