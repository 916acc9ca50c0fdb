"""Whole-page cache of Wagtail pages for anonymous visitors.

Anonymous visitors are most of the traffic (a consultation announced on the
radio, a council agenda shared on WhatsApp), and they all see the same HTML. The
first anonymous request for a page renders it; later ones are answered from the
default cache without touching the database (one cache read; on the database
cache backend that read is itself the only query). Named Django views listed in
the CIVIC_PAGE_CACHE_URL_NAMES setting (the entity directory and profiles) are
cached the same way.

Two layers: the shared cache (the `pages` alias: its own Redis database with
an LRU policy, or the database cache without Redis) and each process's own
memory, so a hit normally costs no network round trip. The key keeps only the
query parameters the view reads (CIVIC_PAGE_CACHE_QUERY_PARAMS), sorted, so
junk parameters cannot fill the cache; free-text searches are never stored.

Invalidation is by *generation*: every stored page carries the generation that
was current when it started rendering, and a lookup only accepts an entry of the
current generation. Publishing, unpublishing, moving or deleting a page, or
saving the site settings, moves to a new generation, so every anonymous visitor
sees the change on the next request. Apps register the models the public sees
with `register_public_models()`; their saves and deletes invalidate on commit.

What is never cached: requests that carry a session or a pending flash message,
requests with credentials, anything but GET/HEAD, responses other than 200,
responses that set a cookie, touched the session or used the CSRF token, and
responses marked private or no-cache (Wagtail marks restricted pages so).

Forms on cacheable pages (the language switcher in the footer) use
`{% csrf_token_cacheable %}`: the stored HTML holds a placeholder that this
middleware replaces with the visitor's own token on every response, so no two
visitors ever share a token.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import setting_changed
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "civic:pagecache:generation"
PAGE_KEY_PREFIX = "civic:pagecache:page:"
# Stands in for the CSRF token in stored HTML; replaced on every response.
CSRF_PLACEHOLDER = "civic-csrf-placeholder-7f1c3e9a"
CACHE_HEADER = "X-Cache"
WAGTAIL_SERVE_URL_NAME = "wagtail_serve"

# The CACHES alias of the page cache: its own Redis database (or instance),
# with an LRU policy and a memory cap, never the broker's (docs/deployment.md).
PAGE_CACHE_ALIAS = "pages"

_UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store")
_DROPPED_HEADERS = {"content-length", CACHE_HEADER.lower()}


class _PageCache:
    """The page cache's backend: the `pages` alias, or `default` where a
    configuration (a test's) has no such alias."""

    def _backend(self):
        alias = PAGE_CACHE_ALIAS if PAGE_CACHE_ALIAS in settings.CACHES else "default"
        return caches[alias]

    def __getattr__(self, name):
        return getattr(self._backend(), name)

    def __setattr__(self, name, value):
        setattr(self._backend(), name, value)

    def __delattr__(self, name):
        delattr(self._backend(), name)


cache = _PageCache()


# Each server process keeps the pages it served in memory too, and remembers the
# current generation for CIVIC_PAGE_CACHE_LOCAL_SECONDS: a hit then costs no
# network round trip at all. Another process's invalidation reaches this one
# within that time; this process's own is seen at once.
_local_pages = LocMemCache(
    "civic-page-cache", {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 500}}
)
_local_generation: dict[str, float | str | None] = {"value": None, "checked_at": 0.0}


def _local_seconds() -> float:
    return getattr(settings, "CIVIC_PAGE_CACHE_LOCAL_SECONDS", 1.0)


def _remember_generation(value: str) -> str:
    _local_generation["value"] = value
    _local_generation["checked_at"] = time.monotonic()
    return value


def current_generation() -> str:
    """The generation stored pages must carry to be served."""
    value = _local_generation["value"]
    if (
        value is not None
        and time.monotonic() - _local_generation["checked_at"] < _local_seconds()
    ):
        return value
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY, value)
    return _remember_generation(value)


def private(response: HttpResponse) -> HttpResponse:
    """Mark a response as one person's own (or a staff preview): no shared cache,
    this one included, ever stores it."""
    response["Cache-Control"] = "private, no-store"
    return response


def invalidate_public_pages() -> None:
    """Make every cached anonymous page stale at once (call after a public change)."""
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, timeout=None)
    _remember_generation(generation)


# Models whose rows the public sees (pages, directory, API, calendars): each
# app registers its own in its `receivers` module. tests/home/
# test_cache_invalidation.py walks every model of the public apps, so a new
# model is either registered here or listed there as private, with the reason.
_public_models: set[type[models.Model]] = set()
_never_shown: dict[type[models.Model], Callable[[models.Model], bool]] = {}


def _invalidate_after_commit(sender=None, instance=None, **kwargs) -> None:
    never_shown = _never_shown.get(sender)
    if never_shown is not None and instance is not None and never_shown(instance):
        return
    transaction.on_commit(invalidate_public_pages)


def register_public_models(
    *public: type[models.Model],
    never_shown: Callable[[models.Model], bool] | None = None,
) -> None:
    """Every save, delete and many-to-many change of these models, whoever
    makes it (a service, a plain admin edit view, a script), starts a new
    generation once the transaction commits. `never_shown(instance)` says a
    row the public has never seen (a contribution waiting for moderation)."""
    for model in public:
        _public_models.add(model)
        if never_shown is not None:
            _never_shown[model] = never_shown
        post_save.connect(_invalidate_after_commit, sender=model, weak=False)
        post_delete.connect(_invalidate_after_commit, sender=model, weak=False)
        for m2m in model._meta.local_many_to_many:
            m2m_changed.connect(
                _invalidate_after_commit, sender=m2m.remote_field.through, weak=False
            )


def public_models() -> frozenset[type[models.Model]]:
    """The models registered with `register_public_models()`."""
    return frozenset(_public_models)


@receiver(setting_changed)
def _forget_local_state(*, setting, **kwargs):
    # Tests swap the cache configuration; this process's memory must follow.
    if setting in {
        "CACHES",
        "CIVIC_PAGE_CACHE_LOCAL_SECONDS",
        "CIVIC_PAGE_CACHE_ENABLED",
    }:
        _local_pages.clear()
        _local_generation.update(value=None, checked_at=0.0)


def mark_page_response_cacheable(request: HttpRequest) -> None:
    """Tell the middleware that this request is being answered by a Wagtail page."""
    request._civic_page_cacheable = True


def is_cache_candidate(request: HttpRequest) -> bool:
    """Whether this request may be answered from, or stored in, the page cache."""
    return bool(getattr(request, "_civic_page_cache_candidate", False))


def _timeout() -> int:
    return getattr(settings, "CIVIC_PAGE_CACHE_TIMEOUT", 60 * 60)


def _enabled() -> bool:
    return getattr(settings, "CIVIC_PAGE_CACHE_ENABLED", True)


def _opted_in_view_names() -> frozenset[str]:
    """Named Django views ("app:name") cached whole like Wagtail pages.

    Such a view must render the same HTML for every anonymous visitor of a URL
    (the parameters it reads, declared in CIVIC_PAGE_CACHE_QUERY_PARAMS,
    included) and its data must invalidate the cache when it changes.
    """
    return frozenset(getattr(settings, "CIVIC_PAGE_CACHE_URL_NAMES", ()))


def query_params(view_name: str) -> frozenset[str]:
    """The query parameters a cached view reads (CIVIC_PAGE_CACHE_QUERY_PARAMS);
    any other is left out of the key, as the view ignores it."""
    declared = getattr(settings, "CIVIC_PAGE_CACHE_QUERY_PARAMS", {})
    return frozenset(declared.get(view_name, ()))


def _unstored(request: HttpRequest, allowed: frozenset[str]) -> bool:
    """A free-text parameter (a search) is present: answer, but neither read
    nor store a copy, so endless values cannot fill the cache."""
    names = getattr(settings, "CIVIC_PAGE_CACHE_UNSTORED_PARAMS", ())
    return any(request.GET.get(name, "").strip() for name in names if name in allowed)


def _page_key(request: HttpRequest, allowed: frozenset[str]) -> str:
    """Host, path, the allowed parameters sorted by name and value, language."""
    query = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name in allowed
        for value in values
    )
    raw = "|".join(
        [
            request.get_host(),
            request.path,
            repr(query),
            translation.get_language() or "",
        ]
    )
    return PAGE_KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


class AnonymousPageCacheMiddleware:
    """Serve and store whole Wagtail pages for anonymous visitors.

    Must sit after LocaleMiddleware (the language is part of the key) and
    CsrfViewMiddleware (whose cookie handling wraps the token filled in here), and
    before AuthenticationMiddleware, so a hit costs no session or user lookup.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view_name = self._candidate_view_name(request)
        if view_name is None:
            return self.get_response(request)
        allowed = query_params(view_name)
        if _unstored(request, allowed):
            return self.get_response(request)

        request._civic_page_cache_candidate = True
        if view_name in _opted_in_view_names():
            # A named Django view listed in CIVIC_PAGE_CACHE_URL_NAMES opts in as a
            # whole; Wagtail pages opt in per request through the serve hook.
            mark_page_response_cacheable(request)
        # A broken CSRF cookie is replaced before the view runs; then we cannot
        # tell whether the page used the token, so such a response is not stored.
        csrf_dirty_before = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        key = _page_key(request, allowed)
        generation = current_generation()
        entry = _local_pages.get(key)
        if entry is None or entry[0] != generation:
            entry = cache.get(key)
            if entry is not None and entry[0] == generation:
                _local_pages.set(key, entry, _timeout())
        if entry is not None and entry[0] == generation:
            response = self._response_from_entry(entry)
            response[CACHE_HEADER] = "HIT"
            return self._finish(request, response)

        response = self.get_response(request)
        if getattr(request, "_civic_page_cacheable", False):
            if not csrf_dirty_before and self._may_store(request, response):
                entry = self._entry(generation, response)
                cache.set(key, entry, _timeout())
                _local_pages.set(key, entry, _timeout())
            response[CACHE_HEADER] = "MISS"
        return self._finish(request, response)

    @staticmethod
    def _candidate_view_name(request: HttpRequest) -> str | None:
        """The view name of a request the cache may answer, else None."""
        if not _enabled() or request.method not in ("GET", "HEAD"):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        # A flash message waiting in a cookie must be rendered, not a stored page.
        if "messages" in request.COOKIES:
            return None
        if "HTTP_AUTHORIZATION" in request.META:
            return None
        # Only Wagtail's page view and opted-in views; others never pay a cache read.
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
        if match.view_name == WAGTAIL_SERVE_URL_NAME or match.view_name in (
            _opted_in_view_names()
        ):
            return match.view_name
        return None

    @staticmethod
    def _may_store(request: HttpRequest, response: HttpResponse) -> bool:
        if request.method != "GET" or response.status_code != 200:
            return False
        if response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # the page used the CSRF token: it is per visitor
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in _UNCACHEABLE_CONTROL):
            return False
        return response.get("Vary", "").strip() != "*"

    @staticmethod
    def _entry(generation: str, response: HttpResponse) -> tuple:
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _DROPPED_HEADERS
        ]
        return (generation, response.status_code, headers, response.content)

    @staticmethod
    def _response_from_entry(entry: tuple) -> HttpResponse:
        _generation, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response

    @staticmethod
    def _finish(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        # Signed-in visitors get other HTML for the same URL: tell HTTP caches.
        patch_vary_headers(response, ("Cookie",))
        if response.streaming or "html" not in response.get("Content-Type", ""):
            return response
        placeholder = CSRF_PLACEHOLDER.encode()
        if placeholder in response.content:
            token = get_token(request).encode()
            response.content = response.content.replace(placeholder, token)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
