"""Read use cases of the site shell: menu, legal links, breadcrumbs.

The layout renders on every page, so these selectors run a fixed number of
queries whatever the amount of content, and memoise their result on the request.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, PageViewRestriction, Site

# Slugs of the pages the footer and the accessibility bar always link to; they
# are created by `home.setup.ensure_site_content()` as children of the home page.
LEGAL_PAGE_SLUGS = {
    "about": "sobre",
    "terms": "termos-de-uso",
    "privacy": "privacidade",
    "accessibility": "acessibilidade",
}


@dataclass(frozen=True)
class NavLink:
    title: str
    url: str
    page_id: int


@dataclass
class SiteNavigation:
    # The platform's sections (entities, consultations, open data...), from
    # settings.CIVIC_MAIN_MENU, before the editorial pages marked show_in_menus.
    sections: list[NavLink] = field(default_factory=list)
    menu: list[NavLink] = field(default_factory=list)
    # Keyed by the names of LEGAL_PAGE_SLUGS; a missing page has no entry.
    legal: dict[str, NavLink] = field(default_factory=dict)


def _relative_url(page: Page, root: Page) -> str:
    """URL of a page inside the current site, computed without a query."""
    return reverse("wagtail_serve", args=(page.url_path[len(root.url_path) :],))


def page_url(*, page: Page, request: HttpRequest | None) -> str:
    """Relative URL of a page of the request's site without Wagtail's site-root
    lookup (a cache read, and a query when cold); other pages use `get_url`."""
    site = Site.find_for_request(request) if request is not None else None
    if (
        site is not None
        and page.url_path
        and page.url_path.startswith(site.root_page.url_path)
    ):
        return _relative_url(page, site.root_page)
    return page.get_url(request) or ""


def site_navigation(*, request: HttpRequest | None) -> SiteNavigation:
    """Menu pages (show_in_menus) and legal pages of the request's site.

    One query, once per request.
    """
    if request is not None and hasattr(request, "_civic_site_navigation"):
        return request._civic_site_navigation

    navigation = SiteNavigation(sections=_sections())
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = (
            Site.objects.select_related("root_page")
            .filter(is_default_site=True)
            .first()
        )
    if site is not None:
        root = site.root_page
        slugs = set(LEGAL_PAGE_SLUGS.values())
        # One query: restricted pages are left out with a subquery instead of
        # `.public()`, which costs a query of its own. A restriction above the
        # home page makes the whole site private, so only the pages' own count.
        pages = (
            Page.objects.child_of(root)
            .live()
            .filter(Q(show_in_menus=True) | Q(slug__in=slugs))
            .exclude(pk__in=PageViewRestriction.objects.values("page_id"))
            .only("id", "title", "slug", "url_path", "show_in_menus", "path")
            .order_by("path")
        )
        by_slug = {}
        for page in pages:
            link = NavLink(
                title=page.title, url=_relative_url(page, root), page_id=page.pk
            )
            if page.show_in_menus:
                navigation.menu.append(link)
            by_slug[page.slug] = link
        navigation.legal = {
            name: by_slug[slug]
            for name, slug in LEGAL_PAGE_SLUGS.items()
            if slug in by_slug
        }

    if request is not None:
        request._civic_site_navigation = navigation
    return navigation


def _sections() -> list[NavLink]:
    links = []
    for url_name, label in settings.CIVIC_MAIN_MENU:
        try:
            links.append(NavLink(title=str(label), url=reverse(url_name), page_id=0))
        except NoReverseMatch:
            continue
    return links


def page_ancestors(*, page: Page, request: HttpRequest | None) -> list[NavLink]:
    """Ancestors of a page below the site's home page, top-down (one query at most)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return []
    root = site.root_page
    if page.depth <= root.depth + 1 or not page.path.startswith(root.path):
        return []
    ancestors = (
        Page.objects.ancestor_of(page)
        .filter(depth__gt=root.depth)
        .only("id", "title", "url_path", "path")
        .order_by("path")
    )
    return [
        NavLink(
            title=ancestor.title, url=_relative_url(ancestor, root), page_id=ancestor.pk
        )
        for ancestor in ancestors
    ]
