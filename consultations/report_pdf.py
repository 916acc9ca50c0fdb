"""The final report of a consultation as a PDF (WeasyPrint).

Nothing is fetched from the network: the only resources WeasyPrint may open are
the site's own static files (the Raleway font), by path. When the font files are
missing (`make assets` not run), the system's DejaVu Sans is used instead.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders

FONT_FILES = {
    400: "vendor/raleway/files/raleway-latin-{subset}400-normal.woff",
    600: "vendor/raleway/files/raleway-latin-{subset}600-normal.woff",
    700: "vendor/raleway/files/raleway-latin-{subset}700-normal.woff",
}


def _font_faces() -> tuple[str, list[Path]]:
    """@font-face rules pointing at the static font files, and their folders."""
    rules, roots = [], []
    for weight, pattern in FONT_FILES.items():
        for subset in ("", "ext-"):
            found = finders.find(pattern.format(subset=subset))
            if not found:
                continue
            path = Path(found).resolve()
            roots.append(path.parent)
            rules.append(
                "@font-face { font-family: 'Raleway'; font-style: normal; "
                f"font-weight: {weight}; src: url('{path.as_uri()}') format('woff'); }}"
            )
    return "\n".join(rules), roots


def _local_fetcher(roots: list[Path]):
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        """Opens static files by path; refuses everything else (no network)."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme != "file":
                raise ValueError(f"Refused to fetch {url!r}: no network in reports.")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in roots):
                raise ValueError(f"Refused to open {path}: not a static file.")
            return super().fetch(url, headers)

    return StaticOnlyFetcher(allowed_protocols={"file", "data"})


def render_report_pdf(html: str) -> bytes:
    """The PDF of the report's print HTML."""
    from weasyprint import CSS, HTML

    font_css, roots = _font_faces()
    fetcher = _local_fetcher(roots)
    stylesheets = [CSS(string=font_css, url_fetcher=fetcher)] if font_css else []
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=stylesheets)
