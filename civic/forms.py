"""Site-wide form rendering in the gov.br Design System style."""

from django.forms.renderers import TemplatesSetting


class GovBrFormRenderer(TemplatesSetting):
    """Render every Django form with the project's gov.br field templates."""
