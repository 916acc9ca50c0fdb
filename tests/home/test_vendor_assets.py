"""scripts/copy_vendor_assets.py copies what the layout loads, fonts included."""

import importlib.util
from pathlib import Path

import pytest
from django.core.management import call_command

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "copy_vendor_assets.py"


@pytest.fixture
def script(monkeypatch, tmp_path):
    spec = importlib.util.spec_from_file_location("copy_vendor_assets", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "ROOT", tmp_path)
    monkeypatch.setattr(module, "NODE_MODULES", tmp_path / "node_modules")
    monkeypatch.setattr(module, "VENDOR", tmp_path / "static" / "vendor")
    return module


def _write(path: Path, text: str = "x") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _fake_node_modules(root: Path) -> None:
    dist = root / "@govbr-ds" / "core" / "dist"
    _write(dist / "core.min.css", ".br-header{}")
    _write(dist / "core.min.js")
    _write(dist / "core.min.css.map")
    _write(dist / "core.min.js.map")
    _write(root / "@govbr-ds" / "core" / "LICENSE")
    fa = root / "@fortawesome" / "fontawesome-free"
    _write(
        fa / "css" / "all.min.css",
        "@font-face{src:url(../webfonts/fa-solid-900.woff2) format('woff2'),url(../webfonts/fa-solid-900.eot?#iefix)}",
    )
    _write(fa / "webfonts" / "fa-solid-900.woff2")
    _write(fa / "webfonts" / "fa-solid-900.eot")
    _write(fa / "LICENSE.txt")
    raleway = root / "@fontsource" / "raleway"
    _write(raleway / "LICENSE")
    for weight in (400, 600, 700):
        for subset in ("latin", "latin-ext"):
            name = f"raleway-{subset}-{weight}-normal"
            _write(
                raleway / f"{subset}-{weight}.css",
                f"@font-face{{src:url(./files/{name}.woff2)}}",
            )
            _write(raleway / "files" / f"{name}.woff2")


def test_copies_stylesheets_scripts_and_every_referenced_font(script, tmp_path):
    _fake_node_modules(tmp_path / "node_modules")

    assert script.main() == 0

    vendor = tmp_path / "static" / "vendor"
    for relative in (
        "govbr-ds/core.min.css",
        "govbr-ds/core.min.js",
        "govbr-ds/core.min.js.map",
        "fontawesome/css/all.min.css",
        "fontawesome/webfonts/fa-solid-900.woff2",
        "fontawesome/webfonts/fa-solid-900.eot",
        "raleway/raleway.css",
        "raleway/files/raleway-latin-700-normal.woff2",
    ):
        assert (vendor / relative).is_file(), relative
    raleway_css = (vendor / "raleway" / "raleway.css").read_text()
    assert raleway_css.count("@font-face") == 6


def test_stale_vendor_files_are_removed(script, tmp_path):
    _fake_node_modules(tmp_path / "node_modules")
    _write(tmp_path / "static" / "vendor" / "old" / "gone.css")

    script.main()

    assert not (tmp_path / "static" / "vendor" / "old").exists()


def test_fails_clearly_without_npm_install(script, tmp_path, capsys):
    assert script.main() == 1
    assert "npm ci" in capsys.readouterr().err


def test_layout_loads_only_files_the_script_produces():
    template = (SCRIPT.parents[1] / "templates" / "base.html").read_text()

    for path in (
        "vendor/govbr-ds/core.min.css",
        "vendor/govbr-ds/core.min.js",
        "vendor/fontawesome/css/all.min.css",
        "vendor/raleway/raleway.css",
    ):
        assert f"{{% static '{path}' %}}" in template


@pytest.mark.skipif(
    not (
        SCRIPT.parents[1] / "static" / "vendor" / "govbr-ds" / "core.min.css"
    ).is_file(),
    reason="static/vendor/ not built: run `make assets`",
)
def test_production_static_storage_collects_every_asset(settings, tmp_path):
    """The manifest storage fails on any url() or source map it cannot find."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        },
    }

    call_command("collectstatic", "--noinput", verbosity=0)

    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    for name in (
        "vendor/govbr-ds/core.min.css",
        "vendor/fontawesome/webfonts/fa-solid-900.woff2",
        "vendor/raleway/raleway.css",
        "css/site.css",
        "js/site.js",
    ):
        assert f'"{name}"' in manifest
