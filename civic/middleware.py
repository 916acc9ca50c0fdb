"""Request clean-up shared by every view.

`StripNulMiddleware` removes NUL characters from every query parameter and form
field (names and values) before any view, form or query sees them. PostgreSQL
refuses NUL in text ("A string literal cannot contain NUL"), so a `?q=a%00`
reaching a lookup was a server error; no legitimate input contains one. Stripping
rather than refusing keeps the rest of what the person typed.
"""

from __future__ import annotations

from django.http import QueryDict

NUL = "\x00"


def without_nul(data: QueryDict) -> QueryDict:
    """`data` itself when it holds no NUL, else a copy with every NUL removed."""
    if not any(
        NUL in key or any(NUL in value for value in values if isinstance(value, str))
        for key, values in data.lists()
    ):
        return data
    clean = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        clean.setlist(
            key.replace(NUL, ""),
            [v.replace(NUL, "") if isinstance(v, str) else v for v in values],
        )
    clean._mutable = False
    return clean


class StripNulMiddleware:
    """Strip NUL from GET and form POST data (see the module docstring)."""

    FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or NUL in query:
            request.GET = without_nul(request.GET)
        if request.method == "POST" and request.content_type in self.FORM_TYPES:
            # CsrfViewMiddleware parses the body of every such POST anyway.
            request.POST = without_nul(request.POST)
        return self.get_response(request)
