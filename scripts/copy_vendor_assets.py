#!/usr/bin/env python3
"""Copy the front-end files the site serves from node_modules into static/vendor/.

Run after `npm ci`. Standard library only, so it works before the virtualenv has
anything installed. static/vendor/ is generated (and gitignored): the npm lock
file is the single record of which versions the site ships, and nothing is ever
loaded from a CDN.

Every file a copied stylesheet references through url() is copied too, because
the manifest static storage refuses to collect a stylesheet whose fonts are
missing.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"

# gov.br DS sets `--font-family-base: Rawline, Raleway, sans-serif`; Rawline is
# not on npm, so Raleway is the face people see. Portuguese needs only the
# latin and latin-ext subsets.
RALEWAY_WEIGHTS = (400, 600, 700)
RALEWAY_SUBSETS = ("latin-ext", "latin")

URL_RE = re.compile(r"url\((?P<quote>['\"]?)(?P<url>[^'\")]+)(?P=quote)\)")


def _copy(src: Path, dest: Path) -> None:
    if not src.is_file():
        raise FileNotFoundError(f"{src} is missing: run `npm ci` first.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)


def _referenced_files(css: str) -> set[str]:
    """Relative paths referenced by url() in a stylesheet, without query or hash."""
    found = set()
    for match in URL_RE.finditer(css):
        url = match.group("url").split("?", 1)[0].split("#", 1)[0]
        if url and not url.startswith(("data:", "http:", "https:", "//", "/")):
            found.add(url)
    return found


def copy_govbr_ds() -> None:
    dist = NODE_MODULES / "@govbr-ds" / "core" / "dist"
    dest = VENDOR / "govbr-ds"
    # The source maps come along: the minified files reference them, and the
    # manifest static storage refuses to collect a file whose reference is missing.
    for name in ("core.min.css", "core.min.css.map", "core.min.js", "core.min.js.map"):
        _copy(dist / name, dest / name)
    _copy(NODE_MODULES / "@govbr-ds" / "core" / "LICENSE", dest / "LICENSE")


def copy_fontawesome() -> None:
    package = NODE_MODULES / "@fortawesome" / "fontawesome-free"
    dest = VENDOR / "fontawesome"
    css_path = package / "css" / "all.min.css"
    _copy(css_path, dest / "css" / "all.min.css")
    for relative in _referenced_files(css_path.read_text(encoding="utf-8")):
        _copy(
            (css_path.parent / relative).resolve(), (dest / "css" / relative).resolve()
        )
    _copy(package / "LICENSE.txt", dest / "LICENSE.txt")


def copy_raleway() -> None:
    package = NODE_MODULES / "@fontsource" / "raleway"
    dest = VENDOR / "raleway"
    parts = ["/* Raleway (SIL OFL 1.1) from @fontsource/raleway, latin subsets. */"]
    for weight in RALEWAY_WEIGHTS:
        for subset in RALEWAY_SUBSETS:
            css_path = package / f"{subset}-{weight}.css"
            if not css_path.is_file():
                raise FileNotFoundError(f"{css_path} is missing: run `npm ci` first.")
            css = css_path.read_text(encoding="utf-8")
            for relative in _referenced_files(css):
                _copy(package / relative, dest / relative)
            parts.append(css.strip())
    (dest / "raleway.css").write_text("\n".join(parts) + "\n", encoding="utf-8")
    _copy(package / "LICENSE", dest / "LICENSE")


def main() -> int:
    if not NODE_MODULES.is_dir():
        print("node_modules/ not found: run `npm ci` first.", file=sys.stderr)
        return 1
    if VENDOR.exists():
        # Start clean so a file dropped by a new package version does not linger.
        shutil.rmtree(VENDOR)
    try:
        copy_govbr_ds()
        copy_fontawesome()
        copy_raleway()
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    count = sum(1 for path in VENDOR.rglob("*") if path.is_file())
    print(f"Copied {count} files into {VENDOR.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
