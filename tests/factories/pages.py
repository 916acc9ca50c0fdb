"""Helpers that build Wagtail pages for the home tests."""

from home.models import StandardPage


def add_standard_page(parent, *, title, slug=None, publish=False, **fields):
    """A live StandardPage under `parent`; `publish` goes through a revision."""
    page = StandardPage(
        title=title, slug=slug or title.lower().replace(" ", "-"), **fields
    )
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page
