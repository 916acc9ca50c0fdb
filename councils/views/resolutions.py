"""The public pages of resolutions: a council's list (year, subject, words),
one resolution with its links and its PDF, and the search across councils.

Only published resolutions (and revoked ones, marked) are public; a draft has
no number and so no address. The pages are the same for every anonymous
visitor and are kept by the page cache (CIVIC_PAGE_CACHE_URL_NAMES); the
workflow invalidates it on publication and revocation. The PDF leaves through
`civic.downloads`.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from civic.downloads import stored_file_response
from civic.pagination import paginate

from ..forms.resolutions import MAX_YEAR, ResolutionFilterForm, ResolutionSearchForm
from ..models import Council, Resolution
from ..selectors.resolutions import (
    resolution_public,
    resolution_years,
    resolutions_search,
)
from ..services.resolution_pdf import resolution_pdf_ensure, resolution_pdf_filename

# Beyond these a number cannot exist: a 404 without asking the database.
MAX_NUMBER = 999_999


class ResolutionListBase(TemplateView):
    """A filtered, paginated list of public resolutions."""

    form_class = ResolutionFilterForm

    def base_filters(self) -> dict:
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.form_class(self.request.GET or None)
        filters = form.filters()
        pages = paginate(
            resolutions_search(**{**filters, **self.base_filters()}),
            settings.COUNCILS_PAGE_SIZE,
            self.request,
        )
        context.update(
            form=form,
            page_obj=pages["page_obj"],
            page_range=pages["page_range"],
            resolutions=pages["objects"],
            is_filtered=bool(filters),
        )
        return context


class CouncilResolutionListView(ResolutionListBase):
    """`/conselhos/<slug>/resolucoes/`: the council's resolutions."""

    template_name = "councils/resolutions/list.html"

    @cached_property
    def council(self) -> Council:
        return get_object_or_404(Council, slug=self.kwargs["slug"])

    def base_filters(self) -> dict:
        return {"council": self.council}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            council=self.council, years=resolution_years(council=self.council)
        )
        return context


class ResolutionSearchView(ResolutionListBase):
    """`/conselhos/resolucoes/`: find a resolution of any council by words."""

    template_name = "councils/resolutions/search.html"
    form_class = ResolutionSearchForm


class ResolutionMixin:
    """The public resolution the URL names (404 for a draft or none)."""

    @cached_property
    def resolution(self) -> Resolution:
        year, number = self.kwargs["year"], self.kwargs["number"]
        if not (0 < year <= MAX_YEAR and 0 < number <= MAX_NUMBER):
            raise Http404
        council = get_object_or_404(Council, slug=self.kwargs["slug"])
        try:
            return resolution_public(council=council, year=year, number=number)
        except Resolution.DoesNotExist:
            raise Http404 from None


class ResolutionDetailView(ResolutionMixin, TemplateView):
    """`/conselhos/<slug>/resolucoes/<ano>/<numero>/`: the full text."""

    template_name = "councils/resolutions/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resolution = self.resolution
        context.update(resolution=resolution, council=resolution.council)
        return context


class ResolutionPdfView(ResolutionMixin, View):
    """`/conselhos/<slug>/resolucoes/<ano>/<numero>.pdf`: the PDF rendered at
    publication (rendered now if the task has not run yet)."""

    def get(self, request, *args, **kwargs):
        resolution = resolution_pdf_ensure(self.resolution.pk)
        if resolution is None:
            raise Http404
        return stored_file_response(
            resolution.pdf,
            filename=resolution_pdf_filename(resolution),
            private=False,
        )
