"""Public views of the site shell that are not Wagtail pages."""

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Page

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200
# The councils' resolutions found for the same words, shown beside the pages.
SEARCH_RESOLUTIONS = 5


@require_GET
def search(request):
    """Full-text search over the live, public pages of the site."""
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results_page = None
    paginator = None
    resolutions = []
    if query:
        from councils.selectors.resolutions import resolutions_search

        resolutions = list(resolutions_search(q=query)[:SEARCH_RESOLUTIONS])
        results = (
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .defer_streamfields()
            .specific()
            .search(query)
        )
        paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
        results_page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "home/search_results.html",
        {
            "search_query": query,
            "results_page": results_page,
            "result_count": paginator.count if paginator else 0,
            "resolutions": resolutions,
        },
    )


@require_GET
def robots_txt(request):
    """Crawling rules: the public site yes, personal and admin areas no."""
    # Rendered without the request: no context processors, no queries.
    content = render_to_string(
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
    )
    return HttpResponse(content, content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: point them at the icon."""
    # Resolved per request: the manifest storage only knows hashed names after
    # collectstatic, so this must not run at import time.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
