"""Every councils URL has a role-matrix test: a new view without one fails CI.

The URLs are every pattern of the `councils` namespace (the public pages and
the member area) and every Wagtail admin URL of the viewsets grouped under
"Conselhos" (their url_namespaces). A role-matrix test is a test module that
imports the eight roles (`ROLES` of tests/councils/conftest.py) and runs its
tests for each. A URL is covered when such a module names it:

- literally, `"councils:meeting"` or `"councils_meetings:attendance"`; or
- through a helper of its namespace, `reverse(f"councils_meetings:{name}")`
  (or `f"councils_{namespace}:{name}"` with the namespace written as
  `"meetings"`), with the URL's name written as a string: `url("attendance")`.

Grep, not a run: it says where a matrix is missing without running them.
"""

import re
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver

TESTS = Path(__file__).resolve().parents[1]
ROLE_NAMES = (
    "anonymous",
    "citizen",
    "entity_rep",
    "councillor",
    "secretary",
    "other_secretary",
    "staff_user",
    "superuser",
)


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            if namespace and inner:
                inner = f"{namespace}:{inner}"
            yield from _walk(pattern.url_patterns, inner or namespace)
        elif pattern.name and namespace:
            yield f"{namespace}:{pattern.name}"


def viewset_namespaces() -> set[str]:
    from councils.wagtail_hooks import CouncilsGroup

    return {viewset.url_namespace for viewset in CouncilsGroup.items}


def councils_url_names() -> list[str]:
    wanted = {"councils", *viewset_namespaces()}
    return sorted(
        name
        for name in _walk(get_resolver().url_patterns)
        if name.rsplit(":", 1)[0] in wanted
    )


def matrix_modules() -> dict[Path, str]:
    modules = {}
    for path in TESTS.rglob("test_*.py"):
        if path.name == Path(__file__).name:
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"^from \S*conftest import .*\bROLES\b", text, re.M):
            modules[path] = text
    return modules


def _quoted(word: str) -> str:
    return rf"[\"']{re.escape(word)}[\"']"


def names_it(text: str, url_name: str) -> bool:
    if f'"{url_name}"' in text or f"'{url_name}'" in text:
        return True
    namespace, name = url_name.rsplit(":", 1)
    short = namespace.removeprefix("councils_")
    helper = f"{namespace}:{{" in text or (
        "councils_{" in text and re.search(_quoted(short), text) is not None
    )
    return helper and re.search(_quoted(name), text) is not None


def test_the_roles_and_namespaces_are_the_expected_ones():
    from .conftest import ROLES

    assert ROLES == ROLE_NAMES
    # Every admin area of the councils is seen, and each has URLs.
    assert {
        "councils_councils",
        "councils_meetings",
        "councils_resolutions",
        "councils_elections",
    } <= viewset_namespaces()
    names = councils_url_names()
    for namespace in viewset_namespaces():
        assert any(name.startswith(f"{namespace}:") for name in names), namespace
    assert "councils:detail" in names
    assert len(matrix_modules()) >= 5


def test_the_rule_recognises_literal_and_helper_names():
    helper = (
        'def url(name):\n    return reverse(f"councils_meetings:{name}")\nurl("hold")'
    )
    assert names_it(helper, "councils_meetings:hold")
    assert not names_it(helper, "councils_meetings:votes")
    assert not names_it(helper, "councils_resolutions:hold")
    assert names_it('reverse("councils:meeting", args=[1])', "councils:meeting")
    assert not names_it('reverse("councils:meeting_document")', "councils:meeting")
    generic = 'reverse(f"councils_{namespace}:{name}")\nu("seats", "usage")'
    assert names_it(generic, "councils_seats:usage")
    assert not names_it(generic, "councils_terms:usage")


@pytest.mark.parametrize("url_name", councils_url_names())
def test_every_councils_url_has_a_role_matrix_test(url_name):
    modules = matrix_modules()
    assert any(names_it(text, url_name) for text in modules.values()), (
        f"{url_name} is in no role-matrix test. Add it to a test that runs for "
        f"each of {', '.join(ROLE_NAMES)} (see tests/councils/conftest.py)."
    )
