"""Idempotent creation of the site's home page, institutional pages and settings."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, Site

from civic.accounts.rules import STAFF_GROUP
from civic.cache import invalidate_public_pages
from home import content
from home.models import HomePage, SiteSettings, StandardPage

STAFF_GROUP_NAME = STAFF_GROUP
# The SRSC team edits and publishes the editorial pages (not delete, not lock).
STAFF_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


@dataclass
class SetupReport:
    created: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.created)


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _ensure_home(report: SetupReport) -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    tree_root = Page.get_first_root_node()
    data = content.HOME
    home = HomePage(
        title=data["title"],
        slug=data["slug"],
        hero_title=data["hero_title"],
        intro=data["intro"],
        hero_cta_label=data["hero_cta_label"],
        search_description=data["search_description"],
        body=data["body"],
    )
    tree_root.add_child(instance=home)
    _publish(home)
    report.created.append(f"HomePage {home.title!r}")
    return home


def _site_address() -> tuple[str, int]:
    parts = urlsplit(settings.SITE_URL)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def _ensure_site(home: HomePage, report: SetupReport) -> Site:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    hostname, port = _site_address()
    if site is None:
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            site_name="Participa Betim",
            root_page=home,
            is_default_site=True,
        )
        report.created.append(f"Site {hostname}:{port}")
        return site

    old_root = site.root_page
    changed = []
    if site.root_page_id != home.pk:
        site.root_page = home
        changed.append("root_page")
    if not site.site_name:
        site.site_name = "Participa Betim"
        changed.append("site_name")
    # Wagtail's migration creates `localhost:80`; sitemap URLs need the real host.
    if site.hostname == "localhost" and (hostname, port) != ("localhost", 80):
        site.hostname, site.port = hostname, port
        changed += ["hostname", "port"]
    if changed:
        site.save()
        report.created.append(f"Site updated ({', '.join(changed)})")

    # Remove Wagtail's placeholder "Welcome" page once nothing points at it.
    if (
        old_root.pk != home.pk
        and type(old_root.specific) is Page
        and old_root.numchild == 0
        and not Site.objects.filter(root_page=old_root).exists()
    ):
        old_root.delete()
        report.created.append("removed Wagtail's welcome page")
    return site


def _ensure_standard_pages(home: HomePage, report: SetupReport) -> dict[str, Page]:
    existing = {page.slug: page for page in home.get_children()}
    pages = {}
    for data in content.STANDARD_PAGES:
        page = existing.get(data["slug"])
        if page is None:
            page = StandardPage(
                title=data["title"],
                slug=data["slug"],
                intro=data["intro"],
                body=data["body"],
                search_description=data.get("search_description", ""),
                show_in_menus=data.get("show_in_menus", False),
            )
            home.add_child(instance=page)
            _publish(page)
            report.created.append(f"StandardPage {page.slug!r}")
        pages[data["slug"]] = page
    return pages


def _link_home_to_about(home: HomePage, pages: dict[str, Page]) -> None:
    """Point the new home page's button and highlights at the pages just created."""
    about = pages.get("sobre")
    home.hero_cta_page = about
    directory = {
        "type": "highlight",
        "value": {
            "title": "Entidades da sociedade civil",
            "text": "Conheça as organizações e coletivos que atuam em Betim, ou cadastre a sua.",
            "icon": "hands-helping",
            "page": None,
            "url": "/entidades/",
        },
    }
    home.highlights = [directory] + [
        {
            "type": "highlight",
            "value": {
                "title": title,
                "text": text,
                "icon": icon,
                "page": pages[slug].pk,
                "url": "",
            },
        }
        for slug, title, text, icon in [
            (
                "sobre",
                "Como funciona",
                "Conheça os canais de participação social da Prefeitura de Betim.",
                "users",
            ),
            (
                "privacidade",
                "Seus dados",
                "Saiba como seus dados pessoais são protegidos e como exercer seus direitos.",
                "user-shield",
            ),
            (
                "acessibilidade",
                "Acessibilidade",
                "Atalhos de teclado, alto contraste e outros recursos do site.",
                "universal-access",
            ),
        ]
        if slug in pages
    ]
    _publish(home)


def _ensure_staff_permissions(home: HomePage, report: SetupReport) -> None:
    group = Group.objects.filter(name=STAFF_GROUP_NAME).first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=STAFF_PAGE_PERMISSIONS
    )
    for permission in permissions:
        _, created = GroupPagePermission.objects.get_or_create(
            group=group, page=home, permission=permission
        )
        if created:
            report.created.append(f"{group.name}: {permission.codename}")


@transaction.atomic
def ensure_site_content() -> SetupReport:
    """Create what the site needs to run; leave alone whatever already exists.

    Running it again changes nothing (pages edited in the admin stay as edited).
    """
    report = SetupReport()
    home_existed = HomePage.objects.exists()
    home = _ensure_home(report)
    site = _ensure_site(home, report)
    pages = _ensure_standard_pages(home, report)
    if not home_existed:
        _link_home_to_about(home, pages)
    _, settings_created = SiteSettings.objects.get_or_create(site=site)
    if settings_created:
        report.created.append("SiteSettings")
    _ensure_staff_permissions(home, report)
    if report:
        transaction.on_commit(invalidate_public_pages)
    return report
