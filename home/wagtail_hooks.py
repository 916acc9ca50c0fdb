from wagtail import hooks

from civic.cache import mark_page_response_cacheable


@hooks.register("before_serve_page")
def allow_anonymous_page_cache(page, request, serve_args, serve_kwargs):
    """Let the page cache store this response (it still checks who asked and how)."""
    mark_page_response_cacheable(request)
