"""What the review queues share: a read-only listing, one inspect page where
staff decide, and the private file of each record shown in place."""

from __future__ import annotations

from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet

from civic.viewsets import DecisionPageView, ReadOnlyViewSetMixin


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


class ReviewPageView(DecisionPageView):
    """A record of a review queue, with its private file shown in place."""

    decision_permission = "review"
    file_url_name = None
