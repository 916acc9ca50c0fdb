"""Keep the anonymous page cache in step with published content."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from civic.cache import invalidate_public_pages, register_public_models
from home.models import SiteSettings


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(published)
@receiver(unpublished)
def invalidate_on_publication(**kwargs):
    """A page or snippet changed what the public sees."""
    invalidate_public_pages()


@receiver(post_save)
def invalidate_on_live_page_save(sender, instance, **kwargs):
    """A live page saved outside the publish action (scripts, setup, tree fixes)."""
    if isinstance(instance, Page) and instance.live:
        invalidate_public_pages()


@receiver(post_save, sender=SiteSettings)
def invalidate_on_settings_change(created, **kwargs):
    """Footer and contact blocks show the settings.

    A row created on the fly (the first request of a site) holds the defaults the
    page was already rendered with, so creating one changes nothing public.
    """
    if not created:
        invalidate_public_pages()


@receiver(post_delete, sender=Page)
def invalidate_on_page_delete(**kwargs):
    """Menus, footer and legal links are on every page."""
    invalidate_public_pages()


register_public_models(
    Site,
    # Alt text and document titles are rendered inside pages.
    get_image_model(),
    get_document_model(),
    # A page or a collection of documents made private (login, password,
    # groups) must stop being served from the cache at once.
    PageViewRestriction,
    CollectionViewRestriction,
)
