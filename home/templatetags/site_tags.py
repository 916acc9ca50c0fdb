"""Template tags of the site shell: navigation, settings, cache-safe CSRF token."""

from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html
from wagtail.models import Site

from civic.cache import CSRF_PLACEHOLDER, is_cache_candidate
from home.models import SiteSettings
from home.selectors import page_ancestors, page_url, site_navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def get_site_navigation(context):
    """Menu and legal links of the current site (memoised per request)."""
    return site_navigation(request=context.get("request"))


@register.simple_tag(takes_context=True)
def get_page_ancestors(context, page):
    """Breadcrumb ancestors of a Wagtail page, below the home page."""
    if page is None or not getattr(page, "pk", None):
        return []
    return page_ancestors(page=page, request=context.get("request"))


@register.simple_tag(takes_context=True)
def local_pageurl(context, page):
    """Like `{% pageurl %}`, without a query for pages of the current site."""
    if page is None:
        return ""
    return page_url(page=page, request=context.get("request"))


@register.simple_tag(takes_context=True)
def get_site_settings(context):
    """The site's SiteSettings, or unsaved defaults when no Site matches."""
    request = context.get("request")
    if request is not None and Site.find_for_request(request) is not None:
        return SiteSettings.for_request(request)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return SiteSettings.for_site(site)
    return SiteSettings()


@register.simple_tag(takes_context=True)
def csrf_token_cacheable(context):
    """A CSRF hidden input that is safe inside pages the anonymous cache stores.

    On a cacheable request the stored HTML gets a placeholder that
    `civic.cache.AnonymousPageCacheMiddleware` swaps for each visitor's own token.
    """
    request = context.get("request")
    if request is None:
        return ""
    token = CSRF_PLACEHOLDER if is_cache_candidate(request) else get_token(request)
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token
    )


@register.filter
def as_count(value) -> int:
    """A non-negative int from a number, a lazy number or nothing (missing = 0)."""
    try:
        return max(int(str(value)), 0)
    except (TypeError, ValueError):
        return 0


@register.filter
def startswith(value, prefix) -> bool:
    """Whether a string starts with a non-empty prefix (menu section highlighting)."""
    return bool(prefix) and str(value).startswith(str(prefix))


@register.filter
def phone_href(value) -> str:
    """A tel: target from a displayed Brazilian number: +55 and digits only."""
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    if not digits:
        return ""
    if digits.startswith("55") and len(digits) > 11:
        return f"+{digits}"
    return f"+55{digits}"
