"""Hostile input is data, not a crash: a crawl of every URL pattern.

The resolver is walked, so a new URL is covered with no further work. Each
pattern gets a concrete address (found by following the site's links from the
demo data, else built from the values other addresses used for the same
parameter), and is then requested, signed in as a citizen:

- GET with hostile values (NUL, 100k characters, unicode, SQL, template
  syntax, numbers beyond 64 bits, repeated parameters) in every query parameter
  the view reads (recorded while the view runs) or a GET form on the page names;
- POST with hostile values in every field of every form the page renders
  (parsed from the HTML), files included.

Any server error or exception fails the test, listing each request. The values
are sampled (NUL and a huge number always, the others in rotation) to keep the
run under a minute on SQLite. Run it on PostgreSQL too, which refuses NUL in text.
"""

from __future__ import annotations

import io
import itertools
import time
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import QueryDict
from django.test import Client
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)
from django.urls.exceptions import Resolver404

pytestmark = pytest.mark.django_db(transaction=False)

# Not crawled, with the reason. Everything else the resolver knows is.
EXCLUDED_PREFIXES = (
    "admin/",  # the Wagtail admin: staff only, behind MFA; not public
    "django-admin/",  # superusers only
    "static/",
    "media/",
)
EXCLUDED_NAMES = {
    "account_logout": "would sign the crawler out",
    "accounts:delete": "would erase the crawler's account",
}

HOSTILE = {
    "nul": "a\x00b",
    "huge_int": "9" * 40,
    "long": "x" * 100_000,
    "unicode": "ç\u0301ão 🙂 \u202egnp.exe \ufeff \U0010ffff",
    "sql": "' OR '1'='1' --; DROP TABLE x; \\",
    "template": "{{ request.user }}{% debug %}${7*7}<script>alert(1)</script>",
    "negative": "-1",
    "date": "2026-02-30T25:61",
    "path": "../../../../etc/passwd",
}
ALWAYS = ("nul", "huge_int")
ROTATING = [k for k in HOSTILE if k not in ALWAYS]
PER_URL_ROTATING = 1
MAX_PAGES_DISCOVERED = 300
MAX_POST_FORMS_PER_ROUTE = 3


# -- the resolver ---------------------------------------------------------------


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            child = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), child)
        elif isinstance(entry, URLPattern):
            name = entry.name and (
                f"{namespace}:{entry.name}" if namespace else entry.name
            )
            yield prefix + str(entry.pattern), name, entry


def url_patterns() -> dict[str, tuple[str | None, URLPattern]]:
    """Every crawled route (the resolver's pattern string), with its name."""
    routes = {}
    for route, name, entry in _walk(get_resolver().url_patterns):
        if route.lstrip("^").startswith(EXCLUDED_PREFIXES) or name in EXCLUDED_NAMES:
            continue
        routes[route] = (name, entry)
    return routes


def route_of(path: str) -> tuple[str, dict] | None:
    """The resolver's route for a path, and its keyword arguments."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route, match.kwargs


# -- HTML -----------------------------------------------------------------------


class PageParser(HTMLParser):
    """Links and forms of a page (enough of them for a crawl)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "method": a.get("method", "get").lower(),
                "action": a.get("action", ""),
                "fields": {},
                "files": set(),
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select"):
            name = a.get("name")
            if not name:
                return
            kind = a.get("type", "text").lower() if tag == "input" else tag
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind == "file":
                self._form["files"].add(name)
            else:
                self._form["fields"][name] = a.get("value", "")
            if tag == "select":
                self._select = name

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def parse(response) -> PageParser:
    parser = PageParser()
    if "html" in response.get("Content-Type", ""):
        parser.feed(response.content.decode("utf-8", "replace"))
    return parser


def local_path(href: str, base: str) -> str | None:
    """A same-site path from an href, or None."""
    parts = urlsplit(href)
    if parts.scheme not in ("", "http", "https") or (
        parts.netloc and parts.netloc != "testserver"
    ):
        return None
    path = parts.path or base
    if not path.startswith("/"):
        return None
    return path


# -- recording the query parameters a view reads ---------------------------------


class ReadKeys:
    """Record every key looked up in a QueryDict while a view runs."""

    def __init__(self, monkeypatch):
        self.keys: set[str] = set()
        recorder = self

        def wrap(method):
            def recorded(self, key, *args, **kwargs):
                if isinstance(key, str):
                    recorder.keys.add(key)
                return method(self, key, *args, **kwargs)

            return recorded

        for attr in ("__getitem__", "get", "getlist", "__contains__"):
            monkeypatch.setattr(QueryDict, attr, wrap(getattr(QueryDict, attr)))


# -- the crawl ------------------------------------------------------------------


class Crawl:
    def __init__(self, client: Client, user):
        self.client = client
        self.user = user
        self.failures: list[str] = []
        self.requests = 0

    def request(self, method: str, path: str, data=None) -> object | None:
        self.requests += 1
        try:
            if method == "get":
                response = self.client.get(path, data or {})
            else:
                response = self.client.post(path, data or {})
        except Exception as error:  # any exception is the finding
            self.failures.append(
                f"{method.upper()} {path[:200]} {data_repr(data)}: {error!r}"[:500]
            )
            return None
        if response.status_code >= 500:
            self.failures.append(
                f"{method.upper()} {path[:200]} {data_repr(data)}: {response.status_code}"
            )
        # A form may sign the crawler out (a password change); sign back in.
        if "_auth_user_id" not in self.client.session:
            self.client.force_login(self.user)
        return response


def data_repr(data) -> str:
    if not data:
        return ""
    return repr(
        {
            k: (str(v)[:20] if not hasattr(v, "read") else "<file>")
            for k, v in (data.items() if hasattr(data, "items") else data)
        }
    )[:200]


def discover(crawl: Crawl, routes) -> dict[str, str]:
    """One concrete path per route, following links from the routes without
    arguments; then the kwargs seen, by name, fill in the others."""
    found: dict[str, str] = {}
    values: dict[str, list] = defaultdict(list)
    queue = ["/"]
    for name, _entry in routes.values():
        if name:
            try:
                queue.append(reverse(name))
            except NoReverseMatch:
                pass
    seen: set[str] = set()
    while queue and len(seen) < MAX_PAGES_DISCOVERED:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        matched = route_of(path)
        if matched is None:
            continue
        route, kwargs = matched
        for key, value in kwargs.items():
            if value not in values[key]:
                values[key].append(value)
        if route in found or route not in routes:
            continue
        response = crawl.request("get", path)
        if response is None or response.status_code >= 400:
            continue
        found.setdefault(route, path)
        for href in parse(response).links:
            link = local_path(href, path)
            if link and link not in seen and (matched := route_of(link)):
                if matched[0] not in found:
                    queue.append(link)
                for key, value in matched[1].items():
                    if value not in values[key]:
                        values[key].append(value)
    for route, (name, entry) in routes.items():
        if route in found or not name:
            continue
        # path() converters, else a re_path's named groups, else its positional ones.
        regex = getattr(entry.pattern, "regex", None)
        keys = list(entry.pattern.converters) or list(regex.groupindex if regex else [])
        positional = not keys and regex is not None and regex.groups
        slots = range(regex.groups) if positional else keys
        candidates = [values.get(k, [])[:3] or [1, "x"] for k in slots]
        fallback = None
        for combo in itertools.islice(itertools.product(*candidates), 9):
            try:
                if positional:
                    path = reverse(name, args=[str(v) for v in combo])
                else:
                    path = reverse(name, kwargs=dict(zip(keys, combo, strict=True)))
            except NoReverseMatch:
                continue
            fallback = fallback or path
            response = crawl.request("get", path)
            if response is not None and response.status_code != 404:
                found[route] = path
                break
        else:
            if fallback:
                found[route] = fallback
    return found


def hostile_sample(index: int) -> list[str]:
    rotating = [
        ROTATING[(index * PER_URL_ROTATING + i) % len(ROTATING)]
        for i in range(PER_URL_ROTATING)
    ]
    return [*ALWAYS, *rotating]


def attack(crawl: Crawl, found: dict[str, str], monkeypatch) -> dict[str, int]:
    """GET and POST hostile values at every route found; returns counts."""
    counts = {"get": 0, "post": 0, "params": 0, "forms": 0}
    # The same form on many pages (language switcher, follow buttons) once.
    posted_forms: set[tuple] = set()
    for index, (route, path) in enumerate(sorted(found.items())):
        with monkeypatch.context() as patch:
            recorder = ReadKeys(patch)
            response = crawl.request("get", path)
        if response is None:
            continue
        page = parse(response)
        keys = set(recorder.keys)
        for form in page.forms:
            if form["method"] == "get":
                keys |= set(form["fields"])
        keys = {k for k in keys if k and not k.startswith("csrf")}
        counts["params"] += len(keys)
        sample = hostile_sample(index)
        for kind in sample if keys else []:
            value = HOSTILE[kind]
            query = urlencode(dict.fromkeys(sorted(keys), value))
            crawl.request("get", f"{path}?{query}")
            counts["get"] += 1
        if keys:
            # Repeated parameters, and two hostile values at once.
            repeated = "&".join(
                urlencode([(k, HOSTILE["nul"]), (k, HOSTILE["huge_int"])])
                for k in sorted(keys)
            )
            crawl.request("get", f"{path}?{repeated}")
            counts["get"] += 1
        posted = 0
        for form in page.forms:
            if form["method"] != "post" or posted >= MAX_POST_FORMS_PER_ROUTE:
                continue
            action = local_path(form["action"], path) or path
            target = route_of(action)
            if target is None or (target[0] not in found and target[0] != route):
                continue
            name = resolve(action).view_name
            signature = (target[0], tuple(sorted(form["fields"])))
            if name in EXCLUDED_NAMES or signature in posted_forms:
                continue
            posted_forms.add(signature)
            posted += 1
            counts["forms"] += 1
            for kind in sample:
                data = {
                    k: HOSTILE[kind] for k in form["fields"] if not k.startswith("csrf")
                }
                for field in form["files"]:
                    data[field] = SimpleUploadedFile(
                        "x.html", b"<script>alert(1)</script>\x00", "text/html"
                    )
                crawl.request("post", action, data)
                counts["post"] += 1
    return counts


@pytest.fixture
def demo_citizen(db):
    """The demo data (every module) and its citizen, who also represents entities."""
    from civic.accounts.demo import DEMO_CITIZEN_EMAIL
    from civic.accounts.models import User
    from entities.models import Representative
    from entities.partnerships.models import Call
    from tests.factories.partnerships import CallFactory, PartnershipFactory

    call_command("load_demo", stdout=io.StringIO())
    citizen = User.objects.get(email=DEMO_CITIZEN_EMAIL)
    entity = Representative.objects.filter(user=citizen).first().entity
    call = CallFactory()
    Call.objects.filter(pk=call.pk).update(status=Call.Status.PUBLISHED)
    PartnershipFactory(entity=entity)
    # A demand of the citizen, so "Minhas demandas" links one (the crawl learns
    # a protocol number for the routes that take one).
    from tests.factories.dialogue import open_demand

    open_demand(citizen)
    return citizen


def test_no_server_error_on_hostile_input(demo_citizen, monkeypatch, settings):
    settings.DEBUG = False
    started = time.monotonic()
    client = Client(raise_request_exception=True)
    client.force_login(demo_citizen)
    crawl = Crawl(client, demo_citizen)
    routes = url_patterns()
    found = discover(crawl, routes)
    missing = sorted(set(routes) - set(found))
    counts = attack(crawl, found, monkeypatch)
    elapsed = time.monotonic() - started
    print(
        f"\nhostile crawl: {len(found)}/{len(routes)} routes, {crawl.requests} requests "
        f"({counts}), {elapsed:.0f} s"
    )
    assert not crawl.failures, "\n".join(crawl.failures)
    # Every route was requested (routes with no name cannot be reversed).
    assert [r for r in missing if routes[r][0]] == []
