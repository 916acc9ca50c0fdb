"""System checks: every registered kind ships its three email templates."""

from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from .registry import all_kinds


@checks.register(checks.Tags.templates)
def check_kind_templates(app_configs=None, **kwargs):
    errors = []
    for kind in all_kinds():
        for name in kind.templates:
            try:
                get_template(name)
            except TemplateDoesNotExist:
                errors.append(
                    checks.Error(
                        f"Notification kind {kind.slug!r} is missing template {name!r}.",
                        hint="Add <app>/emails/<name>_subject.txt, .txt and .html.",
                        id="notifications.E001",
                    )
                )
    return errors
