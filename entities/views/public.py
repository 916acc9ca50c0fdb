"""The public directory of entities and their public profiles.

Both pages are the same for every anonymous visitor of a URL, so the anonymous
page cache stores them whole (CIVIC_PAGE_CACHE_URL_NAMES); the services call
invalidate_public_pages() whenever what they show changes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from civic.pagination import page_of

from ..models import Entity
from ..public_filters import DirectoryFilterForm
from ..selectors import (
    directory_filter_options,
    directory_page,
    entities_directory,
    entity_public_profile,
    has_representatives,
)

# A search or filter counts its results up to this many: beyond it the page
# says "more than 1,000" and offers 50 pages, which keeps counting cheap on a
# large registry (docs/performance.md).
DIRECTORY_COUNT_CAP = 1000


class CountedPaginator(Paginator):
    """A paginator given its count (a bounded count made by the selector)."""

    def __init__(self, object_list, per_page, *, count: int, capped: bool = False):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # fills the cached_property
        self.capped = capped
        self.cap = count


class DirectoryView(TemplateView):
    """`/entidades/`: search and filter the approved entities, a page at a time."""

    template_name = "entities/directory.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        options = directory_filter_options()
        form = DirectoryFilterForm(self.request.GET or None, options=options)
        filters = form.selector_kwargs()
        if filters:
            result = directory_page(cap=DIRECTORY_COUNT_CAP, **filters)
            paginator = CountedPaginator(
                result.entities,
                settings.ENTITIES_DIRECTORY_PAGE_SIZE,
                count=result.count,
                capped=result.capped,
            )
        else:
            # The whole directory is counted exactly (an index-only count).
            paginator = Paginator(
                entities_directory(), settings.ENTITIES_DIRECTORY_PAGE_SIZE
            )
        pages = page_of(paginator, self.request)
        context.update(
            form=form,
            page_obj=pages["page_obj"],
            page_range=pages["page_range"],
            entities=pages["objects"],
            is_filtered=bool(filters),
            search_query=filters.get("q", ""),
        )
        return context


class ProfileView(TemplateView):
    """`/entidades/<slug>/`: the public fields of one entity.

    Only approved entities are public. Their representatives and reviewers may
    also preview an unpublished one, with a notice; anyone else gets a 404, so
    the URL does not reveal that a draft exists.
    """

    template_name = "entities/detail.html"

    def get_entity(self) -> Entity:
        slug = self.kwargs["slug"]
        try:
            return entity_public_profile(slug=slug)
        except Entity.DoesNotExist:
            pass
        user = self.request.user
        if user.is_authenticated:
            try:
                entity = entity_public_profile(slug=slug, listed_only=False)
            except Entity.DoesNotExist:
                raise Http404 from None
            if user.has_perm("entities.view_entity", entity):
                return entity
        raise Http404(_("Entidade não encontrada."))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entity = self.get_entity()
        user = self.request.user
        context.update(
            entity=entity,
            is_preview=not entity.is_listed,
            has_representative=has_representatives(entity=entity),
            can_manage=user.is_authenticated
            and user.has_perm("entities.view_entity_dashboard", entity),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            # An unpublished registration must never land in a shared cache.
            response["Cache-Control"] = "private, no-store"
        return response
