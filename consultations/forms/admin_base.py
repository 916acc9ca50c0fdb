"""What the admin forms of consultations and events share."""

from __future__ import annotations

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class SlugFromTitleMixin:
    """An optional slug: left blank, it is made from the title, unique among
    the model's rows (`-2`, `-3`... when taken)."""

    slug_fallback = "item"
    slug_path = "/…/"

    def setup_slug(self) -> None:
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Parte final do endereço (%(path)s). Deixe em branco para gerar a "
                "partir do título."
            ) % {"path": self.slug_path}

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if slug:
            return slug
        title = self.cleaned_data.get("title") or self.data.get("title") or ""
        base = slugify(title)[:100].strip("-") or self.slug_fallback
        slug, n = base, 2
        taken = type(self.instance)._default_manager.exclude(pk=self.instance.pk)
        while taken.filter(slug=slug).exists():
            slug = f"{base}-{n}"
            n += 1
        return slug
