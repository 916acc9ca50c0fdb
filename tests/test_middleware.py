"""civic/middleware.py: NUL never reaches a view, a form or a query."""

import pytest
from django.test import RequestFactory

from civic.middleware import StripNulMiddleware


def _seen(request):
    return request


@pytest.mark.parametrize("method", ["get", "post"])
def test_nul_is_stripped_from_keys_and_values(method):
    factory = RequestFactory()
    data = {"q": "a\x00b", "x\x00y": ["1\x00", "2"]}
    request = getattr(factory, method)("/busca/", data)
    seen = StripNulMiddleware(_seen)(request)
    params = seen.GET if method == "get" else seen.POST
    assert params["q"] == "ab"
    assert params.getlist("xy") == ["1", "2"]
    assert "\x00" not in params.urlencode()


def test_clean_requests_are_left_alone():
    request = RequestFactory().get("/busca/", {"q": "associação"})
    before = request.GET
    assert StripNulMiddleware(_seen)(request).GET is before
